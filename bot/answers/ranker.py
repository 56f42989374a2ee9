"""The learned combination of search signals, and its reviewed weights file.

A logistic model scores each candidate: its output is the probability that this
entry answers the question, learned by cross-validation on the knowledge base's
own example questions (`mentor kb train`). One number, with one meaning, ranks the
candidates and decides between answering, offering topics and declining.

The weights live in `knowledge/ranker.yaml` with a fingerprint of the content they
were learned from; `mentor kb check` fails when the content changed since.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import yaml

from bot.answers.intents import INTENT_PREFIX
from bot.answers.knowledge import KnowledgeBase
from bot.answers.loading import LOADER
from bot.answers.scope import ScopeHits
from bot.answers.signals import Candidate, Signals

FILE_NAME = "ranker.yaml"
FEATURES = (
    "bm25_rel",
    "bm25_log",
    "bm25_short_rel",
    "coverage",
    "focus_coverage",
    "example",
    "ngram",
    "ngram_rel",
    "anchored",
    "foreign",
    "known_share",
    "oos_ngram",
    "oos_example",
    "oos_margin",
    "unknown",
    "intent_personal",
    "intent_impersonal",
    "which_ccp",
    "short",
    "short_coverage",
    "bayes",
    "lift",
    "context_rel",
    "title_share",
    "answer_coverage",
    "code_exact",
    "code_conflict",
    "placement_context",
    "foreign_told",
    "practice_only",
    "example_focus",
    "status_conflict",
)


def all_features(signals: Signals, scope: ScopeHits) -> list[list[float]]:
    """The feature values of every candidate, in `signals.candidates` order."""
    bests = _Bests.of(signals)
    return [features(c, signals, scope, bests) for c in signals.candidates]


@dataclass(frozen=True, slots=True)
class _Bests:
    """The candidates' best raw scores, which the relative features divide by."""

    bm25: float
    short: float
    ngram: float
    context: float

    @classmethod
    def of(cls, signals: Signals) -> _Bests:
        found = signals.candidates
        return cls(
            max((c.bm25 for c in found), default=0.0) or 1.0,
            max((c.bm25_short for c in found), default=0.0) or 1.0,
            max((c.ngram for c in found), default=0.0) or 1.0,
            max((c.context for c in found), default=0.0) or 1.0,
        )


def features(
    candidate: Candidate, signals: Signals, scope: ScopeHits, bests: _Bests | None = None
) -> list[float]:
    bests = bests or _Bests.of(signals)
    best_bm25, best_short, best_ngram, best_context = (
        bests.bm25,
        bests.short,
        bests.ngram,
        bests.context,
    )
    is_intent = candidate.entry_id.startswith("intent-")
    return [
        candidate.bm25 / best_bm25,
        math.log1p(candidate.bm25),
        candidate.bm25_short / best_short,
        candidate.coverage,
        candidate.focus_coverage,
        candidate.example,
        candidate.ngram,
        candidate.ngram / best_ngram,
        float(scope.anchored),
        float(scope.foreign and not scope.strong),
        signals.known_share,
        signals.oos_ngram,
        signals.oos_example,
        max(signals.oos_ngram - candidate.ngram, signals.oos_example - candidate.example),
        min(signals.unknown, 3) / 3,
        float(is_intent and signals.personal),
        float(is_intent and not signals.personal),
        float(signals.which_ccp and candidate.competencies == 1),
        1.0 / max(signals.focus_terms, 1),
        candidate.focus_coverage / max(signals.focus_terms, 1),
        candidate.bayes,
        candidate.lift / 4,
        candidate.context / best_context,
        candidate.title_share,
        candidate.answer_coverage,
        candidate.code_exact,
        candidate.code_conflict,
        # "Je prépare un module sur la communication. À quelle compétence le rattacher ?":
        # what is to be placed is told in the context.
        float(signals.which_ccp) * candidate.context / best_context,
        float(scope.foreign_told and not scope.foreign),
        # "Comment animer un atelier sur les arnaques ?": a competency's everyday words with
        # nothing of the titre nor a placing question asks how to do the job, not about it.
        float(candidate.competencies > 0 and not scope.anchored and not signals.which_ccp),
        candidate.example_focus,
        candidate.status_conflict,
    ]


def as_confidence_sees(order: Sequence[tuple[float, str]], anchored: bool) -> list[float]:
    """The candidates' probabilities, best first, as the confidence model sees them.

    When an entry leads a question with a domain word, the bot's own features are left out
    and the entries' shares renormalised: "pouvez-vous me rappeler la formulation de la
    compétence C2.4 ?" is about the titre whatever mass the reminder command takes from
    "rappeler". Without a domain word ("Salut de la part de tout le groupe !"), a command's
    mass is a sign that no entry is asked about, and stays.
    """
    if not order or not anchored or order[0][1].startswith(INTENT_PREFIX):
        return [p for p, _ in order]
    entries = [p for p, e in order if not e.startswith(INTENT_PREFIX)]
    share = sum(entries) or 1.0
    return [p / share for p in entries]


