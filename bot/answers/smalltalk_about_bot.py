"""Small talk about the bot: its terms and life, its language, whether it is there and well,
and wishes asked of it.

"C'est gratuit de t'utiliser ?", "tu dors la nuit ?", "tu parles anglais ?", "souhaitez-moi
bonne chance !": none of them asks about the titre, and declining them as off topic is
unkind. Patterns read the folded words of `smalltalk.cleaned_words`.
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
# The group's good news, for the bot to join in: "Tu félicites le groupe ?", "On lui envoie
# nos félicitations, tu te joins à nous ?"
CONGRATULATE = LazyPattern(
    r"\b(?:tu|vous) (?:les |la |le |lui |leur )?(?:felicites|felicitez)\b"
    r"|\b(?:tu peux|peux tu|vous pouvez|pouvez vous|tu veux|veux tu|voulez vous|pourrais tu"
    r"|pourriez vous) (?:les |la |le |lui |leur )?feliciter\b"
    r"|\bfelicitations\b.*\b(?:tu te joins|vous vous joignez|tu t associes|vous vous associez)\b"
    # "Amadou vient d'apprendre qu'il a validé son CCP1, tu lui dis quoi ?"
    r"|\b(?:valide|obtenu|eu|reussi|decroche)\b[a-z0-9 ]{0,40}\b(?:tu|vous) (?:lui|leur)"
    r" (?:dis|dites) (?:quoi|un mot|quelque chose)\b"
)
ENCOURAGE = LazyPattern(
    r"\b(?:souhaite|souhaitez|souhaites|souhaiter) (?:moi|nous|leur|lui|leurs|a mes|a mon|a ma)"
    r"[a-z ]{0,30}\b(?:bonne chance|bon courage|merde|reussite)\b"
    # "Tu as un petit mot pour eux ?" (a text to write says what it is for: "un mot pour
    # annoncer la date").
    r"|\bun (?:petit |gentil )?mot pour (?:eux|elles|lui|elle|le groupe|la promo|ma promo"
    r"|mes stagiaires|mon groupe|nous|moi)(?: \w+)?$"
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
    # "… juste que quelqu'un me dise que ça va aller."
    r"|\b(?:quelqu un|qqn|on|tu|vous) me (?:dise|dises|disiez|dit|dis|dites|rassure|rassures)"
    r" que (?:ca|tout|cela) va (?:aller|bien se passer|bien aller)\b"
    r"|\b(?:dis|dites) moi que (?:ca|tout|cela) va (?:aller|bien se passer|bien aller)\b"
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
    r"|\b(?:j ai|jai) (?:attrape|chope|choppe|pris) (?:la |le |une |un )?(?:grippe|covid|angine"
    r"|gastro|rhume|bronchite|virus)\b|\bclouee? au lit\b"
)


# "Tu parles anglais ?", "do u speak english": the bot answers in French only.
LANGUAGE = LazyPattern(
    r"\b(?:tu parles|vous parlez|parles tu|parlez vous|tu comprends|vous comprenez)"
    r" (?:l )?(?:anglais|espagnol|arabe|allemand|italien|portugais|english|creole)\b"
    r"|\b(?:do you|do u|can you|can u) (?:speak|understand)\b|\b(?:in|speak) english\b"
    r"|\benglish please\b|\bhablas\b|\bespanol\b|^(?:\w+ ){0,2}(?:kreyol|creole) ?\?*$"
    r"|\bpale kreyol\b"
)
# A longer message asking to write in English: "Can I write to you in English sometimes?"
IN_ENGLISH = LazyPattern(
    r"\b(?:write|talk|speak|answer|reply|ask) (?:to you |you )?in english\b"
    r"|\bdo you (?:only )?(?:speak|answer|reply|understand)\b"
)
# The bot's patience asked: "tu vas t'énerver si je repose la question ?", "ça vous ennuie ?"
PATIENCE = LazyPattern(
    r"\b(?:tu vas|vous allez|tu vas finir par|vous allez finir par|ca va)?"
    r" ?(?:t|te|vous) (?:enerver|agacer|lasser|fatiguer|ennuyer|saouler|souler)\b"
    r"|\b(?:tu|vous|ca)(?: ne| n)? (?:t|te|vous|vous vous)"
    r" (?:enerves|enervez|agaces|agacez|lasses|lassez|fatigues|fatiguez|ennuies|ennuyez"
    r"|enerve|agace|lasse|fatigue|ennuie|saoule|soule)"
    r"(?: (?:pas|jamais))?\b"
    r"|\b(?:tu|vous) (?:en as|en avez) (?:pas )?marre\b|\b(?:tu dors|vous dormez) (?:jamais|pas)\b"
)
# Questions about the bot itself: who reads the journal, when it answers, whether to trust it.
PRIVACY = LazyPattern(
    r"\b(?:quelqu un|qqn|quelqu un d autre|personne d autre|qui) (?:d autre )?"
    r"(?:peut|pourra|va|pourrait|peuvent) (?:le |les |la |l )?(?:lire|voir|consulter|lit)\b"
    r"|\b(?:mon journal|mes preuves|mes donnees|ce que j ecris)\b[a-z ]*"
    r"\b(?:prive|privees?|confidentiel(?:le)?s?|partagee?s?|visibles?"
    r"|(?:peut|peuvent|pourra|pourront|va|vont) (?:les |le |la |l )?(?:lire|voir|consulter))\b"
)
# What is said to the bot and what it does with it: a domain word around ("en tant
# qu'employeur, les échanges de mes salariés avec vous me sont accessibles ?") is not asked of.
TALK_PRIVACY = LazyPattern(
    # What is said to the bot: "nos échanges sont-ils confidentiels ?", "ça reste entre nous ?",
    # "les échanges de mes salariés avec vous me sont accessibles ?"
    r"\b(?:nos (?:echanges|conversations|messages|discussions)|mes messages ici)\b"
    r"(?! avec (?:le|la|les|l|mon|ma|mes|un|une|son|sa|ses)\b)(?: [a-z]+){0,3}"
    r" (?:sont|seront|restent|reste|est)(?: ils| elles)?(?: bien| vraiment)? "
    r"(?:prives?|privees?|confidentiel(?:le)?s?|accessibles?|visibles?|lisibles?"
    r"|enregistre(?:e|s|es)?|stocke(?:e|s|es)?|conserve(?:e|s|es)?|lus|vus|gardes?)\b"
    r"|\b(?:echanges|conversations|messages|discussions)(?: [a-z]+){0,3} avec (?:vous|toi)"
    r"(?: [a-z]+){0,3} (?:sont|seront|restent|est)(?: ils| elles)?"
    r" (?:prives?|privees?|confidentiel(?:le)?s?|accessibles?|visibles?|lisibles?|lus|vus)\b"
    r"|\bce qu (?:elle|il|je|j|on|ils|elles) (?:t|te|vous) (?:ecrit|ecris|ecrivent|dit|dis"
    r"|disent|raconte|racontes|envoie|confie)(?: [a-z]+){0,3} (?:est|sont|sera|reste)"
    r" (?:vu|lu|visible|accessible|lisible|enregistre|garde|conserve|prive|confidentiel)\b"
    r"|\b(?:ca|cela|tout ca|ce que je (?:te|vous) (?:dis|raconte|ecris|confie))"
    r" (?:reste|restera|restent) (?:bien |vraiment )?entre nous\b"
    # What the bot does with what it is told, and a usager's name given to it.
    r"|\b(?:usage|utilisation) (?:est |sera )?faite? (?:de|des|du) (?:mes |nos |les |ces )?"
    r"(?:informations|infos|donnees|messages|echanges|conversations)\b"
    r"|\b(?:que|qu est ce que) (?:vous faites|tu fais|faites vous|fais tu) (?:de|des)"
    r" (?:mes|nos) (?:informations|infos|donnees|messages|echanges|conversations|questions)\b"
    r"|\b(?:vous|tu) (?:gardez|gardes|stockez|stockes|conservez|conserves|enregistrez"
    r"|enregistres) (?:mes|nos) (?:informations|infos|donnees|messages|echanges"
    r"|conversations|questions)\b"
    r"|\b(?:je peux|puis je|je dois|dois je) (?:te|vous) (?:donner|dire|communiquer"
    r"|transmettre) (?:son|leur|leurs|le|les) (?:nom|noms|identite|coordonnees)\b"
)
# How to speak to the bot: "jpeux te tutoyer ?", "on se vouvoie ?"
ADDRESS = LazyPattern(
    r"\b(?:te|t|vous|se|s) (?:tutoyer|tutoie|tutoies|tutoyez|tutoient|vouvoyer|vouvoie|vouvoies"
    r"|vouvoyez)\b"
    r"|\b(?:tu|vous) (?:me|nous) (?:tutoies|tutoyez|tutoie|vouvoies|vouvoyez|vouvoie)\b"
    r"|\b(?:on|nous) (?:peut|peux|pourrait|pourrions|pouvons)? ?(?:se|nous) (?:tutoyer|tutoie"
    r"|tutoyons|vouvoyer|vouvoie|vouvoyons)\b"
)
# What the bot remembers: "tu te souviens de moi ?", "tu te rappelles notre conversation ?"
MEMORY = LazyPattern(
    r"\b(?:tu te|vous vous|te|vous) (?:souviens|souvenez|rappelles|rappelez)"
    r" (?:(?:bien|encore|pas|toujours) )?(?:de |d )?(?:moi|nous|notre|nos|ma|mon|mes"
    r"|ce que (?:je|j|on|nous) (?:t ai|vous ai|a|avons)|la derniere fois|hier|la semaine derniere)"
    r"|\b(?:tu as|vous avez|t as) (?:garde|retenu|memorise|enregistre) (?:notre|nos|ma|mes|ce que)"
    r" ?(?:conversation|conversations|echanges?|discussion|questions|je t ai dit|je vous ai dit)?"
)
AVAILABILITY = LazyPattern(
    r"\bje (?:te|vous) derange (?:pas |pas trop )?(?:a cette heure|si tard|le soir|le week end"
    r"|un dimanche)"
    r"|\b(?:tu es|vous etes|t es|es tu|etes vous|t|tu) (?:dispo|disponible)s?"
    r" (?:la nuit|le week end|le dimanche|tout le temps|24h|h24|a toute heure|le soir|tard)\b"
    r"|\b(?:tu reponds|vous repondez|tu marches|ca marche|ca fonctionne)"
    r" (?:aussi )?(?:la nuit|le week end|le dimanche|24h sur 24|h24|tard le soir)\b"
)
RELIABILITY = LazyPattern(
    r"\b(?:tu peux|vous pouvez|tu pourrais|vous pourriez|il t arrive de|il vous arrive de)"
    r" (?:te |vous |de te |de vous )?tromper\b"
    r"|\b(?:me fier|se fier|faire confiance|avoir confiance) (?:a 100|completement|totalement"
    r"|aveuglement|a ce que (?:tu|vous)|a tes|a vos|a toi|a vous)"
    r"|\b(?:tu te trompes|vous vous trompez|tu fais des erreurs|vous faites des erreurs)"
    r" (?:parfois|jamais|souvent)\b"
)
# "Mon message arrive bien ?", "vous me recevez ?": a check that the bot is there.
RECEIVED = LazyPattern(
    r"\bmon message (?:arrive|est arrive|est bien arrive|passe)\b|\b(?:vous me recevez"
    r"|tu me recois|tu me lis|vous me lisez|on m entend|vous m entendez|tu m entends|tu mentends"
    r"|(?:mon message|mes messages|ma question) (?:vous |te |t )?(?:parvien(?:t|nent)|arrive"
    r"|arrivent|est bien arrivee?|est il bien arrive)"
    r"|(?:vous|te|t) parvien(?:t|nent) (?:il|ils|bien)|quelqu un me (?:recoit|lit|entend)"
    r"|(?:vous|tu) (?:recevez|recois|lisez|lis|voyez|vois) (?:bien )?(?:mes|mon) (?:messages?"
    r"|questions?)|rien ne (?:part|passe|s affiche|arrive))\b"
    r"|\bje teste (?:juste |seulement )?(?:le groupe"
    r"|le bot|l outil|le canal|la conversation)\b"
)
HOW_ARE_YOU = LazyPattern(
    r"\bcomment (?:tu vas|vas tu|allez vous|vous allez|ca va|va la vie)(?: (?:bien|aujourd hui"
    r"|depuis ce matin|ce matin|ce soir|toi|vous|de votre cote|de ton cote|en ce moment))*$"
    r"|\btu vas bien\b|\b(?:vous vous portez|tu te portes) bien\b"
    r"|\b(?:tu as|t as|ta|vous avez) passe une bonne (?:journee|soiree|semaine)\b"
    r"|\bj espere que (?:vous allez|tu vas) bien\b"
    r"|\bvous allez bien\b|\b(?:bien|cv|ca va|sa va) ou (?:quoi|koi)\b"
    r"|^(?:(?:alors|et|toujours) )?la forme$"
    # Antilles and Réunion: "Sa ou fè ?", "Ka ou fè ?", "Koman i lé ?", "Kouman ou yé ?"
    r"|\b(?:sa|ka) ou fe\b|\b(?:koman|kouman|comment) (?:i|ou|zot) le\b|\bkouman ou ye\b"
)
