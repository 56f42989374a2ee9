"""Photos and documents sent to the bot join a journal entry, privately, within limits."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

from docx import Document
from sqlalchemy import select

from bot.app import Mentor
from bot.messages import FILE_MAX_BYTES, Incoming, IncomingFile
from bot.storage.models import JournalAttachment
from tests.support.chat import choice, group, joined, press, private, say
from tests.support.images import png
from tests.unit.test_journal import entries, log_quick, pick

PHOTO = png()


def photo(caption: str = "", content: bytes = PHOTO, name: str = "") -> Incoming:
    file = IncomingFile("photo", name, "image/jpeg", len(content), content)
    return replace(private(caption), file=file)


async def rows(mentor: Mentor) -> list[JournalAttachment]:
    async with mentor.db.session() as session:
        return list((await session.execute(select(JournalAttachment))).scalars())


def stored_files(mentor: Mentor) -> list[Path]:
    return [p for p in (mentor.settings.mentor_data_dir / "attachments").rglob("*") if p.is_file()]


async def test_a_photo_is_attached_to_an_existing_entry_and_shown_back(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    replies = await mentor.handle(photo())
    assert "À quelle preuve" in joined(replies)
    labels = [c.label for r in replies for c in r.choices]
    assert labels[0] == "Nouvelle preuve"
    assert labels[-1] == "Ne pas garder"
    replies = await press(mentor, choice(replies, "Atelier smartphone"))
    assert "jointe à la preuve" in joined(replies)
    (row,) = await rows(mentor)
    (entry,) = await entries(mentor)
    assert row.entry_id == entry.id
    assert row.filename == "photo.png"  # the type read from the bytes, not the declared one
    listing = await say(mentor, "/mes_preuves")
    assert "📎 1" in joined(listing)
    detail = await press(mentor, choice(listing, "Voir n°"))
    assert "Documents joints : photo.png" in joined(detail)
    (back,) = await press(mentor, choice(detail, "Voir les documents"))
    assert back.file is not None
    assert back.file.content == PHOTO


async def test_a_captioned_photo_starts_a_new_entry_with_the_caption(mentor: Mentor) -> None:
    replies = await mentor.handle(photo("Feuille d'émargement atelier mail"))
    replies = await press(mentor, choice(replies, "Nouvelle preuve"))
    replies = await pick(mentor, replies, "C1.4")
    replies = await press(mentor, choice(replies, "Valider"))
    assert "Documents joints : 1" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    (entry,) = await entries(mentor)
    assert entry.text == "Feuille d'émargement atelier mail"
    assert [r.entry_id for r in await rows(mentor)] == [entry.id]


async def test_a_photo_sent_during_preuve_joins_that_entry(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    await say(mentor, "Atelier tablette")
    replies = await mentor.handle(photo(name="affiche.png"))
    assert "ajoutée à la preuve en cours" in joined(replies)
    assert "Quand" in joined(replies)  # the same step is asked again
    replies = await press(mentor, choice(replies, "Aujourd'hui"))
    for _ in ("who", "conditions", "means", "organisation"):
        replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Je ne sais pas"))
    replies = await press(mentor, choice(replies, "Passer"))
    await press(mentor, choice(replies, "Enregistrer"))
    (entry,) = await entries(mentor)
    (row,) = await rows(mentor)
    assert (row.entry_id, row.filename) == (entry.id, "affiche.png")


async def test_too_big_or_unknown_files_are_refused_and_nothing_is_kept(mentor: Mentor) -> None:
    big = IncomingFile("document", "film.mp4", "video/mp4", FILE_MAX_BYTES + 1, None)
    replies = await mentor.handle(replace(private(), file=big))
    assert "trop lourd" in joined(replies)
    program = b"MZ\x90\x00" + b"\x00" * 100
    replies = await mentor.handle(photo(content=program, name="photo.jpg"))
    assert "Je ne garde que les photos" in joined(replies)
    empty = IncomingFile("document", "vide.pdf", "application/pdf", 0, b"")
    replies = await mentor.handle(replace(private(), file=empty))
    assert "pas pu récupérer" in joined(replies)
    assert await rows(mentor) == []
    assert not (mentor.settings.mentor_data_dir / "attachments").exists()


async def test_a_file_sent_in_a_group_is_never_kept(mentor: Mentor) -> None:
    file = IncomingFile("photo", "", "image/jpeg", len(PHOTO), PHOTO)
    replies = await mentor.handle(replace(group(""), file=file))
    assert "en message privé" in joined(replies)
    assert await rows(mentor) == []


async def test_ne_pas_garder_and_entry_deletion_remove_the_file(mentor: Mentor) -> None:
    replies = await mentor.handle(photo())
    await press(mentor, choice(replies, "Ne pas garder"))
    assert await rows(mentor) == []
    assert stored_files(mentor) == []
    await log_quick(mentor, "Atelier mail", "C1.4")
    replies = await mentor.handle(photo())
    await press(mentor, choice(replies, "Atelier mail"))
    assert len(stored_files(mentor)) == 1
    detail = await press(mentor, choice(await say(mentor, "/mes_preuves"), "Voir n°"))
    confirm = await press(mentor, choice(detail, "Supprimer"))
    await press(mentor, choice(confirm, "Oui"))
    assert await rows(mentor) == []
    assert stored_files(mentor) == []


async def test_attachments_reach_the_export_and_my_data(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier smartphone pour seniors", "C1.4")
    replies = await mentor.handle(photo("Feuille d'émargement", name="emargement.png"))
    await press(mentor, choice(replies, "Atelier smartphone"))
    docx_reply, md_reply = await say(mentor, "/export")
    assert docx_reply.file is not None
    document = Document(io.BytesIO(docx_reply.file.content))
    body = "\n".join(p.text for p in document.paragraphs)
    documents = body[body.index("Documents illustrant la pratique") :]
    assert "emargement.png" in documents
    assert "Feuille d'émargement" in documents
    assert len(document.inline_shapes) == 1  # the photo itself
    assert md_reply.file is not None
    assert "- emargement.png — preuve n°" in md_reply.file.content.decode()
    (export,) = await say(mentor, "/mes_donnees")
    assert export.file is not None
    listed = json.loads(export.file.content)["attachments"]
    assert [(a["filename"], a["caption"]) for a in listed] == [
        ("emargement.png", "Feuille d'émargement")
    ]


async def test_a_captioned_photo_at_the_first_step_gives_the_entry_its_text(
    mentor: Mentor,
) -> None:
    await say(mentor, "/preuve")
    replies = await mentor.handle(photo("Affiche de l'atelier mail"))
    assert "Quand" in joined(replies)
    replies = await press(mentor, choice(replies, "Aujourd'hui"))
    for _ in ("who", "conditions", "means", "organisation"):
        replies = await press(mentor, choice(replies, "Passer"))
    replies = await press(mentor, choice(replies, "Je ne sais pas"))
    replies = await press(mentor, choice(replies, "Passer"))
    assert "Documents joints : 1" in joined(replies)
    await press(mentor, choice(replies, "Enregistrer"))
    (entry,) = await entries(mentor)
    assert entry.text == "Affiche de l'atelier mail"
