"""The evidence journal through the core: logging, viewing, editing, exporting, privacy."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import time_machine
from docx import Document
from sqlalchemy import func, select

from bot.app import Mentor
from bot.journal.coverage import coverage_text
from bot.messages import Reply
from bot.storage.models import JournalEntry
from tests.support.chat import choice, group, joined, press, private, say


async def entry_count(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        return int((await session.execute(select(func.count(JournalEntry.id)))).scalar_one())


async def entries(mentor: Mentor) -> list[JournalEntry]:
    async with mentor.db.session() as session:
        return list((await session.execute(select(JournalEntry))).scalars())


async def pick(mentor: Mentor, replies: list[Reply], code: str, user: str = "u1") -> list[Reply]:
    """Toggle a competency, through "Autre compétence…" when it was not suggested."""
    if not any(code in c.label for r in replies for c in r.choices):
        replies = await press(mentor, choice(replies, "Autre"), user=user)
    return await press(mentor, choice(replies, code), user=user)


async def log_quick(mentor: Mentor, text: str, code: str, user: str = "u1") -> None:
    replies = await say(mentor, f"/preuve {text}", user=user)
    replies = await pick(mentor, replies, code, user=user)
    replies = await press(mentor, choice(replies, "Valider"), user=user)
    replies = await press(mentor, choice(replies, "Enregistrer"), user=user)
    assert "enregistrée" in joined(replies)


async def test_quick_log_suggests_likely_competencies(mentor: Mentor) -> None:
    replies = await say(
        mentor, "/preuve J'ai animé un atelier smartphone pour 8 seniors à la médiathèque"
    )
    labels = [c.label for r in replies for c in r.choices]
    assert any(label.startswith("C1.4") for label in labels)
    assert len([label for label in labels if label.startswith("C")]) <= 3


async def test_quick_log_saves_one_entry_with_the_picked_competencies(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve Atelier smartphone pour 8 seniors à la médiathèque")
    replies = await press(mentor, choice(replies, "C1.4"))
    assert "✅ C1.4" in " ".join(c.label for r in replies for c in r.choices)
    replies = await press(mentor, choice(replies, "Autre"))
    replies = await press(mentor, choice(replies, "C1.3"))
    replies = await press(mentor, choice(replies, "Valider"))
    assert "C1.3" in joined(replies)
    assert "C1.4" in joined(replies)
    replies = await press(mentor, choice(replies, "Enregistrer"))
    assert "Preuve n°" in joined(replies)
    rows = await entries(mentor)
    assert len(rows) == 1
    assert rows[0].competencies == ["C1.3", "C1.4"]
    assert rows[0].text == "Atelier smartphone pour 8 seniors à la médiathèque"


async def test_guided_log_walks_through_every_step(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve")
    assert "Qu'avez-vous fait" in joined(replies)
    replies = await say(mentor, "Partenariat signé avec le CCAS pour orienter les usagers")
    assert "Quand" in joined(replies)
    replies = await say(mentor, "hier")
    assert "public" in joined(replies)
    replies = await say(mentor, "Les agents d'accueil du CCAS")
    assert "conditions" in joined(replies)
    replies = await say(mentor, "Deux réunions d'une heure à la mairie")
    assert "moyens" in joined(replies)
    replies = await say(mentor, "Une fiche d'orientation partagée")
    assert "structure" in joined(replies)
    replies = await say(mentor, "Médiathèque Jules-Verne, espace numérique")
    assert "compétence" in joined(replies)
    replies = await pick(mentor, replies, "C2.3")
    replies = await press(mentor, choice(replies, "Valider"))
    assert "résultat" in joined(replies)
    replies = await say(mentor, "12 personnes orientées en un mois")
    assert "Récapitulatif" in joined(replies)
    assert "Médiathèque Jules-Verne" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    (row,) = await entries(mentor)
    assert row.audience == "Les agents d'accueil du CCAS"
    assert row.result == "12 personnes orientées en un mois"
    assert row.competencies == ["C2.3"]
    assert row.conditions == "Deux réunions d'une heure à la mairie"
    assert row.means == "Une fiche d'orientation partagée"
    assert row.organisation == "Médiathèque Jules-Verne, espace numérique"


async def test_every_optional_step_can_be_skipped(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve")
    replies = await say(mentor, "Mise à jour des postes de l'espace")
    replies = await press(mentor, choice(replies, "Aujourd'hui"))
    for _ in ("who", "conditions", "means", "organisation"):
        replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Je ne sais pas"))
    replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Enregistrer"))
    (row,) = await entries(mentor)
    assert row.competencies == []
    assert row.audience == ""
    assert row.result == ""
    assert (row.conditions, row.means, row.organisation, row.ended_on) == (None,) * 4


async def test_numbered_answers_drive_the_dialog_without_buttons(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    asked = await say(mentor, "Budget prévisionnel de l'espace pour 2027")
    today = next(c.number for r in asked for c in r.choices if c.label == "Aujourd'hui")
    assert f"{today}. Aujourd'hui" in asked[-1].numbered_text()
    replies = await say(mentor, str(today))
    assert "public" in joined(replies)


async def test_cancel_at_any_step_saves_nothing(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Un atelier")
    replies = await say(mentor, "/annuler")
    assert "annulé" in joined(replies)
    assert await entry_count(mentor) == 0
    assert "rien à annuler" in joined(await say(mentor, "/annuler"))


async def test_future_and_unclear_dates_get_a_clear_message_and_the_step_stays(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Un atelier")
    assert "futur" in joined(await say(mentor, "31/12/2099"))
    assert "pas compris" in joined(await say(mentor, "bientôt peut-être"))
    assert "public" in joined(await say(mentor, "12/03"))


async def test_unknown_competency_code_is_refused(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve Atelier tablette")
    text = joined(await say(mentor, "C4.9"))
    assert "n'existe pas" in text
    replies = await say(mentor, "c1.4, c1.3")
    assert "Récapitulatif" in joined(replies)
    assert "C1.3" in joined(replies)


async def test_huge_entry_is_refused_whole_and_nothing_is_saved(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    text = joined(await say(mentor, "x" * 5000))
    assert "trop long" in text
    assert "5000" in text
    assert await entry_count(mentor) == 0
    assert "Quand" in joined(await say(mentor, "Un texte de taille normale"))


async def test_starting_a_second_dialog_resumes_the_first(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Premier atelier")
    text = joined(await say(mentor, "/preuve Deuxième atelier"))
    assert "déjà en cours" in text
    assert "Quand" in text


async def test_button_pressed_after_the_dialog_ended_is_stale(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve Atelier mail")
    replies = await press(mentor, choice(replies, "C1.4"))
    replies = await press(mentor, choice(replies, "Valider"))
    save = choice(replies, "Enregistrer")
    await press(mentor, save)
    assert "plus valable" in joined(await press(mentor, save))
    assert await entry_count(mentor) == 1


async def test_same_button_pressed_twice_at_once_saves_one_entry(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    replies = await say(mentor, "/preuve Atelier mail")
    replies = await press(mentor, choice(replies, "C1.4"))
    replies = await press(mentor, choice(replies, "Valider"))
    save = choice(replies, "Enregistrer")
    results = await asyncio.gather(press(mentor, save), press(mentor, save))
    texts = [joined(r) for r in results]
    assert sum("enregistrée" in t for t in texts) == 1
    assert sum("plus valable" in t for t in texts) == 1
    assert await entry_count(mentor) == 1


async def test_an_idle_dialog_expires(mentor: Mentor) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=UTC), tick=False) as clock:
        await say(mentor, "/preuve")
        clock.shift(timedelta(minutes=mentor.settings.mentor_dialog_timeout_minutes + 1))
        replies = await say(mentor, "Un atelier oublié")
    assert "expiré" in joined(replies)
    assert await entry_count(mentor) == 0


async def test_dialog_resumes_after_a_restart(mentor_any_db: Mentor) -> None:
    mentor = mentor_any_db
    await say(mentor, "/preuve")
    await say(mentor, "Atelier démarches en ligne")
    restarted = Mentor(mentor.settings, type(mentor.db)(mentor.db.url), mentor.kb)
    await restarted.start()
    try:
        replies = await say(restarted, "hier")
        assert "public" in joined(replies)
        for _ in ("who", "conditions", "means", "organisation"):
            replies = await press(restarted, choice(replies, "Passer"))
        replies = await pick(restarted, replies, "C1.4")
        replies = await press(restarted, choice(replies, "Valider"))
        replies = await press(restarted, choice(replies, "Passer"))
        replies = await press(restarted, choice(replies, "Enregistrer"))
        assert "enregistrée" in joined(replies)
        assert await entry_count(restarted) == 1
    finally:
        await restarted.stop()


async def test_entries_are_listed_latest_first_and_paged(mentor: Mentor) -> None:
    for i in range(7):
        await log_quick(mentor, f"Atelier numéro {i}", "C1.4")
    replies = await say(mentor, "/mes_preuves")
    text = joined(replies)
    assert "1–5 sur 7" in text
    assert "Atelier numéro 6" in text
    assert "Atelier numéro 0" not in text
    replies = await press(mentor, choice(replies, "Plus anciennes"))
    assert "Atelier numéro 0" in joined(replies)


async def test_an_entry_can_be_edited(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier mal décrit", "C1.4")
    (row,) = await entries(mentor)
    replies = await press(mentor, f"jl:edit:{row.id}")
    replies = await press(mentor, choice(replies, "Modifier le texte"))
    replies = await say(mentor, "Atelier messagerie pour 6 demandeurs d'emploi")
    assert "Récapitulatif" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    (row,) = await entries(mentor)
    assert row.text == "Atelier messagerie pour 6 demandeurs d'emploi"
    assert await entry_count(mentor) == 1


async def test_an_entry_is_deleted_only_after_confirmation(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier à supprimer", "C1.4")
    (row,) = await entries(mentor)
    replies = await press(mentor, f"jl:del:{row.id}")
    assert "définitivement" in joined(replies)
    assert await entry_count(mentor) == 1
    confirm = choice(replies, "Oui")
    await press(mentor, confirm)
    assert await entry_count(mentor) == 0
    assert "n'existe plus" in joined(await press(mentor, confirm))


async def test_another_users_entry_cannot_be_seen_or_deleted(mentor: Mentor) -> None:
    await log_quick(mentor, "Secret de u1", "C1.4", user="u1")
    (row,) = await entries(mentor)
    assert "n'existe plus" in joined(await press(mentor, f"jl:show:{row.id}", user="u2"))
    await press(mentor, f"jl:delok:{row.id}", user="u2")
    assert await entry_count(mentor) == 1


async def test_coverage_shows_bars_per_ccp_and_the_weakest_competency(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone", "C1.4")
    await log_quick(mentor, "Atelier tablette", "C1.4")
    text = joined(await say(mentor, "/couverture"))
    assert "CCP1" in text
    assert "CCP2" in text
    assert "CCP3" in text
    assert "C1.4 ▰▰▱▱▱ 2" in text
    assert "À renforcer : C1.1" in text


async def test_export_gives_a_docx_arranged_by_ccp_with_gaps_named(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    replies = await say(mentor, "/export")
    docx_reply, md_reply = replies
    assert docx_reply.file is not None
    assert docx_reply.file.filename.endswith(".docx")
    document = Document(io.BytesIO(docx_reply.file.content))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert "Manques" not in headings  # the old list of all 11, replaced by "À compléter"
    assert any(h.startswith("CCP1 — ") for h in headings)
    assert any(h == "Exemple n°1 — Atelier smartphone pour seniors" for h in headings)
    body = "\n".join(p.text for p in document.paragraphs)
    gaps = body[body.index("Compétences sans exemple") :]
    assert "C1.1" in gaps.split("Compétences avec moins")[0]
    assert "C1.4" not in gaps.split("Compétences avec moins")[0]
    assert md_reply.file is not None
    markdown = md_reply.file.content.decode("utf-8")
    assert "### Exemple n°1 — Atelier smartphone pour seniors" in markdown
    assert "Atelier smartphone pour seniors" in markdown


async def test_export_of_an_empty_journal_says_so(mentor: Mentor) -> None:
    replies = await say(mentor, "/export")
    assert replies[0].file is None
    assert "vide" in replies[0].text


async def test_journal_content_never_appears_in_a_group(mentor: Mentor) -> None:
    secret = "Atelier confidentiel chez Madame Zébulon"
    await log_quick(mentor, secret, "C1.4")
    group_texts = []
    for text in ("/preuve", f"/preuve {secret}", "/mes_preuves", "/couverture", "/export",
                 "/annuler", "1", "Zébulon", "/aide"):  # fmt: skip
        for reply in await mentor.handle(group(text)):
            assert reply.file is None
            group_texts.append(reply.text)
    (row,) = await entries(mentor)
    for data in (f"jl:show:{row.id}", "jl:page:0", "journal:new"):
        incoming = group("", addressed=True)
        pressed = type(incoming)(
            transport=incoming.transport, chat_id=incoming.chat_id, user_id=incoming.user_id,
            user_name=incoming.user_name, chat_kind=incoming.chat_kind, button_data=data,
        )  # fmt: skip
        group_texts += [r.text for r in await mentor.handle(pressed)]
    assert all("Zébulon" not in t for t in group_texts)
    assert any("message privé" in t or "en privé" in t for t in group_texts)


async def test_journal_commands_in_a_group_point_to_private_chat(mentor: Mentor) -> None:
    text = joined(await mentor.handle(group("/preuve J'ai fait un atelier")))
    assert "privé" in text
    assert await entry_count(mentor) == 0


async def test_private_message_helper_is_private() -> None:
    assert not private("x").is_group


async def test_numbers_in_a_sentence_are_not_taken_for_competency_codes(mentor: Mentor) -> None:
    await say(mentor, "/preuve Atelier tablette")
    text = joined(await say(mentor, "12 mars"))
    assert "pas reconnu de code" in text
    assert "Récapitulatif" not in text


async def test_a_dialog_stops_when_its_chat_becomes_a_group(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier confidentiel chez Madame Zébulon")
    became_group = replace(group("hier", chat="chat-u1"), addressed=True)
    replies = await mentor.handle(became_group)
    assert "n'est plus privée" in joined(replies)
    assert "Zébulon" not in joined(replies)
    assert await entry_count(mentor) == 0
    assert "rien à annuler" in joined(await say(mentor, "/annuler"))


async def test_forged_button_with_a_huge_id_is_stale(mentor: Mentor) -> None:
    assert "plus valable" in joined(await press(mentor, "jl:show:" + "9" * 40))


def test_coverage_counts_entries_not_tags(mentor: Mentor) -> None:
    ref = mentor.kb.referentiel
    ccp1 = ref.ccps[0]
    two_tags = frozenset(c.code for c in ccp1.competencies[:2])
    text = coverage_text(ref, [two_tags])
    assert f"**{ccp1.code} — {ccp1.short}** (1)" in text
    assert "(1 preuve)" in text
