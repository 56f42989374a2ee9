"""What the DP draft holds, independent of its format.

An example of practice goes once under the activité-type (CCP) where most of its
competencies lie; the other CCPs it touches point to it. Gaps are counted on every
competency an example shows, as the jury would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.answers.knowledge import Ccp, Competency, Referentiel
from bot.journal.coverage import TARGET_PER_COMPETENCY
from bot.journal.dates import find_date, french_date, tidy

TITLE_MAX = 70
TITLE = "Titre professionnel Médiateur numérique (anciennement REMN)"
TO_FILL = "[À compléter]"

# The five headings of each example in the official model (facts.md §3).
HEADINGS = (
    "1. Tâches ou opérations effectuées, et dans quelles conditions",
    "2. Moyens utilisés",
    "3. Avec qui avez-vous travaillé ?",
    "4. Contexte",
    "5. Informations complémentaires (facultatif)",
)
HOW_TO_USE = (
    "Ce document est un brouillon préparé par Mentor à partir de votre journal de preuves. "
    "Il ne remplace pas le Dossier Professionnel officiel : recopiez et complétez chaque "
    "exemple dans le modèle officiel (fourni par votre centre de formation ou sur le site du "
    "ministère du Travail), en gardant sa structure et ses textes imprimés. Reformulez avec "
    "vos mots, remplacez chaque « [À compléter] », et tenez chaque exemple en trois pages au "
    "plus. Les rubriques suivent le modèle tel qu'il est couramment reproduit : vérifiez-les "
    "sur votre édition."
)


@dataclass(frozen=True, slots=True)
class Attached:
    """A document illustrating an example; `image` holds a photo the DOCX can show."""

    name: str
    caption: str = ""
    image: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class DpExample:
    """One journal entry, in the user's words."""

    number: int  # the journal's entry number, shown so the user finds it again
    occurred_on: date
    text: str
    competencies: tuple[str, ...]
    conditions: str = ""
    means: str = ""
    audience: str = ""  # with whom, for which public
    organisation: str = ""  # and service, as the user wrote it
    ended_on: date | None = None
    result: str = ""
    logged_on: date | None = None  # what relative words in the text count from
    attachments: tuple[Attached, ...] = ()

    @property
    def title(self) -> str:
        first = self.tasks.split(". ")[0].rstrip(".")
        return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"

    @property
    def tasks(self) -> str:
        """The text with a date it holds ("hier") dropped when it is the example's own
        date, else followed by the day it meant: the draft never says "hier" alone."""
        found = find_date(self.text, self.logged_on or self.occurred_on)
        if found is None:
            return tidy(self.text)
        if found.day == self.occurred_on:
            return tidy(self.text[: found.start] + " " + self.text[found.end :])
        said = f"{self.text[found.start : found.end]} ({_short_date(found.day)})"
        return tidy(self.text[: found.start] + said + self.text[found.end :])

    @property
    def period(self) -> str:
        if self.ended_on and self.ended_on != self.occurred_on:
            return f"du {_short_date(self.occurred_on)} au {_short_date(self.ended_on)}"
        return f"le {french_date(self.occurred_on)}"


def _short_date(day: date) -> str:
    return french_date(day).split(" ", 1)[1]


@dataclass(frozen=True, slots=True)
class Reference:
    """An example shown under another CCP: where to find it."""

    example: DpExample
    ccp: str
    index: int


@dataclass(frozen=True, slots=True)
class ActivityType:
    ccp: Ccp
    examples: tuple[DpExample, ...]
    see_also: tuple[Reference, ...] = ()


@dataclass(frozen=True, slots=True)
class DpPlan:
    owner: str
    today: date
    activities: tuple[ActivityType, ...]
    counts: Counter[str]
    without_example: tuple[Competency, ...]
    below_target: tuple[Competency, ...]
    competencies: dict[str, Competency] = field(default_factory=dict)
    target: int = TARGET_PER_COMPETENCY

    @property
    def examples(self) -> list[DpExample]:
        return [e for a in self.activities for e in a.examples]

    def label(self, code: str) -> str:
        comp = self.competencies.get(code)
        return f"{code} {comp.title}" if comp else code


def _home(example: DpExample, referentiel: Referentiel, placed: dict[str, list[DpExample]]) -> str:
    """The CCP holding most of the example's competencies; on a tie the one with fewer
    examples so far (a meeting with a partner tagged C1.3 and C2.3 fills the thinner
    activité-type), then référentiel order. "" when it shows none."""
    best: tuple[int, int, int] | None = None
    home = ""
    for order, ccp in enumerate(referentiel.ccps):
        mine = sum(1 for c in ccp.competencies if c.code in example.competencies)
        key = (-mine, len(placed[ccp.code]), order)
        if mine and (best is None or key < best):
            best, home = key, ccp.code
    return home


def plan(
    referentiel: Referentiel, examples: Sequence[DpExample], owner: str, today: date
) -> DpPlan:
    ordered = sorted(examples, key=lambda e: (e.occurred_on, e.number))
    placed: dict[str, list[DpExample]] = {ccp.code: [] for ccp in referentiel.ccps}
    for example in ordered:
        home = _home(example, referentiel, placed)
        if home:
            placed[home].append(example)
    where = {e.number: (ccp, i) for ccp, exs in placed.items() for i, e in enumerate(exs, 1)}
    activities = []
    for ccp in referentiel.ccps:
        codes = {c.code for c in ccp.competencies}
        others = tuple(
            Reference(e, *where[e.number])
            for e in ordered
            if e.number in where and where[e.number][0] != ccp.code and codes & set(e.competencies)
        )
        activities.append(ActivityType(ccp, tuple(placed[ccp.code]), others))
    counts: Counter[str] = Counter(c for e in examples for c in set(e.competencies))
    comps = [c for ccp in referentiel.ccps for c in ccp.competencies]
    return DpPlan(
        owner=owner,
        today=today,
        activities=tuple(activities),
        counts=counts,
        without_example=tuple(c for c in comps if counts[c.code] == 0),
        below_target=tuple(c for c in comps if 0 < counts[c.code] < TARGET_PER_COMPETENCY),
        competencies=referentiel.competencies,
    )


def sections(example: DpExample) -> list[tuple[str, list[str]]]:
    """The five headings of the model, each with its lines ("[À compléter]" when the
    journal has nothing for a mandatory one)."""
    tasks = [example.tasks]
    if example.conditions:
        tasks.append(f"Conditions : {tidy(example.conditions)}")
    context = [
        f"Organisme et service : {tidy(example.organisation) or TO_FILL}",
        f"Période d'exercice : {example.period}",
    ]
    extra = [f"Résultat : {tidy(example.result)}"] if example.result else []
    extra += [f"Document joint : {a.name}" for a in example.attachments]
    bodies = [tasks, [tidy(example.means) or TO_FILL], [tidy(example.audience) or TO_FILL]]
    return list(zip(HEADINGS, [*bodies, context, extra], strict=True))
