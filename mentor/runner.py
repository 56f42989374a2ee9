"""`mentor run`: checks that a transport is configured, then hands over to adapters/run.py.

adapters/run.py is imported only then, so the other commands never load a transport.
"""

from __future__ import annotations

import sys

from bot.settings import Settings


async def run_all(settings: Settings) -> int:
    from adapters.run import NO_TRANSPORT, run

    if not settings.telegram_enabled and not settings.matrix_enabled:
        print(NO_TRANSPORT, file=sys.stderr)
        return 2
    return await run(settings)
