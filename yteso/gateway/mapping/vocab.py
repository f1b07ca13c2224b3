"""Meanings of the coded fields of QĐ 130/4750 (Vietnamese displays) and their FHIR equivalents.

Displays are quoted from the decision text (annex of QĐ 4750) where it lists the codes; codes it
does not describe get no display rather than a guessed one.
"""

from __future__ import annotations

from yteso.gateway.mapping import systems, values

LOAI_KCB: dict[str, str] = {
    "01": "Khám bệnh",
    "02": "Điều trị ngoại trú",
    "03": "Điều trị nội trú",
    "04": "Điều trị nội trú ban ngày",
    "05": "Điều trị ngoại trú bệnh mạn tính dài ngày, có khám bệnh và lĩnh thuốc",
    "06": "Điều trị lưu tại trạm y tế tuyến xã, phòng khám đa khoa khu vực",
    "07": "Nhận thuốc theo hẹn (không khám bệnh)",
    "08": "Điều trị ngoại trú bệnh mạn tính dài ngày, có khám bệnh, dịch vụ kỹ thuật và/hoặc thuốc",
    "09": "Điều trị nội trú dưới 04 giờ",
}

ENCOUNTER_CLASS: dict[str, tuple[str, str]] = {
    "01": ("AMB", "ambulatory"),
    "02": ("AMB", "ambulatory"),
    "03": ("IMP", "inpatient encounter"),
    "04": ("SS", "short stay"),
    "05": ("AMB", "ambulatory"),
    "06": ("IMP", "inpatient encounter"),
    "07": ("AMB", "ambulatory"),
    "08": ("AMB", "ambulatory"),
    "09": ("SS", "short stay"),
    # QĐ 1804/2026 codes (reported by a secondary source, SPEC §5): other, mobile, home, family
    # medicine, telemedicine, periodic check, screening.
    "10": ("AMB", "ambulatory"),
    "11": ("FLD", "field"),
    "12": ("HH", "home health"),
    "13": ("AMB", "ambulatory"),
    "14": ("VR", "virtual"),
    "15": ("AMB", "ambulatory"),
    "16": ("AMB", "ambulatory"),
}
"""MA_LOAI_KCB → v3 ActCode encounter class; unknown codes are ambulatory."""
EMERGENCY_CLASS = ("EMER", "emergency")
EMERGENCY_VISIT = "2"
"""MA_DOITUONG_KCB of an emergency visit (cấp cứu)."""

KET_QUA_DTRI: dict[str, str] = {
    "1": "Khỏi",
    "2": "Đỡ",
    "3": "Không thay đổi",
    "4": "Nặng hơn",
    "5": "Tử vong",
    "6": "Tiên lượng nặng xin về",
    "7": "Chưa xác định",
    "8": "Tử vong ngoại viện",
}
LOAI_RV: dict[str, str] = {
    "1": "Ra viện",
    "2": "Chuyển tuyến theo yêu cầu chuyên môn",
    "3": "Trốn viện",
    "4": "Xin ra viện",
    "5": "Chuyển tuyến theo yêu cầu người bệnh",
}
DISPOSITION_BY_RV: dict[str, tuple[str, str]] = {
    "1": ("home", "Home"),
    "2": ("other-hcf", "Other healthcare facility"),
    "3": ("aadvice", "Left against advice"),
    "4": ("aadvice", "Left against advice"),
    "5": ("other-hcf", "Other healthcare facility"),
}
DIED = frozenset({"5", "8"})
"""KET_QUA_DTRI codes of a death: the discharge disposition becomes ``exp``."""

MA_NHOM: dict[str, str] = {
    "1": "Xét nghiệm",
    "2": "Chẩn đoán hình ảnh",
    "3": "Thăm dò chức năng",
    "4": "Thuốc",
    "7": "Máu",
    "8": "Phẫu thuật",
    "10": "Vật tư y tế",
    "12": "Vận chuyển người bệnh",
    "13": "Khám bệnh",
    "14": "Ngày giường bệnh ban ngày",
    "15": "Ngày giường bệnh điều trị nội trú",
    "16": "Ngày giường lưu",
    "17": "Chế phẩm máu",
    "18": "Thủ thuật",
    "19": "Dịch vụ khác",
}
PROCEDURE_GROUPS: dict[str, tuple[str, str] | None] = {
    "1": ("103693007", "Diagnostic procedure"),
    "2": ("103693007", "Diagnostic procedure"),
    "3": ("103693007", "Diagnostic procedure"),
    "8": ("387713003", "Surgical procedure"),
    "18": None,
}
"""MA_NHOM of the XML3 lines that become a Procedure → SNOMED CT Procedure.category (None: text only)."""
RESULT_CATEGORY: dict[str, tuple[str, str]] = {
    "1": ("laboratory", "LAB"),
    "2": ("imaging", "RAD"),
    "3": ("procedure", "OTH"),
}
"""MA_NHOM of the XML3 service of an XML4 result → (Observation category, DiagnosticReport section)."""

