"""The dialog of /preuve: one step per message or button, its state in the database.

Its questions and buttons are in bot.commands.journal_prompts.

The logging dialog lives in the database (bot.dialogs): every message reads
its state, every button carries the dialog token, so a restart resumes the
dialog and a stale or repeated button changes nothing.
"""

from __future__ import annotations

import re
from datetime import date

from bot import buttons, dialogs
from bot.commands import journal_details as details
from bot.commands.base import Context
from bot.commands.journal_prompts import (
    PRIVATE_ONLY,
    offer,
    prompt,
    stale,
    today,
    too_long,
)
from bot.dialog_state import JournalDraft
from bot.dialogs import Flow
from bot.journal import attachments as files
from bot.journal import repository as repo
from bot.journal.dates import DateError, parse_period, strip_date
from bot.messages import Reply

FLOW = JournalDraft.FLOW
TEXT_MAX = 2000
DETAIL_MAX = 500
_CODE = re.compile(r"\bc?\s*([1-9])\s*[.,]?\s*([0-9])\b", re.IGNORECASE)
_ONLY_CODES = re.compile(r"^\s*(?:c?\s*\d\s*[.,]?\s*\d(?:\s*(?:,|;|et|\+|\s)\s*)?)+\s*$", re.I)
_YES = {"oui", "ok", "enregistrer", "valider", "o", "yes", "confirmer"}
_NO = {"non", "annuler", "stop", "n", "no"}


def draft_of(flow: Flow) -> JournalDraft:
    """A copy of the flow's data to change (the registry routes only journal flows here)."""
    assert isinstance(flow.data, JournalDraft), flow.flow
    return flow.data.model_copy(deep=True)


async def flow_prompt(ctx: Context, flow: Flow) -> Reply:
    """The current step's question again (after a question typed in the middle)."""
    return prompt(ctx, flow.step, draft_of(flow), flow.token)


def next_step(step: str, data: JournalDraft) -> str:
    if data.editing:
        return "confirm"
    following = details.next_step(step, data)
    if following is not None:
        return following
    order = ["what", "when", "who", "comp", "result", "confirm"]
    if data.mode == "quick":
        order = ["what", "comp", "confirm"]
    if data.dated_in_text and "when" in order:
        order.remove("when")
    return order[order.index(step) + 1]


async def goto(ctx: Context, flow: Flow, step: str, data: JournalDraft) -> list[Reply]:
    if step == "comp" and data.offered is None:
        offer(ctx, data)
    if step == "org" and data.last_org is None:
        await details.remember_org(ctx.session, ctx.user.id, data)
    if step == "confirm":
        data.editing = False
        data.completing = False
    token = await dialogs.advance(
        ctx.session, ctx.incoming, flow.token, step, data, ctx.app.dialog_ttl
    )
    if token is None:
        return [stale()]
    return [prompt(ctx, step, data, token)]


async def start(ctx: Context, text: str, attachments: list[int] | None = None) -> list[Reply]:
    running = await dialogs.current_flow(ctx.session, ctx.incoming)
    if running is not None and running.flow == FLOW:
        return [
            Reply("Une saisie de preuve est déjà en cours. Continuez-la, ou tapez /annuler."),
            prompt(ctx, running.step, draft_of(running), running.token),
        ]
    data = JournalDraft(mode="guided", attachments=attachments or [])
    step = "what"
    if len(text) > TEXT_MAX:
        return [too_long("Votre texte", len(text), TEXT_MAX)]
    text, day = strip_date(text, today(ctx))  # "/preuve hier j'ai…": the date is hier
    if day is not None:
        data.date, data.dated_in_text = day.isoformat(), True
    if text:
        data.mode, data.text, data.date = "quick", text, (day or today(ctx)).isoformat()
        offer(ctx, data)
        step = "comp"
    token = await dialogs.start_flow(ctx.session, ctx.incoming, step, data, ctx.app.dialog_ttl)
    intro = [Reply("Notons une preuve pour votre dossier professionnel.")] if not text else []
    return [*intro, prompt(ctx, step, data, token)]


async def new_button(ctx: Context) -> list[Reply]:
    if ctx.in_group:
        return [Reply(PRIVATE_ONLY)]
    return await start(ctx, "")


