"""The DP draft: a French A4 document arranged by activité-type, each example once."""

from __future__ import annotations

import io
from datetime import date

import time_machine
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from bot.app import Mentor
from bot.journal.dp import DpExample, plan
from bot.journal.dp.markdown import build_markdown
from bot.journal.dp.model import HEADINGS
from bot.journal.dp.word import build_docx
from tests.support.chat import say
from tests.unit.test_journal import log_quick

TODAY = date(2027, 2, 15)


def headings(document: DocxDocument, level: int) -> list[str]:
    name = f"Heading {level}"
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == name]


def example(number: int, text: str, *codes: str, **more: object) -> DpExample:
    fields: dict[str, object] = {"occurred_on": date(2027, 1, number), **more}
    return DpExample(number, text=text, competencies=codes, **fields)  # type: ignore[arg-type]


@time_machine.travel("2027-02-15 10:00:00+01:00", tick=False)
async def test_export_is_a_french_a4_document_by_the_learner_dated_today(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    docx_reply = (await say(mentor, "/export"))[0]
    assert docx_reply.file is not None
    document = Document(io.BytesIO(docx_reply.file.content))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"
    assert document.core_properties.language == "fr-FR"
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.author == "Camille Martin"
    created = document.core_properties.created
    assert created is not None
    assert created.date() == TODAY
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Titre professionnel Médiateur numérique (anciennement REMN)" in body
    assert "☐ Parcours de formation" in body
    assert "☐ Validation des acquis" in body
    assert "modèle officiel" in body
    parts = [h.split(" — ")[0] for h in headings(document, 1)]
    assert parts == [
        "Comment utiliser ce brouillon", "CCP1", "CCP2", "CCP3",
        "À compléter", "Documents illustrant la pratique",
    ]  # fmt: skip


def test_examples_go_once_under_their_activity_type_with_the_five_headings() -> None:
    from bot.answers.knowledge import load_knowledge
    from bot.settings import Settings

    referentiel = load_knowledge(Settings().mentor_knowledge_dir).referentiel
    entries = [
        example(1, "Atelier smartphone pour seniors", "C1.4"),
        example(2, "Fiche pas à pas Ameli", "C1.2", "C1.4"),
        example(3, "Rencontre avec le centre social", "C1.3", "C2.3"),
        example(4, "Affiche des ateliers", "C2.4"),
    ]
    document = Document(io.BytesIO(build_docx(plan(referentiel, entries, "Camille", TODAY))))
    ccps = [h for h in headings(document, 1) if h.startswith("CCP")]
    assert [h.split(" — ")[0] for h in ccps] == ["CCP1", "CCP2", "CCP3"]
    examples = headings(document, 2)
    titles = [h.split(" — ", 1)[1] for h in examples if h.startswith("Exemple")]
    assert sorted(titles) == sorted(e.text for e in entries)  # each example exactly once
    assert headings(document, 3) == list(HEADINGS) * len(entries)
    body = "\n".join(p.text for p in document.paragraphs)
    # The C1.3 + C2.3 meeting lives in the thinner CCP2 and CCP1 points to it.
    assert "Voir aussi l'exemple n°" in body
    assert "Rencontre avec le centre social" in body
    gaps = body[body.index("Compétences sans exemple") :]
    without, below = gaps.split("Compétences avec moins de")
    assert "C1.1" in without
    assert "C1.4" not in without
    assert "C1.3" not in without
    assert "C1.3" in below
    assert "C1.4" not in below
    assert "C1.1" not in below


def test_relative_dates_in_old_entries_become_dates() -> None:
    from bot.answers.knowledge import load_knowledge
    from bot.settings import Settings

    referentiel = load_knowledge(Settings().mentor_knowledge_dir).referentiel
    same_day = example(12, "hier j'ai animé un atelier mail", "C1.4", logged_on=date(2027, 1, 13))
    other_day = example(
        20, "Bilan de l'atelier de mardi dernier", "C1.4", logged_on=date(2027, 1, 22)
    )
    text = build_markdown(plan(referentiel, [same_day, other_day], "Camille", TODAY))
    assert "hier" not in text
    assert "J'ai animé un atelier mail" in text
    assert "Bilan de l'atelier de mardi dernier (19 janvier 2027)" in text
