"""Signals: each knowledge question and how it went, kept without identifying anyone.

A row holds the entry answered, the alternatives offered, the confidence, the transport
kind and the date; the question's text only while it is useful (a miss to review, or an
answer that may still get a 👎), never a user or chat id. Rows carry a random pseudonym
(`signal_refs`), so /effacer_mes_donnees deletes them with the user, and the cohort view
can count a cohort's questions without knowing who asked. All rows go after the
retention period (`MENTOR_SIGNAL_RETENTION_DAYS`, 90 by default).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, bindparam, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import core
from bot.storage.models import Signal, SignalRef
from bot.storage.types import rowcount, utcnow

# An answer's text is kept this long for a late 👎; a 👍 drops it at once.
FEEDBACK_WINDOW = timedelta(days=7)
QUESTION_MAX_CHARS = 500


class Kind(StrEnum):
    ANSWER = "answer"
    TIE = "tie"  # answered with the best of two close candidates
    UNSURE = "unsure"  # "pas sûr", the closest topics offered
    OUT_OF_SCOPE = "out_of_scope"


class Feedback(StrEnum):
    UP = "up"
    DOWN = "down"


MISSED_KINDS = (Kind.TIE, Kind.UNSURE, Kind.OUT_OF_SCOPE)


def is_miss() -> ColumnElement[bool]:
    """Rows an editor should look at: the bot was unsure, declined, tied, or got a 👎."""
    return or_(Signal.kind.in_([k.value for k in MISSED_KINDS]), Signal.feedback == "down")


_REFS = "mentor.signal_refs"


def known_ref(session: AsyncSession, user_id: int, ref: str | None) -> None:
    """The caller has just read the user's pseudonym, or that there is none yet
    (bot/message_rows.py): `ref_of` then need not look again."""
    session.info.setdefault(_REFS, {})[user_id] = ref


async def ref_of(session: AsyncSession, user_id: int) -> str:
    """The user's pseudonym, created on first use."""
    known: dict[int, str | None] = session.info.setdefault(_REFS, {})
    if user_id in known:
        ref = known[user_id]
    else:
        found = await session.get(SignalRef, user_id)
        ref = found.ref if found is not None else None
    if ref is None:
        ref = secrets.token_hex(16)
        connection = await core(session)  # Core: no ORM flush (issue 18)
        await connection.execute(_NEW_REF, {"user_id": user_id, "ref": ref})
    known[user_id] = ref
    return ref


# Built once, run through Core: no ORM flush.
_NEW_REF = insert(SignalRef).values(user_id=bindparam("user_id"), ref=bindparam("ref"))
_RECORD = insert(Signal).returning(Signal.id)


async def record(
    session: AsyncSession,
    *,
    user_id: int,
    transport: str,
    kind: Kind,
    question: str,
    entry: str | None = None,
    alternatives: tuple[str, ...] = (),
    confidence: float = 0.0,
) -> int:
    values = {
        "created_at": utcnow(),
        "kind": kind.value,
        "entry": entry,
        "alternatives": list(alternatives),
        "confidence": round(confidence, 4),
        "transport": transport[:32],
        "question": question[:QUESTION_MAX_CHARS],
        "ref": await ref_of(session, user_id),
    }
    connection = await core(session)
    return int((await connection.execute(_RECORD, values)).scalar_one())


async def give_feedback(
    session: AsyncSession, signal_id: int, user_id: int, feedback: Feedback
) -> Signal | None:
    """Record 👍 or 👎 on the user's own answer; None when it is not theirs or is gone.

    A 👍 is a hit: the text is no longer needed and is dropped. A 👎 keeps it for review.
    """
    signal = await session.get(Signal, signal_id)
    if signal is None or signal.ref is None or signal.ref != await ref_of(session, user_id):
        return None
    signal.feedback = feedback.value
    if feedback is Feedback.UP and signal.kind == Kind.ANSWER:
        signal.question = None
    await session.flush()
    return signal


async def purge(session: AsyncSession, now: datetime, retention_days: int) -> int:
    """Delete rows past retention; drop the text of answers past the feedback window."""
    result = await session.execute(
        delete(Signal).where(Signal.created_at < now - timedelta(days=retention_days))
    )
    await session.execute(
        update(Signal)
        .where(
            Signal.kind == Kind.ANSWER.value,
            or_(Signal.feedback.is_(None), Signal.feedback == Feedback.UP.value),
            Signal.question.is_not(None),
            Signal.created_at < now - FEEDBACK_WINDOW,
        )
        .values(question=None)
    )
    return rowcount(result)


async def forget_user(session: AsyncSession, user_id: int) -> None:
    """/effacer_mes_donnees: the user's signals go, then (by cascade) their pseudonym."""
    session.info.get(_REFS, {}).pop(user_id, None)
    found = await session.get(SignalRef, user_id)
    if found is not None:
        await session.execute(delete(Signal).where(Signal.ref == found.ref))


async def of_user(session: AsyncSession, user_id: int) -> list[Signal]:
    """What /mes_donnees exports."""
    found = await session.get(SignalRef, user_id)
    if found is None:
        return []
    rows = await session.execute(select(Signal).where(Signal.ref == found.ref).order_by(Signal.id))
    return list(rows.scalars())
