"""Language of the pages: Vietnamese by default, English available.

The language comes from ``?lang=en`` (remembered in the ``lang`` cookie), else that cookie, else the
browser's ``Accept-Language``, else Vietnamese. Texts of the pages are in :data:`MESSAGES`; texts of
the domain (procedure names, field labels) come with their own English (``name_en``, ``label_en``).
"""

from __future__ import annotations

from collections.abc import Callable

from yteso.services.states import TRANSITIONS, VI_NAME

LANGS = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"

STATUS_EN = {
    "submitted": "Submitted",
    "received": "Received",
    "not_accepted": "Not accepted",
    "awaiting_payment": "Awaiting payment of the fee",
    "in_processing": "In processing",
    "supplement_requested": "Supplement requested",
    "decided": "Result ready",
    "result_returned": "Result returned",
    "withdrawn": "Withdrawn",
}
ACTION_EN = {
    "submit": "Dossier submitted",
    "receive": "Receive the dossier",
    "not_accept": "Refuse to receive",
    "request_payment": "Fee requested",
    "start": "Processing started",
    "pay": "Fee paid online",
    "confirm_payment": "Confirm a fee paid at the counter",
    "assign": "Assign to an officer",
    "complete_step": "Complete this step",
    "send_back": "Send back to the previous step",
    "interlink_done": "Answer of the interlinked agency received",
    "request_supplement": "Request a supplement",
    "supplement": "Supplement the dossier",
    "supplement_lapsed": "Supplement period lapsed",
    "approve": "Approve and sign the result",
    "refuse": "Refuse (with reasons)",
    "return_result": "Return the result",
    "withdraw": "Withdraw the dossier",
    "rate": "Rate the service",
    "apologize": "Apologise and set a new date",
    "payment_received": "Fee received",
}
ACTION_VI = {a: t.vi for a, t in TRANSITIONS.items()} | {"submit": "Nộp hồ sơ", "payment_received": "Đã nhận phí"}

