"""The guided /preuve collects what a DP example asks; each answer reaches the draft."""

from __future__ import annotations

import io
from datetime import date

import time_machine
from docx import Document

from bot.app import Mentor
from tests.support.chat import choice, joined, press, say
from tests.unit.test_journal import entries, log_quick, pick


async def guided(mentor: Mentor, text: str, when: str, org: str | None) -> list[str]:
    """Log a guided entry; the organisation step's labels are returned."""
    await say(mentor, "/preuve")
    await say(mentor, text)
    replies = await say(mentor, when)
    replies = await say(mentor, "Seniors du quartier")
    replies = await say(mentor, "Salle d'animation, deux heures")
    replies = await say(mentor, "Tablettes prêtées")
    org_labels = [c.label for r in replies for c in r.choices]
    replies = await say(mentor, org) if org else await press(mentor, choice(replies, "Même"))
    replies = await pick(mentor, replies, "C1.4")
    replies = await press(mentor, choice(replies, "Valider"))
    replies = await press(mentor, choice(replies, "Passer"))
    await press(mentor, choice(replies, "Enregistrer"))
    return org_labels


@time_machine.travel("2026-11-26 10:00:00+01:00", tick=False)
async def test_the_organisation_is_offered_back_and_a_period_is_kept(mentor: Mentor) -> None:
    first = await guided(mentor, "Atelier tablette", "hier", "Médiathèque Jules-Verne")
    assert not any(label.startswith("Même structure") for label in first)
    second = await guided(mentor, "Cycle mail", "du 2 au 9 novembre", None)
    assert "Même structure : Médiathèque Jules-Verne" in second
    rows = sorted(await entries(mentor), key=lambda r: r.id)
    assert [r.organisation for r in rows] == ["Médiathèque Jules-Verne"] * 2
    assert (rows[1].occurred_on, rows[1].ended_on) == (date(2026, 11, 2), date(2026, 11, 9))
    assert rows[0].ended_on is None
    assert rows[1].conditions == "Salle d'animation, deux heures"
    assert rows[1].means == "Tablettes prêtées"


async def test_a_period_that_ends_before_it_starts_is_refused(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier tablette")
    replies = await say(mentor, "du 9 au 2 novembre")
    assert "finit avant de commencer" in joined(replies)
    assert "Quand" in joined(replies)


async def test_a_quick_entry_can_be_completed_for_the_dossier(mentor: Mentor) -> None:
    replies = await say(mentor, "/preuve Atelier smartphone pour seniors")
    replies = await pick(mentor, replies, "C1.4")
    replies = await press(mentor, choice(replies, "Valider"))
    replies = await press(mentor, choice(replies, "Compléter pour le dossier"))
    assert "Quand" in joined(replies)
    replies = await press(mentor, choice(replies, "Aujourd'hui"))
    replies = await say(mentor, "Le club de l'âge d'or")
    replies = await say(mentor, "2 heures, 8 personnes")
    replies = await say(mentor, "Smartphones, vidéoprojecteur")
    replies = await say(mentor, "Médiathèque Jules-Verne, espace numérique")
    replies = await say(mentor, "6 personnes envoient une photo")
    assert "Récapitulatif" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    docx_reply = (await say(mentor, "/export"))[0]
    assert docx_reply.file is not None
    body = "\n".join(p.text for p in Document(io.BytesIO(docx_reply.file.content)).paragraphs)
    for answer in (
        "Le club de l'âge d'or",
        "Conditions : 2 heures, 8 personnes",
        "Smartphones, vidéoprojecteur",
        "Organisme et service : Médiathèque Jules-Verne, espace numérique",
        "Résultat : 6 personnes envoient une photo",
    ):
        assert answer in body


async def test_a_too_long_answer_is_refused_whole(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier", "C1.4")
    await say(mentor, "/preuve")
    await say(mentor, "Atelier tablette")
    await say(mentor, "hier")
    await say(mentor, "Passer")
    replies = await say(mentor, "x" * 501)
    assert "trop long" in joined(replies)
    assert "conditions" in joined(replies)
