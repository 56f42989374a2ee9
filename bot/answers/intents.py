"""Requests for the bot's own features, as examples in `knowledge/intents.yaml`.

"je veux noter une preuve" is not a question about the titre: it asks for /preuve. Each
intent has example phrasings (the ranker learns from them like from an entry's) and
keywords, one of which the message must contain ("modifier le titre" is not
"modifier une preuve"), and, for some, a word of what is asked of it (`needs`): a
trainer's "pour ma cohorte, quelles compétences du CCP2 ?" names the cohort and asks
nothing of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.answers.loading import MIN_QUESTIONS, as_str_list, load_yaml


@dataclass(frozen=True, slots=True)
class Intent:
    """A feature of the bot asked for in words ("je veux noter une preuve" -> /preuve)."""

    id: str
    command: str
    title: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...] = ()  # at least one must be in the message
    # Words that put the request on another service ("mon compte Ameli"): none may be there.
    not_with: tuple[str, ...] = ()
    # When given, one of these must be there too: what is done to the keyword's object
    # ("rejoindre", "créer", "quitter" a cohort), not only the object named.
    needs: tuple[str, ...] = ()


INTENT_PREFIX = "intent-"


def load_intents(path: Path, problems: list[str], entry_ids: set[str]) -> dict[str, Intent]:
    if not path.exists():
        return {}
    data = load_yaml(path, problems)
    if not isinstance(data, dict) or not isinstance(data.get("intents"), list):
        if data is not None:
            problems.append(f"{path.name} : liste « intents » attendue")
        return {}
    intents: dict[str, Intent] = {}
    for raw in data["intents"]:
        command = str(raw.get("command", "")).strip() if isinstance(raw, dict) else ""
        if not re.fullmatch(r"[a-z_]+", command):
            problems.append(f"{path.name} : commande invalide « {command} »")
            continue
        assert isinstance(raw, dict)
        intent_id = INTENT_PREFIX + command.replace("_", "-")
        questions = tuple(as_str_list(raw.get("questions")))
        if len(questions) < MIN_QUESTIONS:
            problems.append(f"{path.name} : au moins {MIN_QUESTIONS} exemples pour /{command}")
        if intent_id in intents or intent_id in entry_ids:
            problems.append(f"{path.name} : commande en double « {command} »")
            continue
        title = str(raw.get("title", "")).strip() or f"/{command}"
        keywords = tuple(as_str_list(raw.get("keywords")))
        if not keywords:
            problems.append(f"{path.name} : mots-clés manquants pour /{command}")
        not_with = tuple(as_str_list(raw.get("not_with")))
        needs = tuple(as_str_list(raw.get("needs")))
        intents[intent_id] = Intent(intent_id, command, title, questions, keywords, not_with, needs)
    return intents
