"""Vocabulary of the synthetic dossier generator: names, places, diagnoses, drugs, services.

Administrative codes and DVKT service codes are real (GSO list of 2024, QĐ 4440 annex 3); drug
ingredient codes, prices and tender numbers are invented but have the real shapes. ICD-10 codes
are checked against the packaged QĐ 4469 list by the tests.
"""

from __future__ import annotations

SURNAMES = (
    "NGUYỄN",
    "TRẦN",
    "LÊ",
    "PHẠM",
    "HOÀNG",
    "HUỲNH",
    "PHAN",
    "VŨ",
    "VÕ",
    "ĐẶNG",
    "BÙI",
    "ĐỖ",
    "HỒ",
    "NGÔ",
    "DƯƠNG",
    "LÝ",
)
SURNAME_WEIGHTS = (38, 11, 9, 7, 5, 4, 4, 4, 3, 2, 2, 2, 2, 2, 1, 1)
MIDDLE_MALE = ("VĂN", "HỮU", "ĐỨC", "MINH", "QUỐC", "THANH", "CÔNG", "XUÂN", "ĐÌNH", "HOÀNG")
MIDDLE_FEMALE = ("THỊ", "NGỌC", "THU", "THANH", "MINH", "KIM", "HỒNG", "PHƯƠNG", "BẢO", "MỸ")
GIVEN_MALE = (
    "AN",
    "BÌNH",
    "CƯỜNG",
    "DŨNG",
    "HẢI",
    "HÙNG",
    "HUY",
    "KHÁNH",
    "LONG",
    "MINH",
    "NAM",
    "PHONG",
    "QUANG",
    "QUÂN",
    "SƠN",
    "THẮNG",
    "TRUNG",
    "TUẤN",
    "VIỆT",
    "VINH",
)
GIVEN_FEMALE = (
    "ANH",
    "CHÂU",
    "DUNG",
    "GIANG",
    "HÀ",
    "HẠNH",
    "HOA",
    "HƯƠNG",
    "LAN",
    "LINH",
    "MAI",
    "NGA",
    "NHUNG",
    "PHƯƠNG",
    "THẢO",
    "TRANG",
    "TUYẾT",
    "VÂN",
    "VY",
    "YẾN",
)

# (province, district, commune) codes and names, from the 11/06/2024 administrative-unit list.
PLACES = (
    ("01", "250", "08983", "Xã Tiến Thắng, Huyện Mê Linh, Thành phố Hà Nội"),
    ("01", "271", "09691", "Xã Thuần Mỹ, Huyện Ba Vì, Thành phố Hà Nội"),
    ("01", "001", "00001", "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội"),
    ("79", "765", "26950", "Phường 17, Quận Bình Thạnh, Thành phố Hồ Chí Minh"),
    ("79", "775", "27355", "Phường 06, Quận 6, Thành phố Hồ Chí Minh"),
    ("48", "493", "20269", "Phường Mân Thái, Quận Sơn Trà, Thành phố Đà Nẵng"),
    ("48", "491", "20212", "Phường Tân Chính, Quận Thanh Khê, Thành phố Đà Nẵng"),
    ("31", "305", "11374", "Phường Lam Sơn, Quận Lê Chân, Thành phố Hải Phòng"),
    ("92", "916", "31123", "Phường Thới Bình, Quận Ninh Kiều, Thành phố Cần Thơ"),
    ("26", "251", "09025", "Thị trấn Yên Lạc, Huyện Yên Lạc, Tỉnh Vĩnh Phúc"),
    ("38", "394", "15442", "Xã Yên Lạc, Huyện Yên Định, Tỉnh Thanh Hóa"),
    ("46", "480", "20020", "Phường Hương Chữ, Thị xã Hương Trà, Tỉnh Thừa Thiên Huế"),
    ("75", "732", "26113", "Xã Hàng Gòn, Thành phố Long Khánh, Tỉnh Đồng Nai"),
    ("89", "889", "30466", "Xã Khánh Hòa, Huyện Châu Phú, Tỉnh An Giang"),
)
STREETS = ("Số 12 ngõ 34", "Số 5", "Thôn Đông", "Tổ 7", "Số 88 đường Trần Phú", "Xóm 3", "Số 21 hẻm 9")

