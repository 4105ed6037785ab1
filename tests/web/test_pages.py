"""Every page renders in English and German with the disclaimer, language switch and lang."""

from __future__ import annotations

import re

import pytest

from marrowpath.knowledge import load_knowledge
from tests.web.conftest import UI

DISCLAIMER = {lang: getattr(load_knowledge().meta.disclaimer, lang) for lang in ("en", "de")}
PAGES = [
    "/ui/",
    "/ui/cases/new",
    "/ui/knowledge",
    "/ui/knowledge/findings",
    "/ui/knowledge/sources",
    "/ui/knowledge/conditions/transient_osteoporosis",
    "/ui/episodes/{id}/assessment",
    "/ui/episodes/{id}/plan",
    "/ui/episodes/{id}",
]
HEADINGS = {
    "/ui/episodes/{id}/assessment": ("Differential diagnosis", "Differenzialdiagnose"),
    "/ui/episodes/{id}/plan": ("Phases", "Phasen"),
    "/ui/episodes/{id}": ("Add a visit", "Besuch erfassen"),
    "/ui/cases/new": ("Read report into the form", "Befund in das Formular übernehmen"),
}


class TestEveryPage:
    """Each page in each language."""

    @pytest.mark.parametrize("lang", ["en", "de"])
    @pytest.mark.parametrize("path", PAGES)
    def test_renders_with_disclaimer_and_switch(self, ui: UI, path: str, lang: str) -> None:
        """200, <html lang>, the disclaimer, a link to the other language, lang in links."""
        url = path.format(id=ui.new_episode()) if "{id}" in path else path
        r = ui.client.get(f"{url}?lang={lang}")
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert f'<html lang="{lang}">' in r.text
        assert DISCLAIMER[lang] in r.text
        other = "de" if lang == "en" else "en"
        assert f'hreflang="{other}"' in r.text
        assert f"lang={other}" in r.text
        hrefs = re.findall(r'href="(/ui/[^"#]*)', r.text)
        assert hrefs
        assert all(
            f"lang={lang}" in h or h.startswith("/ui/static/") or "lang=" in h for h in hrefs
        )
        if path in HEADINGS:
            assert HEADINGS[path][lang == "de"] in r.text

    def test_security_headers(self, ui: UI) -> None:
        """Pages forbid framing and inline scripts and are not cached."""
        r = ui.client.get("/ui/?lang=en")
        assert r.headers["x-frame-options"] == "DENY"
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["cache-control"] == "no-store"

    def test_links_keep_the_page_language(self, ui: UI) -> None:
        """Every link of a German page (except the switch) stays in German."""
        r = ui.client.get("/ui/knowledge?lang=de")
        hrefs = re.findall(r'href="(/ui/[^"]*)"', r.text)
        others = [h for h in hrefs if "lang=en" in h]
        assert others == ["/ui/knowledge?lang=en"]


class TestErrors:
    """Unknown things get an error page in the page language, never a 500."""

    def test_unknown_episode(self, ui: UI) -> None:
        """A well-formed unknown id is a 404 naming it."""
        r = ui.client.get("/ui/episodes/00000000-0000-0000-0000-000000000000?lang=de")
        assert r.status_code == 404
        assert "Nicht gefunden" in r.text
        assert DISCLAIMER["de"] in r.text

    def test_malformed_episode_id(self, ui: UI) -> None:
        """An over-long id is refused with the store's message."""
        r = ui.client.get(f"/ui/episodes/{'x' * 40}/plan?lang=en")
        assert r.status_code == 400
        assert f"episode: {'x' * 40!r} is not an episode id".replace("'", "&#39;") in r.text

    def test_unknown_condition(self, ui: UI) -> None:
        """The knowledge page of an unknown condition is a 404."""
        r = ui.client.get("/ui/knowledge/conditions/nothing?lang=en")
        assert r.status_code == 404
        assert "condition &#39;nothing&#39; does not exist." in r.text

    def test_unknown_static_file(self, ui: UI) -> None:
        """Only shipped static files are served."""
        r = ui.client.get("/ui/static/..%2Fcontext.py")
        assert r.status_code == 404

    def test_stylesheet(self, ui: UI) -> None:
        """The stylesheet is served with its type and a cache lifetime."""
        r = ui.client.get("/ui/static/marrowpath.css")
        assert r.status_code == 200
        assert r.headers["content-type"] == "text/css; charset=utf-8"
        assert r.headers["cache-control"] == "public, max-age=3600"


class TestHome:
    """The episode list."""

    def test_lists_episodes(self, ui: UI) -> None:
        """A new episode appears with its patient and condition."""
        empty = ui.client.get("/ui/?lang=en")
        assert "No episodes yet" in empty.text
        episode = ui.new_episode()
        r = ui.client.get("/ui/?lang=de")
        assert "P-0042" in r.text
        assert f"/ui/episodes/{episode}/assessment?lang=de" in r.text
        assert "Transiente Osteoporose" in r.text
