"""Finding the question inside a message: sentences, greetings, signatures, politeness.

A long message ("Bonjour, je suis en CDD dans une asso depuis 8 mois et ma formatrice
m'a dit que… est-ce que… ? Merci d'avance, Sophie") carries its question in one
sentence; the rest is context. The ranker weighs the question's words fully and the
context's words a little, so a long message does not dilute its own question.
Everything here is linear in the length of the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.described import dislocated
from bot.answers.sentence_words import QUESTION_START, clean, is_bare

# Where a sentence ends: punctuation then a space, or a line break ("C1.3" stays whole), or
# an emoji before a capital, as phones end sentences ("… en breton 😄 Je suis à Quimper").
# A '?' is kept with its sentence: it marks a question.
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?;…])\s+|\n+|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF])\s+(?=[A-ZÀ-ÖØ-Þ])"
)

# Words that, anywhere in a sentence, make it a request for information.
_ASKING = re.compile(
    r"\b(?:est ce qu|est ce que|savoir si|savoir s ils?|savoir comment|savoir quel"
    r"|savoir combien"
    # Asked on someone's behalf: "elle me demande comment classer ses vœux".
    r"|(?<!je )(?<!j )(?:me|m|nous|lui|leur|se) demande(?:nt)? (?:comment|si|s ils?|quel"
    r"|quelle|quels|quelles|combien|ou|pourquoi|quand|lequel|laquelle)"
    # "Je me permets de vous demander comment…": a question put indirectly.
    r"|(?:vous|te) demander (?:comment|si|s ils?|quel|quelle|quels|quelles|combien|pourquoi"
    r"|quand|lequel|laquelle)"
    # "Pourriez-vous m'indiquer…", not "personne ne prenait le temps de m'expliquer".
    r"|(?:vous|tu|pouvez|pourriez|peux|pourrais|merci|veuillez|voudriez|auriez|vouloir)\b"
    r"[a-z ]{0,30}\b(?:m indiquer|me dire|me preciser|m expliquer)"
    r"|c est quoi|cest quoi|c koi"
    # "CNFS, ça veut dire quoi" asks; "Kenavo ! Ça veut dire au revoir en breton" tells.
    r"|ca veut dire(?= quoi\b| koi\b|$)"
    # "Pouvez-vous me confirmer… ?" asks; "la mairie vient de me confirmer dans mon poste" tells.
    r"|(?<!vient de )(?<!viennent de )(?<!a fini par )me confirmer"
    r"|veut dire quoi|faut il|peut on|puis je|dois je|je sollicite|nous sollicitons"
    r"|(?:je|nous) (?:vous|te) sollicit(?:e|ons) (?:afin|pour)"
    r"|(?:vous|te) solliciter (?:afin|pour)(?! la premiere fois)"
    r"|afin d (?:en )?(?:connaitre|savoir|obtenir|comprendre)"
    r"|(?:obtenir|recevoir|avoir) (?:des|vos|quelques) (?:renseignements|informations"
    r"|precisions|infos|conseils)"
    r"|(?:voudrais|voulais|voudrions|aimerais|aimerions|souhaiterais|souhaiterions|souhaite"
    r"|souhaitons|cherche a|besoin de) (?:en |le |la |l |les )?(?:savoir|connaitre|comprendre"
    r"|confirmation"
    r"|des precisions|une precision|des informations|des infos|un eclairage|votre avis)"
    # "J'aimerais une synthèse des financements possibles… Merci !": a request, not thanks.
    r"|(?:voudrais|voulais|voudrions|aimerais|aimerions|souhaiterais|souhaiterions)"
    r" (?:avoir |recevoir |obtenir )?(?:une synthese|un recapitulatif|un resume|un point"
    r"|une liste|un tableau|le detail|le lien|les liens|l adresse|les adresses|un exemple"
    r"|des exemples|un apercu|un panorama)"
    # Indirect questions: "… mais je ne sais plus lequel est dans quel bloc."
    r"|(?:je|on|nous|elle|il|ils|elles) ne (?:sais|sait|savons|savent|comprends|comprend"
    r"|vois|voit) (?:plus |pas |pas trop |pas bien |vraiment pas )?"
    r"(?:dans |a |de |pour |en |par |avec |sur )?(?:si|s il|s ils|quel"
    r"|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|comment|quand|ou|combien"
    r"|qui|pourquoi|a qui|aupres de qui|quoi|ce qu)(?! (?:vous|te|t) (?:remercier|dire merci))"
    # "Je vous remercie de bien vouloir me transmettre…": a formal request, not a thank-you.
    r"|(?:remercie|remercions|merci) (?:par avance |d avance )?de (?:bien vouloir"
    r"|(?:me|m|nous) (?!avoir\b))"
    r"|je m interroge|nous nous interrogeons|je me pose la question|on se pose la question"
    r"|j ai un doute|nous avons un doute"
    # Typed fast, the question word comes last: "jai cb de temps pr le repasser", "jfais comment"
    r"|cb|combien|(?:je|j|on) fais? comment|jfais comment|comment (?:je|on) fai[ts]|comment faire"
    r"|cmt|cmnt|pk|pq|pkoi|kel|kelle|kels|koi|kan"
    # "Je vous saurais gré de bien vouloir me recommander…": a formal request.
    r"|saurais gre(?! de bien vouloir (?:m |nous )?excuser)|saurions gre"
    r"|bien vouloir (?:me|m|nous) (?:indiquer|dire|recommander"
    r"|conseiller|envoyer|transmettre|communiquer|preciser|expliquer)"
    # "Je cherche les compétences du CCP2": a request, worded as a statement.
    r"|(?:je|nous|on) (?:cherche|cherchons|recherche|recherchons) (?:le|la|les|l|un|une|des"
    r"|des infos|des informations)"
    r"|(?:garde|fais|dois|peux|prends|choisis|reviser|revise|faire|prendre) quoi|quoi exactement"
    r"|quoi (?:repondre|dire|faire|mettre|ecrire|choisir|prendre)"
    r"|(?:tu peux|vous pouvez|pourriez vous|pourrais tu|peux tu|pouvez vous) (?:m|me|nous)"
    # "aidez-moi svp" after a problem told; "t'as une idée de cadeau ?" typed without a "?".
    r"|aidez moi|aide moi|aidez nous|aides moi"
    r"|(?:t as|tas|vous avez|avez vous|as tu|auriez vous|aurais tu) (?:une|un|des|1)"
    r" (?:idee|idees|conseil|conseils|astuce|astuces|piste|pistes|suggestion|suggestions))\b"
)
_GREETING_WORDS = frozenset(
    "bonjour bonsoir salut slt coucou cc hello hey bjr re madame monsieur mesdames messieurs "
    "a tous toutes vous tout le monde mentor chere cher equipe".split()
)
_OPENING_HELLOS = frozenset(
    "bonjour bonsoir salut slt coucou cc hello hey bjr wesh yo kikou allo bonjou adishatz "
    "demat kaixo bozu".split()
)
# First words of a message that greets: a hello, "Re-bonjour", "Madame, Monsieur", "@Mentor".
_GREETED = _OPENING_HELLOS | frozenset(
    "re rebonjour madame monsieur mesdames messieurs mentor chere cher bienvenue".split()
)
_POLITE = re.compile(
    r"^(?:merci|mrc|cordialement|bien cordialement|bien a vous|salutations|bonne (?:journee"
    r"|soiree|fin de journee|semaine)|je vous prie|veuillez agreer|dans l attente|en vous"
    r"|je vous remercie|d avance merci|par avance merci|a bientot|belle journee|bisous|bises"
    r"|au plaisir|sinceres salutations)\b"
)
# A context sentence counts less than the question: it helps ranking ("notre salariée
# monte des dossiers de subvention") without drowning it. Chosen by cross-validation
# (mean top-1 over the eight ways of asking: 0.35 -> 0.639, 0.55 -> 0.644, 0.75 -> 0.643).
CONTEXT_WEIGHT = 0.55


@dataclass(frozen=True, slots=True)
class Query:
    """A message seen as its questions and their context."""

    focus: str  # the sentences that ask something (or the whole message when none does)
    context: str  # the other sentences, greetings and signatures removed
    questions: tuple[str, ...]  # each asking sentence, in order

    @property
    def text(self) -> str:
        return f"{self.focus} {self.context}".strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


def _is_greeting(words: list[str]) -> bool:
    return bool(words) and all(w in _GREETING_WORDS for w in words)


def _is_signature(sentence: str, last: bool) -> bool:
    """'Sophie', 'Jean Dupont', 'Julie, CNFS à Lens' at the end of a message."""
    words = sentence.split()
    return last and 0 < len(words) <= 4 and "?" not in sentence and words[0][:1].isupper()


def starts_with_greeting(text: str) -> bool:
    """'Bonsoir, …', 'Madame, Monsieur, …': not 'Le wifi…' nor 'Vous…' (words of a greeting
    line that open other sentences too)."""
    words = clean(text).split()
    return bool(words) and words[0] in _GREETED


def greeting_back(text: str) -> str:
    """How to greet back a message that opens with a hello: "Bonsoir", "Bonjour" or ""."""
    words = clean(text).split()[:1]
    if not words or words[0] not in _OPENING_HELLOS:
        return ""
    return "Bonsoir" if words[0] == "bonsoir" else "Bonjour"


# A hello said among the first words of chit-chat: "Buenos días ! Euh, bonjour pardon 😅",
# "Le bonjour à vous, brave machine !".
_HELLOS_AMONG = frozenset("bonjour bonsoir hello coucou bjr bsr".split())
HELLO_WITHIN_WORDS = 5


def hello_among(text: str) -> str:
    """How to greet back chit-chat that says hello within its first words, or ""."""
    words = [w for w in clean(text).split()[:HELLO_WITHIN_WORDS] if w in _HELLOS_AMONG]
    if not words:
        return ""
    return "Bonsoir" if words[0] in ("bonsoir", "bsr") else "Bonjour"


# "Quelle semaine !", "Quel bonheur !": quel and one or two words, exclaimed.
_EXCLAIMED = re.compile(r"^quel(?:le)?s? (?:\w+ ){0,1}\w+$")


# "Je ne sais pas pourquoi je vous écris ça": wondering at one's own message asks nothing.
_WHY_WRITING = re.compile(
    r"\bne sais pas (?:trop |bien |vraiment )?pourquoi je (?:vous |te |t )?"
    r"(?:ecris|dis|raconte|envoie)\b"
)


# A wish sent, whatever doubt it carries along.
_WISHING = re.compile(
    r"\b(?:vous|te) souhait(?:e|er|ons)\b"
    # A wish in the subjunctive: "Que 2026 t'apporte plein de questions intéressantes."
    r"|^que (?:\w+ ){1,4}(?:vous|t|te|nous) (?:apporte|apportent|garde|gardent|soit|soient"
    r"|donne|donnent|reserve|reservent)\b"
)


# A doubt about oneself, not a question: "Je me demande si j'ai fait le bon choix.", "Je ne
# sais pas si je vais y arriver."
_SELF_DOUBT = re.compile(
    r"^(?:je me demande|je me demandais|je ne sais (?:pas|plus)|jsais pas|je sais pas) si"
    r" (?:j ai (?:fait le bon choix|bien fait|eu raison|fait une erreur)|je (?:suis|serai)"
    r" (?:faite?s? pour|capable|a la hauteur|a ma place)|je vais (?:y arriver|reussir|tenir"
    r"|m en sortir|tout gerer))\b"
)
# A doubt granted before what is done anyway: "Je ne sais pas si un programme peut recevoir
# des remerciements, mais je les envoie quand même."
_CONCEDED = re.compile(
    r"^(?:je ne sais (?:pas|plus)|jsais pas|je sais pas) si .* mais (?:je|j|on|nous|ca|c est)\b"
)


# "il est encore bon ou pas vu que le titre a changé de nom": the alternative asks, typed
# without its '?'; not in a concession ("que je le réussisse ou pas, je continue").
OR_NOT = re.compile(r"\bou (?:pas|non)\b")
_CONCESSION = frozenset({"que", "qu", "soit"})
OR_NOT_REACH = 6  # words before the alternative where a concession would open


# "Quand j'ai commencé, …": a time clause opening a sentence without '?'.
_TIME_CLAUSE = re.compile(r"^\W*(?:quand|lorsque|lorsqu)\b[^,?]*,[^?]*$", re.IGNORECASE)


def _asks_or_not(cleaned: str) -> bool:
    found = OR_NOT.search(cleaned)
    if found is None:
        return False
    before = cleaned[: found.start()].split()[-OR_NOT_REACH:]
    return _CONCESSION.isdisjoint(before)


def is_asking(sentence: str) -> bool:
    cleaned = clean(sentence)
    if not cleaned or _WHY_WRITING.search(cleaned):
        return False
    if "?" in sentence:
        return True
    if _SELF_DOUBT.match(cleaned) or _CONCEDED.match(cleaned):
        return False
    if _WISHING.search(cleaned):
        return False  # "je voulais vous souhaiter un joyeux Noël, même si je ne sais pas si…"
    if "!" in sentence and _EXCLAIMED.match(cleaned):
        return False  # "Quelle semaine !", "Quel bonheur !": an exclamation
    # "Quand j'ai commencé en janvier, je ne savais même pas…": a time told, not asked.
    opens = QUESTION_START.match(cleaned) and not _TIME_CLAUSE.match(sentence)
    return bool(opens or _ASKING.search(cleaned)) or _asks_or_not(cleaned)


def last_asked(text: str) -> str | None:
    """The message's last sentence when it asks and something was said before it: "Je
    découvre votre service. Vous êtes qui exactement ?" -> "Vous êtes qui exactement ?"."""
    sentences = _sentences(text.strip())
    if len(sentences) < 2 or not is_asking(sentences[-1]):
        return None
    return _strip_opening(sentences[-1]).strip() or None


