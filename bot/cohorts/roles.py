"""Who may do what: admins (from settings) name trainers; trainers steer their cohorts."""

from __future__ import annotations

import re
from collections.abc import Collection

_QUALIFIED = re.compile(r"^([a-z][a-z0-9_]*):(.+)$")


def is_admin(admin_ids: Collection[str], transport: str, platform_user_id: str) -> bool:
    """MENTOR_ADMINS lists "transport:id" or a bare id (valid on every transport)."""
    return f"{transport}:{platform_user_id}" in admin_ids or platform_user_id in admin_ids


def split_platform_id(text: str, default_transport: str) -> tuple[str, str]:
    """ "telegram:123" → ("telegram", "123"); "123" or "@a:b.org" → the admin's transport."""
    match = _QUALIFIED.match(text)
    if match:
        return match.group(1), match.group(2)
    return default_transport, text
