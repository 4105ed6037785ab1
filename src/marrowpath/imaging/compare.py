"""``compare``: two measurements of one episode, as a change in volume and grades.

Changes within the phantom volume error (10 %) are reported as stable; below 0.1 mL a study
counts as having no edema. ``Comparison.visit_finding()`` and ``summary()`` store the result
with the later visit (a plain dict, and one sentence for the visit's imaging text).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from marrowpath.imaging.measure import MIN_BME_ML, Measurement

__all__ = ["STABLE_BAND_PERCENT", "Comparison", "GradeChange", "compare"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GradeChange(_Model):
    system: str
    region: str
    before: str | None
    after: str | None
    fraction_before: float | None
    fraction_after: float | None


class Comparison(_Model):
    """Change between two measurements of one episode (earlier -> later)."""

    volume_before_ml: float
    volume_after_ml: float
    change_ml: float
    change_percent: float | None
    trend: Literal["new", "resolved", "larger", "smaller", "stable", "none"]
    stable_band_percent: float
    grade_changes: list[GradeChange]
    percent_of_bone_before: float
    percent_of_bone_after: float
    warnings: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        """One English sentence for a visit's ``new_imaging`` text (read by the report reader)."""
        words = {
            "new": "New bone marrow edema",
            "resolved": "Bone marrow edema resolved",
            "larger": "Bone marrow edema increased",
            "smaller": "Bone marrow edema decreased",
            "stable": "Bone marrow edema stable",
            "none": "No bone marrow edema",
        }
        text = (
            f"{words[self.trend]} on MRI: measured volume {self.volume_after_ml:.1f} mL, "
            f"previously {self.volume_before_ml:.1f} mL"
        )
        if self.change_percent is not None and self.trend != "none":
            text += f" ({self.change_percent:+.0f} %)"
        changed = [c for c in self.grade_changes if c.before != c.after]
        if changed:
            text += "; " + ", ".join(
                f"{c.system} {c.region.replace('_', ' ')} {c.before or '-'} -> {c.after or '-'}"
                for c in changed
            )
        return text + "."

    def visit_finding(self) -> dict[str, Any]:
        """The comparison as a finding of the later visit (a plain dict for the episode store)."""
        return {
            "kind": "mri_bme_change",
            "value": self.trend,
            "bme_volume_ml": self.volume_after_ml,
            "bme_volume_change_ml": self.change_ml,
            "bme_volume_change_percent": self.change_percent,
            "grades": [c.model_dump() for c in self.grade_changes if c.before != c.after],
            "summary": self.summary(),
            "method": "marrowpath.imaging.compare",
        }


STABLE_BAND_PERCENT = 10.0  # phantom volume error bound: smaller changes are within error


def compare(before: Measurement, after: Measurement) -> Comparison:
    """Change from an earlier to a later measurement of the same episode."""
    warnings = []
    if tuple(before.image.spacing_mm) != tuple(after.image.spacing_mm):
        warnings.append(
            "the studies have different voxel spacing; volumes are comparable, partial "
            "volume differs"
        )
    v0, v1 = before.edema_volume_ml, after.edema_volume_ml
    has0, has1 = v0 >= MIN_BME_ML, v1 >= MIN_BME_ML
    change = v1 - v0
    pct = 100.0 * change / v0 if v0 > 0 else None
    trend: Literal["new", "resolved", "larger", "smaller", "stable", "none"]
    if not has0 and not has1:
        trend = "none"
    elif not has0:
        trend = "new"
    elif not has1:
        trend = "resolved"
    elif pct is not None and abs(pct) <= STABLE_BAND_PERCENT:
        trend = "stable"
    else:
        trend = "larger" if change > 0 else "smaller"
    keyed0 = {(g.system, g.region): g for g in before.grades}
    keyed1 = {(g.system, g.region): g for g in after.grades}
    changes = [
        GradeChange(
            system=key[0],
            region=key[1],
            before=keyed0[key].grade if key in keyed0 else None,
            after=keyed1[key].grade if key in keyed1 else None,
            fraction_before=keyed0[key].fraction if key in keyed0 else None,
            fraction_after=keyed1[key].fraction if key in keyed1 else None,
        )
        for key in sorted(set(keyed0) | set(keyed1))
    ]
    return Comparison(
        volume_before_ml=v0,
        volume_after_ml=v1,
        change_ml=round(change, 4),
        change_percent=None if pct is None else round(pct, 2),
        trend=trend,
        stable_band_percent=STABLE_BAND_PERCENT,
        grade_changes=changes,
        percent_of_bone_before=before.percent_of_bone,
        percent_of_bone_after=after.percent_of_bone,
        warnings=warnings,
    )
