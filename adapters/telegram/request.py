"""python-telegram-bot's HTTP layer on aiohttp instead of httpx (issue 18).

Under a burst, PTB's default HTTPXRequest cost 2.5-10 ms of CPU per Bot API call (100
replies at once through the emulator): httpcore's pool walks every connection, and polls
each idle socket, on every request it queues or releases, so the cost grows with the
number of connections a burst opens (encode/httpx#3215, encode/httpcore#1035). aiohttp,
already installed for matrix-nio, made the same calls for about 0.45 ms each. PTB's
documented extension point for another HTTP library is `BaseRequest`; the PTB team's
aiohttp version lives in ptbcontrib, which is installed from git only, hence this one.

Same wire format as HTTPXRequest: form-encoded parameters, multipart when files are
sent. Same timeouts, mapped onto aiohttp's: `pool` (waiting for a free connection) and
`connect` bound getting a connection, `read` bounds each read, and the sum of all four
bounds the whole call, since aiohttp has no write timeout.
"""

from __future__ import annotations

import asyncio

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class AiohttpRequest(BaseRequest):
    """A keep-alive pool of at most `connection_pool_size` connections; calls beyond it
    wait up to `pool_timeout` seconds for one (a burst queues instead of failing)."""

    __slots__ = ("_defaults", "_pool_size", "_session")

    def __init__(
        self,
        connection_pool_size: int = 32,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 30.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._defaults = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._session: aiohttp.ClientSession | None = None  # made in the running loop

    @property
    def read_timeout(self) -> float | None:
        return self._defaults[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
                trust_env=True,  # HTTPS_PROXY and the like, as httpx (PTB's default) reads them
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        given = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        read, write, connect, pool = (
            default if isinstance(value, DefaultValue) else value
            for value, default in zip(given, self._defaults, strict=True)
        )
        limits = (read, write, connect, pool)
        timeout = aiohttp.ClientTimeout(
            total=None if None in limits else sum(x for x in limits if x is not None),
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        body: aiohttp.FormData | str | None = None
        headers = None
        if request_data is not None and request_data.contains_files:
            body = _multipart(request_data)
        elif request_data is not None:
            body, headers = request_data.url_encoded_parameters(), FORM
        try:
            async with session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are asyncio's (TimeoutError)
            raise TimedOut from exc
        except (aiohttp.ClientError, asyncio.IncompleteReadError) as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _multipart(request_data: RequestData) -> aiohttp.FormData:
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
