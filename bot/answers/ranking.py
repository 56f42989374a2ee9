"""The ranker's view of a question: candidates by probability, and how sure it is of the best."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.extract import Query
from bot.answers.ranker import FEATURES, Model, all_features, as_confidence_sees
from bot.answers.scope import ScopeHits, ScopeWords
from bot.answers.search import BREAK, SearchIndex

# A question whose words are exactly one example's (overlap 1) and that the ranker puts
# first with at least this probability is answered with that entry.
EXACT_EXAMPLE = 0.999
EXACT_EXAMPLE_RANK = 0.5
_EXAMPLE = FEATURES.index("example")


@dataclass(frozen=True, slots=True)
class Ranked:
    """Candidates by probability of answering the question, best first."""

    scored: tuple[tuple[float, str], ...]
    scope: ScopeHits
    confidence: float = 0.0  # probability that the best candidate is the right answer
    which_ccp: bool = False  # the question asks which CCP an activity belongs to
    # Probability that the right answer is one of the two best, when they are close: the
    # confidence model sees them as one candidate holding both probabilities. Two entries
    # on one subject ("la VAE", "la VAE pour ce titre") split the ranker's mass; the
    # question is no less in the domain for that.
    pair_confidence: float = 0.0
    message_stems: frozenset[str] = frozenset()  # the stems searched, context included

    @property
    def best(self) -> tuple[float, str] | None:
        return (self.confidence, self.scored[0][1]) if self.scored else None


def rank(index: SearchIndex, scope: ScopeWords, model: Model, query: Query) -> Ranked:
    """The candidates by the ranker's probability, with the confidence in the best."""
    signals = index.search(query)
    hits = scope.hits(signals.words, signals.focus_words)
    values = all_features(signals, hits)
    rows = sorted(
        zip(
            model.probabilities(values),
            [c.entry_id for c in signals.candidates],
            values,
            strict=True,
        ),
        reverse=True,
    )
    if not rows:
        return Ranked((), hits)
    seen = as_confidence_sees([(p, e) for p, e, _ in rows], hits.anchored)
    p1, p2, p3 = [*seen, 0.0, 0.0][:3]
    confidence = model.confidence(p1, p2, rows[0][2])
    if rows[0][2][_EXAMPLE] >= EXACT_EXAMPLE and rows[0][0] >= EXACT_EXAMPLE_RANK:
        # The message is, word for word, one of the entry's example questions: an
        # editor put it there ("/revue", "Ajouter comme exemple"), whatever the
        # confidence model (which never sees an example it was trained on) makes of it.
        confidence = max(confidence, rows[0][0])
    pair = model.confidence(p1 + p2, p3, rows[0][2]) if len(seen) > 1 else 0.0
    scored = tuple((p, e) for p, e, _ in rows)
    focus = frozenset(index.norm.stems([w for w in signals.words if w != BREAK]))
    return Ranked(scored, hits, confidence, signals.which_ccp, pair, focus)