PHAM_VI: dict[str, str] = {
    "1": "Trong phạm vi hưởng BHYT",
    "2": "Ngoài phạm vi hưởng BHYT",
    "3": "Ngoài danh mục, quỹ BHYT chi trả cho quân đội, công an, cơ yếu",
}
MA_PTTT: dict[str, str] = {"1": "Phí dịch vụ", "2": "Định suất", "3": "Trường hợp bệnh (DRG)"}
NGUON_CTRA: dict[str, str] = {
    "1": "Quỹ BHYT chi trả",
    "2": "Dự án, viện trợ",
    "3": "Chương trình mục tiêu quốc gia",
    "4": "Nguồn khác",
}
PP_VO_CAM: dict[str, str] = {"1": "Gây mê", "2": "Gây tê", "3": "Châm tê", "4": "Phương pháp vô cảm khác"}
LY_DO_CT: dict[str, str] = {
    "1": "Đủ điều kiện chuyển tuyến theo quy định",
    "2": "Không phù hợp với khả năng đáp ứng của cơ sở KBCB",
    "3": "Theo yêu cầu của người bệnh hoặc người đại diện hợp pháp",
}
GIOI_TINH: dict[str, str] = {"1": "Nam", "2": "Nữ", "3": "Chưa xác định"}
SEX: dict[str, str] = {"1": "male", "2": "female"}

ENUMERATIONS: dict[str, dict[str, str]] = {
    "GIOI_TINH": GIOI_TINH,
    "GIOI_TINH_CON": GIOI_TINH,
    "KET_QUA_DTRI": KET_QUA_DTRI,
    "MA_LOAI_RV": LOAI_RV,
    "MA_LOAI_KCB": LOAI_KCB,
    "MA_LYDO_CT": LY_DO_CT,
    "MA_DINH_CHI_THAI": {"0": "Không đình chỉ thai nghén", "1": "Đình chỉ thai nghén"},
    "SINHCON_PHAUTHUAT": {"0": "Không phẫu thuật", "1": "Sinh con phải phẫu thuật"},
    "SINHCON_DUOI32TUAN": {"0": "Không", "1": "Sinh con dưới 32 tuần tuổi"},
    "PHANLOAI_LAO_VITRI": {"1": "Lao phổi", "2": "Lao ngoài phổi"},
    "PHANLOAI_LAO_TS": {
        "1": "Lao mới",
        "2": "Tái phát",
        "3": "Thất bại",
        "4": "Điều trị lại sau bỏ trị",
        "5": "Điều trị lại khác",
        "6": "Không rõ tiền sử điều trị",
    },
    "PHANLOAI_LAO_HIV": {"1": "Lao/HIV (+)", "2": "Lao/HIV (-)", "3": "Không rõ tình trạng HIV"},
    "PHANLOAI_LAO_VK": {"1": "Có bằng chứng vi khuẩn học", "2": "Không có bằng chứng vi khuẩn học"},
    "PHANLOAI_LAO_KT": {
        "1": "Lao kháng đơn thuốc",
        "2": "Lao kháng nhiều thuốc",
        "3": "Lao đa kháng thuốc",
        "4": "Lao kháng Rifampicin",
        "5": "Lao tiền siêu kháng",
        "6": "Lao siêu kháng thuốc",
    },
    "LOAI_DTRI_LAO": {
        "0": "Không điều trị lao",
        "1": "Điều trị lao tiềm ẩn",
        "2": "Điều trị lao",
        "3": "Điều trị lao kháng thuốc",
    },
}
"""Field → code → Vietnamese meaning, used to render coded values in Composition sections."""


def coding(system: str, code: str, table: dict[str, str] | None = None) -> dict[str, str]:
    """A Coding of one of our code systems, with the Vietnamese display when the code is known."""
    out = {"system": system, "code": code}
    if table is not None and (display := table.get(code)):
        out["display"] = display
    return out


def loai_kcb(code: str) -> dict[str, str]:
    return coding(systems.MA_LOAI_KCB, code, LOAI_KCB)


class CodeList:
    """One code list of the standard in a FHIR system, with the Coding of each code it describes built once."""

    __slots__ = ("_known", "displays", "system")

    def __init__(self, system: str, displays: dict[str, str]) -> None:
        self.system = system
        self.displays = displays
        self._known = {code: coding(system, code, displays) for code in displays}

    def coding(self, raw: str) -> dict[str, str] | None:
        """The Coding of a raw field value (a new dict each call), None when the value is empty."""
        known = self._known.get(raw)
        if known is not None:
            return known.copy()
        value = values.code(raw)
        return None if value is None else coding(self.system, value, self.displays)