def looks_like_question(text: str) -> bool:
    """A message shaped like a question (a '?', or an interrogative opening)."""
    return any(is_asking(s) for s in _sentences(text.strip()))


def as_statement(question: str) -> str | None:
    """'Quel CCP couvre les subventions ?' -> 'On m'a parlé de ceci : CCP couvre les subventions.'

    Used to train the ranker on messages whose context names the subject; None when the
    sentence still reads as a question.
    """
    words = question.strip().rstrip("?!. ").split()
    for start in range(min(4, len(words))):
        told = "On m'a parlé de ceci : " + " ".join(words[start:]) + "."
        if len(words) - start >= 2 and not is_asking(told):
            return told
    return None


# "Excusez-moi de vous déranger, …": politeness before the first comma says nothing asked.
_DISTURBING = re.compile(
    r"^(?:bonjour |bonsoir )?(?:excusez moi|excuse moi|desolee?|pardon|je suis desolee?)"
    r" (?:de (?:vous|te) deranger|du derangement)(?: (?:encore|a nouveau|si tard))?$"
)


def _strip_opening(sentence: str) -> str:
    """'Bonjour, est-ce que…' -> 'est-ce que…' (greeting words or an apology for disturbing
    before the first comma)."""
    while True:
        head, sep, tail = sentence.partition(",")
        cleaned = clean(head)
        if not (sep and (_is_greeting(cleaned.split()) or _DISTURBING.match(cleaned))):
            return sentence
        sentence = tail


