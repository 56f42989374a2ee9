"""A feature asked for in words is offered as a button; a tap runs the real command."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from bot.answers.knowledge import KnowledgeBase
from bot.answers.service import Answerer, AnswerKind
from bot.app import Mentor
from bot.commands.base import Context
from bot.commands.features import feature_reply, weekly_in_sentence
from bot.messages import Incoming, Reply
from bot.nudges.parse import SetTime
from bot.storage.models import DialogState, ReminderSchedule
from bot.users import ensure_user
from tests.support.chat import choice, group, joined, press, private, say

WEDNESDAY = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
TELEGRAM_CALLBACK_MAX_BYTES = 64


async def offered(
    mentor: Mentor, command: str, text: str, incoming: Incoming | None = None
) -> list[Reply]:
    """`feature_reply` as the command layer calls it for a FEATURE answer."""
    incoming = incoming or private(text)
    async with mentor.db.session() as session:
        chat = None if incoming.is_group else incoming.chat_id
        user = await ensure_user(
            session, incoming.transport, incoming.user_id, incoming.user_name, chat
        )
        ctx = Context(app=mentor, session=session, incoming=incoming, user=user)
        return await feature_reply(ctx, command, text)


async def running_flows(mentor: Mentor) -> int:
    async with mentor.db.session() as session:
        stmt = select(func.count()).select_from(DialogState).where(DialogState.flow != "")
        return int((await session.execute(stmt)).scalar_one())


async def schedule(mentor: Mentor) -> ReminderSchedule | None:
    async with mentor.db.session() as session:
        return (await session.execute(select(ReminderSchedule))).scalar_one_or_none()


def data_of(replies: list[Reply]) -> list[str]:
    return [c.data for r in replies for c in r.choices]


# --- offers ---------------------------------------------------------------------------


async def test_evidence_asked_in_words_is_offered_and_the_button_starts_the_guided_log(
    mentor: Mentor,
) -> None:
    replies = await offered(mentor, "preuve", "je veux noter une preuve")
    assert joined(replies) == "Je note cette preuve dans votre journal ?"
    assert await running_flows(mentor) == 0
    replies = await press(mentor, choice(replies, "noter une preuve"))
    assert "Qu'avez-vous fait" in joined(replies)
    replies = await say(mentor, "Atelier smartphone pour 8 seniors")
    assert "Quand" in joined(replies)


async def test_reminder_with_a_day_and_time_is_confirmed_before_anything_changes(
    mentor: Mentor,
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        replies = await offered(mentor, "rappel", "mets-moi un rappel le vendredi à 16h")
        assert joined(replies) == "Je règle votre rappel le vendredi à 16h00, heure de Paris ?"
        assert await schedule(mentor) is None
        applied = joined(await press(mentor, choice(replies, "Oui")))
        typed = joined(await say(mentor, "/rappel vendredi 16h"))
    assert applied == typed
    row = await schedule(mentor)
    assert row is not None
    assert (row.weekday, row.hour, row.minute) == (4, 16, 0)


async def test_saying_no_to_the_reminder_changes_nothing(mentor: Mentor) -> None:
    replies = await offered(mentor, "rappel", "rappelle-moi le lundi à 9h30")
    assert "le lundi à 9h30" in joined(replies)
    assert "je ne fais rien" in joined(await press(mentor, choice(replies, "Non")))
    assert await schedule(mentor) is None


async def test_reminder_without_a_moment_offers_the_rappel_command(mentor: Mentor) -> None:
    replies = await offered(mentor, "rappel", "je voudrais un rappel chaque semaine")
    assert data_of(replies) == ["do:rappel", "do:non"]
    shown = joined(await press(mentor, "do:rappel"))
    assert "Vous n'avez pas de rappel hebdomadaire" in shown
    assert await schedule(mentor) is None


def test_the_reminder_moment_is_found_anywhere_in_the_sentence() -> None:
    assert weekly_in_sentence("mets-moi un rappel le vendredi à 16h") == SetTime(4, 16, 0)
    assert weekly_in_sentence("Tous les LUNDIS à 9 h 30 svp") == SetTime(0, 9, 30)
    assert weekly_in_sentence("à 16 heures le mercredi") == SetTime(2, 16, 0)
    assert weekly_in_sentence("jeudi midi") == SetTime(3, 12, 0)
    assert weekly_in_sentence("un rappel le vendredi") is None
    assert weekly_in_sentence("lundi ou mardi à 9h") is None
    assert weekly_in_sentence("dimanche à 25h") is None
    assert weekly_in_sentence("un rappel dans 2 semaines") is None


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("couverture", "ma progression", "Couverture"),
        ("mes_preuves", "montre mes preuves", "journal est vide"),
        ("export", "exporter mon dossier", "journal est vide"),
        ("mes_donnees", "mes données", "toutes les données"),
        ("effacer_mes_donnees", "supprime mes données", "Effacer définitivement"),
        ("cohorte", "ma cohorte", "aucune cohorte"),
    ],
)
async def test_each_feature_offers_its_command_and_the_button_runs_it(
    mentor: Mentor, command: str, text: str, expected: str
) -> None:
    replies = await offered(mentor, command, text)
    assert len(replies) == 1
    assert replies[0].text.endswith("?")
    assert data_of(replies) == [f"do:{command}", "do:non"]
    assert expected.lower() in joined(await press(mentor, f"do:{command}")).lower()


async def test_erasing_asked_in_words_still_needs_the_confirmation(mentor: Mentor) -> None:
    await say(mentor, "/rappel vendredi 16h")
    replies = await press(mentor, "do:effacer_mes_donnees")
    assert "Oui, tout effacer" in [c.label for r in replies for c in r.choices]
    assert await schedule(mentor) is not None


async def test_joining_asked_with_a_code_in_the_sentence_offers_that_code(mentor: Mentor) -> None:
    replies = await offered(mentor, "cohorte", "je veux rejoindre la cohorte abc234")
    assert joined(replies) == "Voulez-vous rejoindre la cohorte avec le code ABC234 ?"
    assert data_of(replies) == ["do:cohorte:ABC234", "do:non"]


async def test_help_asked_in_words_shows_the_help(mentor: Mentor) -> None:
    [reply] = await offered(mentor, "aide", "tu sais faire quoi")
    assert "touchez un thème" in reply.text
    assert "help:fam:journal" in [c.data for c in reply.choices]  # where /preuve is


async def test_an_unknown_feature_points_to_the_help(mentor: Mentor) -> None:
    assert "/aide" in joined(await offered(mentor, "teleporter", "téléporte-moi"))


async def test_every_offered_button_fits_in_telegram_callback_data(mentor: Mentor) -> None:
    texts = {
        "rappel": "rappel le mercredi à 23h59",
        "cohorte": "rejoindre la cohorte ZZZ999",
    }
    for command in (
        "preuve",
        "rappel",
        "couverture",
        "mes_preuves",
        "export",
        "cohorte",
        "mes_donnees",
        "effacer_mes_donnees",
    ):
        for data in data_of(await offered(mentor, command, texts.get(command, ""))):
            assert len(data.encode()) <= TELEGRAM_CALLBACK_MAX_BYTES, data


# --- groups and forged buttons -----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("preuve", "je veux noter une preuve"),
        ("rappel", "mets-moi un rappel le vendredi à 16h"),
        ("couverture", "ma progression"),
        ("mes_preuves", "mes preuves"),
        ("export", "exporter mon dossier"),
        ("mes_donnees", "mes données"),
        ("effacer_mes_donnees", "efface mes données"),
    ],
)
async def test_personal_features_asked_in_a_group_are_done_in_private(
    mentor: Mentor, command: str, text: str
) -> None:
    replies = await offered(mentor, command, text, group(text))
    assert f"/{command} se fait en message privé" in joined(replies)
    assert data_of(replies) == []


async def test_a_join_offer_in_a_group_asks_for_the_code_in_private(mentor: Mentor) -> None:
    replies = await offered(mentor, "cohorte", "rejoindre ABC234", group("rejoindre ABC234"))
    assert "en message privé" in joined(replies)
    assert data_of(replies) == []


async def test_an_offer_button_pressed_in_a_group_does_nothing_personal(mentor: Mentor) -> None:
    pressed = replace(group(""), button_data="do:rappel:vendredi_16h00")
    assert "en message privé" in joined(await mentor.handle(pressed))
    pressed = replace(group(""), button_data="do:preuve")
    assert "en message privé" in joined(await mentor.handle(pressed))
    assert await schedule(mentor) is None
    assert await running_flows(mentor) == 0


@pytest.mark.parametrize(
    "data",
    [
        "do:",
        "do:sql",
        "do:start",
        "do:cohorte:formateur",
        "do:cohorte:MERCI!",
        "do:rappel:dimanche_25h",
        "do:rappel:stop",
        "do:preuve:Atelier",
        "do:non:1",
        "do:rappel:" + "lundi_9h" * 20,
    ],
)
async def test_a_forged_offer_button_answers_politely_and_does_nothing(
    mentor: Mentor, data: str
) -> None:
    said = joined(await press(mentor, data))
    assert "plus valable" in said or "ne s'applique plus" in said
    assert await schedule(mentor) is None
    assert await running_flows(mentor) == 0


# --- end to end, through the answer engine ---


async def test_evidence_asked_in_words_is_offered_end_to_end(mentor: Mentor) -> None:
    replies = await say(mentor, "je veux noter une preuve")
    assert "Je note cette preuve dans votre journal ?" in joined(replies)
    assert "Qu'avez-vous fait" in joined(await press(mentor, choice(replies, "noter")))


async def test_reminder_asked_in_words_is_confirmed_then_set_end_to_end(mentor: Mentor) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        replies = await say(mentor, "mets-moi un rappel le vendredi à 16h")
        assert "Je règle votre rappel le vendredi à 16h" in joined(replies)
        assert await schedule(mentor) is None
        await press(mentor, choice(replies, "Oui"))
    row = await schedule(mentor)
    assert row is not None
    assert (row.weekday, row.hour, row.minute) == (4, 16, 0)


@pytest.mark.parametrize(
    ("text", "data"),
    [("ma progression", "do:couverture"), ("exporter mon dossier", "do:export")],
)
async def test_other_features_asked_in_words_are_offered_end_to_end(
    mentor: Mentor, text: str, data: str
) -> None:
    assert data in data_of(await say(mentor, text))


async def test_evidence_asked_in_words_in_a_group_is_done_in_private_end_to_end(
    mentor: Mentor,
) -> None:
    replies = await mentor.handle(group("je veux noter une preuve"))
    assert "/preuve se fait en message privé" in joined(replies)


@pytest.mark.parametrize(
    "text",
    [
        "comment supprimer mon compte Ameli ?",
        "comment on supprime un compte facebook définitivement",
    ],
)
def test_deleting_an_account_elsewhere_is_not_a_request_to_erase_mentor_data(
    kb: KnowledgeBase, text: str
) -> None:
    answer = Answerer(kb).answer(text)
    assert answer.command != "effacer_mes_donnees"
    assert answer.kind is not AnswerKind.FEATURE


@pytest.mark.parametrize(
    "text",
    [
        "Combien de temps a-t-on le droit de garder les données personnelles des usagers "
        "inscrits aux ateliers ?",
        "comment effacer les données personnelles de mes usagers sur l'ordi de l'atelier ?",
    ],
)
def test_the_data_of_the_people_one_helps_is_not_ones_own_data(
    kb: KnowledgeBase, text: str
) -> None:
    answer = Answerer(kb).answer(text)
    assert answer.kind is not AnswerKind.FEATURE


def test_ones_own_data_asked_in_words_still_leads_to_the_export(kb: KnowledgeBase) -> None:
    answer = Answerer(kb).answer("je veux télécharger toutes mes données personnelles")
    assert answer.command == "mes_donnees"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        (
            "Notre fab lab voudrait confier le suivi budgétaire et l'inventaire du matériel à "
            "notre médiateur. Est-ce couvert par un bloc du titre ?",
            None,
        ),
        (
            "Je suis à l'aise avec le matériel mais moins avec les mots de passe, les données "
            "personnelles et les arnaques. Je passe bientôt ma certification Pix. Est-ce que "
            "ces sujets en font partie ?",
            "certification-pix",
        ),
        (
            "Si j'ai déjà le titre de médiation complet, suis-je obligé de refaire toute la "
            "formation quand je rejoins le dispositif ?",
            None,
        ),
    ],
)
def test_a_question_on_the_titre_using_a_features_word_is_answered_not_sent_to_a_command(
    kb: KnowledgeBase, text: str, entry: str | None
) -> None:
    answer = Answerer(kb).answer(text)
    assert answer.kind is AnswerKind.ANSWER
    assert entry is None or answer.entry == entry


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("quelle compétence est la moins couverte dans mon journal ?", "couverture"),
        ("comment je rejoins le groupe de ma promo ?", "cohorte"),
    ],
)
def test_the_features_asked_for_oneself_still_lead_to_their_command(
    kb: KnowledgeBase, text: str, command: str
) -> None:
    assert Answerer(kb).answer(text).command == command


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("qu'est-ce que j'ai déjà noté ?", "mes_preuves"),
        ("rappelle-moi chaque lundi de noter mes preuves", "rappel"),
        ("je veux noter une preuve", "preuve"),
    ],
)
def test_what_was_noted_and_a_reminder_to_note_are_not_a_new_proof(
    kb: KnowledgeBase, text: str, command: str
) -> None:
    assert Answerer(kb).answer(text).command == command
