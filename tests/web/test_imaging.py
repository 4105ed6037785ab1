"""The MRI edema page: upload, measurement shown and stored with a visit, overlays, comparison."""

from __future__ import annotations

import html as html_text
import io
import re
from pathlib import Path
from types import SimpleNamespace

import httpx
import numpy as np
import pytest
from sqlalchemy import create_engine
from starlette.datastructures import UploadFile

from marrowpath.errors import InputError
from marrowpath.imaging import Volume, make_phantom, write_nifti
from marrowpath.store import load_episode
from marrowpath.web.labels import label
from marrowpath.web.routes import imaging
from tests.web.conftest import UI
from tests.web.test_cases import field_errors

Files = dict[str, Path]


def _write(folder: Path, fill: float, seed: int) -> Files:
    phantom = make_phantom("knee", fill=("femur_medial_central", fill), seed=seed)
    return phantom.write(folder)


@pytest.fixture(scope="module")
def studies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Files]:
    """Two knee studies (half, then a fifth of a MOAKS subregion) and bad files."""
    root = tmp_path_factory.mktemp("phantoms")
    first = _write(root / "first", 0.5, 3)
    second = _write(root / "second", 0.2, 4)
    clear = make_phantom("knee", lesion=False, seed=5).write(root / "clear")
    bad = root / "bad"
    bad.mkdir()
    (bad / "notes.txt").write_text("not an image", encoding="utf-8")
    (bad / "broken.nii.gz").write_bytes(b"this is not gzip")
    small = Volume.from_array(np.ones((4, 8, 8), dtype=np.uint8), (3.0, 0.8, 0.8))
    empty = Volume.from_array(np.zeros((22, 128, 128), dtype=np.uint8), (3.0, 0.8, 0.8))
    extra = {
        "notes": bad / "notes.txt",
        "broken": bad / "broken.nii.gz",
        "small_mask": write_nifti(small, bad / "small_mask.nii.gz"),
        "empty_mask": write_nifti(empty, bad / "empty_mask.nii.gz"),
    }
    return {"first": first, "second": second, "clear": clear, "bad": extra}


def upload(
    ui: UI,
    episode: str,
    files: dict[str, Path],
    lang: str = "en",
    token: str | None = None,
    **fields: str,
) -> httpx.Response:
    """Post the imaging form with ``files`` (form field -> path) and the visit fields."""
    page = ui.client.get(f"/ui/episodes/{episode}/imaging?lang={lang}").text
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    assert version is not None
    data = {
        "csrf_token": token if token is not None else ui.csrf(f"/ui/episodes/{episode}/imaging"),
        "expected_version": version.group(1),
        "date": "2026-02-02",
        "pain_rest": "3",
        "pain_load": "5",
        "weight_bearing": "partial_weight_bearing",
        **fields,
    }
    parts = {name: (path.name, path.read_bytes()) for name, path in files.items()}
    response: httpx.Response = ui.client.post(
        f"/ui/episodes/{episode}/imaging?lang={lang}",
        data=data,
        files=parts,
        follow_redirects=False,
    )
    return response


def study_files(study: Files) -> dict[str, Path]:
    return {"fluid": study["fluid"], "bone_mask": study["labels"], "labels": study["label_map"]}


def stored(ui: UI, episode: str) -> tuple[list[str], list[Path]]:
    """The visits' imaging texts and the study folders kept for the episode."""
    detail = load_episode(ui.store, episode, actor="test")
    folder = Path(str(ui.store.engine.url.database)).parent / "imaging" / episode
    folders = sorted(folder.iterdir()) if folder.is_dir() else []
    return [v.new_imaging for v in detail.visits], folders


