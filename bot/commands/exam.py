"""/examen: the date of the user's exam session, so coverage and reminders count down."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.commands.base import Context, Registry
from bot.commands.declare import Where, command, text_arg
from bot.journal import repository as repo
from bot.journal.dates import DateError
from bot.journal.exam import exam_lines, parse_exam_date
from bot.messages import Reply
from bot.storage.models import User

CLEAR = {"effacer", "supprimer", "aucun", "aucune", "annuler", "non"}


def _today(ctx: Context) -> date:
    return datetime.now(ZoneInfo(ctx.zone)).date()


async def exam_date(ctx: Context) -> date | None:
    user = await ctx.session.get(User, ctx.user.id)
    return user.exam_date if user is not None else None


@command(
    "examen",
    "la date de votre session d'examen (compte à rebours)",
    text_arg("[JJ/MM/AAAA]"),
    where=Where.PRIVATE,
    family="journal",
    guide=("/examen suivi de la date de votre session, pour le compte à rebours.",),
)
async def exam_command(ctx: Context, text: str) -> list[Reply]:
    user = await ctx.session.get(User, ctx.user.id)
    assert user is not None
    today = _today(ctx)
    if not text:
        if user.exam_date is None or user.exam_date < today:
            return [
                Reply(
                    "Quand passez-vous l'examen ? Écrivez par exemple « /examen 12/03/2027 » : "
                    "je vous dirai combien de semaines il reste et quoi noter d'abord."
                )
            ]
        counts = await repo.coverage(ctx.session, ctx.user.id)
        lines = exam_lines(user.exam_date, today, ctx.app.kb.referentiel, counts)
        lines.append("Pour changer : /examen JJ/MM/AAAA ; pour l'oublier : /examen effacer")
        return [Reply("\n".join(lines))]
    if text.lower() in CLEAR:
        user.exam_date = None
        return [Reply("C'est noté : je ne compte plus les semaines jusqu'à l'examen.")]
    try:
        day = parse_exam_date(text[:40], today)
    except DateError as exc:
        return [Reply(str(exc))]
    user.exam_date = day
    counts = await repo.coverage(ctx.session, ctx.user.id)
    lines = ["C'est noté.", *exam_lines(day, today, ctx.app.kb.referentiel, counts)]
    lines.append("Votre progression : /couverture")
    return [Reply("\n".join(lines))]


def register(registry: Registry) -> None:
    registry.command(exam_command)
