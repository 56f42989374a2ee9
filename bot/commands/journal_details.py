"""The guided /preuve steps that collect what a DP example asks, in the user's words.

Each step is skippable. The organisation is offered back from the user's previous
entry (one tap), since most entries happen in the same structure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialog_state import JournalDraft
from bot.messages import Choice, Reply, escape_label, escape_markup
from bot.storage.models import JournalEntry

DETAIL_MAX = 500
SAME_ORG = "sameorg"


@dataclass(frozen=True, slots=True)
class Detail:
    key: str  # the dialog data key, also the journal_entries column
    question: str
    label: str  # in the summary


DETAILS = {
    "conditions": Detail(
        "conditions",
        "Dans quelles conditions ? Lieu, durée, nombre de personnes, imprévus… (ou « Passer »)",
        "Conditions",
    ),
    "means": Detail(
        "means",
        "Avec quels moyens ? Outils, matériel, logiciels, supports… (ou « Passer »)",
        "Moyens",
    ),
    "org": Detail(
        "organisation",
        "Dans quelle structure et quel service ? (par exemple : « Médiathèque "
        "Jules-Verne, espace numérique ») ou « Passer »",
        "Structure",
    ),
}
GUIDED = ["what", "when", "who", "conditions", "means", "org", "comp", "result", "confirm"]
# "Compléter pour le dossier" from the summary: every DP question after the text.
COMPLETE = ["when", "who", "conditions", "means", "org", "result", "confirm"]


def prompt(step: str, data: JournalDraft, button: Callable[[str], str]) -> Reply:
    detail = DETAILS[step]
    choices = []
    if step == "org" and data.last_org:
        choices.append(
            Choice(f"Même structure : {escape_label(data.last_org, 40)}", button(SAME_ORG))
        )
    choices += [Choice("Passer", button("skip")), Choice("Annuler", button("cancel"))]
    return Reply(detail.question, choices=tuple(choices))


def answer(step: str, text: str, data: JournalDraft) -> Reply | None:
    """Store a typed answer; a Reply when it is refused (nothing stored)."""
    if text.lower().strip(" .!") in ("passer", "aucun", "-"):
        return None
    if len(text) > DETAIL_MAX:
        return Reply(
            f"Ce texte est trop long ({len(text)} caractères, {DETAIL_MAX} au plus). "
            "Raccourcissez-le et renvoyez-le : rien n'a été enregistré ni coupé."
        )
    setattr(data, DETAILS[step].key, text)
    return None


def press(step: str, action: str, data: JournalDraft) -> bool:
    """A detail step's button; False when the button is not one of this step's."""
    if action == "skip":
        return True
    if step == "org" and action == SAME_ORG and data.last_org:
        data.organisation = data.last_org
        return True
    return False


async def remember_org(session: AsyncSession, user_id: int, data: JournalDraft) -> None:
    """The organisation of the user's latest entry that has one, offered at the org step."""
    stmt = (
        select(JournalEntry.organisation)
        .where(JournalEntry.user_id == user_id, JournalEntry.organisation.is_not(None))
        .where(JournalEntry.organisation != "")
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(1)
    )
    last = (await session.execute(stmt)).scalar_one_or_none()
    data.last_org = last or ""


def summary_lines(data: JournalDraft) -> list[str]:
    return [
        f"- {d.label} : {escape_markup(getattr(data, d.key))}"
        for d in DETAILS.values()
        if getattr(data, d.key)
    ]


def next_step(step: str, data: JournalDraft) -> str | None:
    """The step after `step` in the guided or "complete" order; None for other orders."""
    order = COMPLETE if data.completing else GUIDED
    if data.mode != "guided" and not data.completing:
        return None
    order = [s for s in order if not (s == "when" and data.dated_in_text)]
    return order[order.index(step) + 1] if step in order else None


def position(step: str, data: JournalDraft) -> tuple[int, int] | None:
    """Which question of how many (the recap aside), for the long orders only: the guided
    dialog and "Compléter pour le dossier"; None for a one-question change or quick entry."""
    if data.editing:
        return None
    if data.completing:
        order = COMPLETE
    elif data.mode == "guided":
        order = GUIDED
    else:
        return None
    asked = [s for s in order if s != "confirm" and not (s == "when" and data.dated_in_text)]
    return (asked.index(step) + 1, len(asked)) if step in asked else None


def saved_fields(data: JournalDraft) -> dict[str, str | date | None]:
    """The columns to write from the dialog data."""
    fields: dict[str, str | date | None] = {
        d.key: getattr(data, d.key) or None for d in DETAILS.values()
    }
    fields["ended_on"] = date.fromisoformat(data.end) if data.end else None
    return fields
