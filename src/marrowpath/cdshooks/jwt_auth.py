"""Verification of the JWT a CDS client (the EHR) sends with every hook call.

CDS Hooks 2.0, "Trusting CDS Clients": ``alg`` ES384 or RS384 only (never ``none`` or HMAC),
``kid`` required and found in the issuer's allow-listed JWK Set (a local file; ``jku`` is never
fetched), ``iss`` allow-listed, ``aud`` the exact URL of the endpoint, ``exp``/``iat``/``jti``
required, ``exp`` no further than an hour ahead (so the replay register stays short). Keys are
parsed once at start; a verification is one signature check. The ``jti`` register is the
database (:func:`marrowpath.store.tokens.claim_jti`), shared by all workers.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jwt
from pydantic import BaseModel, ConfigDict

from marrowpath.errors import InputError

__all__ = ["ALGORITHMS", "JwtClaims", "JwtError", "JwtVerifier", "load_jwks"]

ALGORITHMS = ("ES384", "RS384")
MAX_LIFETIME_SECONDS = 3600
_KEY_ALG = {"EC": "ES384", "RSA": "RS384"}


class JwtError(Exception):
    """A token that is refused; ``reason`` is for the log only (the client sees a bare 401)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class JwtClaims(BaseModel):
    """The claims MarrowPath uses from a verified token (never the token itself)."""

    model_config = ConfigDict(frozen=True)

    iss: str
    jti: str
    exp: dt.datetime
    """Naive UTC, as the store keeps times."""
    sub: str | None = None
    tenant: str | None = None


def load_jwks(path: Path, issuer: str) -> dict[str, tuple[Any, str]]:
    """kid -> (public key object, algorithm) of a JWK Set file; only ES384/RS384 keys.

    Raises:
        InputError: the file is not a JWK Set with at least one usable key (names the file).
    """
    field = "MARROWPATH_CDS_TRUSTED_ISSUERS"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{field}: JWKS file {str(path)!r} of issuer {issuer!r} is not readable JSON ({exc})"
        raise InputError(msg, field=field) from None
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, list):
        msg = f"{field}: JWKS file {str(path)!r} of issuer {issuer!r} has no 'keys' list"
        raise InputError(msg, field=field)
    out: dict[str, tuple[Any, str]] = {}
    for k in keys:
        if not isinstance(k, dict) or not isinstance(k.get("kid"), str):
            continue
        alg = k.get("alg") or _KEY_ALG.get(str(k.get("kty")))
        if alg not in ALGORITHMS or k.get("use", "sig") != "sig":
            continue
        if alg == "ES384" and k.get("crv") != "P-384":
            continue
        try:
            key = jwt.PyJWK(k, algorithm=alg).key
        except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
            continue
        out[k["kid"]] = (key, alg)
    if not out:
        msg = (
            f"{field}: JWKS file {str(path)!r} of issuer {issuer!r} has no ES384 (P-384) or "
            "RS384 signing key with a kid"
        )
        raise InputError(msg, field=field)
    return out


def _segment(token: str, index: int) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        raise JwtError("malformed: not three segments")
    raw = parts[index]
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise JwtError("malformed: segment is not base64url JSON") from None
    if not isinstance(data, dict):
        raise JwtError("malformed: segment is not a JSON object")
    return data


class JwtVerifier:
    """Verifies CDS client JWTs against the allow-listed issuers and their keys."""

    def __init__(
        self,
        issuers: Mapping[str, Path],
        *,
        leeway: int = 30,
        max_lifetime: int = MAX_LIFETIME_SECONDS,
    ) -> None:
        self.keys = {iss: load_jwks(path, iss) for iss, path in issuers.items()}
        self.leeway = leeway
        self.max_lifetime = max_lifetime

    def verify(self, token: str, audiences: Sequence[str]) -> JwtClaims:
        """The claims of a valid token for one of ``audiences``.

        Raises:
            JwtError: anything wrong; ``reason`` says what (for the log).
        """
        if not token or len(token) > 16_384:
            raise JwtError("malformed: empty or too long")
        header = _segment(token, 0)
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise JwtError(f"algorithm {alg!r} not allowed (ES384, RS384 only)")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise JwtError("kid missing")
        if "typ" in header and header["typ"] != "JWT":
            raise JwtError("typ is not JWT")
        unverified = _segment(token, 1)
        iss = unverified.get("iss")
        if not isinstance(iss, str) or iss not in self.keys:
            raise JwtError("issuer not trusted")
        entry = self.keys[iss].get(kid)
        if entry is None:
            raise JwtError("kid unknown for this issuer")
        key, key_alg = entry
        if key_alg != alg:
            raise JwtError("algorithm does not match the key")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=list(audiences),
                issuer=iss,
                leeway=self.leeway,
                options={"require": ["iss", "aud", "exp", "iat", "jti"]},
            )
        except jwt.ExpiredSignatureError:
            raise JwtError("expired") from None
        except jwt.InvalidAudienceError:
            raise JwtError("audience does not match the endpoint") from None
        except jwt.InvalidSignatureError:
            raise JwtError("signature does not verify") from None
        except jwt.MissingRequiredClaimError as exc:
            raise JwtError(f"claim {exc.claim} missing") from None
        except jwt.ImmatureSignatureError:
            raise JwtError("issued in the future") from None
        except jwt.InvalidTokenError as exc:
            raise JwtError(f"invalid: {type(exc).__name__}") from None
        exp = claims["exp"]
        if not isinstance(exp, int | float) or exp > time.time() + self.max_lifetime + self.leeway:
            raise JwtError("exp too far ahead (at most one hour)")
        jti = claims["jti"]
        if not isinstance(jti, str) or not jti or len(jti) > 256:
            raise JwtError("jti is not a string of 1-256 characters")
        sub = claims.get("sub")
        tenant = claims.get("tenant")
        return JwtClaims(
            iss=iss,
            jti=jti,
            exp=dt.datetime.fromtimestamp(exp, dt.UTC).replace(tzinfo=None),
            sub=sub if isinstance(sub, str) else None,
            tenant=tenant if isinstance(tenant, str) else None,
        )
