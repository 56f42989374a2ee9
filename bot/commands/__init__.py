"""Command families; each module's `register` adds its commands, buttons and flows."""

from __future__ import annotations

from bot.commands import (
    ask,
    attachments,
    cohorts,
    exam,
    features,
    help,
    interrupt,
    journal,
    privacy,
    reminders,
)
from bot.commands.base import Command, Context, Registry

FAMILIES = (
    help, ask, features, interrupt, journal, attachments, exam, reminders, privacy, cohorts,
)  # fmt: skip


def build_registry() -> Registry:
    registry = Registry()
    for family in FAMILIES:
        family.register(registry)
    return registry


__all__ = ["Command", "Context", "Registry", "build_registry"]
