"""Small talk said in passing, recognised inside a longer message.

A complaint that the last answer missed, "tu parles anglais ?", "comment allez-vous ?" may
be asked; wishes, a pause, a mood, a slip, good news are said by a message that asks
nothing. Each gets a short human reply instead of a search for its words ("bon week-end" is
no question about the week-end, "je suis fatiguée" none about tiredness).
"""

from __future__ import annotations

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.smalltalk import SmallTalk, cleaned_words
from bot.answers.smalltalk_about_bot import (
    ADDRESS,
    AVAILABILITY,
    CONGRATULATE,
    COST,
    ENCOURAGE,
    HOW_ARE_YOU,
    ILLNESS,
    IN_ENGLISH,
    JOKE_TOLD,
    LANGUAGE,
    LIFE,
    MEMORY,
    PATIENCE,
    PRIVACY,
    RECEIVED,
    RELIABILITY,
    SHARED,
    TALK_PRIVACY,
)
from bot.answers.smalltalk_news import GOOD_NEWS

# The user says the last answer missed: an apology and an invitation to rephrase, not a
# search for the words "comprendre" or "réponse".
MISUNDERSTOOD = LazyPattern(
    r"^(?:mais |franchement |pfff? |bon )?(?:tu|vous|t) (?:ne |n )?(?:comprends|comprend|comprenez)"
    r" (?:rien|pas|que dalle|r1)(?: (?:du tout|a ce que je (?:dis|demande)|ma question))?$"
    r"|\b(?:tu|vous|t) (?:ne |n )?(?:m as|m avez|as|avez) (?:pas|rien) compris\b"
    r"|\b(?:ca|cela|(?:ta|votre|la) (?:precedente |derniere )?reponse(?: precedente| derniere)?)"
    r" (?:ne |n )?(?:repond|correspond|repondait|correspondait) pas"
    r" (?:a|du tout a) (?:ma|la|mes) (?:question|demande)s?\b"
    r"|^(?:mais |non )?(?:c est|ce n est) pas"
    r" (?:ma question|ce que (?:j ai|je) (?:demande|voulais))"
    r"|^(?:mais )?(?:t es|tu es|vous etes|t) (?:vraiment |trop |super )?(?:nul|nulle|bete"
    r"|inutile)\b"
    r"|\b(?:tu|vous|t) (?:reponds|repondez|repond) (?:souvent |toujours |encore )?a cote\b"
    r"|\b(?:tu|vous|t) (?:ne |n )?(?:me |m )?(?:reponds|repondez|repond) (?:jamais|pas|rien"
    r"|a cote)"
    r"(?: (?:a|de))? (?:ce que|ma|mes|la) "
    r"|^(?:tu sers|vous servez|ca sert) (?:a rien|a que dalle)$"
    # "Tu sers à rien, je trouve jamais ce que je cherche", "tu me réponds à côté".
    r"|\b(?:tu|vous) (?:ne )?(?:sers|servez) (?:a rien|pas a grand chose|a pas grand chose)\b"
    r"|\b(?:tu|vous) (?:me |m )(?:reponds|repondez) (?:encore |toujours )?a cote\b"
    r"|\bmon mecontentement\b|\breponses (?:\w+ ){0,4}(?:imprecises|peu adaptees|inexactes"
    r"|a cote)\b"
    r"|^(?:n importe quoi|a cote de la plaque|rien a voir|hors sujet)$"
    r"|\b(?:ta|votre|cette) (?:rep|reponse) (?:est |etait )?(?:nulle|fausse|a cote|inutile)\b"
    # Disappointed with the bot, not with an exam ("Je n'ai pas eu le CCP1. Je suis déçue").
    r"|\bma deception\b|^(?:je suis |jsuis |chui )?(?:tres |un peu |vraiment |trop )?decue?$"
    r"|\bje suis (?:tres |un peu |vraiment )?decue? (?:de|par|des) (?:vos|tes|ta|votre|cette|la"
    r"|les|ce|cet) (?:reponses?|reps?|service|outil|bot|assistant|aide|echange)\b"
    r"|\bpas (?:obtenu|eu|recu) de reponses? satisfaisantes?\b"
    r"|\b(?:vos|tes) (?:dernieres |precedentes )?reponses (?:ne |n )?(?:m ont|nous ont|ont)"
    r" (?:pas|guere|pas vraiment|pas beaucoup|rien) (?:ete )?(?:utiles?|aidee?s?|servi)\b"
    r"|\b(?:tu|vous) (?:m as|m avez|nous avez|nous as) fait perdre (?:mon|du|notre|un temps)\b"
    r"|\b(?:vos|tes) reponses (?:sont|me paraissent|semblent|me semblent) (?:souvent |bien "
    r"|beaucoup |un peu |vraiment )?trop (?:longues"
    r"|compliquees|techniques|courtes|vagues)\b"
    r"|^(?:nul|nulle|inutile|naze) (?:ce|cet|le|ton|votre) (?:bot|outil|truc|chatbot|assistant"
    r"|service)$|^(?:ce|cet|le|ton|votre) (?:bot|outil|truc|chatbot|assistant|service)"
    r" (?:est )?(?:vraiment |trop )?(?:nul|inutile|naze)$"
    r"|^(?:reponds|repondez) (?:moi )?(?:correctement|serieusement|vraiment)$"
)
WISHES = LazyPattern(
    r"\b(?:bonne annee|meilleurs voeux|mes voeux|nos voeux|joyeux noel|joyeuses fetes"
    r"|bonnes fetes|bonnes vacances|bon week end|bon weekend|bon we|bon wk|bon wkd|bon wkend"
    r"|bon wk end"
    r"|bonne rentree"
    r"|je pars en vacances|bonne fin d annee|bonnes fetes de fin d annee|belles fetes"
    r"|excellente fin d annee|bonne fin de semaine|(?:vous|te) souhaitent"
    r"|(?:vous|te) souhaite (?:une |un )?(?:excellente|belle|bonne|heureuse|joyeuse|tres bonne)"
    r" (?:annee|fetes|fin d annee)"
    r"|plein de reussite|bon courage a (?:tous|toutes|toute la promo|chacun|vous tous)"
    r"|(?:bonne route|bon vent|bonne continuation) a (?:tous|toutes|vous tous|chacun"
    r"|toute la promo)"
    r"|(?:voulais|voulions|tenais a|tenions a|voudrais|veux) (?:vous|te) souhaiter"
    r"|(?:je|nous) (?:vous|te) souhait(?:e|ons) (?:une |de |un |d )?(?:bonne|belle|bel"
    r"|bonnes|belles|plein|bon|joyeux|joyeuses|excellente|excellent|heureuse|tres bonne"
    r"|merveilleuse)"
    r"|bon courage (?:pour|a) (?:ta|votre|toi|vous|la suite)|(?:toi|vous) aussi$)\b"
)
# A pause: the user will come back ("attends deux minutes", "je vais réfléchir").
PAUSE = LazyPattern(
    r"\b(?:je reviens|j reviens|jreviens)(?: plus tard| tout a l heure| tout de suite"
    r"| dans \w+ (?:minutes?|min|heures?))?$|\bje reviens (?:plus tard|tout a l heure)\b"
    r"|\bon (?:reprend|en reparle|continue|verra) (?:ce soir|demain|dmn|dem1|plus tard|apres"
    r"|lundi)\b"
    r"|\b(?:je dois|jdois|j dois|faut que j) (?:filer|y aller|partir|vous laisser|te laisser"
    r"|file|y aille|parte|aller chercher|aller recuperer)\b"
    r"|\b(?:attends?|attendez) (?:deux|2|une|1|un|quelques|cinq|5)"
    r" (?:minutes?|secondes?|min|sec|instants?)\b"
    r"|^(?:un|une|1) (?:instant|moment|sec|seconde|minute)\b|\bje vais (?:y )?reflechir\b"
    r"|\blaisse[sz]? moi reflechir\b|\bje reflechis\b|\bj y reflechis\b"
    r"|\bne (?:bouge|bougez) pas\b"
    r"|\bje (?:te|vous) (?:redis|redirai|recontacte)\b"
    r"|\b(?:je reviens|jreviens|j reviens)\b(?! vers)|^(?:attends|attendez|attend)\b"
    # "2 min stp", not "en deux minutes tout est devenu clair".
    r"|^(?:2|deux|une|1|5|cinq) (?:sec|secondes?|min|minutes?)\b"
    r"|\bje serai absente?\b|\bje (?:vous|te) dis a (?:dans|demain|bientot|plus|lundi|la semaine)\b"
)
# Shy of asking: "j'ai peur de poser une question bête… est-ce que je peux quand même ?"
ASK_SHY = LazyPattern(
    r"\b(?:poser|demander) (?:une|des|ma) questions? (?:bete|betes|idiote|idiotes|naive|naives"
    r"|stupide|stupides|de debutante?)\b"
)
# "Pouvez-vous patienter un instant ?": a pause, though worded as a question.
PAUSE_ASKED = LazyPattern(
    r"\b(?:pouvez vous|pourriez vous|peux tu|pourrais tu|tu peux|vous pouvez) (?:patienter"
    r"|attendre|m attendre)\b"
    # "on en reparle demain, ok ?": the time to come back, agreed on.
    r"|^on (?:en reparle|reprend|continue) (?:ce soir|demain|dmn|dem1|plus tard|lundi)"
    r"(?: (?:ok|d accord|dac|ca te va|ca vous va))?$"
)
# How the user feels, said without a question about the titre.
MOOD = LazyPattern(
    r"\b(?:je suis|jsuis|jsui|j suis|chui|chu|je me sens|mi le)"
    r" (?:tres |trop |vraiment |un peu |hyper |super |tellement |grave |completement |si )?"
    r"(?:fatiguee?|crevee?|epuisee?|stressee?|decouragee?|debordee?|demoralisee?|a bout"
    r"|lessivee?|nase|angoissee?|ko|k o|mort|morte|videe?|rincee?|tannee?|a la ramasse"
    r"|degoutee?|deg|a plat|ensuquee?)\b"
    # "jpp de cette journée": j'en peux plus, not a laugh ("jpp 😂").
    r"|\b(?:jpp|j en peux plus|jen peux plus|j en peux pu) (?:de |d )?(?:cette|ma|ces|mes|la)"
    r" (?:journee|semaine|soiree|journees|semaines)\b"
    # Said by ear: "jsui dég de ouf", "j'ai pus d'énergie pantoute".
    r"|\b(?:deg|degoutee?) de ouf\b|\bj ai (?:plus|pus|pas) d energie\b"
    r"|\bbon courage a moi\b|\bj ai pas la tete\b"
    r"|\bcoup de (?:mou|blues|barre|pompe)\b|\b(?:pas|plus) le moral\b"
    r"|\bmoral dans les chaussettes\b"
    r"|^(?:trop |tres |super |hyper |un peu |vraiment )?(?:stressee?|angoissee?|fatiguee?)"
    r" (?:pour|avant|a cause d|par) (?:\w+ ){0,3}\w+$"
    r"|^(?:trop |tres |super |hyper |un peu |vraiment )?(?:fatiguee?|crevee?|epuisee?"
    r"|stressee?|decouragee?|debordee?|lessivee?|angoissee?)(?: (?:ce soir|ce matin"
    r"|aujourd hui|en ce moment|cette semaine))?$"
    r"|\bj en peux plus\b|\b(?:je stresse|j stresse|jstresse|je stress|jstress)\b"
    r"|\bje panique\b|\bventre en vrac\b"
    r"|\b(?:pas|jamais) ferme l oeil\b|\bj ai (?:plus|pas) (?:de|la) force\b"
    r"|\bje (?:vais|vai) (?:pas|jamais) y arriver\b|\bsi je vais y arriver\b"
    r"|\bj ai (?:meme )?pleure\b|\bje dors mal\b|\bdecouragement\b|\bmoral a zero\b"
    r"|\bje (?:me sens|suis) (?:tellement |trop |vraiment |si )?(?:nulle?|bete|perdue?|triste"
    r"|deprimee?|videe?|rincee?|ko|au bout du rouleau)\b"
    r"|\b(?:je n ai|j ai) pas (?:eu|obtenu|reussi|valide) (?:mon|ma|mes|le|la|les|l)\b"
    # Bad news told: "je n'ai pas été admise au CCP2", "le poste ne sera pas renouvelé".
    r"|\b(?:je n ai|j ai) pas ete (?:admise?|recue?|retenue?|prise?)\b"
    r"|\b(?:pas|non|plus) (?:ete )?renouvelee?s?\b|\bpas renouveler\b"
    r"|\b(?:j ai|jai|g) (?:rate|echoue a|loupe|foire) (?:mon|ma|mes|le|la|les|l)\b"
    r"|\bj ai peur de (?:bloquer|rater|echouer|perdre|ne pas|pas|tout)\b|\bje n en dors plus\b"
    r"|\bnoeuds? au ventre\b|\bj angoisse\b|\bj ai (?:le trac|la boule au ventre|la trouille)\b"
    r"|\b(?:j ai envie|envie) de (?:tout )?(?:lacher|abandonner|arreter)\b|\bje rame\b"
    r"|\bje suis (?:degoutee?|deg|verte?|a plat)\b"
)
# A slip: "oups, mauvaise manip, ignorez mon dernier message".
OOPS = LazyPattern(
    r"^(?:oups|oops|mince|zut|pardon|desole|desolee|dsl|excusez moi|excuse moi|pardonnez moi)\b"
    r"|\bmauvaise manip\b"
    r"|\b(?:bien vouloir|veuillez) excuser\b"
    r"|\bexcuser (?:mon|ma|mes|ce|cet|cette) (?:precedent |dernier |derniere |precedente )?"
    r"(?:message|envoi|mail|courriel|erreur|oubli|retard|reponse)\b|\b(?:envoye|parti) par erreur\b"
    r"|\bje me suis trompee? de (?:bouton|message|conversation|touche)\b"
    r"|\b(?:ignorez|ignore|oubliez|oublie) (?:mon|le) (?:dernier |precedent )?message\b"
    r"|\b(?:excusez moi|excuse moi|desolee?|pardon) d (?:avoir ete|avoir)\b"
    r"|\b(?:veuillez|merci d) excuser (?:mon|ma|mes|ce)\b|\bexcusez (?:mon|ma|mes)\b"
    r"|\b(?:m excuser|je m excuse|pardon|desolee?|dsl|excusez moi|excuse moi|mes excuses)"
    r" (?:d avance |par avance )?(?:pour|de|pr)"
    r" (?:hier|tout a l heure|ce matin|mon|ma|mes|le|la|les|l|ce|cette)\b"
    # "Hier je t'ai envoyé un message un peu agressif… je retire": a slip owned.
    r"|\bmessage (?:un peu |trop |assez |bien )?(?:agressif|sec|desagreable|brusque|impoli"
    r"|limite)\b"
)

