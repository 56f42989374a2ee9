"""A subject described before the question that points at it.

"Le document où je décris ma pratique pour le jury, j'ai le droit de l'écrire à la main ?":
the description names the subject, the clause after it asks one thing of it.
"""

from __future__ import annotations

import re

from bot.answers.sentence_words import QUESTION_START, clean, is_bare

# The description weighs as context, unless the clause asks what the subject is or holds
# ("…, il couvre quoi ?"): then the description is the question.
_DETERMINER = re.compile(
    r"^(?:le|la|les|l|ce|cet|cette|ces|mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|un|une"
    r"|des|celui|celle|ceux|celles)\b"
)
_RELATIVE = re.compile(
    r"\b(?:qui|que|qu|dont)\b|\bou (?:l on|on|je|j|il|elle|ils|elles|nous|vous|tu)\b"
)
_RESUMED = re.compile(r"^(?:il|elle|ils|elles|c|ca|cela|on|je|j|tu|vous|nous|y a|ya)\b")
_WHAT_IT_IS = re.compile(
    r"\b(?:contient|contiennent|contenir|couvre|couvrent|couvrir|vise|visent|viser|comprend"
    r"|comprennent|consiste|consistent|porte|portent|parle|parlent|sert|servent|regroupe"
    r"|regroupent|englobe|lequel|laquelle|lesquels|lesquelles|quoi|appelle|appellent"
    r"|objectif|objectifs|but|contenu|themes?|sujets?)\b"
)


# The question starts above are at most four words long: the first words of a clause
# decide whether it opens a question.
LEAD_WORDS = 6


def dislocated(sentence: str) -> tuple[str, str] | None:
    """(description, asked clause) of a sentence that describes its subject before asking
    one thing of it. Linear: each comma-separated part is folded once (no word spans a
    comma, so the parts' words are the sentence's words)."""
    parts = sentence.split(",")
    if len(parts) < 2 or not _DETERMINER.match(clean(parts[0])):
        return None
    words: list[str] = []
    starts: list[int] = []  # where each part's words begin among the sentence's
    for part in parts:
        starts.append(len(words))
        words.extend(clean(part).split())
    for k in range(1, len(parts)):
        lead = " ".join(words[starts[k] : starts[k] + LEAD_WORDS])
        if not (_RESUMED.match(lead) or QUESTION_START.match(lead)):
            continue
        head = " ".join(words[: starts[k]])
        tail = " ".join(words[starts[k] :])
        if _RELATIVE.search(head) and not is_bare(tail) and not _WHAT_IT_IS.search(tail):
            return ",".join(parts[:k]).strip(), ",".join(parts[k:]).strip()
        return None
    return None
