"""The hook handlers: patient-view, order-select and order-sign.

:class:`CdsService` holds everything prepared at start (verified keys, card texts, the
knowledge base, an HTTP client for ``fhirServer``). One call does: gather prefetch (or fetch),
then ONE short transaction that registers the ``jti`` (replay refusal across workers), writes
the audit row and, for patient-view, reads the patient's open episodes; then cards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import httpx

from marrowpath.api.settings import Settings
from marrowpath.cdshooks.cards import (
    ORDER_REGIONS,
    CardTexts,
    assessment_cards,
    episode_card,
    order_cards as build_order_cards,
    red_flag_cards,
)
from marrowpath.cdshooks.jwt_auth import JwtClaims, JwtVerifier
from marrowpath.cdshooks.ledger import Claim, ClaimResult, Ledger, Sql
from marrowpath.cdshooks.models import HookRequest
from marrowpath.cdshooks.prefetch import gather
from marrowpath.cdshooks.services import PREFETCH, SERVICES
from marrowpath.errors import InputError
from marrowpath.fhir.bundle_in import (
    BundleReading,
    read_bundle,
    region_of_text,
    resources_of,
)
from marrowpath.knowledge import Knowledge
from marrowpath.reasoning import assess
from marrowpath.store.engine import Store

__all__ = ["CdsService", "Prepared", "ReplayError"]

RECENT_DAYS = 90
_MRI = ("mri", "mrt", "magnetic resonance", "mr ", "kernspin")
_XRAY = ("x-ray", "xray", "radiograph", "röntgen", "xr ", "plain film")


class ReplayError(Exception):
    """The token's jti was used before (on any worker)."""


@dataclass(frozen=True)
class Prepared:
    """A checked hook call with its FHIR resources, before the database is touched."""

    hook: str
    patient_id: str
    orders: list[tuple[str, str, str]]
    resources: list[dict[str, Any]]


_BASE = "urn:marrowpath:base"
"""Placeholder of the base URL in cached cards (replaced per call)."""


_UUID = "@@marrowpath-uuid@@"
"""Placeholder of a card or suggestion uuid in cached cards (a fresh uuid4 per call)."""


