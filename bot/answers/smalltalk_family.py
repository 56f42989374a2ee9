"""Small talk inside a longer message: presence, bot or human, capabilities, leaving, thanks
said at length, an introduction, praise. `smalltalk.py` knows whole short messages."""

from __future__ import annotations

import re

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.smalltalk import (
    SEE_YOU_LATER,
    THANKS_FOR_A_REQUEST,
    THANKS_WORDS,
    SmallTalk,
    classify,
    cleaned_words,
)

_LAST_SENTENCE = re.compile(r"[.!?…]+\s*")

# A message that opens by thanking, however long the story of why after it.
_THANKING = LazyPattern(
    r"^(?:(?:franchement|vraiment|encore|bon|alors|eh bien|ben|oh|ah|sincerement) )*"
    r"(?:je (?:voulais|tenais a|souhaitais|voudrais) (?:juste |simplement |vraiment )?"
    r"(?:vous|te) (?:remercier|dire merci)|un (?:grand|immense) merci|merci)\b"
)
# Thanks said for their own sake, wherever they stand: "Petit message pour dire merci…",
# "… je ne sais pas comment vous remercier."
_THANKS_FOR_ITSELF = LazyPattern(
    r"\b(?:pour|juste pour|simplement pour) (?:vous |te )?(?:dire merci|remercier)\b"
    r"|\bcomment (?:vous|te) (?:remercier|dire merci)\b"
)

# Thanks sent in a letter, wherever they stand: "Au nom du conseil d'administration, je vous
# adresse nos remerciements…", "Avec toute ma gratitude".
_THANKS_SENT = LazyPattern(
    r"\b(?:adresse|adressons|exprime|exprimons|renouvelle) (?:nos|mes|toute ma|toute notre)"
    r" (?:plus )?(?:sinceres |vifs |chaleureux |profonds )?(?:remerciements|gratitude"
    r"|reconnaissance)\b|\bavec (?:toute )?(?:ma|notre) (?:gratitude|reconnaissance)\b"
    r"|\b(?:avec|tous) (?:mes|nos) (?:sinceres |vifs )?remerciements\b"
    r"|\bfaire part de (?:ma|notre|toute ma) (?:gratitude|reconnaissance)\b"
)


