"""What a message tells without asking: the wish to return, and how the news feels.

"Bonne nuit !" deserves "Bonne nuit à vous aussi", not a fixed goodbye. A story told at
length ("Ce matin j'ai fait mon premier atelier seul… je suis rentré avec le sourire") asks
nothing: it gets a word that fits how it feels, not a refusal to answer a question that was
never asked. The feeling is read from words, not phrasings, so that new stories are met.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.normalise import fold
from bot.answers.smalltalk import SmallTalk, cleaned_words


class WishKind(Enum):
    RETURNED = "returned"  # "Bonne nuit" -> "Bonne nuit à vous aussi !"
    SEE_YOU = "see_you"  # "à demain" -> "À demain !"
    CELEBRATED = "celebrated"  # "c mon anniv" -> "Joyeux anniversaire ! 🎂", whatever the reply


@dataclass(frozen=True, slots=True)
class Wish:
    said: str  # how to say it back: "Bonne nuit", "À demain", "Joyeux anniversaire"
    kind: WishKind


# Wishes said when leaving, folded, with the way to say them back.
_WISHES = (
    ("bonne nuit", "Bonne nuit"),
    ("bon week end", "Bon week-end"),
    ("bon weekend", "Bon week-end"),
    ("bon wk end", "Bon week-end"),
    ("bon wkend", "Bon week-end"),
    ("bon wkd", "Bon week-end"),
    ("bon wk", "Bon week-end"),
    ("bon we", "Bon week-end"),
    ("bonne fin de journee", "Bonne fin de journée"),
    ("bonne fin de semaine", "Bonne fin de semaine"),
    ("bonne soiree", "Bonne soirée"),
    ("bonne journee", "Bonne journée"),
    ("bonne semaine", "Bonne semaine"),
    ("bonnes vacances", "Bonnes vacances"),
    ("bonnes fetes", "Bonnes fêtes"),
    ("joyeuses fetes", "Joyeuses fêtes"),
    ("joyeux noel", "Joyeux Noël"),
    ("bonne annee", "Bonne année"),
    ("meilleurs voeux", "Meilleurs vœux"),
    ("nouvelle annee", "Bonne année"),
    ("bn8", "Bonne nuit"),
    ("bne nuit", "Bonne nuit"),
    ("bn soiree", "Bonne soirée"),
    ("bn soire", "Bonne soirée"),
    ("bn soir", "Bonne soirée"),
    ("bne soiree", "Bonne soirée"),
    ("bn journee", "Bonne journée"),
    ("bne journee", "Bonne journée"),
)
# The wishes above said when leaving, as opposed to a season's ("Joyeux Noël", "Bonne année").
_LEAVE_TAKING = frozenset(
    {
        "Bonne nuit",
        "Bon week-end",
        "Bonne fin de journée",
        "Bonne fin de semaine",
        "Bonne soirée",
        "Bonne journée",
        "Bonne semaine",
        "Bonnes vacances",
    }
)
# The same wishes with another adjective: "une excellente fin de journée", "un agréable
# week-end", "une belle soirée".
_WISHED_NOUNS = {
    "fin de journee": "Bonne fin de journée",
    "fin de semaine": "Bonne fin de semaine",
    "journee": "Bonne journée",
    "soiree": "Bonne soirée",
    "semaine": "Bonne semaine",
    "week end": "Bon week-end",
    "weekend": "Bon week-end",
    "nuit": "Bonne nuit",
    "annee": "Bonne année",
    "fetes": "Bonnes fêtes",
    "vacances": "Bonnes vacances",
}
_WISHED_WITH = LazyPattern(
    r"\b(?:excellente?s?|belles?|bel|agreables?|tres bonnes?|tres belles?|tres bon|heureuses?"
    r"|joyeuses?|superbes?|magnifiques?|douces?) (" + "|".join(_WISHED_NOUNS) + r")\b"
)
# A birthday is wished, not answered "à vous aussi".
_CELEBRATIONS = ("anniversaire", "anniv")
# "demain" as phones spell it: "mrc pr tt, a dm1".
_TOMORROW = ("demain", "dem1", "dm1", "dmn", "2main")
_SEE_YOU = LazyPattern(
    rf"\ba ({'|'.join(_TOMORROW)}|la semaine prochaine|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche"
    r"|ce soir|tout a l heure|la prochaine|une prochaine|dans \w+ jours)(?: fois)?\b"
)
_SEE_YOU_SAID = {
    **dict.fromkeys(_TOMORROW, "demain"),
    "tout a l heure": "tout à l'heure",
    "la semaine prochaine": "la semaine prochaine",
    "une prochaine": "une prochaine fois",
}


def wish_back(text: str) -> Wish | None:
    """The wish to say back ("Bonne nuit"), the "see you" ("À demain"), or a birthday."""
    cleaned = f" {' '.join(cleaned_words(text))} "
    for folded, said in _WISHES:
        if f" {folded} " in cleaned:
            return Wish(said, WishKind.RETURNED)
    if found := _WISHED_WITH.search(cleaned):
        return Wish(_WISHED_NOUNS[found.group(1)], WishKind.RETURNED)
    if any(f" {folded} " in cleaned for folded in _CELEBRATIONS):
        return Wish("Joyeux anniversaire", WishKind.CELEBRATED)
    if found := _SEE_YOU.search(cleaned):
        when = found.group(1)
        return Wish(f"À {_SEE_YOU_SAID.get(when, when)}", WishKind.SEE_YOU)
    return None


def takes_leave(wish: Wish | None) -> bool:
    """ "À demain", "bonne soirée" take leave; "joyeux Noël" does not."""
    if wish is None:
        return False
    return wish.kind is WishKind.SEE_YOU or wish.said in _LEAVE_TAKING


# How news feels, by its words (folded). A word counts once.
_GLAD = frozenset(
    "content contente contents ravi ravie ravis heureux heureuse fier fiere fiers fieres joie "
    "sourire souriant souriante succes reussi reussite genial geniale excellent excellente "
    "adore adorent adorons formidable chouette motive motivee motives top bravo applaudi "
    "applaudit enthousiaste fierte magnifique merveilleux merveilleuse super sympa plaisir "
    "bonheur victoire soulage soulagee soulages soulagees hate impatient impatiente emu "
    "emue cartonne cartonnee triomphe".split()
)
# Feelings, not events: "mon arrêt maladie n'est pas payé" is a question of sick pay.
_SAD = frozenset(
    "fatigue fatiguee epuise epuisee creve crevee ko pleure pleurer pleurs stress stresse "
    "stressee peur angoisse angoissee decourage decouragee decouragement triste tristesse "
    "nul nulle pincement regrette regretter dur dure difficile galere marre enerve enervee "
    "deprime deprimee demoralise inquiet inquiete seul seule deception decu decue "
    "panique paniquee degoute degoutee angoisse angoissant trac lacher abandonner tendu tendue "
    "tendus tendues lourde lourd epouvantable horrible terrible penible colere eprouvant "
    "eprouvante usant usante mou lessive lessivee vide videe claque claquee rince rincee naze "
    "ramasse escagasse escagassee depasse depassee depasses depassees submerge submergee "
    "decouragent isole isolee isoles isolees deborde debordee debordes debordees ensuque "
    "ensuquee".split()
)
# Hard events, told: they weigh more than the relief of sharing them ("Je voulais juste
# vous dire que mon père est décédé lundi", "Alerte cyclonique… tout va bien pour l'instant").
_HARDSHIP = frozenset(
    "cyclone cyclonique ouragan tempete inondation inondations inonde inondee incendie seisme "
    "hospitalise hospitalisee hopital urgences accident agressif agressifs agressive "
    "agression cambriole cambriolee cambriolage cambriolages".split()
)
# A death or a grave illness: it is met with sympathy, never with "courage, reposez-vous".
_LOSS = frozenset("decede decedee deces deuil obseques enterrement cancer".split())
# Joy said in phrases: "une bonne nouvelle", "sur un petit nuage".
_JOY = LazyPattern(
    r"\b(?:bonne nouvelle|bonnes nouvelles|grande nouvelle|nuage|aux anges|trop bien"
    # Not "le bon moment" (of a choice) nor "belle journée" (a wish).
    r"|on (?:va )?fete(?:r)? ca|(?:tres |si |un )?beau moment|tres bon moment|belle fete)\b"
)
# The teller is in the story: "j'ai", "nous avons", "mon bureau"… ("écris-moi" is a request).
_ALONE = frozenset({"seul", "seule", "seuls", "seules"})
_TELLER = frozenset("je j jai jsuis mon ma mes nous notre nos on".split())
MIN_WORDS = 6
_SHARING = LazyPattern(
    r"\b(?:(?:je|j) (?:voulais|voulait|tenais a|veux|tiens a|avais envie de)"
    r"|(?:j avais|j ai|javais|jai) (?:juste |simplement |seulement )?besoin de)"
    r" (?:juste |simplement |seulement |vous |te |le |en |l |ca |vous le |te le |vous en |t en )*"
    r"(?:partager|raconter|dire|faire part|donner des nouvelles|parler|vider mon sac)\b"
)


# Distress said in phrases rather than words.
_DISTRESS = LazyPattern(
    r"\b(?:n arrive pas a (?:dormir|me concentrer|avancer|suivre)|n en (?:peux|pouvons) plus"
    r"|plus (?:la force|le courage|d energie)|coup de mou|a bout|pas (?:sure?|certaine?) du tout"
    r"|(?:tout|tout le monde) (?:oublier|oublie)|boule au ventre|mal au ventre|la pression"
    r"|sous l eau|sous le choc|grosse journee|journee difficile|en larmes|n avance pas"
    r"|ne pas avancer|faite? pour ce metier"
    # Feeling lost, not a lost password: "je suis complètement perdue".
    r"|(?:suis|sens|sent|completement|un peu|totalement|trop) perdue?s?"
    r"|tire sur la corde|a bout de souffle|a bout de forces"
    # A failure told: "je n'ai pas validé", "j'ai raté mon oral", "recalée au CCP2".
    r"|(?:n ai|n avons|n a) pas (?:valide|eu|obtenu|reussi)|j ai (?:rate|echoue|loupe)"
    r"|recalee?s?|ajournee?s?)\b"
)


def shares_only(text: str) -> bool:
    """ "… Voilà, j'avais juste besoin de le dire à quelqu'un.": told for its own sake."""
    return bool(_SHARING.search(" ".join(cleaned_words(text))))  # folded already


def _hard_words(seen: set[str]) -> int:
    """How much a story's words say it is hard: a hard event weighs two feelings."""
    return len(seen & _SAD) + 2 * len(seen & _HARDSHIP)


