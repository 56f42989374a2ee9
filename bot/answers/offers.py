"""What an answer puts one tap away: the other questions of the message, close runners-up
and their gist, or the closest topics when the bot is unsure."""

from __future__ import annotations

from dataclasses import dataclass

from bot import buttons
from bot.answers.extract import Query
from bot.answers.knowledge import Entry
from bot.answers.other_questions import Asked, offered
from bot.answers.passage import Details
from bot.answers.ranker import MIN_ALTERNATIVE, Thresholds
from bot.answers.ranking import Ranked
from bot.answers.reply import SHOW_PREFIX, Also
from bot.messages import Choice

MAX_ALTERNATIVES = 2
TOPICS = 3


@dataclass(frozen=True, slots=True)
class Offers:
    entries: dict[str, Entry]
    thresholds: Thresholds
    details: Details

    def topics(self, ranked: Ranked) -> tuple[str, ...]:
        """The closest entries, offered as topics when the bot is unsure."""
        return tuple(e for _, e in ranked.scored if e in self.entries)[:TOPICS]

    def topic_choices(self, topics: tuple[str, ...]) -> tuple[Choice, ...]:
        return tuple(
            Choice(self.entries[e].title[:60], buttons.build(SHOW_PREFIX, e)) for e in topics
        )

    def alternatives(self, asked: tuple[Asked, ...], ranked: Ranked, best: str) -> tuple[str, ...]:
        """Other questions of the message first, then close runners-up."""
        choices = offered(asked, best, self.thresholds.unsure, self.entries)
        p1 = ranked.scored[0][0]
        for p, entry_id in ranked.scored[1:]:
            if p < max(MIN_ALTERNATIVE, self.thresholds.alternative * p1):
                break
            if entry_id in self.entries and entry_id != best and entry_id not in choices:
                choices.append(entry_id)
        return tuple(choices[:MAX_ALTERNATIVES])

    def close_runner_up(self, ranked: Ranked, query: Query) -> Also | None:
        """The runner-up's gist, when it is close enough to hold the answer about one time
        in five (chosen by cross-validation): "le dernier bloc" may be the CCP3's summary
        or one of its competencies."""
        if len(ranked.scored) < 2:
            return None
        (p1, _), (p2, second) = ranked.scored[:2]
        if second not in self.entries or p2 < self.thresholds.runner_up * p1:
            return None
        return self.gist(second, query)

    def gist(self, entry_id: str, query: Query) -> Also:
        entry = self.entries[entry_id]
        return Also(entry, self.details.gist(entry, query))
