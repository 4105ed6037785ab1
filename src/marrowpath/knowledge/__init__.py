"""The knowledge base: YAML data validated by pydantic models, with a checker."""

from __future__ import annotations

from marrowpath.knowledge.check import check_knowledge
from marrowpath.knowledge.loader import Knowledge, load_knowledge

__all__ = ["Knowledge", "check_knowledge", "load_knowledge"]
