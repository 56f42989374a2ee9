"""The /export files: the journal's rows turned into the DP draft (DOCX and Markdown)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from bot.answers.knowledge import Referentiel
from bot.journal.attachments import IMAGE_TYPES, path_of
from bot.journal.dp import Attached, DpExample, plan
from bot.journal.dp.markdown import build_markdown
from bot.journal.dp.word import DOCX_MIME, build_docx
from bot.storage.models import JournalAttachment, JournalEntry

__all__ = ["DOCX_MIME", "example_of", "export_files"]
IMAGES_MAX_BYTES = 25 * 1024 * 1024  # photos shown in the DOCX; the others are named


def _attached(
    files: Sequence[JournalAttachment], data_dir: Path, budget: list[int]
) -> tuple[Attached, ...]:
    out = []
    for row in files:
        image = None
        path = path_of(data_dir, row)
        if row.mime_type in IMAGE_TYPES and row.size <= budget[0] and path.is_file():
            image = path.read_bytes()
            budget[0] -= len(image)
        out.append(Attached(row.filename, row.caption, image))
    return tuple(out)


def example_of(row: JournalEntry, attached: tuple[Attached, ...] = ()) -> DpExample:
    return DpExample(
        number=row.number,
        occurred_on=row.occurred_on,
        text=row.text,
        competencies=tuple(row.competencies or ()),
        audience=row.audience,
        result=row.result,
        conditions=row.conditions or "",
        means=row.means or "",
        organisation=row.organisation or "",
        ended_on=row.ended_on,
        attachments=attached,
        logged_on=row.created_at.date() if row.created_at else None,
    )


def export_files(
    referentiel: Referentiel,
    rows: Sequence[JournalEntry],
    owner: str,
    today: date,
    files: Mapping[int, Sequence[JournalAttachment]] | None = None,
    data_dir: Path | None = None,
) -> tuple[bytes, str]:
    """The DOCX bytes and the Markdown text of the same draft."""
    budget = [IMAGES_MAX_BYTES]
    examples = [
        example_of(r, _attached((files or {}).get(r.id, ()), data_dir or Path(), budget))
        for r in rows
    ]
    dp = plan(referentiel, examples, owner, today)
    return build_docx(dp), build_markdown(dp)
