"""Issue 17 in the chat: signals without identity, 👍/👎, /revue adding an example live."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
import yaml
from sqlalchemy import select

from bot.answers.knowledge import load_knowledge
from bot.app import Mentor
from bot.learning.examples import add_example
from bot.learning.live import live
from bot.settings import load_settings
from bot.storage.database import Database
from bot.storage.models import KbChange, Signal, SignalRef
from tests.support.chat import choice, joined, press, private, say
from tests.support.nudges import RecordingSender

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "admin-7"
# Close to several entries, answered by none: "pas sûr" with topics (a miss to review).
UNSURE = "Quelles démarches pour le titre ?"  # vague: three topics, none sure
OUT = "je peux faire le titre en alternance ?"
ANSWERED = "c'est quoi le CCP1"


@pytest.fixture
async def editable(tmp_path: Path) -> AsyncIterator[Mentor]:
    """A Mentor on its own copy of the knowledge base, which /revue may edit."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    settings = load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{tmp_path / 'mentor.sqlite3'}",
        mentor_data_dir=tmp_path,
        mentor_knowledge_dir=knowledge,
        mentor_admins=f"test:{ADMIN}",
        mentor_kb_retrain=False,
        _env_file=None,
    )
    app = Mentor(settings, Database(settings.database_url), load_knowledge(knowledge))
    app.senders["test"] = RecordingSender()  # where the outcome of an addition is sent
    await app.start()
    yield app
    await app.stop()


async def rows(mentor: Mentor) -> list[Signal]:
    async with mentor.db.session() as session:
        return list((await session.execute(select(Signal).order_by(Signal.id))).scalars())


async def test_a_miss_is_recorded_with_nothing_identifying(editable: Mentor) -> None:
    await editable.handle(private(UNSURE, user="camille-42"))
    (signal,) = await rows(editable)
    # Two close topics: "pas sûr" with topics, or the best one with the other one tap away.
    assert signal.kind in ("unsure", "tie")
    assert signal.question == UNSURE
    assert signal.transport == "test"
    assert signal.alternatives
    values = " ".join(str(v) for v in vars(signal).values())
    for identifying in ("camille-42", "chat-camille-42", "Camille", "Martin"):
        assert identifying not in values
    async with editable.db.session() as session:
        (ref,) = (await session.execute(select(SignalRef))).scalars()
    assert signal.ref == ref.ref
    assert len(ref.ref) == 32


async def test_out_of_scope_and_answers_are_recorded_small_talk_is_not(editable: Mentor) -> None:
    await say(editable, "Bonjour !")
    await say(editable, OUT)
    await say(editable, ANSWERED)
    kinds = [(s.kind, s.entry) for s in await rows(editable)]
    assert kinds == [("out_of_scope", None), ("answer", "ccp1-presentation")]


async def test_thumbs_down_shows_the_alternatives_and_records_the_miss(editable: Mentor) -> None:
    replies = await say(editable, ANSWERED)
    assert [c.label for c in replies[-1].choices][-2:] == ["👍 Utile", "👎 Pas ma question"]
    replies = await press(editable, choice(replies, "👎"))
    assert "Voici d'autres sujets proches" in joined(replies)
    topics = [c.data for c in replies[0].choices]
    assert topics
    assert all(t.startswith("kb:show:") for t in topics)
    assert "kb:show:ccp1-presentation" not in topics
    (signal,) = await rows(editable)
    assert (signal.feedback, signal.question) == ("down", ANSWERED)


async def test_thumbs_up_records_a_hit_and_drops_the_text(editable: Mentor) -> None:
    replies = await say(editable, ANSWERED)
    replies = await press(editable, choice(replies, "👍"))
    assert "Merci" in joined(replies)
    (signal,) = await rows(editable)
    assert (signal.feedback, signal.question, signal.entry) == ("up", None, "ccp1-presentation")


async def test_someone_elses_feedback_button_records_nothing(editable: Mentor) -> None:
    replies = await say(editable, ANSWERED, user="a")
    replies = await press(editable, choice(replies, "👎"), user="b")
    assert "plus possible" in joined(replies)
    assert [s.feedback for s in await rows(editable)] == [None]


async def test_revue_is_for_admins_only(editable: Mentor) -> None:
    await say(editable, UNSURE)
    assert "réservée aux administrateurs" in joined(await say(editable, "/revue"))


