"""The DP draft as a Word document a French learner can open and copy from.

Word and LibreOffice read the language, page size and author from the file itself:
fr-FR (so French is not underlined as misspelt), A4, the learner as author. The table
of contents is a real TOC field whose shown text is already filled in, so it reads well
before anyone updates it and gains page numbers when Word updates it.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, time
from typing import Any

from bot.journal.dates import french_date
from bot.journal.dp.model import HOW_TO_USE, TITLE, TO_FILL, DpPlan, sections

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "fr-FR"
DOC_TITLE = "Dossier Professionnel — brouillon"


def _set_language(document: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _a4(document: Any) -> None:
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, TOC…) with the text shown until it is updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run.append(element)
        return run

    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    paragraph._p.append(char("begin"))
    paragraph._p.append(instr_run)
    paragraph._p.append(char("separate"))
    paragraph.add_run(shown)
    paragraph._p.append(char("end"))


def _page_numbers(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")


def _properties(document: Any, dp: DpPlan) -> None:
    props = document.core_properties
    stamp = datetime.combine(dp.today, time(12), tzinfo=UTC)
    props.title = DOC_TITLE
    props.subject = TITLE
    props.author = dp.owner or "Candidat"
    props.last_modified_by = dp.owner or "Candidat"
    props.comments = "Brouillon préparé par Mentor à partir du journal de preuves."
    props.created = props.modified = stamp
    props.revision = 1


def _labelled(document: Any, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label} : ").bold = True
    paragraph.add_run(value)


def _cover(document: Any, dp: DpPlan) -> None:
    document.add_paragraph(DOC_TITLE, style="Title")
    document.add_paragraph(TITLE, style="Subtitle")
    _labelled(document, "Nom et prénom", dp.owner or TO_FILL)
    _labelled(document, "Adresse et coordonnées", TO_FILL)
    document.add_paragraph().add_run("Modalité d'accès (cochez) :").bold = True
    for way in ("Parcours de formation", "Validation des acquis de l'expérience (VAE)"):
        document.add_paragraph(f"☐ {way}")
    _labelled(document, "Brouillon du", french_date(dp.today))
    document.add_heading("Comment utiliser ce brouillon", level=1)
    document.add_paragraph(HOW_TO_USE)


def _contents(document: Any, dp: DpPlan) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Sommaire", style="TOC Heading")
    lines = []
    for activity in dp.activities:
        lines.append(f"{activity.ccp.code} — {activity.ccp.title}")
        lines += [f"    Exemple n°{i} — {e.title}" for i, e in enumerate(activity.examples, 1)]
    lines += ["À compléter", "Documents illustrant la pratique"]
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "\n".join(lines))


def _examples(document: Any, dp: DpPlan) -> None:
    for activity in dp.activities:
        heading = document.add_heading(f"{activity.ccp.code} — {activity.ccp.title}", level=1)
        heading.paragraph_format.page_break_before = True
        if not activity.examples:
            document.add_paragraph("Aucun exemple noté pour cette activité-type.").runs[
                0
            ].italic = True
        for i, example in enumerate(activity.examples, 1):
            document.add_heading(f"Exemple n°{i} — {example.title}", level=2)
            comps = "; ".join(dp.label(c) for c in example.competencies)
            note = document.add_paragraph()
            note.add_run("Compétences mobilisées : ").bold = True
            note.add_run(f"{comps} (preuve n°{example.number} du journal)")
            for title, lines in sections(example):
                document.add_heading(title, level=3)
                for line in lines or ["—"]:
                    document.add_paragraph(line)
        for ref in activity.see_also:
            document.add_paragraph(
                f"Voir aussi l'exemple n°{ref.index} de {ref.ccp} — {ref.example.title}, "
                f"qui montre aussi des compétences de {activity.ccp.code}."
            ).runs[0].italic = True


def _gaps(document: Any, dp: DpPlan) -> None:
    heading = document.add_heading("À compléter", level=1)
    heading.paragraph_format.page_break_before = True
    document.add_heading("Compétences sans exemple", level=2)
    for comp in dp.without_example:
        document.add_paragraph(f"{comp.code} {comp.title}", style="List Bullet")
    if not dp.without_example:
        document.add_paragraph("Toutes les compétences ont au moins un exemple.")
    document.add_heading(f"Compétences avec moins de {dp.target} exemples (conseillé)", level=2)
    for comp in dp.below_target:
        n = dp.counts[comp.code]
        document.add_paragraph(
            f"{comp.code} {comp.title} : {n} exemple sur {dp.target} conseillés",
            style="List Bullet",
        )
    if not dp.below_target:
        document.add_paragraph("Aucune.")


def _documents(document: Any, dp: DpPlan) -> None:
    from docx.shared import Cm

    document.add_heading("Documents illustrant la pratique", level=1)
    attached = [(e, a) for e in dp.examples for a in e.attachments]
    if not attached:
        document.add_paragraph(
            "Aucun document joint au journal. Photos de feuilles d'émargement, affiches, "
            "supports d'atelier : envoyez-les à Mentor pour les retrouver ici."
        )
    for example, item in attached:
        line = f"{item.name} — preuve n°{example.number} ({example.title})"
        document.add_paragraph(line + (f" : {item.caption}" if item.caption else ""))
        if item.image is not None:
            try:
                document.add_picture(io.BytesIO(item.image), width=Cm(9))
            except Exception:  # noqa: BLE001 - python-docx raises assorted errors on a damaged image; its name is enough
                document.add_paragraph("(image non reproduite ici)")


def build_docx(dp: DpPlan) -> bytes:
    from docx import Document  # imported here: python-docx is only needed for exports

    document = Document()
    _set_language(document)
    _a4(document)
    _properties(document, dp)
    _page_numbers(document)
    _cover(document, dp)
    _contents(document, dp)
    _examples(document, dp)
    _gaps(document, dp)
    _documents(document, dp)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
