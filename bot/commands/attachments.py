"""Photos and documents sent to the bot: attached to a journal entry, never in a group.

Sent during /preuve, a file joins the entry being written. Sent otherwise, it waits
(a pending row) until the user picks an entry, a new one or "Ne pas garder" by button.
"""

from __future__ import annotations

from bot import buttons, dialogs
from bot.commands import journal_flow
from bot.commands.base import Context, Registry
from bot.commands.journal_prompts import PRIVATE_ONLY, prompt
from bot.edits import closing
from bot.journal import attachments as files
from bot.journal import repository as repo
from bot.messages import Choice, File, Reply, escape_label, escape_markup
from bot.storage.models import JournalAttachment

PREFIX = "att:"  # att:<attachment id>:<new|e<entry id>|del>
SHOW_PREFIX = "atl:"  # atl:<entry id>: send an entry's files back
RECENT = 4
IN_GROUP = (
    "Je ne garde aucun document envoyé dans un groupe. Envoyez-le-moi en message privé "
    "pour le joindre à votre journal."
)


def _what(row: JournalAttachment) -> str:
    return "Photo" if row.kind == "photo" else "Document"


async def received(ctx: Context) -> list[Reply]:
    """A photo or document arrived (its caption is the message text)."""
    file = ctx.incoming.file
    assert file is not None
    if ctx.in_group:
        return [Reply(IN_GROUP)]
    data_dir = ctx.app.settings.mentor_data_dir
    await files.purge_pending(ctx.session, data_dir, ctx.user.id)
    caption = (ctx.incoming.text or "").strip()
    stored = await files.store(ctx.session, data_dir, ctx.user.id, file, caption)
    if isinstance(stored, str):
        return [Reply(stored)]
    flow = await dialogs.current_flow(ctx.session, ctx.incoming)
    if flow is not None and flow.flow == journal_flow.FLOW:
        data = journal_flow.draft_of(flow)
        data.attachments = [*data.attachments, stored.id]
        if caption and flow.step == "what":
            data.text = caption
            return [
                Reply(f"{_what(stored)} gardée pour cette preuve."),
                *await journal_flow.goto(ctx, flow, journal_flow.next_step("what", data), data),
            ]
        token = await dialogs.advance(
            ctx.session, ctx.incoming, flow.token, flow.step, data, ctx.app.dialog_ttl
        )
        if token is None:
            return [Reply("Cette saisie vient de changer : renvoyez le document.")]
        return [
            Reply(f"{_what(stored)} ajoutée à la preuve en cours (« {stored.filename} »)."),
            prompt(ctx, flow.step, data, token),
        ]
    recent = await repo.list_entries(ctx.session, ctx.user.id, 0, RECENT)
    choices = [Choice("Nouvelle preuve", buttons.build(PREFIX, stored.id, "new"))]
    choices += [
        Choice(
            f"n°{e.number} · {escape_label(e.text, 40)}",
            buttons.build(PREFIX, stored.id, f"e{e.id}"),
        )
        for e in recent
    ]
    choices.append(Choice("Ne pas garder", buttons.build(PREFIX, stored.id, "del")))
    return [
        Reply(
            f"{_what(stored)} reçue (« {escape_markup(stored.filename)} »). "
            "À quelle preuve la joindre ?",
            choices=tuple(choices),
        )
    ]


async def pressed(ctx: Context) -> list[Reply]:
    """The question "À quelle preuve ?" is answered once: its buttons go."""
    return closing(await button(ctx))


async def button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    ident, action = buttons.fields(ctx.button, 2) or ("", "")
    number = buttons.ident(ident)
    row = await files.get(ctx.session, ctx.user.id, number) if number is not None else None
    if row is None or row.entry_id is not None:
        return [Reply("Ce document est déjà rangé ou n'existe plus : rien n'a changé.")]
    if action == "del":
        await files.remove(ctx.session, ctx.app.settings.mentor_data_dir, [row])
        return [Reply("C'est noté : je n'ai pas gardé ce document.")]
    if action == "new":
        return await journal_flow.start(ctx, row.caption, attachments=[row.id])
    entry_id = buttons.ident(action[1:]) if action.startswith("e") else None
    entry = await repo.get_entry(ctx.session, ctx.user.id, entry_id) if entry_id else None
    if entry is None:
        return [Reply("Cette preuve n'existe plus. Renvoyez le document pour le ranger.")]
    await files.link(ctx.session, ctx.user.id, [row.id], entry.id)
    return [Reply(f"{_what(row)} jointe à la preuve n°{entry.number}. Voir : /mes_preuves")]


async def show(ctx: Context) -> list[Reply]:
    """Send back the files of one entry (from its detail in /mes_preuves)."""
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    entry_id = buttons.ident(ctx.button)
    found = await files.by_entry(ctx.session, ctx.user.id, [entry_id] if entry_id else [])
    rows = found.get(entry_id or 0, [])
    if not rows:
        return [Reply("Cette preuve n'a pas de document joint.")]
    replies = []
    for row in rows:
        path = files.path_of(ctx.app.settings.mentor_data_dir, row)
        if not path.is_file():
            replies.append(Reply(f"Le fichier « {escape_markup(row.filename)} » est introuvable."))
            continue
        replies.append(
            Reply(
                "",
                file=File(
                    row.filename, path.read_bytes(), row.mime_type, escape_markup(row.caption)
                ),
            )
        )
    return replies


def register(registry: Registry) -> None:
    registry.button(PREFIX, pressed)
    registry.button(SHOW_PREFIX, show)
