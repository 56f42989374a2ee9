"""Reply → Matrix content: plain body, escaped HTML, numbered choices, files."""

from __future__ import annotations

from adapters.matrix.render import file_content, text_content, to_html
from bot.messages import Choice, Reply, escape_markup


def test_markup_becomes_html_after_escaping() -> None:
    html = to_html("**CCP1** : _voir_ https://www.francecompetences.fr/x.\n<b>ok</b> & co")
    assert "<b>CCP1</b>" in html
    assert "<i>voir</i>" in html
    assert (
        '<a href="https://www.francecompetences.fr/x">https://www.francecompetences.fr/x</a>.'
        in html
    )
    assert "&lt;b&gt;ok&lt;/b&gt; &amp; co" in html
    assert "<br>" in html


def test_user_text_never_turns_into_markup() -> None:
    typed = escape_markup("<script>**x**</script> _y_")
    html = to_html(f"Vous avez écrit : {typed}")
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<i>" not in html


def test_choices_are_a_numbered_list_in_body_and_html() -> None:
    reply = Reply(
        "**Que voulez-vous ?**", choices=(Choice("Aide", "help:"), Choice("Quitter", "q"))
    )
    content = text_content(reply)
    assert content["msgtype"] == "m.text"
    assert content["format"] == "org.matrix.custom.html"
    assert content["body"].startswith("Que voulez-vous ?\n\n1. Aide\n2. Quitter")
    assert "**" not in content["body"]
    assert "1. Aide<br>2. Quitter" in content["formatted_body"]


def test_url_with_underscores_is_not_italicised() -> None:
    html = to_html("voir https://example.org/un_deux_trois")
    assert 'href="https://example.org/un_deux_trois"' in html
    assert "<i>" not in html


def test_files_use_url_in_clear_rooms_and_file_when_encrypted() -> None:
    clear = file_content("dp.docx", "application/x", 10, "mxc://s/a", None)
    assert clear["url"] == "mxc://s/a"
    assert clear["msgtype"] == "m.file"
    keys = {"key": {"k": "x"}, "iv": "i", "hashes": {"sha256": "h"}, "v": "v2"}
    secret = file_content("dp.docx", "application/x", 10, "mxc://s/b", keys)
    assert "url" not in secret
    assert secret["file"]["url"] == "mxc://s/b"
    assert secret["file"]["iv"] == "i"


def test_a_picture_is_sent_as_an_image_shown_inline() -> None:
    chart = file_content("couverture.png", "image/png", 10, "mxc://s/c", None)
    assert chart["msgtype"] == "m.image"
    assert file_content("scan.pdf", "application/pdf", 10, "mxc://s/d", None)["msgtype"] == (
        "m.file"
    )


def test_commands_are_shown_as_matrix_users_type_them() -> None:
    """Element keeps "/" for its own commands; the core reads "!aide" as well as "/aide"."""
    tail = " Voir https://x.fr/aide, et/ou le 12/05."
    content = text_content(Reply("Tapez /aide ou /cohorte lier." + tail))
    assert content["body"] == "Tapez !aide ou !cohorte lier." + tail
    assert 'href="https://x.fr/aide"' in content["formatted_body"]