# (ICD-10, discharge diagnosis text, department, MA_LOAI_KCB "01" outpatient / "03" inpatient)
OUTPATIENT_DIAGNOSES = (
    ("J06.9", "Nhiễm trùng hô hấp trên cấp"),
    ("I10", "Tăng huyết áp vô căn (nguyên phát)"),
    ("E11.9", "Bệnh đái tháo đường không phụ thuộc insulin, không có biến chứng"),
    ("K29.7", "Viêm dạ dày, không đặc hiệu"),
    ("J20.9", "Viêm phế quản cấp, không đặc hiệu"),
    ("M54.5", "Đau vùng thắt lưng"),
    ("E78.5", "Tăng lipid máu, không đặc hiệu"),
    ("K21.9", "Bệnh trào ngược dạ dày - thực quản không có viêm thực quản"),
    ("J02.9", "Viêm họng cấp, không đặc hiệu"),
    ("M17.9", "Thoái hóa khớp gối, không đặc hiệu"),
    ("E03.9", "Suy giáp, không đặc hiệu"),
    ("H10.9", "Viêm kết mạc, không đặc hiệu"),
)
INPATIENT_DIAGNOSES = (
    ("J18.9", "Viêm phổi, không đặc hiệu"),
    ("I63.9", "Nhồi máu não, không đặc hiệu"),
    ("K35.8", "Viêm ruột thừa cấp, khác và không đặc hiệu"),
    ("A09", "Tiêu chảy và viêm dạ dày-ruột do nhiễm trùng"),
    ("J44.9", "Bệnh phổi tắc nghẽn mãn tính, không đặc hiệu"),
    ("I50.9", "Suy tim, không đặc hiệu"),
    ("N39.0", "Nhiễm khuẩn hệ tiết niệu, vị trí không xác định"),
    ("K80.2", "Sỏi túi mật không có viêm túi mật"),
)
SECONDARY_DIAGNOSES = ("I10", "E11.9", "E78.5", "K21.9", "D50.9", "E66.9", "I25.1")
DELIVERY_DIAGNOSIS = ("O80.0", "Đẻ thường ngôi chỏm")

# (MA_THUOC, TEN_THUOC, HAM_LUONG, DON_VI_TINH, DUONG_DUNG, DANG_BAO_CHE, SO_DANG_KY, DON_GIA, LIEU_DUNG)
DRUGS = (
    ("40.8", "Paracetamol", "500mg", "Viên", "1.01", "Viên nén", "VD-21342-14", 450.0, "1 viên/lần * 3 lần/ngày"),
    (
        "40.152",
        "Amoxicilin",
        "500mg",
        "Viên",
        "1.01",
        "Viên nang cứng",
        "VD-25813-16",
        1150.0,
        "1 viên/lần * 2 lần/ngày",
    ),
    ("40.677", "Omeprazol", "20mg", "Viên", "1.01", "Viên nang", "VD-30125-18", 780.0, "1 viên/lần * 1 lần/ngày"),
    (
        "40.482",
        "Metformin",
        "850mg",
        "Viên",
        "1.01",
        "Viên nén bao phim",
        "VD-28763-18",
        620.0,
        "1 viên/lần * 2 lần/ngày",
    ),
    ("40.373", "Amlodipin", "5mg", "Viên", "1.01", "Viên nén", "VD-26512-17", 390.0, "1 viên/lần * 1 lần/ngày"),
    (
        "40.509",
        "Losartan",
        "50mg",
        "Viên",
        "1.01",
        "Viên nén bao phim",
        "VN-20256-17",
        2300.0,
        "1 viên/lần * 1 lần/ngày",
    ),
    (
        "40.228",
        "Cefuroxim",
        "500mg",
        "Viên",
        "1.01",
        "Viên nén bao phim",
        "VN-19874-16",
        8900.0,
        "1 viên/lần * 2 lần/ngày",
    ),
    (
        "40.1008",
        "Natri clorid",
        "0,9% 500ml",
        "Chai",
        "2.15",
        "Dung dịch tiêm truyền",
        "VD-22950-15",
        11500.0,
        "1 chai/ngày, truyền tĩnh mạch XL giọt/phút",
    ),
    ("40.221", "Ceftriaxon", "1g", "Lọ", "2.10", "Bột pha tiêm", "VD-27544-17", 23500.0, "1 lọ/lần * 2 lần/ngày"),
    ("40.1029", "Vitamin B1", "100mg", "Ống", "2.09", "Dung dịch tiêm", "VD-24115-16", 1800.0, "1 ống/ngày"),
)

