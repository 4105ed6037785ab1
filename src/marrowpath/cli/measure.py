"""``marrowpath measure`` and ``marrowpath measure-compare``: edema volume from MRI.

A thin adapter over ``marrowpath.imaging``: it reads the files, calls ``analyse`` and prints
text, JSON or a FHIR Observation; bad input is one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from marrowpath.cli._errors import fail, reported_errors
from marrowpath.errors import ImagingError, InputError
from marrowpath.imaging import (
    EdemaParameters,
    Measurement,
    analyse,
    compare,
    observation,
    write_overlays,
)

__all__ = ["register"]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    fhir = "fhir"


class Rule(StrEnum):
    half_contrast = "half_contrast"
    ratio = "ratio"
    iqr = "iqr"


def _text(m: Measurement) -> str:
    lines = [
        f"edema volume      {m.edema_volume_ml:.2f} mL "
        f"(partial-volume weighted {m.pv_volume_ml:.2f} mL, {m.lesions} region(s))",
        f"bone volume       {m.bone_volume_ml:.2f} mL",
        f"percent of bone   {m.percent_of_bone:.1f} %",
    ]
    if m.depth is not None:
        d = m.depth
        lines.append(
            f"depth ({d.surface}) {d.min_mm:.1f}-{d.max_mm:.1f} mm, median {d.median_mm:.1f} mm, "
            f"{d.percent_within_10mm:.0f} % within 10 mm"
        )
    edematous = [r for r in m.regions if r.edema_ml > 0]
    if edematous:
        lines.append("regions:")
        lines.extend(
            f"  {r.name:<28} {r.edema_ml:8.2f} mL  {r.percent:5.1f} % of {r.volume_ml:.1f} mL"
            for r in edematous
        )
    shown = [g for g in m.grades if g.grade not in ("0", "A") or g.system == "ARCO extent"]
    shown += [g for g in m.grades if g.system == "SPARCC SIJ inflammation" and g not in shown]
    if shown:
        lines.append("grades:")
        for g in shown:
            raw = f"fraction {g.fraction:.3f}" if g.fraction is not None else f"score {g.score:g}"
            lines.append(f"  {g.system} {g.region}: {g.grade} ({raw}; {g.source})")
    zero = len(m.grades) - len(shown)
    if zero:
        lines.append(f"  {zero} other graded region(s) at grade 0 (see --format json)")
    p = m.parameters
    lines.append(
        f"rule {p['rule']}: threshold {p['threshold_applied']:.1f} "
        f"(floor {p['threshold_floor']:.1f}),"
        f" reference median {m.reference.median:.1f} ({m.reference.source}, "
        f"{m.reference.voxels} voxels)"
    )
    lines.extend(f"warning: {w}" for w in m.warnings)
    lines.append(m.disclaimer)
    return "\n".join(lines)


def _load_measurement(path: Path, what: str) -> Measurement:
    try:
        return Measurement.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"{what}: {str(path)!r} cannot be read: {exc.strerror}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "document"
        raise fail(
            f"{what}: {str(path)!r} is not a measurement JSON "
            f"(field {where!r}: {first['msg']}); expected output of measure --format json"
        ) from None


def measure_command(
    fluid: Annotated[
        Path,
        typer.Argument(
            metavar="FLUID_IMAGE",
            help="Fluid-sensitive fat-suppressed image: DICOM folder/file or NIfTI.",
        ),
    ],
    bone_mask: Annotated[
        Path | None,
        typer.Option("--bone-mask", help="Bone mask or label map on the same grid (NIfTI/DICOM)."),
    ] = None,
    t1: Annotated[Path | None, typer.Option("--t1", help="T1 image on the same grid.")] = None,
    reference: Annotated[
        Path | None, typer.Option("--reference", help="Mask of normal marrow (same grid).")
    ] = None,
    labels: Annotated[
        Path | None,
        typer.Option("--labels", help="JSON/YAML file naming the label values of the mask."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text, json or fhir.")
    ] = OutputFormat.text,
    overlay: Annotated[
        Path | None, typer.Option("--overlay", help="Folder for PNG overlays of the edema.")
    ] = None,
    rule: Annotated[
        Rule, typer.Option("--rule", help="Edema threshold rule.")
    ] = Rule.half_contrast,
    no_bias_correction: Annotated[
        bool, typer.Option("--no-bias-correction", help="Skip the polynomial bias-field fit.")
    ] = False,
    compare_to: Annotated[
        Path | None,
        typer.Option("--compare", help="An earlier measurement JSON of the same episode."),
    ] = None,
) -> None:
    """Measure bone marrow edema: volume, percent of bone and regions, depth, grades.

    Example: marrowpath measure stir/ --bone-mask bone.nii.gz --labels labels.json --format json
    """
    prior = _load_measurement(compare_to, "--compare") if compare_to is not None else None
    params = EdemaParameters(
        rule=rule.value, bias_correction="none" if no_bias_correction else "polynomial"
    )
    with reported_errors():
        try:
            result = analyse(
                fluid, bone_mask, t1=t1, reference=reference, labels=labels, params=params
            )
        except ImagingError as exc:
            raise InputError(str(exc)) from None
    m = result.measurement
    overlays = [str(p) for p in write_overlays(result, overlay)] if overlay is not None else []
    comparison = compare(prior, m) if prior is not None else None
    if output is OutputFormat.json:
        doc = m.model_dump(mode="json")
        if comparison is not None:
            doc["comparison"] = comparison.model_dump(mode="json")
        if overlays:
            doc["overlays"] = overlays
        print(json.dumps(doc, indent=2))
    elif output is OutputFormat.fhir:
        print(json.dumps(observation(m), indent=2))
    else:
        print(_text(m))
        if overlays:
            print(f"overlays: {len(overlays)} PNG file(s) in {overlay}")
        if comparison is not None:
            c = comparison
            pct = f" ({c.change_percent:+.1f} %)" if c.change_percent is not None else ""
            print(f"compared with earlier study: {c.trend}, {c.change_ml:+.2f} mL{pct}")


def measure_compare_command(
    before: Annotated[
        Path, typer.Argument(help="Earlier measurement JSON (measure --format json).")
    ],
    after: Annotated[Path, typer.Argument(help="Later measurement JSON of the same episode.")],
) -> None:
    """Compare two measurements of one episode: change in volume and grades, as JSON.

    Example: marrowpath measure-compare week0.json week6.json
    """
    c = compare(_load_measurement(before, "BEFORE"), _load_measurement(after, "AFTER"))
    print(json.dumps({**c.model_dump(mode="json"), "visit_finding": c.visit_finding()}, indent=2))


def register(app: typer.Typer) -> None:
    app.command("measure")(measure_command)
    app.command("measure-compare")(measure_compare_command)
