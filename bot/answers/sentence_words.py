"""The words of a sentence as the question finder reads them: folded, and whether they
ask or only point back."""

from __future__ import annotations

import re

from bot.answers.normalise import STOPWORDS, fold

_WORDS = re.compile(r"[a-z0-9]+")

QUESTION_START = re.compile(
    r"^(?:est ce qu|est ce que|c est quoi|cest quoi|c koi|c quoi|comment|combien|pourquoi"
    r"|quand|quel|quelle|quels|quelles|qui|ou|que|qu est ce|quoi|a quoi|a qui|aupres de qui|de quoi"
    r"|peut on|puis je|pourrais je|dois je|doit on|faut il|y a t il|existe t il|lequel|laquelle"
    r"|lesquels|est il|est elle|sont ils|ai je|avons nous|pouvez vous|pourriez vous"
    r"|sauriez vous|savez vous|je voudrais savoir|j aimerais savoir|je souhaiterais savoir"
    r"|je me demande|je me demandais|dites moi|dis moi|expliquez moi|explique moi"
    r"|donne moi|donnez moi|montre moi|montrez moi|peux tu|pourrais tu|tu peux|vous pouvez"
    r"|merci de m indiquer|merci de me dire|pouvez vous m indiquer|auriez vous)\b"
)


def clean(sentence: str) -> str:
    return " ".join(_WORDS.findall(fold(sentence)))


# Words of a request that say nothing of its subject ("Vous pouvez me l'expliquer ?").
REQUEST_WORDS = frozenset(
    "expliquer reexpliquer explique expliquez dire dites dis indiquer eclairer aider aidez "
    "savoir comprendre simplement svp stp merci possible vrai quoi comment pourquoi".split()
)


# A word in capitals or a code names a subject: "C'est quoi exactement un CCP ?" asks about
# one, where "Qui a raison ?" points back at what was just told.
_NAMED = re.compile(r"\b(?:[A-Z]{2,}[a-z]?\d?|[A-Za-z]{1,4}\d(?:\.\d)?)\b")


def is_bare(cleaned: str, raw: str = "") -> bool:
    """Whether a question names no subject of its own (`raw`, the sentence as written, shows
    the acronyms and codes that name one)."""
    content = [
        w for w in cleaned.split() if len(w) > 2 and w not in STOPWORDS and w not in REQUEST_WORDS
    ]
    return len(content) <= 1 and not (raw and content and _NAMED.search(raw))
