"""A cache of the built search index, so that `mentor ask` starts in a fraction of a second.

Building the index (stems, postings, character n-grams of a thousand examples) takes most
of the start-up time; reading it back takes a tenth of that. The cache key covers the
content (the ranker's fingerprint) and the code that builds the index, so an edit of
either is never served stale. Any problem with the cache falls back to building.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path

from bot.answers.knowledge import KnowledgeBase
from bot.answers.ranker import fingerprint
from bot.answers.search import SearchIndex

_PREFIX = "answer-index-"


def _code_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_index(kb: KnowledgeBase, cache_dir: Path) -> SearchIndex:
    content = fingerprint(kb)
    if not content:
        return SearchIndex(kb)
    path = cache_dir / f"{_PREFIX}{content}-{_code_hash()}.pickle"
    with contextlib.suppress(Exception):  # a damaged cache is rebuilt, never fatal
        index = pickle.loads(path.read_bytes())
        if isinstance(index, SearchIndex):
            index.kb = kb
            return index
    index = SearchIndex(kb)
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{_PREFIX}*.pickle"):
            old.unlink(missing_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
    return index
