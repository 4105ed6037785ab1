"""marrowpath serve starts uvicorn on the given port and answers health (a real process)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_health(tmp_path: Path) -> None:
    """Defaults to 127.0.0.1, prints the UI URL, serves /health, redirects / to /ui/."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MARROWPATH_")},
        "MARROWPATH_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite'}",
    }
    cmd = [sys.executable, "-c", "from marrowpath.cli import main; main()", "serve"]
    cmd += ["--port", str(port)]
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        body = b""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    body = r.read()
                    break
            except OSError:
                time.sleep(0.2)
        assert body == b'{"status":"ok"}'
        opener = urllib.request.build_opener(NoRedirect())
        with pytest.raises(urllib.error.HTTPError) as err:
            opener.open(f"http://127.0.0.1:{port}/", timeout=5)
        err.value.close()
        assert err.value.code == 307
        assert err.value.headers["location"] == "/ui/"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"MarrowPath web UI: http://localhost:{port}/ui/" in out


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
