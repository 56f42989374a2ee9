"""Knowledge answers: /question, free text, "En savoir plus" and topic buttons."""

from __future__ import annotations

from bot import buttons
from bot.answers.service import MORE_PREFIX, SHOW_PREFIX, Answer, AnswerKind
from bot.answers.smalltalk import SmallTalk
from bot.commands.base import Context, Registry
from bot.commands.declare import command, text_arg
from bot.commands.features import feature_reply
from bot.commands.feedback import recorded
from bot.commands.help import help_reply
from bot.messages import Reply
from bot.ops import events


def answer_reply(ctx: Context, answer: Answer) -> Reply:
    if answer.smalltalk is SmallTalk.HELP:
        return help_reply(ctx)
    return Reply(answer.text, choices=answer.choices)


async def ask_text(ctx: Context, text: str) -> list[Reply]:
    answer = ctx.app.answerer.answer(text)
    events.note_answer(answer, ctx.app.answerer.model.thresholds.answer)
    if answer.kind is AnswerKind.FEATURE and answer.command:
        return await feature_reply(ctx, answer.command, text)
    return [await recorded(ctx, text, answer, answer_reply(ctx, answer))]


@command(
    "question",
    "poser une question sur le titre",
    text_arg(
        "<votre question>",
        missing="Écrivez votre question après /question, ou posez-la directement.",
    ),
    aliases=("q",),
    family="questions",
    guide=(
        "Écrivez votre question, sans commande : « C'est quoi le CCP1 ? »",
        "dans un groupe, /question suivie de votre question.",
        "Sous une réponse, « 👍 Utile » ou « 👎 Pas ma question » m'aide à progresser.",
    ),
)
async def question(ctx: Context, text: str) -> list[Reply]:
    return await ask_text(ctx, text)


def _entry_id(ctx: Context) -> str:
    """The knowledge entry id carried by the button ("" when it has another shape)."""
    parts = buttons.fields(ctx.button, 1)
    return parts[0] if parts else ""


async def more_button(ctx: Context) -> list[Reply]:
    answer = ctx.app.answerer.more(_entry_id(ctx))
    if answer is None:
        return [Reply("Ce sujet n'existe plus. Posez à nouveau votre question.")]
    return [Reply(answer.text)]


async def show_button(ctx: Context) -> list[Reply]:
    entry = ctx.app.kb.entries.get(_entry_id(ctx))
    if entry is None:
        return [Reply("Ce sujet n'existe plus. Posez à nouveau votre question.")]
    return [answer_reply(ctx, ctx.app.answerer.entry_answer(entry))]


def register(registry: Registry) -> None:
    registry.command(question)
    registry.button(MORE_PREFIX, more_button)
    registry.button(SHOW_PREFIX, show_button)
