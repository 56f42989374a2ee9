"""Entries whose `checked` date is getting old: funding rules change every year.

Users see a warning line on an answer checked more than 12 months ago; editors list the
entries to re-check with `mentor kb stale`.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from bot.answers.knowledge import PARIS, Entry, KnowledgeBase

STALE_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today() -> date:
    """The editors' calendar (the one `checked` dates are written in)."""
    return datetime.now(PARIS).date()


def is_stale(entry: Entry, on: date | None = None, months: int = STALE_MONTHS) -> bool:
    """Checked more than `months` ago: exactly a year ago is still fresh."""
    return entry.checked < months_before(on or today(), months)


def stale_note(entry: Entry, on: date | None = None) -> str:
    """The line an answer carries when its entry is stale, "" otherwise."""
    if not is_stale(entry, on) or not entry.sources:
        return ""
    return f"Information vérifiée il y a plus d'un an : confirmez sur {entry.sources[0].url}"


def stale_entries(kb: KnowledgeBase, months: int, on: date | None = None) -> list[Entry]:
    """Entries to re-check, oldest first."""
    found = [e for e in kb.entries.values() if is_stale(e, on, months)]
    return sorted(found, key=lambda e: (e.checked, e.id))
