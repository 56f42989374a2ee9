"""Training cohorts: a trainer, learners who consent (or not) to share counts, a bound group.

Public entry points for other parts of the bot:

- `build_cohort_post(session, mentor, cohort_id, now) -> Reply | None` — the weekly
  anonymous group post (the nudges outbox calls it for schedules of kind "cohort");
- `on_channel_gone(session, transport, chat_id) -> list[(transport, chat_id, Reply)]` —
  after a permanent delivery error to a group: unbind it, tell the trainer.
"""

from __future__ import annotations

from bot.cohorts import nudge  # noqa: F401  (registers the "cohort" nudge kind)
from bot.cohorts.channels import on_channel_gone
from bot.cohorts.post import build_cohort_post

__all__ = ["build_cohort_post", "on_channel_gone"]