async def _save(ctx: Context, flow: Flow) -> list[Reply]:
    if not await dialogs.finish(ctx.session, ctx.incoming, flow.token):
        return [stale()]
    data = draft_of(flow)
    day = date.fromisoformat(data.date) if data.date else today(ctx)
    codes = [c for c in data.codes if c in ctx.app.kb.referentiel.competencies]
    if data.entry_id:
        entry = await repo.get_entry(ctx.session, ctx.user.id, data.entry_id)
        if entry is None:
            return [Reply("Cette preuve n'existe plus : rien n'a été modifié.")]
        entry.text, entry.occurred_on, entry.competencies = data.text, day, codes
        entry.audience, entry.result = data.audience, data.result
        for column, value in details.saved_fields(data).items():
            setattr(entry, column, value)
        await files.link(ctx.session, ctx.user.id, data.attachments, entry.id)
        return [Reply(f"Preuve n°{entry.number} modifiée.")]
    entry = await repo.add_entry(
        ctx.session,
        ctx.user.id,
        day,
        data.text,
        codes,
        audience=data.audience,
        result=data.result,
        **details.saved_fields(data),
    )
    await files.link(ctx.session, ctx.user.id, data.attachments, entry.id)
    total = await repo.count_entries(ctx.session, ctx.user.id)
    return [
        Reply(
            f"Preuve n°{entry.number} enregistrée ({total} au total). "
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
        return [stale()]
    data = draft_of(flow)
    step = flow.step
    if action == "cancel":
        if not await dialogs.finish(ctx.session, ctx.incoming, flow.token):
            return [stale()]
        return [Reply("C'est annulé, rien n'a été enregistré.")]
    if action == "save" and step == "confirm":
        return await _save(ctx, flow)
    if action == "edit-complete" and step == "confirm":
        data.completing = True
        return await goto(ctx, flow, "when", data)
    if step in details.DETAILS and details.press(step, action, data):
        return await goto(ctx, flow, next_step(step, data), data)
    if action.startswith("edit-") and step == "confirm":
        target = action.removeprefix("edit-")
        data.editing = True
        if target == "comp":
            offer(ctx, data)
        return await _goto_keep_edit(ctx, flow, target, data)
    if step == "when" and action in ("today", "yesterday"):
        day = today(ctx)
        if action == "yesterday":
            day = date.fromordinal(day.toordinal() - 1)
        data.date = day.isoformat()
        data.end = None
        return await goto(ctx, flow, next_step(step, data), data)
    if action == "skip" and step in ("who", "result", "comp"):
        if step == "comp":
            data.codes = []
        return await goto(ctx, flow, next_step(step, data), data)
    if step == "comp":
        if action == "other":
            data.offered = list(ctx.app.kb.referentiel.competencies)
            data.all = True
            return await _goto_keep_edit(ctx, flow, "comp", data)
        if action.startswith("t"):
            code = action[1:]
            if code not in ctx.app.kb.referentiel.competencies:
                return [stale()]
            codes = list(data.codes)
            codes.remove(code) if code in codes else codes.append(code)
            data.codes = sorted(codes)
            return await _goto_keep_edit(ctx, flow, "comp", data)
        if action == "valid" and data.codes:
            return await goto(ctx, flow, next_step(step, data), data)
    return [stale()]


async def _goto_keep_edit(ctx: Context, flow: Flow, step: str, data: JournalDraft) -> list[Reply]:
    token = await dialogs.advance(
        ctx.session, ctx.incoming, flow.token, step, data, ctx.app.dialog_ttl
    )
    if token is None:
        return [stale()]
    return [prompt(ctx, step, data, token)]


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
    data = draft_of(flow)
    step = flow.step
    if not text:
        return [Reply("Votre message est vide."), prompt(ctx, step, data, flow.token)]
    lowered = text.lower().strip(" .!")
    if step == "what":
        if len(text) > TEXT_MAX:
            return [too_long("Votre texte", len(text), TEXT_MAX)]
        if not data.editing:
            stripped, day = strip_date(text, today(ctx))
            if day is not None and stripped:
                text = stripped
                data.date, data.dated_in_text = day.isoformat(), True
        data.text = text
        if data.offered is not None:
            offer(ctx, data)
        return await goto(ctx, flow, next_step(step, data), data)
    if step == "when":
        try:
            day, end = parse_period(text, today(ctx))
        except DateError as exc:
            return [Reply(str(exc)), prompt(ctx, step, data, flow.token)]
        data.date = day.isoformat()
        data.end = end.isoformat() if end else None
        return await goto(ctx, flow, next_step(step, data), data)
    if step in details.DETAILS:
        refused = details.answer(step, text, data)
        if refused is not None:
            return [refused, prompt(ctx, step, data, flow.token)]
        return await goto(ctx, flow, next_step(step, data), data)
    if step in ("who", "result"):
        if lowered in ("passer", "aucun", "-"):
            return await goto(ctx, flow, next_step(step, data), data)
        if len(text) > DETAIL_MAX:
            return [too_long("Ce texte", len(text), DETAIL_MAX)]
        if step == "who":
            data.audience = text
        else:
            data.result = text
        return await goto(ctx, flow, next_step(step, data), data)
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
                prompt(ctx, step, data, flow.token),
            ]
        data.codes = sorted(set(data.codes) | set(found))
        return await goto(ctx, flow, next_step(step, data), data)
    # confirm
    if lowered in _YES:
        return await _save(ctx, flow)
    if lowered in _NO:
        await dialogs.finish(ctx.session, ctx.incoming, flow.token)
        return [Reply("C'est annulé, rien n'a été enregistré.")]
    return [
        Reply("Répondez avec un des choix ci-dessous, ou tapez /annuler."),
        prompt(ctx, step, data, flow.token),
    ]
