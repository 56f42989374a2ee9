"""A Dossier Professionnel draft from the journal, as DOCX and as Markdown.

The DP presents examples of practice under the heading of their activité-type
(here: CCP), one competency at a time, three pages at most per example; the
draft follows that order and names the gaps, so the user sees what to add.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.answers.knowledge import Competency, Referentiel
from bot.journal.coverage import TARGET_PER_COMPETENCY
from bot.journal.dates import french_date

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INTRO = (
    "Brouillon généré par Mentor à partir de votre journal de preuves. Recopiez vos exemples "
    "dans le modèle officiel de Dossier Professionnel (fourni par votre centre de formation) "
    "en gardant sa structure : chaque exemple de pratique tient en trois pages au plus."
)


@dataclass(frozen=True, slots=True)
class ExportEntry:
    occurred_on: date
    text: str
    audience: str
    result: str
    competencies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    competency: Competency
    examples: tuple[ExportEntry, ...]

    @property
    def missing(self) -> int:
        return max(TARGET_PER_COMPETENCY - len(self.examples), 0)


def sections(referentiel: Referentiel, entries: Sequence[ExportEntry]) -> list[Section]:
    out = []
    for ccp in referentiel.ccps:
        for comp in ccp.competencies:
            examples = tuple(
                sorted(
                    (e for e in entries if comp.code in e.competencies),
                    key=lambda e: e.occurred_on,
                )
            )
            out.append(Section(comp, examples))
    return out


def _example_lines(example: ExportEntry) -> list[tuple[str, str]]:
    lines = [("Ce que j'ai fait", example.text)]
    if example.audience:
        lines.append(("Avec qui, pour quel public", example.audience))
    if example.result:
        lines.append(("Résultat", example.result))
    return lines


def _gap_sentence(section: Section) -> str:
    if not section.examples:
        return "À compléter : aucun exemple noté pour cette compétence."
    return f"À renforcer : {section.missing} exemple(s) de plus conseillé(s)."


def build_markdown(
    referentiel: Referentiel, entries: Sequence[ExportEntry], owner: str, today: date
) -> str:
    parts = [
        "# Dossier Professionnel — brouillon",
        "",
        f"{owner} — {french_date(today)}" if owner else french_date(today),
        "",
        INTRO,
        "",
    ]
    all_sections = sections(referentiel, entries)
    missing = [s for s in all_sections if s.missing]
    if missing:
        parts += ["## Manques", ""]
        parts += [f"- {s.competency.code} {s.competency.title}" for s in missing]
        parts.append("")
    by_ccp: dict[str, list[Section]] = {}
    for section in all_sections:
        by_ccp.setdefault(section.competency.ccp, []).append(section)
    for ccp in referentiel.ccps:
        parts += [f"## {ccp.code} — {ccp.title}", ""]
        for section in by_ccp.get(ccp.code, []):
            parts += [f"### {section.competency.code} — {section.competency.title}", ""]
            for i, example in enumerate(section.examples, start=1):
                parts.append(f"#### Exemple n°{i} — {french_date(example.occurred_on)}")
                parts += [f"**{label} :** {value}" for label, value in _example_lines(example)]
                parts.append("")
            if section.missing:
                parts += [f"_{_gap_sentence(section)}_", ""]
    return "\n".join(parts).rstrip() + "\n"


def build_docx(
    referentiel: Referentiel, entries: Sequence[ExportEntry], owner: str, today: date
) -> bytes:
    from docx import Document  # imported here: python-docx is only needed for exports

    doc = Document()
    doc.core_properties.title = "Dossier Professionnel — brouillon"
    doc.add_heading("Dossier Professionnel — brouillon", level=0)
    doc.add_paragraph(f"{owner} — {french_date(today)}" if owner else french_date(today))
    doc.add_paragraph(INTRO)
    all_sections = sections(referentiel, entries)
    missing = [s for s in all_sections if s.missing]
    if missing:
        doc.add_heading("Manques", level=1)
        for section in missing:
            doc.add_paragraph(
                f"{section.competency.code} {section.competency.title}", style="List Bullet"
            )
    by_ccp: dict[str, list[Section]] = {}
    for section in all_sections:
        by_ccp.setdefault(section.competency.ccp, []).append(section)
    for ccp in referentiel.ccps:
        doc.add_heading(f"{ccp.code} — {ccp.title}", level=1)
        for section in by_ccp.get(ccp.code, []):
            doc.add_heading(f"{section.competency.code} — {section.competency.title}", level=2)
            for i, example in enumerate(section.examples, start=1):
                doc.add_heading(f"Exemple n°{i} — {french_date(example.occurred_on)}", level=3)
                for label, value in _example_lines(example):
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(f"{label} : ").bold = True
                    paragraph.add_run(value)
            if section.missing:
                doc.add_paragraph(_gap_sentence(section)).runs[0].italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
