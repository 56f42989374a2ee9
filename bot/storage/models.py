"""The tables (see design.md, "Data the database holds").

Every piece of state that must survive a restart lives here: dialogs, reminder
schedules and their outbox, transport sync positions and handled events.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.storage.types import TolerantJSON, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str | None] = mapped_column(String(64), default=None)
    locale: Mapped[str] = mapped_column(String(16), default="fr")
    is_trainer: Mapped[bool] = mapped_column(Boolean, default=False)
    onboarded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    exam_date: Mapped[date | None] = mapped_column(Date, default=None)  # /examen (0005)


class Identity(Base):
    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("transport", "platform_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transport: Mapped[str] = mapped_column(String(32))
    platform_user_id: Mapped[str] = mapped_column(String(255))
    private_chat_id: Mapped[str | None] = mapped_column(String(255), default=None)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The public handle (Telegram @username, lower case, without @), kept from the user's
    # messages so that an admin can name a trainer by it (0008).
    username: Mapped[str | None] = mapped_column(String(64), default=None, index=True)


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    # `number` is what the user reads ("Preuve n°3"): 1, 2, 3… per user (0007), so it
    # never shows how many others logged; `id` stays internal (buttons, links).
    __table_args__ = (UniqueConstraint("user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    occurred_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    competencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # What the DP's example headings ask, in the user's words (0005); None: not given.
    conditions: Mapped[str | None] = mapped_column(Text, default=None)
    means: Mapped[str | None] = mapped_column(Text, default=None)
    organisation: Mapped[str | None] = mapped_column(Text, default=None)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)  # a period's last day


class JournalAttachment(Base):
    """A photo or document illustrating the practice. Its bytes live in the data
    directory under `storage_key`; `entry_id` is None until the user picks the entry."""

    __tablename__ = "journal_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="CASCADE"), index=True, default=None
    )
    kind: Mapped[str] = mapped_column(String(16))  # "photo" or "document"
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    caption: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReminderSchedule(Base):
    """A weekly slot: weekday + local wall-clock time + IANA zone.

    `kind` is "personal" (a user's nudge) or "cohort" (a cohort's group post).
    `version` grows on every edit so that a claimed nudge can tell it is stale.
    """

    __tablename__ = "reminder_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="personal")
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, default=None
    )
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), index=True, default=None
    )
    transport: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    weekday: Mapped[int] = mapped_column(Integer)  # Monday = 0
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    paused_until: Mapped[datetime | None] = mapped_column(default=None)
    stopped: Mapped[bool] = mapped_column(Boolean, default=False)
    stop_reason: Mapped[str] = mapped_column(Text, default="")
    next_due_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Nudge(Base):
    """The outbox: one row per schedule and local slot, never two."""

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("schedule_id", "slot_local"),
        Index("ix_nudges_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("reminder_schedules.id", ondelete="CASCADE")
    )
    slot_local: Mapped[str] = mapped_column(String(32))  # ISO local wall-clock time
    due_at: Mapped[datetime] = mapped_column()
    schedule_version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    transport: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    message_id: Mapped[str | None] = mapped_column(String(255), default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DialogState(Base):
    """Per (transport, chat, user): the running flow, if any, and the choices last offered.

    `token` changes on every step, so a button from an older step is recognised as stale.
    """

    __tablename__ = "dialog_states"
    __table_args__ = (UniqueConstraint("transport", "chat_id", "platform_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transport: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    platform_user_id: Mapped[str] = mapped_column(String(255))
    flow: Mapped[str] = mapped_column(String(64), default="")  # "" = no flow running
    step: Mapped[str] = mapped_column(String(64), default="")
    # Read back through bot.dialog_state / dialogs._choices: never trusted as stored.
    data: Mapped[Any] = mapped_column(TolerantJSON, default=dict)
    choices: Mapped[Any] = mapped_column(TolerantJSON, default=list)  # [[label, data]]
    token: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class HandledEvent(Base):
    __tablename__ = "handled_events"

    transport: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class TransportCursor(Base):
    __tablename__ = "transport_cursors"

    transport: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PendingEvent(Base):
    """An event a transport received but cannot read yet (a Matrix message whose room key
    has not arrived), kept until it can be handled. Core-owned and keyed by sender, so
    erasing a user drops what they sent that is still waiting (see bot/pending_events.py).
    """

    __tablename__ = "pending_events"
    __table_args__ = (Index("ix_pending_events_sender", "transport", "sender"),)

    transport: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    sender: Mapped[str] = mapped_column(String(255))
    chat_id: Mapped[str] = mapped_column(String(255))
    payload: Mapped[str] = mapped_column(Text)  # the transport's raw event, opaque to the core
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class TransportLease(Base):
    __tablename__ = "transport_leases"

    transport: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column()
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)


class Cohort(Base):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    trainer_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortMember(Base):
    __tablename__ = "cohort_members"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="learner")
    shares_counts: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the learner last answered "share my counts?" (0007); None: never answered.
    shares_answered_at: Mapped[datetime | None] = mapped_column(default=None)


class CohortChannel(Base):
    __tablename__ = "cohort_channels"
    __table_args__ = (UniqueConstraint("transport", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), unique=True
    )
    transport: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    bound_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    bound_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortTipUsed(Base):
    """Knowledge entries already posted as tip of the week, so tips rotate without repeats."""

    __tablename__ = "cohort_tips_used"
    __table_args__ = (UniqueConstraint("cohort_id", "entry_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    entry_id: Mapped[str] = mapped_column(String(128))
    posted_at: Mapped[datetime] = mapped_column(default=utcnow)


class TrainerInvitation(Base):
    """A one-time link that makes whoever opens it a trainer (t.me/<bot>?start=trainer-…).

    Only the SHA-256 of its token is kept: the database alone cannot be turned into a
    working link. Used once (`used_at`), and not after `expires_at`.
    """

    __tablename__ = "trainer_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True
    )


class CodeAttempt(Base):
    """A wrong invitation code typed by a user: a few an hour, then a polite wait."""

    __tablename__ = "code_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SignalRef(Base):
    """A random pseudonym per user, so that signals carry no user id yet are erased with
    the user (/effacer_mes_donnees deletes the signals under it, then the user row)."""

    __tablename__ = "signal_refs"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    ref: Mapped[str] = mapped_column(String(32), unique=True)


class Signal(Base):
    """One knowledge question and how it went (bot/learning): kept 90 days by default."""

    __tablename__ = "signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # answer, tie, unsure, out_of_scope
    feedback: Mapped[str | None] = mapped_column(String(8), default=None)  # up, down
    entry: Mapped[str | None] = mapped_column(String(128), default=None)
    alternatives: Mapped[list[str]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    transport: Mapped[str] = mapped_column(String(32))
    question: Mapped[str | None] = mapped_column(Text, default=None)
    ref: Mapped[str | None] = mapped_column(String(32), default=None, index=True)
    review_group: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    review: Mapped[str | None] = mapped_column(String(16), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)


class KbChange(Base):
    """Who changed the knowledge base from a review, when, and what (an audit log)."""

    __tablename__ = "kb_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None, index=True
    )
    author: Mapped[str] = mapped_column(String(64))  # "chat" or "cli:<login>"
    action: Mapped[str] = mapped_column(String(32))
    entry: Mapped[str | None] = mapped_column(String(128), default=None)
    detail: Mapped[str] = mapped_column(Text, default="")
