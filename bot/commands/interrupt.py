"""A question typed in the middle of a dialog is answered, and the dialog waits.

Only a confident knowledge answer interrupts: the message is not fed to the flow (not
saved as evidence, not read as a date), and two buttons follow: resume (the current
step's prompt again) or cancel. After "Reprendre ma saisie", the next message of that
step goes to the flow as typed, even if it looks like a question: a user who meant it
as evidence is never asked twice.
"""

from __future__ import annotations

from dataclasses import replace

from bot import buttons, dialogs
from bot.answers.extract import looks_like_question
from bot.answers.service import AnswerKind
from bot.commands.ask import answer_reply
from bot.commands.base import Context, Registry
from bot.dialogs import Flow
from bot.edits import closing, in_place_first
from bot.messages import Choice, Reply

PREFIX = "dlg:"  # dlg:<action>:<token>
STALE = "Ce bouton n'est plus valable : cette saisie est terminée ou a déjà avancé."


async def answer_during_flow(ctx: Context, flow: Flow, text: str) -> list[Reply] | None:
    """The answer and the resume/cancel buttons, or None to let the flow read `text`."""
    if flow.data.as_typed == flow.step or not looks_like_question(text):
        return None
    prompt = ctx.app.registry.prompts.get(flow.flow)
    if prompt is None or await prompt(ctx, flow) is None:
        return None
    answer = ctx.app.answerer.answer(text)
    if answer.kind is not AnswerKind.ANSWER:
        return None
    return [
        answer_reply(ctx, answer),
        Reply(
            "Votre saisie est en attente ; je n'y ai pas ajouté ce message.",
            choices=(
                Choice("Reprendre ma saisie", buttons.build(PREFIX, "resume", flow.token)),
                Choice("Annuler la saisie", buttons.build(PREFIX, "cancel", flow.token)),
            ),
        ),
    ]


async def dialog_button(ctx: Context) -> list[Reply]:
    """The waiting notice becomes the resumed question or "C'est annulé" (in place); a
    stale one loses its buttons."""
    replies = await _dialog_button(ctx)
    if replies and replies[0].text == STALE:
        return closing(replies)
    return in_place_first(replies)


async def _dialog_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply("Cette saisie se fait en message privé avec moi.")]
    action, token = buttons.fields(ctx.button, 2) or ("", "")
    flow = await dialogs.current_flow(ctx.session, ctx.incoming)
    if flow is None or flow.token != token or action not in ("resume", "cancel"):
        return [Reply(STALE)]
    if action == "cancel":
        if not await dialogs.finish(ctx.session, ctx.incoming, token):
            return [Reply(STALE)]
        return [Reply("C'est annulé, rien n'a été enregistré.")]
    prompt = ctx.app.registry.prompts.get(flow.flow)
    if prompt is None:
        return [Reply(STALE)]
    data = flow.data.model_copy(update={"as_typed": flow.step})
    new_token = await dialogs.advance(
        ctx.session, ctx.incoming, token, flow.step, data, ctx.app.dialog_ttl
    )
    if new_token is None:
        return [Reply(STALE)]
    shown = await prompt(ctx, replace(flow, data=data, token=new_token))
    return [shown or Reply("Reprenons : écrivez votre réponse, ou tapez /annuler.")]


def register(registry: Registry) -> None:
    registry.button(PREFIX, dialog_button)
