"""What an answer is and how it reads: kinds, the JSON contract, small-talk replies,
an entry rendered with its sources and check date."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.answers.knowledge import Entry, Source
from bot.answers.smalltalk import SmallTalk
from bot.answers.smalltalk_told import Wish, WishKind, takes_leave
from bot.learning.staleness import stale_note  # an entry checked a year ago says so
from bot.messages import Choice

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
    # Entries offered one tap away, best first: "Voir aussi" after an answer, the closest
    # topics when the bot is unsure.
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
    SmallTalk.PRAISE: (
        "Merci, ça fait plaisir, ravi de vous être utile ! N'hésitez pas si vous avez une "
        "autre question."
    ),
    SmallTalk.WISHES: (
        "Merci, à vous aussi, bonne continuation ! Je reste là pour vos questions sur le titre."
    ),
    SmallTalk.PAUSE: (
        "Pas de souci, prenez votre temps : je suis là quand vous voulez, à bientôt."
    ),
    SmallTalk.MOOD: (
        "Courage, vous avez le droit de souffler ! Reposez-vous : je serai là quand vous "
        "voudrez reprendre, à votre rythme."
    ),
    SmallTalk.LOSS: (
        "Je suis sincèrement désolé, toutes mes pensées vous accompagnent. Prenez soin de vous "
        "et des vôtres : je serai là quand vous voudrez reprendre, à votre rythme."
    ),
    SmallTalk.MISUNDERSTOOD: (
        "Désolé, je n'ai pas su répondre. Pouvez-vous reformuler votre question en quelques "
        "mots ? Par exemple : « Comment financer le titre ? ». Tapez /aide pour voir ce que "
        "je sais faire."
    ),
    SmallTalk.OOPS: "Pas de souci ! Posez-moi votre question quand vous voulez, ou tapez /aide.",
    SmallTalk.IDENTITY: (
        "Je suis Mentor, un assistant (un programme, pas une personne) qui accompagne les "
        f"conseillers numériques sur {SCOPE_SUMMARY}. Je peux répondre à vos questions : "
        "posez la vôtre, ou tapez /aide pour la liste des commandes."
    ),
    SmallTalk.BYE: "Au revoir, bonne continuation et bon courage pour votre titre !",
    SmallTalk.GOOD_NEWS: (
        "Félicitations, bravo ! C'est une belle étape. Je reste là pour la suite : le CCP "
        "suivant, le dossier, le financement…"
    ),
    SmallTalk.PATIENCE: (
        "Non, jamais : je suis un programme, je ne me lasse pas. Reposez la question autant "
        "de fois qu'il le faut, avec d'autres mots si besoin."
    ),
    SmallTalk.PRIVACY: (
        "En message privé, ce que vous m'écrivez n'est montré ni à votre employeur ni à votre "
        "formateur, et votre journal de preuves ne s'affiche jamais dans un groupe. "
        "Dans une cohorte, votre formateur ne voit vos chiffres (preuves par CCP, dernière "
        "activité) que si vous acceptez de les partager. Une question restée sans bonne "
        "réponse peut être relue, sans votre nom, pour améliorer la base (durée limitée). "
        "Ne me donnez pas le nom d'un usager : anonymisez. /mes_donnees pour tout récupérer, "
        "/effacer_mes_donnees pour tout supprimer."
    ),
    SmallTalk.MEMORY: (
        "Je ne me souviens pas de nos échanges précédents : je réponds à chaque message tel "
        "qu'il est écrit, alors redonnez-moi le contexte si besoin. Vos preuves, elles, sont "
        "gardées dans votre journal (/mes_preuves)."
    ),
    SmallTalk.AVAILABILITY: (
        "Oui, je réponds à toute heure, jour et nuit, 7j/7 : posez votre question quand vous "
        "voulez."
    ),
    SmallTalk.RELIABILITY: (
        "Je peux me tromper : chaque réponse cite sa source officielle et sa date de "
        "vérification. Vérifiez les points importants (dates, montants) sur le site cité ou "
        "auprès de votre centre de formation."
    ),
    SmallTalk.LANGUAGE: (
        "Je réponds uniquement en français (sorry, French only, no English). Posez-moi votre "
        "question sur le titre REMN / Médiateur numérique, ou tapez /aide."
    ),
    SmallTalk.JOKE: (
        f"Les blagues, ce n'est pas mon fort 😄 Je réponds seulement sur {SCOPE_SUMMARY}. "
        "Tapez /aide pour voir ce que je sais faire."
    ),
    SmallTalk.LAUGH: "😄 Content de vous faire sourire ! Une question sur le titre ? Je suis là.",
    SmallTalk.CHEER: (
        "Super, ça fait plaisir à lire, bravo ! Profitez de cet élan : posez-moi vos questions "
        "sur le titre, ou notez une preuve avec /preuve."
    ),
    SmallTalk.ADDRESS: (
        "Bien sûr, tutoyez-moi si vous préférez, ça ne me dérange pas ! De mon côté, je garde "
        "le vouvoiement. Quelle est votre question ?"
    ),
    SmallTalk.COST: (
        "Vous n'avez rien à payer pour me poser vos questions : pas d'abonnement, pas de frais. "
        "Pour le coût de la formation elle-même, demandez-moi « Comment financer le titre ? »."
    ),
    SmallTalk.LIFE: (
        "Je suis un programme : je ne dors pas et je n'ai ni chat ni vacances 😄 Je réponds à "
        "toute heure à vos questions sur le titre REMN / Médiateur numérique."
    ),
    SmallTalk.ENCOURAGE: (
        "Bon courage et bonne chance ! Vous avez préparé ce moment : ayez confiance, respirez "
        "et parlez simplement de ce que vous faites au quotidien. Je reste là pour les "
        "dernières questions."
    ),
    SmallTalk.THANKS_BYE: "Avec plaisir, merci à vous ! Au revoir et bon courage pour votre titre.",
    SmallTalk.OK: "Très bien. Une autre question ? Je suis là.",
    SmallTalk.HOW_ARE_YOU: "Très bien, merci ! Et vous ? Posez-moi votre question sur le titre.",
    SmallTalk.PRESENCE: (
        "Oui, je suis là et je vous reçois bien ! Je suis Mentor, un assistant automatique "
        "(pas une personne). "
        "Posez-moi votre question sur le titre REMN / Médiateur numérique, ou tapez /aide."
    ),
    SmallTalk.ASK: (
        "Bien sûr, je vous écoute ! Posez votre question sur le titre REMN (Médiateur "
        "numérique) : CCP, examen, Dossier Professionnel, financement…"
    ),
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


HAS_WORD = re.compile(r"\w", re.UNICODE)


def format_date(day: object) -> str:
    from datetime import date

    assert isinstance(day, date)
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class Also:
    """The gist of a second entry shown under the answer: for the message's other question,
    or the close runner-up when the ranker hesitated. An arrow and its title say it is
    another subject, without words that could pass for part of the answer."""

    entry: Entry
    gist: str

    def sources_beside(self, listed: Sequence[Source]) -> list[Source]:
        """This entry's first source, unless it is among the sources already listed."""
        return [s for s in self.entry.sources[:1] if s not in listed]


