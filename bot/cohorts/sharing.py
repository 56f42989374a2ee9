"""How a cohort's learners answered "share my counts with the trainer?": counts only.

The trainer sees the names and figures of those who share (bot.cohorts.trainer); of the
others, only how many refused and how many never answered, so a learner who said no is
not singled out, and the trainer knows whom a reminder in class could concern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.storage.models import CohortMember


@dataclass(frozen=True, slots=True)
class Sharing:
    members: int
    sharing: int
    refused: int
    unanswered: int


def sharing_of(members: Iterable[CohortMember]) -> Sharing:
    sharing = refused = unanswered = total = 0
    for member in members:
        total += 1
        if member.shares_counts:
            sharing += 1
        elif member.shares_answered_at is not None:
            refused += 1
        else:
            unanswered += 1
    return Sharing(total, sharing, refused, unanswered)


def sharing_line(found: Sharing) -> str:
    """ "Apprenants : 12 · partagent leurs chiffres : 5 · refusent : 3 · sans réponse : 4"."""
    return (
        f"Apprenants : {found.members} · partagent leurs chiffres : {found.sharing} · "
        f"refusent : {found.refused} · sans réponse : {found.unanswered}"
    )
