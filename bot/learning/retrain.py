"""`python -m bot.learning.retrain DIR`: relearn the ranker's weights of a knowledge base.

Run in its own process after an example is added from the chat, so that the ~1.5 min of
training never holds the bot's event loop (nor its interpreter lock).
"""

from __future__ import annotations

import sys
from pathlib import Path


def retrain(directory: Path) -> int:
    from bot.answers.knowledge import load_knowledge
    from bot.answers.ranker import FILE_NAME
    from bot.answers.tuning import train_model

    kb = load_knowledge(directory)
    if kb.problems:
        print("Corrigez d'abord la base (mentor kb check).", file=sys.stderr)
        return 1
    model = train_model(kb)
    partial = directory / f".{FILE_NAME}.tmp"
    partial.write_text(model.to_yaml(), encoding="utf-8")
    partial.replace(directory / FILE_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(retrain(Path(sys.argv[1])))
