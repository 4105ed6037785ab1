"""The clinician web UI: server-rendered pages under ``/ui/`` in English and German.

Pages call the core (``assess``, ``plan``, ``read_report``, the store and follow-up) and hold
no clinical logic. The forms work without JavaScript; pictures are inline SVG.
"""

from __future__ import annotations

from marrowpath.web.router import create_router

__all__ = ["create_router"]
