"""The coverage picture sent with /couverture: readable on a phone, same facts as the text.

Drawn with matplotlib (a maintained library that ships its own fonts, so accents render
the same on every machine, and draws without a display through its Agg canvas). One
tall image: per CCP a readiness bar (its competencies' examples, each counted up to the
suggested number), then per competency its examples against that number.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from bot.answers.knowledge import Referentiel
from bot.journal.coverage import TARGET_PER_COMPETENCY

WIDTH_IN, HEIGHT_IN, DPI = 7.2, 10.0, 150  # 1080 × 1500 px: a phone screen's proportions
PNG_MIME = "image/png"
COLOURS = ("#1f6f8b", "#c0392b", "#7d5ba6")  # one per CCP, distinct for colour-blind eyes
MISSING = "#d9d9d9"
SHORT_MAX = 52


def readiness(referentiel: Referentiel, counts: Counter[str], target: int) -> list[float]:
    """Per CCP, the share of its suggested examples already there (0..1)."""
    shares = []
    for ccp in referentiel.ccps:
        needed = target * len(ccp.competencies)
        have = sum(min(counts.get(c.code, 0), target) for c in ccp.competencies)
        shares.append(have / needed if needed else 0.0)
    return shares


def _short(text: str) -> str:
    return text if len(text) <= SHORT_MAX else text[: SHORT_MAX - 1].rstrip() + "…"


def coverage_png(
    referentiel: Referentiel,
    entries: Sequence[frozenset[str]],
    target: int = TARGET_PER_COMPETENCY,
    subtitle: str = "",
) -> bytes:
    from matplotlib.figure import Figure  # imported here: ~0.5 s, only for this picture

    counts: Counter[str] = Counter(code for codes in entries for code in codes)
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    top, bottom = figure.subplots(2, 1, gridspec_kw={"height_ratios": [1, 3.4]})
    figure.suptitle(
        f"Votre couverture · {len(entries)} preuve{'s' if len(entries) > 1 else ''}",
        fontsize=19,
        fontweight="bold",
        x=0.04,
        ha="left",
    )
    if subtitle:
        figure.text(0.04, 0.925, subtitle, fontsize=13, color="#444444")

    ccps = referentiel.ccps
    shares = readiness(referentiel, counts, target)
    labels = [ccp.code for ccp in ccps]
    rows = range(len(ccps))
    top.barh(rows, [1.0] * len(ccps), color=MISSING, height=0.62)  # the whole way
    top.barh(rows, shares, color=COLOURS[: len(ccps)], height=0.62)
    for row, share in zip(rows, shares, strict=True):
        top.text(1.02, row, f"{round(share * 100)} %", va="center", fontsize=15)
    for row, label in zip(rows, labels, strict=True):
        top.text(-0.02, row, label, ha="right", va="center", fontsize=15, fontweight="bold")
    top.set_yticks([])
    top.set_xlim(-0.2, 1.18)
    top.invert_yaxis()
    top.set_xticks([])
    top.set_title("Prêt par CCP", loc="left", fontsize=15)
    for side in ("top", "right", "bottom", "left"):
        top.spines[side].set_visible(False)

    comps = [(i, c) for i, ccp in enumerate(ccps) for c in ccp.competencies]
    values = [counts.get(c.code, 0) for _, c in comps]
    scale = max([target + 1, *values])
    # Each competency: its name on a line, its bar under it (labels never cut on a phone).
    bars = [row + 0.22 for row in range(len(comps))]
    bottom.barh(bars, [target] * len(comps), color=MISSING, height=0.42)
    bottom.barh(bars, values, color=[COLOURS[i % len(COLOURS)] for i, _ in comps], height=0.42)
    for (_, comp), bar_y, value in zip(comps, bars, values, strict=True):
        bottom.text(0, bar_y - 0.3, f"{comp.code} {_short(comp.short)}", fontsize=13, va="bottom")
        bottom.vlines(target, bar_y - 0.3, bar_y + 0.3, color="#333333", linewidth=1.6)
        mark = "✓" if value >= target else f"{value}/{target}"
        bottom.text(max(value, target) + 0.08, bar_y, mark, va="center", fontsize=14)
    bottom.set_ylim(len(comps) - 0.3, -0.75)
    bottom.set_xlim(0, scale + 0.9)
    bottom.set_xticks([])
    bottom.set_yticks([])
    bottom.set_title(f"Exemples par compétence (conseillé : {target})", loc="left", fontsize=15)
    for side in ("top", "right", "bottom", "left"):
        bottom.spines[side].set_visible(False)
    figure.subplots_adjust(left=0.04, right=0.97, top=0.88, bottom=0.02, hspace=0.22)
    buffer = io.BytesIO()
    # No date or version in the file: the same data gives the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
