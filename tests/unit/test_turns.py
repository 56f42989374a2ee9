"""Messages take turns in the core, and the event loop serves the network between two
turns (bot/turns.py, issue 18)."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import Mentor
from bot.turns import Turns
from tests.support.chat import private


async def test_a_batch_of_messages_lets_the_network_in_between(mentor: Mentor) -> None:
    """Five messages arrive together (one getUpdates); a reply's network I/O is ready
    one loop round later. Handled all in one round, the five ran before it (SQLite runs
    inline: a handling never waits), so no reply left before the last was handled."""
    await mentor.handle(private("/aide", user="warm-up"))  # the answerer and tables ready
    order: list[str] = []

    async def message(n: int) -> None:
        await mentor.handle(private("C'est quoi le CCP1 ?", user=f"u{n}"))
        order.append(f"message {n}")

    async def network() -> None:
        await asyncio.sleep(0)  # ready in the next round, as a socket that has data
        order.append("network")

    await asyncio.gather(*(message(n) for n in range(5)), network())
    assert order.index("network") <= 1, order
    assert sorted(order) == [
        "message 0",
        "message 1",
        "message 2",
        "message 3",
        "message 4",
        "network",
    ]


async def test_no_more_than_the_allowed_number_hold_a_turn_at_once() -> None:
    turns = Turns(2)
    holding, most = 0, 0
    release = asyncio.Event()

    async def hold() -> None:
        nonlocal holding, most
        async with turns():
            holding += 1
            most = max(most, holding)
            await release.wait()
            holding -= 1

    tasks = [asyncio.create_task(hold()) for _ in range(6)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert holding == 2
    release.set()
    await asyncio.gather(*tasks)
    assert most == 2


async def test_a_turn_is_given_back_when_its_holder_fails() -> None:
    turns = Turns(1)

    async def fail() -> None:
        async with turns():
            raise ValueError("a handler failed")

    for _ in range(3):
        with pytest.raises(ValueError, match="handler"):
            await fail()
    async with asyncio.timeout(1), turns():  # no turn left had a failure kept it
        pass


def test_one_turns_object_serves_several_event_loops() -> None:
    """A Mentor may outlive an event loop (tests, `mentor nudges run-once`): a semaphore
    is bound to the loop it first waits in, so each loop gets its own."""
    turns = Turns(1)

    async def contended() -> int:
        done = 0

        async def one() -> None:
            nonlocal done
            async with turns():
                await asyncio.sleep(0)
                done += 1

        await asyncio.gather(one(), one(), one())
        return done

    assert asyncio.run(contended()) == 3
    assert asyncio.run(contended()) == 3
