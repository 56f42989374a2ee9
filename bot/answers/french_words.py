"""Whether a word is French at all, so that spelling correction leaves real words alone.

The corrector moves an unknown word to the nearest word of the base: "finacement" is
"financement", and "interrogent" may become the base's "interroge" (another ending). But
"démarrage" is a French word the base lacks, not a misspelt "démarchage" (a CPF scam), and
"terminale" is no "terminé": correcting a real word into another word changed the question.
pyspellchecker's French word list (140,000 words, MIT licence, kept up to date) says which
words are real; folded like the base's words, the ones the corrector may meet are kept by the
search index (and so in its cache): `mentor ask` reads them with the index instead of building
them (0.16 s) at the first typo.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# The list's words are lower case: folding them is taking accents off, done here with one
# translation table (0.08 s for the whole list, where `fold` per word took 0.26 s).
_ACCENTS = str.maketrans("àâäáãåçéèêëîïíìôöóòõùûüúÿñ", "aaaaaaceeeeiiiiooooouuuuyn")


def folded_words() -> Iterator[str]:
    """The list's words, folded. Not kept: the index keeps the ones it needs as `RealWords`
    (the whole list as a set held 12 MB for the life of the process)."""
    from spellchecker import SpellChecker  # a 0.1 s load, paid when an index is built

    words = SpellChecker(language="fr", distance=1).word_frequency.dictionary
    return (w.translate(_ACCENTS).replace("œ", "oe").replace("æ", "ae") for w in words)


MAX_ENDING = 3


def same_word(word: str, other: str) -> bool:
    """Another ending of the same word: one is the other plus a short ending ("interroge",
    "interrogent"), or only their last letter differs ("raccourcie", "raccourcis").
    "terminale" and "termine", "lyceens" and "lycees" are other words."""
    short, long_ = sorted((word, other), key=len)
    if len(short) == len(long_):
        return short[:-1] == long_[:-1]
    return long_.startswith(short) and len(long_) - len(short) <= MAX_ENDING


class RealWords:
    """Words to look up now and then, stored compactly: one newline-joined text per first
    letter (a lookup scans one letter's text, about 20 µs; unpickling takes under 1 ms)."""

    __slots__ = ("_by_letter",)

    def __init__(self, words: Iterable[str]) -> None:
        by_letter: dict[str, list[str]] = {}
        for word in sorted(words):
            by_letter.setdefault(word[:1], []).append(word)
        self._by_letter = {k: "\n" + "\n".join(v) + "\n" for k, v in by_letter.items()}

    def has(self, word: str) -> bool:
        return f"\n{word}\n" in self._by_letter.get(word[:1], "")
