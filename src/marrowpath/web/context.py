"""The UI's shared state: configuration, the store (opened on first use), knowledge, templates.

One ``Web`` object per router. The store is opened lazily so that building the app does not
touch the database, and the templates and the finding catalogue are prepared once.
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from marrowpath.knowledge import Knowledge, load_knowledge
from marrowpath.store import Store, open_store
from marrowpath.web.config import WebConfig
from marrowpath.web.labels import number, percent, short_date

__all__ = ["Web"]


class Web:
    """Configuration, store, knowledge base and template environment of the UI."""

    def __init__(self, config: WebConfig, store: Store | None = None) -> None:
        self.config = config
        self._store = store
        self._lock = threading.Lock()
        self.kb: Knowledge = load_knowledge()
        self.env = Environment(
            loader=PackageLoader("marrowpath.web", "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.env.filters["pct"] = percent
        self.env.filters["num"] = number
        self.env.filters["date"] = short_date
        self.cache: dict[tuple[Any, ...], Any] = {}
        """Small memo of language re-renderings, keyed by episode id, version and language."""

    @property
    def store(self) -> Store:
        """The episode store, opened (and migrated) on first use."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.config.database_url)
        return self._store

    def remember(self, key: tuple[Any, ...], value: Any) -> Any:
        """Keep ``value`` under ``key`` (at most 256 entries; the oldest go first)."""
        if len(self.cache) >= 256:
            self.cache.pop(next(iter(self.cache)))
        self.cache[key] = value
        return value
