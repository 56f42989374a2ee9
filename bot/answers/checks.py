"""`mentor kb check`: content problems plus the self-retrieval rate of example questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answers.knowledge import KnowledgeBase
from bot.answers.ranker import FILE_NAME, fingerprint, load_model
from bot.answers.service import SHOW_PREFIX, Answerer, AnswerKind

SELF_RETRIEVAL_MIN = 0.98


@dataclass
class KbReport:
    entries: int
    problems: list[str]
    questions: int = 0
    retrieved: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.retrieved / self.questions if self.questions else 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.rate >= SELF_RETRIEVAL_MIN

    def lines(self) -> list[str]:
        out = [f"- {p}" for p in self.problems]
        out += [f"- question non retrouvée : {m}" for m in self.misses]
        out.append(
            f"{self.entries} fiches, {len(self.problems)} problème(s) ; "
            f"auto-recherche : {self.retrieved}/{self.questions} ({self.rate:.1%}, "
            f"minimum {SELF_RETRIEVAL_MIN:.0%})"
        )
        out.append("OK" if self.ok else "ÉCHEC")
        return out


def check_knowledge(kb: KnowledgeBase, answerer: Answerer | None = None) -> KbReport:
    """`answerer`: one already built on `kb` (an edit in the running bot reuses it)."""
    report = KbReport(entries=len(kb.entries), problems=list(kb.problems))
    model = load_model(kb.directory)
    if kb.directory is not None and model is None:
        report.problems.append(f"{FILE_NAME} : absent ou illisible ; lancez `mentor kb train`")
    elif model is not None and model.fingerprint != fingerprint(kb):
        report.problems.append(
            f"{FILE_NAME} : appris sur une version précédente de la base ; "
            "lancez `mentor kb train` et relisez le fichier"
        )
    answerer = answerer or Answerer(kb)
    for entry in kb.entries.values():
        for question in entry.questions:
            report.questions += 1
            answer = answerer.answer(question)
            # One tap away counts: the answer itself, a "Voir aussi" or one of the topics
            # offered when the bot is unsure (the ranker's own figures are cross-validated).
            offered = {answer.entry, *answer.alternatives}
            offered |= {c.data.removeprefix(SHOW_PREFIX) for c in answer.choices}
            if answer.kind in (AnswerKind.ANSWER, AnswerKind.UNSURE) and entry.id in offered:
                report.retrieved += 1
            else:
                got = answer.entry or answer.kind.value
                report.misses.append(f"{entry.id} : « {question} » → {got}")
    return report
