"""Words in quotes are mentioned, not said: a thank-you or a goodbye to translate is a request,
and the bot, which answers in French on its domain, declines it."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk, unquoted


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    "text",
    [
        "Traduis « merci beaucoup » en espagnol",
        "Comment dit-on « bonne journée » en anglais ?",
        'tu peux me traduire "au revoir" en arabe stp',
    ],
)
def test_a_polite_phrase_to_translate_is_declined_not_answered_as_chit_chat(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize("text", ["« Merci » !", "Merci beaucoup !", "merci"])
def test_thanks_said_are_still_thanks(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.SMALLTALK
    assert answer.smalltalk is SmallTalk.THANKS


def test_quotes_are_set_apart_only_when_the_rest_says_something() -> None:
    assert unquoted("Traduis « merci » en espagnol") == "Traduis   en espagnol"
    assert unquoted("« Merci »") == "« Merci »"  # nothing else is said
    assert unquoted("C'est quoi une « MSP » ?") == "C'est quoi une « MSP » ?"


def test_a_quoted_domain_phrase_is_still_answered(answerer: Answerer) -> None:
    answer = answerer.answer("C'est quoi une « mise en situation professionnelle » ?")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "mise-en-situation-professionnelle"
