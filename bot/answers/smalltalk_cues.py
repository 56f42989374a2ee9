"""Small talk by its words, for what no pattern foresaw and no entry answers.

Patterns (`smalltalk.py`, `smalltalk_said.py`) know whole wordings; people keep finding new
ones ("wesh bien ou bien", "Mèsi anpil !", "pause dej a tte", "JE L'AI EU !!!"). Before a
message that no entry answers is declined, its words are read as a bag: a short message made
mostly of social words gets the reply of the family it speaks most of. A message whose other
words name a subject ("Comment dire bonjour à un client ?") is left to be declined.
"""

from __future__ import annotations

import re

from bot.answers.normalise import STOPWORDS, fold
from bot.answers.smalltalk import SmallTalk

# Social words by family, folded; a phrase counts as one cue. Families first in this order
# win a tie: a slip or a feeling is what the reply must meet first.
_CUES: dict[SmallTalk, tuple[str, ...]] = {
    SmallTalk.OOPS: (
        "pardon",
        "pardonnez",
        "pardonne",
        "excuse",
        "excusez",
        "desole",
        "desolee",
        "dsl",
        "oups",
        "mince",
    ),
    SmallTalk.MISUNDERSTOOD: (
        "rien compris",
        "pas compris",
        "comprends rien",
        "comprend rien",
        "a cote",
        "hors sujet",
        "n importe quoi",
    ),
    SmallTalk.MOOD: (
        "stresse",
        "stressee",
        "stress",
        "angoisse",
        "angoissee",
        "marre",
        "ko",
        "crevee",
        "creve",
        "epuise",
        "epuisee",
        "fatigue",
        "fatiguee",
        "lacher",
        "abandonner",
        "decourage",
        "decouragee",
        "tendu",
        "tendus",
        "tendue",
        "lourde",
        "peur",
        "trac",
        "panique",
        "deprime",
        "triste",
        "galere",
        "dormir",
        "vieille",
        "vieux",
        "moral",
        "pleure",
        "nulle",
    ),
    SmallTalk.GOOD_NEWS: (
        "soulage",
        "soulagee",
        "cartonne",
        "reussi",
        "obtenu",
        "l ai eu",
        "je l ai eu",
        "valide",
        "confirme",
        "confirmee",
        "bonne nouvelle",
        "le plaisir de vous informer",
        "mention",
        "diplome",
        "diplomee",
        "embauche",
        "embauchee",
    ),
    SmallTalk.CHEER: (
        "motive",
        "motivee",
        "content",
        "contente",
        "heureux",
        "heureuse",
        "fier",
        "fiere",
        "anniv",
        "anniversaire",
        "youpi",
        "yes",
        "trop bien",
        "genial",
    ),
    SmallTalk.THANKS: (
        "merci",
        "mrc",
        "mci",
        "thanks",
        "thx",
        "mesi",
        "remerciements",
        "remercie",
        "gratitude",
        "reconnaissance",
        "c est gentil",
        "trop gentil",
    ),
    SmallTalk.BYE: (
        "au revoir",
        "a plus",
        "a toute",
        "a tte",
        "a bientot",
        "a demain",
        "bye",
        "ciao",
        "deconnecte",
        "batterie",
        "bonne soiree",
        "bonne journee",
        "bonne nuit",
        "je file",
        "bisous",
        "bises",
        "bn soir",
        "bn soire",
        "bn soiree",
        "kenavo",
        "adessias",
        "a tantot",
        "y aller",
        "a la prochaine",
    ),
    SmallTalk.PRESENCE: (
        "personne",
        "quelqu un",
        "he ho",
        "ohe",
        "allo",
        "recu mon msg",
        "recu mon message",
        "tu es la",
        "vous etes la",
        "t es la",
    ),
    SmallTalk.IDENTITY: (
        "humain",
        "humaine",
        "robot",
        "bot",
        "machine",
        "une ia",
        "intelligence artificielle",
    ),
    SmallTalk.LANGUAGE: (
        "hablas",
        "espanol",
        "creole",
        "kreyol",
        "pale",
        "speak",
    ),
    SmallTalk.ASK: (
        "question",
        "kestion",
        "questions",
        "un truc",
        "solliciter",
        "un moment",
        "vos lumieres",
        "un instant",
        "une minute",
    ),
    SmallTalk.PAUSE: ("pause", "pause dej", "je reviens", "attends", "attendez"),
    SmallTalk.PRAISE: (
        "felicitations",
        "bien pense",
        "patient",
        "patiente",
        "au top",
        "bravo",
        "top",
        "clair",
    ),
    SmallTalk.GREETING: (
        "bonjour",
        "bonsoir",
        "salut",
        "slt",
        "coucou",
        "cc",
        "hello",
        "hey",
        "bjr",
        "yo",
        "wesh",
        "bonzour",
        "bienvenue",
        "ca roule",
        "bien ou bien",
        "sa ou fe",
        "koman",
        "quoi de neuf",
        "ca fait un bail",
        "me revoila",
        # Hellos of the regions and overseas: Gascon, Breton, Occitan, Creole, Basque.
        "adishatz",
        "adiu",
        "demat",
        "bonjorn",
        "bonjou",
        "bondjou",
        "kaixo",
    ),
}
# Everyday words that carry no subject: they neither make a message social nor keep it from
# being so ("je suis tellement soulagée, ça y est c'est fini").
_FILLER = frozenset(
    "aujourd hui matin soir journee semaine tellement vraiment trop tres grave ouf fini toi "
    "moi bien super juste encore deja enfin voila alors bon ben bah hein lol mdr ptdr tkt jsp "
    "stp svp chui jsuis suis etre avoir fait faire petit petite gros grosse tout tous toute "
    "toutes meme ici quoi comme mon ma mes ton ta tes".split()
)
_WORD = re.compile(r"[a-z0-9]+")
# How many words a message may have for its social words to decide, and the share of its
# content words (not stop words) that must be social.
MAX_WORDS = 25
SOCIAL_SHARE = 0.5


def _cue_words() -> frozenset[str]:
    return frozenset(w for cues in _CUES.values() for cue in cues for w in cue.split())


_ALL_CUE_WORDS = _cue_words()


def cue_family(text: str, chat_words: frozenset[str] = frozenset()) -> SmallTalk | None:
    """The family a short social message speaks most of, or None; `chat_words`, the words of
    small-talk examples, count as social too."""
    words = _WORD.findall(fold(text))
    if not words or len(words) > MAX_WORDS:
        return None
    padded = f" {' '.join(words)} "
    counts = {
        family: sum(padded.count(f" {cue} ") for cue in cues) for family, cues in _CUES.items()
    }
    family = max(counts, key=lambda f: counts[f])  # the first family wins a tie
    if counts[family] == 0:
        return None
    content = [w for w in words if len(w) > 2 and w not in STOPWORDS and w not in _FILLER]
    social = sum(w in _ALL_CUE_WORDS or w in chat_words for w in content)
    if content and social < SOCIAL_SHARE * len(content):
        return None  # "Comment dire bonjour à un client ?": a subject, not a hello
    return family
