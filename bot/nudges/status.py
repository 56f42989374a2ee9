"""Outbox row states: pending → claimed → sent, or one of the final states."""

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
MISSED = "missed"  # the bot was down longer than the grace period: never sent late
FAILED = "failed"  # permanent error, or too many temporary ones
SUPERSEDED = "superseded"  # the schedule was edited after the slot was enqueued
CANCELLED = "cancelled"  # the schedule was stopped or paused
DISMISSED = "dismissed"  # the user pressed "Pas cette semaine"

OPEN = (PENDING, CLAIMED)
