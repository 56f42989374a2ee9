"""Render the DP draft of a sample learner to PDF and PNG pages, to look at them, and
the /couverture picture of the same journal (exam on 12 March 2027).

Six journal entries over five competencies, one with a photo. Needs LibreOffice
(`soffice`, Debian: libreoffice-writer-nogui) and pdftoppm (poppler-utils):

    .venv/bin/python scripts/render_dp_sample.py docs/dp-sample
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.answers.knowledge import load_knowledge
from bot.journal.chart import coverage_png
from bot.journal.dp import Attached, DpExample, plan
from bot.journal.dp.word import build_docx
from bot.settings import Settings

TODAY = date(2027, 2, 15)
SAMPLE = (
    DpExample(
        number=3, occurred_on=date(2027, 1, 12), logged_on=date(2027, 1, 13),
        text="hier j'ai animé un atelier smartphone pour 8 seniors à la médiathèque",
        competencies=("C1.4",),
        conditions="Salle d'animation, 2 heures, participants débutants",
        means="8 smartphones prêtés, vidéoprojecteur, fiches pas à pas",
        audience="Seniors du club de l'âge d'or, avec la bibliothécaire",
        organisation="Médiathèque Jules-Verne, espace numérique",
        result="6 participants sur 8 envoient seuls une photo par mail",
        attachments=(Attached("emargement-atelier.png", "Feuille d'émargement", b""),),
    ),
    DpExample(
        number=5, occurred_on=date(2027, 1, 19), logged_on=date(2027, 1, 19),
        text="Conception d'une fiche pas à pas « Créer son compte Ameli »",
        competencies=("C1.2", "C1.4"), means="Canva, captures d'écran",
        audience="Usagers de la permanence",
        organisation="Médiathèque Jules-Verne, espace numérique",
    ),
    DpExample(
        number=6, occurred_on=date(2027, 1, 26), logged_on=date(2027, 1, 26),
        text="Accueil et diagnostic des besoins de 5 personnes à la permanence France Services",
        competencies=("C1.3",), audience="Public orienté par la CAF",
        organisation="France Services de Rezé",
    ),
    DpExample(
        number=8, occurred_on=date(2027, 2, 2), ended_on=date(2027, 2, 9),
        logged_on=date(2027, 2, 9),
        text="Rencontre avec le centre social pour monter des ateliers communs",
        competencies=("C2.3", "C1.3"), audience="Directrice du centre social",
        organisation="Médiathèque Jules-Verne",
        result="Convention en préparation, premier atelier commun en mars",
    ),
    DpExample(
        number=9, occurred_on=date(2027, 2, 5), logged_on=date(2027, 2, 8),
        text="Affiche et publication Facebook pour annoncer les ateliers de février",
        competencies=("C2.4",), means="Canva, page Facebook de la médiathèque",
        organisation="Médiathèque Jules-Verne, communication",
    ),
    DpExample(
        number=11, occurred_on=date(2027, 2, 9), logged_on=date(2027, 2, 12),
        text="mardi dernier atelier tablette avec des jeunes du quartier",
        competencies=("C1.4",), audience="6 jeunes de 12 à 15 ans",
        organisation="Médiathèque Jules-Verne",
    ),
)  # fmt: skip


def sheet_png(width: int = 480, height: int = 340) -> bytes:
    """A stand-in photo of an attendance sheet: a grey page ruled as a table."""
    rows = []
    for y in range(height):
        line = bytearray()
        for x in range(width):
            ruled = (y > 40 and y % 30 == 10) or (y > 40 and x in (20, 200, 340, 460))
            title = 14 < y < 26 and 120 < x < 360
            line += bytes([60, 60, 70] if ruled or title else [236, 232, 222])
        rows.append(b"\x00" + bytes(line))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(rows))
    parts = [chunk(b"IHDR", header), chunk(b"IDAT", pixels), chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(parts)


def main(out: Path) -> None:
    kb = load_knowledge(Settings().mentor_knowledge_dir)
    photo = Attached("emargement-atelier.png", "Feuille d'émargement", sheet_png())
    sample = [replace(e, attachments=(photo,)) if e.attachments else e for e in SAMPLE]
    dp = plan(kb.referentiel, sample, "Camille Martin", TODAY)
    out.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        sys.exit("soffice and pdftoppm are needed (libreoffice-writer-nogui, poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "dp-brouillon.docx"
        docx.write_bytes(build_docx(dp))
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(
            [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(docx, out / docx.name)
        for old in out.glob("page-*.png"):
            old.unlink()
        pdf = Path(tmp) / "dp-brouillon.pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out / "page")], check=True)
    sets = [frozenset(e.competencies) for e in SAMPLE]
    chart = coverage_png(kb.referentiel, sets, subtitle="Examen le 12/03/2027 : dans 3 semaines")
    (out / "couverture.png").write_bytes(chart)
    print("\n".join(sorted(str(p) for p in out.glob("*.png"))))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dp-sample"))
