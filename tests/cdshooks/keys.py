"""Test keys and JWTs of a CDS client (EHR): ES384 and RS384 key pairs, JWKS files, tokens."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

ISSUER = "https://ehr.example.org"
EC_KID = "ehr-es384"
RSA_KID = "ehr-rs384"


class Client:
    """An EHR with an ES384 and an RS384 key; writes its JWKS and signs tokens."""

    def __init__(self, issuer: str = ISSUER) -> None:
        self.issuer = issuer
        self.ec = ec.generate_private_key(ec.SECP384R1())
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict[str, Any]:
        e = json.loads(ECAlgorithm.to_jwk(self.ec.public_key()))
        e.update({"kid": EC_KID, "alg": "ES384", "use": "sig"})
        r = json.loads(RSAAlgorithm.to_jwk(self.rsa.public_key()))
        r.update({"kid": RSA_KID, "alg": "RS384", "use": "sig"})
        return {"keys": [e, r]}

    def write_jwks(self, folder: Path) -> Path:
        path = folder / f"jwks-{uuid.uuid4().hex[:8]}.json"
        path.write_text(json.dumps(self.jwks()), encoding="utf-8")
        return path

    def token(
        self,
        aud: str,
        *,
        alg: str = "ES384",
        kid: str | None = EC_KID,
        claims: dict[str, Any] | None = None,
        drop: tuple[str, ...] = (),
        headers: dict[str, Any] | None = None,
    ) -> str:
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": aud,
            "exp": now + 300,
            "iat": now,
            "jti": str(uuid.uuid4()),
        }
        payload.update(claims or {})
        for k in drop:
            payload.pop(k, None)
        head: dict[str, Any] = {"typ": "JWT"}
        if kid is not None:
            head["kid"] = kid
        head.update(headers or {})
        if alg == "ES384":
            key: Any = self.ec
        elif alg == "RS384":
            key = self.rsa
            if kid == EC_KID:
                head["kid"] = RSA_KID
        else:
            key = self.rsa
        return jwt.encode(payload, key, algorithm=alg, headers=head)
