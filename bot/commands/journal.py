"""/preuve, /mes_preuves, /couverture, /export: the private evidence journal.

The logging dialog lives in the database (bot.dialogs): every message reads
its state, every button carries the dialog token, so a restart resumes the
dialog and a stale or repeated button changes nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import buttons, dialogs
from bot.commands import journal_details as details
from bot.commands.base import Command, Context, Registry
from bot.commands.coverage_picture import coverage_picture
from bot.dialogs import Flow
from bot.journal import NEW_ENTRY_BUTTON
from bot.journal import attachments as files
from bot.journal import repository as repo
from bot.journal.coverage import coverage_text
from bot.journal.dates import DateError, french_date, parse_period, strip_date
from bot.journal.export import DOCX_MIME, export_files
from bot.journal.suggest import CompetencySuggester
from bot.messages import Choice, File, Reply, escape_markup
from bot.numbers import parse_int
from bot.storage.models import JournalEntry

FLOW = "journal"
STEP_PREFIX = "j:"  # j:<token>:<action>
LIST_PREFIX = "jl:"  # jl:<action>:<arg>, owner-checked, no dialog needed
TEXT_MAX = 2000
DETAIL_MAX = 500
PAGE_SIZE = 5
_CODE = re.compile(r"\bc?\s*([1-9])\s*[.,]?\s*([0-9])\b", re.IGNORECASE)
_ONLY_CODES = re.compile(r"^\s*(?:c?\s*\d\s*[.,]?\s*\d(?:\s*(?:,|;|et|\+|\s)\s*)?)+\s*$", re.I)
_YES = {"oui", "ok", "enregistrer", "valider", "o", "yes", "confirmer"}
_NO = {"non", "annuler", "stop", "n", "no"}

PRIVATE_ONLY = (
    "Votre journal est personnel : utilisez cette fonction en message privé avec moi. "
    "Rien de votre journal n'est montré dans ce groupe."
)


def _today(ctx: Context) -> date:
    return datetime.now(ZoneInfo(ctx.zone)).date()


def _suggester(ctx: Context) -> CompetencySuggester:
    cached = getattr(ctx.app, "_journal_suggester", None)
    if isinstance(cached, CompetencySuggester):
        return cached
    suggester = CompetencySuggester(ctx.app.kb)
    ctx.app._journal_suggester = suggester  # type: ignore[attr-defined]
    return suggester


def _b(token: str, action: str) -> str:
    return buttons.build(STEP_PREFIX, token, action)


def _too_long(what: str, length: int, limit: int) -> Reply:
    return Reply(
        f"{what} est trop long ({length} caractères, {limit} au plus). "
        "Raccourcissez-le et renvoyez-le : rien n'a été enregistré ni coupé."
    )


def _comp_label(ctx: Context, code: str) -> str:
    comp = ctx.app.kb.referentiel.competencies.get(code)
    return f"{code} {comp.short}" if comp else code


def _summary(ctx: Context, data: dict[str, Any]) -> str:
    day = date.fromisoformat(data["date"]) if data.get("date") else _today(ctx)
    codes = data.get("codes") or []
    lines = [
        "**Récapitulatif de votre preuve**",
        f"- Action : {escape_markup(data.get('text', ''))}",
        f"- Date : {french_date(day)}",
    ]
    if data.get("end"):
        lines[-1] += f" → {french_date(date.fromisoformat(data['end']))}"
    lines += details.summary_lines(data)
    if data.get("attachments"):
        lines.append(f"- Documents joints : {len(data['attachments'])}")
    if data.get("audience"):
        lines.append(f"- Public : {escape_markup(data['audience'])}")
    comps = ", ".join(_comp_label(ctx, c) for c in codes) if codes else "aucune"
    lines.append(f"- Compétence(s) : {comps}")
    if data.get("result"):
        lines.append(f"- Résultat : {escape_markup(data['result'])}")
    return "\n".join(lines)


def _prompt(ctx: Context, step: str, data: dict[str, Any], token: str) -> Reply:
    cancel = Choice("Annuler", _b(token, "cancel"))
    skip = Choice("Passer", _b(token, "skip"))
    if step in details.DETAILS:
        return details.prompt(step, data, lambda action: _b(token, action))
    if step == "what":
        return Reply(
            "Qu'avez-vous fait ? Décrivez l'action en une ou deux phrases "
            "(par exemple : « Atelier smartphone pour 8 seniors à la médiathèque »).",
            choices=(cancel,),
        )
    if step == "when":
        return Reply(
            "Quand était-ce ? Choisissez, ou écrivez une date (« 12/03 », « lundi dernier ») "
            "ou une période (« du 2 au 9 mars »).",
            choices=(
                Choice("Aujourd'hui", _b(token, "today")),
                Choice("Hier", _b(token, "yesterday")),
                cancel,
            ),
        )
    if step == "who":
        return Reply("Avec qui, pour quel public ? (ou « Passer »)", choices=(skip, cancel))
    if step == "result":
        return Reply(
            "Quel résultat ? (par exemple : « 6 participants savent envoyer un mail ») "
            "ou « Passer »",
            choices=(skip, cancel),
        )
    if step == "comp":
        selected: list[str] = data.get("codes") or []
        offered: list[str] = data.get("offered") or []
        comp_choices = [
            Choice(
                ("✅ " if code in selected else "") + _comp_label(ctx, code), _b(token, f"t{code}")
            )
            for code in offered
        ]
        if not data.get("all"):
            comp_choices.append(Choice("Autre compétence…", _b(token, "other")))
        if selected:
            comp_choices.append(Choice("Valider", _b(token, "valid")))
        else:
            comp_choices.append(Choice("Je ne sais pas", _b(token, "skip")))
        comp_choices.append(cancel)
        head = "Quelle(s) compétence(s) cette action montre-t-elle ?"
        if selected:
            head += f"\nChoisie(s) : {', '.join(selected)}. Touchez encore pour retirer."
        else:
            head += " Touchez une ou plusieurs compétences, puis « Valider »."
        return Reply(head, choices=tuple(comp_choices))
    # confirm
    return Reply(
        _summary(ctx, data),
        choices=(
            Choice("Enregistrer", _b(token, "save")),
            Choice("Modifier le texte", _b(token, "edit-what")),
            Choice("Modifier la date", _b(token, "edit-when")),
            Choice("Modifier les compétences", _b(token, "edit-comp")),
            Choice("Compléter pour le dossier", _b(token, "edit-complete")),
            cancel,
        ),
    )


async def flow_prompt(ctx: Context, flow: Flow) -> Reply:
    """The current step's question again (after a question typed in the middle)."""
    return _prompt(ctx, flow.step, flow.data, flow.token)


