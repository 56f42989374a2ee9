"""The small HTTP server of `mentor run`: `/health`, `/ready` and `/metrics`.

A few GET routes on asyncio streams: no web framework for three read-only pages, and
nothing here ever reads a request body. Bound to MENTOR_HTTP_HOST (127.0.0.1 unless a
container publishes it).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.ops import metrics
from bot.ops.health import Probe

log = logging.getLogger(__name__)
Page = tuple[int, str, bytes]
REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}
JSON = "application/json"


def _json(ok: bool, body: dict[str, Any]) -> Page:
    return (200 if ok else 503), JSON, json.dumps(body, ensure_ascii=False).encode()


class OpsServer:
    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.routes: dict[str, Callable[[], Awaitable[Page]]] = {
            "/health": self._health,
            "/ready": self._ready,
            "/metrics": self._metrics,
        }

    async def _health(self) -> Page:
        return _json(*await self.probe.health())

    async def _ready(self) -> Page:
        return _json(*await self.probe.ready())

    async def _metrics(self) -> Page:
        await self.probe.refresh_gauges()
        body, content_type = metrics.exposition()
        return 200, content_type, body

    async def page(self, method: str, path: str) -> Page:
        route = self.routes.get(path.split("?", 1)[0].rstrip("/") or "/")
        if route is None:
            return 404, JSON, b'{"error": "not found"}'
        if method not in ("GET", "HEAD"):
            return 405, JSON, b'{"error": "GET only"}'
        return await route()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), timeout=5)
            for _ in range(100):  # skip the headers
                line = await asyncio.wait_for(reader.readline(), timeout=5)
                if line in (b"\r\n", b"\n", b""):
                    break
            parts = request.decode("latin-1").split()
            if len(parts) < 2:
                return
            code, content_type, body = await self.page(parts[0], parts[1])
            head = (
                f"HTTP/1.1 {code} {REASONS.get(code, '')}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + (b"" if parts[0] == "HEAD" else body))
            await writer.drain()
        except (TimeoutError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def start(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self.handle, host, port)
