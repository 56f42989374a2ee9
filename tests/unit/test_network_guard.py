"""The unit-test network guard (tests/unit/conftest.py) refuses anything but loopback."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import pytest

from tests.unit.conftest import NetworkGuard, NonLoopbackConnection

# TEST-NET-1 (RFC 5737): documentation only, and the guard refuses before any packet.
ELSEWHERE = "192.0.2.1"


def test_a_connection_beyond_loopback_is_refused_and_recorded(network_guard: NetworkGuard) -> None:
    with socket.socket() as sock, pytest.raises(NonLoopbackConnection):
        sock.connect((ELSEWHERE, 80))
    with socket.socket() as sock, pytest.raises(NonLoopbackConnection):
        sock.connect_ex((ELSEWHERE, 80))
    with pytest.raises(NonLoopbackConnection):
        socket.getaddrinfo("example.org", 443)
    assert len(network_guard.attempts) == 3
    network_guard.attempts.clear()  # seen: this test is about them


async def test_asyncio_connections_are_guarded_too(network_guard: NetworkGuard) -> None:
    with pytest.raises(NonLoopbackConnection):
        await asyncio.open_connection(ELSEWHERE, 80)
    assert network_guard.attempts == [f"connect {ELSEWHERE!r}"]
    network_guard.attempts.clear()


def test_a_swallowed_refusal_is_still_recorded(network_guard: NetworkGuard) -> None:
    with contextlib.suppress(Exception):  # what careless code under test would do
        socket.create_connection((ELSEWHERE, 80), timeout=1)
    assert network_guard.attempts != []
    network_guard.attempts.clear()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_loopback_is_allowed(host: str) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(await reader.readline())
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"ping\n")
        assert await reader.readline() == b"ping\n"
        writer.close()
        await writer.wait_closed()


def test_unix_sockets_are_allowed() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"x")
        assert right.recv(1) == b"x"
