"""Candidate entries for a question, each with the signals the ranker combines.

Three views of the match, because each misses what another sees:
- a BM25F over the fields of each entry (title, example questions, tags, référentiel
  keywords, body), its term saturation precomputed per posting so a query only walks
  the postings of its own words;
- the best idf-weighted overlap with one example question (a question phrased like
  one the entry was written for);
- the nearest example by TF-IDF over character n-grams (inflections, compounds, typos).

The question's sentences weigh fully, the context sentences of a long message a
little (`extract.CONTEXT_WEIGHT`), so context helps ranking without diluting.
Written here rather than taken from bm25s: the fields, their weights and the
query's per-word weights are this base's own, and a dense stem x entry matrix
(`bm25.TermMatrix`) over a few hundred entries answers in microseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answers.bayes import ExampleBayes
from bot.answers.bm25 import TermMatrix
from bot.answers.extract import CONTEXT_WEIGHT, Query
from bot.answers.french_words import RealWords, folded_words, same_word
from bot.answers.knowledge import KnowledgeBase
from bot.answers.ngrams import NgramIndex, query_grams
from bot.answers.normalise import STOPWORDS, Normaliser, tokens
from bot.answers.overlap import ExampleSets
from bot.answers.passage import cut_entry, own_text
from bot.answers.scope import PhraseSet

FIELD_WEIGHTS = {"title": 2.5, "questions": 2.0, "tags": 1.5, "keywords": 1.0, "body": 1.0}
# A word no entry uses still counts in the share of the question explained, but
# less than a rare domain word.
UNKNOWN_WEIGHT = 0.3
CANDIDATES = 8
# Who the question is asked for ("mes stagiaires", "ma promo"): rare words in the base, so
# they pulled towards entries about trainers; in the asking sentence they weigh as context.
FRAMING_WORDS = (
    "stagiaire stagiaires apprenant apprenants apprenante apprenantes promo "
    "formateur formateurs formatrice formatrices collegue collegues"
).split()
CORRECTED_MEMO = 20_000  # past this many words the corrections memo starts again empty
MIN_CORRECTED = 6  # letters: shorter words are never corrected
# A word that may begin with an elided pronoun or article ("m'", "j'", "qu'").
_ELIDED_GLUED = re.compile(r"^(?:j|(?:[cdlmnst]|qu)[aeiouyh])")
PERSONAL = frozenset({"je", "j", "me", "m", "moi", "mon", "ma", "mes"})
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


def _own_codes(title_stems: Iterable[str]) -> frozenset[str]:
    """The codes an entry is about: its title's, less the CCP its competency names."""
    codes = referentiel_codes(title_stems)
    return codes - _parents(codes)


def code_agreement(asked: frozenset[str], own: frozenset[str]) -> tuple[float, float]:
    """(exact, conflict): the message names the entry's own code; names only other ones."""
    if not asked or not own:
        return 0.0, 0.0
    exact = float(bool(asked & own))
    return exact, float(not _with_parents(asked) & _with_parents(own))


