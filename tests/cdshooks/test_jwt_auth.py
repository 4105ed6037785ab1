"""The CDS client's JWT: one test for each way a token can be wrong, and the right ones."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from marrowpath.cdshooks.jwt_auth import JwtError, JwtVerifier, load_jwks
from marrowpath.errors import InputError
from tests.api.helpers import TestClient
from tests.cdshooks.conftest import BASE, Call, hook_body, prefetch
from tests.cdshooks.keys import EC_KID, ISSUER, RSA_KID, Client

AUD = f"{BASE}/cds-services/marrowpath-patient-view"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(**extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"iss": ISSUER, "aud": AUD, "iat": now, "exp": now + 300, "jti": "j-1", **extra}


@pytest.fixture
def verifier(ehr: Client, tmp_path: Path) -> JwtVerifier:
    return JwtVerifier({ehr.issuer: ehr.write_jwks(tmp_path)})


_MADE: dict[int, dict[str, tuple[str, str]]] = {}


def wrong_tokens(ehr: Client) -> dict[str, tuple[str, str]]:
    """name -> (token, reason the verifier gives); made once per EHR client."""
    if id(ehr) not in _MADE:
        _MADE[id(ehr)] = _make_wrong(ehr)
    return _MADE[id(ehr)]


def _make_wrong(ehr: Client) -> dict[str, tuple[str, str]]:
    valid = ehr.token(AUD)
    head, _body, sig = valid.split(".")
    other = Client()
    p256 = ec.generate_private_key(ec.SECP256R1())
    tampered = ".".join([head, _b64({**_claims(), "aud": AUD, "sub": "someone-else"}), sig])
    return {
        "alg none": (
            _b64({"alg": "none", "typ": "JWT", "kid": EC_KID}) + "." + _b64(_claims()) + ".",
            "algorithm 'none' not allowed (ES384, RS384 only)",
        ),
        "HS384 (symmetric)": (
            pyjwt.encode(
                _claims(),
                "shared-secret-long-enough-for-hs384-0123456789abcdef",
                algorithm="HS384",
                headers={"kid": EC_KID},
            ),
            "algorithm 'HS384' not allowed (ES384, RS384 only)",
        ),
        "ES256": (
            pyjwt.encode(_claims(), p256, algorithm="ES256", headers={"kid": EC_KID}),
            "algorithm 'ES256' not allowed (ES384, RS384 only)",
        ),
        "no kid": (ehr.token(AUD, kid=None), "kid missing"),
        "unknown kid": (ehr.token(AUD, kid="other-key"), "kid unknown for this issuer"),
        "typ not JWT": (ehr.token(AUD, headers={"typ": "at+jwt"}), "typ is not JWT"),
        "untrusted issuer": (
            other.token(AUD) if False else Client("https://evil.example").token(AUD),
            "issuer not trusted",
        ),
        "wrong key (same kid)": (other.token(AUD), "signature does not verify"),
        "tampered payload": (tampered, "signature does not verify"),
        "RS384 signed, EC kid": (
            pyjwt.encode(_claims(), ehr.rsa, algorithm="RS384", headers={"kid": EC_KID}),
            "algorithm does not match the key",
        ),
        "aud of another service": (
            ehr.token(f"{BASE}/cds-services/marrowpath-order-sign"),
            "audience does not match the endpoint",
        ),
        "aud of another host": (
            ehr.token("https://elsewhere.example/cds-services/marrowpath-patient-view"),
            "audience does not match the endpoint",
        ),
        "expired": (
            ehr.token(AUD, claims={"exp": int(time.time()) - 120, "iat": int(time.time()) - 400}),
            "expired",
        ),
        "exp too far ahead": (
            ehr.token(AUD, claims={"exp": int(time.time()) + 7200}),
            "exp too far ahead (at most one hour)",
        ),
        "issued in the future": (
            ehr.token(AUD, claims={"iat": int(time.time()) + 600}),
            "issued in the future",
        ),
        "no exp": (ehr.token(AUD, drop=("exp",)), "claim exp missing"),
        "no iat": (ehr.token(AUD, drop=("iat",)), "claim iat missing"),
        "no jti": (ehr.token(AUD, drop=("jti",)), "claim jti missing"),
        "no aud": (ehr.token(AUD, drop=("aud",)), "claim aud missing"),
        "jti not a string": (
            ehr.token(AUD, claims={"jti": 42}),
            "invalid: InvalidJTIError",
        ),
        "garbage": ("not.a.jwt", "malformed: segment is not base64url JSON"),
        "two segments": ("abc.def", "malformed: not three segments"),
    }


WRONG = [
    "alg none", "HS384 (symmetric)", "ES256", "no kid", "unknown kid", "typ not JWT",
    "untrusted issuer", "wrong key (same kid)", "tampered payload", "RS384 signed, EC kid",
    "aud of another service", "aud of another host", "expired", "exp too far ahead",
    "issued in the future", "no exp", "no iat", "no jti", "no aud", "jti not a string",
    "garbage", "two segments",
]  # fmt: skip


class TestVerifier:
    """The verifier's reasons (for the log; the client sees a bare 401)."""

    @pytest.mark.parametrize("name", WRONG)
    def test_refused(self, name: str, ehr: Client, verifier: JwtVerifier) -> None:
        """Each wrong token is refused with its reason."""
        token, reason = wrong_tokens(ehr)[name]
        with pytest.raises(JwtError) as err:
            verifier.verify(token, [AUD])
        assert err.value.reason == reason

    @pytest.mark.parametrize(("alg", "kid"), [("ES384", EC_KID), ("RS384", RSA_KID)])
    def test_accepted(self, alg: str, kid: str, ehr: Client, verifier: JwtVerifier) -> None:
        """ES384 and RS384 tokens verify; the claims come back without the token."""
        claims = verifier.verify(ehr.token(AUD, alg=alg, kid=kid, claims={"tenant": "t1"}), [AUD])
        assert claims.iss == ISSUER
        assert claims.tenant == "t1"
        assert claims.jti

    def test_jku_is_never_fetched(self, ehr: Client, verifier: JwtVerifier) -> None:
        """A jku header changes nothing: keys come only from the configured file."""
        token = ehr.token(AUD, headers={"jku": "https://evil.example/jwks.json"})
        assert verifier.verify(token, [AUD]).iss == ISSUER