class TestPage:
    """The page and the way to it."""

    def test_linked_from_the_follow_up_page(self, ui: UI) -> None:
        """The follow-up page links to the imaging page in the page language."""
        episode = ui.new_episode()
        html = ui.client.get(f"/ui/episodes/{episode}?lang=de").text
        assert f'href="/ui/episodes/{episode}/imaging?lang=de">Ödem auf MRT-Bildern messen' in html

    def test_empty_page_in_both_languages(self, ui: UI) -> None:
        """The form asks for the files and the visit; the disclaimer is shown."""
        episode = ui.new_episode()
        en = ui.client.get(f"/ui/episodes/{episode}/imaging?lang=en")
        assert en.status_code == 200
        assert 'enctype="multipart/form-data"' in en.text
        for name in ("fluid", "bone_mask", "t1", "labels"):
            assert f'name="{name}" type="file"' in en.text
        assert "No study measured in this episode yet." in en.text
        assert "at most 200 MB each" in en.text
        assert "Decision support only" in en.text
        de = ui.client.get(f"/ui/episodes/{episode}/imaging?lang=de").text
        assert "Neue Untersuchung messen" in de
        assert "synthetischen Phantomen" in de

    def test_unknown_episode(self, ui: UI) -> None:
        """An episode that does not exist is a 404 page."""
        r = ui.client.get("/ui/episodes/00000000-0000-0000-0000-000000000000/imaging")
        assert r.status_code == 404


class TestUpload:
    """A good study is measured, shown and kept with a new visit."""

    def test_measurement_shown_and_stored(self, ui: UI, studies: dict[str, Files]) -> None:
        """Volume, share, grades with raw fractions, parameters, overlays; visit text stored."""
        episode = ui.new_episode()
        r = upload(ui, episode, study_files(studies["first"]))
        assert r.status_code == 303, r.text[:3000]
        location = r.headers["location"]
        assert re.fullmatch(
            rf"/ui/episodes/{episode}/imaging\?study=visit-\d+&saved=1&lang=en#result", location
        )
        html = ui.client.get(location).text
        assert "Measurement saved with the visit." in html
        volume = re.search(r'class="bme-volume">([\d.]+) mL', html)
        assert volume is not None
        assert 6.0 < float(volume.group(1)) < 9.0
        assert re.search(r'class="bme-percent">[\d.]+ %', html)
        grade = re.search(
            r"<th scope=\"row\">MOAKS BML size</th><td>femur medial central</td>"
            r"<td><strong>2</strong></td><td class=\"num\">([\d.]+) %",
            html,
        )
        assert grade is not None
        assert 40.0 < float(grade.group(1)) < 55.0
        assert 'href="/ui/knowledge/sources?lang=en#s61"' in html
        assert '<th scope="row">contrast_fraction</th><td lang="en">0.5</td>' in html
        assert "No warning." in html
        assert "The first measured study of this episode" in html
        images = re.findall(r'<img src="([^"]+)" alt="Overlay of (edema_slice_\d{3}\.png)', html)
        assert images
        texts, folders = stored(ui, episode)
        assert len(texts) == 1
        assert texts[0].startswith("Bone marrow edema on MRI: measured volume ")
        assert "MOAKS BML size femur medial central 2" in texts[0]
        assert texts[0] in html
        assert [f.name for f in folders] == [location.split("study=")[1].split("&")[0]]
        kept = {p.name for p in folders[0].iterdir()}
        assert {"measurement.json", "study.json", images[0][1]} <= kept

    def test_overlay_served(self, ui: UI, studies: dict[str, Files]) -> None:
        """The overlay route returns the PNG; the measurement JSON is a download."""
        episode = ui.new_episode()
        location = upload(ui, episode, study_files(studies["first"])).headers["location"]
        html = ui.client.get(location).text
        src = re.search(r'<img src="([^"]+)"', html)
        assert src is not None
        png = ui.client.get(src.group(1).replace("&amp;", "&"))
        assert png.status_code == 200
        assert png.headers["content-type"] == "image/png"
        assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert png.headers["x-content-type-options"] == "nosniff"
        json_link = re.search(r'href="([^"]+/measurement\.json[^"]*)"', html)
        assert json_link is not None
        data = ui.client.get(json_link.group(1).replace("&amp;", "&"))
        assert data.json()["grades"][0]["system"] == "MOAKS BML size"
        assert data.json()["image"]["source"] == "fluid.nii.gz"

    @pytest.mark.parametrize(
        "name",
        ["..%2Fstudy.json", "study.json", "edema_slice_1.png", "x.png", "edema_slice_001.png"],
    )
    def test_file_names_are_checked(self, ui: UI, studies: dict[str, Files], name: str) -> None:
        """Only overlay names and measurement.json of a stored study are served."""
        episode = ui.new_episode()
        upload(ui, episode, study_files(studies["first"]))
        _, folders = stored(ui, episode)
        r = ui.client.get(f"/ui/episodes/{episode}/imaging/{folders[0].name}/{name}?lang=en")
        assert r.status_code == 404
        r = ui.client.get(f"/ui/episodes/{episode}/imaging/..%2F..%2Fetc/passwd")
        assert r.status_code == 404

    def test_no_edema(self, ui: UI, studies: dict[str, Files]) -> None:
        """A study without edema is stored as such."""
        episode = ui.new_episode()
        assert upload(ui, episode, study_files(studies["clear"])).status_code == 303
        texts, _ = stored(ui, episode)
        assert texts == ["No measurable bone marrow edema on MRI (measured volume 0.0 mL)."]

    def test_german_result(self, ui: UI, studies: dict[str, Files]) -> None:
        """The page in German uses German labels and the decimal comma."""
        episode = ui.new_episode()
        location = upload(ui, episode, study_files(studies["first"]), lang="de").headers["location"]
        html = ui.client.get(location).text
        assert "Messung mit dem Besuch gespeichert." in html
        assert re.search(r'class="bme-volume">\d+,\d\d mL', html)
        assert "Grade mit ihren Rohwerten" in html
        assert "Überlagerung edema_slice_" in html


