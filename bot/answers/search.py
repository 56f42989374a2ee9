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
from collections import Counter

import numpy as np

from bot.answers.bayes import ExampleBayes
from bot.answers.bm25 import TermMatrix
from bot.answers.codes import asks_placement, code_agreement, own_codes, referentiel_codes
from bot.answers.extract import CONTEXT_WEIGHT, Query
from bot.answers.knowledge import KnowledgeBase
from bot.answers.ngrams import NgramIndex, query_grams
from bot.answers.normalise import STOPWORDS, Normaliser
from bot.answers.overlap import ExampleSets
from bot.answers.passage import cut_entry, own_text
from bot.answers.scope import PhraseSet
from bot.answers.signals import Candidate, Signals
from bot.answers.spelling import Corrector
from bot.answers.status import stated, status_conflict

FIELD_WEIGHTS = {"title": 2.5, "questions": 2.0, "tags": 1.5, "keywords": 1.0, "body": 1.0}
# A word no entry uses still counts in the share of the question explained, but
# less than a rare domain word.
UNKNOWN_WEIGHT = 0.3
CANDIDATES = 8
_NOBODY: frozenset[str] = frozenset()
# Who the question is asked for ("mes stagiaires", "ma promo"): rare words in the base, so
# they pulled towards entries about trainers; in the asking sentence they weigh as context.
FRAMING_WORDS = (
    "stagiaire stagiaires apprenant apprenants apprenante apprenantes promo "
    "formateur formateurs formatrice formatrices collegue collegues"
).split()
PERSONAL = frozenset({"je", "j", "me", "m", "moi", "mon", "ma", "mes"})
# Between the asking sentences and the context: no phrase spans it ("… dans un titre
# pro ?" then "Formatrice, …" is no "titre pro formateur").
BREAK = "|"


NAMED_IDF = 1.0  # a title word this specific names the entry's subject ("AIF")


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
        self.codes = own_codes(title_stems)


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


def _best_three(scores: dict[str, float]) -> list[str]:
    """The three best entries, a tie broken by id: an order that depends on how a set was
    hashed would make two trainings on the same content differ."""
    return sorted(scores, key=lambda d: (-scores[d], d))[:3]


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
        needs = {i.id: i.needs for i in kb.intents.values()}
        needs.update({e.id: e.needs for e in kb.entries.values()})
        self.needs = {
            d: PhraseSet(self.norm.canonical_words(k) for k in words)
            for d, words in needs.items()
            if words
        }
        self.by_code: dict[str, list[str]] = {}
        for doc_id, doc in self.docs.items():
            for code in doc.codes:
                self.by_code.setdefault(code, []).append(doc_id)
        self.competency_count = {e.id: len(e.competencies) for e in kb.entries.values()}
        self.audience = {e.id: frozenset(e.audience) for e in kb.entries.values() if e.audience}
        self.bayes = ExampleBayes(stemmed)
        self.example_sets = ExampleSets(
            [(d, terms) for d, doc in self.docs.items() for terms in doc.question_sets],
            self._idf,
        )
        self.oos_sets = ExampleSets(
            [("oos", s) for s in (set(self.norm.stems(w)) for w in oos_words) if s],
            self._idf,
        )
        self.corrector = Corrector(kb, self.norm)
        self.framing = frozenset(self.norm.stems(FRAMING_WORDS))

    def _example_texts(self) -> dict[str, list[str]]:
        texts = {e.id: [e.title, *e.questions] for e in self.kb.entries.values()}
        texts.update({i.id: [i.title, *i.questions] for i in self.kb.intents.values()})
        return texts

    def _content_words(self, text: str) -> list[str]:
        return [w for w in self.norm.canonical_words(text) if w not in STOPWORDS]

    def knows(self, word: str) -> bool:
        """A word of the base, or a French word (of two letters or more)."""
        return self.corrector.knows(word)

    def correct(self, word: str) -> str:
        return self.corrector.correct(word)

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
        # In the message's order (a dict, not a set): sums over them come out the same
        # from one process to the next, and so does a training.
        focus_terms = dict.fromkeys(t for t, w in weights.items() if w == 1.0)
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
        pool += [d for d in _best_three(sims) if d not in pool]
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
        pool += [d for d in _best_three(overlaps) if d not in pool]
        # The context may name the subject the question only points at ("… à ça ?").
        pool += [doc_ids[i] for i in _top(around, 2) if doc_ids[i] not in pool]
        # "Notre salariée veut faire le CCP2. Ça lui apportera quoi ?": the entries about
        # the named block or competency stay candidates whatever the other words pull to;
        # "Pourriez-vous m'en préciser l'intitulé ?": the code may be in the context only.
        asked_codes = referentiel_codes(focus_terms) or referentiel_codes(weights)
        pool += [d for c in sorted(asked_codes) for d in self.by_code.get(c, ()) if d not in pool]
        all_words = focus + context
        pool = [
            d
            for d in pool
            # An intent needs its keywords asked; an intent or an entry, one of its `needs`.
            if (d not in self.needs or self.needs[d].found_in(all_words))
            and (
                d not in self.intent_words
                or (
                    self.intent_words[d].found_in(focus)
                    and not self.intent_vetoes[d].found_in(all_words)
                )
            )
        ]
        bayes = self.bayes.posterior(weights, pool)
        candidates = []
        column = self.terms.column
        asked_stems = set(weights)
        said = stated(f"{query.focus} {query.context}")
        for doc_id in pool:
            conflict = status_conflict(said, self.audience.get(doc_id, _NOBODY))
            col = column[doc_id]
            doc = self.docs[doc_id]
            title = doc.title_stems
            if conflict and not any(self.idf_of(t) >= NAMED_IDF for t in title & asked_stems):
                continue  # written for others, and not named: "salarié, le CPF ne suffit pas"
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
                    status_conflict=conflict,
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