# Families recognised inside longer messages, whatever the wording around them.
_SOMEONE = r"(?:quelqu un|quelquun|qqn|qqun|qq1|qqu1|quelqu1|kelkun|kelk1|qlqn)"
_PRESENCE = re.compile(
    rf"^(?:(?:il )?y a|ya|y a t il|il y a t il) (?:{_SOMEONE}|du monde|personne)\b"
    rf"|^(?:allo|{_SOMEONE}|(?:tu es|t es|vous etes|es tu|etes vous)"
    r" (?:encore |toujours |bien )?(?:la|present|presente))"
    r"(?: \w+)?$"
    # "t la ?" typed fast; "ça marche, là ?" when nothing seems to go through.
    r"|^(?:jsp si |je sais pas si |jsais pas si )?t (?:encore |toujours )?la$"
    r"|^(?:t|t es|tu es|vous etes) (?:ou|passe ou)$|^ou (?:es tu|etes vous|t es)$"
    r"|^(?:ca|c) (?:marche|passe|fonctionne) (?:la|maintenant)$"
)
# A sentence this short that only checks the bot is there ("Vous êtes toujours là ?").
PING_WORDS = 6
_SENTENCE = re.compile(r"[.!?…:;]+")
_MACHINE = re.compile(
    r"\b(?:humain|humaine|vraie personne|personne reelle|vrai conseiller|conseiller humain"
    r"|machine|robot|bot|chatbot|ia|intelligence artificielle|automatique|automatise"
    r"|repondeur|interlocuteur humain|interlocutrice humaine|pas une (?:vraie )?personne"
    r"|vraie (?:conseillere|dame|femme)|vrai (?:monsieur|homme|humain)"
    r"|en chair et en os|personne physique|automatisee?s?|qu un programme|chatgpt|gpt"
    r"|ou un logiciel|un logiciel ou|qu un logiciel"
    # "Tu es un homme ou une femme ?", "une personne ou un logiciel ?"
    r"|(?:un )?homme ou (?:une )?femme|(?:une )?femme ou (?:un )?homme"
    r"|une personne ou|ou une (?:vraie )?personne|derriere (?:l|mon|ton|votre) ecran)\b"
)
# Said to the bot: "tu es…", "t'es…", and typed fast, "t un robot ?", "c 1 humain ?".
_TO_BOT = re.compile(
    r"\b(?:tu|t es|vous etes|etes vous|es tu|vous n etes|tu n es|je parle|je discute|j echange"
    r"|qui (?:me )?repond"
    r"|(?:vos|les|tes) reponses"
    r"|(?:t|c) (?:un|une|1)|t (?=humain|robot|bot|ia|machine)"
    # "Je m'adresse à un humain ?", "Cet outil est-il une IA ?", "Derrière Mentor, qui ?"
    r"|je m adresse|(?:cet|ce|l|votre) (?:outil|service|assistant|bot|chatbot|application)"
    r" (?:est|est il|serait)|derriere (?:mentor|cet outil|ce service|l outil|vous|toi)"
    r"|(?:un|une) (?:formateur|formatrice|personne|humain|conseiller|conseillere)"
    r" (?:qui )?(?:repond|lit|ecrit|reponde|lise)|(?:repond|repondez|reponds) a la main"
    r"|(?:mes|nos) (?:messages|questions) sont (?:ils |elles )?(?:bien )?(?:traitee?s?|lue?s?)"
    r"|on dirait (?:un|une)"
    r"|(?:suis je|je suis|sommes nous) en (?:contact|relation|communication|conversation) avec"
    r"|mentor|c est (?:un|une) (?:humain|robot|bot|ia|machine|vraie personne)"
    r"|(?:parler|discuter) (?:a|avec) (?:un|une) (?:humain|humaine|vraie personne|personne)"
    r"|(?:quelqu un|une personne|un humain)[a-z ]{0,25}\b(?:lit|lisent|repond|repondent)"
    r"|c est qui|qui (?:est|se cache) derriere|are you)\b"
)
# Who the bot is, asked in words that mean nothing else: no entry answers them, whatever
# it shares with them ("à qui ai-je l'honneur ?" and the DP's "déclaration sur l'honneur").
_WHO = re.compile(
    r"\bqui (?:es tu|etes vous|vous etes|tu es)\b"
    r"|^(?:mais )?(?:t|c|t es|c est) (?:ki|qui)(?: toi| vous)?(?: au juste| en fait| exactement)?$"
    r"|\ba qui (?:ai je|j ai) l honneur\b"
)
# The bot named as a thing: "ce service", "cet outil", "l'appli".
_THIS_TOOL = (
    r"(?:ce service|cet outil|ce bot|ce chatbot|mentor|l outil|l application|l appli"
    r"|cette application|cette appli|votre service|votre outil)"
)
_CAPABILITY = re.compile(
    r"\b(?:que|quoi|qu est ce que|comment) (?:est ce que )?(?:tu|vous) (?:me |m )?"
    r"(?:peux|pouvez|sais|savez|sers|servez)\b[a-z ]*\b(?:faire|aider|apporter|servir)\b"
    r"|\bdans quels domaines\b"
    # "vous pouvez m'aider sur quoi exactement ?", "je ne sais pas quoi vous demander"
    r"|\b(?:tu|vous) (?:peux|pouvez|pourriez|pourrais) (?:me |m |nous )?aider (?:sur|pour|a|avec"
    r"|en|dans) (?:quoi|koi)\b|\b(?:sur|pour|en|dans) (?:quoi|koi) (?:tu|vous) (?:peux|pouvez)"
    r" (?:me |m |nous )?aider\b|\bne sais pas (?:trop |vraiment )?quoi (?:vous|te) demander\b"
    r"|\ba quoi (?:tu sers|vous servez|servez vous|sers tu)\b"
    r"|\b(?:pouvez vous|peux tu|pourriez vous|pourrais tu|tu peux|vous pouvez|tu veux"
    r"|veux tu|voulez vous|vous voulez) (?:vous|te) presenter\b|\b(?:presentez vous|presente toi)\b"
    r"|\bqui (?:t a|vous a) (?:developpe|cree|concu|fait|programme|code|fabrique|invente"
    r"|imagine|entraine)e?s?\b"
    r"|\bqui a (?:developpe|cree|concu|fait|programme|code) (?:cet outil|ce bot|ce chatbot"
    r"|mentor|l outil|l application|l appli|ce service|cette application|cette appli)\b"
    r"|\b(?:qui (?:est|se cache|il y a)|c est qui|qu y a t il) (?:derriere|a l origine de)"
    rf" (?:{_THIS_TOOL}|toi|vous|tout ca)\b"
    # "Ce service sert à quoi ?", "à quoi est destiné cet outil ?"
    rf"|\ba quoi (?:sert|servira|est destinee?) {_THIS_TOOL}\b"
    rf"|\b{_THIS_TOOL} (?:sert|servira|est destinee?) a quoi\b"
    rf"|\b{_THIS_TOOL} et a quoi (?:il|elle) (?:sert|est destinee?)\b"
    r"|\bcomment (?:tu|vous|cet outil|ce bot|l outil|mentor) (?:marche|marches|marchez"
    r"|fonctionne|fonctionnes|fonctionnez)\b"
    # "Comment ça marche ?" is about the bot when it is the whole question: "La certification
    # des collégiens, comment ça marche ?" is about something else.
    r"|^(?:\w+ ){0,2}comment (?:ca|cela) (?:marche|fonctionne)(?: ici| avec (?:toi|vous))?$"
    r"|\bcomment (?:on|je) (?:s en sert|m en sers|l utilise|utilise (?:cet outil|ce bot|mentor))\b"
    r"|\bcomment (?:je peux|puis je|on peut|peut on|je dois|dois je) (?:vous|t|te) utiliser\b"
    r"|\b(?:voir|savoir|comprendre|decouvrir) comment (?:ca|cela) (?:marche|fonctionne)$"
    r"|^(?:c |c est |mais )?qui (?:qui |est ce qui )?(?:me|nous) (?:repond|ecrit|parle)$"
)
# The bot's name asked ("on t'appelle comment ?", "c'est quoi ton nom ?").
_NAME = re.compile(
    r"\b(?:comment (?:tu t appelles|vous vous appelez|t appelles tu|on t appelle|on vous appelle"
    r"|je (?:t|vous) appelle)|(?:on t appelle|on vous appelle|tu t appelles|vous vous appelez)"
    r" comment|(?:c est )?quoi (?:ton|votre) (?:nom|prenom)|quel est (?:ton|votre) (?:nom|prenom)"
    r"|(?:ton|votre) (?:nom|prenom) (?:c est|est) quoi)\b"
)
# Someone who says who they are and that they are trying the bot, without a question:
# "Bonjour, je suis DRH… et je découvre votre service." It is a hello.
_INTRODUCTION = LazyPattern(
    r"\bje (?:decouvre|viens de decouvrir|teste|suis en train de tester|essaie|essaye)"
    r" (?:(?:votre|ton|le|l|cet|ce|cette) )?(?:service|outil|bot|chatbot|assistant|application"
    r"|plateforme|appli|mentor|messagerie)\b|\bje decouvre tout\b"
    r"|\bje viens voir (?:a quoi ressemble|comment (?:fonctionne|marche))"
    r"|\bje (?:te|vous) presente (?:la|ma|notre|mes|nos)"
    r" (?:nouvelle |nouveaux |nouvelles |nouveau |future |premiere )?(?:promo|groupe|cohorte"
    r"|stagiaires)|\bje me permets de (?:vous|te) saluer\b"
    r"|\bdites (?:lui |leur |moi )?bonjour\b|\bje (?:te|vous) presente mentor\b"
    r"|\b(?:vous|te|t) (?:dit|disent|disons) (?:bonjour|coucou|salut|bonsoir)\b"
    r"|\b(?:vous|te|t) salu(?:e|ent|ons)\b"
    r"|\bje (?:voulais|voudrais|souhaitais|tenais a) (?:juste |simplement )?(?:venir |passer )?"
    r"(?:dire bonjour"
    r"|vous saluer|te saluer|me presenter|voir a quoi|voir comment (?:ca|cela|l outil|il)"
    r"|tester|essayer|jeter un oeil|jeter un coup d oeil|prendre contact|voir l outil"
    r"|decouvrir l outil)"
    r"|\bje (?:passais|passe) (?:juste |simplement )?(?:vous|te) (?:saluer|dire bonjour)"
    r"|\b(?:simple|petite|une|premiere) prise de contact\b|\bpremier contact\b"
    r"|\bvoir a quoi (?:tu ressembles|vous ressemblez)\b"
    r"|\bme (?:re)?voila\b|\b(?:je suis|jsuis|j suis|chui|chuis) de retour\b"
    r"|\b(?:un|petit) coucou\b"
    r"|\b(?:vous|te) (?:adresse|adressent|transmet|transmets|envoie) (?:ses|mes|nos|leurs)"
    r" (?:salutations|amities|bonjours?)\b"
    # Who writes, and nothing asked: "Je suis directrice d'un centre social qui accueille…"
    r"|^(?:je suis|nous sommes) (?:le |la |l |un |une )?(?:president|presidente|directeur"
    r"|directrice|responsable|coordinateur|coordinatrice|maire|dgs|drh|elu|elue|gerant|gerante)\b"
)
_LEAVING = LazyPattern(
    rf"\b(?:je te laisse|je vous laisse|jte laisse|j te laisse|jvous laisse|{SEE_YOU_LATER}"
    r"|(?:je|j) (?:te|vous) reecri(?:s|rai) (?:plus tard|demain|ce soir|apres)|jte reecris"
    r"|a bientot|au revoir|bonne journee|bonne soiree"
    r"|bye|ciao|a la prochaine|a demain|(?:je vais|je dois|je vais devoir|il faut que je)"
    r" (?:vous|te) laisser|bonne continuation|bon week end|bonne fin de journee"
    r"|je reviens vers (?:vous|toi)|je reviendrai|je (?:vous|te) recontacte"
    r"|j ai (?:tout )?ce qu il (?:me|nous) faut|bonne nuit|prendre conge|excellente continuation"
    r"|(?:je vais|jvais|j vais) (?:aller )?(?:me coucher|dormir|me reposer)|bn8|bne nuit"
    r"|j ai (?:eu )?(?:toutes )?(?:mes|les|toutes les) reponses|on vous laisse|on te laisse"
    r"|a la semaine prochaine|a (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"|bon (?:wk|wkend|wk end|we)|on se (?:reparle|retrouve|revoit|dit a)|a la rentree"
    r"|(?:je vais|je dois) m arreter la|je m arrete la|on s arrete la"
    r"|je reprendrai (?:demain|plus tard|ce soir|lundi|la semaine prochaine)"
    r"|je pars en (?:conges|vacances)|(?:je vous prie d|veuillez) agreer"
    r"|salutations distinguees|(?:je )?prends? conge|je n ai plus (?:de|d autres?) questions?"
    r"|(?:je file|jfile|j file|je me sauve|je dois filer|je dois y aller)|bisous|bises"
    r"|assurance de (?:mes|ma) (?:sentiments"
    r"|consideration|salutations))\b"
)
_GREAT = (
    r" (?:(?:bien|beaucoup|tellement|vraiment|trop|super|tres|hyper) )?(?:plus )?"
    r"(?:au top|top|genial|geniale|super|formidable|parfait|parfaite|utile|efficace|clair"
    r"|le meilleur|la meilleure|genial merci)\b"
)
# "C'était génial" after an answer praises it; at the end of a story, it is the story's.
IT_WAS_WORDS = 15
_IT_WAS_GREAT = LazyPattern(r"\b(?:c est|c etait|vraiment)" + _GREAT)
# Praise, in the user's words: a thank-you without the word "merci".
_PRAISE = LazyPattern(
    r"\b(?:vous etes|tu es|t es)"
    + _GREAT
    + r"|\bbravo\b|\btrop bien\b(?! passee?\b)|\bgrace a (?:vous|toi)\b"
    r"|\bj ai (?:enfin |bien |tout )?compris\b"
    r"|\b(?:ca|cela|vous|tu) m (?:a|avez|as) (?:bien |beaucoup |vraiment |trop )?aidee?\b"
    r"|\bbien fait\b|\b(?:m ont|m a) ete (?:tres |vraiment |super )?utiles?\b"
    r"|\b(?:tes|vos) reponses sont (?:tres |vraiment |super |hyper |bien |toujours )?"
    r"(?:claires|utiles|precises|top|parfaites|super|geniales|completes)\b"
    r"|\b(?:ca|cela|vous|tu) m (?:aide|aidez|aides) (?:vraiment|beaucoup|enormement|trop)\b"
    r"|\bcontinue[sz]? comme ca\b|\b(?:exactement |tout )?ce qu il me fallait\b|\bchapeau\b"
    r"|\bne jurent? que par (?:vous|toi)\b|\b(?:vous|tu) (?:lui|m|nous|leur) (?:avez|as) sauve\b"
    r"|\bplus (?:clair|claire|claires|clairs|limpides?|simples?) que (?:celles?|ceux|mon|ma|mes)\b"
    r"|\b(?:saluer|souligner) la qualite\b|\bla qualite de (?:vos|tes) (?:reponses|explications)\b"
    r"|\b(?:vos|tes) (?:reponses|explications) (?:toujours |tres |si )?(?:precises|claires"
    r"|utiles|limpides)\b"
    r"|\b(?:recommande|recommander|conseille|conseiller) (?:cet outil|ce bot|mentor|l outil)\b"
    r"|\b(?:cet outil|ce bot|l outil|mentor) (?:est )?(?:vraiment |tres |super )?(?:top|genial"
    r"|pratique|utile|efficace)\b"
)


