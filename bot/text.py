"""Text folding for matching what people type: one helper for every part of the core.

Phones type "Vendredi", "VENDREDI", "vendredí" or "aujourd’hui" for the same word; the
core compares folded forms. Linear in the text; ASCII input skips the decomposition.
"""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes; other characters are kept."""
    text = text.translate(_APOSTROPHES).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_fold(text: str) -> str:
    """`fold`, ligatures spelled out ("cœur" → "coeur"), and only ASCII kept: emoji and
    letters without an ASCII base are dropped."""
    text = text.translate(_APOSTROPHES).casefold()
    if text.isascii():
        return text
    # The accents go with the decomposition; encoding drops them at C speed (the search
    # folds every message ten times).
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return decomposed.encode("ascii", "ignore").decode("ascii")
