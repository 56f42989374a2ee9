"""Coverage of the référentiel by a user's journal, rendered for a phone screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.answers.knowledge import Competency, Referentiel

BAR_CELLS = 5
TARGET_PER_COMPETENCY = 2


def bar(count: int) -> str:
    filled = min(count, BAR_CELLS)
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def weakest(referentiel: Referentiel, counts: Counter[str]) -> Competency | None:
    """The competency with the fewest entries; the référentiel order breaks ties."""
    comps = [c for ccp in referentiel.ccps for c in ccp.competencies]
    if not comps:
        return None
    return min(comps, key=lambda c: counts.get(c.code, 0))


def coverage_text(referentiel: Referentiel, entries: Sequence[frozenset[str]]) -> str:
    """Counts are entries, not tags: an entry tagged C5 and C6 counts once for CCP2."""
    counts: Counter[str] = Counter(code for codes in entries for code in codes)
    total = len(entries)
    lines = [f"**Votre couverture du référentiel** ({total} preuve{'s' if total > 1 else ''})"]
    for ccp in referentiel.ccps:
        mine = {c.code for c in ccp.competencies}
        ccp_total = sum(1 for codes in entries if codes & mine)
        lines += ["", f"**{ccp.code} — {ccp.short}** ({ccp_total})"]
        for comp in ccp.competencies:
            n = counts.get(comp.code, 0)
            lines.append(f"{comp.code} {bar(n)} {n} · {comp.short}")
    gap = weakest(referentiel, counts)
    if gap is not None:
        n = counts.get(gap.code, 0)
        lines += [
            "",
            f"**À renforcer : {gap.code}** {gap.short} ({n} preuve{'s' if n > 1 else ''})",
        ]
        if gap.evidence_idea:
            lines.append(f"Idée : {gap.evidence_idea}")
    return "\n".join(lines)
