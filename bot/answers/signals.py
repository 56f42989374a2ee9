"""What the search hands the ranker: each candidate entry's signals, and facts about the
question itself (how much of it the base knows, whether it places an activity…)."""

from __future__ import annotations

from dataclasses import dataclass


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
    status_conflict: float = 0.0  # it states only others ("salarié" asking, the AIF found)


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
