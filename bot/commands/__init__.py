"""Command families; each module's `register` adds its commands, buttons and flows."""

from __future__ import annotations

from bot.commands import (
    ask,
    attachments,
    cohorts,
    features,
    help,
    interrupt,
    journal,
    privacy,
    reminders,
)
from bot.commands.base import Command, Context, Registry

FAMILIES = (help, ask, features, interrupt, journal, attachments, reminders, privacy, cohorts)


def build_registry() -> Registry:
    registry = Registry()
    for family in FAMILIES:
        family.register(registry)
    return registry


__all__ = ["Command", "Context", "Registry", "build_registry"]