def _ending(text: str) -> SmallTalk | None:
    return classify(_LAST_SENTENCE.split(text.strip(" .!…"))[-1]) if text else None


# Asking leave to ask, with the question still to come.
_ASK_LEAVE = re.compile(
    r"^(?:(?:est ce que )?(?:je peux|j peux|jpeux|jpeu|je peu|puis je|pourrais je|je pourrais"
    r"|on peut|peut on) (?:te|vous|t) (?:poser|demander|solliciter pour|soumettre) (?:une|1"
    r"|quelques|des"
    r"|un)|(?:j ai|g|jai|j aurais) (?:une|1|quelques|des|un))"
    r" (?:petites? |petit |autres? |simples? )?(?:questions?|kestions?|choses?|renseignements?"
    r"|interrogations?"
    r"|truc|conseil|service)"
    r"(?: (?:svp|stp|s il vous plait|s il te plait|rapide|rapidement))?$"
    r"|^(?:auriez vous|avez vous|as tu|t as|tu as|vous avez|tu aurais) (?:un |une )?(?:petit )?"
    r"(?:instant|minute|moment|deux minutes|2 minutes|2 min)(?: (?:a m accorder|pour moi))?$"
    # "Est-ce bien ici que je peux poser mes questions sur ma formation ?"
    r"|^(?:seriez vous|etes vous|es tu|serais tu|tu es|vous etes) (?:disponible|dispo)s?"
    r" (?:pour|a) (?:repondre|me repondre|quelques|des|une|m aider)"
    r"|^(?:est ce |c est )?(?:bien )?(?:ici|le bon endroit)(?: (?:que|qu|pour))?"
    r"(?: (?:je peux|j peux|on peut|l on peut|je dois|on doit|il faut))?"
    r" (?:poser|demander) (?:mes|des|les|une|nos|ma) (?:questions?|renseignements?)"
    r"(?: (?:sur|pour|concernant|a propos de) (?:\w+ ){0,3}\w+)?$"
)


