"""Bodies of the portal sync protocol (docs/integrations.md#portal); field names are the portal's.

Unknown fields are kept (the real payload has more than we check). Date-times are
``yyyyMMddHHmmss`` strings in Vietnam time (:data:`~yteso.integrations.portal.codes.TIME_FORMAT`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from yteso.integrations.portal.codes import PORTAL_STATUS, parse_portal_time

SESSION_HEADER = "X-Session"
"""Header carrying the session token from ``/api/login`` on every other call."""


def _portal_time(value: str | None) -> str | None:
    if value is not None:
        parse_portal_time(value)
    return value


def _status_code(value: int) -> int:
    if value not in PORTAL_STATUS:
        raise ValueError(f"trạng thái {value} không thuộc danh mục 1-10")
    return value


class LoginIn(BaseModel):
    username: str = Field(min_length=1)
    password: str = Field(min_length=1)


class DossierIn(BaseModel):
    """``DongBoHoSoMC``: a dossier as the ministry holds it (created or replaced by ``MaHoSo``)."""

    model_config = ConfigDict(extra="allow")

    MaHoSo: str = Field(min_length=1, max_length=100)
    MaTTHC: str = Field(min_length=1, max_length=100)
    TenTTHC: str = Field(min_length=1, max_length=1000)
    ChuHoSo: str = Field(min_length=1, max_length=500)
    LoaiDoiTuong: int = Field(ge=1, le=2)
    NgayTiepNhan: str
    NgayHenTra: str
    TrangThaiHoSo: int
    MaLinhVuc: str | None = None
    Email: str | None = None
    SoDienThoai: str | None = None
    TrichYeuHoSo: str | None = None
    NgayTra: str | None = None
    DonViXuLy: str | None = None
    DanhSachLePhi: list[dict[str, Any]] = Field(default_factory=list)
    DanhSachHoSoBoSung: list[dict[str, Any]] = Field(default_factory=list)
    DanhSachGiayToKetQua: list[dict[str, Any]] = Field(default_factory=list)

    _times = field_validator("NgayTiepNhan", "NgayHenTra", "NgayTra")(_portal_time)
    _status = field_validator("TrangThaiHoSo")(_status_code)


class ProgressIn(BaseModel):
    """``CapNhatTienDoHoSoMC``: one processing step of a dossier, with the status it leaves."""

    model_config = ConfigDict(extra="allow")

    MaHoSo: str = Field(min_length=1, max_length=100)
    TrangThai: int
    ThoiDiemXuLy: str
    NoiDungXuLy: str = Field(default="", max_length=2000)
    NguoiXuLy: str | None = None
    ChucDanh: str | None = None
    PhongBanXuLy: str | None = None
    NgayBatDau: str | None = None
    NgayKetThucTheoQuyDinh: str | None = None

    _times = field_validator("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh")(_portal_time)
    _status = field_validator("TrangThai")(_status_code)


class LookupIn(BaseModel):
    """``TraCuuHoSo``."""

    MaHoSo: str = Field(min_length=1, max_length=100)
