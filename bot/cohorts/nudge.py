"""The cohort's weekly group post as a kind of nudge: same outbox, same time rules."""

from __future__ import annotations

from dataclasses import replace

from bot import links
from bot.cohorts.channels import on_channel_gone
from bot.cohorts.post import build_cohort_post
from bot.messages import Reply
from bot.nudges.message import BuildContext, register_builder
from bot.nudges.schedules import COHORT

NOTE_IN_PRIVATE = "Noter une preuve en privé"


async def cohort_post(ctx: BuildContext) -> Reply | None:
    """None when the cohort is gone: the outbox then cancels the slot. The post invites
    to log evidence in private: a link opens that chat on /preuve."""
    if ctx.schedule.cohort_id is None:
        return None
    post = await build_cohort_post(ctx.session, ctx, ctx.schedule.cohort_id, ctx.now)
    if post is None:
        return None
    to_private = links.to_private(
        ctx.senders, ctx.schedule.transport, links.command_payload("preuve"), NOTE_IN_PRIVATE
    )
    return replace(post, choices=(*post.choices, *to_private))


register_builder(COHORT, cohort_post, on_gone=on_channel_gone)
