"""What the web UI reads from the service settings, with defaults so it runs on its own.

The settings object belongs to the HTTP service; the UI only reads attributes with
``getattr`` so that it works with any settings object (or none) and never blocks on it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WebConfig"]


@dataclass(frozen=True)
class WebConfig:
    """The UI's view of the settings."""

    local_mode: bool = True
    """Single-user local mode: no login; every action is recorded as ``local_actor``."""
    database_url: str | None = None
    """The store; None means the store's default (``MARROWPATH_DATABASE_URL`` or SQLite)."""
    local_actor: str = "local-user"
    session_ttl_hours: float = 12.0
    secure_cookies: bool = False
    """Mark cookies ``Secure`` (set when the UI is served over HTTPS)."""

    @classmethod
    def from_settings(cls, settings: object | None) -> WebConfig:
        """Read the known attributes of ``settings``; missing ones keep their defaults."""
        if settings is None:
            return cls()
        ttl = getattr(settings, "session_ttl_hours", cls.session_ttl_hours)
        secure = getattr(settings, "secure_cookies", None)
        if secure is None:
            base = str(getattr(settings, "public_base_url", "") or "")
            secure = base.startswith("https://")
        url = getattr(settings, "database_url", None)
        return cls(
            local_mode=bool(getattr(settings, "local_mode", True)),
            database_url=str(url) if url else None,
            local_actor=str(getattr(settings, "local_actor", "") or cls.local_actor),
            session_ttl_hours=float(ttl) if isinstance(ttl, int | float) else 12.0,
            secure_cookies=bool(secure),
        )
