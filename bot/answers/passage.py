"""The sentence of an entry's details that the question asks about.

An answer is the entry's short text; the details (a date, a code, who checks what) wait
one tap away under "En savoir plus". Half the answers judged wrong on the development
sets had picked the right entry and left the asked-for fact there: "Transitions Pro
vérifie quoi ?" got the PTP's summary, not "… avec les codes ROME". So when the
question's own words point at one sentence of the details that the short text does not
cover, that sentence joins the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.answers.extract import Query
from bot.answers.knowledge import Entry
from bot.answers.normalise import Normaliser

# A sentence ends at . ! ? followed by a capital or an opening mark, or at a line break
# (list items, paragraphs); "art. 3, cité…" or "1 400 €. 2 000 €" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«(*])|\n+")
_MARKUP_ONLY = re.compile(r"^[\s*_#\-]*$")
# Question words that ask for a date or a number: a sentence that holds one answers them.
_WHEN = frozenset({"quand", "depuis", "date", "annee", "combien", "delai", "numero", "code"})
_NUMBER = re.compile(r"\d")
# A word must be this specific (BM25 idf; in about half of the entries or fewer) to point at
# a sentence: "titre" (idf 0.3) is everywhere and points at nothing, "financer" (0.9) asked
# of the VAE points at "souvent financée par le CPF". Chosen on the development sets: 1.0 ->
# 0.6 gave 5 more right of 2,102 answers and lost none; answers with a detail 22 -> 25 %.
MIN_IDF = 0.6
MAX_CHARS = 400  # one sentence, not a paragraph: the answer stays phone-sized
# Words of the message around the question count this much (as in the search).
CONTEXT_WEIGHT = 0.5
# The stemmer works on folded words and leaves some verb forms whole ("verifient" against
# "verif"): two stems this long sharing their start are one word here.
PREFIX = 5


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    stems: frozenset[str]
    has_number: bool


def sentences(more: str, analyse: Callable[[str], list[str]]) -> tuple[Sentence, ...]:
    """The details cut into sentences, each with its stems (headings and bare markup out)."""
    out: list[Sentence] = []
    for raw in _SENTENCE_END.split(more):
        text = raw.strip()
        if not text or _MARKUP_ONLY.match(text) or text.startswith("#") or len(text) > MAX_CHARS:
            continue
        out.append(Sentence(text, frozenset(analyse(text)), bool(_NUMBER.search(text))))
    return tuple(out)


def _shared(wanted: dict[str, float], stems: frozenset[str]) -> float:
    gain = 0.0
    for stem, weight in wanted.items():
        if stem in stems or (
            len(stem) >= PREFIX
            and any(
                s[:PREFIX] == stem[:PREFIX] and (stem.startswith(s) or s.startswith(stem))
                for s in stems
            )
        ):
            gain += weight
    return gain


def pick(
    parts: Iterable[Sentence],
    question: dict[str, float],
    question_words: set[str],
    covered: set[str],
    idf: Callable[[str], float],
) -> str | None:
    """The sentence sharing the most specific question words (stem -> weight) that
    `covered` (the title and short text) lacks; a date or number breaks ties when the
    question asks for one."""
    wanted = {s: w * _idf(s, idf) for s, w in question.items() if s not in covered}
    wanted = {s: w for s, w in wanted.items() if w >= MIN_IDF * CONTEXT_WEIGHT}
    if not wanted:
        return None
    asks_number = not _WHEN.isdisjoint(question_words)
    # A sentence the asking sentence's own words point at beats one only the context
    # points at: "ça se finance comment ?" after "… d'expérience en médiation".
    asked = {s: w for s, w in wanted.items() if question[s] == 1.0}
    best: tuple[bool, float, bool] = (False, 0.0, False)
    found: str | None = None
    for part in parts:
        gain = _shared(wanted, part.stems)
        if gain < MIN_IDF:
            continue
        key = (_shared(asked, part.stems) >= MIN_IDF, gain, asks_number and part.has_number)
        if key > best:
            best, found = key, part.text
    return found


def _idf(stem: str, idf: Callable[[str], float]) -> float:
    """A stem's idf; one no entry has (a verb form the stemmer left whole) counts as
    specific enough to point at a sentence that has its prefix."""
    value = idf(stem)
    return value if value > 0.0 else MIN_IDF


# "C2.3 (partenariats)": another competency named with its label. The label is that entry's
# subject, not this one's: the search must not find C2.1 by "partenariats".
_CODE_LABEL = re.compile(r"\b(C\d\.\d) \([^)]*\)")


def own_text(text: str) -> str:
    """The text less the labels of the competencies it refers to."""
    return _CODE_LABEL.sub(r"\1", text)


def cut_entry(entry: Entry, norm: Normaliser) -> tuple[tuple[Sentence, ...], set[str]]:
    """An entry's detail sentences, and the stems its title and short text already cover."""
    covered = set(norm.analyse(entry.title + "\n" + own_text(entry.short)))
    return sentences(entry.more, norm.analyse), covered


