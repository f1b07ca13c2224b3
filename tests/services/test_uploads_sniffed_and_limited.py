"""Uploads: the type is sniffed from the bytes, a file that is not what it claims is refused, and
the size is limited."""

from __future__ import annotations

from tests.services.conftest import JPEG, PDF, PNG, Svc


def post(svc: Svc, content: bytes, name: str, mime: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = svc.citizen().post("/api/services/documents", files={"file": (name, content, mime)},
                           data={"doc_type": "degree"})
    return r.status_code, r.json()


def test_pdf_png_and_jpeg_are_accepted(svc: Svc) -> None:
    for content, name, mime in ((PDF, "a.pdf", "application/pdf"), (PNG, "a.png", "image/png"),
                                (JPEG, "a.jpg", "image/jpeg"), (PDF, "scan", "application/octet-stream")):
        status, body = post(svc, content, name, mime)
        assert status == 201, body
        assert body["media_type"] == (mime if mime != "application/octet-stream" else "application/pdf")
        assert len(body["sha256"]) == 64


def test_a_file_that_is_not_what_it_claims_is_refused(svc: Svc) -> None:
    status, body = post(svc, PNG, "bang-cap.pdf", "application/pdf")
    assert status == 415 and body["error"]["issues"][0]["rule"] == "upload.type-mismatch"
    status, body = post(svc, PDF, "bang-cap.png", "application/octet-stream")
    assert status == 415 and body["error"]["issues"][0]["rule"] == "upload.extension-mismatch"
    status, body = post(svc, b"MZ\x90\x00" + b"\x00" * 60, "virus.pdf", "application/pdf")
    assert status == 415 and body["error"]["issues"][0]["rule"] == "upload.type"
    status, body = post(svc, b"<html><script>alert(1)</script></html>", "a.pdf", "application/pdf")
    assert status == 415


def test_size_is_limited(svc: Svc) -> None:
    big = PDF + b"0" * (svc.runtime.config.max_upload_bytes + 10)
    status, _body = post(svc, big, "big.pdf", "application/pdf")
    assert status == 413


def test_files_can_live_in_a_directory(db, tmp_path, signing_dir) -> None:  # type: ignore[no-untyped-def]
    from tests.services.conftest import running, services_settings

    config = services_settings(tmp_path, signing_dir=signing_dir, upload_dir=str(tmp_path / "files"))
    with running(db, config) as svc:
        citizen = svc.citizen()
        r = citizen.post("/api/services/documents", files={"file": ("a.pdf", PDF, "application/pdf")},
                         data={"doc_type": "degree"})
        assert r.status_code == 201
        digest = r.json()["sha256"]
        assert (tmp_path / "files" / digest[:2] / digest).read_bytes() == PDF
        assert citizen.get(f"/api/services/documents/{r.json()['id']}/content").content == PDF
