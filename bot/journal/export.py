"""The /export files: the journal's rows turned into the DP draft (DOCX and Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answers.knowledge import Referentiel
from bot.journal.dp import DpExample, plan
from bot.journal.dp.docx import DOCX_MIME, build_docx
from bot.journal.dp.markdown import build_markdown
from bot.storage.models import JournalEntry

__all__ = ["DOCX_MIME", "example_of", "export_files"]


def example_of(row: JournalEntry) -> DpExample:
    return DpExample(
        number=row.id,
        occurred_on=row.occurred_on,
        text=row.text,
        competencies=tuple(row.competencies or ()),
        audience=row.audience,
        result=row.result,
        conditions=row.conditions or "",
        means=row.means or "",
        organisation=row.organisation or "",
        ended_on=row.ended_on,
        logged_on=row.created_at.date() if row.created_at else None,
    )


def export_files(
    referentiel: Referentiel, rows: Sequence[JournalEntry], owner: str, today: date
) -> tuple[bytes, str]:
    """The DOCX bytes and the Markdown text of the same draft."""
    dp = plan(referentiel, [example_of(r) for r in rows], owner, today)
    return build_docx(dp), build_markdown(dp)
