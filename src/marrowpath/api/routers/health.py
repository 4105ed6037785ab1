"""Health (the process answers) and readiness (the store answers): the only open endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import JSONResponse, Response

from marrowpath import __version__
from marrowpath.api.state import service

__all__ = ["router"]

router = APIRouter(tags=["Health"])
_OK = b'{"status":"ok"}'


@router.get("/health", summary="Liveness")
async def health() -> Response:
    """200 while the process serves requests."""
    return Response(_OK, media_type="application/json")


@router.get("/ready", summary="Readiness")
def ready(request: Request) -> JSONResponse:
    """200 when the store answers, else 503."""
    st = service(request)
    try:
        with st.store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable", "store": "down"}, status_code=503)
    return JSONResponse(
        {"status": "ready", "version": __version__, "knowledge": st.kb.meta.version}
    )
