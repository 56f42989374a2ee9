"""From a question to an answer: small talk, scope, confidence, ties, rendering."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from bot.answers.knowledge import Entry, KnowledgeBase
from bot.answers.search import SearchIndex, SearchResult
from bot.answers.smalltalk import SmallTalk, classify, strip_greeting
from bot.messages import Choice

# Calibrated on tests/eval/questions.yaml and the public sample: with a domain word
# in the question, 0.3 of its information explained is enough to answer; without one
# the bot needs more, since out-of-scope questions rarely carry a domain word.
CONFIDENT = 0.3
UNANCHORED_CONFIDENT = 0.55
# Questions of the form "…, c'est quel CCP ?" about one activity.
WHICH_WORDS = frozenset({"quel", "quelle", "lequel", "laquelle", "ou", "quoi", "correspond"})
WHICH_CCP_CONFIDENT = 0.18
TIE_RATIO = 0.99  # scores this close, from entries with no tag in common: ask
TIE_CONFIDENCE_GAP = 0.03
QUESTION_MAX_CHARS = 1000
MORE_PREFIX = "kb:more:"
SHOW_PREFIX = "kb:show:"

SCOPE_SUMMARY = (
    "le titre professionnel REMN (devenu _Médiateur numérique_ en 2025) : les CCP, "
    "l'examen, le dossier professionnel, le financement de la formation (CPF, France Travail, "
    "Région, OPCO, Transitions Pro, VAE) et votre journal de preuves"
)


class AnswerKind(StrEnum):
    ANSWER = "answer"
    UNSURE = "unsure"
    OUT_OF_SCOPE = "out_of_scope"
    TIE = "tie"
    SMALLTALK = "smalltalk"
    INVALID = "invalid"
    FEATURE = "feature"  # the user asked, in words, for one of the bot's own features


@dataclass(frozen=True, slots=True)
class Answer:
    kind: AnswerKind
    text: str
    entry: str | None = None
    score: float = 0.0
    sources: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    smalltalk: SmallTalk | None = None
    # FEATURE: the command the user asked for in words ("preuve", "rappel", "couverture",
    # "cohorte"…), for the command layer to offer as a choice; never run without a tap.
    command: str | None = None
    # Entries offered as "Voir aussi" after the answer, best first.
    alternatives: tuple[str, ...] = ()

    @property
    def fallback(self) -> bool:
        return self.kind in (AnswerKind.UNSURE, AnswerKind.OUT_OF_SCOPE, AnswerKind.INVALID)

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "entry": self.entry,
            "score": self.score,
            "sources": list(self.sources),
            "fallback": self.fallback,
            "alternatives": list(self.alternatives),
        }


SMALLTALK_REPLIES = {
    SmallTalk.GREETING: (
        "Bonjour ! Je suis Mentor, votre assistant pour le titre REMN (Médiateur numérique). "
        "Posez-moi une question, par exemple « C'est quoi le CCP1 ? », ou tapez /aide."
    ),
    SmallTalk.THANKS: "Avec plaisir ! N'hésitez pas si vous avez une autre question.",
    SmallTalk.IDENTITY: (
        "Je suis Mentor, un assistant (un programme, pas une personne) qui accompagne les "
        f"conseillers numériques sur {SCOPE_SUMMARY}. Tapez /aide pour la liste des commandes."
    ),
    SmallTalk.BYE: "Au revoir et bon courage pour votre titre !",
    SmallTalk.OK: "Très bien. Une autre question ? Je suis là.",
    SmallTalk.HOW_ARE_YOU: "Très bien, merci ! Et vous ? Posez-moi votre question sur le titre.",
    SmallTalk.HELP: (
        "Je réponds à vos questions sur " + SCOPE_SUMMARY + ". Écrivez votre question, "
        "par exemple « C'est quoi le CCP1 ? », ou tapez /aide pour les commandes."
    ),
}


def clean_user_text(text: str) -> str:
    """Drop control and format characters (binary junk) but keep letters, emoji, newlines."""
    kept = []
    for ch in text:
        if ch in "\n\t":
            kept.append(" ")
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            continue
        kept.append(ch)
    return " ".join("".join(kept).split())


_HAS_WORD = re.compile(r"\w", re.UNICODE)


def format_date(day: object) -> str:
    from datetime import date

    assert isinstance(day, date)
    return day.strftime("%d/%m/%Y")


def render_entry(entry: Entry) -> str:
    lines = [f"**{entry.title}**", entry.short, ""]
    for source in entry.sources[:2]:
        lines.append(f"Source : {source.title} — {source.url}")
    lines.append(f"_Vérifié le {format_date(entry.checked)}_")
    return "\n".join(lines)


class Answerer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = SearchIndex(kb)

    def _asks_which_ccp(self, question: str) -> bool:
        words = self.index.norm.canonical_words(question)
        return "ccp" in words and bool(WHICH_WORDS.intersection(words))

    def entry_answer(self, entry: Entry, score: float = 1.0) -> Answer:
        choices: tuple[Choice, ...] = ()
        if entry.more:
            choices = (Choice("En savoir plus", MORE_PREFIX + entry.id),)
        return Answer(
            kind=AnswerKind.ANSWER,
            text=render_entry(entry),
            entry=entry.id,
            score=round(score, 4),
            sources=tuple(s.url for s in entry.sources),
            choices=choices,
        )

    def more(self, entry_id: str) -> Answer | None:
        entry = self.kb.entries.get(entry_id)
        if entry is None:
            return None
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

    def _topics(self, result: SearchResult, count: int = 3) -> tuple[Choice, ...]:
        return tuple(
            Choice(self.kb.entries[h.entry_id].title[:60], SHOW_PREFIX + h.entry_id)
            for h in result.hits[:count]
        )

    def out_of_scope(self, greeted: bool = False) -> Answer:
        if greeted:
            # "Bonsoir, je suis formatrice et je découvre l'outil": a hello, not a question.
            return Answer(
                kind=AnswerKind.SMALLTALK,
                text=SMALLTALK_REPLIES[SmallTalk.GREETING],
                smalltalk=SmallTalk.GREETING,
            )
        return Answer(
            kind=AnswerKind.OUT_OF_SCOPE,
            text=(
                "Désolé, je ne peux pas vous aider sur ce sujet. Je réponds seulement sur "
                f"{SCOPE_SUMMARY}. Tapez /aide pour voir ce que je sais faire."
            ),
        )

    def answer(self, raw: str) -> Answer:
        text = clean_user_text(raw)
        if not text or not _HAS_WORD.search(text):
            return Answer(
                kind=AnswerKind.INVALID,
                text=(
                    "Je n'ai pas trouvé de question dans votre message. "
                    "Écrivez-moi votre question en quelques mots, ou tapez /aide."
                ),
            )
        if len(text) > QUESTION_MAX_CHARS:
            return Answer(
                kind=AnswerKind.INVALID,
                text=(
                    f"Votre message est très long ({len(text)} caractères). Posez une question "
                    f"courte ({QUESTION_MAX_CHARS} caractères au plus) et je vous réponds."
                ),
            )
        talk = classify(text)
        if talk is not None:
            return Answer(kind=AnswerKind.SMALLTALK, text=SMALLTALK_REPLIES[talk], smalltalk=talk)
        question = strip_greeting(text) or text
        greeted = question != text
        result = self.index.search(question)
        best = result.best
        if result.foreign and not result.strong_anchor:
            return self.out_of_scope()
        if best is None:
            return self.out_of_scope(greeted)
        threshold = CONFIDENT if result.anchored else UNANCHORED_CONFIDENT
        if self._asks_which_ccp(question) and len(self.kb.entries[best.entry_id].competencies) == 1:
            # "J'anime un atelier smartphone le mardi, c'est quel CCP ?": the activity words
            # dilute the confidence, but a single competency's entry names its CCP.
            threshold = WHICH_CCP_CONFIDENT
        if best.confidence < threshold:
            if not result.anchored or best.confidence < CONFIDENT / 2:
                return self.out_of_scope(greeted)
            return Answer(
                kind=AnswerKind.UNSURE,
                text=(
                    "Je ne suis pas sûr d'avoir bien compris votre question. "
                    "Voici les sujets les plus proches :"
                ),
                score=best.confidence,
                choices=self._topics(result),
            )
        if len(result.hits) > 1:
            second = result.hits[1]
            best_tags = set(self.kb.entries[best.entry_id].tags)
            second_tags = set(self.kb.entries[second.entry_id].tags)
            if (
                second.score >= TIE_RATIO * best.score
                and abs(best.confidence - second.confidence) <= TIE_CONFIDENCE_GAP
                and not best_tags & second_tags
            ):
                return Answer(
                    kind=AnswerKind.TIE,
                    text="Votre question peut concerner deux sujets. Lequel vous intéresse ?",
                    score=best.confidence,
                    choices=self._topics(result, 2),
                )
        return self.entry_answer(self.kb.entries[best.entry_id], best.confidence)
