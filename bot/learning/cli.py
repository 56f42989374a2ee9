"""`mentor kb review | add-example | stale | stats`, for the knowledge base's editors.

Wired into the `mentor` parser by `add_parsers` and `run`, so the command line keeps one
entry point wherever it lives.
"""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.settings import Settings

ACTIONS = ("review", "add-example", "stale", "stats")


def add_parsers(kb_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = kb_sub.add_parser("review", help="les questions manquées, groupées par fiche")
    review.add_argument("--json", action="store_true", help="sortie en JSON")
    review.add_argument("--days", type=int, default=7, help="sur N jours (7)")
    add = kb_sub.add_parser("add-example", help="ajouter une question d'exemple à une fiche")
    add.add_argument("entry", help="l'id de la fiche")
    add.add_argument("question", help="la question, entre guillemets")
    add.add_argument("--no-train", action="store_true", help="ne pas réapprendre les poids")
    stale = kb_sub.add_parser("stale", help="les fiches à revérifier, les plus anciennes d'abord")
    stale.add_argument("--months", type=int, default=12, help="vérifiées il y a plus de N mois")
    stats = kb_sub.add_parser("stats", help="réponses, manques, 👍/👎 par fiche")
    stats.add_argument("--days", type=int, default=30, help="sur N jours (30)")


async def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one of ACTIONS; the exit code."""
    if args.kb_command == "stale":
        return _stale(settings, args.months)
    if args.kb_command == "add-example":
        return await _add_example(settings, args.entry, args.question, not args.no_train)
    if args.kb_command == "review":
        return await _review(settings, args.days, args.json)
    return await _stats(settings, args.days)


def _stale(settings: Settings, months: int) -> int:
    from bot.answers.knowledge import load_knowledge
    from bot.answers.reply import format_date
    from bot.learning.staleness import stale_entries

    if months < 0:
        print("--months doit être positif.")
        return 2
    found = stale_entries(load_knowledge(settings.mentor_knowledge_dir), months)
    for entry in found:
        print(f"{format_date(entry.checked)}  {entry.id} — {entry.title}")
        for source in entry.sources:
            print(f"    à revérifier : {source.url}")
    print(f"{len(found)} fiche(s) vérifiée(s) il y a plus de {months} mois.")
    return 0


async def _add_example(settings: Settings, entry: str, question: str, train: bool) -> int:
    from bot.learning.examples import ExampleError, add_example
    from bot.learning.retrain import retrain

    directory = settings.mentor_knowledge_dir
    try:
        added = add_example(directory, entry, question)
    except ExampleError as exc:
        print(f"Non ajouté : {exc}")
        return 1
    print(f"Ajouté à {added.path} : « {added.question} »")
    await _log(settings, added.entry, added.question)
    if not train:
        print("Poids non réappris : lancez `mentor kb train` avant `mentor kb check`.")
        return 0
    print("Réapprentissage des poids (environ 2 minutes)…", flush=True)
    return retrain(directory)


async def _log(settings: Settings, entry: str, question: str) -> None:
    from bot.learning.changes import log_change
    from bot.storage.database import Database

    db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    try:
        await db.upgrade()
        async with db.session() as session:
            await log_change(
                session,
                action="add_example",
                author=f"cli:{getpass.getuser()}",
                entry=entry,
                detail=question,
            )
    finally:
        await db.dispose()


async def _review(settings: Settings, days: int, as_json: bool) -> int:
    from bot.answers.knowledge import load_knowledge
    from bot.answers.service import Answerer
    from bot.learning.review import week_groups
    from bot.storage.database import Database

    kb = load_knowledge(settings.mentor_knowledge_dir)
    answerer = Answerer(kb)
    db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    try:
        await db.upgrade()
        async with db.session() as session:
            groups = await week_groups(session, answerer, days)
    finally:
        await db.dispose()
    if as_json:
        print(json.dumps([g.as_json() for g in groups], ensure_ascii=False, indent=1))
        return 0
    for number, group in enumerate(groups, start=1):
        entry = kb.entries.get(group.entry or "")
        about = f"{entry.id} ({entry.title})" if entry else "sans fiche proche"
        downs = f", dont {group.downs} 👎" if group.downs else ""
        print(f"{number}. {group.count} × {about}{downs}")
        for question in group.questions:
            print(f"   - « {question} »")
    total = sum(g.count for g in groups)
    print(f"{total} question(s) manquée(s) en {days} jours, {len(groups)} groupe(s).")
    if groups:
        print('Pour en ajouter une : mentor kb add-example FICHE "question"')
    return 0


async def _stats(settings: Settings, days: int) -> int:
    from bot.learning.changes import recent
    from bot.learning.stats import entry_stats
    from bot.storage.database import Database
    from bot.storage.types import utcnow

    db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    try:
        await db.upgrade()
        async with db.session() as session:
            totals = await entry_stats(session, utcnow() - timedelta(days=days))
            changes = await recent(session, 10)
    finally:
        await db.dispose()
    print(f"{days} derniers jours : {totals.questions} question(s), {totals.people} personne(s).")
    print(f"{'fiche':<44} réponses  manques  👍  👎")
    rows = sorted(totals.per_entry.items(), key=lambda kv: (-kv[1].answers, -kv[1].misses, kv[0]))
    for entry, c in rows:
        print(f"{entry[:44]:<44} {c.answers:>8} {c.misses:>8} {c.up:>3} {c.down:>3}")
    if changes:
        print("Dernières modifications :")
    for change in changes:
        when = change.at.astimezone(ZoneInfo(settings.mentor_timezone)).strftime("%d/%m/%Y %H:%M")
        what = f" {change.entry}" if change.entry else ""
        print(f"- {when} {change.author} {change.action}{what} : {change.detail[:80]}")
    return 0
