"""An entry as the bot sends it: its answer with sources and check date, "En savoir plus"
and the entries offered one tap away as buttons; and its details, asked by that button."""

from __future__ import annotations

from collections.abc import Mapping

from bot import buttons
from bot.answers.knowledge import Entry
from bot.answers.reply import MORE_PREFIX, SHOW_PREFIX, Also, Answer, AnswerKind, render_entry
from bot.messages import Choice


def entry_reply(
    entry: Entry,
    entries: Mapping[str, Entry],
    score: float = 1.0,
    alternatives: tuple[str, ...] = (),
    detail: str = "",
    also: Also | None = None,
    verdict: str = "",
) -> Answer:
    """The answer; `detail`, the sentence of its details the question asked about."""
    choices: list[Choice] = []
    if entry.more:
        choices.append(Choice("En savoir plus", buttons.build(MORE_PREFIX, entry.id)))
    for other in alternatives:
        title = entries[other].title
        choices.append(Choice(f"Voir aussi : {title}"[:64], buttons.build(SHOW_PREFIX, other)))
    return Answer(
        kind=AnswerKind.ANSWER,
        text=render_entry(entry, detail, also, verdict),
        entry=entry.id,
        score=round(score, 4),
        sources=tuple(
            s.url for s in (*entry.sources, *(also.sources_beside(entry.sources) if also else ()))
        ),
        choices=tuple(choices),
        alternatives=alternatives,
    )


def more_reply(entry: Entry) -> Answer:
    """The entry's details (its short text when it has none), with all its sources."""
    text = entry.more or entry.short
    body = f"**{entry.title} — en savoir plus**\n{text}\n\n" + "\n".join(
        f"Source : {s.title} — {s.url}" for s in entry.sources
    )
    return Answer(
        kind=AnswerKind.ANSWER,
        text=body,
        entry=entry.id,
        score=1.0,
        sources=tuple(s.url for s in entry.sources),
    )
