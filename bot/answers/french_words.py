"""Whether a word is French at all, so that spelling correction leaves real words alone.

The corrector moves an unknown word to the nearest word of the base: "finacement" is
"financement", and "interrogent" may become the base's "interroge" (another ending). But
"démarrage" is a French word the base lacks, not a misspelt "démarchage" (a CPF scam), and
"terminale" is no "terminé": correcting a real word into another word changed the question.
pyspellchecker's French
word list (140,000 words, MIT licence, kept up to date) says which words are real; it is
loaded, folded like the base's words, the first time a correction is considered, so that
`mentor ask` for a plain question starts as fast as before.
"""

from __future__ import annotations

from functools import cache

# The list's words are lower case: folding them is taking accents off, done here with one
# translation table (0.08 s for the whole list, where `fold` per word took 0.26 s).
_ACCENTS = str.maketrans("àâäáãåçéèêëîïíìôöóòõùûüúÿñ", "aaaaaaceeeeiiiiooooouuuuyn")


@cache
def _folded_words() -> frozenset[str]:
    from spellchecker import SpellChecker  # a 0.1 s load, paid only when needed

    words = SpellChecker(language="fr", distance=1).word_frequency.dictionary
    return frozenset(w.translate(_ACCENTS).replace("œ", "oe").replace("æ", "ae") for w in words)


def is_french_word(word: str) -> bool:
    """A word of the French language (accents ignored): "demarrage", "redemarrer"."""
    return word in _folded_words()


MAX_ENDING = 3


def same_word(word: str, other: str) -> bool:
    """Another ending of the same word: one is the other plus a short ending ("interroge",
    "interrogent"), or only their last letter differs ("raccourcie", "raccourcis").
    "terminale" and "termine", "lyceens" and "lycees" are other words."""
    short, long_ = sorted((word, other), key=len)
    if len(short) == len(long_):
        return short[:-1] == long_[:-1]
    return long_.startswith(short) and len(long_) - len(short) <= MAX_ENDING
