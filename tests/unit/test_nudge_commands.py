"""/rappel, /fuseau, the onboarding offer and the nudge buttons, as a user sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from sqlalchemy import select

from bot.app import Mentor
from bot.nudges.service import NudgeService
from bot.storage.models import Nudge, ReminderSchedule
from tests.support.chat import choice, group, joined, press, say
from tests.support.nudges import RecordingSender, nudge_settings

WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
FRIDAY_16H_PARIS = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)


async def personal(mentor: Mentor) -> ReminderSchedule | None:
    async with mentor.db.session() as session:
        return (await session.execute(select(ReminderSchedule))).scalar_one_or_none()


def nudges_for(mentor: Mentor, tmp_path: Path) -> tuple[NudgeService, RecordingSender]:
    sender = RecordingSender()
    mentor.senders["test"] = sender
    return NudgeService(mentor.db, nudge_settings(tmp_path), mentor.kb, mentor.senders), sender


async def test_rappel_sets_the_moment_and_shows_the_next_one_in_local_time(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        text = joined(await say(mentor, "/rappel vendredi 16h"))
        assert "chaque semaine, le vendredi à 16h00" in text
        assert "Prochain rappel : vendredi 4 décembre à 16h00." in text
        shown = joined(await say(mentor, "/rappel"))
    assert "le vendredi à 16h00 (Métropole (Paris), Europe/Paris)" in shown
    assert "Prochain rappel : vendredi 4 décembre à 16h00." in shown
    schedule = await personal(mentor)
    assert schedule is not None
    assert schedule.next_due_at == FRIDAY_16H_PARIS


async def test_rappel_accepts_any_weekday_and_minute(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        assert "lundi 7 décembre à 9h30" in joined(await say(mentor, "/rappel lundi 9:30"))
        assert "mardi 8 décembre à 8h05" in joined(await say(mentor, "/rappel mardi 8h05"))
    schedule = await personal(mentor)
    assert schedule is not None
    assert (schedule.weekday, schedule.hour, schedule.minute, schedule.version) == (1, 8, 5, 2)


async def test_impossible_hour_gets_a_polite_answer_and_changes_nothing(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/rappel dimanche 25h"))
    assert "L'heure « 25h » n'existe pas" in text
    assert "/rappel vendredi 16h" in text
    assert await personal(mentor) is None


async def test_pause_two_weeks_then_resume(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        paused = joined(await say(mentor, "/rappel pause 2"))
        assert "pause pour 2 semaines" in paused
        assert "Prochain rappel : vendredi 18 décembre à 16h00." in paused
        assert "En pause jusqu'au mercredi 16 décembre" in joined(await say(mentor, "/rappel"))
        resumed = joined(await say(mentor, "/rappel reprendre"))
    assert "Prochain rappel : vendredi 4 décembre à 16h00." in resumed


async def test_stop_then_show_offers_to_resume(mentor: Mentor) -> None:
    await say(mentor, "/rappel vendredi 16h")
    assert "plus de rappel" in joined(await say(mentor, "/rappel stop"))
    shown = await say(mentor, "/rappel")
    assert "arrêtés" in shown[0].text
    assert [c.label for c in shown[0].choices] == ["Reprendre"]
    schedule = await personal(mentor)
    assert schedule is not None
    assert schedule.stopped
    assert schedule.next_due_at is None


async def test_fuseau_offers_the_french_zones_and_keeps_the_local_time(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        offer = await say(mentor, "/fuseau")
        assert len(offer[0].choices) == 10
        text = joined(await press(mentor, choice(offer, "La Réunion")))
    assert "La Réunion, Indian/Reunion" in text
    assert "Prochain rappel : vendredi 4 décembre à 16h00." in text
    schedule = await personal(mentor)
    assert schedule is not None
    assert schedule.next_due_at == datetime(2026, 12, 4, 12, tzinfo=UTC)


async def test_fuseau_by_name_and_unknown_zone(mentor: Mentor) -> None:
    assert "Pacific/Noumea" in joined(await say(mentor, "/fuseau Pacific/Noumea"))
    text = joined(await say(mentor, "/fuseau <Lune>"))
    assert "Je ne connais pas le fuseau" in text
    assert "<Lune>" not in text


async def test_reminder_commands_in_a_group_are_sent_to_private(mentor: Mentor) -> None:
    text = joined(await mentor.handle(group("/rappel vendredi 16h")))
    assert "message privé" in text
    assert await personal(mentor) is None


async def test_onboarding_offers_a_reminder_and_never_enrols_silently(mentor: Mentor) -> None:
    start = await say(mentor, "/start")
    assert [c.label for c in start[0].choices] == [
        "Voir l'aide",
        "Oui, vendredi 16h",
        "Choisir un autre moment",
        "Changer de fuseau",
        "Non merci",
    ]
    assert "vendredi à 16h00, heure de Paris" in start[0].text
    zones = await press(mentor, choice(start, "Changer de fuseau"))
    assert "La Réunion" in [c.label for c in zones[0].choices]
    assert await personal(mentor) is None
    assert "Entendu, pas de rappel" in joined(await press(mentor, choice(start, "Non merci")))
    assert await personal(mentor) is None


async def test_onboarding_yes_by_number_enrols_friday_16h(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/start")
        text = joined(await say(mentor, "2"))
    assert "le vendredi à 16h00" in text
    assert "/fuseau" in text
    schedule = await personal(mentor)
    assert schedule is not None
    assert (schedule.weekday, schedule.hour) == (4, 16)
    again = await say(mentor, "/start")
    assert len(again[0].choices) == 1  # already has a reminder: no second offer


async def test_onboarding_other_moment_asks_then_reads_the_answer(mentor: Mentor) -> None:
    start = await say(mentor, "/start")
    assert "Quel jour" in joined(await press(mentor, choice(start, "Choisir")))
    assert "pas compris" in joined(await say(mentor, "jamais de la vie"))
    assert "le lundi à 9h30" in joined(await say(mentor, "lundi 9h30"))
    schedule = await personal(mentor)
    assert schedule is not None
    assert (schedule.weekday, schedule.hour, schedule.minute) == (0, 9, 30)


async def test_a_place_in_words_sets_the_zone_of_the_reminder(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        text = joined(await say(mentor, "/rappel vendredi 16h30 heure de la Réunion"))
    assert "le vendredi à 16h30 (La Réunion, Indian/Reunion)" in text
    schedule = await personal(mentor)
    assert schedule is not None
    assert schedule.timezone == "Indian/Reunion"
    assert schedule.next_due_at == datetime(2026, 12, 4, 12, 30, tzinfo=UTC)
    assert "Réunion" in joined(await say(mentor, "/fuseau"))


async def test_the_other_moment_dialog_reads_a_place_and_quotes_typed_words(
    mentor: Mentor,
) -> None:
    start = await say(mentor, "/start")
    await press(mentor, choice(start, "Choisir"))
    assert "« Atlantide »" in joined(await say(mentor, "lundi 8h30 Atlantide"))
    assert "(La Réunion, Indian/Reunion)" in joined(await say(mentor, "lundi 8h30 la reunion"))
    assert "Europe/Paris" in joined(await say(mentor, "/fuseau heure de Paris"))


async def test_help_lists_the_reminder_commands(mentor: Mentor) -> None:
    text = joined(await press(mentor, "help:fam:rappel"))
    assert "/rappel" in text
    assert "/fuseau" in text


async def test_later_resends_the_same_slot_two_hours_later_once(
    mentor: Mentor, tmp_path: Path
) -> None:
    nudges, sender = nudges_for(mentor, tmp_path)
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        await say(mentor, "/rappel vendredi 16h")
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.tick()
        [(_chat, nudge)] = sender.sent
        labels = {c.label: c.data for c in nudge.choices}
        assert labels["Noter une preuve maintenant"] == "journal:new"
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(minutes=5))
        assert "vers 18h05" in joined(await press(mentor, labels["Plus tard"]))
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(hours=2, minutes=4))
        assert (await nudges.tick()).sent == 0
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(hours=2, minutes=5))
        assert (await nudges.tick()).sent == 1
        assert (await nudges.tick()).sent == 0
    async with mentor.db.session() as session:
        rows = list((await session.execute(select(Nudge))).scalars())
    assert len(rows) == 1
    assert rows[0].status == "sent"


async def test_later_on_an_old_reminder_sends_nothing(mentor: Mentor, tmp_path: Path) -> None:
    nudges, sender = nudges_for(mentor, tmp_path)
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        await say(mentor, "/rappel vendredi 16h")
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.tick()
        [(_chat, nudge)] = sender.sent
        later = next(c.data for c in nudge.choices if c.label == "Plus tard")
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(days=3))
        await press(mentor, later)
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(days=3, hours=3))
        assert (await nudges.tick()).sent == 0
    assert len(sender.sent) == 1


async def test_not_this_week_closes_the_slot_even_after_a_snooze(
    mentor: Mentor, tmp_path: Path
) -> None:
    nudges, sender = nudges_for(mentor, tmp_path)
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        await say(mentor, "/rappel vendredi 16h")
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.tick()
        labels = {c.label: c.data for c in sender.sent[0][1].choices}
        await press(mentor, labels["Plus tard"])
        text = joined(await press(mentor, labels["Pas cette semaine"]))
        assert "Prochain rappel : vendredi 11 décembre à 16h00." in text
        traveller.move_to(FRIDAY_16H_PARIS + timedelta(hours=3))
        assert (await nudges.tick()).sent == 0
        assert "déjà clos" in joined(await press(mentor, labels["Plus tard"]))
    assert len(sender.sent) == 1


async def test_someone_else_s_nudge_button_does_nothing(mentor: Mentor, tmp_path: Path) -> None:
    nudges, sender = nudges_for(mentor, tmp_path)
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        await say(mentor, "/rappel vendredi 16h")
        traveller.move_to(FRIDAY_16H_PARIS)
        await nudges.tick()
        later = sender.sent[0][1].choices[1].data
        assert "déjà clos" in joined(await press(mentor, later, user="intrus"))


async def test_rappel_alone_offers_pause_change_stop_and_stale_buttons_change_nothing(
    mentor: Mentor,
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        await say(mentor, "/rappel vendredi 16h")
        [shown] = await say(mentor, "/rappel")
        assert [c.label for c in shown.choices] == ["Pause 1 semaine", "Changer", "Arrêter"]
        [pausing] = await press(mentor, choice([shown], "Pause"))
        assert "pause" in pausing.text
        assert pausing.choices[0].label == "Reprendre"  # the new state's buttons, in place
        [paused] = await say(mentor, "/rappel")
        assert paused.choices[0].label == "Reprendre"
        stale = joined(await press(mentor, choice([shown], "Pause")))
        assert "ne s'applique plus" in stale
        [resumed] = await press(mentor, choice([paused], "Reprendre"))
        assert "Rappels repris" in resumed.text
        stopped = await press(mentor, choice([resumed], "Arrêter"))
        assert "plus de rappel" in joined(stopped)
        assert "ne s'applique plus" in joined(await press(mentor, choice([resumed], "Arrêter")))
        assert "ne s'applique plus" in joined(await press(mentor, choice([resumed], "Changer")))
    schedule = await personal(mentor)
    assert schedule is not None
    assert schedule.stopped
    assert schedule.paused_until is None
