"""`mentor run`: checks that a transport is configured, then hands over to adapters/run.py.

The composition root lives in `adapters/` because it is the one place that may
import the transports; the core stays free of `telegram` and `nio`.
"""

from __future__ import annotations

import sys

from bot.settings import Settings

NO_TRANSPORT = (
    "Aucun transport configuré : définissez TELEGRAM_BOT_TOKEN, ou MATRIX_HOMESERVER, "
    "MATRIX_USER_ID et MATRIX_PASSWORD (ou MATRIX_ACCESS_TOKEN). "
    "Pour essayer le bot dans le terminal : mentor chat"
)


async def run_all(settings: Settings) -> int:
    if not settings.telegram_enabled and not settings.matrix_enabled:
        print(NO_TRANSPORT, file=sys.stderr)
        return 2
    from adapters.run import run

    return await run(settings)