# (MA_DICH_VU, TEN_DICH_VU, MA_NHOM, DON_GIA, lab indicators [(MA_CHI_SO, TEN_CHI_SO, unit, low, high)])
Indicator = tuple[str, str, str, float, float]
EXAM = ("02.1896", "Khám Nội", "13", 42100.0, ())
LABS: tuple[tuple[str, str, str, float, tuple[Indicator, ...]], ...] = (
    (
        "22.0121.1369",
        "Tổng phân tích tế bào máu ngoại vi (bằng máy đếm laser)",
        "1",
        46200.0,
        (
            ("WBC", "Số lượng bạch cầu (WBC)", "G/L", 4.0, 10.0),
            ("RBC", "Số lượng hồng cầu (RBC)", "T/L", 3.8, 5.8),
            ("HGB", "Huyết sắc tố (HGB)", "g/L", 120.0, 170.0),
        ),
    ),
    ("23.0075.1494", "Định lượng Glucose [Máu]", "1", 21500.0, (("GLU", "Glucose", "mmol/L", 3.9, 6.4),)),
    ("23.0051.1494", "Định lượng Creatinin (máu)", "1", 21500.0, (("CRE", "Creatinin", "µmol/L", 62.0, 120.0),)),
    ("23.0019.1493", "Đo hoạt độ ALT (GPT) [Máu]", "1", 21500.0, (("ALT", "ALT (GPT)", "U/L", 5.0, 40.0),)),
    ("23.0020.1493", "Đo hoạt độ AST (GOT) [Máu]", "1", 21500.0, (("AST", "AST (GOT)", "U/L", 5.0, 40.0),)),
    (
        "23.0041.1506",
        "Định lượng Cholesterol toàn phần (máu)",
        "1",
        26900.0,
        (("CHOL", "Cholesterol toàn phần", "mmol/L", 3.9, 5.2),),
    ),
    ("23.0083.1523", "Định lượng HbA1c [Máu]", "1", 101000.0, (("HBA1C", "HbA1c", "%", 4.0, 6.0),)),
)
OTHER_SERVICES = (
    ("18.0119.0028", "Chụp Xquang ngực thẳng", "2", 65400.0, ()),
    ("18.0015.0001", "Siêu âm ổ bụng (gan mật, tụy, lách, thận, bàng quang)", "2", 43900.0, ()),
    ("02.0085.1778", "Điện tim thường", "3", 32800.0, ()),
    ("03.2391.0215", "Truyền tĩnh mạch", "18", 21400.0, ()),
)
BED_DAY = ("K03.1920", "Ngày giường bệnh Nội khoa loại 1 hạng II", "15", 214300.0, ())
SUPPLIES = (
    ("N03.05.010", "Bơm tiêm nhựa 5ml", "Cái", 1200.0),
    ("N03.01.070", "Kim luồn tĩnh mạch 22G", "Cái", 9800.0),
    ("N02.01.020", "Bông y tế 100g", "Gói", 15500.0),
)
DOCTORS = ("001234/HNO-CCHN", "003871/HNO-CCHN", "012566/BYT-CCHN", "000452/HCM-CCHN", "007219/DNA-CCHN")
CARD_GROUPS = (("DN", "4"), ("HC", "4"), ("GD", "4"), ("HN", "1"), ("CN", "3"), ("CB", "2"))
"""(beneficiary group, benefit level) of working-age card holders; children get TE/1, retirees HT/3."""
BENEFIT = {"1": 100, "2": 100, "3": 95, "4": 80, "5": 100}
