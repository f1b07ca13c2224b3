"""Portal client against the reference portal: push, progress, lookup, refusals, sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest

from yteso.integrations.portal import PORTAL_STATUS, PortalClient, PortalRejected, PortalStatus
from yteso.integrations.portal.server import create_portal_app
from yteso.testing.servers import run_app


def dossier(code: str = "G18.34-250115-0001", **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "MaHoSo": code,
        "MaTTHC": "1.002138",
        "TenTTHC": "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "MaLinhVuc": "G18-KCB",
        "ChuHoSo": "Nguyễn Thị Hương",
        "LoaiDoiTuong": 1,
        "Email": "huong@example.vn",
        "SoDienThoai": "0912345678",
        "TrichYeuHoSo": "Đề nghị cấp chứng chỉ hành nghề",
        "NgayTiepNhan": datetime(2025, 1, 15, 1, 30, tzinfo=UTC),
        "NgayHenTra": date(2025, 2, 14),
        "TrangThaiHoSo": PortalStatus.RECEIVED,
        "DonViXuLy": "Cục Quản lý Khám, chữa bệnh",
        "DanhSachLePhi": [{"MaPhiLePhi": "LP01", "TenPhiLePhi": "Lệ phí cấp CCHN", "MucPhi": 360000}],
    }
    data.update(overrides)
    return data


@pytest.fixture
def portal_url():
    with run_app(create_portal_app(users={"byt": "mat-khau"})) as url:
        yield url


def test_dossier_and_progress_round_trip(portal_url):
    with PortalClient(portal_url, "byt", "mat-khau") as client:
        client.push_dossier(dossier())
        held = client.lookup("G18.34-250115-0001")
        assert held is not None
        assert held["NgayTiepNhan"] == "20250115083000" and held["NgayHenTra"] == "20250214000000"
        assert held["ChuHoSo"] == "Nguyễn Thị Hương" and held["TrangThaiHoSo"] == 2 and held["TienDo"] == []
        assert held["DanhSachLePhi"][0]["MucPhi"] == 360000

        when = datetime(2025, 1, 16, 2, 0, tzinfo=UTC)
        client.push_progress(
            "G18.34-250115-0001",
            4,
            when,
            "Chuyên viên thẩm định hồ sơ",
            officer="Lê Văn Bình",
            title="Chuyên viên",
            department="Phòng Hành nghề",
        )
        client.push_progress(
            "G18.34-250115-0001",
            4,
            when,
            "Chuyên viên thẩm định hồ sơ",
            officer="Lê Văn Bình",
            title="Chuyên viên",
            department="Phòng Hành nghề",
        )  # a resend
        client.push_progress("G18.34-250115-0001", 5, datetime(2025, 1, 20, 3, 0), "Yêu cầu bổ sung bằng cấp")
        held = client.lookup("G18.34-250115-0001")
        assert held is not None
        assert [(s["TrangThai"], s["ThoiDiemXuLy"]) for s in held["TienDo"]] == [
            (4, "20250116090000"),
            (5, "20250120100000"),
        ]
        assert held["TienDo"][0]["NguoiXuLy"] == "Lê Văn Bình" and held["TrangThaiHoSo"] == 5

        client.push_dossier(dossier(TrangThaiHoSo=PortalStatus.SUPPLEMENT_REQUESTED, Email="moi@example.vn"))
        held = client.lookup("G18.34-250115-0001")
        assert held is not None and held["Email"] == "moi@example.vn" and len(held["TienDo"]) == 2

        assert client.lookup("G18.34-000000-0000") is None


def test_returned_result_sets_the_return_date(portal_url):
    with PortalClient(portal_url, "byt", "mat-khau") as client:
        client.push_dossier(dossier("D-10"))
        client.push_progress("D-10", PortalStatus.RESULT_RETURNED, datetime(2025, 2, 1, 2, 0, tzinfo=UTC), "Đã trả")
        held = client.lookup("D-10")
    assert held is not None and held["TrangThaiHoSo"] == 10 and held["NgayTra"] == "20250201090000"


def test_refusals_carry_the_portals_message(portal_url):
    with PortalClient(portal_url, "byt", "mat-khau") as client:
        with pytest.raises(PortalRejected) as info:
            client.push_progress("KHONG-CO", 4, datetime(2025, 1, 1, tzinfo=UTC), "x")
        assert info.value.status_code == 404 and "Không tìm thấy hồ sơ KHONG-CO" in info.value.remote_message
        assert info.value.status == 502 and "Cổng Dịch vụ công quốc gia" in info.value.message_vi

        broken = dossier("D-2", TrangThaiHoSo=11)
        del broken["MaTTHC"]
        with pytest.raises(PortalRejected) as info:
            client.push_dossier(broken)
        assert info.value.status_code == 400
        assert "MaTTHC" in info.value.remote_message and "TrangThaiHoSo" in info.value.remote_message
        with pytest.raises(PortalRejected, match="NgayHenTra"):
            client.push_dossier(dossier("D-3", NgayHenTra="15/01/2025"))
        with pytest.raises(ValueError, match="portal status"):
            client.push_progress("D-2", 11, datetime(2025, 1, 1, tzinfo=UTC), "x")
        assert client.breaker.state == "closed"


def test_wrong_password_is_rejected(portal_url):
    with PortalClient(portal_url, "byt", "sai") as client, pytest.raises(PortalRejected) as info:
        client.lookup("D-1")
    assert info.value.status_code == 401 and "mật khẩu" in info.value.remote_message


def test_an_expired_session_is_renewed_transparently(misbehave):
    counting = misbehave(create_portal_app())
    with run_app(counting) as url, PortalClient(url, "any", "thing") as client:
        client.push_dossier(dossier("D-4"))
        client.push_dossier(dossier("D-5"))
        assert counting.paths.count("/api/login") == 1
        httpx.post(f"{url}/_admin/expire-sessions").raise_for_status()
        assert client.lookup("D-4") is not None
    assert counting.paths[-4:] == ["/_admin/expire-sessions", "/api/TraCuuHoSo", "/api/login", "/api/TraCuuHoSo"]


def test_status_table_is_the_dvcqg_list():
    assert list(PORTAL_STATUS) == list(range(1, 11))
    assert PORTAL_STATUS[PortalStatus.IN_PROCESSING] == "Đang xử lý" and PORTAL_STATUS[10] == "Đã trả kết quả"
