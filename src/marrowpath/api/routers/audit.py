"""The audit trail as FHIR R4 AuditEvents (who accessed which record, when, how)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse

from marrowpath.api.errors import FHIR_JSON
from marrowpath.api.state import service
from marrowpath.fhir.provenance import stamp
from marrowpath.store import audit_log

__all__ = ["audit_event", "router"]

router = APIRouter(prefix="/api/v1", tags=["Audit"])

# FHIR R4 AuditEvent.action: C create, R read, U update, E execute
_ACTION = {"create": "C", "read": "R", "list": "R", "export": "R", "update": "U"}


def audit_event(row: Any) -> dict[str, Any]:
    """One audit row as an AuditEvent (type rest; entity by id only)."""
    return {
        "resourceType": "AuditEvent",
        "id": str(row.id),
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
        },
        "action": _ACTION.get(row.action, "E"),
        "recorded": stamp(row.at),
        "outcome": "0",
        "agent": [{"who": {"display": row.actor}, "requestor": True}],
        "source": {"observer": {"display": "MarrowPath"}},
        "entity": [{"what": {"display": f"{row.entity}/{row.entity_id}"}}],
    }


@router.get("/audit", summary="Audit trail (AuditEvent Bundle)")
def audit(
    request: Request,
    entity_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JSONResponse:
    rows = audit_log(service(request).store, entity_id=entity_id, limit=limit)
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(rows),
        "entry": [{"resource": audit_event(r)} for r in rows],
    }
    return JSONResponse(bundle, media_type=FHIR_JSON)