def _placeholders(value: Any) -> Any:
    """Cards with every ``uuid`` replaced by the placeholder."""
    if isinstance(value, dict):
        return {k: _UUID if k == "uuid" else _placeholders(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_placeholders(v) for v in value]
    return value


def _order_texts(r: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for key in ("code", "orderDetail", "bodySite"):
        value = r.get(key)
        concepts = value if isinstance(value, list) else [value]
        for c in concepts:
            if not isinstance(c, Mapping):
                continue
            if isinstance(c.get("text"), str):
                parts.append(c["text"])
            codings = c.get("coding")
            for coding in codings if isinstance(codings, list) else []:
                if isinstance(coding, Mapping) and isinstance(coding.get("display"), str):
                    parts.append(coding["display"])
    return " ".join(parts)


def _modality(text: str) -> str | None:
    low = f" {text.lower()} "
    if any(w in low for w in _MRI):
        return "mri"
    if any(w in low for w in _XRAY):
        return "xray"
    return None


class CdsService:
    """The CDS Hooks service of one process."""

    def __init__(self, settings: Settings, store: Store, kb: Knowledge) -> None:
        self.settings = settings
        self.store = store
        self.kb = kb
        self.verifier = JwtVerifier(
            settings.cds_trusted_issuers, leeway=settings.cds_jwt_leeway_seconds
        )
        self.texts = CardTexts.build(kb, settings.lang)
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self.ledger = Ledger(store, self.read_episodes, durable=settings.cds_durable_commit)
        self._cache: OrderedDict[str, list[str]] = OrderedDict()
        self._cache_size = settings.cds_cache_size
        self._warm_up()

    def _warm_up(self) -> None:
        """Run the report reader and the assessment once at start, so that their lazily built
        tables exist before the first call (and before the app freezes its start-up objects
        out of the garbage collector's way)."""
        text = "MRI of the right knee: bone marrow edema of the medial femoral condyle."
        report = {
            "resourceType": "DiagnosticReport",
            "id": "warm-up",
            "status": "final",
            "code": {"text": "MRI knee"},
            "conclusion": text,
        }
        self._assessment([report], _BASE, self.source(_BASE))
        self._order_cards([("ServiceRequest/w", "mri", "knee")], [report], "w", _BASE, {})

    def client(self) -> httpx.Client:
        """The shared HTTP client for fhirServer fetches (created on first use)."""
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    timeout=self.settings.cds_fhir_timeout_seconds, follow_redirects=False
                )
            return self._client

    def close(self) -> None:
        self.ledger.close()
        if self._client is not None:
            self._client.close()

    def needs_fetch(self, req: HookRequest) -> bool:
        sent = req.prefetch or {}
        return any(k not in sent for k in PREFETCH)

    def source(self, base: str) -> dict[str, str]:
        return {"label": "MarrowPath", "url": f"{base}/ui/"}

    def verify(self, token: str, audiences: list[str]) -> JwtClaims:
        return self.verifier.verify(token, audiences)

    def prepare(self, service_id: str, req: HookRequest) -> Prepared:
        """Check the context and gather the prefetch (or fetch it): no database access.

        Raises:
            InputError: a malformed context or prefetch (names the field).
            PrefetchError: data missing and not fetchable (412).
        """
        hook = SERVICES[service_id]["hook"]
        ctx = req.context
        patient_id = ctx.get("patientId")
        if not isinstance(patient_id, str) or not patient_id or len(patient_id) > 128:
            msg = f"context.patientId: expected a FHIR Patient id, got {patient_id!r:.60}"
            raise InputError(msg, field="context.patientId")
        orders: list[tuple[str, str, str]] = []
        if hook in ("order-select", "order-sign"):
            orders = self._orders(ctx, hook)
        data = gather(
            PREFETCH,
            ctx,
            req.prefetch,
            fhir_server=req.fhirServer,
            fhir_authorization=req.fhirAuthorization,
            client_factory=self.client,
        )
        resources = [r for key in PREFETCH for r in data.get(key, [])]
        return Prepared(hook=hook, patient_id=patient_id, orders=orders, resources=resources)

    def claim(self, claims: JwtClaims, prepared: Prepared) -> Future[ClaimResult]:
        """The jti registration, audit row and (patient-view) episode read, as a future.

        Relaxed mode writes inline and returns a resolved future; durable mode queues the
        claim for the group-commit thread.
        """
        claim = self._claim(claims, prepared)
        if self.ledger.durable:
            return self.ledger.submit(claim)
        future: Future[ClaimResult] = Future()
        try:
            future.set_result(self.ledger.claim_now(claim))
        except Exception as exc:  # the caller learns of it from the future
            future.set_exception(exc)
        return future

    def _claim(self, claims: JwtClaims, prepared: Prepared) -> Claim:
        return Claim(
            issuer=claims.iss,
            jti=claims.jti,
            exp=claims.exp,
            actor=f"cds:{claims.iss}"[:128],
            entity="patient",
            entity_id=prepared.patient_id[:64],
            episodes_of=prepared.patient_id if prepared.hook == "patient-view" else None,
        )

    def cards(
        self, prepared: Prepared, episodes: list[dict[str, Any]], base: str
    ) -> list[dict[str, Any]]:
        """The cards of a prepared call whose jti was fresh."""
        cards: list[dict[str, Any]] = json.loads(self.cards_json(prepared, episodes, base))["cards"]
        return cards

    def cards_json(self, prepared: Prepared, episodes: list[dict[str, Any]], base: str) -> bytes:
        """The response body ``{"cards": [...]}`` as JSON bytes.

        Cards that depend only on the record (assessment, order advice) are cached as JSON
        text with placeholders for the card uuids and the base URL, so a repeated record
        costs one string join; episode cards are built each time (they follow the store).
        """
        source = self.source(base)
        if prepared.hook == "patient-view" and episodes:
            cards = [self._episode_card(e, base, source) for e in episodes]
            return json.dumps({"cards": cards}, ensure_ascii=False).encode()
        key = self._cache_key(prepared)
        parts = self._cache_get(key)
        if parts is None:
            if prepared.hook == "patient-view":
                built = self._assessment(prepared.resources, _BASE, self.source(_BASE))
            else:
                built = self._order_cards(
                    prepared.orders,
                    prepared.resources,
                    prepared.patient_id,
                    _BASE,
                    self.source(_BASE),
                )
            text = json.dumps({"cards": _placeholders(built)}, ensure_ascii=False)
            parts = text.split(_UUID)
            self._cache_put(key, parts)
        out = parts[0] + "".join(str(uuid.uuid4()) + p for p in parts[1:])
        if _BASE in out:
            out = out.replace(_BASE, json.dumps(base)[1:-1])
        return out.encode()

    def run(
        self, service_id: str, req: HookRequest, claims: JwtClaims, base: str
    ) -> dict[str, Any]:
        """The whole call, blocking (for scripts and tests): ``{"cards": [...]}``.

        Raises:
            InputError: as :meth:`prepare`.
            PrefetchError: as :meth:`prepare`.
            ReplayError: the jti was used before.
        """
        prepared = self.prepare(service_id, req)
        result = self.claim(claims, prepared).result()
        if not result.fresh:
            raise ReplayError
        return {"cards": self.cards(prepared, result.episodes, base)}

    def _cache_key(self, prepared: Prepared) -> str:
        today = dt.datetime.now(dt.UTC).date().isoformat()
        raw = json.dumps(
            [prepared.hook, prepared.patient_id, prepared.orders, prepared.resources, today],
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        )
        return hashlib.sha256(raw.encode()).hexdigest()

    def _cache_get(self, key: str) -> list[str] | None:
        if self._cache_size <= 0:
            return None
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _cache_put(self, key: str, cards: list[str]) -> None:
        if self._cache_size <= 0:
            return
        with self._lock:
            self._cache[key] = cards
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    @staticmethod
    def read_episodes(cur: Any, sql: Sql, patients: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Open episodes per patient (newest first, at most 3 each), alerts, last visit."""
        m = sql.mark
        cur.execute(
            "SELECT id, patient, condition, region, start_date FROM episodes "  # noqa: S608
            f"WHERE patient IN ({sql.marks(len(patients))}) AND status = {m} "
            "ORDER BY updated_at DESC",
            (*patients, "open"),
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for eid, patient, condition, region, start in cur.fetchall():
            if len(out.get(patient, [])) >= 3:
                continue
            cur.execute(f"SELECT message FROM alerts WHERE episode_id = {m} ORDER BY id", (eid,))  # noqa: S608 - placeholder only
            alerts = [str(row[0]) for row in cur.fetchall()]
            cur.execute(
                "SELECT visit_date, pain_rest, pain_load FROM visits "  # noqa: S608
                f"WHERE episode_id = {m} ORDER BY visit_date DESC, id DESC LIMIT 1",
                (eid,),
            )
            visit = cur.fetchone()
            out.setdefault(patient, []).append(
                {
                    "id": eid,
                    "condition": condition,
                    "region": region,
                    "start": sql.day(start),
                    "alerts": alerts,
                    "visit": (sql.day(visit[0]).isoformat(), visit[1], visit[2]) if visit else None,
                }
            )
        return out

    def _episode_card(self, e: dict[str, Any], base: str, source: dict[str, str]) -> dict[str, Any]:
        today = dt.datetime.now(dt.UTC).date()
        link = {
            "label": self.texts.t("open_episode"),
            "url": f"{base}/ui/episodes/{e['id']}",
            "type": "absolute",
        }
        return episode_card(
            texts=self.texts,
            source=source,
            link=link,
            condition=e["condition"],
            region=e["region"],
            week=max(0, (today - e["start"]).days // 7),
            alerts=e["alerts"],
            last_visit=e["visit"],
        )

    def _read(self, resources: list[dict[str, Any]], region: str | None) -> BundleReading:
        return read_bundle(
            resources,
            kb=self.kb,
            lang=self.settings.lang,
            recent_days=RECENT_DAYS,
            region=region,
            region_first=region is not None,
        )

    def _assessment(
        self, resources: list[dict[str, Any]], base: str, source: dict[str, str]
    ) -> list[dict[str, Any]]:
        reading = self._read(resources, None)
        if not reading.bme_refs or reading.case is None:
            return []
        assessment = assess(reading.case, self.settings.lang, self.kb)
        link = {"label": self.texts.t("open_ui"), "url": f"{base}/ui/", "type": "absolute"}
        return assessment_cards(assessment, self.texts, source, link)

    def _orders(self, ctx: Mapping[str, Any], hook: str) -> list[tuple[str, str, str]]:
        """(reference, modality, region) of the MRI and radiograph orders to look at."""
        draft = ctx.get("draftOrders")
        if draft is None:
            msg = "context.draftOrders: required for " + hook
            raise InputError(msg, field="context.draftOrders")
        resources = resources_of(draft, "context.draftOrders")
        selections = ctx.get("selections")
        chosen: set[str] | None = None
        if hook == "order-select":
            if not isinstance(selections, list) or not all(isinstance(x, str) for x in selections):
                msg = "context.selections: expected a list of references like 'ServiceRequest/1'"
                raise InputError(msg, field="context.selections")
            chosen = set(selections)
        out = []
        for r in resources:
            if r["resourceType"] != "ServiceRequest":
                continue
            ref = f"ServiceRequest/{r.get('id', '')}"
            if chosen is not None and ref not in chosen:
                continue
            text = _order_texts(r)
            modality = _modality(text)
            region = region_of_text(text, self.kb)
            if modality is None or region is None or region not in ORDER_REGIONS:
                continue
            out.append((ref, modality, region))
        return out

    def _order_cards(
        self,
        orders: list[tuple[str, str, str]],
        resources: list[dict[str, Any]],
        patient_id: str,
        base: str,
        source: dict[str, str],
    ) -> list[dict[str, Any]]:
        cards: list[dict[str, Any]] = []
        seen_flags: set[str] = set()
        today = dt.datetime.now(dt.UTC).date()
        link = {"label": self.texts.t("open_ui"), "url": f"{base}/ui/", "type": "absolute"}
        for _ref, modality, region in orders:
            reading = self._read(resources, region)
            recent_xray = any(
                i.modality == "xray"
                and i.region == region
                and i.date is not None
                and (today - i.date).days <= RECENT_DAYS
                for i in reading.imaging
            )
            if reading.case is not None:
                assessment = assess(reading.case, self.settings.lang, self.kb)
                flags = [f for f in assessment.red_flags if f.id not in seen_flags]
                seen_flags.update(f.id for f in flags)
                cards += red_flag_cards(flags, self.texts, source, [link])
            cards += build_order_cards(
                texts=self.texts,
                source=source,
                modality=modality,
                region=region,
                has_recent_xray=recent_xray,
                patient_id=patient_id,
                links=[link],
            )
        return cards
