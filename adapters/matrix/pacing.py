"""Exponential backoff and a send-rate token bucket (asyncio, no threads)."""

from __future__ import annotations

import asyncio
import time


class Backoff:
    """0.5 s, 1 s, 2 s … up to `cap`; `reset()` after a success."""

    def __init__(self, first: float = 0.5, cap: float = 30.0) -> None:
        self.first, self.cap, self.failures = first, cap, 0

    def next_delay(self) -> float:
        delay: float = min(self.cap, self.first * (2.0**self.failures))
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


class TokenBucket:
    """At most `rate` sends per second on average, bursts of `burst`."""

    def __init__(self, rate: float, burst: int = 10) -> None:
        self.rate, self.burst = rate, float(burst)
        self.tokens, self.stamp = float(burst), time.monotonic()
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        async with self._lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens < 1:
                await asyncio.sleep((1 - self.tokens) / self.rate)
                self.stamp = time.monotonic()
                self.tokens = 1.0
            self.tokens -= 1