def _offer(ctx: Context, data: dict[str, Any]) -> None:
    suggestions = _suggester(ctx).suggest(data.get("text", ""))
    offered = [s.competency.code for s in suggestions]
    for code in data.get("codes") or []:
        if code not in offered:
            offered.append(code)
    data["offered"] = offered
    data["all"] = False
    if not offered:
        data["offered"] = list(ctx.app.kb.referentiel.competencies)
        data["all"] = True


def _next_step(step: str, data: dict[str, Any]) -> str:
    if data.get("editing") is True:
        return "confirm"
    following = details.next_step(step, data)
    if following is not None:
        return following
    order = ["what", "when", "who", "comp", "result", "confirm"]
    if data.get("mode") == "quick":
        order = ["what", "comp", "confirm"]
    if data.get("dated_in_text") and "when" in order:
        order.remove("when")
    return order[order.index(step) + 1]


async def _goto(ctx: Context, flow: Flow, step: str, data: dict[str, Any]) -> list[Reply]:
    if step == "comp" and "offered" not in data:
        _offer(ctx, data)
    if step == "org" and "last_org" not in data:
        await details.remember_org(ctx.session, ctx.user.id, data)
    if step == "confirm":
        data.pop("editing", None)
    token = await dialogs.advance(
        ctx.session, ctx.incoming, flow.token, step, data, ctx.app.dialog_ttl
    )
    if token is None:
        return [_stale()]
    return [_prompt(ctx, step, data, token)]


