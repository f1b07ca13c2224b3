"""HTML pages of the development VNeID login (Vietnamese, no JavaScript)."""

from __future__ import annotations

from html import escape

_STYLE = """body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}
main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
h1{color:#c8102e;font-size:1.4rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem;border:1px solid #bbb;border-radius:.3rem}
button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1.05rem;background:#c8102e;color:#fff;border:0;
border-radius:.3rem;cursor:pointer}.tabs a{margin-right:1rem}.tabs .on{font-weight:700;color:#000;text-decoration:none}
.error{color:#b00020;background:#fde7ea;padding:.6rem;border-radius:.3rem}.dev{color:#555;font-size:.9rem;
border:1px dashed #999;padding:.5rem;margin-top:1rem}"""


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_STYLE}</style></head>'
        f"<body><main><h1>VNeID — {escape(title)}</h1>{body}"
        '<p class="dev">Máy chủ định danh dùng cho phát triển và kiểm thử; không phải VNeID thật.</p>'
        "</main></body></html>"
    )


def _error(message: str | None) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""


def login_page(action: str, txn: str, business: bool, switch_url: str, error: str | None = None) -> str:
    """CCCD + password; for a business also the enterprise code."""
    tabs = (
        f'<p class="tabs"><a href="{escape(switch_url)}">Công dân</a><a class="on">Tổ chức, doanh nghiệp</a></p>'
        if business
        else f'<p class="tabs"><a class="on">Công dân</a><a href="{escape(switch_url)}">Tổ chức, doanh nghiệp</a></p>'
    )
    enterprise = (
        '<label for="enterprise_code">Mã số doanh nghiệp</label>'
        '<input id="enterprise_code" name="enterprise_code" inputmode="numeric" required>'
        if business
        else ""
    )
    who = "Số định danh cá nhân của người đại diện" if business else "Số định danh cá nhân"
    form = (
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="txn" value="{escape(txn)}">{enterprise}'
        f'<label for="cccd">{who}</label>'
        '<input id="cccd" name="cccd" inputmode="numeric" autocomplete="username" required>'
        '<label for="password">Mật khẩu</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        '<button type="submit">Đăng nhập</button></form>'
    )
    return _page("Đăng nhập", tabs + _error(error) + form)


def otp_page(action: str, txn: str, error: str | None = None, dev_code: str | None = None) -> str:
    """The one-time code step; in development the code is shown on the page too."""
    dev = (
        f'<p class="dev">Mã OTP (môi trường phát triển): <b id="dev-otp">{escape(dev_code)}</b></p>' if dev_code else ""
    )
    form = (
        "<p>Nhập mã xác thực (OTP) gồm 6 chữ số đã gửi tới ứng dụng VNeID của bạn.</p>"
        f'<form method="post" action="{escape(action)}"><input type="hidden" name="txn" value="{escape(txn)}">'
        '<label for="otp">Mã OTP</label>'
        '<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>'
        '<button type="submit">Xác nhận</button></form>'
    )
    return _page("Xác thực OTP", _error(error) + form + dev)


def error_page(message: str) -> str:
    return _page("Lỗi", _error(message))
