"""Settings from the environment and a `.env` file (names fixed by design.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")


class SettingsError(Exception):
    """One clear line naming the faulty variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    mentor_database_url: str = Field(default="")
    mentor_timezone: str = "Europe/Paris"
    mentor_knowledge_dir: Path = Path(__file__).resolve().parent.parent / "knowledge"
    mentor_data_dir: Path = DEFAULT_DATA_DIR
    mentor_dialog_timeout_minutes: int = Field(default=30, ge=1)
    mentor_nudge_grace_hours: float = Field(default=6.0, ge=0)
    # How long a statement waits for a lock held by another process before failing.
    mentor_db_lock_timeout_seconds: float = Field(default=10.0, gt=0)
    mentor_admins: str = ""
    mentor_health_port: int = Field(default=8080, ge=0, le=65535)
    # Where /health, /ready and /metrics listen: 0.0.0.0 inside a container only.
    mentor_http_host: str = "127.0.0.1"
    # `mentor run` logs: plain lines or JSON lines (bot/ops/logs.py), and from which level.
    mentor_log_format: Literal["text", "json"] = "text"
    mentor_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Weekly nudges (bot/nudges): clock period, outbox batch and claim lease, retries.
    mentor_nudge_tick_seconds: float = Field(default=30.0, gt=0)
    mentor_nudge_batch_size: int = Field(default=200, ge=1)
    mentor_nudge_claim_seconds: float = Field(default=120.0, gt=0)
    mentor_nudge_max_attempts: int = Field(default=5, ge=1)
    mentor_nudge_retry_seconds: float = Field(default=60.0, gt=0)
    mentor_send_concurrency: int = Field(default=8, ge=1)
    mentor_send_rate_per_second: float = Field(default=20.0, gt=0)  # transports without their own
    # Knowledge signals (bot/learning): kept this long; examples added in chat retrain.
    mentor_signal_retention_days: int = Field(default=90, ge=1, le=3650)
    mentor_kb_retrain: bool = True

    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str = ""
    telegram_rate_per_second: float = Field(default=25.0, gt=0)
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_webhook_secret: str = ""
    telegram_poll_interval: float = Field(default=0.0, ge=0)
    telegram_poll_timeout: int = Field(default=10, ge=0)

    matrix_homeserver: str = ""
    matrix_user_id: str = ""
    matrix_password: str = ""
    matrix_access_token: str = ""
    matrix_store_path: Path = DEFAULT_DATA_DIR / "matrix-store"
    matrix_pickle_key: str = ""
    matrix_allowed_inviters: str = ""
    matrix_rate_per_second: float = Field(default=5.0, gt=0)
    matrix_encryption: bool = True
    matrix_device_name: str = "Mentor"

    @field_validator("mentor_log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("mentor_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"fuseau horaire inconnu : {value!r}") from exc
        return value

    @property
    def database_url(self) -> str:
        if self.mentor_database_url:
            return self.mentor_database_url
        return f"sqlite+aiosqlite:///{self.mentor_data_dir / 'mentor.sqlite3'}"

    def send_rate(self, transport: str) -> float:
        """Messages per second the outbox may start on a transport."""
        rates = {"telegram": self.telegram_rate_per_second, "matrix": self.matrix_rate_per_second}
        return rates.get(transport, self.mentor_send_rate_per_second)

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(x.strip() for x in self.mentor_admins.split(",") if x.strip())

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token)

    @property
    def matrix_inviters(self) -> frozenset[str]:
        """MATRIX_ALLOWED_INVITERS entries: "@user:server" or ":server"; empty = anyone."""
        return frozenset(x.strip() for x in self.matrix_allowed_inviters.split(",") if x.strip())

    @property
    def matrix_enabled(self) -> bool:
        return bool(
            self.matrix_homeserver
            and self.matrix_user_id
            and (self.matrix_password or self.matrix_access_token)
        )


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first.get("loc") else "?"
        raise SettingsError(f"Réglage invalide {name} : {first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