def _machine_asked(cleaned: str) -> bool:
    """ "machine", "robot", "vraie personne"… said to the bot."""
    return bool(_MACHINE.search(cleaned) and _TO_BOT.search(cleaned))


def pings(text: str) -> bool:
    """One sentence checks that the bot is there, whatever the story around it: "… la
    connexion a coupé en plein milieu. Vous êtes toujours là ?"."""
    for sentence in _SENTENCE.split(text):
        words = cleaned_words(sentence)
        if words[:1] == ["allo"]:
            continue  # "Allô ! J'habite à Sherbrooke…": in a longer message, a hello
        if words and len(words) <= PING_WORDS and _PRESENCE.search(" ".join(words)):
            return True
    return False


def asks_who_answers(text: str) -> bool:
    """ "Vous êtes une IA ou un formateur ?", "t ki toi en fait": a question to the bot
    about what or who it is."""
    cleaned = " ".join(cleaned_words(text))
    return _machine_asked(cleaned) or bool(_WHO.search(cleaned) or _NAME.search(cleaned))


MACHINE_TOLD = 60  # words: a story around "machine ou humain ?", not a letter


def machine_or_human_told(text: str) -> bool:
    """The message is about whether a machine answers, though its question only points
    back at it: "Ma fille dit que je discute avec une machine… Alors, qui a raison ?"."""
    words = cleaned_words(text)
    return len(words) <= MACHINE_TOLD and _machine_asked(" ".join(words))


