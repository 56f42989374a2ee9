"""A regular expression compiled on first use.

Small talk has dozens of large patterns; a `mentor ask` for "C'est quoi le CCP1 ?" needs
only a few of them, and compiling all at import cost a tenth of the one-second cold start.
"""

from __future__ import annotations

import re

_MADE: list[LazyPattern] = []


def compile_all() -> None:
    """Compile every pattern made so far: a process that answers a stream of messages pays
    once, before the first one, instead of a few milliseconds inside each early answer."""
    for pattern in _MADE:
        _ = pattern.compiled


class LazyPattern:
    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None
        _MADE.append(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)
