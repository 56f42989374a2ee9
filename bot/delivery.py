"""The contract between the core and the adapters for messages the bot starts itself.

An adapter's `send()` returns the platform message id, or raises one of these
errors so that the outbox can decide: retry later, or stop that schedule.
"""

from __future__ import annotations

from typing import Protocol

from bot.messages import Reply


class DeliveryError(Exception):
    """Base class: the message was not delivered."""


class TemporaryDeliveryError(DeliveryError):
    """Network trouble, rate limit, server error: try again later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """The user blocked the bot, the room is gone, the bot was removed: never retry."""


class Sender(Protocol):
    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:
        """Deliver a message the bot starts itself.

        `key` is an idempotency key (the outbox passes one per nudge): transports that
        support it, like Matrix transaction ids, use it so that a retried send is
        delivered once; the others may ignore it. A sender that honours it says so
        with a class attribute ``idempotent = True`` (see `is_idempotent`).
        """
        ...


def is_idempotent(sender: Sender) -> bool:
    """Whether sending twice with the same `key` delivers once.

    The outbox may then resend a nudge whose outcome was lost; for any other sender it
    records "sending" first and never sends that row again (at most once).
    """
    return getattr(sender, "idempotent", False) is True


class Transport(Sender, Protocol):
    """A running adapter, as `mentor run` drives it."""

    name: str

    async def start(self) -> None:
        """Connect and begin receiving in background tasks; returns once running."""

    async def stop(self) -> None: ...