def introduces(text: str) -> bool:
    """The writer says they are trying the bot ("je viens de découvrir cet outil")."""
    return bool(_INTRODUCTION.search(" ".join(cleaned_words(text))))


def classify_family(focus: str, asking: bool, closing: str = "") -> SmallTalk | None:
    """Small talk inside a longer message: presence, bot or human, capabilities, leaving.

    `closing` is the whole message: its last sentence still says goodbye when the analysis
    set it apart from the focus as a sign-off ("… Bonne soirée !").
    """
    words = cleaned_words(focus)  # "bjr ya qqn ?": the hello does not change the question
    if not words:
        return None
    cleaned = " ".join(words)
    if _PRESENCE.search(cleaned) and len(words) <= 5:
        return SmallTalk.PRESENCE
    if _ASK_LEAVE.match(cleaned):
        return SmallTalk.ASK
    if _machine_asked(cleaned) and len(words) <= 50:
        return SmallTalk.IDENTITY
    if _CAPABILITY.search(cleaned) or _WHO.search(cleaned) or _NAME.search(cleaned):
        return SmallTalk.IDENTITY
    if asking:
        return None
    ending = _ending(focus) or _ending(closing)
    thanking = not THANKS_WORDS.isdisjoint(words) and not THANKS_FOR_A_REQUEST.search(cleaned)
    said_leaving = bool(_LEAVING.search(cleaned))
    leaving = ending is SmallTalk.BYE or (said_leaving and len(words) <= 40)
    # "… je tenais à vous dire que tout est clair. Je vous en remercie et vous souhaite une
    # bonne continuation.": thanks and leave-taking in one letter, however long.
    leaving = leaving or (thanking and said_leaving and len(words) <= 60)
    if not thanking and _INTRODUCTION.search(cleaned) and len(words) <= 60:
        return SmallTalk.GREETING  # "Simple prise de contact, je reviendrai vers vous."
    if (thanking and leaving) or ending is SmallTalk.THANKS_BYE:
        return SmallTalk.THANKS_BYE  # "Merci pour tout… Je relirai ce soir. Bonne soirée !"
    if ending in (SmallTalk.THANKS, SmallTalk.BYE):
        return ending  # "… je reviendrai avec d'autres questions. Au revoir et merci !"
    if words[0] in THANKS_WORDS or (
        thanking
        and (
            len(words) <= 25
            or _THANKING.match(cleaned)
            or _THANKS_SENT.search(cleaned)
            or _THANKS_FOR_ITSELF.search(cleaned)
        )
    ):
        return SmallTalk.THANKS  # "Je tenais simplement à vous remercier pour vos réponses."
    if leaving:
        return SmallTalk.BYE
    if (_PRAISE.search(cleaned) and len(words) <= 60) or (
        _IT_WAS_GREAT.search(cleaned) and len(words) <= IT_WAS_WORDS
    ):
        return SmallTalk.PRAISE
    return None