# An apology for what was written, with nothing asked or wanted after it.
APOLOGY = LazyPattern(
    r"\b(?:desolee?|excusez moi|excuse moi|pardon|pardonnez moi|je m excuse|veuillez m excuser"
    r"|excusez (?:la|le|les|ma|mon|mes)|excuse (?:la|le|les|ma|mon|mes)"
    r"|je vous prie d excuser|je vous prie de bien vouloir excuser|veuillez excuser|dsl"
    r"|(?:je vous prie de|veuillez) (?:bien vouloir )?m excuser)\b"
)
# Self-doubt, even worded as a question: "je me demande si je suis faite pour ça".
DOUBT = LazyPattern(
    r"\bsi je suis (?:fait|faite|faits|faites) pour (?:ca|ce metier|ce boulot|ce travail)\b"
    r"|\bsi je vais (?:y arriver|reussir)\b|\bje (?:n y arriverai|ne vais pas y arriver)\b"
    r"|\btrop (?:vieille?|vieux|agee?|lente?) pour\b|\bsi j ai (?:vraiment )?ma place\b"
    r"|\bpas a ma place\b|^(?:\w+ )?je doute\b"
)
# "Raconte-moi une blague", "une petite blague pour détendre la promo ?"
JOKE = LazyPattern(
    r"\b(?:une |des |ta |votre |ta meilleure |une petite |une bonne )?blagues?\b"
    r"|\bhistoires? droles?\b|\b(?:fais|faites) (?:moi|nous) rire\b|\bdevinette\b"
)
# Good spirits told: "jsuis hyper motivé ce matin !", "je suis trop contente de ma journée".
CHEER = LazyPattern(
    r"\b(?:je suis|jsuis|jsui|chui|je me sens|on est|nous sommes)"
    r" (?:tres |trop |vraiment |hyper |super |tellement |si |grave |a fond |plutot )*"
    r"(?:motivee?s?|contente?s?|heureux|heureuse|ravie?s?|en forme|de bonne humeur|fiere?s?"
    r"|emballee?s?|enthousiaste|chaud|chaude|boostee?s?|au taquet|a bloc)\b"
    r"|\bje m y mets\b|\bje me lance\b|\bc est parti\b"
    r"|\bc est mon anniv(?:ersaire)?\b"
    r"|\bje suis (?:devenue? )?(?:grand mere|grand pere|maman|papa|mamie|papi|tata|tonton)\b"
    r"|\bje (?:me marie|suis enceinte)\b|\bj attends (?:un|mon|notre) (?:\w+ )?(?:enfant|bebe)\b"
)
# "Je voulais simplement dire bonjour", "alors je me présente : Sandrine…": a hello, whatever
# the message wonders about the tool on the way.
HELLO_SAID = LazyPattern(
    r"\b(?:je voulais|je veux|je voulais juste|je tenais a) (?:simplement |juste |seulement )?"
    r"(?:vous |te )?dire bonjour\b|\bje (?:vous |te )?dis bonjour\b|\bje me presente\b"
)
# What the user still wants makes it a request, not news ("j'ai validé mon CCP1, je voudrais…").
WANTING = LazyPattern(
    r"\b(?:je voudrais|j aimerais|je souhaite|je souhaiterais|je dois|il faut|je veux|je cherche"
    r"|je compte|je pense(?! qu)|comment|est ce)\b"
)
# Someone who says who they are and is glad to meet the bot, without a question.
MEETING = LazyPattern(
    r"\benchantee?s?\b|\bmoi c est [a-z]+\b"
    r"|\bravie? de (?:faire votre connaissance|faire ta connaissance|vous"
    r" connaitre|te connaitre|vous rencontrer|vous decouvrir)\b|\bje m appelle\b"
    # A trainer's group hello asked of the bot: "dis bonjour aux stagiaires", "fais-leur bon
    # accueil", "tout le monde salue Mentor", "dis bonjour 😄".
    r"|\b(?:dis|dites|fais|faites) (?:leur |lui |nous )?(?:un |bon |un bon |un petit )?"
    r"(?:bonjour|coucou|salut|accueil)\b|\bsalu(?:e|ez|ons|ent) mentor\b"
    r"|\b(?:souhaite|souhaitez) (?:leur |lui |nous )?la bienvenue\b"
    r"|\b(?:te|vous) (?:fait|font) (?:un )?(?:coucou|bonjour|signe)\b"
    # Who writes, joining: "Je me permets de vous écrire afin de me présenter", "Je vous
    # écris de Mamoudzou… Contente de rejoindre le groupe."
    r"|\b(?:afin de|pour) me presenter\b"
    r"|\b(?:contente?s?|ravie?s?|heureux|heureuses?) de (?:rejoindre|faire partie d|integrer)"
    r" (?:le |la |l |ce |cette |votre |notre |vos )?(?:groupe|promo|cohorte|fil|canal"
    r"|communaute|equipe|reseau)\b"
    r"|\bje (?:te|vous) presente (?:mon|ma|mes|notre|nos) (?:groupe|promo|stagiaires|cohorte"
    r"|equipe|collegues?)\b|\baccueil chaleureux\b"
)