MIN_ALTERNATIVE = 0.05  # a runner-up the ranker gives less than this is never offered

# The confidence model sees the ranker's view of its best candidate: how sure, by how
# much ahead of the next one, and that candidate's signals.
CONF_FEATURES = ("p1", "margin", *FEATURES)


@dataclass(frozen=True, slots=True)
class Thresholds:
    answer: float = 0.5  # at or above: answer with the best entry
    unsure: float = 0.2  # at or above (and anchored): "pas sûr", with the closest topics
    alternative: float = 0.5  # a runner-up this close (ratio of probabilities) is offered
    pair: float = 1.01  # below `answer`: the best two hold this much, answer with both
    # A question with no domain word at all ("réparer le démarrage d'un PC") is answered
    # only this sure (never below `answer`): chosen by cross-validation like the others.
    answer_unanchored: float = 0.0
    # Under a sure answer, a runner-up this close (ratio of probabilities) shows its gist.
    runner_up: float = 1.01

    def answering(self, anchored: bool) -> float:
        return self.answer if anchored else max(self.answer, self.answer_unanchored)


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    thresholds: Thresholds = field(default_factory=Thresholds)
    fingerprint: str = ""
    report: dict[str, object] = field(default_factory=dict)
    conf_weights: dict[str, float] = field(default_factory=dict)
    conf_bias: float = 0.0

    def confidence(self, p1: float, p2: float, top: Sequence[float]) -> float:
        """Probability that the best candidate answers the question (0 when out of scope)."""
        if not self.conf_weights:
            return p1
        values = (p1, p1 - p2, *top)
        z = self.conf_bias + sum(
            self.conf_weights.get(n, 0.0) * v for n, v in zip(CONF_FEATURES, values, strict=True)
        )
        return 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))

    def probabilities(self, candidates: Sequence[Sequence[float]]) -> list[float]:
        """Each candidate's probability of being the right one, among these candidates."""
        if not candidates:
            return []
        scores = np.asarray(candidates, dtype=float) @ self._weight_vector
        exp = np.exp(scores - scores.max())
        return (exp / exp.sum()).tolist()  # type: ignore[no-any-return]

    @cached_property
    def _weight_vector(self) -> np.ndarray:
        return np.array([self.weights.get(n, 0.0) for n in FEATURES])

    def to_yaml(self) -> str:
        header = (
            "# Learned by `mentor kb train` from the knowledge base's own example questions\n"
            "# (cross-validated: each example is scored by an index built without it).\n"
            "# Review the changes like content; `mentor kb check` fails when it is out of date.\n"
        )
        data = {
            "fingerprint": self.fingerprint,
            "weights": {n: round(self.weights.get(n, 0.0), 6) for n in FEATURES},
            "confidence_bias": round(self.conf_bias, 6),
            "confidence_weights": {
                n: round(self.conf_weights.get(n, 0.0), 6) for n in CONF_FEATURES
            },
            "thresholds": {
                "answer": self.thresholds.answer,
                "unsure": self.thresholds.unsure,
                "alternative": self.thresholds.alternative,
                "pair": self.thresholds.pair,
                "answer_unanchored": self.thresholds.answer_unanchored,
                "runner_up": self.thresholds.runner_up,
            },
            "report": self.report,
        }
        return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Hand-set starting point, used only when the base has no trained file (a test base).
DEFAULT = Model(
    weights={
        "bm25_rel": 3.0,
        "coverage": 3.0,
        "focus_coverage": 2.0,
        "example": 3.0,
        "ngram": 3.0,
        "anchored": 1.0,
        "foreign": -3.0,
        "oos_ngram": -2.0,
    },
)


def fingerprint(kb: KnowledgeBase) -> str:
    """A hash of everything the model's inputs depend on (content, not the model file)."""
    directory = kb.directory
    if directory is None:
        return ""
    digest = hashlib.sha256()
    paths = sorted(directory.glob("entries/*.md")) + sorted(
        p for p in directory.glob("*.yaml") if p.name != FILE_NAME
    )
    for path in paths:
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_model(directory: Path | None) -> Model | None:
    if directory is None or not (directory / FILE_NAME).exists():
        return None
    try:
        data = yaml.load((directory / FILE_NAME).read_text(encoding="utf-8"), Loader=LOADER)
        thresholds = data.get("thresholds") or {}
        return Model(
            weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
            thresholds=Thresholds(**{k: float(v) for k, v in thresholds.items()}),
            fingerprint=str(data.get("fingerprint", "")),
            report=dict(data.get("report") or {}),
            conf_weights={
                str(k): float(v) for k, v in (data.get("confidence_weights") or {}).items()
            },
            conf_bias=float(data.get("confidence_bias", 0.0)),
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError):
        return None
