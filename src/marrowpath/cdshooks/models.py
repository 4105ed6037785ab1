"""The CDS Hooks 2.0 request bodies (flat, so the OpenAPI document needs no nested schemas).

Hook-specific ``context`` and the ``prefetch`` values are checked by the hook handlers, which
name the field (``context.patientId``, ``prefetch.reports``) in a 400 OperationOutcome.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["FeedbackItem", "FeedbackRequest", "HookRequest"]


class HookRequest(BaseModel):
    """``POST /cds-services/{id}``: one hook invocation."""

    model_config = ConfigDict(extra="allow")

    hook: str = Field(min_length=1, max_length=128)
    hookInstance: str = Field(min_length=1, max_length=128)
    fhirServer: str | None = Field(default=None, max_length=2048)
    fhirAuthorization: dict[str, Any] | None = None
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None


class FeedbackItem(BaseModel):
    """One card's outcome."""

    model_config = ConfigDict(extra="allow")

    card: str = Field(min_length=1, max_length=128)
    outcome: Literal["accepted", "overridden"]
    outcomeTimestamp: str = Field(min_length=10, max_length=64)
    acceptedSuggestions: list[dict[str, Any]] | None = None
    overrideReason: dict[str, Any] | None = None


class FeedbackRequest(BaseModel):
    """``POST /cds-services/{id}/feedback``."""

    model_config = ConfigDict(extra="allow")

    feedback: list[FeedbackItem] = Field(min_length=1, max_length=100)
