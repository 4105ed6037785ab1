"""Any JSON in the fields MarrowPath reads gives a reading or an InputError, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from marrowpath.errors import InputError
from marrowpath.fhir.bundle_in import read_bundle

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = {
    "Patient": ["birthDate", "gender"],
    "Condition": ["code", "bodySite", "clinicalStatus", "verificationStatus", "onsetDateTime"],
    "Observation": [
        "code",
        "status",
        "valueQuantity",
        "valueString",
        "valueBoolean",
        "valueCodeableConcept",
    ],
    "DiagnosticReport": [
        "code",
        "status",
        "conclusion",
        "presentedForm",
        "effectiveDateTime",
        "issued",
    ],
    "ImagingStudy": ["modality", "series", "description", "started"],
}


@st.composite
def resources(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(FIELDS)))
    resource: dict[str, Any] = {"resourceType": kind, "id": draw(st.text(max_size=5))}
    for field in draw(st.lists(st.sampled_from(FIELDS[kind]), max_size=4, unique=True)):
        resource[field] = draw(json_values)
    if kind == "DiagnosticReport" and draw(st.booleans()):
        resource["conclusion"] = "MRI left hip: bone marrow edema of the femoral head."
    return resource


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(resources(), max_size=6), st.sampled_from([None, "knee"]))
def test_never_crashes(items: list[dict[str, Any]], region: str | None) -> None:
    """Odd types anywhere are skipped or refused with a field."""
    try:
        reading = read_bundle(items, region=region)
    except InputError as exc:
        field = exc.field
    else:
        field = "-"
        assert reading.case is None or reading.case.region
    assert field
