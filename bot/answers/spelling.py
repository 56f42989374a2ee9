"""Spelling correction towards the base's own words, leaving real French words alone.

A question typed on a phone misspells the very words the search needs ("finacement"), so
each unknown long word moves to the nearest word of the base (Levenshtein by rapidfuzz).
Real words the base lacks stay as typed (`french_words`), a pronoun glued to its verb is
cut off rather than respelt ("mappeler" is "m appeler", not "rappeler"), and no word is
ever moved towards a word of the out-of-scope lists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answers.french_words import RealWords, folded_words, same_word
from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import STOPWORDS, Normaliser, tokens

CORRECTED_MEMO = 20_000  # past this many words the corrections memo starts again empty
MIN_CORRECTED = 6  # letters: shorter words are never corrected
# A word that may begin with an elided pronoun or article ("m'", "j'", "qu'").
_ELIDED_GLUED = re.compile(r"^(?:j|(?:[cdlmnst]|qu)[aeiouyh])")


def _base_vocabulary(kb: KnowledgeBase, norm: Normaliser) -> tuple[Counter[str], set[str]]:
    """Words of the base, each with how often the entries use it, and the foreign ones."""
    seen: Counter[str] = Counter()
    for entry in kb.entries.values():
        seen.update(
            norm.canonical_words(" ".join([entry.title, *entry.questions, entry.short, entry.more]))
        )
    words: set[str] = set(seen)
    for intent in kb.intents.values():
        words.update(norm.canonical_words(" ".join(intent.questions)))
    for comp in kb.referentiel.competencies.values():
        words.update(norm.canonical_words(" ".join([comp.title, *comp.keywords])))
    scope = kb.scope
    for phrase in (*scope.anchors, *scope.strong_anchors):
        words.update(norm.canonical_words(phrase))
    for group in kb.synonyms:
        for item in group:
            words.update(tokens(item))
    foreign = {
        w for phrase in (*scope.foreign, *scope.off_topic) for w in norm.canonical_words(phrase)
    }
    return Counter({w: seen[w] for w in words}), foreign


class Corrector:
    """The base's vocabulary, the real French words it lacks, and a bounded memo."""

    def __init__(self, kb: KnowledgeBase, norm: Normaliser) -> None:
        seen, foreign = _base_vocabulary(kb, norm)
        # Never towards a foreign word: "boucler le budget" is not "boucher", a foreign job,
        # and a guess must not decline a question (an entry's example may name the job).
        targets: Iterable[str] = (w for w in seen if w not in foreign)
        # Most used first: at equal distance the corrector keeps the first, and "finacement"
        # is "financement" (the base's word) before it is "finalement".
        self.vocab = sorted(
            (w for w in targets if len(w) >= 4 and not w.isdigit()), key=lambda w: (-seen[w], w)
        )
        self._known = set(seen) | foreign | set(norm.spelling) | STOPWORDS
        # Real French words that are not the base's own, as one text per first letter: read
        # back with the cached index in under a millisecond, where a set of 130,000 strings
        # took 100 ms of every `mentor ask` start. The corrector asks of long words only;
        # small talk spelt by ear ("mersi") of short ones too ("file" is a word).
        self._real_words = RealWords(
            w for w in folded_words() if len(w) > 1 and w not in self._known
        )
        self._memo: dict[str, str] = {}  # word -> its correction, bounded

    def knows(self, word: str) -> bool:
        """A word of the base, or a French word (of two letters or more)."""
        return word in self._known or self._real_words.has(word)

    def correct(self, word: str) -> str:
        if len(word) < MIN_CORRECTED or word in self._known or word.isdigit():
            return word
        fixed = self._memo.get(word)
        if fixed is None:
            if len(self._memo) >= CORRECTED_MEMO:
                self._memo.clear()
            fixed = self._memo[word] = self._unglued(word) or self._nearest(word)
        return fixed

    def _unglued(self, word: str) -> str | None:
        """A pronoun glued to the next word, its apostrophe left out ("mappeler" -> "m
        appeler"), rather than the nearest word of the base ("rappeler")."""
        if not _ELIDED_GLUED.match(word) or self._real_words.has(word):
            return None
        cut = 2 if word.startswith("qu") else 1
        rest = word[cut:]
        return f"{word[:cut]} {rest}" if self.knows(rest) else None

    def _nearest(self, word: str) -> str:
        max_dist = 1 if len(word) < 9 else 2
        found = process.extractOne(
            word, self.vocab, scorer=Levenshtein.distance, score_cutoff=max_dist
        )
        fixed = str(found[0]) if found else word
        if fixed != word and not same_word(word, fixed) and self._real_words.has(word):
            return word  # a real French word the base lacks: "demarrage" is no "demarchage"
        return fixed