def hard_told(text: str) -> SmallTalk | None:
    """LOSS or MOOD when a story clearly tells something hard and nothing glad: a death, a
    hard event, distress, or two words of a hard time ("période difficile, beaucoup de
    fatigue"). "Mon premier atelier tout seul… je suis sur un petit nuage" is not."""
    words = fold(" ".join(cleaned_words(text))).split()
    seen = set(words)
    if not _LOSS.isdisjoint(seen):
        return SmallTalk.LOSS
    said = " ".join(words)
    if not _GLAD.isdisjoint(seen) or _JOY.search(said):
        return None
    hard = _hard_words(seen) + bool(_DISTRESS.search(said))
    return SmallTalk.MOOD if hard >= 2 else None


def feeling_told(text: str) -> SmallTalk | None:
    """CHEER or MOOD for a story of one's own that carries a feeling; None otherwise.

    Callers ask only of a message that asks nothing and that no entry answers.
    """
    words = fold(" ".join(cleaned_words(text))).split()
    if len(words) < MIN_WORDS or _TELLER.isdisjoint(words):
        return None
    # "Il a repéré tout seul le faux SMS": on one's own, not lonely.
    seen = {w for i, w in enumerate(words) if not (w in _ALONE and words[i - 1 : i] == ["tout"])}
    said = " ".join(words)
    if not _LOSS.isdisjoint(seen):
        return SmallTalk.LOSS
    sad = _hard_words(seen) + len({m.group(0) for m in _DISTRESS.compiled.finditer(said)})
    # A story shared for its own sake is told gladly, unless distress says otherwise.
    glad = len(seen & _GLAD) + bool(_SHARING.search(said)) + bool(_JOY.search(said))
    if not glad and not sad:
        return None
    return SmallTalk.MOOD if sad > glad else SmallTalk.CHEER