def _stale() -> Reply:
    return Reply(
        "Ce bouton n'est plus valable : cette étape est déjà passée ou la saisie est terminée. "
        "Tapez /preuve pour noter une nouvelle preuve."
    )


async def _start(ctx: Context, text: str, attachments: list[int] | None = None) -> list[Reply]:
    running = await dialogs.current_flow(ctx.session, ctx.incoming)
    if running is not None and running.flow == FLOW:
        return [
            Reply("Une saisie de preuve est déjà en cours. Continuez-la, ou tapez /annuler."),
            _prompt(ctx, running.step, running.data, running.token),
        ]
    data: dict[str, Any] = {"codes": [], "attachments": attachments or []}
    step = "what"
    if len(text) > TEXT_MAX:
        return [_too_long("Votre texte", len(text), TEXT_MAX)]
    text, day = strip_date(text, _today(ctx))  # "/preuve hier j'ai…": the date is hier
    if day is not None:
        data.update(date=day.isoformat(), dated_in_text=True)
    if text:
        data.update(text=text, mode="quick", date=(day or _today(ctx)).isoformat())
        _offer(ctx, data)
        step = "comp"
    else:
        data["mode"] = "guided"
    token = await dialogs.start_flow(
        ctx.session, ctx.incoming, FLOW, step, data, ctx.app.dialog_ttl
    )
    intro = [Reply("Notons une preuve pour votre dossier professionnel.")] if not text else []
    return [*intro, _prompt(ctx, step, data, token)]


async def preuve_command(ctx: Context) -> list[Reply]:
    return await _start(ctx, ctx.args.strip())


async def new_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    return await _start(ctx, "")


async def cancel_command(ctx: Context) -> list[Reply]:
    running = await dialogs.current_flow(ctx.session, ctx.incoming)
    if running is None:
        return [Reply("Il n'y a rien à annuler.")]
    await dialogs.finish(ctx.session, ctx.incoming, None)
    return [Reply("C'est annulé, rien n'a été enregistré.")]


async def _save(ctx: Context, flow: Flow) -> list[Reply]:
    if not await dialogs.finish(ctx.session, ctx.incoming, flow.token):
        return [_stale()]
    data = flow.data
    day = date.fromisoformat(data["date"]) if data.get("date") else _today(ctx)
    codes = [c for c in data.get("codes") or [] if c in ctx.app.kb.referentiel.competencies]
    if data.get("entry_id"):
        entry = await repo.get_entry(ctx.session, ctx.user.id, int(data["entry_id"]))
        if entry is None:
            return [Reply("Cette preuve n'existe plus : rien n'a été modifié.")]
        entry.text, entry.occurred_on, entry.competencies = data["text"], day, codes
        entry.audience, entry.result = data.get("audience", ""), data.get("result", "")
        for column, value in details.saved_fields(data).items():
            setattr(entry, column, value)
        await files.link(ctx.session, ctx.user.id, data.get("attachments") or [], entry.id)
        return [Reply(f"Preuve n°{entry.id} modifiée.")]
    entry = await repo.add_entry(
        ctx.session,
        ctx.user.id,
        day,
        data["text"],
        codes,
        audience=data.get("audience", ""),
        result=data.get("result", ""),
        **details.saved_fields(data),
    )
    await files.link(ctx.session, ctx.user.id, data.get("attachments") or [], entry.id)
    total = await repo.count_entries(ctx.session, ctx.user.id)
    return [
        Reply(
            f"Preuve n°{entry.id} enregistrée ({total} au total). "
            "Voir votre progression : /couverture",
        )
    ]


