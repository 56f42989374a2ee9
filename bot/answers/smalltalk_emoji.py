"""A message of emoji only, read by what its emoji show: "🙏" thanks, "😭😭" is a mood.

Read from the Unicode names of the characters (words such as "CRYING" or "FOLDED HANDS"),
so that the hundreds of faces and hands need no list of their own.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from bot.answers.smalltalk import SmallTalk

# Words of Unicode names, by the family they show; a family earlier in this list wins a tie
# ("👋😴" is a good night, not a hello).
_SHOWN: tuple[tuple[SmallTalk, tuple[str, ...]], ...] = (
    (SmallTalk.LAUGH, ("TEARS OF JOY", "LAUGHING", "TIGHTLY-CLOSED EYES")),
    (
        SmallTalk.MOOD,
        (
            "CRYING",
            "DISAPPOINTED",
            "WEARY",
            "PENSIVE",
            "PLEADING",
            "SCREAMING",
            "OPEN MOUTH AND COLD SWEAT",
            "FACE WITH COLD SWEAT",
            "EXPLODING HEAD",
            "MELTING",
            "TIRED",
            "PERSEVERING",
            "CONFOUNDED",
            "ANGUISHED",
            "FEARFUL",
            "WORRIED",
            "FROWNING",
            "BROKEN HEART",
        ),
    ),
    (SmallTalk.BYE, ("SLEEPING", "ZZZ")),
    (SmallTalk.THANKS, ("FOLDED HANDS",)),
    (
        SmallTalk.CHEER,
        (
            "PARTY",
            "CONFETTI",
            "TROPHY",
            "FLEXED BICEPS",
            "CLAPPING",
            "STAR-STRUCK",
            "RAISING BOTH HANDS",
            "SPARKLES",
            "FIRE",
        ),
    ),
    (SmallTalk.PRAISE, ("HEART", "THROWING A KISS", "HUGGING")),
    (SmallTalk.MISUNDERSTOOD, ("ANGRY", "POUTING", "SYMBOLS COVERING MOUTH", "ROLLING EYES")),
    (SmallTalk.GREETING, ("WAVING",)),
    (SmallTalk.PRESENCE, ("QUESTION MARK",)),
)
_ORDER = {family: rank for rank, (family, _) in enumerate(_SHOWN)}


def shown_by(character: str) -> SmallTalk | None:
    name = unicodedata.name(character, "")
    for family, words in _SHOWN:
        if any(word in name for word in words):
            return family
    return None


def shown_family(text: str) -> SmallTalk | None:
    """The family most of the message's emoji show, if any shows one."""
    shown = Counter(f for c in text if (f := shown_by(c)) is not None)
    if not shown:
        return None
    return min(shown, key=lambda family: (-shown[family], _ORDER[family]))


def emoji_family(text: str) -> SmallTalk:
    """For a message of emoji only; a thumbs up or any other: agreement."""
    return shown_family(text) or SmallTalk.OK  # "👍", "😊"


# What emoji beside words may say of a message no entry answers ("exam demain 😰😰"): how
# it feels, not that it is a question or a complaint.
FELT = frozenset(
    {
        SmallTalk.MOOD,
        SmallTalk.CHEER,
        SmallTalk.LAUGH,
        SmallTalk.THANKS,
        SmallTalk.BYE,
        SmallTalk.PRAISE,
    }
)
