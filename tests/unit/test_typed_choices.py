"""Choices answered without buttons (Matrix, the console): a number or the label typed,
numbers that stay put within a dialog, and in rooms only the answer of the person asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.choices import Numbering, assign, label_key, load, resolve
from bot.messages import Choice, Reply
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.models import ReminderSchedule
from tests.support.chat import group, joined, press, say
from tests.support.faults import SqliteLock

NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


def numbers(replies: list[Reply]) -> dict[str, int | None]:
    return {c.label: c.number for r in replies for c in r.choices}


async def reminder(mentor: Mentor) -> ReminderSchedule | None:
    async with mentor.db.session() as session:
        return (await session.execute(select(ReminderSchedule))).scalar_one_or_none()


# --- the pure rules --------------------------------------------------------------------

CHOICES = [
    Choice("✅ C1.4 Préparer et animer", "j:t:tC1.4", number=1),
    Choice("Valider", "j:t:valid", number=6),
    Choice("Modifier le texte", "j:t:edit-what", number=7),
    Choice("Modifier la date", "j:t:edit-when", number=8),
    Choice("Aujourd'hui", "j:t:today", number=9),
]


def test_a_label_is_read_without_accents_case_or_leading_symbols() -> None:
    assert label_key("✅ C1.4 Préparer et animer…") == "c1.4 preparer et animer"
    assert resolve(CHOICES, "valider").choice == CHOICES[1]
    assert resolve(CHOICES, "VALIDER !").choice == CHOICES[1]
    assert resolve(CHOICES, "Valid").choice == CHOICES[1]
    assert resolve(CHOICES, "c1.4").choice == CHOICES[0]
    assert resolve(CHOICES, "aujourd’hui").choice == CHOICES[4]
    assert resolve(CHOICES, "6").choice == CHOICES[1]
    assert resolve(CHOICES, "6.").choice == CHOICES[1]


def test_an_ambiguous_or_short_start_chooses_nothing() -> None:
    found = resolve(CHOICES, "modifier")
    assert found.choice is None
    assert found.candidates == (CHOICES[2], CHOICES[3])
    assert resolve(CHOICES, "va").choice is None
    assert resolve(CHOICES, "2").out_of_range
    assert resolve(CHOICES, "Valid", prefixes=False).choice is None
    assert resolve(CHOICES, "Valider", prefixes=False).choice == CHOICES[1]
    assert resolve(CHOICES, "Atelier courriel pour six seniors").choice is None


def test_numbers_stay_with_their_label_within_a_flow_and_start_afresh_outside() -> None:
    memory = Numbering()
    first = assign(
        [Choice("C1.4", "a"), Choice("Autre…", "b"), Choice("Annuler", "c")], memory, "j"
    )
    assert [c.number for c in first] == [1, 2, 3]
    second = assign(
        [Choice("✅ C1.4", "d"), Choice("Valider", "e"), Choice("Annuler", "f")], memory, "j"
    )
    assert [c.number for c in second] == [1, 4, 3]  # 2 stays reserved for "Autre…"
    third = assign([Choice("Autre…", "g"), Choice("Valider", "h")], memory, "j")
    assert [c.number for c in third] == [2, 4]
    other_flow = assign([Choice("Valider", "i")], memory, "rappel")
    assert [c.number for c in other_flow] == [1]
    no_flow = assign([Choice("Oui", "k"), Choice("Oui", "l")], memory, "")
    assert [c.number for c in no_flow] == [1, 2]


def test_the_older_stored_form_reads_as_numbered_in_order() -> None:
    shown, memory, at = load([["Oui", "x:1"], ["Non", "x:2"], "damaged", [1, 2]])
    assert [(c.label, c.number) for c in shown] == [("Oui", 1), ("Non", 2)]
    assert (memory.flow, memory.numbers, at) == ("", {}, None)
    assert load({"shown": "nope", "numbers": [], "at": "hier"})[0] == []


def test_reading_a_long_label_is_linear() -> None:
    assert resolve(CHOICES, "a" * 79).choice is None
    assert len(label_key("é." * 100_000)) == 2 * 100_000 - 1


# --- through the core ------------------------------------------------------------------


async def test_a_typed_label_answers_the_welcome(mentor: Mentor) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(mentor, "/start")
        assert "le vendredi à 16h00" in joined(await say(mentor, "oui"))
    row = await reminder(mentor)
    assert row is not None
    assert (row.weekday, row.hour) == (4, 16)


async def test_a_start_shared_by_two_labels_asks_which(mentor: Mentor) -> None:
    await say(mentor, "/preuve Atelier smartphone pour 8 seniors")
    await say(mentor, "1")
    await say(mentor, "valider")
    asked = await say(mentor, "modifier")
    assert joined(asked) == "Plusieurs choix correspondent. Lequel ?"
    assert [c.label for c in asked[0].choices] == [
        "Modifier le texte",
        "Modifier la date",
        "Modifier les compétences",
    ]
    assert "Qu'avez-vous fait" in joined(await say(mentor, "Modifier le texte"))


async def test_valider_keeps_its_number_while_competencies_change(mentor: Mentor) -> None:
    first = await say(mentor, "/preuve Atelier smartphone pour 8 seniors à la médiathèque")
    annuler = numbers(first)["Annuler"]
    toggled = await say(mentor, "1")
    valider = numbers(toggled)["Valider"]
    everything = await say(mentor, "Autre compétence")
    shown = numbers(everything)
    assert shown["Valider"] == valider
    assert shown["Annuler"] == annuler
    c14 = next(label for label in shown if "C1.4" in label)
    assert shown[c14] == 1
    assert len(set(shown.values())) == len(shown)
    again = await say(mentor, "c2.1")
    assert numbers(again)["Valider"] == valider
    assert "Choisie(s) : C1.4, C2.1" in joined(again)
    assert "Récapitulatif" in joined(await say(mentor, str(valider)))


async def test_numbers_run_across_the_replies_of_one_message(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    # A question in the middle of the dialog: the answer's choices, then resume or cancel.
    replies = await say(mentor, "C'est quoi le CCP1 ?")
    assert len([r for r in replies if r.choices]) == 2
    shown = [c.number for r in replies for c in r.choices]
    assert len(shown) == len(set(shown))
    assert 1 not in shown  # "Annuler" of the first prompt keeps 1 in this dialog
    resume = next(c for r in replies for c in r.choices if c.label == "Reprendre ma saisie")
    assert f"{resume.number}. Reprendre ma saisie" in replies[-1].numbered_text()
    assert "Qu'avez-vous fait" in joined(await say(mentor, str(resume.number)))


async def test_in_a_room_a_bare_number_answers_only_the_person_asked(mentor: Mentor) -> None:
    with time_machine.travel(NOON, tick=False) as clock:
        asked = await mentor.handle(group("/aide", user="l1"))
        assert asked[0].choices
        assert await mentor.handle(group("2", user="l2", addressed=False)) == []
        answered = await mentor.handle(group("2", user="l1", addressed=False))
        assert joined(answered)
        assert answered[0].text != asked[0].text
        # The same label, whole, answers too; a start of it does not (people chat there).
        await mentor.handle(group("/aide", user="l1"))
        assert await mentor.handle(group("Journ", user="l1", addressed=False)) == []
        assert joined(await mentor.handle(group("journal", user="l1", addressed=False)))
        await mentor.handle(group("/aide", user="l1"))
        clock.shift(timedelta(minutes=20))
        assert await mentor.handle(group("2", user="l1", addressed=False)) == []


async def test_in_a_room_a_number_stays_silent_when_the_database_is_locked(
    settings: Settings, kb: KnowledgeBase
) -> None:
    app = Mentor(settings, Database(settings.database_url, lock_timeout=0.2), kb)
    await app.start()
    lock = SqliteLock(settings.database_url)
    try:
        await app.handle(group("/aide", user="l1"))
        lock.begin()
        assert await app.handle(group("2", user="l1", addressed=False)) == []
    finally:
        lock.end()
        await app.stop()


async def test_a_button_press_in_a_room_still_works_for_anyone(mentor: Mentor) -> None:
    asked = await mentor.handle(group("/aide", user="l1"))
    pressed = replace(group("", user="l2"), button_data=asked[0].choices[1].data)
    assert joined(await mentor.handle(pressed))
    assert await press(mentor, asked[0].choices[1].data, user="l3")
