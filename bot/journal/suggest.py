"""Which REMN competencies does a journal entry most likely show?

Each competency gets a vocabulary: its title, its référentiel keywords, and the
words of the knowledge entries tagged with it. A text is scored by the
idf-weighted stems it shares with each vocabulary, keywords counting double.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from bot.answers.knowledge import Competency, KnowledgeBase
from bot.answers.normalise import Normaliser, contains_phrase

KEYWORD_WEIGHT = 2.0
TITLE_WEIGHT = 1.5
ENTRY_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Suggestion:
    competency: Competency
    score: float


class CompetencySuggester:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.norm = Normaliser(kb.synonyms, kb.spelling)
        self.competencies = kb.referentiel.competencies
        self.weights: dict[str, dict[str, float]] = {}
        self.phrases: dict[str, list[list[str]]] = {}
        for code, comp in self.competencies.items():
            weights: dict[str, float] = {}
            for stem in self.norm.analyse(comp.title):
                weights[stem] = max(weights.get(stem, 0.0), TITLE_WEIGHT)
            phrases: list[list[str]] = []
            for keyword in comp.keywords:
                words = self.norm.canonical_words(keyword)
                if len(words) > 1:
                    phrases.append(words)
                for stem in self.norm.stems(words):
                    weights[stem] = max(weights.get(stem, 0.0), KEYWORD_WEIGHT)
            for entry in kb.entries.values():
                if entry.competencies == (code,):
                    for stem in self.norm.analyse(" ".join([entry.title, *entry.questions])):
                        weights[stem] = max(weights.get(stem, 0.0), ENTRY_WEIGHT)
            self.weights[code] = weights
            self.phrases[code] = phrases
        n = max(len(self.weights), 1)
        df: Counter[str] = Counter()
        for weights in self.weights.values():
            df.update(set(weights))
        self.idf = {t: math.log(1 + n / f) for t, f in df.items()}

    def suggest(self, text: str, limit: int = 3) -> list[Suggestion]:
        words = self.norm.canonical_words(text)
        stems = set(self.norm.stems(words))
        scored: list[Suggestion] = []
        for code, weights in self.weights.items():
            score = sum(weights[s] * self.idf.get(s, 0.0) for s in stems if s in weights)
            score += sum(2.0 for phrase in self.phrases[code] if contains_phrase(words, phrase))
            if score > 0:
                scored.append(Suggestion(self.competencies[code], round(score, 3)))
        scored.sort(key=lambda s: (-s.score, s.competency.code))
        if not scored:
            return []
        best = scored[0].score
        return [s for s in scored[:limit] if s.score >= best * 0.35]
