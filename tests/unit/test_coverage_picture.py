"""/couverture's picture and /examen's countdown: readable, true to the data, private."""

from __future__ import annotations

import struct
from datetime import date

import time_machine

from bot.answers.knowledge import KnowledgeBase
from bot.app import Mentor
from bot.journal.chart import coverage_png, readiness
from bot.journal.exam import exam_lines
from tests.support.chat import joined, say
from tests.unit.test_journal import log_quick

SOME = [frozenset({"C1.4"}), frozenset({"C1.2", "C1.4"}), frozenset({"C2.3", "C1.3"})]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_chart_is_a_phone_shaped_png_that_changes_with_the_data(kb: KnowledgeBase) -> None:
    first = coverage_png(kb.referentiel, SOME)
    assert png_size(first) == (1080, 1500)
    assert coverage_png(kb.referentiel, SOME) == first  # no date inside: same data, same bytes
    more = coverage_png(kb.referentiel, [*SOME, frozenset({"C3.1"})])
    assert more != first
    assert coverage_png(kb.referentiel, SOME, subtitle="Examen le 12/03/2027") != first


def test_readiness_counts_each_competency_up_to_the_suggested_number(kb: KnowledgeBase) -> None:
    from collections import Counter

    counts = Counter({"C1.4": 5, "C1.2": 1, "C2.3": 2})
    ccp1, ccp2, ccp3 = readiness(kb.referentiel, counts, 2)
    assert ccp1 == 3 / 8  # C1.4 counts for 2, not 5; C1.2 for 1; 4 competencies × 2
    assert ccp2 == 2 / 8
    assert ccp3 == 0


async def test_couverture_sends_the_picture_and_keeps_the_text(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    picture, text = await say(mentor, "/couverture")
    assert picture.file is not None
    assert picture.file.mime_type == "image/png"
    assert png_size(picture.file.content) == (1080, 1500)
    assert "C1.4 ▰▱▱▱▱ 1" in text.text  # the text version stays for screen readers
    assert text.choices


@time_machine.travel("2026-11-30 10:00:00+01:00", tick=False)
async def test_an_exam_date_gives_weeks_left_and_what_to_log_first(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    replies = await say(mentor, "/examen 12/03/2027")
    said = joined(replies)
    assert "vendredi 12 mars 2027" in said
    assert "dans 14 semaines" in said
    assert "À noter d'abord : **C1.1**" in said
    assert "Il manque 21 exemples : environ 2 par semaine" in said
    _picture, text = await say(mentor, "/couverture")
    assert "dans 14 semaines" in text.text
    assert "dans 14 semaines" in joined(await say(mentor, "/examen"))
    assert "ne compte plus" in joined(await say(mentor, "/examen effacer"))
    _picture, text = await say(mentor, "/couverture")
    assert "semaines" not in text.text


@time_machine.travel("2026-11-30 10:00:00+01:00", tick=False)
async def test_a_past_or_unclear_exam_date_is_refused_politely(mentor: Mentor) -> None:
    assert "passée" in joined(await say(mentor, "/examen 12/03/2025"))
    assert "trois ans" in joined(await say(mentor, "/examen 12/03/2031"))
    assert "pas compris" in joined(await say(mentor, "/examen bientôt"))
    assert "n'existe pas" in joined(await say(mentor, "/examen 31/02/2027"))
    assert "Quand passez-vous" in joined(await say(mentor, "/examen"))


def test_the_last_week_counts_days_and_a_passed_exam_says_nothing(kb: KnowledgeBase) -> None:
    from collections import Counter

    today = date(2027, 3, 9)
    assert "dans 3 jours" in exam_lines(date(2027, 3, 12), today, kb.referentiel, Counter())[0]
    assert exam_lines(date(2027, 3, 8), today, kb.referentiel, Counter()) == []
