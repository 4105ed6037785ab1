"""The batch reader on Dask (distributed), on a LocalCluster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marrowpath.nlp.batch import run_batch
from marrowpath.nlp.distributed import read_texts_dask


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


class TestDask:
    """Same results as on one machine."""

    def test_read_texts(self, client: Any) -> None:
        """(id, text) pairs read on the cluster, bad ones with a reason."""
        out = read_texts_dask([("a", "Bone bruise of the talus."), ("b", "")], client, chunk_size=1)
        assert out[0][0] == "a"
        assert out[0][1] is not None
        assert out[0][1]["edema"][0]["bone"] == "talus"
        assert out[1] == ("b", None, "empty report")

    def test_run_batch_on_dask(self, client: Any, tmp_path: Path) -> None:
        """run_batch with a Dask client writes the same JSONL."""
        src = tmp_path / "r.jsonl"
        src.write_text(
            "".join(
                json.dumps({"id": str(i), "text": "Kein Knochenmarködem."}) + "\n" for i in range(5)
            ),
            encoding="utf-8",
        )
        out = tmp_path / "out.jsonl"
        summary = run_batch(src, out, "jsonl", chunk_size=2, dask_client=client)
        assert summary.read == 5
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in rows] == ["0", "1", "2", "3", "4"]
        assert rows[0]["edema"][0]["status"] == "negated"
