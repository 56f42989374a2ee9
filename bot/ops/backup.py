"""`mentor db backup PATH`: a consistent copy of the SQLite database while Mentor runs.

SQLite's online backup API (the standard library's `sqlite3.Connection.backup`) copies
a consistent snapshot, WAL included, without stopping the bot; copying the file itself
could catch a half-written page or miss the WAL. PostgreSQL has its own tool: the
command says which line to run (README, "Production").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

PAGES_PER_STEP = 1024  # the writer waits at most one step (a few ms) for the lock


class BackupError(Exception):
    """One French line for the operator."""


def pg_dump_line(url: str) -> str:
    parsed = make_url(url)
    return (
        f"pg_dump --format=custom --file=mentor.dump --host={parsed.host or 'localhost'} "
        f"--port={parsed.port or 5432} --username={parsed.username or 'mentor'} "
        f"{parsed.database or 'mentor'}"
    )


def backup(url: str, target: Path) -> int:
    """Copy the database at `url` to `target` (which must not exist); returns its size."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError(
            "Sauvegarde intégrée pour SQLite seulement. Pour PostgreSQL : " + pg_dump_line(url)
        )
    source = Path(parsed.database or "")
    if not parsed.database or parsed.database == ":memory:" or not source.is_file():
        raise BackupError(f"Base SQLite introuvable : {source}")
    if target.exists():
        raise BackupError(f"{target} existe déjà : choisissez un autre nom.")
    if not target.parent.is_dir():
        raise BackupError(f"Dossier introuvable : {target.parent}")
    partial = target.with_name(target.name + ".partial")
    src = sqlite3.connect(source, timeout=30)  # read only in practice; ro would need -shm
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            (check,) = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Sauvegarde impossible : {exc}") from None
    finally:
        src.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"Copie incohérente ({check}) : rien n'a été écrit.")
    os.replace(partial, target)
    return target.stat().st_size
