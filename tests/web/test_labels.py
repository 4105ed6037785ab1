"""Labels: every key a template uses exists in both languages; number and date formats."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest

from marrowpath.web.config import WebConfig
from marrowpath.web.labels import LABELS, label, number, percent, short_date


def template_keys() -> set[str]:
    folder = resources.files("marrowpath.web").joinpath("templates")
    keys: set[str] = set()
    for item in folder.iterdir():
        if item.name.endswith(".html"):
            keys |= set(
                re.findall(r"\bt\('([a-z_0-9-]+)'\s*[,)]", item.read_text(encoding="utf-8"))
            )
    return keys


class TestLabels:
    """The UI wording."""

    def test_every_template_key_exists(self) -> None:
        """A key used by a template resolves in English and German."""
        for key in template_keys():
            assert label(key, "en")
            assert label(key, "de")

    def test_both_languages_filled(self) -> None:
        """No empty label; German differs from English except for shared words."""
        same = {k for k, (en, de) in LABELS.items() if en == de}
        assert all(en and de for en, de in LABELS.values())
        assert len(same) < 15

    def test_shared_labels_fall_back(self) -> None:
        """Keys of the shared table are found too; unknown keys are a KeyError."""
        assert label("red_flags", "de") == "Warnzeichen (Red Flags)"
        with pytest.raises(KeyError):
            label("no_such_label", "en")

    def test_formats(self) -> None:
        """Decimal comma in German, tiny probabilities, dates per language."""
        assert number(1.8, "de") == "1,8"
        assert number(0.25, "en") == "0.25"
        assert percent(0.5471, "de") == "54,7 %"
        assert percent(0.0001, "en") == "< 0.1 %"
        assert short_date(dt.date(2026, 1, 5), "de") == "05.01.2026"
        assert short_date(dt.date(2026, 1, 5), "en") == "5 Jan 2026"


class TestConfig:
    """Reading the service settings."""

    def test_defaults_without_settings(self) -> None:
        """No settings: local mode on the store's default database."""
        assert WebConfig.from_settings(None) == WebConfig()

    def test_reads_known_attributes(self) -> None:
        """Known attributes are read; HTTPS public URLs make cookies secure."""

        class Settings:
            local_mode = False
            database_url = "sqlite:///x.sqlite"
            public_base_url = "https://mp.example.org"
            session_ttl_hours = 8

        config = WebConfig.from_settings(Settings())
        assert config == WebConfig(
            local_mode=False,
            database_url="sqlite:///x.sqlite",
            session_ttl_hours=8.0,
            secure_cookies=True,
        )
