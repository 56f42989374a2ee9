"""/mes_preuves: the journal page by page, one entry, its edit and deletion buttons."""

from __future__ import annotations

from bot import buttons, dialogs
from bot.commands import journal_details as details
from bot.commands.base import Context
from bot.commands.journal_prompts import PRIVATE_ONLY, comp_label, prompt, stale
from bot.dialog_state import JournalDraft
from bot.journal import attachments as files
from bot.journal import repository as repo
from bot.journal.dates import french_date
from bot.messages import Choice, Reply, escape_markup
from bot.storage.models import JournalEntry

LIST_PREFIX = "jl:"  # jl:<action>:<arg>, owner-checked, no dialog needed
PAGE_SIZE = 5


def _entry_line(entry: JournalEntry, attached: int = 0) -> str:
    text = entry.text if len(entry.text) <= 80 else entry.text[:79] + "…"
    codes = ", ".join(entry.competencies) if entry.competencies else "sans compétence"
    clip = f" · 📎 {attached}" if attached else ""
    return (
        f"**n°{entry.number}** · {entry.occurred_on.strftime('%d/%m/%Y')} · {codes}{clip}\n"
        f"{escape_markup(text)}"
    )


async def _list_page(ctx: Context, offset: int) -> list[Reply]:
    total = await repo.count_entries(ctx.session, ctx.user.id)
    if total == 0:
        return [Reply("Votre journal est vide. Notez votre première preuve avec /preuve.")]
    offset = max(0, min(offset, (total - 1) // PAGE_SIZE * PAGE_SIZE))
    entries = await repo.list_entries(ctx.session, ctx.user.id, offset, PAGE_SIZE)
    last = offset + len(entries)
    head = f"**Vos preuves** ({offset + 1}–{last} sur {total}, les plus récentes d'abord)"
    choices = [
        Choice(f"Voir n°{e.number}", buttons.build(LIST_PREFIX, "show", e.id)) for e in entries
    ]
    if last < total:
        choices.append(Choice("Plus anciennes ›", buttons.build(LIST_PREFIX, "page", last)))
    if offset > 0:
        previous = buttons.build(LIST_PREFIX, "page", offset - PAGE_SIZE)
        choices.append(Choice("‹ Plus récentes", previous))
    attached = await files.by_entry(ctx.session, ctx.user.id, [e.id for e in entries])
    body = "\n\n".join(_entry_line(e, len(attached.get(e.id, []))) for e in entries)
    return [Reply(f"{head}\n\n{body}", choices=tuple(choices))]


async def list_page(ctx: Context, page: int | None) -> list[Reply]:
    """/mes_preuves [page]: a page number that is not one shows the first page."""
    offset = (page - 1) * PAGE_SIZE if page is not None else 0
    return await _list_page(ctx, offset)


def _detail(ctx: Context, entry: JournalEntry, attached: list[str]) -> Reply:
    lines = [
        f"**Preuve n°{entry.number}** · {french_date(entry.occurred_on)}",
        escape_markup(entry.text),
    ]
    if entry.audience:
        lines.append(f"Public : {escape_markup(entry.audience)}")
    if entry.result:
        lines.append(f"Résultat : {escape_markup(entry.result)}")
    lines += [
        f"{d.label} : {escape_markup(getattr(entry, d.key))}"
        for d in details.DETAILS.values()
        if getattr(entry, d.key)
    ]
    comps = ", ".join(comp_label(ctx, c) for c in entry.competencies) or "aucune"
    lines.append(f"Compétence(s) : {comps}")
    if attached:
        lines.append(f"Documents joints : {escape_markup(', '.join(attached))}")
    see = (Choice("Voir les documents", buttons.build("atl:", entry.id)),) if attached else ()
    return Reply(
        "\n".join(lines),
        choices=(
            *see,
            Choice("Modifier", buttons.build(LIST_PREFIX, "edit", entry.id)),
            Choice("Supprimer", buttons.build(LIST_PREFIX, "del", entry.id)),
            Choice("Retour à la liste", buttons.build(LIST_PREFIX, "page", 0)),
        ),
    )


async def list_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    action, arg = buttons.fields(ctx.button, 2) or ("", "")
    page = buttons.number(arg, low=0, high=10**9)
    if action == "page" and page is not None:
        return await _list_page(ctx, page)
    number = buttons.ident(arg)
    if number is None:
        return [stale()]
    entry = await repo.get_entry(ctx.session, ctx.user.id, number)
    if entry is None:
        return [Reply("Cette preuve n'existe plus (déjà supprimée ?).")]
    if action == "show":
        found = await files.by_entry(ctx.session, ctx.user.id, [entry.id])
        return [_detail(ctx, entry, [a.filename for a in found.get(entry.id, [])])]
    if action == "del":
        return [
            Reply(
                f"Supprimer définitivement la preuve n°{entry.number} ?",
                choices=(
                    Choice("Oui, supprimer", buttons.build(LIST_PREFIX, "delok", entry.id)),
                    Choice("Non, garder", buttons.build(LIST_PREFIX, "show", entry.id)),
                ),
            )
        ]
    if action == "delok":
        await files.forget_entry(
            ctx.session, ctx.app.settings.mentor_data_dir, ctx.user.id, entry.id
        )
        await repo.delete_entry(ctx.session, ctx.user.id, entry.id)
        return [Reply(f"Preuve n°{entry.number} supprimée.")]
    if action == "edit":
        data = JournalDraft(
            mode="edit",
            entry_id=entry.id,
            text=entry.text,
            date=entry.occurred_on.isoformat(),
            audience=entry.audience,
            result=entry.result,
            codes=list(entry.competencies),
            conditions=entry.conditions or "",
            means=entry.means or "",
            organisation=entry.organisation or "",
            end=entry.ended_on.isoformat() if entry.ended_on else None,
        )
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, "confirm", data, ctx.app.dialog_ttl
        )
        return [prompt(ctx, "confirm", data, token)]
    return [stale()]
