"""`mentor run`: every transport whose settings are present, and the scheduler."""

from __future__ import annotations

import sys

from bot.settings import Settings


async def run_all(settings: Settings) -> int:
    if not settings.telegram_enabled and not settings.matrix_enabled:
        print(
            "Aucun transport configuré : définissez TELEGRAM_BOT_TOKEN, ou MATRIX_HOMESERVER, "
            "MATRIX_USER_ID et MATRIX_PASSWORD (ou MATRIX_ACCESS_TOKEN). "
            "Pour essayer le bot dans le terminal : mentor chat",
            file=sys.stderr,
        )
        return 2
    print("Les transports arrivent dans une prochaine version.", file=sys.stderr)
    return 2
