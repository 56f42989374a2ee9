"""Greetings, thanks and "who are you": answered naturally, before any search."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.normalise import fold
from bot.answers.sentence_words import clean, is_bare


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    IDENTITY = "identity"
    HELP = "help"
    BYE = "bye"
    OK = "ok"
    HOW_ARE_YOU = "how_are_you"
    PRESENCE = "presence"
    PRAISE = "praise"
    WISHES = "wishes"
    OOPS = "oops"
    THANKS_BYE = "thanks_bye"
    ASK = "ask"  # "je peux vous poser une question ?": nothing asked yet
    MISUNDERSTOOD = "misunderstood"  # "tu comprends rien", "ça ne répond pas à ma question"
    PAUSE = "pause"  # "attends deux minutes", "je vais réfléchir"
    MOOD = "mood"  # "je suis fatiguée ce soir", "bon courage à moi"
    LOSS = "loss"  # a death or a grave illness told: "mon père est décédé lundi"
    LANGUAGE = "language"  # "tu parles anglais ?": French only
    GOOD_NEWS = "good_news"  # "j'ai eu mon CCP1 hier !"
    PATIENCE = "patience"  # "tu vas t'énerver si je repose la question ?"
    PRIVACY = "privacy"  # "quelqu'un d'autre peut lire mon journal ?"
    MEMORY = "memory"  # "tu te souviens de moi ?": what the bot keeps of past exchanges
    AVAILABILITY = "availability"  # "tu es dispo la nuit ?"
    RELIABILITY = "reliability"  # "tu peux te tromper ?"
    JOKE = "joke"  # "raconte-moi une blague"
    CHEER = "cheer"  # good spirits or a good day told: "jsuis hyper motivé ce matin !"
    LAUGH = "laugh"  # "mdr", "haha"
    COST = "cost"  # "c'est gratuit de t'utiliser ?"
    LIFE = "life"  # the bot's life, asked as of a person: "tu dors la nuit ?"
    ENCOURAGE = "encourage"  # "souhaitez-moi bonne chance !", "un mot pour ma promo ?"
    ADDRESS = "address"  # "je peux te tutoyer ?": how to speak to the bot


_GREETING = r"(?:bonjour|bonsoir|salut|slt|coucou|cc|hello|hey|bjr|bsr|yo|hi|re)"
_GREETED_WHO = r"(?:\s+(?:a tous|a toutes|a vous|tout le monde|mentor|le bot|madame|monsieur))?"
_PATTERNS: list[tuple[SmallTalk, re.Pattern[str]]] = [
    (
        # "slt cv ?", "Bonjour, ça va ?": the hello comes back with the answer to how one is.
        SmallTalk.HOW_ARE_YOU,
        re.compile(
            rf"^(?:{_GREETING}){_GREETED_WHO}\s+(?:ca va|comment ca va|comment allez vous"
            r"|vous allez bien|tu vas bien|cv)$"
        ),
    ),
    (
        SmallTalk.GREETING,
        re.compile(rf"^(?:{_GREETING}){_GREETED_WHO}$"),
    ),
    (
        SmallTalk.THANKS,
        re.compile(
            r"^(?:(?:super|top|grand|un grand|ok|parfait|genial|cool|nickel)\s+)?"
            r"(?:merci|mrc|mci|thanks|thx)$"
        ),
    ),
    (
        SmallTalk.IDENTITY,
        re.compile(
            r"^(?:qui es tu|qui etes vous|t es qui|tu es qui|c est qui|vous etes qui"
            r"|(?:t es|tu es|es tu|etes vous|vous etes) (?:un |une )?"
            r"(?:robot|bot|ia|humain|chatbot)"
            r"(?: ou (?:un |une )?(?:robot|bot|ia|humain|chatbot|machine|personne|vrai))?"
            r"|(?:qu est ce que |que )?(?:tu sais|sais tu|vous savez|savez vous) faire"
            r"|tu (?:sers|sert) a (?:quoi|koi)|a quoi (?:tu sers|sers tu|servez vous)"
            r"|tu fais quoi|que fais tu|qu est ce que tu fais|presente toi|presentez vous"
            r"|comment tu marches|comment ca marche|tu peux faire quoi|que peux tu faire"
            r"|qu est ce que (?:tu peux|vous pouvez) faire)$"
        ),
    ),
    (
        SmallTalk.PRESENCE,
        re.compile(
            r"^(?:test|tests|teste|testing|essai|un test|ceci est un test|c est un test"
            r"|test test|test 1 2|1 2 1 2|on teste)$"
        ),
    ),
    (SmallTalk.HELP, re.compile(r"^(?:aide|help|au secours|a l aide|aide moi|aidez moi|menu)$")),
    (
        SmallTalk.BYE,
        re.compile(
            r"^(?:au revoir|bye|a plus|a\+|bonne (?:journee|soiree|nuit)|a bientot|ciao|bisous"
            r"|bises|grosses bises|a demain|a toute|a tout a l heure|a tt)"
            r"(?: (?:mentor|a vous|a toi|a tous|a toutes|tout le monde|madame|monsieur))?$"
        ),
    ),
    (SmallTalk.OK, re.compile(r"^(?:ok|okay|d accord|dac|ca marche|super|top|parfait|oui)$")),
    (SmallTalk.LAUGH, re.compile(r"^(?:(?:mdr|lol|ptdr|mdrr+|xd|haha+|hihi+|hehe+|ahah+)\s*)+$")),
    (
        SmallTalk.HOW_ARE_YOU,
        re.compile(
            r"^(?:et )?(?:ca va|sa va|comment ca va|cv|comment allez vous|comment vas tu"
            r"|tu vas bien|vous allez bien)"
            r"(?: (?:et )?(?:toi|vous|de ton cote|de votre cote|bien))?$"
        ),
    ),
]

_CLEAN = re.compile(r"[^a-z0-9+]+")
_GREETING_WORD = re.compile(_GREETING)

# Messages made only of these words are thanks or goodbyes, whatever their order
# ("ok super merci", "merci bcp a+", "bye a+").
_FILLER = frozenset(
    "ok okay super top cool genial parfait nickel bien tres vraiment beaucoup bcp grand "
    "mille infiniment encore pour la les ta votre vos reponse reponses aide info infos "
    "c est a vous toi je te vous remercie clair compris note entendu recu ca marche t et "
    "madame monsieur vivement ces cette precisions precision reponse infos".split()
)
THANKS_WORDS = frozenset(
    "merci mercii merciii mrc mci thanks thx remercie remercier remercions remerciements"
    " remerciement gratitude mesi masi".split()  # mèsi: Creole
)
# "Je vous remercie de bien vouloir me transmettre…", "merci d'avance": a request, politely.
THANKS_FOR_A_REQUEST = LazyPattern(
    r"\b(?:merci|remercie|remercions|remercier) (?:d avance|par avance|de bien vouloir|de me"
    r"|de m|de nous|de votre retour|pour votre retour)\b"
)
# "jfile a dem1": tomorrow as phones spell it.
_BYE = frozenset(
    "bye au revoir a+ plus bientot ciao tchao salut bonne journee soiree demain dem1 dmn 2main"
    " tantot".split()
)


# "à plus", but not "il n'a plus accès à sa boîte mail".
SEE_YOU_LATER = (
    r"a plus(?=$| tard| mentor| tout le monde| les amis| l equipe| et | merci| je | j | on "
    r"| bonne| bon )"
)
# "bon j'y vais", "allez je file": taking leave in words, as good as a "bye".
_GOING = re.compile(
    r"\b(?:(?:bon|allez|bon allez|ok) )?(?:j y vais|jy vais|je file|jfile|je me sauve"
    r"|je dois y aller|je dois filer|je vous laisse|je te laisse|jme deco|je me deco"
    r"|je me deconnecte)\b"
)


def _by_words(cleaned: str) -> SmallTalk | None:
    words = set(_GOING.sub("bye", cleaned).split())
    leaving = {"bye", "revoir", "a+", "plus", "bientot", "ciao", "tchao", "journee", "soiree"}
    if words & THANKS_WORDS and words <= THANKS_WORDS | _FILLER | _BYE:
        return SmallTalk.THANKS_BYE if words & leaving else SmallTalk.THANKS
    if words & leaving and words <= _BYE | _FILLER:
        return SmallTalk.BYE
    return None


def _clean(text: str) -> str:
    return " ".join(_CLEAN.sub(" ", fold(text)).split())


def cleaned_words(text: str) -> list[str]:
    """The message's words as the patterns see them: folded, without greeting words first."""
    words = _clean(text).split()
    while words and _GREETING_WORD.fullmatch(words[0]):
        words = words[1:]
    return words


