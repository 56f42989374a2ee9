"""Login and what must survive a restart: device id, access token and the crypto store.

Everything lives under MATRIX_STORE_PATH: `session.json` (user id, device id,
access token; mode 0600) and nio's encrypted SQLite crypto store, pickled with
MATRIX_PICKLE_KEY. Reusing the device keeps Olm/Megolm sessions valid and keeps
transaction ids scoped to the same device, so the homeserver can de-duplicate
retried sends across restarts.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from nio import (
    AsyncClient,
    AsyncClientConfig,
    LoginResponse,
    WhoamiResponse,
)

from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)
SESSION_FILE = "session.json"


class MatrixLoginError(Exception):
    """Cannot log in: one French line for the operator."""


@dataclass(frozen=True, slots=True)
class SavedSession:
    user_id: str
    device_id: str
    access_token: str


def check_settings(settings: Settings) -> None:
    """Refuse to start encrypted without our own pickle key (nio's default key is public)."""
    if settings.matrix_encryption and not settings.matrix_pickle_key:
        raise SettingsError(
            "Réglage manquant MATRIX_PICKLE_KEY : il chiffre les clés Matrix stockées sur disque "
            "(ou désactivez le chiffrement avec MATRIX_ENCRYPTION=false)."
        )


def client_config(settings: Settings) -> AsyncClientConfig:
    """Errors come back to us at once (no retry inside nio): the adapter backs off itself."""
    return AsyncClientConfig(
        encryption_enabled=settings.matrix_encryption,
        pickle_key=settings.matrix_pickle_key or "unused-without-encryption",
        store_sync_tokens=False,  # the sync position lives in our database
        max_limit_exceeded=0,
        max_timeouts=0,
        request_timeout=30,
    )


def load_saved(store: Path) -> SavedSession | None:
    path = store / SESSION_FILE
    if not path.exists():
        return None
    try:
        return SavedSession(**json.loads(path.read_text()))
    except (ValueError, TypeError):
        log.warning("ignoring an unreadable %s", path)
        return None


def save(store: Path, client: AsyncClient) -> None:
    saved = SavedSession(client.user_id, client.device_id, client.access_token)
    path = store / SESSION_FILE
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(asdict(saved), out)
    tmp.replace(path)


async def _valid(client: AsyncClient, token: str) -> WhoamiResponse | None:
    client.access_token = token
    resp = await client.whoami()
    return resp if isinstance(resp, WhoamiResponse) else None


async def open_client(settings: Settings) -> AsyncClient:
    """A logged-in client: the saved session if still valid, else the token, else a password."""
    store = Path(settings.matrix_store_path)
    store.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - once at start-up, before any message is handled
    saved = load_saved(store)
    if saved and saved.user_id != settings.matrix_user_id:
        saved = None
    token = settings.matrix_access_token
    if saved and token and saved.access_token != token:
        saved = None  # the operator gave a new token: use it
    client = AsyncClient(
        settings.matrix_homeserver,
        settings.matrix_user_id,
        device_id=saved.device_id if saved else None,
        store_path=str(store),
        config=client_config(settings),
    )
    if saved and await _valid(client, saved.access_token):
        client.restore_login(saved.user_id, saved.device_id, saved.access_token)
        return client
    if settings.matrix_access_token:
        who = await _valid(client, settings.matrix_access_token)
        if who is None or not who.device_id:
            await client.close()
            raise MatrixLoginError("MATRIX_ACCESS_TOKEN refusé par le serveur Matrix.")
        client.restore_login(who.user_id, who.device_id, settings.matrix_access_token)
    else:
        client.access_token = ""
        await login(client, settings)
    save(store, client)
    return client


async def login(client: AsyncClient, settings: Settings) -> None:
    """Password login, reusing the device id when we have one (keeps the crypto identity)."""
    if not settings.matrix_password:
        raise MatrixLoginError(
            "Le jeton Matrix n'est plus valable (M_UNKNOWN_TOKEN) : "
            "renouvelez MATRIX_ACCESS_TOKEN ou donnez MATRIX_PASSWORD."
        )
    resp = await client.login(settings.matrix_password, device_name=settings.matrix_device_name)
    if not isinstance(resp, LoginResponse):
        raise MatrixLoginError(f"Connexion Matrix refusée pour {settings.matrix_user_id} : {resp}")
    save(Path(settings.matrix_store_path), client)
