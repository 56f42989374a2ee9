"""The buttons of /cohorte (`co:<action>:<cohort id>[:<token>]`) and its dialog.

Every press checks the presser's rights again, so an old or forwarded button can never
do more than typing would. The dialog holds a typed announcement, or the text of a
command waiting for the choice of a cohort.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot import buttons, dialogs
from bot.cohorts import repository as repo
from bot.commands import cohort_group as group
from bot.commands import cohort_learner as learner
from bot.commands import cohort_roles as roles
from bot.commands import cohort_trainer as trainer_side
from bot.commands.ask import ask_text
from bot.commands.base import Context
from bot.commands.cohort_common import FLOW, GONE, IN_PRIVATE, owns
from bot.commands.cohort_trainer import ANNOUNCE_MAX, too_long
from bot.commands.declare import NOT_TRAINER
from bot.dialog_state import CohortDraft
from bot.dialogs import Flow
from bot.edits import in_place_first
from bot.messages import Reply
from bot.storage.models import Cohort

Action = Callable[[Context, Cohort, str], Awaitable[list[Reply]]]

TRAINER_ACTIONS: dict[str, Action] = {
    "view": trainer_side.view,
    "code": trainer_side.renew_code,
    "bind": group.bind_here,
    "unbind": group.unbind_cohort,
    "announce": group.send_announcement,
    "rhythm": group.rhythm_from_text,
    "delete": trainer_side.confirm_delete,
    "delete-ok": trainer_side.delete_now,
}
LEARNER_ACTIONS: dict[str, Action] = {
    "share-on": lambda ctx, cohort, _: learner.share_in(ctx, cohort, "on"),
    "share-off": lambda ctx, cohort, _: learner.share_in(ctx, cohort, "off"),
    "leave": learner.leave_cohort,
}


async def _waiting_args(ctx: Context, token: str, step: str) -> tuple[Flow | None, str]:
    flow = await dialogs.current_flow(ctx.session, ctx.incoming)
    if flow is None or flow.flow != FLOW or flow.token != token or flow.step != step:
        return None, ""
    await dialogs.finish(ctx.session, ctx.incoming, token)
    return flow, flow.data.args if isinstance(flow.data, CohortDraft) else ""


async def cohort_button(ctx: Context) -> list[Reply]:
    parts = buttons.fields(ctx.button, 2, 3) or ["", ""]
    action, number, token = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
    if action in TRAINER_ACTIONS and not ctx.user.is_trainer:
        return [Reply(NOT_TRAINER)]  # before looking the id up: nothing learned about it
    cohort_id = buttons.ident(number)
    cohort = await repo.get(ctx.session, cohort_id) if cohort_id is not None else None
    if cohort is None:
        return [Reply(GONE)]
    if action == "cancel":
        await _waiting_args(ctx, token, "write")
        return [Reply("C'est annulé, rien n'a été envoyé.")]
    if action in LEARNER_ACTIONS:
        if ctx.in_group:
            return [Reply(IN_PRIVATE)]
        stale = await learner.stale_press(ctx, cohort, token)  # its stamp, in the token slot
        return stale or in_place_first(await LEARNER_ACTIONS[action](ctx, cohort, ""))
    if action not in TRAINER_ACTIONS:
        return [Reply("Ce bouton n'est plus valable. Tapez /cohorte.")]
    if not owns(ctx, cohort):
        return [Reply(GONE)]
    if ctx.in_group and action != "bind":
        return [Reply(IN_PRIVATE)]
    args = ""
    if token:
        flow, args = await _waiting_args(ctx, token, "pick")
        if flow is None:
            return [Reply("Ce choix a expiré : retapez la commande.")]
    return await TRAINER_ACTIONS[action](ctx, cohort, args)


async def _cohort_of(ctx: Context, flow: Flow) -> Cohort | None:
    """The cohort an announcement is being written for (None: gone, or no such dialog)."""
    if not isinstance(flow.data, CohortDraft) or not flow.data.cohort:
        return None
    return await repo.get(ctx.session, flow.data.cohort)


async def cohort_flow(ctx: Context, flow: Flow) -> list[Reply]:
    """The typed announcement or cohort name; other typed text drops a pending choice and
    is answered."""
    text = ctx.incoming.text or ""
    if flow.step == roles.NAME_STEP:
        return await roles.named(ctx, flow)
    if flow.step != "write":
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return await ask_text(ctx, text)
    cohort = await _cohort_of(ctx, flow)
    if cohort is None or not owns(ctx, cohort):
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply(GONE)]
    text = text.strip()
    if not text:
        return [Reply("Votre annonce est vide : écrivez-la, ou tapez /annuler.")]
    if len(text) > ANNOUNCE_MAX:
        return [too_long(text)]  # the dialog stays open for a shorter version
    await dialogs.finish(ctx.session, ctx.incoming, flow.token)
    return await group.send_announcement(ctx, cohort, text)


async def flow_prompt(ctx: Context, flow: Flow) -> Reply | None:
    """The announcement or name prompt again; a pending choice ("pick") is not resumed."""
    if flow.step == roles.NAME_STEP:
        return Reply(roles.NAME_PROMPT)
    if flow.step != "write":
        return None
    cohort = await _cohort_of(ctx, flow)
    if cohort is None or not owns(ctx, cohort):
        return None
    return group.write_prompt(cohort, flow.token)
