"""The journal's buttons show their outcome where it belongs: a toggle redraws its own
keyboard, pages replace each other, a used keyboard goes; long dialogs say their step."""

from __future__ import annotations

from bot.app import Mentor
from bot.messages import Reply
from tests.support.chat import choice, press, say


def only(replies: list[Reply]) -> Reply:
    assert len(replies) == 1, replies
    return replies[0]


async def test_toggling_competencies_redraws_the_same_keyboard(mentor: Mentor) -> None:
    asked = await say(mentor, "/preuve Atelier smartphone pour 8 seniors à la médiathèque")
    toggled = only(await press(mentor, choice(asked, "C1.4")))
    assert toggled.edit
    assert "✅ C1.4" in [c.label[:6] for c in toggled.choices]
    every = only(await press(mentor, choice([toggled], "Autre")))
    assert every.edit
    untoggled = only(await press(mentor, choice([every], "C1.4")))
    assert untoggled.edit
    assert not any(c.label.startswith("✅") for c in untoggled.choices)


async def test_a_step_answered_by_a_button_becomes_the_next_question(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    when = await say(mentor, "Atelier mail pour 6 seniors")
    who = only(await press(mentor, choice(when, "Aujourd'hui")))
    assert who.edit
    assert "Étape 3/8" in who.text
    assert "public" in who.text


async def test_the_recap_becomes_the_question_it_modifies_and_comes_back(
    mentor: Mentor,
) -> None:
    asked = await say(mentor, "/preuve Atelier smartphone pour 8 seniors")
    chosen = await press(mentor, choice(asked, "C1.4"))
    recap = only(await press(mentor, choice(chosen, "Valider")))
    assert recap.edit
    assert "Récapitulatif" in recap.text
    comp = only(await press(mentor, choice([recap], "Modifier les compétences")))
    assert comp.edit
    assert "Quelle(s) compétence(s)" in comp.text
    back = only(await press(mentor, choice([comp], "Valider")))
    assert back.edit
    assert "Récapitulatif" in back.text


async def test_saving_clears_the_recap_s_buttons_and_cancelling_replaces_the_question(
    mentor: Mentor,
) -> None:
    asked = await say(mentor, "/preuve Atelier smartphone pour 8 seniors")
    chosen = await press(mentor, choice(asked, "C1.4"))
    recap = await press(mentor, choice(chosen, "Valider"))
    saved = only(await press(mentor, choice(recap, "Enregistrer")))
    assert saved.clear_pressed
    assert "enregistrée" in saved.text
    again = await say(mentor, "/preuve")
    cancelled = only(await press(mentor, choice(again, "Annuler")))
    assert cancelled.edit
    assert "annulé" in cancelled.text


async def test_a_stale_step_button_removes_its_dead_keyboard(mentor: Mentor) -> None:
    await say(mentor, "/preuve")
    when = await say(mentor, "Atelier mail pour 6 seniors")
    await press(mentor, choice(when, "Aujourd'hui"))
    stale = only(await press(mentor, choice(when, "Hier")))
    assert stale.clear_pressed
    assert "plus valable" in stale.text


async def test_the_guided_dialog_says_which_step_it_is_at(mentor: Mentor) -> None:
    what = await say(mentor, "/preuve")
    assert "Étape 1/8" in what[-1].text
    when = await say(mentor, "Atelier mail pour 6 seniors")
    assert "Étape 2/8" in when[-1].text
    dated = await say(mentor, "/annuler")
    assert "annulé" in dated[0].text
    quick = await say(mentor, "/preuve Atelier mail pour 6 seniors")
    assert "Étape" not in quick[-1].text  # one question: no counter


async def test_the_journal_pages_and_cards_replace_each_other(mentor: Mentor) -> None:
    for n in range(6):
        asked = await say(mentor, f"/preuve Atelier numéro {n} pour des seniors")
        chosen = await press(mentor, choice(asked, "C"))
        recap = await press(mentor, choice(chosen, "Valider"))
        await press(mentor, choice(recap, "Enregistrer"))
    first = await say(mentor, "/mes_preuves")
    older = only(await press(mentor, choice(first, "Plus anciennes")))
    assert older.edit
    card = only(await press(mentor, choice([older], "Voir n°")))
    assert card.edit
    confirm = only(await press(mentor, choice([card], "Supprimer")))
    assert confirm.edit
    gone = only(await press(mentor, choice([confirm], "Oui, supprimer")))
    assert gone.edit
    assert "supprimée" in gone.text
