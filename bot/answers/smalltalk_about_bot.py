"""Small talk about the bot's terms and life, and wishes asked of it.

"C'est gratuit de t'utiliser ?", "tu dors la nuit ?", "souhaitez-moi bonne chance !": none
of them asks about the titre, and declining them as off topic is unkind. Patterns read the
folded words of `smalltalk.cleaned_words`.
"""

from __future__ import annotations

from bot.answers.lazy_pattern import LazyPattern

# The bot named as what is used or paid for.
_THE_BOT = (
    r"(?:(?:t|te|vous|l|le) (?:utiliser|utilises?|utilisez|utilisent|utilisions|consulter"
    r"|consultent)"
    r"|(?:ce|cet|ton|votre|l|cette|le) (?:bot|chatbot|robot|outil|service|appli|application"
    r"|assistant)|mentor|tes services|vos services"
    r"|(?:vous|te|t) (?:poser des questions|ecrire|parler))"
)
_PRICE = (
    r"(?:gratuite?s?|payante?s?|payer|payes?|coute|coutes|coutez|coutera|cout|tarifs?|prix"
    r"|abonnements?|facture|factures|facturez|facturer|frais)"
)
# What using the bot costs: "c'est payant, ce bot ?", "une structure doit-elle payer un
# abonnement pour que nos conseillers vous utilisent ?".
COST = LazyPattern(
    rf"\b{_PRICE}\b[a-z ]{{0,50}}\b{_THE_BOT}\b|\b{_THE_BOT}\b[a-z ]{{0,40}}\b{_PRICE}\b"
)

# A wish or a word of support asked for oneself or a cohort before a trial: "souhaitez-moi
# bonne chance", "un petit mot d'encouragement pour mes stagiaires ?", "encourage-moi stp".
ENCOURAGE = LazyPattern(
    r"\b(?:souhaite|souhaitez|souhaites|souhaiter) (?:moi|nous|leur|lui|leurs|a mes|a mon|a ma)"
    r"[a-z ]{0,30}\b(?:bonne chance|bon courage|merde|reussite)\b"
    r"|\b(?:mot|message|phrase|paroles?|petit mot|quelques mots) (?:d encouragement"
    r"|de soutien|de motivation|qui (?:motive|rassure|encourage)|pour (?:les |me |nous |l |la )?"
    r"(?:encourager|motiver|rassurer|booster))"
    r"|\b(?:encourage|encouragez|motive|motivez|rassure|rassurez|booste|boostez|soutiens"
    r"|soutenez) (?:moi|nous|les|mes|la promo|ma promo|mon groupe)\b"
    r"|\bdis(?:es)? moi que (?:je vais|j vais|jvais|on va) (?:y arriver|reussir|l avoir|assurer)\b"
    r"|\bcroise(?:z)? les doigts pour (?:moi|nous|eux|elle|lui)\b"
    r"|\b(?:dis|dites) (?:moi|nous) (?:juste )?(?:quelque chose|un mot|un truc)"
    r" (?:de gentil|de doux|de rassurant|de positif)\b"
    # "Vous pouvez m'encourager un peu ?", "j'ai besoin d'entendre que je vais y arriver".
    r"|\b(?:pouvez vous|peux tu|tu peux|vous pouvez|pourriez vous|pourrais tu|tu pourrais"
    r"|vous pourriez) (?:me|m|nous) (?:encourager|motiver|rassurer|remonter le moral|booster)\b"
    r"|\bbesoin d (?:entendre|lire) que (?:je vais|j vais|jvais|on va) (?:y arriver|reussir"
    r"|l avoir)\b"
)

# The bot's own life asked of it, as one asks a person: "tu dors la nuit ?", "tu as un
# chat ?", "quel âge as-tu ?". Its reply says it is a programme.
LIFE = LazyPattern(
    r"\b(?:tu|vous|t) (?:dors|dormez) (?:la nuit|jamais|parfois|des fois|quand|un peu)\b"
    r"|\b(?:tu|vous|t) (?:manges|mangez|vis|vivez|habites|habitez|reves|revez"
    r"|t ennuies|vous ennuyez)\b"
    r"|\b(?:tu as|t as|vous avez|as tu|avez vous) (?:un chat|un chien|des enfants"
    r"|des vacances|des amis|une famille|un corps|des sentiments|quel age)\b"
    r"|\bquel age (?:as tu|avez vous|tu as|vous avez)\b"
    r"|\b(?:tu es|vous etes|t es) (?:ne|nee|fatigue|fatiguee|amoureux|amoureuse) \b"
)

# News of a day or a week shared for its own sake: "… Je voulais partager ça avec
# quelqu'un !", "Nouvelles du front : …", "… mais j'adore ce boulot."
SHARED = LazyPattern(
    r"\bje (?:voulais|tenais a|voulait) (?:juste |simplement )?(?:le |vous le |te le )?"
    r"(?:partager|raconter|vous (?:raconter|le dire)|te (?:raconter|le dire))"
    r"(?: (?:ca|cela|ce moment))?(?: avec (?:quelqu un|vous|toi))?$"
    r"|^(?:des |quelques |petites )?nouvelles du front\b"
    r"|\bj (?:adore|aime) (?:trop |vraiment |tellement )?(?:ce|mon|notre) (?:boulot|metier|travail"
    r"|job)$"
    r"|\b(?:ca|tout) bouge dans (?:notre|mon|ma|nos)\b"
)
# A joke told, not asked for: "je vous en raconte une qu'un usager m'a faite".
JOKE_TOLD = LazyPattern(
    r"\bje (?:vous|te) (?:en )?raconte (?:une|celle)\b|\bj (?:avoue|ai) (?:que j ai )?ri\b"
)
# Sick leave told, asking nothing: "je suis en arrêt depuis 10 jours pour mon dos…".
ILLNESS = LazyPattern(
    r"\b(?:je suis|jsuis|chui|suis) (?:en arret|arretee?|malade|hospitalisee?|a l hopital)\b"
    r"|\b(?:le|mon) medecin (?:dit|m a dit|m a arrete)\b"
)
