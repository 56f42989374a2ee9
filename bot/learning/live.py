"""Knowledge edits in the running bot: applied at once, weights relearnt in the background.

An example added from /revue is written to its entry file, the knowledge base reloaded,
checked as `mentor kb check` does, and a new answerer built (its index holds the example,
so the nearest-example signal finds it at once); `app.kb` and `app.answerer` are then
swapped, with no restart. That takes seconds, so it runs after the button's transaction
(which holds SQLite's write lock) and the admin gets the outcome as a new message.

The ranker's weights, learnt on the previous content, still rank well but are out of
date for `mentor kb check`: a child process relearns them (`bot.learning.retrain`,
~1.5 min) and the answerer is rebuilt once more with them. Several additions in a row
coalesce into one more training. `MENTOR_KB_RETRAIN=false` leaves that to
`mentor kb train`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.answers.service import Answerer
from bot.learning.changes import log_change
from bot.learning.examples import Added, ExampleError, add_example
from bot.learning.review import Decision, undecide
from bot.messages import Reply, escape_markup

if TYPE_CHECKING:
    from bot.app import Mentor

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Request:
    """An admin's "Ajouter comme exemple": where to tell them how it went."""

    entry: str
    question: str
    group_id: int
    transport: str
    chat_id: str
    user_id: int


class LiveKnowledge:
    def __init__(self, app: Mentor) -> None:
        self.app = app
        self.lock = asyncio.Lock()  # one edit (and one swap) at a time
        self.tasks: set[asyncio.Task[None]] = set()
        self.training: asyncio.Task[None] | None = None
        self.again = False

    def add_soon(self, request: Request) -> None:
        task = asyncio.create_task(self._add(request))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def settled(self) -> None:
        """Wait for the additions under way (tests, shutdown)."""
        while self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)

    async def add_example(self, entry_id: str, question: str) -> Added:
        directory = self.app.settings.mentor_knowledge_dir
        async with self.lock:
            added = await asyncio.to_thread(add_example, directory, entry_id, question)
            self.app.kb = added.kb
            self.app.answerer = added.answerer
        if self.app.settings.mentor_kb_retrain:
            self.retrain_soon()
        return added

    async def _add(self, request: Request) -> None:
        try:
            text = await self._apply(request)
        except Exception as exc:
            if isinstance(exc, ExampleError):
                text = f"Ajout impossible : {exc}"
            else:
                log.exception("kb: adding an example failed")
                text = "Ajout impossible : erreur technique, rien n'a été modifié."
            try:
                async with self.app.db.session() as session:
                    await undecide(session, request.group_id, Decision.ADDED)
                text += " Les questions reviennent dans /revue."
            except Exception:
                log.exception("kb: could not give a group back to the review")
        sender = self.app.senders.get(request.transport)
        if sender is None:
            log.warning("kb: no sender for %s to confirm an example", request.transport)
            return
        try:
            await sender.send(request.chat_id, Reply(text))
        except Exception:
            log.exception("kb: could not confirm an example to the admin")

    async def _apply(self, request: Request) -> str:
        added = await self.add_example(request.entry, request.question)
        async with self.app.db.session() as session:
            await log_change(
                session,
                action="add_example",
                author=f"chat:{request.transport}",
                author_user_id=request.user_id,
                entry=added.entry,
                detail=added.question,
            )
        title = escape_markup(added.kb.entries[added.entry].title)
        now = self.app.answerer.answer(added.question).entry == added.entry
        effect = (
            "Elle reçoit désormais cette réponse."
            if now
            else "Elle n'obtient pas encore cette réponse : ajoutez d'autres formulations."
        )
        return f"Ajouté comme exemple à « {title} » : « {escape_markup(added.question)} ». {effect}"

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
