"""Finding the question inside a message: sentences, greetings, signatures, politeness.

Placeholder interface; the full extractor follows (issue 12).
"""

from __future__ import annotations

import re

from bot.answers.normalise import fold

_QUESTION_START = re.compile(
    r"^(?:est ce qu|est ce que|c est quoi|c koi|comment|combien|pourquoi|quand|quel|quelle"
    r"|quels|quelles|qui|ou|que|qu est ce|quoi|a quoi|peut on|puis je|dois je|faut il"
    r"|y a t il|existe t il|lequel|laquelle)\b"
)


def looks_like_question(text: str) -> bool:
    """A message shaped like a question (a '?', or an interrogative opening)."""
    stripped = text.strip()
    if not stripped:
        return False
    if "?" in stripped:
        return True
    cleaned = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(stripped)).split())
    return bool(_QUESTION_START.match(cleaned))
