"""Photos and documents illustrating the practice: checked, stored, listed, erased.

The bytes live in the data directory (`attachments/<user>/<random>.<ext>`), the rows
in `journal_attachments`. The type is read from the file's first bytes, not from the
name or the declared type, so only what the DP can use is kept: JPEG, PNG, WebP, PDF,
Word and OpenDocument text.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import FILE_MAX_BYTES, IncomingFile
from bot.storage.models import JournalAttachment
from bot.storage.types import utcnow

MAX_PER_USER = 200
PENDING_KEPT = timedelta(days=1)  # sent but never attached to an entry
_ZIP_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
IMAGE_TYPES = ("image/jpeg", "image/png")  # what a DOCX can show inline


def _sniff(content: bytes, filename: str) -> tuple[str, str] | None:
    """(MIME type, extension) from the magic bytes; None for anything else."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if content.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    ext = Path(filename).suffix.lower()
    if content.startswith(b"PK\x03\x04") and ext in _ZIP_TYPES:
        return _ZIP_TYPES[ext], ext
    return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def refusal(file: IncomingFile) -> str | None:
    """Why this file cannot be kept, in French; None when it can."""
    if file.size > FILE_MAX_BYTES or (file.content and len(file.content) > FILE_MAX_BYTES):
        return (
            f"Ce fichier est trop lourd ({_mb(file.size)} Mo, {_mb(FILE_MAX_BYTES)} Mo au "
            "plus). Envoyez une photo moins lourde ou un PDF compressé."
        )
    if not file.content:
        return "Je n'ai pas pu récupérer ce fichier. Renvoyez-le, s'il vous plaît."
    if _sniff(file.content, file.filename) is None:
        return (
            "Je ne garde que les photos (JPEG, PNG, WebP) et les documents PDF, Word ou "
            "OpenDocument. Ce fichier n'en est pas un : rien n'a été enregistré."
        )
    return None


def safe_name(name: str, fallback: str) -> str:
    """A file name to show and to export: no folders, no control or odd characters."""
    base = re.sub(r"[^\w.\- ()]+", "_", Path(name.replace("\\", "/")).name).strip(" ._")
    return (base[-80:] if base else fallback)[:80]


def root(data_dir: Path) -> Path:
    return data_dir / "attachments"


def path_of(data_dir: Path, attachment: JournalAttachment) -> Path:
    return root(data_dir) / attachment.storage_key


async def store(
    session: AsyncSession,
    data_dir: Path,
    user_id: int,
    file: IncomingFile,
    caption: str,
    entry_id: int | None = None,
) -> JournalAttachment | str:
    """Write the file and its row; a French refusal when it cannot be kept."""
    reason = refusal(file)
    if reason is not None:
        return reason
    assert file.content is not None
    if await count(session, user_id) >= MAX_PER_USER:
        return (
            f"Vous avez déjà {MAX_PER_USER} documents : supprimez-en depuis /mes_preuves "
            "avant d'en ajouter."
        )
    mime, ext = _sniff(file.content, file.filename) or ("", "")
    key = f"{user_id}/{uuid.uuid4().hex}{ext}"
    target = root(data_dir) / key
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_bytes(file.content)
    os.replace(partial, target)  # a crash never leaves a half file under its final name
    fallback = f"{'photo' if mime.startswith('image/') else 'document'}{ext}"
    name = safe_name(file.filename, fallback)
    if not name.lower().endswith(ext) and not (ext == ".jpg" and name.lower().endswith(".jpeg")):
        name += ext
    row = JournalAttachment(
        user_id=user_id,
        entry_id=entry_id,
        kind="photo" if mime.startswith("image/") else "document",
        filename=name,
        mime_type=mime,
        size=len(file.content),
        storage_key=key,
        caption=caption[:1000],
    )
    session.add(row)
    await session.flush()
    return row


async def count(session: AsyncSession, user_id: int) -> int:
    stmt = select(func.count()).where(JournalAttachment.user_id == user_id)
    return int((await session.execute(stmt)).scalar_one())


async def get(session: AsyncSession, user_id: int, attachment_id: int) -> JournalAttachment | None:
    stmt = select(JournalAttachment).where(
        JournalAttachment.id == attachment_id, JournalAttachment.user_id == user_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def of_user(session: AsyncSession, user_id: int) -> list[JournalAttachment]:
    stmt = (
        select(JournalAttachment)
        .where(JournalAttachment.user_id == user_id)
        .order_by(JournalAttachment.id)
    )
    return list((await session.execute(stmt)).scalars())


async def by_entry(
    session: AsyncSession, user_id: int, entry_ids: Iterable[int] | None = None
) -> dict[int, list[JournalAttachment]]:
    """Attached files per entry (pending ones left out)."""
    stmt = select(JournalAttachment).where(
        JournalAttachment.user_id == user_id, JournalAttachment.entry_id.is_not(None)
    )
    if entry_ids is not None:
        stmt = stmt.where(JournalAttachment.entry_id.in_(list(entry_ids)))
    found: dict[int, list[JournalAttachment]] = {}
    for row in (await session.execute(stmt.order_by(JournalAttachment.id))).scalars():
        assert row.entry_id is not None
        found.setdefault(row.entry_id, []).append(row)
    return found


async def link(session: AsyncSession, user_id: int, ids: Iterable[int], entry_id: int) -> int:
    """Attach pending files to an entry; the number attached."""
    attached = 0
    for attachment_id in ids:
        row = await get(session, user_id, int(attachment_id))
        if row is not None and row.entry_id is None:
            row.entry_id = entry_id
            attached += 1
    return attached


def unlink_files(data_dir: Path, keys: Iterable[str]) -> None:
    folders = set()
    for key in keys:
        path = root(data_dir) / key
        path.unlink(missing_ok=True)
        folders.add(path.parent)
    for folder in folders:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # the user's folder name is their id: leave nothing behind


async def remove(session: AsyncSession, data_dir: Path, rows: list[JournalAttachment]) -> None:
    keys = [r.storage_key for r in rows]
    for row in rows:
        await session.delete(row)
    await session.flush()
    unlink_files(data_dir, keys)


async def forget_entry(session: AsyncSession, data_dir: Path, user_id: int, entry_id: int) -> None:
    """Before an entry is deleted: its files go too (the rows would cascade, not the bytes)."""
    await remove(
        session, data_dir, (await by_entry(session, user_id, [entry_id])).get(entry_id, [])
    )


async def purge_pending(session: AsyncSession, data_dir: Path, user_id: int) -> None:
    """Files sent more than a day ago and never attached to an entry."""
    stmt = select(JournalAttachment).where(
        JournalAttachment.user_id == user_id,
        JournalAttachment.entry_id.is_(None),
        JournalAttachment.created_at < utcnow() - PENDING_KEPT,
    )
    await remove(session, data_dir, list((await session.execute(stmt)).scalars()))


async def forget_user(session: AsyncSession, user_id: int) -> list[str]:
    """Every row of the user deleted; the storage keys, to unlink once that is done."""
    keys = [r.storage_key for r in await of_user(session, user_id)]
    await session.execute(delete(JournalAttachment).where(JournalAttachment.user_id == user_id))
    return keys