MESSAGES: dict[str, tuple[str, str]] = {
    # layout
    "site.name": ("Dịch vụ công Bộ Y tế", "Ministry of Health public services"),
    "site.tagline": ("Cổng dịch vụ công trực tuyến ngành y tế", "Online public services of the health sector"),
    "nav.procedures": ("Thủ tục", "Procedures"),
    "nav.my_dossiers": ("Hồ sơ của tôi", "My dossiers"),
    "nav.dossiers": ("Hồ sơ", "Dossiers"),
    "nav.queue": ("Hàng đợi xử lý", "Work queue"),
    "nav.dashboard": ("Báo cáo 766", "766 dashboard"),
    "nav.store": ("Kho dữ liệu", "Data store"),
    "nav.verify": ("Tra cứu văn bản", "Verify a document"),
    "nav.login": ("Đăng nhập", "Log in"),
    "nav.logout": ("Đăng xuất", "Log out"),
    "nav.language": ("English", "Tiếng Việt"),
    "footer.text": (
        "Bộ Y tế — Hệ thống giải quyết thủ tục hành chính",
        "Ministry of Health — administrative procedures",
    ),
    # procedures
    "procedures.title": ("Thủ tục hành chính", "Administrative procedures"),
    "procedures.search": ("Tìm thủ tục", "Search procedures"),
    "procedures.search_button": ("Tìm", "Search"),
    "procedures.none": ("Không có thủ tục phù hợp.", "No procedure matches."),
    "procedures.count": ("{n} thủ tục", "{n} procedures"),
    "procedure.unit": ("Cơ quan giải quyết", "Handled by"),
    "procedure.time_limit": ("Thời hạn giải quyết", "Time limit"),
    "procedure.days": ("{n} ngày làm việc", "{n} working days"),
    "procedure.fee": ("Phí, lệ phí", "Fee"),
    "procedure.free": ("Không mất phí", "Free of charge"),
    "procedure.level": ("Mức độ", "Level"),
    "procedure.full_online": ("Toàn trình", "Fully online"),
    "procedure.partial_online": ("Một phần", "Partly online"),
    "procedure.applicants": ("Đối tượng", "Applicants"),
    "procedure.citizen": ("Công dân", "Citizens"),
    "procedure.business": ("Tổ chức, doanh nghiệp", "Organisations, businesses"),
    "procedure.legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "procedure.documents": ("Thành phần hồ sơ", "Documents to provide"),
    "procedure.steps": ("Trình tự thực hiện", "Steps"),
    "procedure.result": ("Kết quả", "Result"),
    "procedure.submit": ("Nộp hồ sơ trực tuyến", "Apply online"),
    "procedure.by_system": (
        "Hệ thống tự lấy qua liên thông, không cần nộp",
        "Obtained by the system from the other agency, nothing to upload",
    ),
    "procedure.optional": ("không bắt buộc", "optional"),
    # submission
    "submit.title": ("Nộp hồ sơ", "Apply"),
    "submit.form": ("Thông tin đề nghị", "Application details"),
    "submit.documents": ("Giấy tờ kèm theo", "Documents"),
    "submit.upload": ("Tải tệp lên (PDF, JPG, PNG)", "Upload a file (PDF, JPG, PNG)"),
    "submit.reuse": ("Hoặc dùng lại giấy tờ đã có trong kho dữ liệu", "Or reuse a document from your data store"),
    "submit.reuse_none": ("— Không dùng lại —", "— Do not reuse —"),
    "submit.button": ("Nộp hồ sơ", "Submit"),
    "submit.prefilled": (
        "Thông tin đã được điền sẵn từ dữ liệu quốc gia và hồ sơ trước; vui lòng kiểm tra lại.",
        "Fields were filled in from national data and earlier dossiers; please check them.",
    ),
    "submit.errors": (
        "Hồ sơ chưa hợp lệ, vui lòng sửa các mục được đánh dấu.",
        "The application has errors; please correct the marked items.",
    ),
    "submit.sent": ("Đã nộp hồ sơ {code}.", "Dossier {code} submitted."),
    "submit.for_applicants": ("Thủ tục này dành cho {who}.", "This procedure is for {who}."),
    "source.citizen": ("Từ CSDL quốc gia về dân cư", "From the national population database"),
    "source.business": ("Từ CSDL quốc gia về đăng ký doanh nghiệp", "From the national business registry"),
    "source.store": ("Từ hồ sơ trước của bạn", "From your earlier dossier"),
    "choice.none": ("— Chọn —", "— Choose —"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    # dossiers
    "dossiers.title": ("Hồ sơ của tôi", "My dossiers"),
    "dossiers.all": ("Hồ sơ", "Dossiers"),
    "dossiers.none": ("Chưa có hồ sơ nào.", "No dossiers yet."),
    "dossier.title": ("Hồ sơ {code}", "Dossier {code}"),
    "dossier.code": ("Mã hồ sơ", "Dossier code"),
    "dossier.procedure": ("Thủ tục", "Procedure"),
    "dossier.applicant": ("Người nộp", "Applicant"),
    "dossier.status": ("Trạng thái", "Status"),
    "dossier.step": ("Bước xử lý", "Current step"),
    "dossier.submitted_at": ("Ngày nộp", "Submitted"),
    "dossier.received_at": ("Ngày tiếp nhận", "Received"),
    "dossier.due_at": ("Hạn trả kết quả", "Result due"),
    "dossier.days_left": ("Còn {n} ngày làm việc", "{n} working days left"),
    "dossier.overdue": ("Quá hạn", "Overdue"),
    "dossier.fee": ("Phí phải nộp", "Fee"),
    "dossier.paid": ("Đã nộp phí", "Fee paid"),
    "dossier.form": ("Thông tin kê khai", "Declared information"),
    "dossier.documents": ("Giấy tờ trong hồ sơ", "Documents of the dossier"),
    "dossier.reused": ("dùng lại", "reused"),
    "dossier.results": ("Kết quả giải quyết", "Results"),
    "dossier.download": ("Tải về", "Download"),
    "dossier.verify": ("Kiểm tra tính xác thực", "Check authenticity"),
    "dossier.history": ("Quá trình xử lý", "History"),
    "dossier.no_actions": ("Không có thao tác nào bạn có thể thực hiện lúc này.", "Nothing for you to do now."),
    "dossier.actions": ("Thao tác", "Actions"),
    "dossier.note": ("Ghi chú", "Note"),
    "dossier.reason": ("Lý do", "Reason"),
    "dossier.decision_reason": ("Lý do", "Reason"),
    "dossier.new_due_date": ("Ngày hẹn trả mới", "New return date"),
    "dossier.officer": ("Cán bộ (mã tài khoản)", "Officer (account id)"),
    "dossier.requirements": ("Giấy tờ cần bổ sung", "Documents to supplement"),
    "dossier.pay": ("Thanh toán trực tuyến", "Pay online"),
    "dossier.pay_intro": (
        "Hồ sơ đã được tiếp nhận. Vui lòng nộp phí {amount} để hồ sơ được xử lý.",
        "The dossier was received. Please pay the fee of {amount} so that it can be processed.",
    ),
    "dossier.payment_pending": (
        "Đang chờ cổng thanh toán xác nhận giao dịch; vui lòng tải lại trang sau ít giây.",
        "Waiting for the payment gateway to confirm; reload the page in a few seconds.",
    ),
    "dossier.payment_failed": ("Giao dịch thanh toán không thành công.", "The payment did not go through."),
    "dossier.reload": ("Tải lại", "Reload"),
    "dossier.supplement_intro": ("Cơ quan giải quyết yêu cầu bổ sung hồ sơ:", "The unit asks for a supplement:"),
    "dossier.supplement_due": ("Hạn bổ sung", "Supplement due"),
    "dossier.supplement_send": ("Nộp bổ sung", "Send the supplement"),
    "dossier.rate_intro": (
        "Bạn hài lòng với việc giải quyết hồ sơ này ở mức nào?",
        "How satisfied are you with the handling of this dossier?",
    ),
    "dossier.rating": ("Đánh giá", "Rating"),
    "dossier.rating_comment": ("Góp ý (không bắt buộc)", "Comment (optional)"),
    "dossier.rated": ("Bạn đã đánh giá: {label}", "Your rating: {label}"),
    "rating.3": ("Rất hài lòng", "Very satisfied"),
    "rating.2": ("Hài lòng", "Satisfied"),
    "rating.1": ("Không hài lòng", "Not satisfied"),
    "dossier.done": ("Đã thực hiện: {action}.", "Done: {action}."),
    "dossier.withdraw_confirm": ("Rút hồ sơ này", "Withdraw this dossier"),
    "dossier.counter": ("Nộp trực tiếp", "At the counter"),
    "dossier.online": ("Trực tuyến", "Online"),
    "dossier.channel": ("Hình thức nộp", "Channel"),
    "dossier.system": ("Hệ thống", "System"),
    "decision.approved": ("Chấp thuận", "Approved"),
    "decision.refused": ("Từ chối", "Refused"),
    # queue
    "queue.title": ("Hàng đợi xử lý hồ sơ", "Dossier work queue"),
    "queue.intro": (
        "Hồ sơ đang giải quyết của đơn vị {unit}, hạn trả sớm nhất trước.",
        "Open dossiers of unit {unit}, earliest due date first.",
    ),
    "queue.filter": ("Lọc", "Filter"),
    "queue.status_any": ("Mọi trạng thái đang xử lý", "Any open status"),
    "queue.overdue_only": ("Chỉ hồ sơ quá hạn", "Overdue only"),
    "queue.mine": ("Được giao cho tôi", "Assigned to me"),
    "queue.none": ("Không có hồ sơ nào trong hàng đợi.", "The queue is empty."),
    "queue.total": ("{n} hồ sơ", "{n} dossiers"),
    "queue.next": ("Trang sau", "Next page"),
    "queue.previous": ("Trang trước", "Previous page"),
    # store
    "store.title": ("Kho dữ liệu điện tử", "Electronic data store"),
    "store.intro": (
        "Giấy tờ và kết quả đã lưu, được dùng lại cho các hồ sơ sau.",
        "Documents and results kept for reuse in later dossiers.",
    ),
    "store.none": ("Kho dữ liệu trống.", "The data store is empty."),
    "store.source.upload": ("Tải lên", "Uploaded"),
    "store.source.result": ("Kết quả TTHC", "Procedure result"),
    "store.source.interlink": ("Liên thông", "From another agency"),
    # verify
    "verify.title": ("Tra cứu, xác thực văn bản", "Verify a document"),
    "verify.genuine": (
        "Văn bản do hệ thống giải quyết TTHC của Bộ Y tế cấp — hợp lệ.",
        "Genuine: this document was issued by the Ministry of Health procedure system.",
    ),
    "verify.not_found": ("Không có văn bản nào được cấp với mã này.", "No document was issued under this code."),
    "verify.number": ("Số", "Number"),
    "verify.doc_title": ("Văn bản", "Document"),
    "verify.issuer": ("Cơ quan cấp", "Issued by"),
    "verify.issued_at": ("Ngày cấp", "Issued on"),
    "verify.valid_until": ("Có giá trị đến", "Valid until"),
    "verify.holder": ("Người được cấp (số định danh)", "Holder (ID)"),
    "verify.expired": ("Đã hết hiệu lực", "Expired"),
    "verify.valid": ("Còn hiệu lực", "In force"),
    "verify.file_intro": (
        "Kiểm tra tệp PDF bạn nhận được: hệ thống xác minh chữ ký số và nội dung không bị sửa đổi.",
        "Check a PDF you received: the digital signature and the integrity of its content.",
    ),
    "verify.file": ("Tệp PDF", "PDF file"),
    "verify.check": ("Kiểm tra", "Check"),
    "verify.file_genuine": (
        "Tệp hợp lệ: chữ ký số đúng, nội dung nguyên vẹn, do hệ thống cấp.",
        "Genuine: valid signature, unchanged content, issued by this system.",
    ),
    "verify.file_bad": ("Tệp KHÔNG hợp lệ.", "The file is NOT genuine."),
    "verify.signer": ("Người ký", "Signed by"),
    "verify.signed_at": ("Thời điểm ký", "Signed at"),
    # dashboard
    "dash.title": (
        "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
        "Service indicators for citizens and businesses (Decision 766/QĐ-TTg)",
    ),
    "dash.period": ("Kỳ báo cáo", "Period"),
    "dash.from": ("Từ ngày", "From"),
    "dash.to": ("Đến ngày", "To"),
    "dash.group": ("Nhóm theo", "Group by"),
    "dash.group.unit": ("Đơn vị", "Unit"),
    "dash.group.procedure": ("Thủ tục", "Procedure"),
    "dash.group.unit_procedure": ("Đơn vị và thủ tục", "Unit and procedure"),
    "dash.show": ("Xem", "Show"),
    "dash.totals": ("Toàn bộ kỳ báo cáo", "Whole period"),
    "dash.by_group": ("Theo nhóm", "By group"),
    "dash.counts": ("Số hồ sơ", "Dossiers"),
    "dash.none": ("Chưa có hồ sơ trong kỳ.", "No dossiers in this period."),
    "dash.target": ("mục tiêu {value}", "target {value}"),
    "dash.no_data": ("chưa có dữ liệu", "no data"),
    "ind.on_time_rate": ("Giải quyết đúng hạn", "Handled on time"),
    "ind.online_rate": ("Hồ sơ nộp trực tuyến", "Filed online"),
    "ind.digitisation_rate": ("Hồ sơ được số hóa", "Dossiers digitised"),
    "ind.result_digitisation_rate": ("Kết quả được số hóa (ký số)", "Results issued as signed files"),
    "ind.reuse_rate": ("Giấy tờ được dùng lại", "Documents reused"),
    "ind.prefill_rate": ("Thông tin được điền sẵn", "Fields prefilled"),
    "ind.online_payment_rate": ("Thanh toán trực tuyến", "Paid online"),
    "ind.satisfaction_rate": ("Mức độ hài lòng", "Satisfaction"),
    "count.received": ("Tiếp nhận", "Received"),
    "count.finished": ("Đã giải quyết", "Finished"),
    "count.finished_on_time": ("Đúng hạn", "On time"),
    "count.in_process": ("Đang giải quyết", "In process"),
    "count.in_process_overdue": ("Đang quá hạn", "Overdue now"),
    "count.paid": ("Đã nộp phí", "Fees paid"),
    "count.rated": ("Đã đánh giá", "Rated"),
    # login
    "login.title": ("Đăng nhập", "Log in"),
    "login.vneid": ("Đăng nhập bằng VNeID", "Log in with VNeID"),
    "login.vneid_business": ("Tổ chức, doanh nghiệp đăng nhập bằng VNeID", "Organisations: log in with VNeID"),
    "login.vneid_intro": (
        "Công dân, tổ chức dùng tài khoản định danh điện tử VNeID để nộp và theo dõi hồ sơ.",
        "Citizens and organisations apply and follow their dossiers with their VNeID identity.",
    ),
    "login.vneid_missing": ("Chưa cấu hình đăng nhập VNeID.", "VNeID login is not configured."),
    "login.dev_embedded": (
        "Môi trường phát triển: VNeID thử nghiệm chạy tại {url} (mật khẩu mặc định: vneid-dev).",
        "Development: the test VNeID runs at {url} (default password: vneid-dev).",
    ),
    "login.dev_title": ("Đăng nhập cán bộ (chỉ môi trường phát triển)", "Staff login (development only)"),
    "login.dev_intro": (
        "Cán bộ, lãnh đạo, quản trị dùng mẫu này khi phát triển; tắt khi YTESO_ENVIRONMENT=production.",
        "Officers, managers and admins use this form in development; it is off in production.",
    ),
    "login.role": ("Vai trò", "Role"),
    "login.subject": ("Mã tài khoản", "Account id"),
    "login.name": ("Họ và tên", "Full name"),
    "login.unit": ("Mã đơn vị", "Unit code"),
    "login.positions": ("Vị trí (khai vào danh sách cán bộ)", "Positions (declared in the staff list)"),
    "login.button": ("Đăng nhập", "Log in"),
    "login.done": ("Xin chào {name}.", "Welcome, {name}."),
    "login.failed": ("Đăng nhập VNeID không thành công: {why}", "VNeID login failed: {why}"),
    "login.expired": ("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.", "The login expired; please log in again."),
    "login.logged_out": ("Bạn đã đăng xuất.", "You are logged out."),
    "login.as": ("Đang đăng nhập: {name}", "Logged in: {name}"),
    "role.officer": ("Cán bộ", "Officer"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.analyst": ("Lãnh đạo, thống kê", "Manager, analyst"),
    "role.citizen": ("Công dân", "Citizen"),
    "position.clerk": ("Một cửa", "One-stop clerk"),
    "position.specialist": ("Chuyên viên", "Specialist"),
    "position.head": ("Lãnh đạo phòng", "Head of division"),
    "position.leader": ("Lãnh đạo Cục", "Leader of the unit"),
    # errors
    "error.title": ("Không thực hiện được", "Could not do that"),
    "error.csrf": (
        "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; vui lòng tải lại trang và thử lại.",
        "The session expired or the form is invalid; reload the page and try again.",
    ),
    "error.back": ("Về trang thủ tục", "Back to the procedures"),
}


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page language: ``?lang``, then the cookie, then ``Accept-Language``, then Vietnamese."""
    for choice in (query, cookie):
        if choice in LANGS:
            return str(choice)
    best, best_q = DEFAULT, 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if lang in LANGS and q > best_q:
            best, best_q = lang, q
    return best


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the message in ``lang`` (the key itself when missing, to be noticed)."""
    index = 1 if lang == "en" else 0

    def t(key: str, **values: object) -> str:
        pair = MESSAGES.get(key)
        text = pair[index] if pair else key
        return text.format(**values) if values else text

    return t


def status_name(status: str, lang: str) -> str:
    if lang == "en":
        return STATUS_EN.get(status, status)
    from yteso.services.states import Status

    try:
        return VI_NAME[Status(status)]
    except ValueError:
        return status


def action_name(action: str, lang: str) -> str:
    return (ACTION_EN if lang == "en" else ACTION_VI).get(action, action)
