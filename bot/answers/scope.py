"""The editor's scope words (`knowledge/scope.yaml`): anchors, strong anchors, foreign words.

They are an override, not the decision: the ranker weighs them with the other signals,
and a foreign word without a strong anchor still declines. Matching is on whole canonical
words, indexed by each phrase's first word, so it is linear in the message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import Normaliser

SHORT_WORD = 3  # letters


@dataclass(frozen=True, slots=True)
class ScopeHits:
    anchored: bool
    strong: bool
    foreign: bool
    # A strong anchor in what is asked, not only in the context: "Je suis conum… combien
    # toucherai-je de chômage ?" asks about the foreign subject, whoever asks it.
    strong_asked: bool = False
    # A foreign word told only in the context, with no strong anchor anywhere: "Mon fils
    # prépare un CAP électricien… comment se passe l'épreuve ?" is about the foreign
    # diploma; "Je suis aide-soignante… devenir médiatrice numérique" is not (strong anchor).
    # Or told after the last strong anchor, when the question names none: "Je forme au
    # CCP1, mais je voudrais passer le titre Formateur… Comment se déroulent ses épreuves ?"
    foreign_told: bool = False
    # Labour law or personal paperwork asked about: off topic whoever it concerns ("notre
    # conseiller numérique a-t-il droit à la prime de précarité ?").
    off_topic: bool = False

    @property
    def in_domain(self) -> bool:
        """A domain word anywhere in the message."""
        return self.anchored or self.strong


_ARTICLES = frozenset({"un", "une", "le", "la", "l"})
_LINKS = frozenset({"de", "d", "du"})
# Words that introduce who the person is: "je suis", "j'étais", "ancienne", "en tant que";
# or what happened to them: "au RSA depuis deux ans après une rupture conventionnelle".
_IDENTITY = ("suis", "etais", "ete", "ai", "ancien", "ancienne", "comme", "que", "apres")
# Within a question, only who the person is or was: "Je suis en reconversion, ancienne
# vendeuse, et je ne comprends pas…" is asked by a former saleswoman, not about selling;
# "Qu'est-ce que la médiation animale ?" still asks about the foreign subject.
_SELF = ("suis", "etais", "ancien", "ancienne")


# A word that qualifies the head of a phrase of three words or more: "médiateur *national*
# de l'énergie", "médiatrice *européenne* de la consommation". Longer than an article.
QUALIFIER_MIN = 4
GAPPED_PHRASE_MIN = 3


class PhraseSet:
    def __init__(self, phrases: Iterable[Sequence[str]], qualified: bool = False) -> None:
        """`qualified`: a phrase of three words or more is found with one qualifying word
        after its head, as French puts its adjectives."""
        self.qualified = qualified
        self._by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            if phrase:
                self._by_first[phrase[0]].append(tuple(phrase))

    def found_in(self, words: Sequence[str], unless_after: frozenset[str] = frozenset()) -> bool:
        """A phrase in the words, not counting one right after `unless_after` (or after it
        and an article): "je suis aide-soignante" says who asks, not what is asked."""
        return next(self._starts(words, unless_after), -1) >= 0

    def begins(self, words: Sequence[str]) -> bool:
        """A phrase at the very start of the words."""
        first = words[0] if words else ""
        return any(tuple(words[: len(p)]) == p for p in self._by_first.get(first, ()))

    def last_at(self, words: Sequence[str], unless_after: frozenset[str] = frozenset()) -> int:
        """Where the last phrase found starts (-1 when none)."""
        return max(self._starts(words, unless_after), default=-1)

    def _starts(self, words: Sequence[str], unless_after: frozenset[str]) -> Iterator[int]:
        for i, word in enumerate(words):
            for phrase in self._by_first.get(word, ()):
                if tuple(words[i : i + len(phrase)]) != phrase and not self._qualified_at(
                    words, i, phrase
                ):
                    continue
                before = words[max(0, i - 2) : i]
                if not unless_after.isdisjoint(before[-1:]) or (
                    len(before) == 2 and before[1] in _ARTICLES and before[0] in unless_after
                ):
                    continue
                yield i
                break

    def _qualified_at(self, words: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
        if not self.qualified or len(phrase) < GAPPED_PHRASE_MIN or i + 1 >= len(words):
            return False
        qualifier = words[i + 1]
        return (
            len(qualifier) >= QUALIFIER_MIN
            and tuple(words[i + 2 : i + 1 + len(phrase)]) == (phrase[1:])
        )


class ScopeWords:
    def __init__(
        self,
        norm: Normaliser,
        anchors: Iterable[str],
        strong: Iterable[str],
        foreign: Iterable[str],
        off_topic: Iterable[str] = (),
        common_to_all_titres: Iterable[str] = (),
    ) -> None:
        """`common_to_all_titres`: strong anchors that every titre has too (its CCP codes)."""
        self.norm = norm
        self.anchors = PhraseSet(self._stems(norm.canonical_words(a)) for a in anchors)
        strong_phrases = [self._stems(norm.canonical_words(a)) for a in strong]
        self.strong = PhraseSet(strong_phrases)
        off_topic = list(off_topic)
        self.foreign = PhraseSet(
            (self._stems(norm.canonical_words(a)) for a in (*foreign, *off_topic)),
            qualified=True,
        )
        self.off_topic = PhraseSet(self._stems(norm.canonical_words(a)) for a in off_topic)
        self.identity = frozenset(self._stems(_IDENTITY))
        self.self_told = frozenset(self._stems(_SELF))
        # Another titre named by its job ("le TP Cuisinier", "titre pro Secrétaire
        # assistant"): every titre has its CCP1, CCP2…, so a CCP named beside it is that
        # titre's ("…, son CCP2 c'est sur quoi ?") unless the message names ours too.
        self.titre = frozenset(
            {*self._stems(["titre"]), *self._stems(norm.canonical_words("titre pro"))}
        )
        shared = [self._stems(norm.canonical_words(a)) for a in common_to_all_titres]
        self.own_strong = PhraseSet(p for p in strong_phrases if p not in shared)

    @classmethod
    def of(cls, norm: Normaliser, kb: KnowledgeBase) -> ScopeWords:
        """The editor's words, and the référentiel's own codes ("C3.2", "CCP2") as anchors."""
        scope = kb.scope
        ccps = [c.code.lower() for c in kb.referentiel.ccps]
        codes = [c.lower() for c in kb.referentiel.competencies] + ccps
        return cls(
            norm,
            [*scope.anchors, *codes],
            scope.strong_anchors,
            scope.foreign,
            scope.off_topic,
            common_to_all_titres=ccps,
        )

    def _stems(self, words: Sequence[str]) -> list[str]:
        """Stemmed, so that "financements" finds the anchor "financement"; words of three
        letters or fewer are kept whole: the stem of "VAE" is "va", as in "ça va ?"."""
        return [w if len(w) <= SHORT_WORD else self.norm.stem(w) for w in words]

    def _other_titre(self, words: Sequence[str]) -> bool:
        """A titre word followed by a foreign subject: "TP Cuisinier", "titre de secrétaire"."""
        for i, word in enumerate(words):
            if word in self.titre:
                rest = words[i + 1 : i + 8]
                if rest[:1] and rest[0] in _LINKS:
                    rest = rest[1:]
                if self.foreign.begins(rest):
                    return True
        return False

    def hits(self, words: Sequence[str], focus: Sequence[str] | None = None) -> ScopeHits:
        """Anchors anywhere in the message; foreign words only in what it asks.

        "Je suis aide-soignante… qui peut m'aider à construire mon dossier ?" is about
        the bot's domain: a foreign word in the context describes the person, not the question.
        """
        words = self._stems(words)
        asked = words if focus is None else self._stems(focus)
        strongs = self.strong
        if self._other_titre(words) and not self.own_strong.found_in(words):
            strongs = self.own_strong  # "TP Cuisinier… son CCP2": not our CCP2
        strong_at = strongs.last_at(words)
        strong = strong_at >= 0
        strong_asked = strong and (asked is words or strongs.found_in(asked))
        # A question that names no strong anchor points at the subject told last: a foreign
        # one told after the last strong anchor, or with none at all ("Je forme une cohorte
        # au CCP1, mais je voudrais passer le titre Formateur professionnel d'adultes.
        # Comment se déroulent ses épreuves ?").
        foreign_told = (
            asked is not words
            and not strong_asked
            and self.foreign.last_at(words, unless_after=self.identity) > strong_at
        )
        return ScopeHits(
            anchored=strong or self.anchors.found_in(words),
            strong=strong,
            foreign=self.foreign.found_in(asked, unless_after=self.self_told),
            strong_asked=strong_asked,
            foreign_told=foreign_told,
            off_topic=self.off_topic.found_in(asked),
        )