RECEIVED_WORDS = 40

# Kind words to the bot: "tu es gentil", "je t'aime bien", "t'es plus rapide que mon formateur".
AFFECTION = LazyPattern(
    r"\b(?:t es|tu es|vous etes) (?:vraiment |trop |super |tres |hyper |bien |plus )?"
    r"(?:rapide|sympa|gentil|gentille|patient|patiente|drole|marrant|fort|forte|adorable)\b"
    r"|\bje (?:t|vous) (?:aime bien|adore|kiffe)\b"
    r"|\b(?:tu expliques|vous expliquez) (?:vraiment |bien |tellement )?(?:mieux|bien|clairement)\b"
    r"|\bmieux que (?:mon|ma|mes|notre|nos) (?:formateur|formatrice|prof|professeur|cours)\b"
)
TALK_PRIVATE_WORDS = 40
# (pattern, at most this many words, family), in order: these may be asked…
_ASKED = (
    (MISUNDERSTOOD, 60, SmallTalk.MISUNDERSTOOD),
    (LANGUAGE, 12, SmallTalk.LANGUAGE),
    (IN_ENGLISH, 60, SmallTalk.LANGUAGE),
    (PATIENCE, 30, SmallTalk.PATIENCE),
    (TALK_PRIVACY, TALK_PRIVATE_WORDS, SmallTalk.PRIVACY),
    (ADDRESS, 20, SmallTalk.ADDRESS),
    (PRIVACY, 25, SmallTalk.PRIVACY),
    (MEMORY, 30, SmallTalk.MEMORY),
    (AVAILABILITY, 20, SmallTalk.AVAILABILITY),
    (RELIABILITY, 20, SmallTalk.RELIABILITY),
    (COST, 25, SmallTalk.COST),
    (LIFE, 35, SmallTalk.LIFE),
    (ENCOURAGE, 60, SmallTalk.ENCOURAGE),
    (CONGRATULATE, 40, SmallTalk.GOOD_NEWS),
    # Told, but a story may hold a question mark ("… Pourquoi l'ordinateur… ?").
    (SHARED, 70, SmallTalk.CHEER),
    (JOKE_TOLD, 60, SmallTalk.LAUGH),
    (RECEIVED, 30, SmallTalk.PRESENCE),
    (HOW_ARE_YOU, 16, SmallTalk.HOW_ARE_YOU),
    (JOKE, 20, SmallTalk.JOKE),
    (DOUBT, 60, SmallTalk.MOOD),
    (PAUSE_ASKED, 25, SmallTalk.PAUSE),
    (ASK_SHY, 40, SmallTalk.ASK),
)
# …these only said, by a message that asks nothing.
_SAID = (
    (AFFECTION, 20, SmallTalk.PRAISE),
    (MEETING, 45, SmallTalk.GREETING),
    (WISHES, 50, SmallTalk.WISHES),  # a letter of wishes from a whole team
    (PAUSE, 30, SmallTalk.PAUSE),
    (OOPS, 60, SmallTalk.OOPS),
    (MOOD, 60, SmallTalk.MOOD),
)
# …and these only when nothing is wanted after them.
_TOLD_UNLESS_WANTED = (
    (APOLOGY, 45, SmallTalk.OOPS),  # "Je vous ai écrit un peu sec tout à l'heure… Désolée."
    (ILLNESS, 60, SmallTalk.MOOD),  # "Je suis en arrêt… Le médecin dit encore deux semaines."
)


