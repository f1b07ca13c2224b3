"""A development CA and a signer, made once per module (RSA key generation takes a moment)."""

from __future__ import annotations

import pytest

from yteso.esign import CaFiles, SignerFiles, create_dev_ca, issue_signing_cert, render_pdf

SECTIONS = [
    ("Thông tin cơ sở", "Tên cơ sở: Công ty TNHH Dược phẩm Minh Châu\nĐịa chỉ: Số 12 đường Lê Lợi, Thành phố Huế"),
    ("Phạm vi kinh doanh", "Bán buôn thuốc, nguyên liệu làm thuốc; lệ phí 1.500.000 ₫."),
    ("Người đứng đầu", "ỲỴỶỸ ỳỵỷỹ Ặẫựữđ Đ — Nguyễn Thị Hường"),
]


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> CaFiles:
    return create_dev_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def signer(ca: CaFiles, tmp_path_factory: pytest.TempPathFactory) -> SignerFiles:
    return issue_signing_cert(ca, "Cục Quản lý Dược", tmp_path_factory.mktemp("signer"))


@pytest.fixture(scope="module")
def document() -> bytes:
    return render_pdf(
        "Giấy chứng nhận đủ điều kiện kinh doanh dược",
        SECTIONS,
        qr_url="https://yteso.example.vn/xac-thuc/GCN-0001",
        footer="Văn bản điện tử — yteso",
    )
