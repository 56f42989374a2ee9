"""Evidence numbers are each user's own: 1 for a first entry, whoever logged before."""

from __future__ import annotations

import io
import json

from bot.app import Mentor
from tests.support.chat import choice, joined, press, say
from tests.unit.test_journal import log_quick


async def test_a_first_entry_is_number_one_whatever_others_logged(mentor: Mentor) -> None:
    for index in range(3):
        await log_quick(mentor, f"Atelier tablette n°{index}", "C1.4", user="other")
    replies = await say(mentor, "/preuve Atelier courriel pour 6 seniors")
    replies = await press(mentor, choice(replies, "C1.4"))
    replies = await press(mentor, choice(replies, "Valider"))
    saved = joined(await press(mentor, choice(replies, "Enregistrer")))
    assert saved.startswith("Preuve n°1 enregistrée (1 au total).")
    await log_quick(mentor, "Permanence administrative à la mairie", "C1.4")
    listing = await say(mentor, "/mes_preuves")
    text = joined(listing)
    assert "**n°1** ·" in text
    assert "**n°2** ·" in text
    assert not any(f"n°{n}" in text for n in (3, 4, 5))
    detail = joined(await press(mentor, choice(listing, "Voir n°1")))
    assert detail.startswith("**Preuve n°1** ·")
    assert "Atelier courriel" in detail


async def test_deleting_and_editing_speak_of_the_users_number(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier tablette", "C1.4", user="other")
    await log_quick(mentor, "Atelier courriel", "C1.4")
    detail = await press(mentor, choice(await say(mentor, "/mes_preuves"), "Voir n°1"))
    edit = await press(mentor, choice(detail, "Modifier"))
    done = joined(await press(mentor, choice(edit, "Enregistrer")))
    assert done == "Preuve n°1 modifiée."
    detail = await press(mentor, choice(await say(mentor, "/mes_preuves"), "Voir n°1"))
    confirm = await press(mentor, choice(detail, "Supprimer"))
    assert joined(confirm) == "Supprimer définitivement la preuve n°1 ?"
    assert joined(await press(mentor, choice(confirm, "Oui"))) == "Preuve n°1 supprimée."
    again = joined(await press(mentor, choice(confirm, "Oui")))
    assert again == "Cette preuve n'existe plus (déjà supprimée ?)."


async def test_the_exports_use_the_users_numbers(mentor: Mentor) -> None:
    await log_quick(mentor, "Atelier tablette", "C1.4", user="other")
    await log_quick(mentor, "Atelier tablette", "C1.4", user="other")
    await log_quick(mentor, "Atelier courriel pour 6 seniors", "C1.4")
    export = await say(mentor, "/export")
    markdown = next(r.file for r in export if r.file and r.file.filename.endswith(".md"))
    assert "(preuve n°1 du journal)" in markdown.content.decode()
    data = await say(mentor, "/mes_donnees")
    sent = next(r.file for r in data if r.file is not None)
    journal = json.load(io.BytesIO(sent.content))["journal"]
    assert [e["number"] for e in journal] == [1]
    assert "id" not in journal[0]
