"""`mentor doctor`: one French line per check, so that an operator sees at once what is
wrong before (or instead of) reading logs. Non-zero exit when a check fails.

The checks here need no transport library; the Telegram and Matrix ones live in
adapters/doctor.py and are appended by the composition root.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from bot.settings import Settings
from bot.storage.database import STORAGE_ERRORS, Database, alembic_config, storage_problem

DB_TIMEOUT = 10.0
OPEN_ERRORS: tuple[type[Exception], ...] = (ArgumentError, *STORAGE_ERRORS)
PROBE_ERRORS: tuple[type[Exception], ...] = (TimeoutError, *STORAGE_ERRORS)


class Level(StrEnum):
    OK = "OK"
    WARNING = "ATTENTION"
    FAILED = "ÉCHEC"


@dataclass(frozen=True, slots=True)
class Finding:
    level: Level
    what: str
    detail: str

    def line(self) -> str:
        return f"{self.level.value:<9} {self.what} : {self.detail}"


Check = Callable[[Settings], Awaitable[list[Finding]]]


def ok(what: str, detail: str) -> Finding:
    return Finding(Level.OK, what, detail)


def failed(what: str, detail: str) -> Finding:
    return Finding(Level.FAILED, what, detail)


async def check_settings(settings: Settings) -> list[Finding]:
    names = [
        n
        for n, on in (("Telegram", settings.telegram_enabled), ("Matrix", settings.matrix_enabled))
        if on
    ]
    if not names:
        return [failed("réglages", "aucun transport configuré (TELEGRAM_BOT_TOKEN ou MATRIX_*)")]
    return [ok("réglages", f"lus ; transports : {', '.join(names)}")]


def _where(settings: Settings) -> str:
    try:
        return make_url(settings.database_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(adresse illisible)"


async def check_database(settings: Settings) -> list[Finding]:
    where = _where(settings)
    try:
        db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    except OPEN_ERRORS as exc:
        return [failed("base de données", f"{where} — {storage_problem(exc)}")]
    try:
        async with asyncio.timeout(DB_TIMEOUT), db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            current = await conn.run_sync(_current_revision)
    except PROBE_ERRORS as exc:
        reason = "délai dépassé" if isinstance(exc, TimeoutError) else storage_problem(exc)
        return [failed("base de données", f"injoignable : {where} — {reason}")]
    finally:
        await db.dispose()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    found = [ok("base de données", f"joignable : {where}")]
    if current == head:
        found.append(ok("migrations", f"à jour ({head})"))
    else:
        found.append(
            Finding(
                Level.WARNING,
                "migrations",
                f"version {current or 'aucune'}, attendue {head} : "
                "mentor run (ou mentor db upgrade) l'appliquera",
            )
        )
    return found


def _current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


async def check_knowledge(settings: Settings) -> list[Finding]:
    from bot.answers.knowledge import load_knowledge

    kb = load_knowledge(settings.mentor_knowledge_dir)
    if not kb.entries:
        return [
            failed("base de connaissances", f"aucune fiche dans {settings.mentor_knowledge_dir}")
        ]
    if kb.problems:
        return [
            failed(
                "base de connaissances",
                f"{len(kb.problems)} problème(s), le premier : {kb.problems[0]} "
                "(détails : mentor kb check)",
            )
        ]
    return [ok("base de connaissances", f"{len(kb.entries)} fiches")]


def ports_of(settings: Settings) -> list[tuple[str, str, int]]:
    ports = [("santé et métriques", settings.mentor_http_host, settings.mentor_health_port)]
    if settings.telegram_enabled and settings.telegram_webhook_url:
        ports.append(
            ("webhook Telegram", settings.telegram_webhook_listen, settings.telegram_webhook_port)
        )
    return [p for p in ports if p[2]]


async def check_ports(settings: Settings) -> list[Finding]:
    found = []
    for what, host, port in ports_of(settings):
        problem = _bind(host, port)
        label = f"port {what}"
        if problem is None:
            found.append(ok(label, f"{host}:{port} libre"))
        else:
            found.append(failed(label, f"{host}:{port} {problem}"))
    return found


def _bind(host: str, port: int) -> str | None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"adresse inconnue ({exc.strerror or exc})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return "déjà utilisé (une autre instance tourne-t-elle ici ?)"
            return f"impossible à ouvrir ({exc.strerror or exc})"
    return None


CORE_CHECKS: tuple[Check, ...] = (check_settings, check_database, check_knowledge, check_ports)


async def run_checks(settings: Settings, checks: Iterable[Check]) -> list[Finding]:
    """Every check runs, even after a failure: the operator wants the whole picture."""
    found: list[Finding] = []
    for check in checks:
        try:
            found += await check(settings)
        except Exception as exc:  # noqa: BLE001 - a broken check is one failed line, not a crash
            found.append(failed(check.__name__.removeprefix("check_"), repr(exc)[:160]))
    return found
