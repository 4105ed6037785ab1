"""MRI bone marrow edema measurement: loading, segmentation, grades, overlays, phantoms.

``measure(fluid, bone_mask, ...)`` returns a ``Measurement`` (volume in mL, share of bone and
of each labelled region, depth, grades with their raw fractions, every parameter). Uses only
numpy and scipy.ndimage (plus pydicom/nibabel for files): SimpleITK is a 264 MB dependency
that the reference-relative rule does not need.
"""

from __future__ import annotations

from marrowpath.imaging.compare import Comparison, compare
from marrowpath.imaging.dicom import read_dicom_series, write_dicom_series
from marrowpath.imaging.edema import EdemaParameters, ReferenceStats
from marrowpath.imaging.fhir import observation
from marrowpath.imaging.grades import Grade
from marrowpath.imaging.labels import LabelMap, LabelSpec, load_label_map
from marrowpath.imaging.measure import Analysis, Measurement, analyse, measure
from marrowpath.imaging.nifti import read_nifti, write_nifti
from marrowpath.imaging.overlay import write_overlays
from marrowpath.imaging.phantom import Phantom, make_phantom
from marrowpath.imaging.volume import Volume, load_volume

__all__ = [
    "Analysis",
    "Comparison",
    "EdemaParameters",
    "Grade",
    "LabelMap",
    "LabelSpec",
    "Measurement",
    "Phantom",
    "ReferenceStats",
    "Volume",
    "analyse",
    "compare",
    "load_label_map",
    "load_volume",
    "make_phantom",
    "measure",
    "observation",
    "read_dicom_series",
    "read_nifti",
    "write_dicom_series",
    "write_nifti",
    "write_overlays",
]
