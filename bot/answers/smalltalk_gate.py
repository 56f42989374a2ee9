"""Whether a message is small talk, decided before and after the ranker.

Patterns first (`smalltalk.py`); then the nearest small-talk example (`smalltalk_model.py`)
for a message with no domain word, answered at once when clearly close, or kept for the
answerer to use when the ranker is not sure either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from bot.answers.extract import (
    Query,
    analyse_message,
    last_asked,
    looks_like_question,
)
from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import STOPWORDS, fold, tokens
from bot.answers.reply import Answer, smalltalk_answer
from bot.answers.scope import ScopeHits
from bot.answers.smalltalk import SmallTalk, classify, thanks_in, unquoted
from bot.answers.smalltalk_examples import EXAMPLES
from bot.answers.smalltalk_examples_more import MORE_EXAMPLES
from bot.answers.smalltalk_examples_voices import VOICES_EXAMPLES
from bot.answers.smalltalk_family import (
    asks_who_answers,
    classify_family,
    introduces,
    machine_or_human_told,
    pings,
)
from bot.answers.smalltalk_model import CLEAR_SIMILARITY, SmallTalkModel
from bot.answers.smalltalk_said import received_asked, said_in_passing, talk_private_asked
from bot.answers.smalltalk_sounds import ChatSpelling, spelt_by_ear
from bot.answers.smalltalk_told import hard_told
from bot.answers.writing_requests import asks_to_write

_WRITTEN = (EXAMPLES, MORE_EXAMPLES, VOICES_EXAMPLES)


# A request that points at what the message told before it: "Je ne trouve pas la bonne
# case. Vous pouvez m'aider ?" is the told problem, not small talk.
_POINTING_BACK = frozenset({SmallTalk.HELP, SmallTalk.ASK, SmallTalk.OK, SmallTalk.PAUSE})


def _as_felt(family: SmallTalk, text: str) -> SmallTalk:
    """Glad news that tells something hard is met as hard news: "Mon équipe traverse une
    période difficile…, je voulais le partager" is no "bravo"."""
    if family not in _GLAD_NEWS:
        return family
    return hard_told(text) or family


def _all(written: dict[str, tuple[str, ...]]) -> Iterator[str]:
    return (text for texts in written.values() for text in texts)


MACHINE_ASKED = 20  # words: "Vous êtes une IA ou un agent de l'ANCT qui me répond ?"
SHORT = 8  # words: "T'es un robot ou quoi ?" is about the bot whatever the ranker says
# Small talk that is said, not asked: a message shaped like a question is none of these.
STATEMENTS = frozenset(
    {
        SmallTalk.GREETING,
        SmallTalk.THANKS,
        SmallTalk.PRAISE,
        SmallTalk.OK,
        SmallTalk.BYE,
        SmallTalk.WISHES,
        SmallTalk.OOPS,
    }
)


# Asked of the bot in passing, which a domain word turns into a question about the domain
# ("Je vais encore t'embêter : le CCP2, c'est quoi ?"). A mood told without a question stays a
# mood, whatever it is about ("La session approche et je panique un peu").
_ASKED_OF_THE_BOT = frozenset(
    {
        SmallTalk.HOW_ARE_YOU,
        SmallTalk.PATIENCE,
        SmallTalk.PRIVACY,  # "Qui peut consulter mon dossier professionnel ?" asks of the DP
        SmallTalk.AVAILABILITY,
        SmallTalk.RELIABILITY,
        SmallTalk.LIFE,
        SmallTalk.ADDRESS,  # "Je peux vouvoyer le jury à l'oral ?" asks of the exam
    }
)
# Saying yes or thanks: negated, the message says the opposite ("ça marche pas").
AGREEING = frozenset({SmallTalk.OK, SmallTalk.THANKS, SmallTalk.PRAISE})
_GLAD_NEWS = frozenset({SmallTalk.GOOD_NEWS, SmallTalk.CHEER})
_NEGATED = re.compile(r"\b(?:pas|plus|jamais|rien)\b(?! (?:de|d|du|des|mal|grave)\b)")


@dataclass(frozen=True, slots=True)
class Early:
    """What the gate decided before ranking: an answer, or what it saw for later."""

    answer: Answer | None = None
    family: SmallTalk | None = None  # a family found by pattern (IDENTITY: ranker decides)
    near: tuple[SmallTalk, float] | None = None  # the nearest example, when not clear


