"""CDS Hooks 2.0: discovery, patient-view, order-select, order-sign and feedback.

Cards are built from texts prepared at start; the client's JWT (ES384/RS384, allow-listed
issuers) is verified with cached keys, and its ``jti`` is registered in the store so that a
replay is refused by every worker.
"""

from __future__ import annotations

from marrowpath.cdshooks.hooks import CdsService, ReplayError
from marrowpath.cdshooks.jwt_auth import JwtClaims, JwtError, JwtVerifier
from marrowpath.cdshooks.router import create_cds_router
from marrowpath.cdshooks.services import SERVICES, discovery

__all__ = [
    "SERVICES",
    "CdsService",
    "JwtClaims",
    "JwtError",
    "JwtVerifier",
    "ReplayError",
    "create_cds_router",
    "discovery",
]
