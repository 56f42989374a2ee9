"""nio error values → the delivery errors the outbox understands; the network failures
nio lets through as exceptions."""

from __future__ import annotations

import asyncio

import aiohttp
from nio import ErrorResponse

from bot.delivery import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError

NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError, asyncio.TimeoutError)
PERMANENT_CODES = frozenset(
    {"M_FORBIDDEN", "M_NOT_FOUND", "M_TOO_LARGE", "M_BAD_JSON", "M_NOT_JSON", "M_UNKNOWN_ROOM"}
)


def delivery_error(resp: ErrorResponse, what: str) -> DeliveryError:
    code = resp.status_code
    message = f"{what}: {resp}"
    if code == "M_LIMIT_EXCEEDED":
        retry = resp.retry_after_ms / 1000 if resp.retry_after_ms else None
        return TemporaryDeliveryError(message, retry_after=retry)
    if code in PERMANENT_CODES:
        return PermanentDeliveryError(message)
    status = resp.transport_response.status if resp.transport_response is not None else None
    if status is not None and 400 <= status < 500 and status not in (401, 408, 429):
        return PermanentDeliveryError(message)
    return TemporaryDeliveryError(message)
