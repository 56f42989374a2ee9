"""End to end: the evidence journal dialog, driven by inline buttons."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import Mentor
from bot.storage.models import JournalAttachment, JournalEntry
from tests.e2e.telegram.client import BotMessage, TelegramUser
from tests.e2e.telegram.harness import BOT_USERNAME
from tests.support.images import png

pytestmark = pytest.mark.e2e


def button(message: BotMessage, label: str) -> str:
    data = next((d for text, d in message.buttons if text.startswith(label)), None)
    assert data is not None, f"no button {label!r} in {message.buttons}"
    return data


async def press(user: TelegramUser, message: BotMessage, label: str) -> BotMessage:
    await user.press(message, button(message, label))
    [reply] = await user.replies()
    return reply


async def step(user: TelegramUser, message: BotMessage, label: str) -> BotMessage:
    """A button of the dialog: the same message becomes the next question."""
    await user.press(message, button(message, label))
    return await user.edited(message)


async def test_journal_entry_through_buttons(user: TelegramUser) -> None:
    intro, what = await user.ask("/preuve", count=2)
    assert "preuve" in intro.text
    assert [label for label, _ in what.buttons] == ["Annuler"]
    [when] = await user.ask("Atelier **smartphone** & tablette <b>pour 8 seniors</b>")
    shown = await step(user, when, "Aujourd'hui")
    for _ in ("who", "conditions", "means", "organisation"):
        shown = await step(user, shown, "Passer")
    assert "Étape 7/8" in shown.text
    first = next(label for label, _ in shown.buttons if label.startswith("C"))
    chosen = await step(user, shown, first)  # the same message, its keyboard redrawn
    assert chosen.buttons[0][0].startswith("✅")
    result = await step(user, chosen, "Valider")
    summary = await step(user, result, "Passer")
    assert summary.message_id == when.message_id  # one message from the first tap on
    assert "<b>Récapitulatif de votre preuve</b>" in summary.text
    # What the user typed is shown as typed, never as formatting or tags.
    assert "smartphone∗∗ &amp; tablette ‹b›pour 8 seniors‹/b›" in summary.text

    saved = await press(user, summary, "Enregistrer")
    assert "enregistrée" in saved.text

    stale = await press(user, what, "Annuler")  # a button from an earlier step
    assert "plus valable" in stale.text or "expiré" in stale.text


async def test_journal_stays_private_in_a_group(user: TelegramUser) -> None:
    group = user.group_chat()
    [reply] = await user.ask(f"/preuve@{BOT_USERNAME}", chat=group)
    assert "message privé" in reply.text


async def test_a_photo_with_a_caption_is_fetched_and_attached_to_an_entry(
    user: TelegramUser, mentor: Mentor
) -> None:
    [competencies] = await user.ask("/preuve Atelier mail pour 6 seniors")
    first = next(label for label, _ in competencies.buttons if label.startswith("C"))
    chosen = await step(user, competencies, first)
    summary = await step(user, chosen, "Valider")
    assert "enregistrée" in (await press(user, summary, "Enregistrer")).text
    photo = png(64, 48)
    await user.upload("photo-emargement", photo)
    sizes = [
        {"file_id": "photo-thumb", "file_unique_id": "t", "width": 8, "height": 6},
        {"file_id": "photo-emargement", "file_unique_id": "e", "width": 64, "height": 48,
         "file_size": len(photo)},
    ]  # fmt: skip
    await user.send_raw(photo=sizes, caption="Feuille d'émargement")
    [which] = await user.replies()
    assert "À quelle preuve" in which.text
    attached = await press(user, which, "n°")
    assert "jointe à la preuve" in attached.text
    async with mentor.db.session() as session:
        row = (await session.execute(select(JournalAttachment))).scalar_one()
        entry = (await session.execute(select(JournalEntry))).scalar_one()
    assert (row.entry_id, row.caption, row.kind) == (entry.id, "Feuille d'émargement", "photo")
    stored = mentor.settings.mentor_data_dir / "attachments" / row.storage_key
    assert stored.read_bytes() == photo  # the largest size, fetched through getFile


async def test_a_photo_in_a_group_is_not_kept(user: TelegramUser, mentor: Mentor) -> None:
    group = user.group_chat()
    await user.upload("group-photo", png())
    sizes = [{"file_id": "group-photo", "file_unique_id": "g", "width": 8, "height": 6}]
    await user.send_raw(chat=group, photo=sizes, caption=f"@{BOT_USERNAME} pour mon dossier")
    [reply] = await user.replies(chat_id=group["id"])
    assert "message privé" in reply.text
    async with mentor.db.session() as session:
        assert (await session.execute(select(JournalAttachment))).first() is None
