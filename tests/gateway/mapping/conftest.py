"""Fixtures of the XML 4750 → FHIR mapping tests: generated dossiers (every table) and helpers.

Test modules run with ``--import-mode=importlib``, so helpers are handed out as fixtures.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from yteso.gateway.mapping import map_dossier
from yteso.gateway.xml4750.gen_visit import blank
from yteso.gateway.xml4750.generate import generate_dossiers
from yteso.gateway.xml4750.model import Dossier, Row

FACILITY = "01001"
PATIENT = "patient-1"
GENERATED = ("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML9", "XML11", "XML13", "XML14")
"""Every table the generator builds (XML9 makes the visit a delivery)."""
NOT_GENERATED = ("XML0", "XML6", "XML8", "XML10", "XML15")

_cache: dict[tuple[tuple[str, ...], int, int], list[dict[str, Any]]] = {}


def tables(names: Iterable[str] = ("XML1", "XML2", "XML3", "XML4"), n: int = 1, seed: int = 1) -> list[dict[str, Any]]:
    """Generated dossiers as table → rows (deep copies, safe to change)."""
    key = (tuple(names), n, seed)
    if key not in _cache:
        _cache[key] = generate_dossiers(FACILITY, n, seed=seed, tables=key[0])  # type: ignore[assignment]
    return copy.deepcopy(_cache[key])


def dossier(rows: dict[str, list[Row]]) -> Dossier:
    return Dossier(index=1, facility_code=FACILITY, tables=rows)


def extra_rows(xml1: Row) -> dict[str, list[Row]]:
    """Rows of the tables the generator does not build: XML0, XML6, XML8, XML10, XML15."""
    ma_lk = xml1["MA_LK"]
    checkin = blank("XML0")
    checkin.update(
        {
            k: xml1[k]
            for k in ("MA_LK", "MA_BN", "HO_TEN", "SO_CCCD", "NGAY_SINH", "GIOI_TINH", "MA_THE_BHYT", "MA_DKBD")
        }
    )
    checkin.update(STT="1", MA_DOITUONG_KCB="1.1", NGAY_VAO=xml1["NGAY_VAO"], MA_LOAI_KCB=xml1["MA_LOAI_KCB"])
    checkin.update(MA_CSKCB=FACILITY, MA_DICH_VU="02.1896", TEN_DICH_VU="Khám Nội", NGAY_YL=xml1["NGAY_VAO"])
    hiv = blank("XML6")
    hiv.update(
        MA_LK=ma_lk,
        NGAYKD_HIV="20200315",
        NOI_LAY_MAU_XN=FACILITY,
        NOI_XN_KD=FACILITY,
        NOI_BDDT_ARV=FACILITY,
        BDDT_ARV="20200401",
        MA_LYDO_DTRI="1",
        LOAI_DTRI_LAO="0",
        SANG_LOC_LAO="1",
        KQ_DTRI_LAO="0",
        MA_LOAI_BN="1",
        GIAI_DOAN_LAM_SANG="1",
        NHOM_DOI_TUONG="1",
        MA_TINH_TRANG_DK="3",
        MA_XU_TRI="1",
        MA_PHAC_DO_DIEU_TRI="1a",
        NGAY_CHUYEN_PHAC_DO="20230101",
        LY_DO_CHUYEN_PHAC_DO="1",
        SO_CCCD=xml1["SO_CCCD"],
    )
    summary = blank("XML8")
    summary.update(
        MA_LK=ma_lk,
        MA_LOAI_KCB="03",
        NGAY_VAO=xml1["NGAY_VAO"],
        NGAY_RA=xml1["NGAY_RA"],
        CHAN_DOAN_VAO=xml1["CHAN_DOAN_VAO"],
        CHAN_DOAN_RV=xml1["CHAN_DOAN_RV"],
        QT_BENHLY="Sốt 3 ngày, ho khạc đờm",
        TOMTAT_KQ="X-quang: đám mờ thùy dưới phổi phải",
        PP_DIEUTRI="Kháng sinh tĩnh mạch",
        KET_QUA_DTRI="1",
        MA_TTDV="0112345678",
        NGAY_CT=xml1["NGAY_RA"][:8],
    )
    rest = blank("XML10")
    rest.update(
        MA_LK=ma_lk,
        SO_SERI="DT000123",
        SO_CT="00045",
        SO_NGAY="10",
        DON_VI="Công ty TNHH Bình Minh",
        CHAN_DOAN_RV="Dọa sảy thai",
        TU_NGAY=xml1["NGAY_RA"][:8],
        DEN_NGAY=xml1["NGAY_RA"][:8],
        MA_TTDV="0112345678",
        TEN_BS="BS. LÊ THỊ HOA",
        MA_BS="0198765432",
        NGAY_CT=xml1["NGAY_RA"][:8],
    )
    tb = blank("XML15")
    tb.update(
        MA_LK=ma_lk,
        STT="1",
        MA_BN=xml1["MA_BN"],
        HO_TEN=xml1["HO_TEN"],
        PHANLOAI_LAO_VITRI="1",
        PHANLOAI_LAO_TS="1",
        PHANLOAI_LAO_HIV="2",
        PHANLOAI_LAO_VK="1",
        PHANLOAI_LAO_KT="4",
        LOAI_DTRI_LAO="2",
        NGAYBD_DTRI_LAO="20260105",
        PHACDO_DTRI_LAO="1",
        KET_QUA_DTRI_LAO="2",
        BDDT_ARV="20200401",
        NGAY_BAT_DAU_DT_CTX="20200401",
    )
    return {"XML0": [checkin], "XML6": [hiv], "XML8": [summary], "XML10": [rest], "XML15": [tb]}


def full_rows(seed: int = 3) -> dict[str, list[Row]]:
    """A dossier with every table that can be sent (all but XML12) plus the check-in record XML0."""
    rows = tables(GENERATED, seed=seed)[0]
    rows.update(extra_rows(rows["XML1"][0]))
    return rows


def of_type(resources: list[dict[str, Any]], resource_type: str) -> list[dict[str, Any]]:
    return [r for r in resources if r["resourceType"] == resource_type]


def mapped(rows: dict[str, list[Row]]) -> list[dict[str, Any]]:
    return map_dossier(dossier(rows), facility_code=FACILITY, patient_id=PATIENT)


@pytest.fixture(name="tables")
def tables_fixture() -> Callable[..., list[dict[str, Any]]]:
    """``tables(names, n=1, seed=1)``: generated dossiers as table → rows."""
    return tables


@pytest.fixture(name="full")
def full_fixture() -> dict[str, list[Row]]:
    """One dossier with every table (XML0-XML15 but XML12)."""
    return full_rows()


@pytest.fixture(name="mapped")
def mapped_fixture() -> Callable[[dict[str, list[Row]]], list[dict[str, Any]]]:
    """``mapped(rows)``: the resources of a dossier, facility 01001, Patient/patient-1."""
    return mapped


@pytest.fixture(name="of_type")
def of_type_fixture() -> Callable[[list[dict[str, Any]], str], list[dict[str, Any]]]:
    return of_type


@pytest.fixture(name="dossier")
def dossier_fixture() -> Callable[[dict[str, list[Row]]], Dossier]:
    return dossier
