"""Command families; each module's `register` adds its commands, buttons and flows."""

from __future__ import annotations

from bot.commands import (
    ask,
    attachments,
    cohorts,
    exam,
    features,
    feedback,
    help,
    interrupt,
    journal,
    privacy,
    reminder_buttons,
    reminders,
    review,
)
from bot.commands.base import Context, Registry
from bot.commands.declare import Command

# feedback and review: issue 17 (answer feedback buttons, /revue for admins);
# attachments and exam: issue 16 (documents in the journal, the exam countdown)
FAMILIES = (
    help,
    ask,
    features,
    interrupt,
    journal,
    attachments,
    exam,
    reminders,
    reminder_buttons,
    privacy,
    cohorts,
    feedback,
    review,
)


def build_registry() -> Registry:
    registry = Registry()
    for family in FAMILIES:
        family.register(registry)
    return registry


__all__ = ["Command", "Context", "Registry", "build_registry"]