def render_entry(
    entry: Entry, detail: str = "", also: Also | None = None, verdict: str = ""
) -> str:
    """The entry's answer; `verdict` ("Oui."), first when a closed question asked it;
    `detail`, a sentence of its details the question asked about, follows the short text;
    `also`, another entry's gist, comes last, with its source."""
    short = f"{verdict} {entry.short}" if verdict else entry.short
    lines = [f"**{entry.title}**", short, *([detail] if detail else [])]
    sources = list(entry.sources[:2])
    if also is not None:
        lines.append(f"➡️ **{also.entry.title}** : {also.gist.lstrip('-* ')}")
        sources += also.sources_beside(sources)
    lines.append("")
    for source in sources:
        lines.append(f"Source : {source.title} — {source.url}")
    lines.append(f"_Vérifié le {format_date(entry.checked)}_")
    if note := stale_note(entry):
        lines.append(note)
    return "\n".join(lines)


_UNGREETED = frozenset({SmallTalk.GREETING, SmallTalk.BYE, SmallTalk.THANKS_BYE})
# Small talk the bot declines, kindly: a joke is not what it is for.
_DECLINED = frozenset({SmallTalk.JOKE})
# Leave-taking whose reply says the user's wish back ("Bonne nuit à vous aussi !").
WISHED_BACK = frozenset({SmallTalk.BYE, SmallTalk.THANKS, SmallTalk.THANKS_BYE, SmallTalk.WISHES})
# News, a mood or praise told before leaving keep their own word, and the wish is said back.
_TOLD_THEN_LEFT = frozenset(
    {SmallTalk.GOOD_NEWS, SmallTalk.CHEER, SmallTalk.MOOD, SmallTalk.PRAISE}
)


