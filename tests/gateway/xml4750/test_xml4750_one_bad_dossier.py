"""One bad dossier does not block the others of the same envelope."""

from __future__ import annotations

from yteso.gateway.xml4750 import EnvelopeValidator, open_envelope
from yteso.gateway.xml4750 import badinput as bad
from yteso.gateway.xml4750.generate import build_envelope


def test_each_defect_stays_in_its_own_dossier(dossiers) -> None:
    items = dossiers(n=8, seed=31)
    broken = {
        2: bad.with_broken_base64(items[1], "XML3"),
        3: bad.without_field(items[2], "XML1", "MA_BENH_CHINH"),
        5: bad.with_wrong_total(items[4]),
        6: bad.with_discharge_before_admission(items[5]),
        7: bad.with_unknown_table(items[6]),
        8: bad.with_inner_document(items[7], "XML2", b"<CHITIEU_CHITIET_THUOC><oops"),
    }
    sent = [broken.get(i + 1, item) for i, item in enumerate(items)]
    with open_envelope(build_envelope("01001", sent)) as reader:
        checker = EnvelopeValidator(reader.header)
        results = {d.index: {e.rule for e in checker.check(d)} for d in reader}
        assert checker.finish() == []
    assert results[1] == set() and results[4] == set()
    assert "FILE_BASE64" in results[2]
    assert results[3] == {"REQUIRED"}
    assert results[5] == {"TOTAL_MISMATCH"}
    assert "DATE_ORDER" in results[6]
    assert results[7] == {"TABLE_UNKNOWN"}
    assert "FILE_NOT_XML" in results[8] and results[8] <= {"FILE_NOT_XML", "TOTAL_MISMATCH"}


def test_a_dossier_missing_a_table_file_still_yields_its_other_tables(good, check, rules) -> None:
    errors = check(bad.with_broken_base64(good, "XML2"))
    # the drug lines are gone, so XML1's drug totals no longer add up; nothing else is wrong
    found = rules(errors)
    assert ("XML2", None, "FILE_BASE64") in found and ("XML1", "T_THUOC", "TOTAL_MISMATCH") in found
    assert {rule for _, _, rule in found} == {"FILE_BASE64", "TOTAL_MISMATCH"}


def test_unicode_digits_that_are_not_decimal_are_errors_not_crashes(good, check, rules) -> None:
    """``²`` is a digit to ``str.isdigit`` but not a number to ``int``: it must be reported."""
    for table, field in (("XML2", "STT"), ("XML1", "NGAY_SINH"), ("XML1", "SO_NGAY_DTRI")):
        errors = check(bad.with_value(good, table, field, "²" * (12 if field == "NGAY_SINH" else 1)))
        assert any(f == field for _t, f, _r in rules(errors)), (field, rules(errors))