async def test_revue_add_example_answers_the_same_question_in_the_running_bot(
    editable: Mentor,
) -> None:
    before = await say(editable, UNSURE)
    assert "pas sûr" in joined(before)
    replies = await say(editable, "/revue", user=ADMIN)
    assert "1 question" in joined(replies)
    add = choice(replies, "Ajouter comme exemple")
    entry = add.rsplit(":", 1)[1]
    path = editable.settings.mentor_knowledge_dir / "entries" / f"{entry}.md"
    original = path.read_text(encoding="utf-8")
    replies = await press(editable, add, user=ADMIN)
    assert "je vous confirme dans un instant" in joined(replies)
    await live(editable).settled()
    sender = editable.senders["test"]
    assert isinstance(sender, RecordingSender)
    ((chat, confirmation),) = sender.sent
    assert chat == f"chat-{ADMIN}"
    assert "Elle reçoit désormais cette réponse" in confirmation.text, confirmation.text

    after = await say(editable, UNSURE)  # same process, no restart
    assert editable.kb.entries[entry].title in joined(after)
    text = path.read_text(encoding="utf-8")
    front = text.split("---")[1]
    assert yaml.safe_load(front)["questions"][-1] == UNSURE
    assert text.replace(f'  - "{UNSURE}"\n', "") == original  # one line added, nothing else
    async with editable.db.session() as session:
        (change,) = (await session.execute(select(KbChange))).scalars()
    assert (change.action, change.entry, change.detail) == ("add_example", entry, UNSURE)
    assert change.author == "chat:test"
    assert change.author_user_id is not None
    assert next(s.review for s in await rows(editable)) == "added"


async def test_the_trainer_sees_the_topics_asked_this_week_counts_only(editable: Mentor) -> None:
    from tests.unit.test_cohorts import TRAINER, cohort_with_learners

    editable.settings.mentor_admins = "test:admin"
    await cohort_with_learners(editable, ["l1", "l2"], share=True)
    await say(editable, "Bonjour, c'est quoi le CCP1 ? SECRETWORDING", user="l1")
    await say(editable, ANSWERED, user="l2")
    await say(editable, "/aide", user="outsider")
    await say(editable, ANSWERED, user="outsider")  # not in the cohort: not counted
    text = joined(await say(editable, "/cohorte", user=TRAINER))
    title = editable.kb.entries["ccp1-presentation"].title
    assert "Sujets les plus demandés cette semaine" in text
    assert f"- {title} : 2" in text
    assert "SECRETWORDING" not in text


async def test_an_answer_checked_over_a_year_ago_says_so(editable: Mentor) -> None:
    entry = editable.kb.entries["ccp1-presentation"]
    a_year_later = datetime.combine(entry.checked, time(12), tzinfo=UTC).replace(
        year=entry.checked.year + 1
    )
    with time_machine.travel(a_year_later, tick=False):
        assert "il y a plus d'un an" not in joined(await say(editable, ANSWERED))
    with time_machine.travel(a_year_later + timedelta(days=1), tick=False):
        text = joined(await say(editable, ANSWERED))
    source = entry.sources[0].url
    assert f"Information vérifiée il y a plus d'un an : confirmez sur {source}" in text


async def test_help_says_how_long_questions_are_kept_and_that_erasure_covers_them(
    editable: Mentor,
) -> None:
    replies = await say(editable, "/aide")
    text = joined(await press(editable, choice(replies, "Mes données")))
    assert "Vos questions sont gardées 90 jours, sans votre nom ni votre compte" in text
    assert "/effacer_mes_donnees les efface aussi" in text


async def test_an_addition_that_fails_tells_the_admin_and_gives_the_group_back(
    editable: Mentor,
) -> None:
    await say(editable, UNSURE)
    replies = await say(editable, "/revue", user=ADMIN)
    add = choice(replies, "Ajouter comme exemple")
    entry = add.rsplit(":", 1)[1]
    add_example(editable.settings.mentor_knowledge_dir, entry, UNSURE)  # an editor, meanwhile
    replies = await press(editable, add, user=ADMIN)
    assert "Aucune question manquée" in joined(replies)
    await live(editable).settled()
    sender = editable.senders["test"]
    assert isinstance(sender, RecordingSender)
    ((_, told),) = sender.sent
    assert "Ajout impossible : Cette question est déjà un exemple" in told.text
    assert "reviennent dans /revue" in told.text
    assert [s.review for s in await rows(editable)] == [None]
    assert UNSURE in joined(await say(editable, "/revue", user=ADMIN))
