"""Small talk by nearest example: found when unforeseen, never taken for a domain question."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.cosine import SparseCosine
from bot.answers.knowledge import load_knowledge
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk
from bot.answers.smalltalk_examples import EXAMPLES
from bot.answers.smalltalk_examples_voices import DOMAIN_LIKENESS, VOICES_EXAMPLES
from bot.answers.smalltalk_model import MIN_SIMILARITY, SmallTalkModel, grams

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_knowledge(KNOWLEDGE))


def test_every_family_of_examples_has_a_reply() -> None:
    assert {SmallTalk(family) for family in EXAMPLES} <= set(SmallTalk)


def test_held_out_examples_are_mostly_found_by_the_others() -> None:
    model = SmallTalkModel(EXAMPLES)
    found = total = 0
    for i, (family, text) in enumerate((f, t) for f, texts in EXAMPLES.items() for t in texts):
        nearest, similarity = model.nearest(text, skip=i)
        total += 1
        found += nearest == family and similarity >= MIN_SIMILARITY
    assert found / total >= 0.4


def test_no_example_in_regional_voices_looks_like_a_question_of_the_base(
    answerer: Answerer,
) -> None:
    questions = SparseCosine(
        [grams(q) for e in answerer.kb.entries.values() for q in e.questions], log_tf=False
    )
    alike = []
    for text in (t for texts in VOICES_EXAMPLES.values() for t in texts):
        dots = questions.dots(grams(text))
        if dots is not None and float(dots.max()) >= DOMAIN_LIKENESS:
            alike.append(text)
    assert alike == []


def test_no_question_of_the_knowledge_base_is_taken_for_small_talk(answerer: Answerer) -> None:
    questions = [q for e in answerer.kb.entries.values() for q in e.questions]
    taken = [q for q in questions if answerer.answer(q).kind is AnswerKind.SMALLTALK]
    assert taken == []


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Vous allez bien ce matin ?", SmallTalk.HOW_ARE_YOU),
        ("Joyeuses fêtes à toute l'équipe !", SmallTalk.WISHES),
        ("oups pardon", SmallTalk.OOPS),
        ("c'est un humain qui me répond ?", SmallTalk.IDENTITY),
    ],
)
def test_unforeseen_small_talk_is_recognised(
    answerer: Answerer, text: str, family: SmallTalk
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is family


def test_a_thumbs_up_gets_a_small_reply(answerer: Answerer) -> None:
    assert answerer.answer("👍").kind is AnswerKind.SMALLTALK


def test_domain_words_keep_a_short_message_a_question(answerer: Answerer) -> None:
    answer = answerer.answer("merci, et le CCP3 ?")
    assert answer.kind is not AnswerKind.SMALLTALK


def test_a_domain_question_never_builds_the_small_talk_model() -> None:
    # `mentor ask "C'est quoi le CCP2 ?"` starts faster without it (about 50 ms).
    fresh = Answerer(load_knowledge(KNOWLEDGE))
    fresh.answer("C'est quoi le CCP2 ?")
    assert "model" not in vars(fresh.smalltalk)
    fresh.answer("wesh bien ou bien")
    assert "model" in vars(fresh.smalltalk)


def test_a_warmed_answerer_has_built_what_its_first_messages_need() -> None:
    gate = Answerer(load_knowledge(KNOWLEDGE)).warm().smalltalk
    assert {"model", "spelling", "entry_words", "chat_words"} <= set(vars(gate))
