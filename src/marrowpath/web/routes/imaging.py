"""The MRI edema page of an episode: upload a study, measure it, keep it with a new visit.

The imaging core does the work (``analyse``, ``write_overlays``, ``compare``); this page moves
files and shows the result. The store keeps a visit's imaging finding as text
(``new_imaging``: the measurement sentence and, from the second study on, the comparison
sentence) but has no place for JSON or pictures. So the measurement JSON, the overlay PNGs and
a small ``study.json`` (date, comparison, uploaded file names) live beside the store, one
folder per visit: ``<data directory>/imaging/<episode id>/visit-<visit id>/``, where the data
directory is the SQLite file's folder, else ``user_data_dir("marrowpath")``. A bad upload is
refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from marrowpath.errors import ImagingError, InputError
from marrowpath.followup import make_visit
from marrowpath.imaging import (
    Analysis,
    Comparison,
    Measurement,
    analyse,
    compare,
    load_label_map,
    load_volume,
    write_overlays,
)
from marrowpath.pathway._texts import WEIGHT_BEARING
from marrowpath.store import EpisodeRecord, add_visit, get_episode
from marrowpath.web.context import Web
from marrowpath.web.forms import parse_visit
from marrowpath.web.page import Page, begin
from marrowpath.web.routes._common import FormData, csrf_refusal, guarded
from marrowpath.web.routes.episodes import VISIT_WEIGHT_BEARING

__all__ = ["MAX_UPLOAD_BYTES", "Study", "data_folder", "load_studies", "register"]

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
"""Largest accepted image file (each of fluid, mask and T1)."""
MAX_LABELS_BYTES = 1024 * 1024
IMAGES = ("fluid", "bone_mask", "t1")
FILES = (*IMAGES, "labels")
REQUIRED = ("fluid", "bone_mask")
VISIT_FIELDS = ("date", "pain_rest", "pain_load", "weight_bearing", "expected_version")
_STUDY = re.compile(r"visit-[0-9]{1,12}")
_FILE = re.compile(r"edema_slice_[0-9]{3,5}\.png|measurement\.json")
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Study:
    """One measured study as kept on disk: the measurement and what it was compared with."""

    key: str
    visit_id: int
    date: dt.date
    measurement: Measurement
    comparison: Comparison | None
    previous: str | None
    text: str
    overlays: list[str]
    files: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Upload:
    name: str
    path: Path


def data_folder(web: Web) -> Path:
    """Where the imaging studies live: ``imaging/`` beside the SQLite file, else user data."""
    url = web.store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "imaging"
    from platformdirs import user_data_dir

    return Path(user_data_dir("marrowpath")) / "imaging"


def _episode_folder(web: Web, episode: EpisodeRecord) -> Path:
    if not _SAFE_ID.fullmatch(episode.id):  # pragma: no cover - ids are made by the store
        msg = f"episode: id {episode.id!r} cannot name a folder; expected letters, digits, -"
        raise InputError(msg, field="episode")
    return data_folder(web) / episode.id


def load_studies(folder: Path) -> list[Study]:
    """The studies kept in an episode's folder, oldest first (unreadable folders are skipped)."""
    studies = []
    if not folder.is_dir():
        return []
    for sub in folder.iterdir():
        if not _STUDY.fullmatch(sub.name):
            continue
        try:
            meta = json.loads((sub / "study.json").read_text(encoding="utf-8"))
            measurement = Measurement.model_validate_json(
                (sub / "measurement.json").read_text(encoding="utf-8")
            )
            comparison = meta.get("comparison")
            studies.append(
                Study(
                    key=sub.name,
                    visit_id=int(meta["visit_id"]),
                    date=dt.date.fromisoformat(meta["date"]),
                    measurement=measurement,
                    comparison=Comparison.model_validate(comparison) if comparison else None,
                    previous=meta.get("previous"),
                    text=str(meta.get("text", "")),
                    overlays=[str(n) for n in meta.get("overlays", [])],
                    files={str(k): str(v) for k, v in meta.get("files", {}).items()},
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(studies, key=lambda s: (s.date, s.visit_id))


def measurement_sentence(m: Measurement) -> str:
    """One English sentence for the visit's imaging text (the report reader understands it)."""
    if not m.findings()["mri_bme"]:
        return (
            f"No measurable bone marrow edema on MRI (measured volume {m.edema_volume_ml:.1f} mL)."
        )
    text = (
        f"Bone marrow edema on MRI: measured volume {m.edema_volume_ml:.1f} mL, "
        f"{m.percent_of_bone:.1f} % of the bone"
    )
    graded = [f"{g.system} {g.region.replace('_', ' ')} {g.grade}" for g in m.grades]
    graded = [g for g, grade in zip(graded, m.grades, strict=True) if grade.grade != "0"]
    return text + ("; " + ", ".join(graded) if graded else "") + "."


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (so the page reserves the space)."""
    with path.open("rb") as fh:
        head = fh.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return (0, 0)
    width, height = struct.unpack(">II", head[16:24])
    return (int(width), int(height))


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1][:120]
    return "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in base) or "upload"


def _check_files(files: dict[str, UploadFile], t: Callable[..., str]) -> dict[str, str]:
    """Field errors for missing, misnamed or too large files (before anything is read)."""
    errors: dict[str, str] = {}
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    for name in FILES:
        upload = files.get(name)
        filename = upload.filename if upload is not None else ""
        if not filename:
            if name in REQUIRED:
                errors[name] = t("err_file_required", name=name)
            continue
        lower = filename.lower()
        size = upload.size if upload is not None and upload.size is not None else 0
        if name == "labels":
            if not lower.endswith(".json"):
                errors[name] = t("err_not_json", name=name, value=repr(_safe_name(filename)))
            elif size > MAX_LABELS_BYTES:
                errors[name] = t(
                    "err_too_large",
                    name=name,
                    value=repr(_safe_name(filename)),
                    limit=MAX_LABELS_BYTES // 2**20,
                )
        elif not lower.endswith((".nii", ".nii.gz")):
            errors[name] = t("err_not_nifti", name=name, value=repr(_safe_name(filename)))
        elif size > MAX_UPLOAD_BYTES:
            errors[name] = t(
                "err_too_large", name=name, value=repr(_safe_name(filename)), limit=limit_mb
            )
    return errors


def _save(files: dict[str, UploadFile], work: Path, t: Callable[..., str]) -> dict[str, _Upload]:
    """Copy the uploaded files into ``work`` under fixed names that keep their suffix.

    Raises:
        InputError: a file is larger than its limit (when the form did not say its size).
    """
    saved = {}
    for name in FILES:
        upload = files.get(name)
        if upload is None or not upload.filename:
            continue
        lower = upload.filename.lower()
        suffix = ".json" if name == "labels" else (".nii.gz" if lower.endswith(".gz") else ".nii")
        path = work / f"{name}{suffix}"
        limit = MAX_LABELS_BYTES if name == "labels" else MAX_UPLOAD_BYTES
        upload.file.seek(0)
        written = 0
        with path.open("wb") as out:
            while chunk := upload.file.read(1024 * 1024):
                written += len(chunk)
                if written > limit:  # the part carried no size: count while copying
                    value = repr(_safe_name(upload.filename))
                    msg = t("err_too_large", name=name, value=value, limit=limit // 2**20)
                    raise InputError(msg, field=name)
                out.write(chunk)
        saved[name] = _Upload(_safe_name(upload.filename), path)
    return saved


def _named(message: str, uploads: dict[str, _Upload]) -> str:
    """The message with temporary paths replaced by the names the clinician uploaded."""
    for upload in uploads.values():
        message = message.replace(str(upload.path), upload.name)
    return message


def _field_of(message: str) -> str:
    """The form field an ``analyse`` refusal is about, from the words it starts with."""
    lower = message.lower()
    for start, name in (("t1", "t1"), ("bone mask", "bone_mask"), ("label", "labels")):
        if lower.startswith(start):
            return name
    return "fluid"


def _analyse(uploads: dict[str, _Upload]) -> Analysis:
    """Load each file on its own (errors belong to its field), then measure.

    Raises:
        InputError: with ``field`` set to the form field the problem belongs to.
    """
    loaded: dict[str, Any] = {}
    for name, upload in uploads.items():
        try:
            if name == "labels":
                loaded[name] = load_label_map(upload.path)
            else:
                volume = load_volume(upload.path)
                loaded[name] = volume.with_data(volume.data, upload.name)
        except ImagingError as exc:
            raise InputError(_named(str(exc), uploads), field=name) from None
    try:
        return analyse(
            loaded["fluid"],
            loaded["bone_mask"],
            t1=loaded.get("t1"),
            labels=loaded.get("labels"),
        )
    except ImagingError as exc:
        message = _named(str(exc), uploads)
        raise InputError(message, field=_field_of(message)) from None


def _earlier(studies: list[Study], day: dt.date) -> Study | None:
    """The newest study on or before ``day``: the one a new study is compared with."""
    before = [s for s in studies if s.date <= day]
    return before[-1] if before else None


def _context(page: Page, episode: EpisodeRecord) -> dict[str, Any]:
    region = page.web.kb.regions.get(episode.region)
    return {
        "episode": episode,
        "region_name": getattr(region.names, page.lang) if region is not None else episode.region,
        "base": f"/ui/episodes/{episode.id}",
        "source_title": lambda sid: (
            page.web.kb.sources[sid].title if sid in page.web.kb.sources else sid
        ),
        "is_source": lambda sid: sid in page.web.kb.sources,
        "wb": lambda key: WEIGHT_BEARING.get(key, {}).get(page.lang, key),
        "fixed": lambda value, digits=1: _fixed(value, digits, page.lang),
        "signed": lambda value, digits=1: (
            ("+" if value > 0 else "") + _fixed(value, digits, page.lang)
        ),
    }


def _fixed(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def _show(
    page: Page,
    episode: EpisodeRecord,
    values: FormData | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The imaging page: the upload form, the studies and the chosen (or newest) study."""
    folder = _episode_folder(page.web, episode)
    studies = load_studies(folder)
    wanted = page.request.query_params.get("study", "")
    chosen = next((s for s in studies if s.key == wanted), studies[-1] if studies else None)
    previous = None
    sizes: dict[str, tuple[int, int]] = {}
    if chosen is not None:
        previous = next((s for s in studies if s.key == chosen.previous), None)
        sizes = {name: _png_size(folder / chosen.key / name) for name in chosen.overlays}
    defaults = {"date": dt.date.today().isoformat(), "weight_bearing": ""}
    return page.render(
        "imaging.html",
        status=status,
        tab="imaging",
        studies=list(reversed(studies)),
        study=chosen,
        previous=previous,
        sizes=sizes,
        values={**defaults, **(values or {})},
        errors=errors or {},
        wb_choices=VISIT_WEIGHT_BEARING,
        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        saved=page.request.query_params.get("saved") == "1",
        **_context(page, episode),
    )


def _store(
    page: Page,
    episode: EpisodeRecord,
    fields: dict[str, Any],
    version: int,
    analysis: Analysis,
    uploads: dict[str, _Upload],
) -> str:
    """Write the study beside the store, add the visit, then give the folder its visit id.

    The files go to a hidden folder first; it is renamed only after the visit was stored and
    removed when the store refuses, so a refused visit leaves nothing behind.
    """
    folder = _episode_folder(page.web, episode)
    earlier = _earlier(load_studies(folder), fields["date"])
    m = analysis.measurement
    comparison = compare(earlier.measurement, m) if earlier is not None else None
    text = measurement_sentence(m)
    if comparison is not None:
        text += " " + comparison.summary()
    visit = make_visit({**fields, "new_imaging": text})
    incoming = folder / f".incoming-{uuid.uuid4().hex}"
    try:
        overlays = write_overlays(analysis, incoming)
        (incoming / "measurement.json").write_text(m.model_dump_json(indent=1), encoding="utf-8")
        meta: dict[str, Any] = {
            "date": visit.date.isoformat(),
            "previous": earlier.key if earlier is not None else None,
            "comparison": comparison.model_dump() if comparison is not None else None,
            "visit_finding": comparison.visit_finding() if comparison is not None else None,
            "text": text,
            "overlays": [p.name for p in overlays],
            "files": {name: u.name for name, u in uploads.items()},
        }
        added = add_visit(
            page.web.store, episode.id, visit, actor=page.caller.actor, expected_version=version
        )
        meta["visit_id"] = added.visit.id
        (incoming / "study.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        key = f"visit-{added.visit.id}"
        target = folder / key
        if target.exists():  # pragma: no cover - left by a store that was replaced
            shutil.rmtree(target)
        incoming.rename(target)
        return key
    finally:
        if incoming.exists():
            shutil.rmtree(incoming, ignore_errors=True)


def _measure_and_save(
    page: Page, episode_id: str, data: FormData, files: dict[str, UploadFile]
) -> Response:
    episode = get_episode(page.web.store, episode_id, actor=page.caller.actor)
    fields, errors = parse_visit({**data, "new_imaging": ""}, page.lang)
    raw_version = data.get("expected_version", "")
    if not raw_version.isdigit():
        errors["expected_version"] = (
            f"expected_version: {raw_version[:40]!r} is not a version number"
        )
    errors.update(_check_files(files, page.t))
    if not errors:
        try:
            make_visit(fields, episode_start=episode.start_date)
        except InputError as exc:
            errors[exc.field if exc.field in VISIT_FIELDS else "date"] = str(exc)
    if errors:
        return _show(page, episode, data, errors, status=400)
    with tempfile.TemporaryDirectory(prefix="marrowpath-imaging-") as tmp:
        try:
            uploads = _save(files, Path(tmp), page.t)
            analysis = _analyse(uploads)
            key = _store(page, episode, fields, int(raw_version), analysis, uploads)
        except InputError as exc:
            errors[exc.field if exc.field in (*FILES, *VISIT_FIELDS) else "date"] = str(exc)
            return _show(page, episode, data, errors, status=400)
    return page.redirect(
        f"/ui/episodes/{episode.id}/imaging", fragment="result", study=key, saved=1
    )


def _upload(
    web: Web, request: Request, episode_id: str, data: FormData, files: dict[str, UploadFile]
) -> Response:
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = f"/ui/episodes/{episode_id}/imaging"
    refused = csrf_refusal(page, data)
    if refused is not None:
        return refused
    return guarded(page, lambda: _measure_and_save(page, episode_id, data, files))


def _refuse(
    web: Web, request: Request, episode_id: str, key: str, fields: Mapping[str, object]
) -> Response:
    """A 400 page for a request refused before its form was read (nothing is stored)."""
    page = begin(web, request)
    if isinstance(page, Response):
        return page
    page.here = f"/ui/episodes/{episode_id}/imaging"
    return page.error(400, "bad_input_title", page.t(key, **fields))


def _file(page: Page, episode_id: str, study: str, name: str) -> Response:
    """An overlay PNG or the measurement JSON of a study (names checked before any lookup)."""
    if not (_STUDY.fullmatch(study) and _FILE.fullmatch(name)):
        what = page.t("imaging_file_word")
        return page.error(404, "not_found_title", page.t("not_found", what=what, ident=name[:80]))
    episode = get_episode(page.web.store, episode_id, actor=page.caller.actor)
    path = _episode_folder(page.web, episode) / study / name
    if not path.is_file():
        what = page.t("imaging_file_word")
        return page.error(404, "not_found_title", page.t("not_found", what=what, ident=name))
    if name.endswith(".png"):
        return page.finish(Response(path.read_bytes(), media_type="image/png"))
    response = Response(path.read_bytes(), media_type="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="marrowpath-{episode.patient}-{study}.json"'
        if _SAFE_ID.fullmatch(episode.patient)
        else f'attachment; filename="marrowpath-{study}.json"'
    )
    return page.finish(response)


def _request_limit() -> int:
    return len(IMAGES) * MAX_UPLOAD_BYTES + MAX_LABELS_BYTES + 256 * 1024


def register(router: APIRouter, web: Web) -> None:
    """Add the imaging page, its upload and its files to ``router``."""

    @router.get("/ui/episodes/{episode_id}/imaging", name="ui_imaging")
    def imaging_page(request: Request, episode_id: str) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        return guarded(
            page,
            lambda: _show(page, get_episode(web.store, episode_id, actor=page.caller.actor)),
        )

    @router.post("/ui/episodes/{episode_id}/imaging", name="ui_imaging_upload")
    async def imaging_upload(request: Request, episode_id: str) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > _request_limit():
            limits = {"size": int(length) // 1_000_000, "limit": _request_limit() // 1_000_000}
            return await run_in_threadpool(
                _refuse, web, request, episode_id, "err_request_too_large", limits
            )
        try:
            form = await request.form(max_files=len(FILES), max_fields=20)
        except HTTPException as exc:
            detail = {"detail": str(exc.detail)}
            return await run_in_threadpool(
                _refuse, web, request, episode_id, "err_upload_unreadable", detail
            )
        try:
            data = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            files = {k: v for k, v in form.multi_items() if isinstance(v, UploadFile)}
            return await run_in_threadpool(_upload, web, request, episode_id, data, files)
        finally:
            await form.close()

    @router.get("/ui/episodes/{episode_id}/imaging/{study}/{name}", name="ui_imaging_file")
    def imaging_file(request: Request, episode_id: str, study: str, name: str) -> Response:
        page = begin(web, request)
        if isinstance(page, Response):
            return page
        return guarded(page, lambda: _file(page, episode_id, study, name))
