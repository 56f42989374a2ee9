"""The typed data of each dialog, versioned and validated when read back from the database.

A row written by an older release, or damaged by hand, does not reach a flow as a
half-read dict: `load` returns None and the dialog ends politely (bot.app). Bump a
model's `version` when its meaning changes; rows of another version are not guessed at.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError


class FlowData(BaseModel):
    """What every flow keeps: its version and the step whose next message is taken as
    typed (set by "Reprendre ma saisie", bot.commands.interrupt)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    FLOW: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1

    version: int = 1
    as_typed: str = ""

    def to_row(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class JournalDraft(FlowData):
    """A piece of evidence being written (/preuve) or edited (/mes_preuves)."""

    FLOW: ClassVar[str] = "journal"

    mode: Literal["guided", "quick", "edit"] = "guided"
    text: str = ""
    date: str = ""  # ISO date, "" until chosen
    audience: str = ""
    result: str = ""
    codes: list[str] = []
    offered: list[str] | None = None  # competencies shown as buttons, once computed
    all: bool = False  # `offered` is the whole referentiel
    editing: bool = False  # back to the summary after the step being changed
    entry_id: int | None = None  # the entry being edited
    # What a DP example asks (bot.commands.journal_details), each step skippable.
    end: str | None = None  # ISO date: the end of a period ("du 2 au 9 mars")
    conditions: str = ""
    means: str = ""
    organisation: str = ""
    last_org: str | None = None  # the previous entry's organisation, once looked up
    completing: bool = False  # "Compléter pour le dossier": every DP question, then back
    dated_in_text: bool = False  # "/preuve hier j'ai…": the date question is skipped
    attachments: list[int] = []  # files joined to the entry being written


class ReminderChoice(FlowData):
    """/rappel "Choisir un autre moment": waiting for a day and a time."""

    FLOW: ClassVar[str] = "rappel"


class CohortDraft(FlowData):
    """/cohorte: a command waiting for the choice of a cohort (`args`, step "pick"), or an
    announcement being written for one (`cohort`, step "write")."""

    FLOW: ClassVar[str] = "cohorte"

    args: str = ""
    cohort: int = 0


MODELS: dict[str, type[FlowData]] = {m.FLOW: m for m in (JournalDraft, ReminderChoice, CohortDraft)}


def load(flow: str, data: object) -> FlowData | None:
    """The flow's data as its model, or None when the row is of another version or shape."""
    model = MODELS.get(flow)
    if model is None or not isinstance(data, dict) or data.get("version") != model.VERSION:
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None
