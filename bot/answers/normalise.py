"""French text normalisation shared by the index and the queries.

One pipeline for both sides is the point: whatever a user types ("pole emploi",
"le dp c koi", "ccp 2") and whatever an entry says ("France Travail", "Dossier
Professionnel", "CCP2") end up as the same stems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import Stemmer

from bot.text import ascii_fold

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")
_ELIDED = re.compile(r"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu)'")

STOPWORDS = frozenset(
    """
    a au aux avec ce ces cet cette c d de des du elle elles en et est etre eu il ils je j l la le
    les
    leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ou par pas pour qu que
    qui s sa se ses si son sur t ta te tes toi ton tu un une vos votre vous y sont suis es etes
    ai as avons avez ont ete fait faire faut peut peux puis pouvez veux veut voudrais quoi quel
    quelle quels quelles comment ca cela ceci ici alors donc car bien tres plus moins aussi
    encore deja tout tous toute toutes dans chez sous vers entre sans selon bonjour svp merci
    stp exactement vraiment cest quand combien pourquoi avoir sera seront serait etait estce
    gros pareil truc trucs machin chose choses genre bref concretement franchement exactement
    simplement alors voila bon ben bah hein euh stp svp merci bcp beaucoup plait dit dire
    depuis vrai mdr lol ptdr parle parler possible possibles attends attend tiens sinon oups
    maintenant actuellement desormais
    madame monsieur souhaiterais souhaite souhaitons pourriez pourrait indiquer connaitre
    remercie remercions avance cordialement detailler preciser tant
    saurais serais gre vouloir veuillez salutations agreer prie distinguees distingues
    sentiments meilleures meilleurs sinceres respectueuses consideration obligeance amabilite
    reconnaissant reconnaissante remerciements
    en_bref au_juste
    """.split()
)


_stemmer = Stemmer.Stemmer("french")
# Bounds of the memos below: past them a memo starts again empty (no input makes it grow).
MEMO_SIZE = 8
FOLD_MEMO_SIZE = 256
STEM_MEMO_SIZE = 50_000
# Words the stemmer folds together although the domain keeps them apart: "communication"
# (C2.4), "commune" (a municipality) and "commun" (CCP1 common to CMN and REMN) all give
# "commun".
_STEM_APART = {
    "communication": "communicat",
    "communications": "communicat",
    "commune": "commune",
    "communes": "commune",
}
_stem_memo: dict[str, str] = {}


@lru_cache(maxsize=FOLD_MEMO_SIZE)
def fold(text: str) -> str:
    """Lower case, no accents, ASCII only (`bot.text.ascii_fold`), spaced elisions.

    Kept for the last texts: one answer folds the same sentences about twenty times
    (search, scope, small talk, details)."""
    return _ELIDED.sub(r"\1 ", ascii_fold(text))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


# A subject pronoun put after its verb to ask ("existe-t-il encore ?", "est-elle valable ?")
# is no word of the question: without it, the words are those of the statement ("existe
# encore") that editors list.
_INVERTED = re.compile(r"(?<=\w)[-‑](?:t[-‑'’])?(?:il|elle|on|ils|elles)\b", re.IGNORECASE)


def uninverted(text: str) -> str:
    return _INVERTED.sub("", text)


# Articles and prepositions French elides before a vowel ("l'AIF", "d'OPCO").
_ELIDING = frozenset("ld")


class Normaliser:
    """Spelling fixes, synonym folding, stop words and stemming, built once."""

    def __init__(
        self,
        synonym_groups: Iterable[Sequence[str]] = (),
        spelling: dict[str, str] | None = None,
    ) -> None:
        self.spelling: dict[str, list[str]] = {}
        for wrong, right in (spelling or {}).items():
            key = tokens(wrong)
            if len(key) == 1:
                self.spelling[key[0]] = tokens(right)
        # variant token sequence -> canonical concept, longest first. A multi-word
        # canonical form becomes one token ("france_travail"), so that its words
        # alone ("ministère du Travail", "France compétences") do not match it.
        self._phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        # One-word domain terms of at least three letters ("aif", "opco", "ecf"), which a
        # phone user glues to an elided article ("laif", "dopco").
        self._terms: frozenset[str] = frozenset(
            t[0]
            for group in synonym_groups
            for t in (tokens(v) for v in group)
            if len(t) == 1 and len(t[0]) >= 3
        )
        listed: dict[tuple[str, ...], tuple[str, ...]] = {}
        heads: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in synonym_groups:
            words = tuple(self._spell(tokens(group[0])))
            if not words:
                continue
            concept: tuple[str, ...] = ("_".join(words),)
            heads.setdefault(words, concept)
            variants = [tuple(self._spell(tokens(v))) for v in group[1:]]
            if len(words) > 1:
                variants.append(words)
            for seq in variants:
                if seq and seq != concept:
                    listed.setdefault(seq, concept)
        # Editors list a word once; users write it in the plural too ("chômeurs",
        # "conseillers numériques", "demandeurs d'emploi"). A listed form always wins.
        plurals = {
            p: c
            for seq, c in (*listed.items(), *heads.items())
            for p in _plurals(seq)
            if p not in listed and p not in heads
        }
        for seq, concept in (*listed.items(), *plurals.items()):
            self._phrases.setdefault(seq[0], []).append((seq, concept))
        for options in self._phrases.values():
            options.sort(key=lambda pair: len(pair[0]), reverse=True)
        # One answer reads the same sentences several times (search, details, scope,
        # small talk): the last few texts' words are kept (too few to span questions).
        self._memo: dict[tuple[str, object], tuple[str, ...]] = {}

    def _spell(self, words: list[str]) -> list[str]:
        out: list[str] = []
        for word in words:
            fixed = self.spelling.get(word)
            if (
                fixed is None
                and word[:1] in _ELIDING
                and word[1:] in self._terms
                and word not in STOPWORDS  # "leur" is no "l'eur" (euros)
            ):
                fixed = [word[0], word[1:]]  # "laif", "lopco": the apostrophe left out
            out.extend(fixed or [word])
        return out

    def canonical_words(self, text: str, correct: Callable[[str], str] | None = None) -> list[str]:
        """Folded, spelling-fixed (and typo-corrected) words, synonyms as their concept."""
        key = (text, correct)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = tuple(self._canonical(text, correct))
        return list(found)

    def _canonical(self, text: str, correct: Callable[[str], str] | None) -> list[str]:
        words = self._spell(tokens(uninverted(text)))
        if correct is not None:
            # A correction may give back two words: "mappeler" -> "m appeler".
            words = [part for w in words for part in correct(w).split()]
        out: list[str] = []
        i = 0
        while i < len(words):
            for seq, canonical in self._phrases.get(words[i], ()):
                if tuple(words[i : i + len(seq)]) == seq:
                    out.extend(canonical)
                    i += len(seq)
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    @staticmethod
    def stem(word: str) -> str:
        found = _stem_memo.get(word)
        if found is None:
            if len(_stem_memo) >= STEM_MEMO_SIZE:
                _stem_memo.clear()
            found = _STEM_APART.get(word) or str(_stemmer.stemWord(word))
            _stem_memo[word] = found
        return found

    def stems(self, words: Iterable[str]) -> list[str]:
        stem = self.stem
        return [stem(w) for w in words if w not in STOPWORDS]

    def analyse(self, text: str) -> list[str]:
        return self.stems(self.canonical_words(text))


def _plural(word: str) -> str:
    """The regular French plural of a word (short words and digits left alone)."""
    return word if len(word) < 3 or word[-1] in "sxz" or not word.isalpha() else word + "s"


def _plurals(seq: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A phrase with every word in the plural, and with only its head (first) word."""
    every = tuple(_plural(w) for w in seq)
    head = (_plural(seq[0]), *seq[1:])
    return {every, head} - {seq}


def contains_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    if n == 0:
        return False
    return any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))
