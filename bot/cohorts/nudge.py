"""The cohort's weekly group post as a kind of nudge: same outbox, same time rules."""

from __future__ import annotations

from bot.cohorts.channels import on_channel_gone
from bot.cohorts.post import build_cohort_post
from bot.messages import Reply
from bot.nudges.message import BuildContext, register_builder
from bot.nudges.schedules import COHORT


async def cohort_post(ctx: BuildContext) -> Reply | None:
    """None when the cohort is gone: the outbox then cancels the slot."""
    if ctx.schedule.cohort_id is None:
        return None
    return await build_cohort_post(ctx.session, ctx, ctx.schedule.cohort_id, ctx.now)


register_builder(COHORT, cohort_post, on_gone=on_channel_gone)
