"""The thresholds chosen from cross-validated views: a question without any domain word may
need more confidence to be answered than one that names the titre."""

from __future__ import annotations

from bot.answers.ranker import Thresholds
from bot.answers.train import Scored
from bot.answers.tuning import View, _best_window, _windows, choose_thresholds


def _item(gold: str | None, n: int) -> Scored:
    return Scored(gold, f"plain-{n}", ())


def test_questions_without_a_domain_word_get_their_own_higher_answer_threshold() -> None:
    views: dict[str, View] = {}
    scored: list[Scored] = []

    def add(gold: str | None, confidence: float, top: str, anchored: bool) -> None:
        item = _item(gold, len(scored))
        scored.append(item)
        views[item.variant] = (confidence, [(0.9, top), (0.1, "other")], anchored)

    for _ in range(100):  # named the titre, answered right at a modest confidence
        add("ccp1", 0.35, "ccp1", True)
    for _ in range(20):  # "réparer le démarrage d'un PC": no domain word, out of scope
        add(None, 0.5, "ccp1", False)
    for _ in range(10):  # no domain word but clearly one entry's question
        add("ccp2", 0.9, "ccp2", False)

    thresholds = choose_thresholds(scored, lambda item: views[item.variant])

    assert thresholds.answer <= 0.35
    assert thresholds.answer_unanchored > 0.5
    assert thresholds.answering(True) == thresholds.answer
    assert thresholds.answering(False) == thresholds.answer_unanchored


def test_an_unanchored_threshold_never_lowers_the_answer_threshold() -> None:
    assert Thresholds(answer=0.4, answer_unanchored=0.2).answering(False) == 0.4


def test_a_tie_between_thresholds_is_broken_towards_declining() -> None:
    """Utilities within a few questions of each other are noise: the higher threshold wins."""
    flat = {t / 100: 1.0 for t in range(20, 60)}
    flat.update({t / 100: 1.0 - 0.001 * (t - 40) for t in range(41, 60)})
    assert _best_window(flat, tolerance=0.0) < 0.45
    assert _best_window(flat, tolerance=0.01) > 0.45


def test_a_clear_best_threshold_is_kept_whatever_the_tolerance() -> None:
    peaked = {t / 100: -abs(t - 30) * 10.0 for t in range(2, 99)}
    assert _best_window(peaked, tolerance=0.5) == 0.3


def _runner_up_views(second_right: int) -> tuple[list[Scored], dict[str, View]]:
    """100 sure answers whose runner-up is close; `second_right` of them picked wrong and
    the runner-up was right."""
    views: dict[str, View] = {}
    scored: list[Scored] = []
    for i in range(100):
        gold = "ccp2" if i < second_right else "ccp1"
        item = _item(gold, i)
        scored.append(item)
        views[item.variant] = (0.9, [(0.6, "ccp1"), (0.3, "ccp2")], True)
    return scored, views


def test_a_close_runner_up_that_often_holds_the_answer_shows_its_gist() -> None:
    scored, views = _runner_up_views(second_right=40)
    assert choose_thresholds(scored, lambda item: views[item.variant]).runner_up <= 0.5


def test_a_runner_up_that_rarely_holds_the_answer_stays_a_button() -> None:
    scored, views = _runner_up_views(second_right=5)
    assert choose_thresholds(scored, lambda item: views[item.variant]).runner_up > 1.0


def test_a_lone_spike_in_a_utility_does_not_outweigh_a_broad_plateau() -> None:
    utility = {r / 100: 10.0 for r in range(20, 31)}
    utility.update({r / 100: 0.0 for r in range(31, 50)})
    utility[0.40] = 10.5  # one lucky value among poor neighbours
    windows = _windows(utility)
    assert max(windows, key=lambda r: (windows[r], r)) <= 0.30
