"""Signals of knowledge answers, and feedback in one tap ("👍 Utile" / "👎 Pas ma question").

Every knowledge answer, "pas sûr" and out-of-scope reply is recorded (bot/learning/
signals.py); in a private chat an answer also gets one discreet row of two buttons. A 👎
shows the other close topics and keeps the question for the editors' review (/revue).
"""

from __future__ import annotations

from bot import buttons
from bot.answers.extract import analyse_message
from bot.answers.service import SHOW_PREFIX, Answer, AnswerKind
from bot.commands.base import Context, Registry
from bot.learning import signals
from bot.learning.signals import Feedback, Kind
from bot.messages import Choice, Reply
from bot.storage.models import Signal

UP_PREFIX = "fb:up:"
DOWN_PREFIX = "fb:down:"
MAX_TOPICS = 3


def _kind(ctx: Context, answer: Answer) -> Kind | None:
    if answer.kind is AnswerKind.ANSWER and answer.entry:
        sure = answer.score >= ctx.app.answerer.model.thresholds.answer
        return Kind.ANSWER if sure else Kind.TIE
    if answer.kind is AnswerKind.UNSURE:
        return Kind.UNSURE
    if answer.kind is AnswerKind.OUT_OF_SCOPE:
        return Kind.OUT_OF_SCOPE
    return None  # small talk, a feature, an empty message: nothing to learn from


def _offered(answer: Answer) -> tuple[str, ...]:
    """Entries offered: "Voir aussi" after an answer, the closest topics when unsure."""
    shown = (c.data for c in answer.choices if c.data.startswith(SHOW_PREFIX))
    return answer.alternatives or tuple(d.removeprefix(SHOW_PREFIX) for d in shown)


async def recorded(ctx: Context, question: str, answer: Answer, reply: Reply) -> Reply:
    """Record how the question went; an answer in private gets the feedback row."""
    kind = _kind(ctx, answer)
    if kind is None:
        return reply
    signal_id = await signals.record(
        ctx.session,
        user_id=ctx.user.id,
        transport=ctx.incoming.transport,
        kind=kind,
        question=question,
        entry=answer.entry,
        alternatives=_offered(answer),
        confidence=answer.score,
    )
    if answer.kind is not AnswerKind.ANSWER or ctx.in_group:
        return reply
    row = (
        Choice("👍 Utile", buttons.build(UP_PREFIX, signal_id), compact=True),
        Choice("👎 Pas ma question", buttons.build(DOWN_PREFIX, signal_id), compact=True),
    )
    return Reply(reply.text, choices=(*reply.choices, *row), file=reply.file)


def _signal_id(ctx: Context) -> int | None:
    parts = buttons.fields(ctx.button, 1)
    return buttons.ident(parts[0]) if parts else None


async def _press(ctx: Context, feedback: Feedback) -> Signal | Reply:
    signal_id = _signal_id(ctx)
    signal = None
    if signal_id is not None:
        signal = await signals.give_feedback(ctx.session, signal_id, ctx.user.id, feedback)
    if signal is None:
        return Reply("Ce retour n'est plus possible (réponse trop ancienne). Merci quand même !")
    return signal


async def up_button(ctx: Context) -> list[Reply]:
    found = await _press(ctx, Feedback.UP)
    if isinstance(found, Reply):
        return [found]
    return [Reply("Merci pour votre retour !")]


def _topics(ctx: Context, signal: Signal) -> list[str]:
    known = ctx.app.kb.entries
    topics = [e for e in signal.alternatives if e in known and e != signal.entry]
    if len(topics) < MAX_TOPICS and signal.question:
        ranked = ctx.app.answerer.rank(analyse_message(signal.question))
        topics += [e for _, e in ranked.scored if e in known and e != signal.entry]
    return list(dict.fromkeys(topics))[:MAX_TOPICS]


async def down_button(ctx: Context) -> list[Reply]:
    found = await _press(ctx, Feedback.DOWN)
    if isinstance(found, Reply):
        return [found]
    topics = _topics(ctx, found)
    if not topics:
        return [
            Reply(
                "Merci, c'est noté : votre question sera relue pour améliorer mes réponses. "
                "Reformulez-la en quelques mots, ou tapez /aide."
            )
        ]
    choices = tuple(
        Choice(ctx.app.kb.entries[e].title[:60], buttons.build(SHOW_PREFIX, e)) for e in topics
    )
    return [
        Reply(
            "Merci, c'est noté : votre question sera relue pour améliorer mes réponses. "
            "Voici d'autres sujets proches :",
            choices=choices,
        )
    ]


def register(registry: Registry) -> None:
    registry.button(UP_PREFIX, up_button)
    registry.button(DOWN_PREFIX, down_button)
