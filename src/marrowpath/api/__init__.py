"""The HTTP service: REST API (``/api/v1``), CDS Hooks, FHIR R4 and the web UI, on FastAPI.

``create_app(settings)`` builds the application; ``Settings.from_env()`` reads every
``MARROWPATH_*`` variable. Imported lazily by ``marrowpath serve``.
"""

from __future__ import annotations

from marrowpath.api.settings import Settings, SettingsError

__all__ = ["Settings", "SettingsError"]
