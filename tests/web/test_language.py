"""Language negotiation: ?lang=, then the cookie, then Accept-Language, else English."""

from __future__ import annotations

import pytest

from marrowpath.web.language import from_accept_language, negotiate
from tests.web.conftest import UI


class TestAcceptLanguage:
    """The browser's preference."""

    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("de-DE,de;q=0.9,en;q=0.8", "de"),
            ("en-GB, de;q=0.5", "en"),
            ("fr-CH, de;q=0.8, en;q=0.5", "de"),
            ("fr, it", None),
            ("", None),
            ("de;q=0, en;q=0.1", "en"),
            ("de;q=abc, en;q=0.2", "en"),
            ("EN;q=0.3, De;q=0.3", "en"),
        ],
    )
    def test_prefers_the_highest_q(self, header: str, expected: str | None) -> None:
        """The supported language with the highest q (first on ties), or None."""
        assert from_accept_language(header) == expected

    def test_order(self) -> None:
        """A valid query wins over the cookie, the cookie over the header."""
        assert negotiate({"lang": "de"}, {"mp_lang": "en"}, "en") == "de"
        assert negotiate({"lang": "fr"}, {"mp_lang": "de"}, "en") == "de"
        assert negotiate({}, {"mp_lang": "xx"}, "de-AT") == "de"
        assert negotiate({}, {}, "") == "en"


class TestPages:
    """Negotiation as a browser sees it."""

    def test_header_decides_without_query(self, ui: UI) -> None:
        """A German browser gets German pages."""
        r = ui.client.get("/ui/knowledge", headers={"Accept-Language": "de-DE,de;q=0.9"})
        assert '<html lang="de">' in r.text
        assert "Wissensbasis" in r.text

    def test_switch_is_remembered(self, ui: UI) -> None:
        """After ?lang=de the cookie keeps German on pages without the parameter."""
        ui.client.get("/ui/?lang=de")
        r = ui.client.get("/ui/knowledge", headers={"Accept-Language": "en"})
        assert '<html lang="de">' in r.text

    def test_switch_link_keeps_the_query(self, ui: UI) -> None:
        """The switch link of a page with a query keeps it and changes only lang."""
        r = ui.client.get("/ui/episodes/x/visits?saved=1&lang=en", follow_redirects=False)
        assert r.status_code == 303
        page = ui.client.get("/ui/knowledge/findings?lang=en")
        assert 'href="/ui/knowledge/findings?lang=de"' in page.text
