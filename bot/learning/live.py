"""Knowledge edits in the running bot: applied at once, weights relearnt in the background.

An example added from /revue is written to its entry file, the knowledge base reloaded
and a new answerer built (its index holds the example, so the nearest-example signal
finds it at once); `app.kb` and `app.answerer` are then swapped, with no restart. The
ranker's weights, learnt on the previous content, still rank well but are out of date
for `mentor kb check`: a child process relearns them (`bot.learning.retrain`, ~1.5 min)
and the answerer is rebuilt once more with them. Several additions in a row coalesce
into one more training. `MENTOR_KB_RETRAIN=false` leaves that to `mentor kb train`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import weakref
from typing import TYPE_CHECKING

from bot.answers.service import Answerer
from bot.learning.examples import Added, add_example

if TYPE_CHECKING:
    from bot.app import Mentor

log = logging.getLogger(__name__)


class LiveKnowledge:
    def __init__(self, app: Mentor) -> None:
        self.app = app
        self.lock = asyncio.Lock()  # one edit (and one swap) at a time
        self.training: asyncio.Task[None] | None = None
        self.again = False

    async def add_example(self, entry_id: str, question: str) -> Added:
        directory = self.app.settings.mentor_knowledge_dir
        async with self.lock:
            added = await asyncio.to_thread(add_example, directory, entry_id, question)
            answerer = await asyncio.to_thread(Answerer, added.kb)
            self.app.kb = added.kb
            self.app.answerer = answerer
        if self.app.settings.mentor_kb_retrain:
            self.retrain_soon()
        return added

    def retrain_soon(self) -> None:
        if self.training is not None and not self.training.done():
            self.again = True
            return
        self.training = asyncio.create_task(self._train())

    async def _train(self) -> None:
        directory = self.app.settings.mentor_knowledge_dir
        while True:
            self.again = False
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.learning.retrain", str(directory)
            )
            if await process.wait() != 0:
                log.warning("kb: re-training failed; run `mentor kb train`")
                return
            async with self.lock:
                self.app.answerer = await asyncio.to_thread(Answerer, self.app.kb)
            if not self.again:
                return


_live: weakref.WeakKeyDictionary[Mentor, LiveKnowledge] = weakref.WeakKeyDictionary()


def live(app: Mentor) -> LiveKnowledge:
    found = _live.get(app)
    if found is None:
        found = _live[app] = LiveKnowledge(app)
    return found
