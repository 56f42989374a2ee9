"""The `mentor` command line. Imports are lazy so that `mentor ask` starts fast."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import __version__
from bot.learning import cli as learning_cli

if TYPE_CHECKING:
    from bot.answers.knowledge import KnowledgeBase
    from bot.settings import Settings


def _settings() -> Settings:
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from None


def _knowledge() -> KnowledgeBase:
    from bot.answers.knowledge import load_knowledge

    settings = _settings()
    return load_knowledge(settings.mentor_knowledge_dir)


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.answers.service import Answerer

    settings = _settings()
    kb = _knowledge()
    answerer = Answerer.cached(kb, Path(settings.mentor_data_dir) / "cache")

    def emit(question: str, out: TextIO) -> None:
        answer = answerer.answer(question)
        if args.json:
            out.write(json.dumps(answer.as_json(), ensure_ascii=False) + "\n")
        else:
            from adapters.console import render
            from bot.messages import Reply

            out.write(render(Reply(answer.text, choices=answer.choices)) + "\n")
        out.flush()

    # Whatever the locale says, read and write UTF-8; an invalid byte becomes U+FFFD in
    # its own line instead of ending the whole batch.
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args.question:
            emit(" ".join(args.question), sys.stdout)
            return 0
        answerer.warm()  # a batch: its first messages should not pay for what all share
        for line in sys.stdin:
            emit(line.rstrip("\n"), sys.stdout)
    except BrokenPipeError:
        # The reader stopped reading (`mentor ask --json < q.txt | head -1`): that is an
        # end, not an error. Later writes (at exit) go nowhere instead of raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_kb_check(args: argparse.Namespace) -> int:  # noqa: ARG001 - every subcommand takes the parsed arguments
    from bot.answers.checks import check_knowledge

    kb = _knowledge()
    report = check_knowledge(kb)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def cmd_kb_train(args: argparse.Namespace) -> int:  # noqa: ARG001 - every subcommand takes the parsed arguments
    from bot.answers.ranker import FILE_NAME
    from bot.answers.tuning import train_model

    kb = _knowledge()
    assert kb.directory is not None
    if kb.problems:
        print("Corrigez d'abord la base (mentor kb check).", file=sys.stderr)
        return 1
    model = train_model(kb)
    (kb.directory / FILE_NAME).write_text(model.to_yaml(), encoding="utf-8")
    print(json.dumps(model.report, ensure_ascii=False, indent=1))
    print(f"Écrit : {kb.directory / FILE_NAME}")
    return 0


def _run_async(coro: object) -> int:
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from sqlalchemy.exc import SQLAlchemyError

    try:
        result: object = asyncio.run(coro)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        return 130
    except (SQLAlchemyError, OSError) as exc:
        # A database that is down or refuses us: one line saying which, not a traceback.
        print(_database_problem(exc), file=sys.stderr)
        return 3
    return int(result) if isinstance(result, int) else 0


def _database_problem(exc: BaseException) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from bot.storage.database import storage_problem

    settings = _settings()
    try:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
    except ArgumentError:
        where = "(adresse illisible)"
    return f"Base de données injoignable : {where} — {storage_problem(exc)}"


def cmd_db_backup(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, backup

    settings = _settings()
    try:
        size = backup(settings.database_url, args.path)
    except BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Sauvegarde écrite : {args.path} ({size // 1024} Kio).")
    return 0


async def _db_upgrade() -> int:
    from bot.storage.database import Database

    settings = _settings()
    db = Database(settings.database_url, settings.mentor_db_lock_timeout_seconds)
    try:
        await db.upgrade()
    finally:
        await db.dispose()
    print("Base de données à jour.")
    return 0


async def _chat() -> int:
    from adapters.console import ConsoleAdapter
    from bot.app import Mentor

    settings = _settings()
    mentor = Mentor.create(settings)
    await mentor.start()
    try:
        await ConsoleAdapter(mentor).run()
    finally:
        await mentor.stop()
    return 0


async def _run() -> int:
    from mentor.runner import run_all

    settings = _settings()
    from bot.ops.logs import configure

    configure(settings)
    return await run_all(settings)


async def _doctor() -> int:
    from adapters.doctor import doctor

    settings = _settings()
    return await doctor(settings)


async def _nudges(action: str) -> int:
    from bot.app import Mentor
    from bot.nudges.ops import due_lines, report_line
    from bot.storage.types import utcnow

    settings = _settings()
    mentor = Mentor.create(settings)
    await mentor.start()
    try:
        if action == "due":
            print("\n".join(await due_lines(mentor.db, utcnow())))
            return 0
        import logging

        from adapters.run import run_once

        # A failed wave is told below, in one line: not also in the service's log.
        logging.getLogger("bot.nudges.service").setLevel(logging.ERROR)
        report = await run_once(mentor, settings)
        if report is None:
            return 2
        print(report_line(report))
        if report.storage_error is not None:
            problem = _database_problem(report.storage_error)
            print(f"{problem} ; envoi interrompu, relancez quand elle répond.", file=sys.stderr)
            return 3
        return 0
    finally:
        await mentor.stop()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentor",
        description="Mentor : l'assistant des conseillers numériques pour le titre REMN.",
    )
    parser.add_argument("--version", action="version", version=f"mentor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    sub.add_parser("chat", help="discuter avec le bot dans le terminal")
    ask = sub.add_parser("ask", help="poser une question (sans argument : une par ligne sur stdin)")
    ask.add_argument("question", nargs="*", help="la question")
    ask.add_argument("--json", action="store_true", help="réponse en JSON")
    sub.add_parser("run", help="lancer les transports configurés et les rappels")
    sub.add_parser("doctor", help="vérifier réglages, base, transports et ports")

    kb = sub.add_parser("kb", help="base de connaissances")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    kb_sub.add_parser("check", help="valider la base de connaissances")
    kb_sub.add_parser("train", help="réapprendre le classement à partir des exemples")
    learning_cli.add_parsers(kb_sub)  # review, add-example, stale, stats (issue 17)

    nudges = sub.add_parser("nudges", help="rappels hebdomadaires")
    nudges_sub = nudges.add_subparsers(dest="nudges_command", metavar="ACTION")
    nudges_sub.add_parser("due", help="lister les rappels à envoyer")
    nudges_sub.add_parser("run-once", help="envoyer une fois les rappels dus")

    db = sub.add_parser("db", help="base de données")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_sub.add_parser("upgrade", help="appliquer les migrations")
    backup = db_sub.add_parser("backup", help="copier la base SQLite (à chaud) vers PATH")
    backup.add_argument("path", type=Path, help="fichier à créer")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "ask":
        return cmd_ask(args)
    if args.command == "kb" and args.kb_command == "check":
        return cmd_kb_check(args)
    if args.command == "kb" and args.kb_command == "train":
        return cmd_kb_train(args)
    if args.command == "kb" and args.kb_command in learning_cli.ACTIONS:
        return _run_async(learning_cli.run(args, _settings()))
    if args.command == "db" and args.db_command == "upgrade":
        return _run_async(_db_upgrade())
    if args.command == "db" and args.db_command == "backup":
        return cmd_db_backup(args)
    if args.command == "nudges" and args.nudges_command in ("due", "run-once"):
        return _run_async(_nudges(args.nudges_command))
    if args.command == "chat":
        return _run_async(_chat())
    if args.command == "run":
        return _run_async(_run())
    if args.command == "doctor":
        return _run_async(_doctor())
    if args.command in ("kb", "db", "nudges"):
        parser.parse_args([args.command, "--help"])
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
