"""Ranking knowledge entries for a French question.

A small BM25F over the fields of each entry (title, example questions, tags,
body), plus the best idf-weighted overlap with one example question, which
rewards a question phrased like one the entry was written for. The confidence
is the share of the question's information (idf mass) that the best entry
explains: unlike a raw BM25 score it is comparable across questions, so one
threshold can separate "answer" from "not sure".

Written here rather than taken from bm25s: with ~100 entries a pure-Python
index answers in well under a millisecond and avoids importing numpy/scipy,
which alone would eat most of the one-second cold-start budget.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import STOPWORDS, Normaliser, contains_phrase, tokens

FIELD_WEIGHTS = {"title": 2.5, "questions": 2.0, "tags": 1.5, "keywords": 1.0, "body": 1.0}
# A word no entry uses still counts against confidence, but less than a rare
# domain word: verbose context ("je suis en cdi depuis 3 ans…") must not drown
# the few words that carry the question.
UNKNOWN_WEIGHT = 0.3
K1 = 1.2
B = 0.6


@dataclass(frozen=True, slots=True)
class Hit:
    entry_id: str
    score: float
    confidence: float
    evidence: float = 0.0  # idf mass of the question's words the entry contains


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: tuple[Hit, ...]
    query_stems: tuple[str, ...]
    foreign: bool
    anchored: bool
    strong_anchor: bool

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


class _Doc:
    __slots__ = ("all_stems", "fields", "lengths", "question_sets")

    def __init__(self, fields: dict[str, list[str]], question_sets: list[set[str]]) -> None:
        self.fields = {name: Counter(stems) for name, stems in fields.items()}
        self.lengths = {name: len(stems) for name, stems in fields.items()}
        self.question_sets = question_sets
        self.all_stems = set().union(*(set(s) for s in fields.values()))


class SearchIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.norm = Normaliser(kb.synonyms, kb.spelling)
        self.docs: dict[str, _Doc] = {}
        competencies = kb.referentiel.competencies
        for entry in kb.entries.values():
            questions = [self.norm.analyse(q) for q in entry.questions]
            # The référentiel's everyday vocabulary ("flyer", "antivirus", "atelier
            # smartphone") lets "which CCP covers X?" reach the competency's entry.
            keywords = [
                kw
                for code in entry.competencies
                if code in competencies
                for kw in (*competencies[code].keywords, competencies[code].title)
            ]
            fields = {
                "title": self.norm.analyse(entry.title),
                "questions": [s for q in questions for s in q],
                "tags": self.norm.analyse(" ".join(entry.tags)),
                "keywords": self.norm.analyse(" ; ".join(keywords)),
                "body": self.norm.analyse(entry.short + "\n" + entry.more),
            }
            self.docs[entry.id] = _Doc(fields, [set(q) for q in questions if q])
        n = max(len(self.docs), 1)
        df: Counter[str] = Counter()
        for doc in self.docs.values():
            df.update(doc.all_stems)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5) * UNKNOWN_WEIGHT
        self.avg_len = {
            name: max(sum(d.lengths[name] for d in self.docs.values()) / n, 1.0)
            for name in FIELD_WEIGHTS
        }
        self._scope_phrases = {
            "anchor": [self.norm.canonical_words(a) for a in kb.scope.anchors],
            "strong": [self.norm.canonical_words(a) for a in kb.scope.strong_anchors],
            "foreign": [self.norm.canonical_words(a) for a in kb.scope.foreign],
        }
        # Words the corrector may correct towards: the knowledge base's own words
        # plus the scope words, so that "lasagnes" is never "corrected" into a domain word.
        vocab: set[str] = set()
        for entry in kb.entries.values():
            text = " ".join([entry.title, *entry.questions, entry.short, entry.more])
            vocab.update(self.norm.canonical_words(text))
        for comp in competencies.values():
            vocab.update(self.norm.canonical_words(" ".join([comp.title, *comp.keywords])))
        for phrases in self._scope_phrases.values():
            for phrase in phrases:
                vocab.update(phrase)
        for group in kb.synonyms:
            for item in group:
                vocab.update(tokens(item))
        self.vocab = sorted(w for w in vocab if len(w) >= 4 and not w.isdigit())
        self._vocab_set = set(vocab) | set(self.norm.spelling) | STOPWORDS

    def _correct(self, word: str) -> str:
        if len(word) < 6 or word in self._vocab_set or word.isdigit():
            return word
        max_dist = 1 if len(word) < 9 else 2
        found = process.extractOne(
            word, self.vocab, scorer=Levenshtein.distance, score_cutoff=max_dist
        )
        return str(found[0]) if found else word

    def _scope(self, words: list[str]) -> tuple[bool, bool, bool]:
        def any_of(kind: str) -> bool:
            return any(contains_phrase(words, p) for p in self._scope_phrases[kind])

        return any_of("foreign"), any_of("anchor") or any_of("strong"), any_of("strong")

    def search(self, question: str, limit: int = 5) -> SearchResult:
        words = self.norm.canonical_words(question, correct=self._correct)
        foreign, anchored, strong = self._scope(words)
        stems = self.norm.stems(words)
        query = list(dict.fromkeys(stems))  # unique, in order
        weights = {t: self.idf.get(t, self.unknown_idf) for t in query}
        total = sum(weights.values()) or 1.0
        hits: list[Hit] = []
        for entry_id, doc in self.docs.items():
            score = 0.0
            matched = 0.0
            for term in query:
                tf = 0.0
                for name, weight in FIELD_WEIGHTS.items():
                    count = doc.fields[name].get(term, 0)
                    if count:
                        norm_len = 1 - B + B * doc.lengths[name] / self.avg_len[name]
                        tf += weight * count / norm_len
                if tf:
                    score += weights[term] * tf * (K1 + 1) / (tf + K1)
                    matched += weights[term]
            if not score:
                continue
            best_q = 0.0
            qset = set(query)
            for example in doc.question_sets:
                inter = sum(weights[t] for t in qset & example)
                union = total + sum(self.idf.get(t, self.unknown_idf) for t in example - qset)
                best_q = max(best_q, inter / union if union else 0.0)
            coverage = matched / total
            confidence = 0.6 * coverage + 0.4 * best_q
            rank = score * (0.5 + best_q)
            hits.append(Hit(entry_id, rank, round(confidence, 4), round(matched, 3)))
        hits.sort(key=lambda h: (h.score, h.confidence), reverse=True)
        return SearchResult(tuple(hits[:limit]), tuple(query), foreign, anchored, strong)
