"""Small talk said in passing, recognised inside a longer message that asks nothing.

Wishes, a pause, a mood, a slip, a complaint that the last answer missed: each gets a
short human reply instead of a search for its words ("bon week-end" is no question about
the week-end, "je suis fatiguée" none about tiredness).
"""

from __future__ import annotations

import re

from bot.answers.smalltalk import SmallTalk, cleaned_words

# The user says the last answer missed: an apology and an invitation to rephrase, not a
# search for the words "comprendre" or "réponse".
MISUNDERSTOOD = re.compile(
    r"^(?:mais |franchement |pfff? |bon )?(?:tu|vous|t) (?:ne |n )?(?:comprends|comprend|comprenez)"
    r" (?:rien|pas|que dalle|r1)(?: (?:du tout|a ce que je (?:dis|demande)|ma question))?$"
    r"|\b(?:tu|vous) (?:ne |n )?(?:m as|m avez|as|avez) (?:pas|rien) compris\b"
    r"|\b(?:ca|cela|ta reponse|votre reponse|la reponse) (?:ne |n )?(?:repond|correspond) pas"
    r" (?:a|du tout a) (?:ma|la|mes) (?:question|demande)s?\b"
    r"|^(?:mais |non )?(?:c est|ce n est) pas"
    r" (?:ma question|ce que (?:j ai|je) (?:demande|voulais))"
    r"|^(?:t es|tu es|vous etes) (?:vraiment |trop |super )?(?:nul|nulle|bete|inutile)$"
    r"|^(?:tu sers|vous servez|ca sert) (?:a rien|a que dalle)$"
    r"|^(?:n importe quoi|a cote de la plaque|rien a voir|hors sujet)$"
    r"|^(?:reponds|repondez) (?:moi )?(?:correctement|serieusement|vraiment)$"
)
WISHES = re.compile(
    r"\b(?:bonne annee|meilleurs voeux|mes voeux|nos voeux|joyeux noel|joyeuses fetes"
    r"|bonnes fetes|bonnes vacances|bon week end|bon weekend|bon we|bonne rentree"
    r"|je pars en vacances|bonne fin d annee|bonnes fetes de fin d annee)\b"
)
# A pause: the user will come back ("attends deux minutes", "je vais réfléchir").
PAUSE = re.compile(
    r"\bje reviens(?: plus tard| tout a l heure| tout de suite"
    r"| dans \w+ (?:minutes?|min|heures?))?$"
    r"|\b(?:attends?|attendez) (?:deux|2|une|1|un|quelques|cinq|5)"
    r" (?:minutes?|secondes?|min|sec|instants?)\b"
    r"|^(?:un|1) (?:instant|moment|sec|seconde)$|\bje vais (?:y )?reflechir\b"
    r"|\blaisse[sz]? moi reflechir\b|\bje reflechis\b"
)
# How the user feels, said without a question about the titre.
MOOD = re.compile(
    r"\b(?:je suis|jsuis|chui|je me sens)"
    r" (?:tres |trop |vraiment |un peu |hyper |super |tellement )?"
    r"(?:fatiguee?|crevee?|epuisee?|stressee?|decouragee?|debordee?|demoralisee?|a bout"
    r"|lessivee?|nase|angoissee?)\b|\bbon courage a moi\b|\bj ai pas la tete\b"
    r"|\bj en peux plus\b|\bje stresse\b"
)
# A slip: "oups, mauvaise manip, ignorez mon dernier message".
OOPS = re.compile(
    r"^(?:oups|oops|mince|zut|pardon|desole|desolee)\b|\bmauvaise manip\b"
    r"|\bje me suis trompee? de (?:bouton|message|conversation|touche)\b"
    r"|\b(?:ignorez|ignore|oubliez|oublie) (?:mon|le) (?:dernier |precedent )?message\b"
)


def said_in_passing(text: str, asking: bool) -> SmallTalk | None:
    """The family of what a message says in passing, if any: only a complaint may be asked
    ("tu comprends rien ?"); the others are said by a message that asks nothing."""
    found = cleaned_words(text)
    cleaned, words = " ".join(found), len(found)
    if MISUNDERSTOOD.search(cleaned) and words <= 15:
        return SmallTalk.MISUNDERSTOOD
    if asking or not found:
        return None
    if WISHES.search(cleaned) and words <= 30:
        return SmallTalk.WISHES
    if PAUSE.search(cleaned) and words <= 12:
        return SmallTalk.PAUSE
    if OOPS.search(cleaned) and words <= 15:
        return SmallTalk.OOPS
    if MOOD.search(cleaned) and words <= 30:
        return SmallTalk.MOOD
    return None
