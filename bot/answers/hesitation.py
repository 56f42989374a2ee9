"""When the ranker hesitates, what still lets the bot answer: two close candidates that
hold the question between them, or candidates that agree on the CCP asked for."""

from __future__ import annotations

from bot.answers.knowledge import Entry
from bot.answers.ranker import Thresholds
from bot.answers.ranking import Ranked

CCP_AGREEMENT = 0.8  # share of the ranker's mass on one CCP for "quel CCP ?" questions


def paired(ranked: Ranked, thresholds: Thresholds, entries: dict[str, Entry]) -> bool:
    """The two best candidates hold the answer between them: answer the first, offer the
    second."""
    second_is_entry = len(ranked.scored) > 1 and ranked.scored[1][1] in entries
    if (
        ranked.scope.anchored
        and ranked.confidence >= thresholds.unsure  # below it, not a question we know
        and ranked.pair_confidence >= thresholds.answer
        and second_is_entry
    ):
        return True
    return (
        ranked.confidence >= thresholds.unsure
        and second_is_entry
        and ranked.scored[0][0] + ranked.scored[1][0] >= thresholds.pair
    )


def _ccp(entry_id: str, entries: dict[str, Entry]) -> str | None:
    entry = entries.get(entry_id)
    ccps = {f"CCP{c[1]}" for c in entry.competencies} if entry else set()
    return ccps.pop() if len(ccps) == 1 else None


def ccp_agreed(ranked: Ranked, entries: dict[str, Entry]) -> bool:
    """'…, c'est quel CCP ?': the answer is the CCP, and the candidates agree on it.

    The best competency may be uncertain while the three best candidates all belong to
    one CCP: the answer the user needs (the CCP) is then sure.
    """
    if not ranked.which_ccp or not ranked.scored:
        return False
    top = _ccp(ranked.scored[0][1], entries)
    if top is None:
        return False
    mass = sum(p for p, _ in ranked.scored[:3]) or 1.0
    agreeing = sum(p for p, e in ranked.scored[:3] if _ccp(e, entries) == top)
    return agreeing / mass >= CCP_AGREEMENT