# Joins a list to its introduction inside one sentence; a line break again when shown.
_LIST_BREAK = "\u2063"


def _with_lists(text: str) -> str:
    """The text with each list joined to the line that introduces it ("Pour rédiger votre
    DP : - partez du modèle… ; - …"): an introduction alone answers nothing."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        item = line.lstrip().startswith(("- ", "* "))
        if item and out and out[-1].rstrip().endswith((":", ";")):
            out[-1] = out[-1] + _LIST_BREAK + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


class Details:
    """Each entry's detail sentences, cut once, and the one a question asks about."""

    def __init__(
        self,
        norm: Normaliser,
        idf: Callable[[str], float],
        cut: dict[str, tuple[tuple[Sentence, ...], set[str]]] | None = None,
    ) -> None:
        self.norm = norm
        self.idf = idf
        # Entry -> its detail sentences and the stems of its title and short text; given
        # cut in advance (SearchIndex.detail_parts, kept in the index cache), else cut when
        # first asked.
        self._cut = dict(cut or {})
        self._shorts: dict[str, tuple[Sentence, ...]] = {}

    def _parts(self, entry: Entry) -> tuple[tuple[Sentence, ...], set[str]]:
        found = self._cut.get(entry.id)
        if found is None:
            found = self._cut[entry.id] = cut_entry(entry, self.norm)
        return found

    def gist(self, entry: Entry, query: Query) -> str:
        """The sentence of the entry's short text that answers the question: the first,
        and the one the question's words point at if it is another."""
        parts = self._shorts.get(entry.id)
        if parts is None:
            parts = self._shorts[entry.id] = sentences(_with_lists(entry.short), self.norm.analyse)
        if not parts:
            return entry.short
        words = self.norm.canonical_words(query.focus)
        weights = dict.fromkeys(
            self.norm.stems(self.norm.canonical_words(query.context)), CONTEXT_WEIGHT
        )
        weights.update(dict.fromkeys(self.norm.stems(words), 1.0))
        # The first sentence is the entry's answer; another only when the question's words
        # point at what neither it nor the title says.
        first = parts[0].text
        covered = set(self.norm.analyse(entry.title)) | parts[0].stems
        pointed = pick(parts[1:], weights, set(words), covered, self.idf)
        both = first if pointed is None else f"{first} {pointed}"
        chosen = both if len(both) <= MAX_CHARS or pointed is None else pointed
        return chosen.replace(_LIST_BREAK, "\n")

    def asked(self, entry: Entry, query: Query) -> str:
        """The sentence of the entry's details the question asks about, or ""."""
        if not entry.more:
            return ""
        parts, covered = self._parts(entry)
        words = self.norm.canonical_words(query.focus)
        weights = dict.fromkeys(
            self.norm.stems(self.norm.canonical_words(query.context)), CONTEXT_WEIGHT
        )
        weights.update(dict.fromkeys(self.norm.stems(words), 1.0))
        return pick(parts, weights, set(words), covered, self.idf) or ""
