"""What the bot says about a transport event the core never sees as a message.

Adapters notice the event (a sticker, an edited message, a message it cannot decrypt,
being invited to a room) and send these words; the words stay in the core with the rest
of what users read, so one place holds the bot's French.
"""

from __future__ import annotations

from pathlib import Path

NOT_TEXT = (
    "Je ne lis que les messages texte, les photos et les documents (PDF, Word) : "
    "écrivez-moi votre question, ou tapez /aide."
)
EDITED = (
    "Je ne tiens pas compte des messages modifiés : envoyez plutôt votre correction "
    "dans un nouveau message."
)
UNDECRYPTABLE = (
    "Je n'ai pas pu lire votre dernier message : les clés de chiffrement ne me sont pas "
    "encore parvenues. Je le lirai dès qu'elles arrivent ; si je ne réponds pas, "
    "renvoyez-le, s'il vous plaît."
)
GROUP_WELCOME = (
    "Bonjour ! Je suis **Mentor**, l'assistant du titre professionnel REMN "
    "(devenu _Médiateur numérique_). Dans ce salon, je réponds quand on me mentionne, "
    "quand on répond à l'un de mes messages ou quand un message commence par !mentor. "
    "Pour votre journal de preuves, écrivez-moi en message privé."
)


def file_saved(path: Path) -> str:
    """The console's line after writing a file the bot sent."""
    return f"[fichier enregistré : {path}]"
