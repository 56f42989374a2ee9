"""An admin reviews ten misses with /revue: a transcript, and how long each step takes.

Ten questions from six people miss (unsure, out of scope, a tie, 👎); the admin types
/revue and settles every group with its buttons, in one running bot, on a throw-away
copy of the knowledge base and a throw-away SQLite file. Then the same questions are
asked again, and the files' diff and the change log are printed.

Run: .venv/bin/python benchmarks/review_session.py
"""

from __future__ import annotations

import asyncio
import difflib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.console import render  # noqa: E402
from bot.answers.knowledge import load_knowledge  # noqa: E402
from bot.app import Mentor  # noqa: E402
from bot.learning.live import live  # noqa: E402
from bot.messages import Incoming, Reply  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.storage.database import Database  # noqa: E402
from bot.storage.models import KbChange, Signal  # noqa: E402
from tests.support.nudges import RecordingSender  # noqa: E402

ADMIN = "admin"
MISSES = [
    ("lea", "on est payé combien en tant que conseiller numérique", None),
    ("marc", "On est payé combien, en tant que conseiller numérique ?", None),
    ("lea", "je peux faire le titre en alternance ?", None),
    ("sofia", "je peux préparer le titre en alternance", None),
    ("yann", "recette de la tarte aux pommes", None),
    ("marc", "quelle note faut il pour avoir le titre", None),
    ("ines", "la VAE pour le REMN c'est long ?", "👎"),
    ("ines", "mon formateur est absent qui contacter", None),
    ("paul", "comment on fait un PIX pour mes usagers", "👎"),
    ("paul", "Pix pour les usagers, on s'y prend comment ?", "👎"),
]
events = iter(range(1, 10_000))


def incoming(user: str, text: str = "", button: str | None = None) -> Incoming:
    return Incoming(
        "console",
        f"chat-{user}",
        user,
        text,
        user.title(),
        button_data=button,
        event_id=f"ev-{next(events)}",
    )


def show(who: str, said: str, replies: list[Reply]) -> None:
    print(f"\n{who} > {said}")
    for reply in replies:
        print("  " + render(reply).replace("\n", "\n  "))


async def press(app: Mentor, user: str, replies: list[Reply], label: str) -> list[Reply]:
    data = next(c.data for r in replies for c in r.choices if label in c.label)
    out = await app.handle(incoming(user, button=data))
    show(user, f"[{label}]", out)
    return out


async def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mentor-review-"))
    knowledge = folder / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    settings = load_settings(
        mentor_database_url=f"sqlite+aiosqlite:///{folder / 'mentor.sqlite3'}",
        mentor_data_dir=folder,
        mentor_knowledge_dir=knowledge,
        mentor_admins=f"console:{ADMIN}",
        mentor_kb_retrain=False,
        _env_file=None,
    )
    app = Mentor(settings, Database(settings.database_url), load_knowledge(knowledge))
    sender = RecordingSender()
    app.senders["console"] = sender
    await app.start()
    print("=== Ten questions that miss ===")
    for user, text, feedback in MISSES:
        replies = await app.handle(incoming(user, text))
        show(user, text, replies)
        if feedback:
            await press(app, user, replies, feedback)

    print("\n=== The admin reviews ===")
    timings: list[float] = []
    replies = await app.handle(incoming(ADMIN, "/revue"))
    show(ADMIN, "/revue", replies)
    while replies and any(c.label == "Ignorer" for c in replies[-1].choices):
        group = replies[-1]
        first = group.text.split("« ", 1)[1]
        if "tarte" in first:
            replies = await press(app, ADMIN, [group], "Hors sujet")
        elif "alternance" in first or "formateur est absent" in first:
            replies = await press(app, ADMIN, [group], "Ignorer")
        elif "payé combien" in first:
            others = await press(app, ADMIN, [group], "Autre entrée")
            started = time.perf_counter()
            replies = await press(app, ADMIN, others, "rémunéré")
            await live(app).settled()
            timings.append(time.perf_counter() - started)
            show("(bot → admin, a moment later)", "", [sender.sent[-1][1]])
        elif any(c.label.startswith("Ajouter") for c in group.choices):
            started = time.perf_counter()
            replies = await press(app, ADMIN, [group], "Ajouter comme exemple")
            await live(app).settled()
            timings.append(time.perf_counter() - started)
            show("(bot → admin, a moment later)", "", [sender.sent[-1][1]])
        else:
            replies = await press(app, ADMIN, [group], "Ignorer")

    print("\n=== The same questions, asked again in the same running bot ===")
    for _, text, _ in MISSES:
        answer = app.answerer.answer(text)
        print(f"- « {text} » → {answer.entry or answer.kind.value}")

    print("\n=== Files changed ===")
    for path in sorted((knowledge / "entries").glob("*.md")):
        before = (ROOT / "knowledge" / "entries" / path.name).read_text(encoding="utf-8")
        after = path.read_text(encoding="utf-8")
        if before != after:
            sys.stdout.writelines(
                difflib.unified_diff(
                    before.splitlines(True),
                    after.splitlines(True),
                    f"a/{path.name}",
                    f"b/{path.name}",
                    n=1,
                )
            )
    async with app.db.session() as session:
        changes = (await session.execute(select(KbChange).order_by(KbChange.id))).scalars()
        print("\n=== Change log (kb_changes) ===")
        for c in changes:
            print(
                f"- {c.at:%H:%M:%S} {c.author} (user #{c.author_user_id}) {c.action} "
                f"{c.entry or ''} {c.detail}"
            )
        rows = (await session.execute(select(Signal))).scalars().all()
        print(f"\nsignals: {len(rows)}; reviewed: {sum(r.review is not None for r in rows)}")
    if timings:
        print("example added, checked and live: " + ", ".join(f"{t:.1f} s" for t in timings))
    await app.stop()
    shutil.rmtree(folder)


if __name__ == "__main__":
    asyncio.run(main())
