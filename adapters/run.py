"""`mentor run`, the composition root: the configured transports, the nudge clock and a
small HTTP server (``/health``, ``/ready``, ``/metrics`` on MENTOR_HTTP_HOST and
MENTOR_HEALTH_PORT, see bot.ops), until SIGINT/SIGTERM.

Transports are imported lazily, so a missing or broken adapter only matters when
its settings are present, and then it stops the program with one clear line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from bot import leases
from bot.app import Mentor
from bot.delivery import Transport
from bot.nudges.clock import Clock
from bot.nudges.service import NudgeService, TickReport, instance_name
from bot.ops.health import Probe
from bot.ops.http import OpsServer
from bot.ops.shutdown import Budget, bounded
from bot.ops.ticks import MeasuredTicks
from bot.settings import Settings
from bot.storage.database import STORAGE_ERRORS

log = logging.getLogger(__name__)
NO_TRANSPORT = (
    "Aucun transport configuré : définissez TELEGRAM_BOT_TOKEN, ou MATRIX_HOMESERVER, "
    "MATRIX_USER_ID et MATRIX_PASSWORD (ou MATRIX_ACCESS_TOKEN). "
    "Pour essayer le bot dans le terminal : mentor chat"
)


class TransportUnavailable(Exception):
    """A transport is configured but its adapter cannot be loaded."""


def configured_transports(mentor: Mentor, settings: Settings) -> list[Transport]:
    transports: list[Transport] = []
    if settings.telegram_enabled:
        try:
            from adapters.telegram import TelegramAdapter
        except ImportError as exc:
            raise TransportUnavailable(
                f"Telegram est configuré (TELEGRAM_BOT_TOKEN) mais son adaptateur "
                f"ne se charge pas : {exc}"
            ) from exc
        transports.append(TelegramAdapter(mentor, settings))
    if settings.matrix_enabled:
        try:
            from adapters.matrix import MatrixAdapter
        except ImportError as exc:
            raise TransportUnavailable(
                f"Matrix est configuré (MATRIX_HOMESERVER) mais son adaptateur "
                f"ne se charge pas : {exc}"
            ) from exc
        transports.append(MatrixAdapter(mentor, settings))
    return transports


def _on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def run(
    settings: Settings,
    *,
    mentor: Mentor | None = None,
    transports: Sequence[Transport] | None = None,
    stop: asyncio.Event | None = None,
    on_ready: asyncio.Future[int] | None = None,
) -> int:
    """Run until `stop` is set (or a signal arrives); `on_ready` gets the health port."""
    mentor = mentor or Mentor.create(settings)
    stop = stop or asyncio.Event()
    await mentor.start()
    started: list[Transport] = []
    leased: list[str] = []
    owner = instance_name()
    clock: Clock | None = None
    service: NudgeService | None = None
    server: asyncio.Server | None = None
    try:
        try:
            chosen = (
                list(transports)
                if transports is not None
                else configured_transports(mentor, settings)
            )
        except TransportUnavailable as exc:
            print(str(exc), file=sys.stderr)
            return 2
        if not chosen:
            print(NO_TRANSPORT, file=sys.stderr)
            return 2
        chosen = await _leased(mentor, chosen, owner)
        if not chosen:
            print(
                "Chaque transport configuré est déjà servi par une autre instance de Mentor "
                "sur cette base de données : celle-ci s'arrête.",
                file=sys.stderr,
            )
            return 2
        leased = [t.name for t in chosen if getattr(t, "exclusive", True)]
        assert mentor.answerer is not None  # built now, not on the first question
        for transport in chosen:
            mentor.senders.setdefault(transport.name, transport)
        service = NudgeService(mentor.db, settings, mentor.kb, mentor.senders, instance=owner)
        clock = Clock(
            MeasuredTicks(service, settings.mentor_nudge_tick_seconds),
            settings.mentor_nudge_tick_seconds,
        )
        for transport in chosen:
            try:
                await transport.start()
            except Exception as exc:  # bad token, unreachable server, missing key…
                log.debug("cannot start %s", transport.name, exc_info=True)
                print(str(exc) or f"{transport.name} ne démarre pas.", file=sys.stderr)
                return 2
            started.append(transport)
        clock.start()
        probe = _probe(mentor, settings, service, clock, [t.name for t in chosen])
        server = await OpsServer(probe).start(
            settings.mentor_http_host, settings.mentor_health_port
        )
        port = int(server.sockets[0].getsockname()[1])
        log.warning(
            "Mentor en marche (%s), santé : http://%s:%d/health",
            ", ".join(t.name for t in chosen),
            settings.mentor_http_host,
            port,
        )
        if on_ready is not None and not on_ready.done():
            on_ready.set_result(port)
        renewing = asyncio.create_task(_renew(mentor, leased, owner, stop))
        _on_signals(stop)
        await stop.wait()
        renewing.cancel()
        return 0
    finally:
        await _shut_down(mentor, server, clock, service, started, leased, owner)


async def _shut_down(
    mentor: Mentor,
    server: asyncio.Server | None,
    clock: Clock | None,
    service: NudgeService | None,
    started: list[Transport],
    leased: list[str],
    owner: str,
) -> None:
    """Within STOP_BUDGET: see bot/ops/shutdown.py for the order and why."""
    budget = Budget()
    if server is not None:
        server.close()
    for transport in started:  # first of all: nothing new is taken once stopping
        receiving = getattr(transport, "stop_receiving", None)
        if receiving is not None:
            await bounded(f"réception de {transport.name}", receiving(), budget.left(2))
    if started:
        log.warning("Arrêt : plus aucun nouveau message n'est pris, fin des envois en cours")
    if service is not None:
        service.stop_soon()
    if clock is not None:  # first: the reminder send under way needs its transport
        await bounded("rappels en cours", clock.stop(budget.left(3)), budget.left(3.5))
    for transport in reversed(started):
        await bounded(f"arrêt de {transport.name}", transport.stop(), budget.left(keep=2))
    if service is not None and clock is not None and clock.idle:
        await bounded("restitution des rappels réservés", service.give_back(), budget.left(1))
    if leased:
        await bounded(
            "restitution des baux", leases.give_back(mentor.db, leased, owner), budget.left(1)
        )
    await bounded("fermeture de la base", mentor.stop(), budget.left())


def _probe(
    mentor: Mentor, settings: Settings, service: NudgeService, clock: Clock, served: list[str]
) -> Probe:
    configured = [
        n
        for n, on in (("telegram", settings.telegram_enabled), ("matrix", settings.matrix_enabled))
        if on
    ]
    return Probe(
        mentor.db,
        service.instance,
        configured or served,
        served,
        settings.mentor_nudge_tick_seconds,
        lambda: clock.running,
        lambda: service.last_report.at if service.last_report else None,
    )


async def _leased(mentor: Mentor, chosen: list[Transport], owner: str) -> list[Transport]:
    """The transports this instance may serve (see bot.leases)."""
    # A transport that is not exclusive (Telegram webhooks) may be served by every instance.
    exclusive = [t.name for t in chosen if getattr(t, "exclusive", True)]
    taken = await leases.take(mentor.db, exclusive, owner, datetime.now(UTC))
    kept = [t for t in chosen if t.name in taken or t.name not in exclusive]
    for transport in chosen:
        if transport not in kept:
            log.warning("%s est déjà servi par une autre instance", transport.name)
    return kept


async def _renew(mentor: Mentor, names: list[str], owner: str, stop: asyncio.Event) -> None:
    """Keep the leases; losing one (this instance was frozen too long) stops the instance."""
    while not stop.is_set():
        await asyncio.sleep(leases.RENEW_EVERY.total_seconds())
        try:
            for name in await leases.renew(mentor.db, names, owner, datetime.now(UTC)):
                log.error("bail perdu pour %s : arrêt de cette instance", name)
                stop.set()
        except STORAGE_ERRORS as exc:  # one line: the database may be back next time
            log.warning("renouvellement des baux impossible (%s) ; nouvel essai", exc)


async def run_once(mentor: Mentor, settings: Settings) -> TickReport | None:
    """`mentor nudges run-once`: one tick with the configured transports started.

    Nudges for the console transport (set up in `mentor chat`) are printed here.
    Returns None when a configured transport cannot be loaded.
    """
    from adapters.console import ConsoleAdapter

    try:
        chosen = configured_transports(mentor, settings)
    except TransportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return None
    ConsoleAdapter(mentor)
    for transport in chosen:
        mentor.senders.setdefault(transport.name, transport)
    started: list[Transport] = []
    try:
        for transport in chosen:
            await transport.start()
            started.append(transport)
        return await NudgeService(mentor.db, settings, mentor.kb, mentor.senders).tick()
    finally:
        for transport in reversed(started):
            await transport.stop()