_WISHED = re.compile(
    r"^(?:je|j|nous) (?:voudrais|voudrions|souhaiterais|souhaiterions|souhaite|souhaitons"
    r"|aimerais|aimerions) (?:bien )?(?:m |me |nous )?[a-z]+(?:er|ir|re)\b"
)


def analyse_message(text: str) -> Query:
    sentences = _sentences(text)
    kept: list[tuple[str, bool]] = []
    for i, raw in enumerate(sentences):
        sentence = _strip_opening(raw).strip()
        cleaned = clean(sentence)
        words = cleaned.split()
        if not words or _is_greeting(words):
            continue
        last = i == len(sentences) - 1
        asks = is_asking(sentence)
        if not asks and _POLITE.match(cleaned):
            continue
        if len(sentences) > 1 and _is_signature(sentence, last):
            continue
        if asks and kept and not kept[-1][1] and is_bare(cleaned, sentence):
            # "On nous a parlé de la C1.4. Vous pouvez me la réexpliquer ?" or "… mais ma
            # sœur pense que c'est un niveau 5. Je voudrais être sûre. Qui a raison ?": the
            # question points back at what was just told, which becomes part of it.
            told: list[str] = []
            while kept and not kept[-1][1]:
                told.insert(0, kept.pop()[0])
            sentence = " ".join([*told, sentence])
        described = dislocated(sentence) if asks else None
        if described is not None:
            kept.extend([(described[0], False), (described[1], True)])
            continue
        kept.append((sentence, asks))
    if not any(q for _, q in kept):
        # Nothing asked: a wish stated is the request ("Madame, Monsieur, je souhaiterais
        # m'inscrire au CCP2. Cordialement"), not a hello nor a thank-you.
        kept = [(s, bool(_WISHED.match(clean(s)))) for s, _ in kept]
    asking = tuple(s for s, q in kept if q)
    if not asking:
        whole = " ".join(s for s, _ in kept)
        return Query(focus=whole, context="", questions=())
    context = " ".join(s for s, q in kept if not q)
    return Query(focus=" ".join(asking), context=context, questions=asking)