async def step_button(ctx: Context) -> list[Reply]:
    """A button of the logging dialog: `<token>:<action>`."""
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    token, action = buttons.fields(ctx.button, 2) or ("", "")
    flow = await dialogs.current_flow(ctx.session, ctx.incoming)
    if flow is None or flow.flow != FLOW or flow.token != token:
        return [_stale()]
    data = dict(flow.data)
    step = flow.step
    if action == "cancel":
        if not await dialogs.finish(ctx.session, ctx.incoming, flow.token):
            return [_stale()]
        return [Reply("C'est annulé, rien n'a été enregistré.")]
    if action == "save" and step == "confirm":
        return await _save(ctx, flow)
    if action == "edit-complete" and step == "confirm":
        data["editing"] = "complete"
        return await _goto(ctx, flow, "when", data)
    if step in details.DETAILS and details.press(step, action, data):
        return await _goto(ctx, flow, _next_step(step, data), data)
    if action.startswith("edit-") and step == "confirm":
        target = action.removeprefix("edit-")
        data["editing"] = True
        if target == "comp":
            _offer(ctx, data)
        return await _goto_keep_edit(ctx, flow, target, data)
    if step == "when" and action in ("today", "yesterday"):
        day = _today(ctx)
        if action == "yesterday":
            day = date.fromordinal(day.toordinal() - 1)
        data["date"] = day.isoformat()
        data.pop("end", None)
        return await _goto(ctx, flow, _next_step(step, data), data)
    if action == "skip" and step in ("who", "result", "comp"):
        if step == "comp":
            data["codes"] = []
        return await _goto(ctx, flow, _next_step(step, data), data)
    if step == "comp":
        if action == "other":
            data["offered"] = list(ctx.app.kb.referentiel.competencies)
            data["all"] = True
            return await _goto_keep_edit(ctx, flow, "comp", data)
        if action.startswith("t"):
            code = action[1:]
            if code not in ctx.app.kb.referentiel.competencies:
                return [_stale()]
            codes: list[str] = list(data.get("codes") or [])
            codes.remove(code) if code in codes else codes.append(code)
            data["codes"] = sorted(codes)
            return await _goto_keep_edit(ctx, flow, "comp", data)
        if action == "valid" and data.get("codes"):
            return await _goto(ctx, flow, _next_step(step, data), data)
    return [_stale()]


async def _goto_keep_edit(ctx: Context, flow: Flow, step: str, data: dict[str, Any]) -> list[Reply]:
    token = await dialogs.advance(
        ctx.session, ctx.incoming, flow.token, step, data, ctx.app.dialog_ttl
    )
    if token is None:
        return [_stale()]
    return [_prompt(ctx, step, data, token)]


def _codes_in(text: str, known: set[str]) -> tuple[list[str], list[str]]:
    found: list[str] = []
    unknown: list[str] = []
    if not _ONLY_CODES.match(text):
        return found, unknown
    for major, minor in _CODE.findall(text):
        code = f"C{major}.{minor}"
        (found if code in known else unknown).append(code)
    return found, unknown


