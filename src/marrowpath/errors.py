"""The exception tree of MarrowPath.

::

    MarrowPathError(Exception)
    ├── InputError(ValueError)            bad input from a user: a case, a report, a file
    │   └── UnknownIdError(LookupError)   an id that the knowledge base does not know
    ├── KnowledgeBaseError(ValueError)    the knowledge base does not load or check
    ├── StoreError                        the episode store refused a change
    │   ├── NotFoundError(LookupError)
    │   └── ConflictError                 a stale version (optimistic concurrency)
    └── ImagingError(ValueError)          an image that cannot be measured

Messages name the field, show the bad value with ``!r`` and say what was expected. Adapters
(CLI, API) translate these into an exit code or a 4xx response; the core never swallows them.
"""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "ImagingError",
    "InputError",
    "KnowledgeBaseError",
    "MarrowPathError",
    "NotFoundError",
    "StoreError",
    "UnknownIdError",
]


class MarrowPathError(Exception):
    """Root of every error MarrowPath raises on purpose."""


class InputError(MarrowPathError, ValueError):
    """Input that cannot be used; ``field`` names where the problem is."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class UnknownIdError(InputError, LookupError):
    """An id (region, condition, finding, ...) that the knowledge base does not define."""


class KnowledgeBaseError(MarrowPathError, ValueError):
    """The knowledge base failed to load or check; ``problems`` lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class StoreError(MarrowPathError):
    """The episode store refused a change."""


class NotFoundError(StoreError, LookupError):
    """No such episode, visit or record."""


class ConflictError(StoreError):
    """The record changed since it was read (stale version)."""


class ImagingError(MarrowPathError, ValueError):
    """An image, mask or series that cannot be measured."""
