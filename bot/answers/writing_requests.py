"""Requests for a text the bot would have to write: a letter, a CV, a translation, a
summary of the user's own document. Mentor answers about the titre; it writes none of these,
even on its domain's words ("rédige ma lettre de motivation pour un poste de conseiller
numérique")."""

from __future__ import annotations

import re

from bot.answers.sentence_words import clean

# "Rédige-moi une lettre de motivation", "tu peux me traduire ce texte ?": the user asks the
# bot to write something. Only the DP and the titre are the bot's to write about.
_WRITE = r"(?:rediger|ecrire|reecrire|refaire|traduire|corriger|generer)"
_WRITE_NOW = r"(?:redige|ecris|traduis|corrige|genere|redigez|ecrivez|traduisez|corrigez|generez)"
_WRITE_FOR_ME = re.compile(
    rf"\b{_WRITE_NOW} (?:moi|nous|lui)\b"
    # "Sur mon CV, est-ce que je peux écrire que j'ai le titre ?" asks for leave, not a text.
    rf"|\b(?:(?<!je )peux|(?<!je )pourrais|pouvez|pourriez|veux|voulez|voudrais|voudriez)"
    rf" (?:tu |vous )?"
    rf"(?:me |m |nous |lui |m(?=[er]))?{_WRITE}\b"
    rf"|^{_WRITE_NOW} (?:un|une|la|le|les|l|mon|ma|mes|ce|cette|ces)\b"
    rf"|\b(?:aide|aidez|aides) moi a {_WRITE}\b"
)
# A job application to write is the user's own, whatever post it is for: "Rédigez ma lettre
# de motivation pour le poste de conseiller numérique".
_APPLICATION = re.compile(r"\b(?:lettre de motivation|cv|curriculum vitae|candidature spontanee)\b")


# A summary is writing only of a text the user hands over ("résume-moi ce texte", "mon
# rapport"); "pourriez-vous me résumer les changements de la réforme ?" asks for knowledge.
_SUMMARY_OF_TEXT = re.compile(
    r"\b(?:resumer|resume|resumez)\b(?: (?:moi|nous|lui))? "
    r"(?:ce(?! (?:qui|que|qu)\b)|cet|cette|ces|mon|ma|mes|son|sa|ses|notre|nos"
    r"|le texte|l article|le document|le livre|le film|le mail|le courriel|le rapport"
    r"|la lettre)\b"
)


# A translation asked ("Traduis « merci » en espagnol", "comment dit-on … en anglais ?") is
# writing too: the bot answers in French, on its domain.
_TRANSLATE = re.compile(
    r"\b(?:traduis|traduisez|traduire|traduction|comment (?:dit on|on dit|ca se dit|se dit))\b"
    r"(?: \w+){0,8} en (?:anglais|espagnol|arabe|allemand|italien|portugais|chinois|russe"
    r"|turc|english|creole|breton|occitan|basque|corse|polonais|roumain|japonais)\b"
)


def asks_to_write(text: str) -> bool:
    cleaned = clean(text)
    return bool(
        _WRITE_FOR_ME.search(cleaned)
        or _SUMMARY_OF_TEXT.search(cleaned)
        or _TRANSLATE.search(cleaned)
    )


def asks_to_translate(text: str) -> bool:
    """A translation asked: never the bot's, even of a word of its domain ("traduis-moi
    'je suis en formation' en anglais")."""
    return bool(_TRANSLATE.search(clean(text)))


def asks_to_write_application(text: str) -> bool:
    """A cover letter or a CV to write: never the bot's, even for a post in its domain."""
    return asks_to_write(text) and bool(_APPLICATION.search(clean(text)))
