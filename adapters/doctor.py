"""`mentor doctor`: the core checks plus the transports' own (token, login, crypto store).

Lives in adapters/ because it talks to Telegram and Matrix with their libraries; the
checks that need neither are in bot/ops/doctor.py.
"""

from __future__ import annotations

from pathlib import Path

from bot.ops.doctor import CORE_CHECKS, Finding, Level, failed, ok, run_checks
from bot.settings import Settings, SettingsError


async def check_telegram(settings: Settings) -> list[Finding]:
    if not settings.telegram_enabled:
        return []
    from telegram import Bot
    from telegram.error import InvalidToken, TelegramError

    bot = Bot(settings.telegram_bot_token, base_url=settings.telegram_api_base_url)
    try:
        async with bot:
            me = await bot.get_me()
    except InvalidToken:
        return [
            failed("Telegram", "jeton TELEGRAM_BOT_TOKEN refusé (vérifiez-le auprès de @BotFather)")
        ]
    except TelegramError as exc:
        where = settings.telegram_api_base_url
        return [failed("Telegram", f"API injoignable ({where}) : {exc.message}")]
    mode = (
        "webhook " + settings.telegram_webhook_url if settings.telegram_webhook_url else "polling"
    )
    return [ok("Telegram", f"@{me.username} ({mode})")]


async def check_matrix(settings: Settings) -> list[Finding]:
    if not settings.matrix_enabled:
        return []
    from adapters.matrix.session import MatrixLoginError, check_settings, open_client

    try:
        check_settings(settings)
    except SettingsError as exc:
        return [failed("Matrix", str(exc))]
    store = Path(settings.matrix_store_path)
    try:
        client = await open_client(settings)
    except MatrixLoginError as exc:
        return [failed("Matrix", str(exc))]
    except OSError as exc:
        return [failed("Matrix", f"serveur injoignable ({settings.matrix_homeserver}) : {exc}")]
    except Exception as exc:  # noqa: BLE001 - nio raises various errors for a bad crypto store
        return [failed("Matrix, magasin de clés", f"{store} illisible : {exc!r}"[:200])]
    try:
        found = [ok("Matrix", f"connecté : {client.user_id}, appareil {client.device_id}")]
        if settings.matrix_encryption:
            if client.olm is None:
                found.append(failed("Matrix, magasin de clés", f"{store} non chargé"))
            else:
                found.append(ok("Matrix, magasin de clés", f"{store} chargé"))
        else:
            found.append(Finding(Level.WARNING, "Matrix", "chiffrement désactivé"))
        return found
    finally:
        await client.close()


async def doctor(settings: Settings) -> int:
    found = await run_checks(settings, (*CORE_CHECKS, check_telegram, check_matrix))
    for finding in found:
        print(finding.line(), flush=True)
    return 1 if any(f.level is Level.FAILED for f in found) else 0