async def flow_message(ctx: Context, flow: Flow) -> list[Reply]:
    """A typed message while the logging dialog runs."""
    text = " ".join((ctx.incoming.text or "").split())
    data = dict(flow.data)
    step = flow.step
    if not text:
        return [Reply("Votre message est vide."), _prompt(ctx, step, data, flow.token)]
    lowered = text.lower().strip(" .!")
    if step == "what":
        if len(text) > TEXT_MAX:
            return [_too_long("Votre texte", len(text), TEXT_MAX)]
        if not data.get("editing"):
            stripped, day = strip_date(text, _today(ctx))
            if day is not None and stripped:
                text = stripped
                data.update(date=day.isoformat(), dated_in_text=True)
        data["text"] = text
        if "offered" in data:
            _offer(ctx, data)
        return await _goto(ctx, flow, _next_step(step, data), data)
    if step == "when":
        try:
            day, end = parse_period(text, _today(ctx))
        except DateError as exc:
            return [Reply(str(exc)), _prompt(ctx, step, data, flow.token)]
        data["date"] = day.isoformat()
        data["end"] = end.isoformat() if end else None
        return await _goto(ctx, flow, _next_step(step, data), data)
    if step in details.DETAILS:
        refused = details.answer(step, text, data)
        if refused is not None:
            return [refused, _prompt(ctx, step, data, flow.token)]
        return await _goto(ctx, flow, _next_step(step, data), data)
    if step in ("who", "result"):
        if lowered in ("passer", "aucun", "-"):
            return await _goto(ctx, flow, _next_step(step, data), data)
        if len(text) > DETAIL_MAX:
            return [_too_long("Ce texte", len(text), DETAIL_MAX)]
        data["audience" if step == "who" else "result"] = text
        return await _goto(ctx, flow, _next_step(step, data), data)
    if step == "comp":
        known = set(ctx.app.kb.referentiel.competencies)
        found, unknown = _codes_in(text, known)
        if unknown or not found:
            problem = (
                f"La compétence « {', '.join(unknown)} » n'existe pas."
                if unknown
                else "Je n'ai pas reconnu de code de compétence."
            )
            return [
                Reply(
                    f"{problem} Codes possibles : C1.1 à C1.4, C2.1 à C2.4, C3.1 à C3.3. "
                    "Ou touchez un bouton."
                ),
                _prompt(ctx, step, data, flow.token),
            ]
        data["codes"] = sorted(set(data.get("codes") or []) | set(found))
        return await _goto(ctx, flow, _next_step(step, data), data)
    # confirm
    if lowered in _YES:
        return await _save(ctx, flow)
    if lowered in _NO:
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply("C'est annulé, rien n'a été enregistré.")]
    return [
        Reply("Répondez avec un des choix ci-dessous, ou tapez /annuler."),
        _prompt(ctx, step, data, flow.token),
    ]


