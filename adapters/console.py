"""The console adapter: the bot in a terminal (or behind a pipe), choices as numbers."""

from __future__ import annotations

import asyncio
import getpass
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.messages import Incoming, Reply
from bot.notices import file_saved

if TYPE_CHECKING:  # `mentor ask` renders with this module: keep its start-up light
    from bot.app import Mentor

TRANSPORT = "console"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<!\w)_(.+?)_(?!\w)")


def render(reply: Reply) -> str:
    text = _ITALIC.sub(r"\1", _BOLD.sub(r"\1", reply.numbered_text()))
    return text


class ConsoleAdapter:
    def __init__(
        self,
        mentor: Mentor,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        export_dir: Path | None = None,
        user_id: str | None = None,
    ) -> None:
        self.mentor = mentor
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.export_dir = export_dir or mentor.settings.mentor_data_dir / "exports"
        self.user_id = user_id or getpass.getuser()
        self.sent = 0
        mentor.senders[TRANSPORT] = self

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def show(self, reply: Reply) -> None:
        self._print(render(reply))
        if reply.file is not None:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            path = self.export_dir / Path(reply.file.filename).name
            path.write_bytes(reply.file.content)
            self._print(file_saved(path))
        self._print("")

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        """Messages the bot starts itself (reminders) are printed like any other."""
        self.show(reply)
        self.sent += 1
        return f"console-{self.sent}"

    def incoming(self, text: str) -> Incoming:
        return Incoming(
            transport=TRANSPORT,
            chat_id=f"console:{self.user_id}",
            user_id=self.user_id,
            user_name=self.user_id,
            text=text,
        )

    async def say(self, text: str) -> list[Reply]:
        replies = await self.mentor.handle(self.incoming(text))
        for reply in replies:
            self.show(reply)
        return replies

    async def run(self) -> None:
        interactive = self.stdin.isatty()
        self._print("Mentor — tapez votre question, /aide pour l'aide, Ctrl+D pour quitter.\n")
        loop = asyncio.get_running_loop()
        while True:
            if interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:
                break
            text = line.rstrip("\n")
            if text.strip().lower() in ("/quitter", "/exit", "/quit"):
                break
            await self.say(text)
