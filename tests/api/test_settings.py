"""Settings: every MARROWPATH_* variable, checked at start with a message naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marrowpath.api.settings import ENV_VARS, Settings, SettingsError


class TestDefaults:
    """Defaults without any variable."""

    def test_defaults(self) -> None:
        """127.0.0.1:8000, one worker, local mode, nothing open but health."""
        s = Settings.from_env({})
        assert (s.host, s.port, s.workers, s.local_mode) == ("127.0.0.1", 8000, 1, True)
        assert s.cors_origins == ()
        assert s.public_docs is False
        assert s.cds_trusted_issuers == {}
        assert s.database_url is None

    def test_local_off_for_other_hosts(self) -> None:
        """Listening beyond loopback turns local single-user mode off by default."""
        assert Settings.from_env({"MARROWPATH_HOST": "0.0.0.0"}).local_mode is False

    def test_every_field_has_a_variable(self) -> None:
        """Each setting is documented as a variable."""
        names = {f"MARROWPATH_{n.upper()}" for n in Settings.model_fields}
        names.discard("MARROWPATH_LOCAL_MODE")
        names.add("MARROWPATH_LOCAL")
        assert names == set(ENV_VARS)

    def test_values(self, tmp_path: Path) -> None:
        """Values are parsed: numbers, booleans, origins, issuers."""
        jwks = tmp_path / "jwks.json"
        jwks.write_text("{}")
        s = Settings.from_env(
            {
                "MARROWPATH_PORT": "9000",
                "MARROWPATH_LOCAL": "no",
                "MARROWPATH_CORS_ORIGINS": "https://ehr.example.org, http://localhost:3000/",
                "MARROWPATH_CDS_TRUSTED_ISSUERS": json.dumps({"https://ehr": str(jwks)}),
                "MARROWPATH_PUBLIC_BASE_URL": "https://cds.example.org/mp/",
            }
        )
        assert s.port == 9000
        assert s.local_mode is False
        assert s.cors_origins == ("https://ehr.example.org", "http://localhost:3000")
        assert s.cds_trusted_issuers == {"https://ehr": jwks}
        assert s.public_base_url == "https://cds.example.org/mp"


class TestBadValues:
    """A bad value stops the start with a message naming the variable."""

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            (
                "MARROWPATH_PORT",
                "http",
                "MARROWPATH_PORT: 'http' is not an integer from 1 to 65535",
            ),
            ("MARROWPATH_PORT", "0", "MARROWPATH_PORT: '0' is not an integer from 1 to 65535"),
            (
                "MARROWPATH_WORKERS",
                "-2",
                "MARROWPATH_WORKERS: '-2' is not an integer from 1 to 256",
            ),
            ("MARROWPATH_LOCAL", "maybe", "MARROWPATH_LOCAL: 'maybe' is not true or false"),
            ("MARROWPATH_LANG", "fr", "MARROWPATH_LANG: 'fr' is not one of en, de"),
            (
                "MARROWPATH_PUBLIC_BASE_URL",
                "ftp://x",
                "MARROWPATH_PUBLIC_BASE_URL: 'ftp://x' is not an http(s) URL without query "
                "or fragment",
            ),
            (
                "MARROWPATH_CDS_TRUSTED_ISSUERS",
                "[1]",
                "MARROWPATH_CDS_TRUSTED_ISSUERS: '[1]' is not a JSON object from issuer to "
                "JWKS file path",
            ),
            (
                "MARROWPATH_CORS_ORIGINS",
                "ehr.example.org",
                "MARROWPATH_CORS_ORIGINS: 'ehr.example.org' is not an origin like "
                "https://ehr.example.org",
            ),
            (
                "MARROWPATH_TOKEN_CACHE_SECONDS",
                "soon",
                "MARROWPATH_TOKEN_CACHE_SECONDS: 'soon' is not a number of seconds from 0 to 3600",
            ),
        ],
    )
    def test_message(self, name: str, value: str, message: str) -> None:
        """The exact message, with the variable as the error's field."""
        with pytest.raises(SettingsError) as err:
            Settings.from_env({name: value})
        assert str(err.value) == message
        assert err.value.field == name

    def test_missing_jwks_file(self, tmp_path: Path) -> None:
        """An issuer whose JWKS file does not exist."""
        raw = json.dumps({"https://ehr": str(tmp_path / "nope.json")})
        with pytest.raises(SettingsError) as err:
            Settings.from_env({"MARROWPATH_CDS_TRUSTED_ISSUERS": raw})
        assert str(err.value) == (
            f"MARROWPATH_CDS_TRUSTED_ISSUERS: JWKS file {str(tmp_path / 'nope.json')!r} of "
            "issuer 'https://ehr' does not exist"
        )