def _entry_line(entry: JournalEntry, attached: int = 0) -> str:
    text = entry.text if len(entry.text) <= 80 else entry.text[:79] + "…"
    codes = ", ".join(entry.competencies) if entry.competencies else "sans compétence"
    clip = f" · 📎 {attached}" if attached else ""
    return (
        f"**n°{entry.id}** · {entry.occurred_on.strftime('%d/%m/%Y')} · {codes}{clip}\n"
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
    choices = [Choice(f"Voir n°{e.id}", buttons.build(LIST_PREFIX, "show", e.id)) for e in entries]
    if last < total:
        choices.append(Choice("Plus anciennes ›", buttons.build(LIST_PREFIX, "page", last)))
    if offset > 0:
        previous = buttons.build(LIST_PREFIX, "page", offset - PAGE_SIZE)
        choices.append(Choice("‹ Plus récentes", previous))
    attached = await files.by_entry(ctx.session, ctx.user.id, [e.id for e in entries])
    body = "\n\n".join(_entry_line(e, len(attached.get(e.id, []))) for e in entries)
    return [Reply(f"{head}\n\n{body}", choices=tuple(choices))]


async def list_command(ctx: Context) -> list[Reply]:
    page = parse_int(ctx.args.strip(), low=1, high=10**6)
    offset = (page - 1) * PAGE_SIZE if page is not None else 0
    return await _list_page(ctx, offset)


def _detail(ctx: Context, entry: JournalEntry, attached: list[str]) -> Reply:
    lines = [
        f"**Preuve n°{entry.id}** · {french_date(entry.occurred_on)}",
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
    comps = ", ".join(_comp_label(ctx, c) for c in entry.competencies) or "aucune"
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
        return [_stale()]
    entry = await repo.get_entry(ctx.session, ctx.user.id, number)
    if entry is None:
        return [Reply(f"La preuve n°{number} n'existe plus (déjà supprimée ?).")]
    if action == "show":
        found = await files.by_entry(ctx.session, ctx.user.id, [entry.id])
        return [_detail(ctx, entry, [a.filename for a in found.get(entry.id, [])])]
    if action == "del":
        return [
            Reply(
                f"Supprimer définitivement la preuve n°{entry.id} ?",
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
        return [Reply(f"Preuve n°{number} supprimée.")]
    if action == "edit":
        data: dict[str, Any] = {
            "entry_id": entry.id,
            "text": entry.text,
            "date": entry.occurred_on.isoformat(),
            "audience": entry.audience,
            "result": entry.result,
            "codes": list(entry.competencies),
            "mode": "edit",
            **{d.key: getattr(entry, d.key) or "" for d in details.DETAILS.values()},
            "end": entry.ended_on.isoformat() if entry.ended_on else None,
        }
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, FLOW, "confirm", data, ctx.app.dialog_ttl
        )
        return [_prompt(ctx, "confirm", data, token)]
    return [_stale()]


async def coverage_command(ctx: Context) -> list[Reply]:
    entries = await repo.competency_sets(ctx.session, ctx.user.id)
    text = coverage_text(ctx.app.kb.referentiel, entries)
    picture, countdown = await coverage_picture(ctx, entries)  # text stays: screen readers
    text = "\n\n".join([text, "\n".join(countdown)]) if countdown else text
    return [picture, Reply(text, choices=(Choice("Noter une preuve", NEW_ENTRY_BUTTON),))]


async def export_command(ctx: Context) -> list[Reply]:
    rows = await repo.list_entries(ctx.session, ctx.user.id)
    if not rows:
        return [Reply("Votre journal est vide : notez d'abord une preuve avec /preuve.")]
    today = _today(ctx)
    stamp = today.strftime("%Y-%m-%d")
    attached = await files.by_entry(ctx.session, ctx.user.id)
    docx, markdown = export_files(
        ctx.app.kb.referentiel,
        rows,
        ctx.user.display_name,
        today,
        attached,
        ctx.app.settings.mentor_data_dir,
    )
    return [
        Reply(
            f"Voici le brouillon de votre dossier professionnel ({len(rows)} "
            f"preuve{'s' if len(rows) > 1 else ''}), classé par activité-type (CCP), "
            "avec ce qui reste à compléter. Recopiez-le dans le modèle officiel.",
            file=File(f"dossier-professionnel-{stamp}.docx", docx, DOCX_MIME),
        ),
        Reply(
            "La même chose en texte (Markdown) :",
            file=File(
                f"dossier-professionnel-{stamp}.md", markdown.encode("utf-8"), "text/markdown"
            ),
        ),
    ]


# What bot.commands.attachments uses to join a file to the dialog.
start = _start
goto = _goto
prompt = _prompt
next_step = _next_step


def register(registry: Registry) -> None:
    registry.command(
        Command("preuve", "noter une preuve de pratique", preuve_command,
                usage="[ce que vous avez fait]", private_only=True, aliases=("noter",))
    )  # fmt: skip
    registry.command(
        Command("mes_preuves", "voir, modifier ou supprimer vos preuves", list_command,
                private_only=True, aliases=("journal",))
    )  # fmt: skip
    registry.command(
        Command("couverture", "votre couverture du référentiel par CCP", coverage_command,
                private_only=True)
    )  # fmt: skip
    registry.command(
        Command("export", "brouillon de dossier professionnel (Word et texte)",
                export_command, private_only=True)
    )  # fmt: skip
    registry.command(
        Command("annuler", "annuler la saisie en cours", cancel_command)
    )  # fmt: skip
    registry.button(STEP_PREFIX, step_button)
    registry.button(LIST_PREFIX, list_button)
    registry.button(NEW_ENTRY_BUTTON, new_button)
    registry.flow(FLOW, flow_message, flow_prompt)
