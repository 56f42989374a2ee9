"""The `mentor` command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


class Cli:
    """`python -m mentor.cli` in an empty folder with a clean environment: no developer's `.env`,
    `data/` or MENTOR_* variable can reach (or be migrated by) the command under test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(self.folder),
            **(extra or {}),
        }

    def __call__(
        self, *args: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mentor.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.folder,
            env=self.env(env),
            timeout=60,
            check=False,
        )


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    folder = tmp_path / "cwd"
    folder.mkdir()
    return Cli(folder)


def test_version_prints_the_version(run: Cli) -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("mentor ")


def test_ask_json_prints_one_object_with_the_contract_fields(run: Cli) -> None:
    result = run("ask", "--json", "c'est quoi le CCP1 ?")
    assert result.returncode == 0
    answer = json.loads(result.stdout)
    assert set(answer) == {"text", "entry", "score", "sources", "fallback", "alternatives"}
    assert isinstance(answer["alternatives"], list)


def test_ask_batch_answers_one_line_per_question(run: Cli) -> None:
    result = run("ask", "--json", stdin="bonjour\nc'est quoi le CCP1 ?\n\nrecette de crêpes\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 4
    assert [a["fallback"] for a in answers] == [False, False, True, True]
    assert answers[0]["text"].startswith("Bonjour ! Je suis Mentor")
    assert "CCP1" in answers[1]["text"]
    assert answers[1]["sources"]


def test_invalid_setting_gives_one_line_naming_the_variable(run: Cli) -> None:
    result = run("ask", "bonjour", env={"MENTOR_TIMEZONE": "Mars/Olympus"})
    assert result.returncode == 2
    assert "MENTOR_TIMEZONE" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_run_without_transport_says_so_and_fails(run: Cli, tmp_path: Path) -> None:
    result = run(
        "run",
        env={"TELEGRAM_BOT_TOKEN": "", "MATRIX_HOMESERVER": "", "MENTOR_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "Aucun transport configuré" in result.stderr


def test_db_upgrade_creates_the_sqlite_file(run: Cli, tmp_path: Path) -> None:
    result = run("db", "upgrade", env={"MENTOR_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert (tmp_path / "mentor.sqlite3").exists()


def test_the_default_database_is_in_the_working_folder_not_the_checkout(run: Cli) -> None:
    result = run("db", "upgrade")
    assert result.returncode == 0, result.stderr[-300:]
    assert (run.folder / "data" / "mentor.sqlite3").exists()


def test_chat_works_when_stdin_is_a_pipe(run: Cli, tmp_path: Path) -> None:
    result = run("chat", stdin="bonjour\n/aide\n1\n", env={"MENTOR_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "Bonjour" in result.stdout
    assert "/aide" in result.stdout


def test_unknown_subcommand_exits_with_usage_error(run: Cli) -> None:
    result = run("fly")
    assert result.returncode == 2


def test_batch_answers_every_line_despite_an_invalid_byte_under_strict_utf8(run: Cli) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mentor.cli", "ask", "--json"],
        input=b"bonjour\n\xff\xfe invalide\nc'est quoi le CCP1 ?\n",
        capture_output=True,
        cwd=run.folder,
        env=run.env({"PYTHONIOENCODING": "utf-8:strict"}),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-300:]
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3
    assert "CCP1" in json.loads(lines[2])["text"]


def test_database_down_at_start_gives_one_line_naming_it_and_fails(
    run: Cli, tmp_path: Path
) -> None:
    down = "postgresql+asyncpg://mentor:secret@127.0.0.1:1/mentor"
    for args in (("db", "upgrade"), ("nudges", "due"), ("nudges", "run-once"), ("run",)):
        result = run(
            *args,
            env={
                "MENTOR_DATABASE_URL": down,
                "MENTOR_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:abc",
                "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot",
                "MENTOR_HEALTH_PORT": "0",
            },
        )
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0, args
        assert len(lines) == 1, (args, result.stderr[-500:])
        assert "127.0.0.1:1" in lines[0]
        assert "secret" not in lines[0]


def test_ask_batch_ends_quietly_when_the_reader_stops_reading(run: Cli) -> None:
    # `mentor ask --json < questions.txt | head -1`: the pipe closes after the first answer.
    with subprocess.Popen(
        [sys.executable, "-m", "mentor.cli", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=run.folder,
        env=run.env(),
    ) as proc:
        assert proc.stdin is not None
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdin.write(b"c'est quoi le CCP1 ?\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["entry"]
        proc.stdout.close()
        proc.stdin.write(b"et le CCP2 ?\n" * 50)
        proc.stdin.close()
        errors = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in errors
