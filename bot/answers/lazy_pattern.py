"""A regular expression compiled on first use.

Small talk has dozens of large patterns; a `mentor ask` for "C'est quoi le CCP1 ?" needs
only a few of them, and compiling all at import cost a tenth of the one-second cold start.
"""

from __future__ import annotations

import re


class LazyPattern:
    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)