class TestComparison:
    """A second study of the episode is compared with the earlier one."""

    def test_change_shown_and_stored(self, ui: UI, studies: dict[str, Files]) -> None:
        """Smaller volume, grade 2 -> 1; the comparison sentence is in the visit text."""
        episode = ui.new_episode()
        first = upload(ui, episode, study_files(studies["first"]), date="2026-02-02")
        assert first.status_code == 303
        second = upload(ui, episode, study_files(studies["second"]), date="2026-03-30")
        assert second.status_code == 303, second.text[:3000]
        html = ui.client.get(second.headers["location"]).text
        assert 'class="bme-trend">smaller</strong>' in html
        change = re.search(r'class="bme-change">(-[\d.]+) mL \((-\d+) %\)', html)
        assert change is not None
        assert -70 < int(change.group(2)) < -45
        assert "Earlier study of 2 Feb 2026" in html
        assert '<th scope="row">MOAKS BML size</th><td>femur medial central</td><td>2 (' in html
        texts, folders = stored(ui, episode)
        assert len(folders) == 2
        assert "Bone marrow edema decreased on MRI: measured volume" in texts[1]
        assert "MOAKS BML size femur medial central 2 -> 1" in texts[1]
        de = ui.client.get(second.headers["location"].replace("lang=en", "lang=de")).text
        assert 'class="bme-trend">kleiner</strong>' in de
        listing = ui.client.get(f"/ui/episodes/{episode}/imaging?lang=en&study={folders[0].name}")
        assert "The first measured study of this episode" in listing.text


