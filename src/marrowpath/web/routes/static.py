"""The UI's static files (one stylesheet), read once and served with a cache lifetime."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

__all__ = ["STATIC_TYPES", "register"]

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def _files() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("marrowpath.web").joinpath("static")
    out = {}
    for item in folder.iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in STATIC_TYPES:
            out[item.name] = (item.read_bytes(), STATIC_TYPES[suffix])
    return out


def register(router: APIRouter) -> None:
    """Add ``/ui/static/{name}`` to ``router`` (only the shipped files, nothing else)."""
    files = _files()

    @router.get("/ui/static/{name}", name="ui_static")
    def static(name: str) -> Response:
        found = files.get(name)
        if found is None:
            return PlainTextResponse(f"static file {name[:80]!r} does not exist", status_code=404)
        body, media = found
        return Response(
            body,
            media_type=media,
            headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
        )