class TestJwks:
    """Loading the allow-listed key sets."""

    def test_no_usable_key(self, tmp_path: Path) -> None:
        """A set with only an HMAC key is refused, naming the file and issuer."""
        path = tmp_path / "k.json"
        path.write_text(json.dumps({"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]}))
        with pytest.raises(InputError) as err:
            load_jwks(path, "https://ehr")
        assert str(err.value) == (
            f"MARROWPATH_CDS_TRUSTED_ISSUERS: JWKS file {str(path)!r} of issuer 'https://ehr' "
            "has no ES384 (P-384) or RS384 signing key with a kid"
        )

    def test_not_json(self, tmp_path: Path) -> None:
        """A broken file names the variable."""
        path = tmp_path / "k.json"
        path.write_text("{")
        with pytest.raises(InputError) as err:
            load_jwks(path, "https://ehr")
        assert err.value.field == "MARROWPATH_CDS_TRUSTED_ISSUERS"


class TestOverHttp:
    """The endpoint answers every wrong token with the same bare 401."""

    @pytest.mark.parametrize("name", WRONG)
    def test_bare_401(self, name: str, ehr: Client, call: Call) -> None:
        """Same body whatever failed; nothing about the token."""
        token, _ = wrong_tokens(ehr)[name]
        r = call(
            "marrowpath-patient-view", hook_body("patient-view", prefetch=prefetch()), jwt=token
        )
        assert r.status_code == 401
        assert r.json() == {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": "login",
                    "diagnostics": "unauthorized",
                    "expression": ["Authorization"],
                }
            ],
        }

    def test_missing_header(self, cds: TestClient) -> None:
        """No Authorization header at all."""
        r = cds.post("/cds-services/marrowpath-patient-view", json=hook_body("patient-view"))
        assert r.status_code == 401

    def test_replay_refused(self, ehr: Client, call: Call) -> None:
        """The same jti twice: the second call is 401."""
        token = ehr.token(AUD)
        body = hook_body("patient-view", prefetch=prefetch())
        assert call("marrowpath-patient-view", body, jwt=token).status_code == 200
        assert call("marrowpath-patient-view", body, jwt=token).status_code == 401

    def test_refused_before_the_body(self, cds: TestClient) -> None:
        """A bad body with no token is 401, not 422."""
        r = cds.post("/cds-services/marrowpath-patient-view", content=b"{oops")
        assert r.status_code == 401
