"""Where a question sits in the référentiel: the codes it names ("CCP2", "C1.3") and
whether it asks which block or competency an activity belongs to.

A message that names the entry's own code is a strong signal, one that names only other
codes a strong signal against ("CCP2" asked, an entry about CCP1 found by its words)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# "…, ça relève de quel bloc / se rattache à quelle compétence ?": an activity to place.
PLACE_TARGETS = frozenset({"ccp", "competence", "competences", "referentiel"})
WHICH_WORDS = frozenset({"ou"})
WHICH_PREFIXES = ("quel", "lequel", "laquelle", "lesquel", "correspond", "rattach", "relev")
# "Est-ce que ça peut compter pour un bloc ?", "ça peut être valorisé dans le titre ?"
COUNTING_WORDS = frozenset({"compter", "valoriser", "valorise", "valorisee"})
_CODE = re.compile(r"ccp\d|c\d\.\d")


def asks_placement(words: Sequence[str]) -> bool:
    """Whether the asking sentences ask where something sits in the référentiel."""
    counting = not COUNTING_WORDS.isdisjoint(words)
    targeted = not PLACE_TARGETS.isdisjoint(words) or (counting and "titre" in words)
    return targeted and (
        counting or any(w in WHICH_WORDS or w.startswith(WHICH_PREFIXES) for w in words)
    )


def referentiel_codes(stems: Iterable[str]) -> frozenset[str]:
    """The référentiel codes among canonical stems ("ccp2", "c1.3")."""
    return frozenset(s for s in stems if _CODE.fullmatch(s))


def _parents(codes: frozenset[str]) -> frozenset[str]:
    """The CCP each competency belongs to ("c2.3" -> "ccp2")."""
    return frozenset(f"ccp{c[1]}" for c in codes if "." in c)


def _with_parents(codes: frozenset[str]) -> frozenset[str]:
    return codes | _parents(codes)


def own_codes(title_stems: Iterable[str]) -> frozenset[str]:
    """The codes an entry is about: its title's, less the CCP its competency names."""
    codes = referentiel_codes(title_stems)
    return codes - _parents(codes)


def code_agreement(asked: frozenset[str], own: frozenset[str]) -> tuple[float, float]:
    """(exact, conflict): the message names the entry's own code; names only other ones."""
    if not asked or not own:
        return 0.0, 0.0
    exact = float(bool(asked & own))
    return exact, float(not _with_parents(asked) & _with_parents(own))
