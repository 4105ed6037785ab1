"""The episode store: SQLAlchemy 2 models, Alembic migrations, repository functions, audit.

SQLite by default (``user_data_dir("marrowpath")/marrowpath.sqlite``), PostgreSQL through
``MARROWPATH_DATABASE_URL``; the same code for both.
"""

from __future__ import annotations

from marrowpath.store.engine import ENV_URL, Store, default_url, open_store
from marrowpath.store.records import (
    AlertRecord,
    AuditRecord,
    CaseVersionRecord,
    EpisodeDetail,
    EpisodeRecord,
    PlanRecord,
    VisitAdded,
    VisitRecord,
)
from marrowpath.store.repository import (
    add_case_version,
    add_plan,
    add_visit,
    audit_log,
    close_episode,
    create_episode,
    get_episode,
    list_alerts,
    list_episodes,
    list_visits,
    load_episode,
)

__all__ = [
    "ENV_URL",
    "AlertRecord",
    "AuditRecord",
    "CaseVersionRecord",
    "EpisodeDetail",
    "EpisodeRecord",
    "PlanRecord",
    "Store",
    "VisitAdded",
    "VisitRecord",
    "add_case_version",
    "add_plan",
    "add_visit",
    "audit_log",
    "close_episode",
    "create_episode",
    "default_url",
    "get_episode",
    "list_alerts",
    "list_episodes",
    "list_visits",
    "load_episode",
    "open_store",
]
