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
from functools import lru_cache

from bot.answers.extract import OR_NOT, is_asking
from bot.answers.knowledge import Entry
from bot.answers.sentence_words import clean

YES = "Oui."
NO = "Non."

# A question word makes a question open ("Qui compose le jury ?"); "ou" offers a choice
# ("CCP2 ou CCP3 ?"), unless it is "ou pas"; "où" folds to "ou" and is open as well. "que"
# and "qui" open it only first: "… repasser le CCP2 que j'ai raté ?" is closed.
_OPEN_WORDS = frozenset(
    "quoi quel quelle quels quelles quand combien comment pourquoi lequel laquelle "
    "lesquels lesquelles cb koi kel kelle kan ou quesque".split()
)
_OPEN_FIRST = frozenset({"que", "qu", "qui"})
# "Il n'y a pas d'oral ?": answered "oui" or "non", it is read two ways.
# "C'est possible sans refaire de formation ?" asks the contrary of "refaire la formation".
_NEGATION = re.compile(
    r"\b(?:ne|n|jamais|aucun|aucune|rien|ni|sans)\b|(?<!\bet )(?<!\bmais )\bpas\b"
)
_CLOSED_START = re.compile(r"^(?:est ce qu|est ce que|esque|eske)\b")
MIN_SHARED = 2  # stems a statement of two words or more must share with the question
# Shares of the statement's stems the question holds, and of the question's stems the
# statement holds: "Le jury de l'examen est-il sévère ?" asks more than "il y a un jury à
# l'examen", and gets no "Oui.".
COVERED = 0.75
STEMS_MEMO = 1024


def closed(sentence: str) -> bool:
    """A question answered by yes or no: "Est-ce que le DP peut être manuscrit ?"."""
    cleaned = clean(sentence)
    if not cleaned or not is_asking(sentence):
        return False
    words = OR_NOT.sub(" ", _CLOSED_START.sub("", cleaned)).split()  # "est-ce que" asks no "que"
    if not _OPEN_WORDS.isdisjoint(words) or (words[:1] and words[0] in _OPEN_FIRST):
        return False
    if _NEGATION.search(" ".join(words)):
        return False
    return "?" in sentence or bool(_CLOSED_START.match(cleaned)) or bool(OR_NOT.search(cleaned))


_BLOCK = re.compile(r"ccp\d")
_NUMBER = re.compile(r"\d+|c\d\.\d")
# Modal verbs carry no statement: "Je dois tout repasser ?" says "tout repasser".
_MODALS = "dois doit devons devez doivent devoir devrai devrais faut faudra faudrait peux peut "
_MODALS += "pouvons pouvez peuvent pouvoir pourrai pourrais pourra vais va"


def _generic(stems: frozenset[str], modals: frozenset[str]) -> frozenset[str]:
    """Without years and modal verbs."""
    return frozenset(s for s in stems if not _NUMBER.fullmatch(s) and s not in modals)


def _same(said: str, asked: str) -> bool:
    """A statement's "ccp" holds of any block ("mon CCP est toujours valable" of "Mon CCP1
    est-il toujours valable ?"); "ccp1" only of the CCP1."""
    return said == asked or (said == "ccp" and _BLOCK.fullmatch(asked) is not None)


class Polarity:
    """The verdict an entry gives a closed question, from its editors' statements."""

    def __init__(self, stems_of: Callable[[str], frozenset[str]]) -> None:
        modals = stems_of(_MODALS)
        # Bounded: the statements are read again and again, each user's question once.
        self._stems_of = lru_cache(maxsize=STEMS_MEMO)(
            lambda text: _generic(stems_of(text), modals)
        )

    def _holds(self, statement: str, asked: frozenset[str]) -> bool:
        said = self._stems_of(statement)
        held = [s for s in said if any(_same(s, a) for a in asked)]
        if not said or len(held) < min(MIN_SHARED, len(said)):
            return False
        answered = [a for a in asked if any(_same(s, a) for s in said)]
        return len(held) >= COVERED * len(said) and len(answered) >= COVERED * len(asked)

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