# Between the asking sentences and the context: no phrase spans it ("… dans un titre
# pro ?" then "Formatrice, …" is no "titre pro formateur").
BREAK = "|"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry's signals for one question (the ranker's input)."""

    entry_id: str
    bm25: float
    bm25_short: float  # over the title, examples, tags and keywords only
    coverage: float  # share of the question's (weighted) idf mass the entry contains
    focus_coverage: float  # the same, over the asking sentences only
    example: float  # best idf-weighted overlap with one example question
    ngram: float  # cosine with the nearest example by character n-grams
    competencies: int  # how many competencies of the référentiel the entry is about
    bayes: float  # posterior among the candidates of a naive Bayes over the examples
    lift: float  # how much better than the whole base the entry's examples explain the words
    context: float = 0.0  # BM25F of the context sentences' own words ("notre salariée gère…")
    title_share: float = 0.0  # share of the entry title's stems the message uses
    answer_coverage: float = 0.0  # focus_coverage over the title and short text only
    code_exact: float = 0.0  # the message names the référentiel code the entry is about
    code_conflict: float = 0.0  # it names codes, the entry is about others ("CCP2" vs CCP1)
    example_focus: float = 0.0  # `example` over the asking sentences only: context not diluting


@dataclass(frozen=True, slots=True)
class Signals:
    """What the search saw: candidates plus facts about the question itself."""

    candidates: tuple[Candidate, ...]
    # Canonical words of the whole message: the asking sentences, a break, the context.
    words: tuple[str, ...]
    focus_words: tuple[str, ...]  # canonical words of the asking sentences
    known_share: float  # share of the focus's idf mass made of words the base knows
    oos_ngram: float  # nearest out-of-scope example, by character n-grams
    oos_example: float  # best idf-weighted overlap with one out-of-scope example
    unknown: int  # content words of the asking sentences that no entry uses
    which_ccp: bool  # "…, c'est quel CCP ?": an activity to place in the référentiel
    focus_terms: int  # distinct content stems of the asking sentences
    personal: bool  # first person or an imperative: "mes preuves", "mets-moi un rappel"


class _Doc:
    __slots__ = ("all_stems", "answer_stems", "codes", "question_sets", "title_stems")

    def __init__(
        self,
        all_stems: set[str],
        question_sets: list[set[str]],
        title_stems: frozenset[str],
        answer_stems: frozenset[str],
    ) -> None:
        self.all_stems = all_stems
        self.question_sets = question_sets
        # What the user reads first: the title, and with the short text the answer itself.
        self.title_stems = title_stems
        self.answer_stems = answer_stems
        self.codes = _own_codes(title_stems)


def _entry_fields(kb: KnowledgeBase, norm: Normaliser) -> dict[str, dict[str, list[str]]]:
    competencies = kb.referentiel.competencies
    out: dict[str, dict[str, list[str]]] = {}
    for entry in kb.entries.values():
        keywords = [
            kw
            for code in entry.competencies
            if code in competencies
            for kw in (*competencies[code].keywords, competencies[code].title)
        ]
        out[entry.id] = {
            "title": norm.analyse(entry.title),
            "questions": [s for q in entry.questions for s in norm.analyse(q)],
            "tags": norm.analyse(" ".join(entry.tags)),
            "keywords": norm.analyse(" ; ".join(keywords)),
            "body": norm.analyse(own_text(entry.short + "\n" + entry.more)),
        }
    for intent in kb.intents.values():
        out[intent.id] = {
            "title": norm.analyse(intent.title),
            "questions": [s for q in intent.questions for s in norm.analyse(q)],
            "tags": [],
            "keywords": [],
            "body": [],
        }
    return out


def _top(values: np.ndarray, count: int) -> list[int]:
    """Columns of the `count` highest positive values, highest first (ties: first column)."""
    found = np.flatnonzero(values > 0.0)
    order = np.argsort(-values[found], kind="stable")[:count]
    return [int(i) for i in found[order]]


class SearchIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.norm = Normaliser(kb.synonyms, kb.spelling)
        fields = _entry_fields(kb, self.norm)
        n = max(len(fields), 1)
        df: Counter[str] = Counter()
        self.docs: dict[str, _Doc] = {}
        # Each title and example question read once: its content words feed the n-grams,
        # their stems the example overlap and the naive Bayes.
        words = {
            doc_id: [self._content_words(t) for t in texts]
            for doc_id, texts in self._example_texts().items()
        }
        stemmed = {d: [self.norm.stems(w) for w in texts] for d, texts in words.items()}
        # Each entry's details cut into sentences once, here, so the index cache keeps them;
        # with them, the stems of its title and short text (what an answer shows first).
        self.detail_parts = {e.id: cut_entry(e, self.norm) for e in kb.entries.values()}
        for doc_id, doc_fields in fields.items():
            stems = set().union(*(set(s) for s in doc_fields.values()))
            sets = [set(q) for q in stemmed[doc_id][1:]]  # [0] is the title
            title = frozenset(doc_fields["title"])
            shown = self.detail_parts[doc_id][1] if doc_id in self.detail_parts else title
            self.docs[doc_id] = _Doc(stems, [s for s in sets if s], title, frozenset(shown))
            df.update(stems)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5) * UNKNOWN_WEIGHT
        # Per stem and entry, the query-independent half of BM25F: over all fields, and over
        # the fields written as questions (title, examples…).
        self.terms = TermMatrix(
            list(fields),
            fields,
            self.idf,
            {k: v for k, v in FIELD_WEIGHTS.items() if k != "body"},
            FIELD_WEIGHTS,
        )
        self.ngrams = NgramIndex([(d, w) for d, texts in words.items() for w in texts])
        oos_words = [self._content_words(q) for q in kb.scope.examples]
        self.oos_ngrams = NgramIndex([("oos", w) for w in oos_words])
        self.intent_words = {
            i.id: PhraseSet(self.norm.canonical_words(k) for k in i.keywords)
            for i in kb.intents.values()
        }
        self.intent_vetoes = {
            i.id: PhraseSet(self.norm.canonical_words(k) for k in i.not_with)
            for i in kb.intents.values()
        }
        self.intent_needs = {
            i.id: PhraseSet(self.norm.canonical_words(k) for k in i.needs)
            for i in kb.intents.values()
            if i.needs
        }
        self.competency_count = {e.id: len(e.competencies) for e in kb.entries.values()}
        self.bayes = ExampleBayes(stemmed)
        self.example_sets = ExampleSets(
            [(d, terms) for d, doc in self.docs.items() for terms in doc.question_sets],
            self._idf,
        )
        self.oos_sets = ExampleSets(
            [("oos", s) for s in (set(self.norm.stems(w)) for w in oos_words) if s],
            self._idf,
        )
        self.vocab, self._vocab_set = self._vocabulary()
        # Real French words that are not the base's own, as one text per first letter: read
        # back with the cached index in under a millisecond, where a set of 130,000 strings
        # took 100 ms of every `mentor ask` start. The corrector asks of long words only;
        # small talk spelt by ear ("mersi") of short ones too ("file" is a word).
        self._real_words = RealWords(
            w for w in folded_words() if len(w) > 1 and w not in self._vocab_set
        )
        self._corrected: dict[str, str] = {}  # word -> its correction, bounded
        self.framing = frozenset(self.norm.stems(FRAMING_WORDS))

    def _example_texts(self) -> dict[str, list[str]]:
        texts = {e.id: [e.title, *e.questions] for e in self.kb.entries.values()}
        texts.update({i.id: [i.title, *i.questions] for i in self.kb.intents.values()})
        return texts

    def _content_words(self, text: str) -> list[str]:
        return [w for w in self.norm.canonical_words(text) if w not in STOPWORDS]

    def _vocabulary(self) -> tuple[list[str], set[str]]:
        """Words the corrector may correct towards: the base's own and the scope words."""
        vocab: set[str] = set()
        seen: Counter[str] = Counter()
        for entry in self.kb.entries.values():
            text = " ".join([entry.title, *entry.questions, entry.short, entry.more])
            seen.update(self.norm.canonical_words(text))
        vocab.update(seen)
        for intent in self.kb.intents.values():
            vocab.update(self.norm.canonical_words(" ".join(intent.questions)))
        for comp in self.kb.referentiel.competencies.values():
            vocab.update(self.norm.canonical_words(" ".join([comp.title, *comp.keywords])))
        scope = self.kb.scope
        for phrase in (*scope.anchors, *scope.strong_anchors):
            vocab.update(self.norm.canonical_words(phrase))
        for group in self.kb.synonyms:
            for item in group:
                vocab.update(tokens(item))
        # Never towards a foreign word: "boucler le budget" is not "boucher", a foreign job,
        # and a guess must not decline a question (an entry's example may name the job).
        foreign = {
            w
            for phrase in (*scope.foreign, *scope.off_topic)
            for w in self.norm.canonical_words(phrase)
        }
        targets = vocab - foreign
        # Most used first: at equal distance the corrector keeps the first, and "finacement"
        # is "financement" (the base's word) before it is "finalement".
        ordered = sorted(
            (w for w in targets if len(w) >= 4 and not w.isdigit()), key=lambda w: (-seen[w], w)
        )
        return ordered, vocab | foreign | set(self.norm.spelling) | STOPWORDS

    def knows(self, word: str) -> bool:
        """A word of the base, or a French word (of two letters or more)."""
        return word in self._vocab_set or self._real_words.has(word)

    def correct(self, word: str) -> str:
        if len(word) < MIN_CORRECTED or word in self._vocab_set or word.isdigit():
            return word
        fixed = self._corrected.get(word)
        if fixed is None:
            if len(self._corrected) >= CORRECTED_MEMO:
                self._corrected.clear()
            fixed = self._corrected[word] = self._unglued(word) or self._nearest(word)
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

    def _weights(self, focus: list[str], context: list[str]) -> dict[str, float]:
        """Query stem -> weight: 1 for the asking sentences, less for context only."""
        weights: dict[str, float] = {}
        for stem in self.norm.stems(context):
            weights[stem] = CONTEXT_WEIGHT
        for stem in self.norm.stems(focus):
            weights[stem] = CONTEXT_WEIGHT if stem in self.framing else 1.0
        return weights

    def _idf(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def idf_of(self, term: str) -> float:
        """A stem's idf over the entries (0 for a stem no entry has)."""
        return self.idf.get(term, 0.0)

    def search(self, query: Query, limit: int = CANDIDATES) -> Signals:
        focus = self.norm.canonical_words(query.focus, correct=self.correct)
        context = self.norm.canonical_words(query.context, correct=self.correct)
        weights = self._weights(focus, context)
        mass = {t: w * self._idf(t) for t, w in weights.items()}
        total = sum(mass.values()) or 1.0
        focus_terms = {t for t, w in weights.items() if w == 1.0}
        focus_total = sum(mass[t] for t in focus_terms) or 1.0
        known = sum(mass[t] for t in focus_terms if t in self.idf)
        asked = [t for t in weights if t in self.idf]
        rows = self.terms.rows(asked)
        full = self.terms.full[rows]  # the asked stems' rows, gathered once
        present = full > 0.0
        term_weights = np.array([weights[t] for t in asked])
        scores = term_weights @ full
        short = term_weights @ self.terms.short[rows]
        in_context = np.array([t not in focus_terms for t in asked], dtype=float)
        around = in_context @ full
        matched = np.array([mass[t] for t in asked]) @ present
        focus_matched = np.array([mass[t] * (t in focus_terms) for t in asked]) @ present
        focus_grams = query_grams([w for w in focus if w not in STOPWORDS])
        sims = self.ngrams.similarities(focus_grams)
        doc_ids = self.terms.doc_ids
        pool = [doc_ids[i] for i in _top(scores, limit)]
        pool += [d for d in sorted(sims, key=sims.__getitem__, reverse=True)[:3] if d not in pool]
        # The nearest example questions, the strongest signal, may belong to an entry whose
        # long text ranks it low by BM25.
        overlaps = self.example_sets.best(mass, total)
        # "Je coordonne un réseau… Pourriez-vous m'indiquer les compétences du CCP3 ?": the
        # question alone is as close to its examples as if it had been asked alone.
        focus_overlaps = (
            self.example_sets.best({t: mass[t] for t in focus_terms}, focus_total)
            if len(focus_terms) < len(weights)
            else overlaps
        )
        pool += [
            d for d in sorted(overlaps, key=overlaps.__getitem__, reverse=True)[:3] if d not in pool
        ]
        # The context may name the subject the question only points at ("… à ça ?").
        pool += [doc_ids[i] for i in _top(around, 2) if doc_ids[i] not in pool]
        all_words = focus + context
        pool = [
            d
            for d in pool
            if d not in self.intent_words
            or (
                self.intent_words[d].found_in(focus)
                and not self.intent_vetoes[d].found_in(all_words)
                and (d not in self.intent_needs or self.intent_needs[d].found_in(all_words))
            )
        ]
        bayes = self.bayes.posterior(weights, pool)
        candidates = []
        column = self.terms.column
        asked_stems = set(weights)
        # "Pourriez-vous m'en préciser l'intitulé ?": the code may be in the context only.
        asked_codes = referentiel_codes(focus_terms) or referentiel_codes(weights)
        for doc_id in pool:
            col = column[doc_id]
            doc = self.docs[doc_id]
            title = doc.title_stems
            candidates.append(
                Candidate(
                    doc_id,
                    float(scores[col]),
                    float(short[col]),
                    float(matched[col]) / total,
                    float(focus_matched[col]) / focus_total,
                    overlaps.get(doc_id, 0.0),
                    sims.get(doc_id, 0.0),
                    self.competency_count.get(doc_id, 0),
                    bayes.get(doc_id, 0.0),
                    self.bayes.lift(weights, doc_id),
                    float(around[col]),
                    len(title & asked_stems) / max(len(title), 1),
                    sum(mass[t] for t in focus_terms if t in doc.answer_stems) / focus_total,
                    *code_agreement(asked_codes, doc.codes),
                    example_focus=focus_overlaps.get(doc_id, 0.0),
                )
            )
        oos = self.oos_ngrams.similarities(focus_grams)
        return Signals(
            tuple(candidates),
            (*focus, BREAK, *context),
            tuple(focus),
            known / focus_total,
            oos.get("oos", 0.0),
            self.oos_sets.best(mass, total).get("oos", 0.0),
            sum(1 for t in focus_terms if t not in self.idf and len(t) > 2),
            asks_placement(focus),
            len(focus_terms),
            bool(PERSONAL.intersection(focus)),
        )