class SmallTalkGate:
    def __init__(self, kb: KnowledgeBase, scope_of: Callable[[str], ScopeHits]) -> None:
        self.kb = kb
        self.scope_of = scope_of

    def in_domain(self, text: str) -> bool:
        return self.scope_of(text).in_domain

    @cached_property
    def model(self) -> SmallTalkModel:
        """Built on first need (50 ms): a question with a domain word never needs it, so
        that `mentor ask "C'est quoi le CCP2 ?"` starts fast."""
        return SmallTalkModel(
            {
                family: tuple(x for written in _WRITTEN for x in written.get(family, ()))
                # In a fixed order (not a set's): the first example wins a tie of similarity.
                for family in dict.fromkeys(f for written in _WRITTEN for f in written)
            }
        )

    @cached_property
    def chat_words(self) -> frozenset[str]:
        """Every word of the small-talk examples."""
        return frozenset(w for texts in EXAMPLES.values() for x in texts for w in tokens(x))

    def warm(self) -> None:
        """Build now what the first messages would build (about 0.1 s): for a process that
        answers many messages; `mentor ask "…"` answers one and skips it."""
        _ = self.model, self.spelling, self.entry_words, self.chat_words

    def heard(self, text: str, known: Callable[[str], bool]) -> str:
        """The message as heard: words spelt by ear respelt; the sound table is built only
        for a message that has such a word (30 ms, once)."""
        return self.spelling.respelled(text, known) if spelt_by_ear(text, known) else text

    @cached_property
    def spelling(self) -> ChatSpelling:
        """Small-talk words by sound ("mersi bocou"), built on first need."""
        return ChatSpelling(w for written in _WRITTEN for x in _all(written) for w in tokens(x))

    @cached_property
    def entry_words(self) -> frozenset[str]:
        """Words the entries use and small talk never does ("fonctionnaire", "kairos"): a
        message with one is not small talk that is merely close to an example. Built on
        first need, so that `mentor ask` starts fast."""
        # The entries' own text, and words of example questions that two entries share:
        # one user's phrasing brings everyday words ("toute l'équipe") that say nothing of
        # the domain.
        own = {
            w
            for e in self.kb.entries.values()
            for text in (e.title, e.short, e.more, *e.tags)
            for w in tokens(text)
        }
        asked = Counter(
            w for e in self.kb.entries.values() for w in {w for q in e.questions for w in tokens(q)}
        )
        own.update(w for w, entries in asked.items() if entries >= 2)
        return frozenset(
            w for w in own if len(w) > 3 and w not in self.chat_words and w not in STOPWORDS
        )

    def near(self, text: str) -> tuple[SmallTalk, float] | None:
        """A short message with no domain word close to a small-talk example: its family
        and how close (callers decide how close is enough)."""
        hits = self.scope_of(text)
        # The editor's words for another subject ("horaires d'ouverture", "CAF") too: a
        # message that names one is about it, however close to "quels sont tes horaires ?".
        if hits.in_domain or hits.foreign or asks_to_write(text):
            return None  # "traduis-moi « bonjour » en espagnol" is a request, not small talk
        found = self.model.classify(text)
        if found is None:
            return None
        family = SmallTalk(found[0])
        if family in STATEMENTS and looks_like_question(text):
            return None  # "Madame, Monsieur, comment obtenir… ?" is no greeting
        if family in AGREEING and _NEGATED.search(fold(text)):
            return None  # "mon wifi marche pas" is no "ça marche"
        felt = _as_felt(family, text)
        if felt is not family:
            return felt, found[1]
        if family in _GLAD_NEWS and _NEGATED.search(fold(text)):
            # "Mon contrat n'est pas renouvelé", near "Mon contrat a été renouvelé": the
            # same news, turned bad.
            return SmallTalk.MOOD, found[1]
        return family, found[1]

    def only_close(self, near: tuple[SmallTalk, float] | None, text: str) -> SmallTalk | None:
        """Small talk that is merely close counts unless the message has a word the entries
        use and small talk never does ("Comment ça marche pour un fonctionnaire ?"), or is
        mostly words small talk never uses ("Météo demain à Lyon" is no "à demain")."""
        words = tokens(text)
        if near is None or not self.entry_words.isdisjoint(words):
            return None
        content = [w for w in words if len(w) > 2 and w not in STOPWORDS]
        if content and sum(w in self.chat_words for w in content) * 3 < 2 * len(content):
            return None  # "Comment fonctionne Parcoursup ?" is no "ça fonctionne ?"
        return near[0]

    def without_question(self, text: str, hello: str) -> Answer:
        """Only greetings and politeness ("Je vous remercie. Cordialement")."""
        talk = said_in_passing(text, False) or classify_family(text, False)
        if thanks_in(text):
            leaving = talk in (SmallTalk.BYE, SmallTalk.THANKS_BYE)
            talk = SmallTalk.THANKS_BYE if leaving else SmallTalk.THANKS
        talk = talk or self.only_close(self.near(text), text)
        return smalltalk_answer(talk or SmallTalk.GREETING, hello)

    def before_ranking(self, text: str, query: Query, hello: str) -> Early:
        early = self._before_ranking(text, query, hello)
        if early.answer is not None or early.family is not None or self.in_domain(text):
            return early
        # "Je découvre votre service. Vous êtes qui exactement ?": what was told first, with
        # no domain word, only introduces the question, which is small talk on its own.
        last = last_asked(text)
        if last is None or last == query.focus:
            return early
        alone = self._before_ranking(last, analyse_message(last), hello)
        if alone.answer is None or (
            alone.answer.smalltalk in _POINTING_BACK and not introduces(text)
        ):
            return early  # "… Vous pouvez m'aider ?" asks for help with what was told
        return alone

    def _of_our_talk(self, focus: str) -> bool:
        """Asks what becomes of what is said here, a domain word only around it ("En tant
        qu'employeur, les échanges de mes salariés avec vous me sont accessibles ?")."""
        return talk_private_asked(focus) and not self.scope_of(focus).strong

    def _before_ranking(self, text: str, query: Query, hello: str) -> Early:
        focus, text = unquoted(query.focus), unquoted(text)  # what is said, not quoted
        talk = classify(focus)
        if talk is not None and not query.context:
            return Early(smalltalk_answer(talk, hello))
        asking = bool(query.questions)
        # Said in passing: the whole message when it asks nothing ("… Enchantée !" may be
        # the politeness the analysis set apart from the focus).
        passing = said_in_passing(focus if asking else text, asking)
        if passing in _ASKED_OF_THE_BOT and self.in_domain(focus) and not self._of_our_talk(focus):
            passing = None  # "Comment allez-vous ? Et le CCP2, c'est quoi ?" asks of the CCP2
        family = passing or classify_family(focus, asking, closing=text)
        if family is SmallTalk.BYE and thanks_in(text):
            family = SmallTalk.THANKS_BYE  # the thanks were a sentence of their own
        if family is None:
            # Said anywhere in the message: "… la connexion a coupé. Vous êtes toujours là ?",
            # "Ma fille dit que je parle à une machine… Alors, qui a raison ?".
            told = (
                SmallTalk.PRESENCE
                if pings(text) or received_asked(text)
                else SmallTalk.IDENTITY
                if machine_or_human_told(text)
                else None
            )
            if told is not None and not self.in_domain(text):
                family = told
        if family is not None and family is not SmallTalk.IDENTITY:
            return Early(smalltalk_answer(_as_felt(family, text), hello))
        if (
            family is SmallTalk.IDENTITY
            and asks_who_answers(focus)
            and len(focus.split()) <= MACHINE_ASKED
        ):
            # "Vous êtes une IA ou un agent de l'ANCT qui me répond ?": whatever the entries
            # say of the ANCT, the user asks what answers them.
            return Early(smalltalk_answer(family, hello))
        if (
            family is SmallTalk.IDENTITY
            and len(text.split()) <= SHORT
            and not self.in_domain(text)
            and (self.entry_words.isdisjoint(tokens(text)) or asks_who_answers(focus))
        ):
            return Early(smalltalk_answer(family, hello))  # "T'es un robot ou quoi ?"
        # Clear small talk, whatever the ranker makes of its words ("trop fort ce bot"); what
        # is only close waits for the ranker. Both on the question part, without the
        # greeting and the signature around it.
        near = self.near(focus) if family is None else None
        if near is not None and self.in_domain(text):
            near = None  # "Je veux financer mes CCP2 et CCP3. Comment fonctionne le compte ?"
        if near is not None and near[0] in _POINTING_BACK and query.context:
            near = None  # "Je conteste une amende. Vous m'indiquez la marche à suivre ?"
        if near is not None and near[1] >= CLEAR_SIMILARITY:
            return Early(smalltalk_answer(near[0], hello))
        return Early(None, family, near)
