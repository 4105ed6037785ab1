"""Writer process of the crash test: adds visits one transaction each, reporting each commit.

Run as ``python -m tests.store.crash_writer URL EPISODE_ID COUNT``; the test kills it with
SIGKILL part-way through.
"""

from __future__ import annotations

import datetime as dt
import sys

from marrowpath.store import add_visit, get_episode, open_store


def main(url: str, episode_id: str, count: int) -> None:
    store = open_store(url)
    version = get_episode(store, episode_id, actor="crash").version
    start = dt.date(2026, 1, 5)
    for i in range(count):
        added = add_visit(
            store,
            episode_id,
            {
                "date": start + dt.timedelta(days=i),
                "pain_rest": i % 11,
                "pain_load": (i * 7) % 11,
                "weight_bearing": "partial_weight_bearing",
                "function_notes": f"visit {i} " + "x" * 2000,
            },
            actor="crash",
            expected_version=version,
        )
        version = added.episode.version
        print(i, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