def said_hello(text: str) -> bool:
    """Whether the message says it is only saying hello or introducing its writer."""
    return bool(HELLO_SAID.search(" ".join(cleaned_words(text))))


def received_asked(text: str) -> bool:
    """Whether a short message asks if it went through, in any of its sentences ("Ça
    marche, là ? J'ai l'impression que rien ne part.")."""
    found = cleaned_words(text)
    return len(found) <= RECEIVED_WORDS and bool(RECEIVED.search(" ".join(found)))


def talk_private_asked(text: str) -> bool:
    """Whether the message asks what becomes of what is said to the bot."""
    found = cleaned_words(text)
    return len(found) <= TALK_PRIVATE_WORDS and bool(TALK_PRIVACY.search(" ".join(found)))


def said_in_passing(text: str, asking: bool) -> SmallTalk | None:
    """The family of what a message says in passing, if any."""
    found = cleaned_words(text)
    cleaned = " ".join(found)
    for pattern, most, family in _ASKED if asking else (*_ASKED, *_SAID):
        if len(found) <= most and pattern.search(cleaned):
            return family
    if asking:
        return None
    if len(found) <= 60 and GOOD_NEWS.search(cleaned):
        return None if WANTING.search(cleaned) else SmallTalk.GOOD_NEWS
    for pattern, most, family in _TOLD_UNLESS_WANTED:
        if len(found) <= most and pattern.search(cleaned) and not WANTING.search(cleaned):
            return family
    if len(found) <= 30 and CHEER.search(cleaned):
        return SmallTalk.CHEER  # after good news: "… j'ai eu le titre, je suis trop fière"
    return None
