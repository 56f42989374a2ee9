"""A small-talk reply that answers every move of the message, not only the first one.

"Petite nouvelle : je suis maman depuis dimanche. Merci pour tout, à bientôt !" says three
things: news, thanks, goodbye. The family chosen for the message answers one of them; the
others, when the reply does not already answer them, are answered after it, in the order a
person would: the news first, then the thanks, then the goodbye.
"""

from __future__ import annotations

import re

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.reply import Answer, AnswerKind
from bot.answers.smalltalk import SEE_YOU_LATER, SmallTalk, cleaned_words, thanks_given, unquoted
from bot.answers.smalltalk_news import GOOD_NEWS
from bot.answers.smalltalk_said import MOOD, OOPS, PAUSE, WANTING
from bot.answers.smalltalk_told import Wish, takes_leave

# How the reply already answers a move: any of these words in it (folded as typed).
_CONGRATULATED = ("félicitations", "bravo", "anniversaire")
_THANKED = ("plaisir", "de rien", "je vous en prie", "merci à vous")
_LEFT = (
    "au revoir",
    "à bientôt",
    "bonne journée",
    "bonne soirée",
    "bonne nuit",
    "à demain",
    "à plus",
    "bonne continuation",
    "à la prochaine",
    "à une prochaine",
    "à la semaine",
    "à tout à l'heure",
    "bon week-end",
    "bonne fin",
    "bonne semaine",
)
# A goodbye said without a wish to return: "jdois y aller", "je vous laisse", "a+", "bye".
_LEAVING = LazyPattern(
    rf"\b(?:au revoir|{SEE_YOU_LATER}|a toute|a tte|a bientot|bye|ciao|tchao|bisous|bises|kenavo"
    r"|a pita|je (?:vous|te) laisse|je file|jfile|on se reparle|on en reparle|a la prochaine)\b"
)
_SEE_YOU_SIGN = re.compile(r"(?:^|\s)(?:a|à|@) ?\+(?=\s|$|[!.,])")
_BIRTHDAY = LazyPattern(r"\b(?:c est|c etait|c etais) (?:mon|mes) (?:anniv|anniversaire|\d+ ans)\b")
_HELLO = re.compile(r"^(?:Bonjour|Bonsoir|Salut|Coucou|Hello|Rebonjour) ! ")
# The families whose reply is a word of their own, after which other moves may follow.
_COMPOSED = frozenset(
    {
        SmallTalk.GREETING,
        SmallTalk.THANKS,
        SmallTalk.THANKS_BYE,
        SmallTalk.BYE,
        SmallTalk.WISHES,
        SmallTalk.PAUSE,
        SmallTalk.GOOD_NEWS,
        SmallTalk.CHEER,
        SmallTalk.MOOD,
        SmallTalk.PRAISE,
        SmallTalk.HOW_ARE_YOU,
    }
)


def _has(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def composed(answer: Answer, text: str, wish: Wish | None) -> Answer:
    """The reply with the moves it leaves unanswered added: news, a mood, an apology,
    thanks, goodbye."""
    if answer.kind is not AnswerKind.SMALLTALK or answer.smalltalk not in _COMPOSED:
        return answer
    said = unquoted(text)
    cleaned = " ".join(cleaned_words(said))
    before: list[str] = []
    after: list[str] = []
    if _BIRTHDAY.search(cleaned) and not _has(answer.text, ("anniversaire",)):
        before.append("Joyeux anniversaire ! 🎂")
    elif (
        GOOD_NEWS.search(cleaned)
        and not WANTING.search(cleaned)
        and answer.smalltalk is not SmallTalk.MOOD
        and not _has(answer.text, _CONGRATULATED)
    ):
        before.append("Félicitations, bravo !")
    if MOOD.search(cleaned) and not _has(answer.text, ("courage", "souffler", "repos")):
        after.append("Courage, tenez bon !")
    if OOPS.search(cleaned) and not _has(answer.text, ("souci", "pas grave", "aucun problème")):
        after.append("Pas de souci !")
    if thanks_given(said) and not _has(answer.text, _THANKED):
        after.append("Avec plaisir !")
    leaving = (
        _SEE_YOU_SIGN.search(said.lower()) is not None  # "a+", "@+": gone from the words
        or _LEAVING.search(cleaned) is not None
        or PAUSE.search(cleaned) is not None
        or takes_leave(wish)
    )
    if leaving and not _has(answer.text, _LEFT):
        after.append("À bientôt !")
    if not before and not after:
        return answer
    hello = _HELLO.match(answer.text)  # "Bonjour ! " stays first
    opening = hello.group(0) if hello else ""
    text_out = opening + " ".join([*before, answer.text[len(opening) :], *after])
    return Answer(kind=answer.kind, text=text_out, smalltalk=answer.smalltalk)
