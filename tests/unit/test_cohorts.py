"""Training cohorts through the core: roles, codes, binding, consent, announcements."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from bot.app import Mentor
from bot.cohorts import build_cohort_post, codes
from bot.messages import Reply
from bot.storage.models import (
    Cohort,
    CohortChannel,
    CohortMember,
    CohortTipUsed,
    JournalEntry,
    ReminderSchedule,
)
from tests.support.chat import choice, group, joined, press, say

ADMIN = "admin"
TRAINER = "trainer"


@pytest.fixture(autouse=True)
def admins(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = f"test:{ADMIN}"


async def in_group(mentor: Mentor, text: str, user: str, chat: str = "g1") -> list[Reply]:
    return await mentor.handle(group(text, user=user, chat=chat))


async def press_in_group(mentor: Mentor, data: str, user: str, chat: str = "g1") -> list[Reply]:
    return await mentor.handle(replace(group("", user=user, chat=chat), button_data=data))


async def make_trainer(mentor: Mentor, user: str = TRAINER) -> None:
    await say(mentor, "/aide", user=user)
    replies = await say(mentor, f"/cohorte formateur test:{user}", user=ADMIN)
    assert "est maintenant formateur" in joined(replies)


async def create_cohort(mentor: Mentor, name: str = "REMN Lyon 2027", user: str = TRAINER) -> str:
    """Returns the invitation code."""
    replies = await say(mentor, f'/cohorte creer "{name}"', user=user)
    assert "créée" in joined(replies)
    async with mentor.db.session() as session:
        stmt = select(Cohort.code).where(Cohort.name == name).order_by(Cohort.id.desc())
        return str((await session.execute(stmt)).scalars().first())


async def cohort_with_learners(mentor: Mentor, learners: list[str], share: bool = False) -> str:
    await make_trainer(mentor)
    code = await create_cohort(mentor)
    for learner in learners:
        replies = await say(mentor, f"/cohorte rejoindre {code}", user=learner)
        assert "Bienvenue" in joined(replies)
        if share:
            await say(mentor, "/cohorte partage oui", user=learner)
    return code


async def log_entry(mentor: Mentor, user: str, text: str, code: str = "C1.4") -> None:
    replies = await say(mentor, f"/preuve {text}", user=user)
    if not any(code in c.label for r in replies for c in r.choices):
        replies = await press(mentor, choice(replies, "Autre"), user=user)
    replies = await press(mentor, choice(replies, code), user=user)
    replies = await press(mentor, choice(replies, "Valider"), user=user)
    replies = await press(mentor, choice(replies, "Enregistrer"), user=user)
    assert "enregistrée" in joined(replies)


async def count(mentor: Mentor, model: type[object]) -> int:
    async with mentor.db.session() as session:
        stmt = select(func.count()).select_from(model)
        return int((await session.execute(stmt)).scalar_one())


# --- roles ------------------------------------------------------------------------------


async def test_an_admin_names_a_trainer_who_creates_a_cohort_with_a_code(mentor: Mentor) -> None:
    await make_trainer(mentor)
    replies = await say(mentor, '/cohorte creer "REMN Lyon 2027"', user=TRAINER)
    text = joined(replies)
    assert "REMN Lyon 2027" in text
    assert "/cohorte rejoindre" in text
    async with mentor.db.session() as session:
        cohort = (await session.execute(select(Cohort))).scalar_one()
    assert codes.looks_valid(cohort.code)
    assert cohort.code in text
    assert not set(cohort.code) & set("0O1I")
    assert cohort.code_expires_at is not None
    assert timedelta(days=59) < cohort.code_expires_at - datetime.now(UTC) <= timedelta(days=60)


async def test_admins_may_be_listed_by_bare_id(mentor: Mentor) -> None:
    mentor.settings.mentor_admins = "boss"
    await say(mentor, "/aide", user="someone")
    replies = await say(mentor, "/cohorte formateur someone", user="boss")
    assert "est maintenant formateur" in joined(replies)
    replies = await say(mentor, "/cohorte formateur test:someone non", user="boss")
    assert "n'est plus formateur" in joined(replies)


async def test_only_admins_name_trainers(mentor: Mentor) -> None:
    await say(mentor, "/aide", user="u2")
    replies = await say(mentor, "/cohorte formateur test:u2", user="u2")
    assert "réservée aux administrateurs" in joined(replies)
    replies = await say(mentor, '/cohorte creer "Ma cohorte"', user="u2")
    assert "réservée aux formateurs" in joined(replies)


async def test_naming_someone_who_never_wrote_asks_them_to_write_first(mentor: Mentor) -> None:
    replies = await say(mentor, "/cohorte formateur test:ghost", user=ADMIN)
    assert "m'écrire une première fois" in joined(replies)


async def test_a_learner_trying_trainer_commands_is_refused_politely(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    for command in (
        '/cohorte creer "Pirate"',
        "/cohorte annonce Bonjour",
        "/cohorte supprimer",
        "/cohorte rythme lundi 9h",
        "/cohorte code",
        "/cohorte delier",
    ):
        assert "réservée aux formateurs" in joined(await say(mentor, command, user="l1")), command
    replies = await in_group(mentor, "/cohorte lier", user="l1")
    assert "Seul le formateur" in joined(replies)
    async with mentor.db.session() as session:
        (cohort,) = (await session.execute(select(Cohort))).scalars()
    for action in ("delete-ok", "view", "code"):
        replies = await press(mentor, f"co:{action}:{cohort.id}", user="l1")
        assert "réservée aux formateurs" in joined(replies)
    assert await count(mentor, Cohort) == 1


async def test_names_and_announcements_are_escaped_and_capped(mentor: Mentor) -> None:
    await make_trainer(mentor)
    replies = await say(mentor, "/cohorte creer " + "x" * 81, user=TRAINER)
    assert "trop long" in joined(replies)
    replies = await say(mentor, "/cohorte creer", user=TRAINER)
    assert "Donnez un nom" in joined(replies)
    await say(mentor, '/cohorte creer "**Lyon** <b>"', user=TRAINER)
    replies = await say(mentor, "/cohorte", user=TRAINER)
    assert "**Lyon**" not in joined(replies)
    assert "<b>" not in joined(replies)
    replies = await say(mentor, "/cohorte annonce " + "y" * 1001, user=TRAINER)
    assert "trop longue" in joined(replies)
    assert all(r.chat_id is None for r in replies)


# --- codes ------------------------------------------------------------------------------


async def test_a_learner_joins_in_private_with_the_code_and_shares_nothing_by_default(
    mentor: Mentor,
) -> None:
    await make_trainer(mentor)
    code = await create_cohort(mentor)
    typed = f"{code[:3].lower()} {code[3:].lower()}"
    replies = await say(mentor, f"/cohorte rejoindre {typed}", user="l1")
    assert "Bienvenue dans la cohorte « REMN Lyon 2027 »" in joined(replies)
    assert "non partagés" in joined(replies)
    async with mentor.db.session() as session:
        member = (await session.execute(select(CohortMember))).scalar_one()
    assert member.role == "learner"
    assert member.shares_counts is False
    replies = await say(mentor, f"/cohorte rejoindre {code}", user="l1")
    assert "déjà dans la cohorte" in joined(replies)
    replies = await say(mentor, f"/cohorte rejoindre {code}", user=TRAINER)
    assert "Vous êtes le formateur" in joined(replies)


async def test_a_wrong_code_is_refused_clearly(mentor: Mentor) -> None:
    await make_trainer(mentor)
    await create_cohort(mentor)
    for wrong in ("ZZZZZZ", "ABC", "0O1I00"):
        replies = await say(mentor, f"/cohorte rejoindre {wrong}", user="l1")
        assert "ne correspond à aucune cohorte" in joined(replies)
    replies = await say(mentor, "/cohorte rejoindre", user="l1")
    assert "Indiquez le code" in joined(replies)
    assert await count(mentor, CohortMember) == 0


async def test_an_expired_code_is_refused_and_a_new_code_replaces_the_old(mentor: Mentor) -> None:
    await make_trainer(mentor)
    code = await create_cohort(mentor)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=61)):
        replies = await say(mentor, f"/cohorte rejoindre {code}", user="l1")
        assert "a expiré" in joined(replies)
        assert "expiré" in joined(await say(mentor, "/cohorte", user=TRAINER))
        replies = await say(mentor, "/cohorte code", user=TRAINER)
        assert "L'ancien ne fonctionne plus" in joined(replies)
        new = await create_code_of(mentor)
        assert new != code
        assert "ne correspond" in joined(await say(mentor, f"/cohorte rejoindre {code}", "l1"))
        assert "Bienvenue" in joined(await say(mentor, f"/cohorte rejoindre {new}", user="l1"))


async def create_code_of(mentor: Mentor) -> str:
    async with mentor.db.session() as session:
        return str((await session.execute(select(Cohort.code))).scalar_one())


async def test_joining_in_a_group_is_sent_to_private_without_joining(mentor: Mentor) -> None:
    await make_trainer(mentor)
    code = await create_cohort(mentor)
    replies = await in_group(mentor, f"/cohorte rejoindre {code}", user="l1")
    assert "message privé" in joined(replies)
    assert code not in joined(replies)
    assert await count(mentor, CohortMember) == 0


# --- consent, leaving, two cohorts --------------------------------------------------------


async def test_consent_can_be_given_and_withdrawn(mentor: Mentor) -> None:
    code = await cohort_with_learners(mentor, ["l1"])
    replies = await say(mentor, f"/cohorte rejoindre {code}", user="l1")
    replies = await say(mentor, "/cohorte", user="l1")
    assert "non partagés" in joined(replies)
    replies = await press(mentor, choice(replies, "Partager mes chiffres"), user="l1")
    assert "jamais leur contenu" in joined(replies)
    assert "Vos chiffres : partagés" in joined(await say(mentor, "/cohorte", user="l1"))
    replies = await say(mentor, "/cohorte partage non", user="l1")
    assert "ne sont pas partagés" in joined(replies)
    replies = await say(mentor, "/cohorte partage peut-être", user="l1")
    assert "oui ou" in joined(replies)


async def test_the_trainer_sees_counts_only_with_consent_and_never_content(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1", "l2"])
    await mentor.handle(group("/aide", user="l1"))
    await log_entry(mentor, "l1", "SECRET-L1 atelier tablette", "C1.4")
    await log_entry(mentor, "l2", "SECRET-L2 partenariat mairie", "C2.3")
    view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "Apprenants : 2 · partagent leurs chiffres : 0 · refusent : 0 · sans réponse : 2" in view
    assert "preuve" not in view.split("sans réponse")[1]
    await say(mentor, "/cohorte partage oui", user="l1")
    view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "partagent leurs chiffres : 1 · refusent : 0 · sans réponse : 1" in view
    assert "Camille Martin : 1 preuve (CCP1 1 · CCP2 0 · CCP3 0)" in view
    assert "SECRET" not in view
    assert "tablette" not in view
    assert "partenariat" not in view


async def test_the_trainer_sees_how_many_share_refused_or_never_answered(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1", "l2", "l3", "l4"])
    replies = await say(mentor, "/cohorte", user="l1")
    await press(mentor, choice(replies, "Partager mes chiffres"), user="l1")
    await say(mentor, "/cohorte partage non", user="l2")
    await say(mentor, "/cohorte partage oui", user="l3")
    await say(mentor, "/cohorte partage non", user="l3")
    view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "Apprenants : 4 · partagent leurs chiffres : 1 · refusent : 2 · sans réponse : 1" in view
    # Only the one who shares is named; the others are counts.
    names = [line for line in view.splitlines() if line.startswith("- ")]
    assert len(names) == 1


async def test_inactive_learners_are_listed_only_among_those_who_share(mentor: Mentor) -> None:
    start = datetime(2027, 1, 4, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        await cohort_with_learners(mentor, ["l1", "l2", "l3"])
        for user in ("l1", "l2"):
            await say(mentor, "/cohorte partage oui", user=user)
        await log_entry(mentor, "l1", "Atelier", "C1.1")
        clock.shift(timedelta(weeks=2))
        view = joined(await say(mentor, "/cohorte", user=TRAINER))
        assert "Sans preuve depuis" not in view
        clock.shift(timedelta(weeks=2))
        await log_entry(mentor, "l2", "Bilan", "C1.1")
        view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "Sans preuve depuis 3 semaines** : Camille Martin" in view
    assert view.count("Camille Martin") == 3  # two sharers listed, one inactive; l3 never


async def test_a_learner_in_two_cohorts_chooses_which_one_to_leave(mentor: Mentor) -> None:
    await make_trainer(mentor)
    first = await create_cohort(mentor, "Lyon")
    second = await create_cohort(mentor, "Nantes")
    await say(mentor, f"/cohorte rejoindre {first}", user="l1")
    await say(mentor, f"/cohorte rejoindre {second}", user="l1")
    replies = await say(mentor, "/cohorte quitter", user="l1")
    assert "laquelle" in joined(replies)
    replies = await press(mentor, choice(replies, "Nantes"), user="l1")
    assert "quitté la cohorte « Nantes »" in joined(replies)
    replies = await say(mentor, "/cohorte", user="l1")
    assert "Lyon" in joined(replies)
    assert "Nantes" not in joined(replies)
    replies = await say(mentor, "/cohorte quitter", user="l1")
    assert "quitté la cohorte « Lyon »" in joined(replies)
    assert "aucune cohorte" in joined(await say(mentor, "/cohorte quitter", user="l1"))


async def test_a_learner_in_two_cohorts_chooses_where_to_share(mentor: Mentor) -> None:
    await make_trainer(mentor)
    first = await create_cohort(mentor, "Lyon")
    second = await create_cohort(mentor, "Nantes")
    for code in (first, second):
        await say(mentor, f"/cohorte rejoindre {code}", user="l1")
    replies = await say(mentor, "2", user="l1")  # numbered answer: "Non, ne pas partager"
    replies = await say(mentor, "/cohorte partage oui", user="l1")
    replies = await say(mentor, "1", user="l1")
    assert "Lyon" in joined(replies)
    async with mentor.db.session() as session:
        rows = (
            await session.execute(
                select(Cohort.name, CohortMember.shares_counts).join(
                    CohortMember, CohortMember.cohort_id == Cohort.id
                )
            )
        ).all()
    assert sorted(rows) == [("Lyon", True), ("Nantes", False)]


# --- binding ----------------------------------------------------------------------------


async def test_binding_in_a_private_chat_is_refused(mentor: Mentor) -> None:
    await make_trainer(mentor)
    await create_cohort(mentor)
    replies = await say(mentor, "/cohorte lier", user=TRAINER)
    assert "dans le groupe" in joined(replies)
    assert await count(mentor, CohortChannel) == 0


async def test_binding_by_someone_who_is_not_the_trainer_is_refused(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await make_trainer(mentor, "other-trainer")
    replies = await in_group(mentor, "/cohorte lier", user="l1")
    assert "Seul le formateur" in joined(replies)
    replies = await in_group(mentor, "/cohorte lier", user="other-trainer")
    assert "Seul le formateur" in joined(replies)
    assert await count(mentor, CohortChannel) == 0


async def test_the_trainer_binds_the_group_and_a_weekly_slot_is_set(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    assert "maintenant celui de la cohorte « REMN Lyon 2027 »" in joined(replies)
    assert "le lundi à 9 h 00" in joined(replies)
    async with mentor.db.session() as session:
        channel = (await session.execute(select(CohortChannel))).scalar_one()
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert (channel.transport, channel.chat_id) == ("test", "g1")
    assert (row.kind, row.transport, row.chat_id) == ("cohort", "test", "g1")
    assert (row.weekday, row.hour, row.minute, row.timezone) == (0, 9, 0, "Europe/Paris")
    assert row.next_due_at is not None
    assert not row.stopped
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    assert "déjà lié" in joined(replies)
    replies = await in_group(mentor, "/cohorte", user="l1")
    assert "cohorte « REMN Lyon 2027 »" in joined(replies)
    assert "Code" not in joined(replies)


async def test_a_group_is_bound_to_one_cohort_only(mentor: Mentor) -> None:
    await make_trainer(mentor)
    await create_cohort(mentor, "Lyon")
    await create_cohort(mentor, "Nantes")
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    assert "Quelle cohorte" in joined(replies)
    replies = await press_in_group(mentor, choice(replies, "Lyon"), user=TRAINER)
    assert "cohorte « Lyon »" in joined(replies)
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await press_in_group(mentor, choice(replies, "Nantes"), user=TRAINER)
    assert "déjà lié à « Lyon »" in joined(replies)
    await make_trainer(mentor, "t2")
    await create_cohort(mentor, "Secrète", user="t2")
    replies = await in_group(mentor, "/cohorte lier", user="t2")
    assert "une autre cohorte" in joined(replies)
    assert "Lyon" not in joined(replies)
    replies = await in_group(mentor, "/cohorte delier", user="t2")
    assert "Seul le formateur" in joined(replies)
    assert await count(mentor, CohortChannel) == 1


async def test_binding_elsewhere_moves_the_cohort_and_unbinding_stops_the_post(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER, chat="g2")
    assert "l'ancien groupe est délié" in joined(replies)
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert row.chat_id == "g2"
    replies = await in_group(mentor, "/cohorte delier", user=TRAINER, chat="g2")
    assert "n'est plus lié" in joined(replies)
    async with mentor.db.session() as session:
        row = (await session.execute(select(ReminderSchedule))).scalar_one()
    assert row.stopped
    assert await count(mentor, CohortChannel) == 0
    replies = await say(mentor, "/cohorte delier", user=TRAINER)
    assert "n'est liée à aucun groupe" in joined(replies)


# --- announcements and rhythm ---------------------------------------------------------------


async def test_the_trainer_announces_to_the_bound_group(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    replies = await say(mentor, "/cohorte annonce Séance **demain** 9h", user=TRAINER)
    assert "n'est liée à aucun groupe" in joined(replies)
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await say(mentor, "/cohorte annonce Séance **demain** 9h", user=TRAINER)
    to_group = [r for r in replies if r.chat_id == "g1"]
    assert len(to_group) == 1
    assert "Séance ∗∗demain∗∗ 9h" in to_group[0].text
    assert "transmise" in joined([r for r in replies if r.chat_id is None])


async def test_the_announcement_button_asks_for_the_text(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await say(mentor, "/cohorte", user=TRAINER)
    replies = await press(mentor, choice(replies, "annonce"), user=TRAINER)
    assert "Écrivez l'annonce" in joined(replies)
    replies = await say(mentor, "Pensez au dossier pour vendredi", user=TRAINER)
    assert [r.chat_id for r in replies] == ["g1", None]
    replies = await say(mentor, "c'est quoi le CCP1 ?", user=TRAINER)
    assert all(r.chat_id is None for r in replies)  # the dialog is over


async def test_a_trainer_with_two_cohorts_chooses_where_to_announce(mentor: Mentor) -> None:
    await make_trainer(mentor)
    await create_cohort(mentor, "Lyon")
    await create_cohort(mentor, "Nantes")
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER, chat="g-lyon")
    await press_in_group(mentor, choice(replies, "Lyon"), user=TRAINER, chat="g-lyon")
    replies = await in_group(mentor, "/cohorte lier", user=TRAINER, chat="g-nantes")
    await press_in_group(mentor, choice(replies, "Nantes"), user=TRAINER, chat="g-nantes")
    replies = await say(mentor, "/cohorte annonce Rendez-vous à 14h", user=TRAINER)
    assert "Pour quelle cohorte" in joined(replies)
    stale = choice(replies, "Lyon")
    replies = await press(mentor, choice(replies, "Nantes"), user=TRAINER)
    assert [r.chat_id for r in replies] == ["g-nantes", None]
    assert "Rendez-vous à 14h" in replies[0].text
    assert "expiré" in joined(await press(mentor, stale, user=TRAINER))


async def test_an_announcement_from_another_transport_says_where_to_write(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    async with mentor.db.session() as session:
        channel = (await session.execute(select(CohortChannel))).scalar_one()
        channel.transport = "matrix"
    replies = await say(mentor, "/cohorte annonce Bonjour", user=TRAINER)
    assert "est sur Matrix" in joined(replies)
    assert all(r.chat_id is None for r in replies)


async def test_the_trainer_sets_the_weekly_post_slot(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    replies = await say(mentor, "/cohorte rythme vendredi 16h30", user=TRAINER)
    assert "Liez d'abord un groupe" in joined(replies)
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await say(mentor, "/cohorte rythme vendredi 16h30", user=TRAINER)
    assert "le vendredi à 16 h 30 (heure de Paris)" in joined(replies)
    assert "Autre fuseau" in joined(replies)
    replies = await say(mentor, "/cohorte rythme mar 08:05 America/Cayenne", user=TRAINER)
    assert "le mardi à 8 h 05 (heure de la Guyane)" in joined(replies)
    replies = await say(mentor, "/cohorte rythme lundi 8h30 la reunion", user=TRAINER)
    assert "le lundi à 8 h 30 (heure de la Réunion)" in joined(replies)
    assert "Autre fuseau" not in joined(replies)
    async with mentor.db.session() as session:
        rows = list((await session.execute(select(ReminderSchedule))).scalars())
    assert len(rows) == 1
    assert (rows[0].weekday, rows[0].hour, rows[0].minute) == (0, 8, 30)
    assert rows[0].timezone == "Indian/Reunion"
    view = joined(await say(mentor, "/cohorte", user=TRAINER))
    assert "Point hebdomadaire dans le groupe : le lundi à 8 h 30 (heure de la Réunion)" in view
    assert "Indian/Reunion" not in view
    for bad, message in (
        ("/cohorte rythme", "Indiquez un jour"),
        ("/cohorte rythme jeudredi 9h", "pas compris « jeudredi »"),
        ("/cohorte rythme lundi 25h", "n'existe pas"),
        ("/cohorte rythme lundi 9h Mars/Olympus", "Fuseau horaire inconnu"),
        ("/cohorte rythme vendredi 16h30 heure de Lune", "« heure de Lune »"),
    ):
        assert message in joined(await say(mentor, bad, user=TRAINER)), bad


# --- delete --------------------------------------------------------------------------------


async def test_deleting_a_cohort_with_members_asks_first_and_leaves_journals(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1", "l2"], share=True)
    await log_entry(mentor, "l1", "Atelier", "C1.1")
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    async with mentor.db.session() as session:
        cohort_id = (await session.execute(select(Cohort.id))).scalar_one()
        await build_cohort_post(session, mentor, cohort_id, datetime.now(UTC))
    replies = await say(mentor, "/cohorte supprimer", user=TRAINER)
    assert "2 apprenant(s)" in joined(replies)
    assert await count(mentor, Cohort) == 1
    keep = await press(mentor, choice(replies, "Non, garder"), user=TRAINER)
    assert "Cohorte « REMN Lyon 2027 »" in joined(keep)
    replies = await press(mentor, choice(replies, "Oui, supprimer"), user=TRAINER)
    assert "supprimée" in joined(replies)
    for model in (Cohort, CohortMember, CohortChannel, ReminderSchedule, CohortTipUsed):
        assert await count(mentor, model) == 0, model
    assert await count(mentor, JournalEntry) == 1
    assert "aucune cohorte" in joined(await say(mentor, "/cohorte", user="l1"))
    replies = await press(mentor, f"co:delete-ok:{cohort_id}", user=TRAINER)
    assert "n'existe plus" in joined(replies)


async def test_the_announcement_button_on_an_unbound_cohort_opens_no_dialog(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"])
    replies = await say(mentor, "/cohorte", user=TRAINER)
    replies = await press(mentor, choice(replies, "annonce"), user=TRAINER)
    assert "n'est liée à aucun groupe" in joined(replies)
    replies = await say(mentor, "c'est quoi le CCP1 ?", user=TRAINER)
    assert "aucun groupe" not in joined(replies)
    assert "CCP1" in joined(replies)


async def test_a_too_long_typed_announcement_can_be_retyped_or_cancelled(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    await in_group(mentor, "/cohorte lier", user=TRAINER)
    replies = await say(mentor, "/cohorte", user=TRAINER)
    prompt = await press(mentor, choice(replies, "annonce"), user=TRAINER)
    replies = await say(mentor, "z" * 1001, user=TRAINER)
    assert "trop longue" in joined(replies)
    assert all(r.chat_id is None for r in replies)
    replies = await press(mentor, choice(prompt, "Annuler"), user=TRAINER)
    assert "rien n'a été envoyé" in joined(replies)
    replies = await say(mentor, "Bonjour à tous", user=TRAINER)
    assert all(r.chat_id is None for r in replies)


async def test_typing_a_question_instead_of_choosing_a_cohort_gets_an_answer(
    mentor: Mentor,
) -> None:
    await make_trainer(mentor)
    await create_cohort(mentor, "Lyon")
    await create_cohort(mentor, "Nantes")
    picks = await say(mentor, "/cohorte annonce Réunion lundi", user=TRAINER)
    replies = await say(mentor, "c'est quoi le CCP1 ?", user=TRAINER)
    assert "CCP1" in joined(replies)
    assert all(r.chat_id is None for r in replies)
    replies = await press(mentor, choice(picks, "Lyon"), user=TRAINER)
    assert "expiré" in joined(replies)


async def test_forged_cohort_buttons_reveal_neither_name_nor_existence(mentor: Mentor) -> None:
    await cohort_with_learners(mentor, ["l1"])
    async with mentor.db.session() as session:
        cohort_id = (await session.execute(select(Cohort.id))).scalar_one()
    for action in ("share-on", "share-off", "leave", "view", "delete", "code"):
        answers = set()
        for target in (cohort_id, cohort_id + 999):
            text = joined(await press(mentor, f"co:{action}:{target}", user="intruder"))
            assert "REMN" not in text, (action, text)
            assert "Lyon" not in text, (action, text)
            answers.add(text)
        assert len(answers) == 1, action  # the same whether the cohort exists or not
    other = joined(await press(mentor, f"co:view:{cohort_id}", user=TRAINER))
    assert "REMN" in other  # its own trainer still sees it


async def test_guessing_invitation_codes_is_slowed_after_five_wrong_codes(mentor: Mentor) -> None:
    start = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        code = await cohort_with_learners(mentor, [])
        for guess in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"):
            text = joined(await say(mentor, f"/cohorte rejoindre {guess}", user="guesser"))
            assert "aucune cohorte" in text
        refused = joined(await say(mentor, f"/cohorte rejoindre {code}", user="guesser"))
        assert "réessayez dans une heure" in refused
        assert "Bienvenue" not in refused
        other = joined(await say(mentor, f"/cohorte rejoindre {code}", user="someone-else"))
        assert "Bienvenue" in other  # the limit is per person
        clock.shift(timedelta(minutes=61))
        assert "Bienvenue" in joined(
            await say(mentor, f"/cohorte rejoindre {code}", user="guesser")
        )


async def test_the_data_export_says_when_a_learner_joined_and_answered_about_sharing(
    mentor: Mentor,
) -> None:
    await cohort_with_learners(mentor, ["l1"], share=True)
    (reply,) = await say(mentor, "/mes_donnees", user="l1")
    assert reply.file is not None
    [cohort] = json.loads(reply.file.content)["cohorts"]
    assert cohort["shares_counts"] is True
    assert cohort["joined_at"]
    assert cohort["shares_answered_at"]
