"""Yes or no first, when a closed question asks what an entry affirms or denies.

"Il y a un jury à l'examen ?" is answered "Oui." before the jury's composition; "Le jury,
c'est mes formateurs ?" is answered "Non.". Editors list, in an entry's `affirms` and
`denies`, the statements its answer settles; a closed question (no question word, no
alternative, no negation) whose words hold one of them gets the verdict. Anything less
clear gets no verdict: a wrong "Oui" is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from bot.answers.extract import is_asking
from bot.answers.knowledge import Entry
from bot.answers.sentence_words import clean

YES = "Oui."
NO = "Non."

# A question word makes a question open ("Qui compose le jury ?"); "ou" offers a choice
# ("CCP2 ou CCP3 ?"), unless it is "ou pas"; "où" folds to "ou" and is open as well.
_OPEN_WORDS = frozenset(
    "qui que quoi quel quelle quels quelles quand combien comment pourquoi lequel laquelle "
    "lesquels lesquelles cb koi kel kelle kan ou quesque".split()
)
_OR_NOT = re.compile(r"\bou (?:pas|non)\b")
# "Il n'y a pas d'oral ?": answered "oui" or "non", it is read two ways.
_NEGATION = re.compile(r"\b(?:ne|n|jamais|aucun|aucune|rien|ni)\b|(?<!\bet )(?<!\bmais )\bpas\b")
_CLOSED_START = re.compile(r"^(?:est ce qu|est ce que|esque|eske)\b")
MIN_SHARED = 2  # stems a statement of two words or more must share with the question
# Shares of the statement's stems the question holds, and of the question's stems the
# statement holds: "Le jury de l'examen est-il sévère ?" asks more than "il y a un jury à
# l'examen", and gets no "Oui.".
COVERED = 0.75


def closed(sentence: str) -> bool:
    """A question answered by yes or no: "Est-ce que le DP peut être manuscrit ?"."""
    cleaned = clean(sentence)
    if not cleaned or not is_asking(sentence):
        return False
    words = _OR_NOT.sub(" ", _CLOSED_START.sub("", cleaned)).split()  # "est-ce que" asks no "que"
    if not _OPEN_WORDS.isdisjoint(words) or _NEGATION.search(" ".join(words)):
        return False
    return "?" in sentence or bool(_CLOSED_START.match(cleaned)) or bool(_OR_NOT.search(cleaned))


_BLOCK = re.compile(r"ccp\d")
_NUMBER = re.compile(r"\d+|c\d\.\d")


def _generic(stems: frozenset[str]) -> frozenset[str]:
    """A statement holds of any block and any year: "mon CCP est toujours valable" of "Mon
    CCP1 de 2021 est-il toujours valable ?"."""
    return frozenset("ccp" if _BLOCK.fullmatch(s) else s for s in stems if not _NUMBER.fullmatch(s))


class Polarity:
    """The verdict an entry gives a closed question, from its editors' statements."""

    def __init__(self, stems_of: Callable[[str], frozenset[str]]) -> None:
        self._stems_of = cache(lambda text: _generic(stems_of(text)))

    def _holds(self, statement: str, asked: frozenset[str]) -> bool:
        said = self._stems_of(statement)
        shared = len(said & asked)
        if not said or shared < min(MIN_SHARED, len(said)):
            return False
        return shared >= COVERED * len(said) and shared >= COVERED * len(asked)

    def verdict(self, entry: Entry, questions: Sequence[str]) -> str:
        """ "Oui." or "Non." when the message's one question is closed and holds one of the
        entry's statements and none of the other side; "" otherwise, and when the answer
        says it already. With two questions, a bare "Oui." would not say which it answers."""
        if not (entry.affirms or entry.denies) or entry.short.startswith(("Oui", "Non")):
            return ""
        if len(questions) != 1 or not closed(questions[0]):
            return ""
        asked = self._stems_of(questions[0])
        yes = any(self._holds(s, asked) for s in entry.affirms)
        no = any(self._holds(s, asked) for s in entry.denies)
        return YES if yes and not no else NO if no and not yes else ""
