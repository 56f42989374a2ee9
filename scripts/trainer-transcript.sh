#!/usr/bin/env bash
# Regenerates docs/trainer-first-ten-minutes.md: the trainer's first story, played on the
# Telegram emulator by the end-to-end test, writes what each person sent and received.
set -euo pipefail
cd "$(dirname "$0")/.."
MENTOR_WRITE_TRANSCRIPT=1 .venv/bin/python -m pytest -q \
  "tests/e2e/telegram/test_telegram_trainer_story.py::test_a_trainers_first_ten_minutes_without_typing_an_id"
echo "written: docs/trainer-first-ten-minutes.md"