class TestBadUploads:
    """Bad files are shown at their field with HTTP 400, and nothing is stored."""

    def check_refused(self, ui: UI, episode: str, r: httpx.Response) -> dict[str, str]:
        assert r.status_code == 400, r.text[:2000]
        texts, folders = stored(ui, episode)
        assert texts == []
        assert folders == []
        return {k: html_text.unescape(v) for k, v in field_errors(r.text).items()}

    def test_not_nifti(self, ui: UI, studies: dict[str, Files]) -> None:
        """A text file as the fluid image is refused by its name."""
        episode = ui.new_episode()
        files = {**study_files(studies["first"]), "fluid": studies["bad"]["notes"]}
        errors = self.check_refused(ui, episode, upload(ui, episode, files))
        assert errors == {
            "fluid": "fluid: 'notes.txt' is not a NIfTI file; expected .nii or .nii.gz"
        }

    def test_unreadable_nifti_names_the_upload(self, ui: UI, studies: dict[str, Files]) -> None:
        """A file named .nii.gz that is not one: the reader's message with the upload's name."""
        episode = ui.new_episode()
        files = {**study_files(studies["first"]), "bone_mask": studies["bad"]["broken"]}
        errors = self.check_refused(ui, episode, upload(ui, episode, files))
        assert list(errors) == ["bone_mask"]
        assert errors["bone_mask"].startswith("NIfTI file 'broken.nii.gz' cannot be read: ")
        assert "marrowpath-imaging-" not in errors["bone_mask"]

    def test_shape_mismatch(self, ui: UI, studies: dict[str, Files]) -> None:
        """A mask on another grid is refused at the mask field."""
        episode = ui.new_episode()
        files = {"fluid": studies["first"]["fluid"], "bone_mask": studies["bad"]["small_mask"]}
        errors = self.check_refused(ui, episode, upload(ui, episode, files))
        assert errors == {
            "bone_mask": "bone mask shape (4, 8, 8) does not match the image shape "
            "(22, 128, 128); expected a mask on the same voxel grid"
        }

    def test_empty_mask(self, ui: UI, studies: dict[str, Files]) -> None:
        """A mask without a voxel > 0 is refused at the mask field."""
        episode = ui.new_episode()
        files = {"fluid": studies["first"]["fluid"], "bone_mask": studies["bad"]["empty_mask"]}
        errors = self.check_refused(ui, episode, upload(ui, episode, files))
        assert errors == {
            "bone_mask": "bone mask is empty (no voxel > 0); expected the region to be marked "
            "with labels > 0"
        }

    def test_too_large(
        self, ui: UI, studies: dict[str, Files], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file over the size limit is refused at its field (German page, German words)."""
        monkeypatch.setattr(imaging, "MAX_UPLOAD_BYTES", 100 * 1024)
        episode = ui.new_episode()
        errors = self.check_refused(
            ui, episode, upload(ui, episode, study_files(studies["first"]), lang="de")
        )
        assert errors == {
            "fluid": "fluid: 'fluid.nii.gz' ist größer als 0 MB; erlaubt sind höchstens 0 MB"
        }

    def test_request_too_large(
        self, ui: UI, studies: dict[str, Files], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A request larger than all files together may be is refused before it is read."""
        monkeypatch.setattr(imaging, "MAX_UPLOAD_BYTES", 1024)
        monkeypatch.setattr(imaging, "MAX_LABELS_BYTES", 1024)
        episode = ui.new_episode()
        r = upload(ui, episode, study_files(studies["first"]))
        assert r.status_code == 400
        assert "upload: the request has 0 MB; at most 0 MB are accepted" in r.text
        assert stored(ui, episode) == ([], [])

    def test_login_needed_in_account_mode(self, accounts_ui: UI) -> None:
        """Without a session the page, the upload and the files lead to the login page."""
        base = "/ui/episodes/00000000-0000-0000-0000-000000000000/imaging"
        for response in (
            accounts_ui.client.get(base, follow_redirects=False),
            accounts_ui.client.post(base, data={"csrf_token": "x"}, follow_redirects=False),
            accounts_ui.client.get(base + "/visit-1/edema_slice_001.png", follow_redirects=False),
        ):
            assert response.status_code == 303
            assert response.headers["location"].startswith("/ui/login?next=")

    def test_labels_too_large(
        self, ui: UI, studies: dict[str, Files], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A label file over its limit is refused at its field."""
        monkeypatch.setattr(imaging, "MAX_LABELS_BYTES", 10)
        episode = ui.new_episode()
        errors = self.check_refused(ui, episode, upload(ui, episode, study_files(studies["first"])))
        assert errors == {
            "labels": "labels: 'labels.json' is larger than 0 MB; expected at most 0 MB"
        }

    def test_too_many_files(self, ui: UI, studies: dict[str, Files]) -> None:
        """A form with more file parts than the four fields is refused before it is read."""
        episode = ui.new_episode()
        token = ui.csrf(f"/ui/episodes/{episode}/imaging")
        part = ("fluid.nii.gz", studies["first"]["fluid"].read_bytes())
        r = ui.client.post(
            f"/ui/episodes/{episode}/imaging?lang=en",
            data={"csrf_token": token},
            files=[("fluid", part)] * 5,
        )
        assert r.status_code == 400
        assert "upload: the form could not be read (Too many files." in r.text
        assert stored(ui, episode) == ([], [])

    def test_bad_and_stale_version(self, ui: UI, studies: dict[str, Files]) -> None:
        """A malformed version is a field error; a stale one is refused whole (409)."""
        episode = ui.new_episode()
        files = study_files(studies["first"])
        errors = self.check_refused(ui, episode, upload(ui, episode, files, expected_version="x"))
        assert errors == {"expected_version": "expected_version: 'x' is not a version number"}
        r = upload(ui, episode, files, expected_version="0")
        assert r.status_code == 409
        assert stored(ui, episode) == ([], [])

    def test_missing_files_and_visit_fields(self, ui: UI) -> None:
        """Without files and pain scores every field says what is missing."""
        episode = ui.new_episode()
        errors = self.check_refused(ui, episode, upload(ui, episode, {}, pain_rest=""))
        assert errors == {
            "pain_rest": "pain_rest: '' is not a whole number from 0 to 10",
            "fluid": "fluid: a file is required",
            "bone_mask": "bone_mask: a file is required",
        }

    def test_visit_before_the_episode(self, ui: UI, studies: dict[str, Files]) -> None:
        """A visit date before the episode's start is refused at the date field."""
        episode = ui.new_episode()
        r = upload(ui, episode, study_files(studies["first"]), date="2025-01-01")
        errors = self.check_refused(ui, episode, r)
        assert list(errors) == ["date"]
        assert "2025-01-01" in errors["date"]

    def test_labels_not_json(self, ui: UI, studies: dict[str, Files]) -> None:
        """A label file that is not JSON is refused at the labels field."""
        episode = ui.new_episode()
        files = {**study_files(studies["first"]), "labels": studies["bad"]["notes"]}
        errors = self.check_refused(ui, episode, upload(ui, episode, files))
        assert errors == {"labels": "labels: 'notes.txt' is not a JSON file; expected .json"}


class TestSecurity:
    """The form needs the caller's CSRF token."""

    def test_csrf_refusal(self, ui: UI, studies: dict[str, Files]) -> None:
        """A wrong token is refused with 403 and nothing is stored."""
        episode = ui.new_episode()
        r = upload(ui, episode, study_files(studies["first"]), token="x" * 40)
        assert r.status_code == 403
        assert "csrf_token: the form's security token is missing or stale" in r.text.replace(
            "&#39;", "'"
        )
        assert stored(ui, episode) == ([], [])


class TestStorage:
    """Where studies are kept and how the folder is read."""

    def test_data_folder(self, ui: UI, tmp_path: Path) -> None:
        """Beside the SQLite file; an in-memory store uses the user data folder."""
        web = SimpleNamespace(store=ui.store)
        assert imaging.data_folder(web) == (  # type: ignore[arg-type]
            Path(str(ui.store.engine.url.database)).resolve().parent / "imaging"
        )
        memory = SimpleNamespace(store=SimpleNamespace(engine=create_engine("sqlite://")))
        folder = imaging.data_folder(memory)  # type: ignore[arg-type]
        assert folder.parts[-2:] == ("marrowpath", "imaging")

    def test_broken_folders_are_skipped(self, tmp_path: Path) -> None:
        """Half-written or foreign folders do not break the page."""
        (tmp_path / "visit-1").mkdir()
        (tmp_path / "visit-1" / "study.json").write_text("{", encoding="utf-8")
        (tmp_path / ".incoming-abc").mkdir()
        assert imaging.load_studies(tmp_path) == []
        assert imaging.load_studies(tmp_path / "missing") == []

    def test_size_counted_while_copying(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A part that did not state its size is still held to the limit."""
        monkeypatch.setattr(imaging, "MAX_UPLOAD_BYTES", 2**20)
        upload = UploadFile(io.BytesIO(b"x" * (2**20 + 1)), filename="big.nii")
        with pytest.raises(InputError) as err:
            imaging._save({"fluid": upload}, tmp_path, lambda key, **f: label(key, "en", **f))
        assert str(err.value) == "fluid: 'big.nii' is larger than 1 MB; expected at most 1 MB"
        assert err.value.field == "fluid"