def no_question_answer() -> Answer:
    return Answer(
        kind=AnswerKind.INVALID,
        text=(
            "Je n'ai pas trouvé de question dans votre message. "
            "Écrivez-moi votre question en quelques mots, ou tapez /aide."
        ),
    )


def too_long_answer(length: int, limit: int) -> Answer:
    return Answer(
        kind=AnswerKind.INVALID,
        text=(
            f"Votre message est très long ({length} caractères). Posez une question "
            f"plus courte ({limit} caractères au plus) et je vous réponds."
        ),
    )


def smalltalk_answer(talk: SmallTalk, greeting: str = "") -> Answer:
    """The family's reply; a user who said hello first is greeted back ("Bonsoir ! …")."""
    text = SMALLTALK_REPLIES[talk]
    if greeting and talk not in _UNGREETED:
        text = f"{greeting} ! {text}"
    elif greeting == "Bonsoir" and text.startswith("Bonjour"):
        text = "Bonsoir" + text.removeprefix("Bonjour")  # a "bonsoir" is said back as it came
    kind = AnswerKind.OUT_OF_SCOPE if talk in _DECLINED else AnswerKind.SMALLTALK
    return Answer(kind=kind, text=text, smalltalk=talk)


def wished_back(answer: Answer, wish: Wish | None) -> Answer:
    """A leave-taking reply that says the user's wish back: "Bonne nuit à vous aussi !",
    "À demain !"; any small talk wishes a birthday first."""
    if wish is None:
        return answer
    if answer.kind is AnswerKind.SMALLTALK and wish.kind is WishKind.CELEBRATED:
        return Answer(
            kind=answer.kind, text=f"{wish.said} ! 🎂 {answer.text}", smalltalk=answer.smalltalk
        )
    if wish.kind is WishKind.CELEBRATED:
        return answer
    said = f"{wish.said} !" if wish.kind is WishKind.SEE_YOU else f"{wish.said} à vous aussi !"
    if answer.smalltalk in _TOLD_THEN_LEFT:
        # "J'ai eu mon CCP1 hier, merci ! Bonne journée": the word for the news, then goodbye.
        return Answer(kind=answer.kind, text=f"{answer.text} {said}", smalltalk=answer.smalltalk)
    if answer.smalltalk not in WISHED_BACK:
        return answer
    if answer.smalltalk in (SmallTalk.THANKS, SmallTalk.THANKS_BYE):
        text = f"Avec plaisir, merci à vous ! {said} Au revoir et bon courage pour votre titre."
    elif answer.smalltalk is SmallTalk.WISHES:
        # "Je vous souhaite une excellente fin de journée, au revoir." takes leave.
        then = (
            "Au revoir et bon courage pour votre titre."
            if takes_leave(wish)
            else "Je reste là pour vos questions sur le titre."
        )
        text = f"Merci, {said[0].lower()}{said[1:]} {then}"
    else:
        text = f"{said} Au revoir et bon courage pour votre titre."
    return Answer(kind=answer.kind, text=text, smalltalk=answer.smalltalk)
