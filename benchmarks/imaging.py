"""Benchmark of ``marrowpath.imaging.measure`` on a 512 x 512 x 40 int16 phantom.

Goals (issue 8): quantification <= 1 s, <= 3 s end to end from DICOM, peak memory < 500 MB on
the 2-core machine. The floor is one plain numpy pass over the same volume in the same run.

    .venv/bin/python benchmarks/imaging.py            # prints a Markdown table

The end-to-end run happens in a fresh child process, so its peak resident memory
(``VmHWM``) is that of reading the DICOM series, the NIfTI labels and measuring, plus the
interpreter and imports, and nothing of the phantom generation.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

SHAPE = (40, 512, 512)
SPACING = (3.0, 0.3, 0.3)
REPEATS = 5


def _peak_rss_kb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would include the parent's
    memory at fork time on Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _unshadow_stdlib() -> None:
    """Drop this script's folder from sys.path: a sibling benchmark named like a standard
    module (``benchmarks/http.py``) would shadow it for pydicom and nibabel."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]


def _child(folder: str) -> None:
    """Time reading + measuring in this fresh process; print JSON."""
    _unshadow_stdlib()
    start = time.perf_counter()
    from marrowpath.imaging import analyse

    imported = time.perf_counter()
    d = Path(folder)
    a = analyse(d / "fluid", d / "labels.nii.gz", labels=d / "labels.json")
    done = time.perf_counter()
    rss_kb = _peak_rss_kb()
    print(
        json.dumps(
            {
                "import_s": imported - start,
                "read_and_measure_s": done - imported,
                "edema_ml": a.measurement.edema_volume_ml,
                "peak_rss_mb": rss_kb / 1024.0,
            }
        )
    )


def main() -> None:
    _unshadow_stdlib()
    from marrowpath.imaging import analyse, make_phantom, write_dicom_series, write_nifti

    t0 = time.perf_counter()
    p = make_phantom(
        "knee",
        shape=SHAPE,
        spacing=SPACING,
        snr=15,
        bias=0.1,
        seed=1,
        fill=("femur_medial_central", 0.5),
    )
    gen_s = time.perf_counter() - t0
    vol = p.fluid.data
    assert vol.dtype == np.int16
    assert vol.shape == SHAPE

    # Floor: one plain numpy pass (threshold and count) over the int16 volume.
    floor = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        int((vol > 200).sum())
        floor.append(time.perf_counter() - t)

    # Quantification on the in-memory volume (images already decoded).
    runs = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        a = analyse(p.fluid, p.labels, labels=p.label_map)
        runs.append(time.perf_counter() - t)
    tracemalloc.start()
    analyse(p.fluid, p.labels, labels=p.label_map)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    m = a.measurement
    err = (m.edema_volume_ml - p.truth_volume_ml) / p.truth_volume_ml

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t = time.perf_counter()
        write_dicom_series(p.fluid, d / "fluid")
        write_s = time.perf_counter() - t
        write_nifti(p.labels, d / "labels.nii.gz")
        (d / "labels.json").write_text(
            json.dumps({str(k): v.model_dump() for k, v in p.label_map.labels.items()})
        )
        children = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, __file__, "--child", tmp], capture_output=True, text=True
            )
            if out.returncode != 0:
                raise SystemExit(f"end-to-end child failed:\n{out.stderr}")

            children.append(json.loads(out.stdout))
    e2e = statistics.median(c["read_and_measure_s"] for c in children)
    rss = max(c["peak_rss_mb"] for c in children)
    imp = statistics.median(c["import_s"] for c in children)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}, numpy {np.__version__}"
    )
    print(
        f"volume: {SHAPE[2]}x{SHAPE[1]}x{SHAPE[0]} int16 ({vol.nbytes / 2**20:.0f} MiB), "
        f"spacing {SPACING} mm; analysed box around the labels {a.edema_box.shape}"
    )
    print(f"phantom generation {gen_s:.1f} s, DICOM write {write_s:.2f} s (not part of the goals)")
    print()
    print("| measure | result | goal |")
    print("|---|---|---|")
    print(
        f"| one numpy pass over the volume (floor), median of {REPEATS} | "
        f"{statistics.median(floor) * 1000:.1f} ms | - |"
    )
    print(
        f"| quantification in memory, median of {REPEATS} (min {min(runs):.2f} s) | "
        f"{statistics.median(runs):.2f} s | <= 1 s |"
    )
    print(
        f"| end to end from DICOM (read 40 slices + NIfTI labels + measure), median of 3 fresh "
        f"processes | {e2e:.2f} s | <= 3 s |"
    )
    print(f"| import of marrowpath.imaging in a fresh process | {imp:.2f} s | - |")
    print(f"| peak resident memory of the end-to-end process | {rss:.0f} MB | < 500 MB |")
    print(
        f"| peak traced numpy/Python allocations during quantification | "
        f"{traced_peak / 2**20:.0f} MiB | - |"
    )
    print(
        f"| edema volume vs truth | {m.edema_volume_ml:.2f} vs {p.truth_volume_ml:.2f} mL "
        f"({err:+.1%}) | <= 10 % |"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        main()
