"""/revue, for admins: the week's misses grouped by likely entry, settled in one tap each.

"Ajouter comme exemple" writes the question into the entry file and the running bot
answers it at once (bot/learning/live.py); every decision is logged (bot/learning/
changes.py). Only the admins of `MENTOR_ADMINS` see or press any of it.
"""

from __future__ import annotations

from bot import buttons
from bot.answers.extract import analyse_message
from bot.cohorts import roles
from bot.commands.base import Context, Registry
from bot.commands.declare import NO_ARG, Command, Where, Who
from bot.learning.changes import log_change
from bot.learning.live import Request, live
from bot.learning.review import Decision, Group, decide, group_rows, week_groups
from bot.messages import Choice, Reply, escape_markup

ADD_PREFIX = "rv:a:"
OTHER_PREFIX = "rv:o:"
OFF_TOPIC_PREFIX = "rv:x:"
IGNORE_PREFIX = "rv:i:"
WORDINGS = 3
OTHER_ENTRIES = 6
ADMINS_ONLY = Reply("La commande /revue est réservée aux administrateurs de Mentor.")


def _admin(ctx: Context) -> bool:
    incoming = ctx.incoming
    return roles.is_admin(ctx.app.settings.admin_ids, incoming.transport, incoming.user_id)


def _title(ctx: Context, entry: str) -> str:
    found = ctx.app.kb.entries.get(entry)
    return found.title if found else entry


def _quoted(question: str) -> str:
    short = question if len(question) <= 120 else question[:119] + "…"
    return f"« {escape_markup(short)} »"


def group_text(ctx: Context, group: Group) -> tuple[str, tuple[Choice, ...]]:
    about = f"proche de « {_title(ctx, group.entry)} »" if group.entry else "sans fiche proche"
    plural = "s" if group.count > 1 else ""
    downs = f", dont {group.downs} 👎" if group.downs else ""
    lines = [f"**{group.count} question{plural}** {about}{downs} :"]
    lines += [f"- {_quoted(q)}" for q in group.questions[:WORDINGS]]
    if len(group.questions) > WORDINGS:
        lines.append(f"- … et {len(group.questions) - WORDINGS} autre(s) formulation(s)")
    choices: list[Choice] = []
    if group.entry:
        label = f"Ajouter comme exemple à «{_title(ctx, group.entry)[:36]}»"
        choices.append(Choice(label, buttons.build(ADD_PREFIX, group.id, group.entry)))
    choices += [
        Choice("Autre entrée…", buttons.build(OTHER_PREFIX, group.id)),
        Choice("Hors sujet", buttons.build(OFF_TOPIC_PREFIX, group.id)),
        Choice("Ignorer", buttons.build(IGNORE_PREFIX, group.id)),
    ]
    return "\n".join(lines), tuple(choices)


async def next_group(ctx: Context, before: str) -> Reply:
    """`before`, then the most asked group still to settle, with its buttons: one group
    per message, so that numbered answers (clients without buttons) stay unambiguous."""
    groups = await week_groups(ctx.session, ctx.app.answerer)
    if not groups:
        return Reply(f"{before}\nAucune question manquée à relire sur 7 jours. Merci !".strip())
    total = sum(g.count for g in groups)
    head = f"**Revue** : {total} question(s) manquée(s) en 7 jours, {len(groups)} groupe(s)."
    text, choices = group_text(ctx, groups[0])
    return Reply(f"{before}\n\n{head}\n{text}".strip(), choices=choices)


async def review_command(ctx: Context, _: None) -> list[Reply]:
    if not _admin(ctx):
        return [ADMINS_ONLY]
    return [await next_group(ctx, "")]


def _group_id(ctx: Context) -> int | None:
    parts = buttons.fields(ctx.button, 1, 2)
    return buttons.ident(parts[0]) if parts else None


async def _settle(ctx: Context, decision: str, action: str, done: str) -> list[Reply]:
    if not _admin(ctx):
        return [ADMINS_ONLY]
    group_id = _group_id(ctx)
    count = await decide(ctx.session, group_id, decision) if group_id else 0
    if not count:
        return [await next_group(ctx, "Ce groupe a déjà été traité.")]
    await log_change(
        ctx.session,
        action=action,
        author=f"chat:{ctx.incoming.transport}",
        author_user_id=ctx.user.id,
        detail=f"{count} question(s) du groupe {group_id}",
    )
    return [await next_group(ctx, f"{done} ({count} question(s)).")]


async def off_topic_button(ctx: Context) -> list[Reply]:
    return await _settle(ctx, Decision.OFF_TOPIC, "off_topic", "Noté : hors sujet")


async def ignore_button(ctx: Context) -> list[Reply]:
    return await _settle(ctx, Decision.IGNORED, "ignore", "Ignoré")


async def _question(ctx: Context, group_id: int) -> str | None:
    rows = [r for r in await group_rows(ctx.session, group_id) if r.review is None]
    return rows[0].question if rows else None


async def add_button(ctx: Context) -> list[Reply]:
    if not _admin(ctx):
        return [ADMINS_ONLY]
    parts = buttons.fields(ctx.button, 2)
    group_id = buttons.ident(parts[0]) if parts else None
    question = await _question(ctx, group_id) if parts and group_id else None
    if parts is None or group_id is None or question is None:
        return [await next_group(ctx, "Ce groupe a déjà été traité.")]
    entry = parts[1]
    if entry not in ctx.app.kb.entries:
        return [Reply("Cette fiche n'existe plus. Tapez /revue pour recommencer.")]
    # Settled now so that the next group shows at once; given back if the edit fails.
    await decide(ctx.session, group_id, Decision.ADDED)
    incoming = ctx.incoming
    request = Request(entry, question, group_id, incoming.transport, incoming.chat_id, ctx.user.id)
    live(ctx.app).add_soon(request)  # seconds of work: after this transaction, not in it
    title = escape_markup(_title(ctx, entry))
    return [
        await next_group(
            ctx, f"J'ajoute {_quoted(question)} à « {title} » ; je vous confirme dans un instant."
        )
    ]


async def other_button(ctx: Context) -> list[Reply]:
    if not _admin(ctx):
        return [ADMINS_ONLY]
    group_id = _group_id(ctx)
    question = await _question(ctx, group_id) if group_id else None
    if group_id is None or question is None:
        return [await next_group(ctx, "Ce groupe a déjà été traité.")]
    ranked = ctx.app.answerer.rank(analyse_message(question))
    known = ctx.app.kb.entries
    entries = [e for _, e in ranked.scored if e in known][:OTHER_ENTRIES]
    choices = tuple(
        Choice(known[e].title[:60], buttons.build(ADD_PREFIX, group_id, e)) for e in entries
    )
    text = f"À quelle fiche ajouter {_quoted(question)} ? (Aucune ne convient : /revue)"
    return [Reply(text, choices=choices)]


def register(registry: Registry) -> None:
    registry.command(
        Command(
            "revue",
            "relire les questions manquées (administrateurs)",
            review_command,
            NO_ARG,
            where=Where.PRIVATE,
            who=Who.ADMIN,
            not_allowed=ADMINS_ONLY.text,
            hidden=True,
            menu=False,
        )
    )
    registry.button(ADD_PREFIX, add_button)
    registry.button(OTHER_PREFIX, other_button)
    registry.button(OFF_TOPIC_PREFIX, off_topic_button)
    registry.button(IGNORE_PREFIX, ignore_button)
