"""The exam session date (/examen): weeks left and what to log first.

Conseillers numériques sit CCP1 first, so on a tie the référentiel order (CCP1 first)
decides what to log first. The pace is the examples still missing for the suggested
number, spread over the weeks left.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers.knowledge import Referentiel
from bot.journal.coverage import TARGET_PER_COMPETENCY, weakest
from bot.journal.dates import _NUMERIC, _WORDY, DateError, _build, _month, french_date
from bot.storage.models import User
from bot.text import ascii_fold

HORIZON = timedelta(days=3 * 366)
USAGE = "Écrivez la date de votre session, par exemple « /examen 12/03/2027 »."


def parse_exam_date(text: str, today: date) -> date:
    """ "12/03/2027", "12/03", "12 mars 2027", "12 mars": a day from today on, within
    three years (without a year: the next such day); a French DateError otherwise."""
    cleaned = " ".join(ascii_fold(text).split()).strip(" .!")
    day_month: tuple[int, int] | None = None
    year: int | None = None
    if match := _NUMERIC.match(cleaned):
        day_month = int(match[1]), int(match[2])
        if match[3]:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
    elif match := _WORDY.match(cleaned):
        month = _month(match[2])
        if month is None:
            raise DateError(f"Je ne connais pas le mois « {match[2][:20]} ». {USAGE}")
        day_month = int(match[1]), month
        year = int(match[3]) if match[3] else None
    if day_month is None:
        raise DateError(f"Je n'ai pas compris cette date. {USAGE}")
    day, month = day_month
    found = _build(year or today.year, month, day)
    if year is None and found < today:
        found = _build(today.year + 1, month, day)
    if found < today:
        raise DateError("Cette date est passée : indiquez la date de votre prochaine session.")
    if found > today + HORIZON:
        raise DateError("Cette date est à plus de trois ans : vérifiez l'année.")
    return found


def weeks_left(exam: date, today: date) -> int:
    return max((exam - today).days // 7, 0)


def exam_lines(
    exam: date | None, today: date, referentiel: Referentiel, counts: Counter[str]
) -> list[str]:
    """What /couverture and the weekly reminder say about the exam; [] without a date
    or once it has passed."""
    if exam is None or exam < today:
        return []
    days = (exam - today).days
    weeks = weeks_left(exam, today)
    when = (
        f"dans {weeks} semaine{'s' if weeks > 1 else ''}"
        if weeks
        else ("aujourd'hui" if days == 0 else f"dans {days} jour{'s' if days > 1 else ''}")
    )
    lines = [f"**Examen le {french_date(exam)}** : {when}."]
    comps = [c for ccp in referentiel.ccps for c in ccp.competencies]
    missing = sum(max(TARGET_PER_COMPETENCY - counts.get(c.code, 0), 0) for c in comps)
    first = weakest(referentiel, counts)
    if missing == 0 or first is None:
        lines.append("Chaque compétence a ses exemples : relisez-les pour votre dossier.")
        return lines
    lines.append(f"À noter d'abord : **{first.code}** {first.short}.")
    if weeks:
        pace = math.ceil(missing / weeks)
        lines.append(
            f"Il manque {missing} exemple{'s' if missing > 1 else ''} : environ {pace} "
            f"par semaine d'ici l'examen."
        )
    return lines


async def exam_countdown(
    session: AsyncSession, user_id: int, today: date, referentiel: Referentiel, counts: Counter[str]
) -> list[str]:
    """`exam_lines` for a user whose date is stored (the weekly reminder's lines)."""
    user = await session.get(User, user_id)
    if user is None:
        return []
    return exam_lines(user.exam_date, today, referentiel, counts)
