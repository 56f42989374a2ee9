"""Outbox row states: pending → claimed → (sending →) sent, or one of the final states.

"sending" is written just before a call to a transport that cannot de-duplicate a retry
(Telegram, the console): such a row is never sent again unless its outcome is known.
"""

PENDING = "pending"
CLAIMED = "claimed"
SENDING = "sending"  # the send has started; its outcome is not recorded yet
SENT = "sent"
MISSED = "missed"  # the bot was down longer than the grace period: never sent late
FAILED = "failed"  # permanent error, or too many temporary ones
SUPERSEDED = "superseded"  # the schedule was edited after the slot was enqueued
CANCELLED = "cancelled"  # the schedule was stopped or paused
DISMISSED = "dismissed"  # the user pressed "Pas cette semaine"
UNCONFIRMED = "unconfirmed"  # left "sending" by a dead process: maybe received, never resent

OPEN = (PENDING, CLAIMED, SENDING)
OWNED = (CLAIMED, SENDING, UNCONFIRMED)  # states whose outcome the claimer may still record