def thanks_in(text: str) -> bool:
    """A thank-you somewhere in the message ("Je vous remercie pour vos réponses…")."""
    return not THANKS_WORDS.isdisjoint(_clean(text).split())


def thanks_given(text: str) -> bool:
    """Thanks for what was done, not in advance for what is asked ("merci par avance")."""
    cleaned = _clean(text)
    return not THANKS_WORDS.isdisjoint(cleaned.split()) and not THANKS_FOR_A_REQUEST.search(cleaned)


def opens_with_thanks(text: str) -> bool:
    """ "Merci beaucoup, grâce à vous…", "Super clair, merci !": thanks in the first words."""
    return not THANKS_WORDS.isdisjoint(_clean(text).split()[:3])


# Words in quotes are mentioned, not said: "Comment dit-on « bonne journée » en espagnol ?"
# is no goodbye. Each quote is one pass over its characters.
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def unquoted(text: str) -> str:
    """The message without what it quotes, when what is left says something of its own
    ("Traduis … en espagnol"); "C'est quoi une « MSP » ?" asks about what it quotes."""
    rest = _QUOTED.sub(" ", text)
    return rest if rest != text and not is_bare(clean(rest)) else text


def classify(text: str) -> SmallTalk | None:
    cleaned = _clean(text)
    if not cleaned:
        return None
    for kind, pattern in _PATTERNS:
        if pattern.match(cleaned):
            return kind
    return _by_words(cleaned)
