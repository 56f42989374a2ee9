"""Everything stored about a person, table by table: what /mes_donnees exports and what
/effacer_mes_donnees erases.

`PERSONAL_TABLES` names, for every table that can hold a user reference (an id, a
platform id, a chat id or text they wrote), how it is covered. A test walks the models
and fails when a table is missing here, so a new table cannot be forgotten.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import pending_events
from bot.cohorts import attempts, invitations
from bot.journal import attachments as journal_files
from bot.learning import signals
from bot.storage.models import (
    Cohort,
    CohortChannel,
    CohortMember,
    DialogState,
    HandledEvent,
    Identity,
    JournalEntry,
    KbChange,
    Nudge,
    ReminderSchedule,
    User,
)

# table -> how it is covered (exported key; "cascade" = erased with the user row).
PERSONAL_TABLES: dict[str, str] = {
    "users": "exported as user; erased",
    "identities": "exported as identities; erased by cascade",
    "journal_entries": "exported as journal; erased by cascade",
    "journal_attachments": "exported as attachments (the list); rows and files erased explicitly",
    "reminder_schedules": "exported as reminders; erased by cascade",
    "nudges": "exported as reminders_sent; erased by cascade (schedule)",
    "dialog_states": "exported as dialogs; erased explicitly (keyed by platform id)",
    "cohorts": "exported as cohorts_trained; erased by cascade (trainer)",
    "cohort_members": "exported as cohorts; erased by cascade",
    "cohort_channels": "exported with cohorts_trained; erased by cascade (cohort)",
    "cohort_tips_used": "no personal data: a cohort's tip history, erased with the cohort",
    "code_attempts": "exported as wrong_invitation_codes_last_hour; erased by cascade",
    "trainer_invitations": "exported as trainer_links; the user's id set to null on erasure",
    "handled_events": "event ids of private chats erased explicitly (they carry the chat id)",
    "pending_events": "exported as messages_waiting; erased explicitly (keyed by sender)",
    "transport_cursors": "no personal data: sync positions",
    "transport_leases": "no personal data: which instance runs a transport",
    "signal_refs": "the user's pseudonym in signals; erased by cascade",
    "signals": "exported as questions_asked; erased explicitly (under the user's pseudonym)",
    "kb_changes": "exported as knowledge_changes; author_user_id set to null on erasure",
}


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


async def collect(session: AsyncSession, user_id: int) -> dict[str, Any]:
    """Everything the database holds about this user."""
    user = await session.get(User, user_id)
    assert user is not None
    identities = list(
        (await session.execute(select(Identity).where(Identity.user_id == user_id))).scalars()
    )
    entries = list(
        (
            await session.execute(
                select(JournalEntry)
                .where(JournalEntry.user_id == user_id)
                .order_by(JournalEntry.number)
            )
        ).scalars()
    )
    number_of = {e.id: e.number for e in entries}  # what the user reads, not the row id
    schedules = list(
        (
            await session.execute(
                select(ReminderSchedule).where(ReminderSchedule.user_id == user_id)
            )
        ).scalars()
    )
    nudges = (
        await session.execute(
            select(Nudge).where(Nudge.schedule_id.in_([s.id for s in schedules])).order_by(Nudge.id)
        )
    ).scalars()
    memberships = (
        await session.execute(
            select(CohortMember, Cohort)
            .join(Cohort, Cohort.id == CohortMember.cohort_id)
            .where(CohortMember.user_id == user_id)
        )
    ).all()
    trained = list(
        (await session.execute(select(Cohort).where(Cohort.trainer_user_id == user_id))).scalars()
    )
    channels = (
        await session.execute(
            select(CohortChannel).where(CohortChannel.cohort_id.in_([c.id for c in trained]))
        )
    ).scalars()
    dialog_rows = (
        await session.execute(
            select(DialogState).where(
                or_(
                    *[
                        (DialogState.transport == i.transport)
                        & (DialogState.platform_user_id == i.platform_user_id)
                        for i in identities
                    ]
                )
            )
        )
    ).scalars()
    waiting = [
        event
        for i in identities
        for event in await pending_events.of_sender(session, i.transport, i.platform_user_id)
    ]
    changes = (
        await session.execute(select(KbChange).where(KbChange.author_user_id == user_id))
    ).scalars()
    files = await journal_files.of_user(session, user_id)
    return {
        "exported_at": datetime.now(UTC).isoformat(),
        "user": {
            "display_name": user.display_name,
            "timezone": user.timezone,
            "locale": user.locale,
            "is_trainer": user.is_trainer,
            "onboarded": user.onboarded,
            "exam_date": _iso(user.exam_date),
            "created_at": _iso(user.created_at),
            "last_seen_at": _iso(user.last_seen_at),
        },
        "identities": [
            {
                "transport": i.transport,
                "id": i.platform_user_id,
                "private_chat": i.private_chat_id,
                "username": i.username,
            }
            for i in identities
        ],
        "journal": [
            {
                "number": e.number,
                "date": _iso(e.occurred_on),
                "text": e.text,
                "audience": e.audience,
                "result": e.result,
                "competencies": list(e.competencies),
                "conditions": e.conditions,
                "means": e.means,
                "organisation": e.organisation,
                "until": _iso(e.ended_on),
                "created_at": _iso(e.created_at),
            }
            for e in entries
        ],
        # The files themselves: "Voir les documents" on each entry of /mes_preuves.
        "attachments": [
            {
                "entry": number_of.get(f.entry_id) if f.entry_id is not None else None,
                "filename": f.filename,
                "type": f.mime_type,
                "size": f.size,
                "caption": f.caption,
                "received_at": _iso(f.created_at),
            }
            for f in files
        ],
        "reminders": [
            {
                "weekday": s.weekday,
                "time": f"{s.hour:02d}:{s.minute:02d}",
                "timezone": s.timezone,
                "stopped": s.stopped,
                "paused_until": _iso(s.paused_until),
            }
            for s in schedules
        ],
        "reminders_sent": [
            {"due_at": _iso(n.due_at), "status": n.status, "sent_at": _iso(n.sent_at)}
            for n in nudges
        ],
        "cohorts": [
            {
                "name": c.name,
                "role": m.role,
                "joined_at": _iso(m.joined_at),
                "shares_counts": m.shares_counts,
                "shares_answered_at": _iso(m.shares_answered_at),
            }
            for m, c in memberships
        ],
        "cohorts_trained": [
            {"name": c.name, "code": c.code, "created_at": _iso(c.created_at)} for c in trained
        ],
        "cohort_groups_bound": [{"transport": ch.transport, "chat": ch.chat_id} for ch in channels],
        "dialogs": [
            {"flow": d.flow, "step": d.step, "draft": d.data, "chat": d.chat_id}
            for d in dialog_rows
            if d.flow or d.data
        ],
        "wrong_invitation_codes_last_hour": await attempts.count_for(session, user_id),
        # One-time trainer links this person made (an admin) or opened (a trainer).
        "trainer_links": [
            {
                "made_by_you": t.created_by_user_id == user_id,
                "opened_by_you": t.used_by_user_id == user_id,
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "used_at": _iso(t.used_at),
            }
            for t in await invitations.of_user(session, user_id)
        ],
        # Still encrypted (their key has not arrived): only when and where they were sent.
        "messages_waiting": [
            {"transport": w.transport, "chat": w.chat_id, "received_at": _iso(w.received_at)}
            for w in waiting
        ],
        # Knowledge questions (issue 17): kept 90 days, without any id, for the editors.
        "questions_asked": [
            {
                "at": _iso(q.created_at),
                "kind": q.kind,
                "feedback": q.feedback,
                "entry": q.entry,
                "question": q.question,
            }
            for q in await signals.of_user(session, user_id)
        ],
        "knowledge_changes": [
            {"at": _iso(c.at), "action": c.action, "entry": c.entry, "detail": c.detail}
            for c in changes
        ],
    }


async def erase(session: AsyncSession, user_id: int, data_dir: Path | None = None) -> None:
    """Delete everything about the user: the user row (cascades) and what is keyed by
    platform ids rather than by the user (dialogs, handled event ids of private chats,
    messages still waiting for their decryption key, which would recreate the user) and
    the files of journal attachments in `data_dir`."""
    from bot import dialogs

    identities = list(
        (await session.execute(select(Identity).where(Identity.user_id == user_id))).scalars()
    )
    for identity in identities:
        await dialogs.forget_chat_user(session, identity.transport, identity.platform_user_id)
        await pending_events.forget_sender(session, identity.transport, identity.platform_user_id)
        if identity.private_chat_id:
            await session.execute(
                delete(HandledEvent).where(
                    HandledEvent.transport == identity.transport,
                    HandledEvent.event_id.like(f"msg:{identity.private_chat_id}:%"),
                )
            )
    await signals.forget_user(session, user_id)
    keys = await journal_files.forget_user(session, user_id)
    await session.execute(delete(User).where(User.id == user_id))
    if data_dir is not None:
        journal_files.unlink_files(data_dir, keys)
