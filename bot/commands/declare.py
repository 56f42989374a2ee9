"""Commands declared once: name, French help, argument, where and by whom they may run.

In the spirit of maubot's `@command.new()` / `.subcommand()` / `@command.argument()`:
the declaration is the single source of the help lines, the transports' command menus,
usage errors and refusals, and handlers receive their argument already parsed and typed.
A handler may end early with `Answered` (a choice to make, a target that is missing)
rather than return a union of replies and values.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bot.messages import Choice, Reply
from bot.text import fold

if TYPE_CHECKING:
    from bot.commands.base import Context

T = TypeVar("T")
S = TypeVar("S")
Handler = Callable[["Context", T], Awaitable[list[Reply]]]

NOT_TRAINER = (
    "Cette commande est réservée aux formateurs. Si vous encadrez une cohorte, "
    "demandez à un administrateur de Mentor de vous donner ce rôle."
)
NOT_ADMIN = "Cette commande est réservée aux administrateurs de Mentor."
SUB_IN_PRIVATE = "Cette commande se fait en message privé avec moi."


class Where(Enum):
    ANYWHERE = "anywhere"
    PRIVATE = "private"
    GROUP = "group"


class Who(Enum):
    ANYONE = "anyone"
    TRAINER = "trainer"
    ADMIN = "admin"


class Answered(Exception):
    """Raised by a handler's helper to end the command with these replies."""

    def __init__(self, *replies: Reply) -> None:
        super().__init__(replies[0].text if replies else "")
        self.replies = list(replies)


class ArgError(Exception):
    """The argument could not be read: `text` (French, may hold `{usage}`) says why."""

    def __init__(self, text: str, choices: tuple[Choice, ...] = ()) -> None:
        super().__init__(text)
        self.text = text
        self.choices = choices


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class Arg(Generic[T]):
    """How a command reads the text after its name.

    `missing` (may hold `{usage}`) answers an empty text; without it the parser reads ""
    too. `options` maps folded words to values and answers anything else with the list.
    """

    metavar: str = ""
    parse: Callable[[str], T] | None = None
    missing: str = ""
    example: str = ""
    options: Mapping[str, T] = field(default_factory=dict)

    def read(self, text: str, path: str) -> T:
        if not text and self.missing:
            raise ArgError(self.missing)
        if self.options:
            word = fold(text.strip())
            if word not in self.options:  # a value may be None or False: test the key
                *first, last = [f"/{path} {option}" for option in self.options]
                listed = f"{', '.join(first)} ou {last}" if first else last
                raise ArgError(f"Répondez par {listed}.")
            return self.options[word]
        assert self.parse is not None, "an Arg has a parser or options"
        return self.parse(text)


NO_ARG: Arg[None] = Arg(parse=_ignore)  # whatever follows the name is ignored, as typed


def text_arg(metavar: str = "", missing: str = "", example: str = "") -> Arg[str]:
    return Arg(metavar, str.strip, missing, example)


@dataclass(eq=False)
class Command(Generic[T]):
    """One command or subcommand. `family` and `guide` place it in /aide."""

    name: str
    help: str
    handler: Handler[T]
    arg: Arg[T]
    aliases: tuple[str, ...] = ()
    where: Where = Where.ANYWHERE
    who: Who = Who.ANYONE
    not_here: str = ""  # the refusal when `where` does not hold (generated if empty)
    not_allowed: str = ""  # the refusal when `who` does not hold (generated if empty)
    family: str = ""
    guide: tuple[str, ...] = ()
    hidden: bool = False
    menu: bool = True
    parent: Command[Any] | None = None
    subcommands: list[Command[Any]] = field(default_factory=list)

    @property
    def private_only(self) -> bool:
        return self.where is Where.PRIVATE

    @property
    def path(self) -> str:
        return f"{self.parent.path} {self.name}" if self.parent else self.name

    def usage(self, example: bool = False) -> str:
        shown = (self.arg.example if example else "") or self.arg.metavar
        return f"/{self.path} {shown}".rstrip()

    def subcommand(
        self,
        name: str,
        help: str,
        arg: Arg[S],
        *,
        where: Where = Where.ANYWHERE,
        who: Who = Who.ANYONE,
        not_here: str = "",
        not_allowed: str = "",
    ) -> Callable[[Handler[S]], Command[S]]:
        """Declare a subcommand: `@cohorte.subcommand("rejoindre", "…", CODE)`."""

        def declare(handler: Handler[S]) -> Command[S]:
            sub = Command(name, help, handler, arg, where=where, who=who, not_here=not_here,
                          not_allowed=not_allowed, parent=self)  # fmt: skip
            self.subcommands.append(sub)
            return sub

        return declare

    def find_sub(self, word: str) -> Command[Any] | None:
        folded = fold(word)
        return next((s for s in self.subcommands if folded in (s.name, *s.aliases)), None)


def command(
    name: str,
    help: str,
    arg: Arg[T],
    *,
    aliases: tuple[str, ...] = (),
    where: Where = Where.ANYWHERE,
    family: str = "",
    guide: tuple[str, ...] = (),
) -> Callable[[Handler[T]], Command[T]]:
    """Declare a top-level command: `@command("preuve", "noter …", TEXT, where=…)`."""

    def declare(handler: Handler[T]) -> Command[T]:
        return Command(name, help, handler, arg, aliases=aliases, where=where, family=family,
                       guide=guide)  # fmt: skip

    return declare


def usage_text(group: Command[Any]) -> str:
    """What a group command answers to an unknown subcommand, from its declaration."""
    lines = [f"**/{group.path}** — {group.help}"]
    trainers: list[str] = []
    for sub in group.subcommands:
        if sub.hidden or sub.who is Who.ADMIN:
            continue
        if sub.who is Who.TRAINER:
            trainers.append(sub.usage() + (" (dans le groupe)" if sub.where is Where.GROUP else ""))
        else:
            lines.append(f"- {sub.usage()} : {sub.help}")
    if trainers:
        lines.append(f"Formateurs : {', '.join(trainers)}.")
    return "\n".join(lines)
