"""Hostile and broken input: refused fast, without expanding entities, reading files or the network."""

from __future__ import annotations

import base64
import io
import time

import pytest

from yteso.gateway.xml4750 import EnvelopeError, open_envelope, parse_envelope
from yteso.gateway.xml4750 import badinput as bad
from yteso.gateway.xml4750.generate import build_envelope


def _refused(source, **kwargs) -> EnvelopeError:
    with pytest.raises(EnvelopeError) as info:
        parse_envelope(source, **kwargs)
    return info.value


def test_billion_laughs_is_refused_before_parsing() -> None:
    start = time.perf_counter()
    error = _refused(bad.billion_laughs())
    assert error.rule == "ENV_DTD"
    assert time.perf_counter() - start < 0.5


def test_external_entity_to_a_local_file_is_refused_and_nothing_is_read() -> None:
    error = _refused(bad.external_entity("file:///etc/passwd"))
    assert error.rule == "ENV_DTD"
    assert "root:" not in str(error) and "root:" not in error.message_vi


def test_external_entity_over_the_network_is_refused() -> None:
    assert _refused(bad.external_entity("http://169.254.169.254/latest/meta-data/")).rule == "ENV_DTD"


def test_external_dtd_and_parameter_entities_are_refused() -> None:
    assert _refused(b'<!DOCTYPE GIAMDINHHS SYSTEM "http://example.org/x.dtd"><GIAMDINHHS/>').rule == "ENV_DTD"
    payload = b'<!DOCTYPE GIAMDINHHS [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><GIAMDINHHS/>'
    assert _refused(payload).rule == "ENV_DTD"


def test_a_doctype_hidden_in_utf16_is_still_refused() -> None:
    payload = (
        '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE GIAMDINHHS [<!ENTITY a "b">]><GIAMDINHHS>&a;</GIAMDINHHS>'
    )
    assert _refused(payload.encode("utf-16")).rule == "ENV_DTD"


def test_doctype_after_a_long_prolog_is_refused() -> None:
    payload = b'<?xml version="1.0"?>' + b"<!--" + b"x" * 200_000 + b"-->" + bad.billion_laughs()[21:]
    assert _refused(payload).rule == "ENV_DTD"


@pytest.mark.parametrize(
    ("payload", "rule"),
    [
        (bad.not_xml(), "ENV_NOT_XML"),
        (b"", "ENV_EMPTY"),
        (b"\xff\xfe\x00garbage", "ENV_NOT_XML"),
        (bad.wrong_root(), "ENV_ROOT"),
        (b"<html><body>502 Bad Gateway</body></html>", "ENV_ROOT"),
    ],
)
def test_not_an_envelope(payload: bytes, rule: str) -> None:
    error = _refused(payload)
    assert error.rule == rule
    assert error.message_vi and error.message_en


def test_a_truncated_envelope_fails_as_a_whole(dossiers) -> None:
    envelope = build_envelope("01001", dossiers(n=3, seed=2))
    assert _refused(envelope[: len(envelope) // 2]).rule == "ENV_NOT_XML"


def test_oversize_bytes_are_refused_without_parsing(dossiers) -> None:
    envelope = build_envelope("01001", dossiers(n=2, seed=2))
    error = _refused(envelope, max_bytes=len(envelope) - 1)
    assert error.rule == "ENV_OVERSIZE" and str(len(envelope) - 1) in error.message_en
    assert len(parse_envelope(envelope, max_bytes=len(envelope)).dossiers) == 2


def test_an_endless_stream_is_cut_at_the_limit_in_bounded_time() -> None:
    stream = bad.EndlessEnvelope()
    start = time.perf_counter()
    error = _refused(stream)  # default limit, 50 MB
    elapsed = time.perf_counter() - start
    assert error.rule == "ENV_OVERSIZE"
    assert 50 * 1024 * 1024 < stream.consumed <= 50 * 1024 * 1024 + 64 * 1024
    assert elapsed < 10


def test_oversize_is_detected_while_streaming_dossiers(dossiers) -> None:
    envelope = build_envelope("01001", dossiers(n=6, seed=2))
    reader = open_envelope(io.BytesIO(envelope), max_bytes=len(envelope) // 2)  # header fits, dossiers do not
    assert reader.header.facility_code == "01001"
    with pytest.raises(EnvelopeError, match="ENV_OVERSIZE"):
        list(reader)


def test_hostile_inner_documents_only_spoil_their_dossier(good) -> None:
    laughs = bad.billion_laughs().replace(b"GIAMDINHHS", b"TONG_HOP")
    xxe = bad.external_entity().replace(b"GIAMDINHHS", b"TONG_HOP")
    utf16 = '<!DOCTYPE TONG_HOP [<!ENTITY a "b">]><TONG_HOP>&a;</TONG_HOP>'.encode("utf-16")
    items = [
        bad.with_inner_document(good, "XML1", laughs),
        bad.with_inner_document(good, "XML1", xxe),
        bad.with_inner_document(good, "XML1", utf16),
        good,
    ]
    dossiers = parse_envelope(build_envelope("01001", items)).dossiers
    assert [[e.rule for e in d.errors] for d in dossiers] == [["FILE_DTD"], ["FILE_DTD"], ["FILE_DTD"], []]


def test_broken_base64_and_broken_inner_xml_are_dossier_errors(good) -> None:
    items = [bad.with_broken_base64(good, "XML2"), bad.with_inner_document(good, "XML3", b"<CHITIEU_CHITIET")]
    first, second = parse_envelope(build_envelope("01001", items)).dossiers
    assert [(e.table, e.rule) for e in first.errors] == [("XML2", "FILE_BASE64")]
    assert [(e.table, e.rule) for e in second.errors] == [("XML3", "FILE_NOT_XML")]
    assert first.rows("XML1") == good["XML1"]


def test_base64_of_non_ascii_text_is_refused(good) -> None:
    item = dict(good)
    item["XML1"] = bad.RawFile(base64.b64encode(b"<TONG_HOP/>").decode() + "é")
    assert [e.rule for e in parse_envelope(build_envelope("01001", [item])).dossiers[0].errors] == ["FILE_BASE64"]
