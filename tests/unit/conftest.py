"""Unit tests stay on this machine: any connection beyond loopback fails the test.

`socket.connect`, `connect_ex` and `getaddrinfo` are patched for every unit test; only
127.0.0.1, ::1, localhost and unix sockets pass. The attempt raises at once (nothing is
sent) and is also recorded, so a test whose code swallows the error still fails.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class NonLoopbackConnection(AssertionError):
    """A unit test tried to reach the network."""


class NetworkGuard:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def check(self, host: object, what: str) -> None:
        if host is None or (isinstance(host, str | bytes) and _text(host) in LOOPBACK):
            return
        self.attempts.append(f"{what} {host!r}")
        raise NonLoopbackConnection(f"unit tests stay on loopback: {what} {host!r} refused")


def _text(host: str | bytes) -> str:
    return host.decode("ascii", "replace") if isinstance(host, bytes) else host


def _host(address: object) -> object:
    return address[0] if isinstance(address, tuple) and address else address


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guarded(real: Callable[..., Any], what: str) -> Callable[..., Any]:
        def method(sock: socket.socket, address: Any) -> Any:
            if sock.family != getattr(socket, "AF_UNIX", None):
                guard.check(_host(address), what)
            return real(sock, address)

        return method

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        guard.check(host, "getaddrinfo")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect, "connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex, "connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield guard
    assert guard.attempts == [], f"non-loopback connections attempted: {guard.attempts}"
