"""The questions of the /preuve dialog, one per step, with their buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot import buttons
from bot.commands import journal_details as details
from bot.commands.base import Context
from bot.dialog_state import JournalDraft
from bot.journal.dates import french_date
from bot.messages import Choice, Reply, escape_markup

STEP_PREFIX = "j:"  # j:<token>:<action>

PRIVATE_ONLY = (
    "Votre journal est personnel : utilisez cette fonction en message privé avec moi. "
    "Rien de votre journal n'est montré dans ce groupe."
)


def today(ctx: Context) -> date:
    return datetime.now(ZoneInfo(ctx.zone)).date()


def _b(token: str, action: str) -> str:
    return buttons.build(STEP_PREFIX, token, action)


def too_long(what: str, length: int, limit: int) -> Reply:
    return Reply(
        f"{what} est trop long ({length} caractères, {limit} au plus). "
        "Raccourcissez-le et renvoyez-le : rien n'a été enregistré ni coupé."
    )


def comp_label(ctx: Context, code: str) -> str:
    comp = ctx.app.kb.referentiel.competencies.get(code)
    return f"{code} {comp.short}" if comp else code


def _summary(ctx: Context, data: JournalDraft) -> str:
    day = date.fromisoformat(data.date) if data.date else today(ctx)
    codes = data.codes
    lines = [
        "**Récapitulatif de votre preuve**",
        f"- Action : {escape_markup(data.text)}",
        f"- Date : {french_date(day)}",
    ]
    if data.end:
        lines[-1] += f" → {french_date(date.fromisoformat(data.end))}"
    lines += details.summary_lines(data)
    if data.attachments:
        lines.append(f"- Documents joints : {len(data.attachments)}")
    if data.audience:
        lines.append(f"- Public : {escape_markup(data.audience)}")
    comps = ", ".join(comp_label(ctx, c) for c in codes) if codes else "aucune"
    lines.append(f"- Compétence(s) : {comps}")
    if data.result:
        lines.append(f"- Résultat : {escape_markup(data.result)}")
    return "\n".join(lines)


def prompt(ctx: Context, step: str, data: JournalDraft, token: str) -> Reply:
    """The step's question, headed by where it stands in a long dialog ("Étape 2/8")."""
    asked = _prompt(ctx, step, data, token)
    where = details.position(step, data)
    if where is None:
        return asked
    return replace(asked, text=f"_Étape {where[0]}/{where[1]}_\n{asked.text}")


def _prompt(ctx: Context, step: str, data: JournalDraft, token: str) -> Reply:
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
        selected = data.codes
        offered = data.offered or []
        comp_choices = [
            Choice(
                ("✅ " if code in selected else "") + comp_label(ctx, code), _b(token, f"t{code}")
            )
            for code in offered
        ]
        if not data.all:
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


def offer(ctx: Context, data: JournalDraft) -> None:
    """The competencies to show as buttons: suggested from the text, plus those chosen."""
    suggestions = ctx.app.suggester.suggest(data.text)
    offered = [s.competency.code for s in suggestions]
    for code in data.codes:
        if code not in offered:
            offered.append(code)
    data.offered = offered
    data.all = False
    if not offered:
        data.offered = list(ctx.app.kb.referentiel.competencies)
        data.all = True


def stale() -> Reply:
    """Said below a dead keyboard, which goes (clients without buttons ignore that)."""
    return Reply(
        "Ce bouton n'est plus valable : cette étape est déjà passée ou la saisie est terminée. "
        "Tapez /preuve pour noter une nouvelle preuve.",
        clear_pressed=True,
    )
