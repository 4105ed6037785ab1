"""The hook's write: jti, audit row and episode read in one transaction, relaxed or durable;
replays refused across workers (two apps on one PostgreSQL database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marrowpath.cdshooks.hooks import CdsService
from marrowpath.cdshooks.ledger import Claim, Ledger
from marrowpath.store import audit_log, open_store
from tests.api.helpers import client_for, make_app
from tests.cdshooks.conftest import BASE, hook_body, prefetch
from tests.cdshooks.keys import Client
from tests.store.conftest import pg_schema_url  # noqa: F401 - a fixture used here

EXP = dt.datetime(2099, 1, 1)


def claim(jti: str, patient: str = "p1") -> Claim:
    return Claim(
        issuer="iss", jti=jti, exp=EXP, actor="cds:iss", entity="patient", entity_id=patient,
        episodes_of=patient,
    )  # fmt: skip


@pytest.fixture
def pg_url(pg_schema_url: str) -> str:  # noqa: F811 - the imported fixture, requested
    """A fresh schema on the test PostgreSQL server (the store tests' fixture)."""
    return pg_schema_url


class TestModes:
    """Relaxed (inline) and durable (group commit) write the same rows."""

    @pytest.mark.parametrize("durable", [False, True])
    def test_claims(self, tmp_path: Path, durable: bool) -> None:
        """A new jti is fresh and audited; a repeat (also within one batch) is not."""
        store = open_store(f"sqlite:///{tmp_path / 'l.sqlite'}")
        ledger = Ledger(store, CdsService.read_episodes, durable=durable)
        if durable:
            futures = [ledger.submit(c) for c in (claim("a"), claim("b"), claim("a"))]
            results = [f.result(timeout=10) for f in futures]
        else:
            results = [ledger.claim_now(c) for c in (claim("a"), claim("b"), claim("a"))]
        assert [r.fresh for r in results] == [True, True, False]
        rows = audit_log(store)
        assert [(r.actor, r.action, r.entity, r.entity_id) for r in rows] == [
            ("cds:iss", "read", "patient", "p1")
        ] * 2
        ledger.close()
        store.close()

    def test_durable_over_http(self, tmp_path: Path, ehr: Client) -> None:
        """With MARROWPATH_CDS_DURABLE_COMMIT the hook answers the same; replays are 401."""
        app = make_app(
            tmp_path,
            cds_durable_commit=True,
            cds_trusted_issuers={ehr.issuer: ehr.write_jwks(tmp_path)},
        )
        token = ehr.token(f"{BASE}/cds-services/marrowpath-patient-view")
        headers = {"Authorization": f"Bearer {token}"}
        body = hook_body("patient-view", prefetch=prefetch())
        with client_for(app) as c:
            first = c.post("/cds-services/marrowpath-patient-view", json=body, headers=headers)
            again = c.post("/cds-services/marrowpath-patient-view", json=body, headers=headers)
        assert (first.status_code, first.json(), again.status_code) == (200, {"cards": []}, 401)


@pytest.mark.postgres
class TestAcrossWorkers:
    """Two workers (two apps) on one PostgreSQL database."""

    def test_replay_to_another_worker(self, pg_url: str, tmp_path: Path, ehr: Client) -> None:
        """A token used on worker A is refused by worker B."""
        jwks = ehr.write_jwks(tmp_path)
        apps = [
            make_app(tmp_path, database_url=pg_url, cds_trusted_issuers={ehr.issuer: jwks})
            for _ in range(2)
        ]
        token = ehr.token(f"{BASE}/cds-services/marrowpath-patient-view")
        headers = {"Authorization": f"Bearer {token}"}
        body = hook_body("patient-view", prefetch=prefetch())
        with client_for(apps[0]) as a, client_for(apps[1]) as b:
            assert (
                a.post(
                    "/cds-services/marrowpath-patient-view", json=body, headers=headers
                ).status_code
                == 200
            )
            assert (
                b.post(
                    "/cds-services/marrowpath-patient-view", json=body, headers=headers
                ).status_code
                == 401
            )
            fresh = {
                "Authorization": f"Bearer {ehr.token(f'{BASE}/cds-services/marrowpath-patient-view')}"
            }
            assert (
                b.post(
                    "/cds-services/marrowpath-patient-view", json=body, headers=fresh
                ).status_code
                == 200
            )

    @pytest.mark.parametrize("durable", [False, True])
    def test_ledger_on_postgres(self, pg_url: str, durable: bool) -> None:
        """Both modes on PostgreSQL; the relaxed one sets synchronous_commit off locally."""
        store = open_store(pg_url)
        ledger = Ledger(store, CdsService.read_episodes, durable=durable)
        first = (
            ledger.claim_now(claim("x")) if not durable else ledger.submit(claim("x")).result(10)
        )
        second = (
            ledger.claim_now(claim("x")) if not durable else ledger.submit(claim("x")).result(10)
        )
        assert (first.fresh, second.fresh) == (True, False)
        ledger.close()
        store.close()


def test_expired_ids_are_purged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PURGE_EVERY claims, ids expired for more than the margin are deleted."""
    from marrowpath.cdshooks import ledger as module

    monkeypatch.setattr(module, "PURGE_EVERY", 2)
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    led = Ledger(store, CdsService.read_episodes)
    old = Claim(
        issuer="i",
        jti="old",
        exp=dt.datetime(2000, 1, 1),
        actor="a",
        entity="patient",
        entity_id="p",
    )
    led.claim_now(old)
    led.claim_now(claim("new"))
    with store.engine.connect() as conn:
        left = [r[0] for r in conn.exec_driver_sql("SELECT jti FROM cds_jti ORDER BY jti")]
    assert left == ["new"]
    led.close()
    store.close()
