"""The command registry: one place that routes commands and buttons and generates help."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cohorts.roles import is_admin
from bot.commands.declare import (
    NO_ARG,
    NOT_ADMIN,
    NOT_TRAINER,
    SUB_IN_PRIVATE,
    Answered,
    ArgError,
    Command,
    Where,
    Who,
    usage_text,
)
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


ButtonHandler = Callable[[Context], Awaitable[list[Reply]]]
FlowHandler = Callable[[Context, Flow], Awaitable[list[Reply]]]
# The prompt of a flow's current step, shown again after an interruption; None when the
# step cannot be resumed that way (it handles any typed text itself).
PromptHandler = Callable[[Context, Flow], Awaitable[Reply | None]]


@dataclass
class Registry:
    commands: dict[str, Command[Any]] = field(default_factory=dict)
    _names: dict[str, Command[Any]] = field(default_factory=dict)
    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    flows: dict[str, FlowHandler] = field(default_factory=dict)
    prompts: dict[str, PromptHandler] = field(default_factory=dict)

    def command(self, cmd: Command[Any]) -> None:
        for name in (cmd.name, *cmd.aliases):
            if name in self._names:
                raise ValueError(f"command /{name} registered twice")
            self._names[name] = cmd
        self.commands[cmd.name] = cmd

    def button(self, prefix: str, handler: ButtonHandler) -> None:
        if prefix in self.buttons:
            raise ValueError(f"button prefix {prefix} registered twice")
        self.buttons[prefix] = handler

    def flow(self, name: str, handler: FlowHandler, prompt: PromptHandler | None = None) -> None:
        if name in self.flows:
            raise ValueError(f"flow {name} registered twice")
        self.flows[name] = handler
        if prompt is not None:
            self.prompts[name] = prompt

    def names(self) -> frozenset[str]:
        """Every command name and alias (an adapter tells its commands from others')."""
        return frozenset(self._names)

    def find(self, name: str) -> Command[Any] | None:
        return self._names.get(name.lower())

    def find_button(self, data: str) -> tuple[ButtonHandler, str] | None:
        for prefix in sorted(self.buttons, key=len, reverse=True):
            if data.startswith(prefix):
                return self.buttons[prefix], data[len(prefix) :]
        return None

    def closest(self, name: str, limit: int = 3) -> list[Command[Any]]:
        found = process.extract(
            name.lower(), list(self._names), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=50
        )
        seen: list[Command[Any]] = []
        for alias, _score, _ in found:
            cmd = self._names[alias]
            if cmd not in seen and not cmd.hidden:
                seen.append(cmd)
        return seen[:limit]

    def visible(self) -> list[Command[Any]]:
        return [c for c in self.commands.values() if not c.hidden]

    def menu(self, in_group: bool) -> list[tuple[str, str]]:
        """(name, description) of the commands a transport's menu shows, in order."""
        return [
            (c.name, c.help[:1].upper() + c.help[1:])
            for c in self.visible()
            if c.menu and c.help and not (in_group and c.private_only)
        ]


def private_only_reply(command: Command[Any]) -> Reply:
    return Reply(
        f"La commande /{command.name} se fait en message privé avec moi, "
        "pour que vos informations restent confidentielles."
    )


def refusal(ctx: Context, command: Command[Any]) -> Reply | None:
    """Why this command may not run here or for this person, from its declaration."""
    if command.where is Where.PRIVATE and ctx.in_group:
        if command.not_here:
            return Reply(command.not_here)
        return private_only_reply(command) if command.parent is None else Reply(SUB_IN_PRIVATE)
    if command.where is Where.GROUP and not ctx.in_group:
        return Reply(command.not_here or f"Tapez /{command.path} dans un groupe.")
    if command.who is Who.TRAINER and not ctx.user.is_trainer:
        return Reply(command.not_allowed or NOT_TRAINER)
    admins = ctx.app.settings.admin_ids
    if command.who is Who.ADMIN and not is_admin(
        admins, ctx.incoming.transport, ctx.incoming.user_id
    ):
        return Reply(command.not_allowed or NOT_ADMIN)
    return None


async def _dispatch(ctx: Context, command: Command[Any], args: str) -> list[Reply]:
    refused = refusal(ctx, command)
    if refused is not None:
        return [refused]
    if command.subcommands and args:
        head, _, rest = args.partition(" ")
        sub = command.find_sub(head)
        if sub is not None:
            return await _dispatch(ctx, sub, rest.strip())
        if command.arg is NO_ARG:  # a group that takes nothing itself
            return [Reply(usage_text(command))]
    try:
        value = command.arg.read(args, command.path)
    except ArgError as exc:
        text = exc.text.replace("{usage}", command.usage(example=True))
        return [Reply(text, choices=exc.choices)]
    ctx.args = args
    return await command.handler(ctx, value)


async def run_command(ctx: Context, command: Command[Any], args: str) -> list[Reply]:
    """Run a command as if typed with `args`: the one path for commands and offers."""
    try:
        return await _dispatch(ctx, command, args.strip())
    except Answered as early:
        return early.replies
