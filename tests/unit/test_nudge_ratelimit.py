"""Outbox pacing, measured on a fake clock (no real sleeping)."""

from __future__ import annotations

import asyncio

from bot.nudges.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.starts: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_starts_are_spaced_at_the_rate_even_when_all_arrive_together() -> None:
    clock = FakeClock()
    limiter = RateLimiter(30, clock=clock, sleep=clock.sleep)

    async def one() -> None:
        await limiter.acquire()
        clock.starts.append(clock.now)

    for _ in range(300):
        await one()
    elapsed = clock.starts[-1] - clock.starts[0]
    assert elapsed >= 299 / 30 - 1e-6
    gaps = [b - a for a, b in zip(clock.starts, clock.starts[1:], strict=False)]
    assert min(gaps) >= 1 / 30 - 1e-9


async def test_retry_after_holds_every_later_start() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)
    await limiter.acquire()
    limiter.hold(5)
    await limiter.acquire()
    assert clock.now >= 1005


async def test_concurrent_waiters_each_get_their_own_start() -> None:
    clock = FakeClock()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)

    limiter = RateLimiter(2, clock=clock, sleep=sleep)
    await asyncio.gather(*(limiter.acquire() for _ in range(5)))
    assert waits == [0.5, 1.0, 1.5, 2.0]  # the first starts at once, then one every 0.5 s
