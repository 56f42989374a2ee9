"""Helpers for the operations tests: a transport that only records, and a raw HTTP GET."""

from __future__ import annotations

import asyncio

from bot.messages import Reply


class FakeTransport:
    name = "fake"

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.events: list[str] = []
        self.sent: list[tuple[str, str]] = []

    async def start(self) -> None:
        self.events.append("start")

    async def stop(self) -> None:
        self.events.append("stop")

    async def send(self, chat_id: str, reply: Reply, *, key: str | None = None) -> str:  # noqa: ARG002 - the Sender protocol's signature
        self.sent.append((chat_id, reply.text))
        return str(len(self.sent))


async def http_get(port: int, path: str, host: str = "127.0.0.1") -> tuple[str, str, bytes]:
    """Status line, raw headers and body of one GET."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().splitlines()
    return lines[0], "\n".join(lines[1:]), body
