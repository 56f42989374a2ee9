"""The command registry: one place that routes commands and buttons and generates help."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs import Flow
from bot.messages import Incoming, Reply
from bot.users import UserRef

if TYPE_CHECKING:
    from bot.app import Mentor


@dataclass
class Context:
    """What a handler needs: the app's services, the message, its author, the arguments."""

    app: Mentor
    session: AsyncSession
    incoming: Incoming
    user: UserRef
    args: str = ""
    button: str = ""  # the button data after the handler's prefix

    @property
    def in_group(self) -> bool:
        return self.incoming.is_group

    @property
    def zone(self) -> str:
        """The user's IANA zone, or the deployment's default."""
        return self.user.timezone or self.app.settings.mentor_timezone


Handler = Callable[[Context], Awaitable[list[Reply]]]
FlowHandler = Callable[[Context, Flow], Awaitable[list[Reply]]]
# The prompt of a flow's current step, shown again after an interruption; None when the
# step cannot be resumed that way (it handles any typed text itself).
PromptHandler = Callable[[Context, Flow], Awaitable[Reply | None]]


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    handler: Handler
    aliases: tuple[str, ...] = ()
    usage: str = ""
    private_only: bool = False
    hidden: bool = False
    menu: bool = True  # shown in a transport's command menu


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    _names: dict[str, Command] = field(default_factory=dict)
    buttons: dict[str, Handler] = field(default_factory=dict)
    flows: dict[str, FlowHandler] = field(default_factory=dict)
    prompts: dict[str, PromptHandler] = field(default_factory=dict)

    def command(self, cmd: Command) -> None:
        for name in (cmd.name, *cmd.aliases):
            if name in self._names:
                raise ValueError(f"command /{name} registered twice")
            self._names[name] = cmd
        self.commands[cmd.name] = cmd

    def button(self, prefix: str, handler: Handler) -> None:
        if prefix in self.buttons:
            raise ValueError(f"button prefix {prefix} registered twice")
        self.buttons[prefix] = handler

    def flow(self, name: str, handler: FlowHandler, prompt: PromptHandler | None = None) -> None:
        if name in self.flows:
            raise ValueError(f"flow {name} registered twice")
        self.flows[name] = handler
        if prompt is not None:
            self.prompts[name] = prompt

    def find(self, name: str) -> Command | None:
        return self._names.get(name.lower())

    def find_button(self, data: str) -> tuple[Handler, str] | None:
        for prefix in sorted(self.buttons, key=len, reverse=True):
            if data.startswith(prefix):
                return self.buttons[prefix], data[len(prefix) :]
        return None

    def closest(self, name: str, limit: int = 3) -> list[Command]:
        found = process.extract(
            name.lower(), list(self._names), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=50
        )
        seen: list[Command] = []
        for alias, _score, _ in found:
            cmd = self._names[alias]
            if cmd not in seen and not cmd.hidden:
                seen.append(cmd)
        return seen[:limit]

    def visible(self) -> list[Command]:
        return [c for c in self.commands.values() if not c.hidden]


def private_only_reply(command: Command) -> Reply:
    return Reply(
        f"La commande /{command.name} se fait en message privé avec moi, "
        "pour que vos informations restent confidentielles."
    )


async def run_command(ctx: Context, command: Command, args: str) -> list[Reply]:
    """Run a command as if typed with `args`: the one path for commands and offers."""
    if command.private_only and ctx.in_group:
        return [private_only_reply(command)]
    ctx.args = args
    return await command.handler(ctx)
