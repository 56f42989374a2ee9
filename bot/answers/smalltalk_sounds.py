"""Small talk spelt as it sounds: "mersi bocou", "bonjoure mantor, sa va ?", "o revoir".

The corrector of `search.py` moves a typo to a word of the base by edit distance; words of
chit-chat are often spelt by ear, several letters away ("bocou" for "beaucoup"). A rough
French sound key (silent endings dropped, "eau"/"au" → o, "c"/"qu" → k, nasal vowels…)
brings such a word back to the small-talk word that sounds the same, when the message's
word is neither a word of the small talk nor a known word. No library fits: the French
phonetic keys on PyPI come inside larger tools (a geocoder, a speech synthesiser).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from bot.answers.normalise import fold

# In order: each rule sees the output of the previous ones.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), sound)
    for pattern, sound in (
        (r"ph", "f"),
        (r"th", "t"),
        (r"s?ch|sh", "S"),
        (r"qu|q|ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"g(?=[eiy])|ge(?=[aou])", "j"),
        (r"eau|au", "o"),
        (r"ou", "u"),
        (r"oi|oy|oa", "wa"),
        (r"ien(?![aeiouy])", "i1"),
        (r"[ae]in(?![aeiouy])|[ae]im(?=[bp])|in(?![aeiouy])|im(?=[bp])|un(?![aeiouy])", "1"),
        (r"[ae]n(?![aeiouy])|[ae]m(?=[bp])", "2"),
        (r"on(?![aeiouy])|om(?=[bp])", "3"),
        (r"ai|ei|er$|ez$|et$", "e"),
        (r"y", "i"),
        (r"w", "v"),
        (r"h", ""),
        (r"(?<=[aeiou])s(?=[aeiou])", "z"),
        (r"(.)\1+", r"\1"),
        (r"(?<=..)(?:es|[estdxp])$", ""),
    )
)
_WORD = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 2  # "o revoir": a lone letter is too little to go on
MIN_SOUNDS = 3  # characters of the sound key


def spelt_by_ear(text: str, known: Callable[[str], bool]) -> bool:
    """Whether any word of the message could be respelt: one that is not a known word."""
    return any(
        len(w) >= MIN_LETTERS and not known(w) for w in (fold(m) for m in _WORD.findall(text))
    )


def sound_key(word: str) -> str:
    """How a folded word sounds, roughly: "bocou" and "beaucoup" both give "boku"."""
    if word == "ca":
        return "sa"  # "ça", folded: "sa va" is "ça va"
    key = word
    for pattern, sound in _RULES:
        key = pattern.sub(sound, key)
    return key


class ChatSpelling:
    """Words of the small talk by how they sound (the most used one for each sound)."""

    def __init__(self, words: Iterable[str]) -> None:
        counts = Counter(words)
        by_sound: dict[str, str] = {}
        # Most used first, then alphabetical: the same word for a sound on every start.
        for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            by_sound.setdefault(sound_key(word), word)
        self._by_sound = by_sound

    def respelled(self, text: str, known: Callable[[str], bool]) -> str:
        """The message with each unknown word spelt as the most used small-talk word that
        sounds the same ("mersi", itself in an example, becomes "merci"); the rest
        (punctuation, words of the base, French words) left as typed."""

        def spelt(match: re.Match[str]) -> str:
            typed = match.group(0)
            word = fold(typed)
            if len(word) < MIN_LETTERS or known(word):
                return typed
            key = sound_key(word)
            if len(key) < MIN_SOUNDS:
                return typed  # "hahaha" sounds like "a", "rep" like "re": too little to go on
            spelt_as = self._by_sound.get(key, word)
            return typed if spelt_as == word else spelt_as

        return _WORD.sub(spelt, text)
