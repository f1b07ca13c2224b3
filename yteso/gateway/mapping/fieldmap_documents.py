# ruff: noqa: E501
"""Field-by-field mapping of the document tables XML5-XML15: ``element | meaning (VI) | FHIR element | transformation``.

"section" means a Composition.section titled with the meaning column, coded ``<table>.<element>``
in ``…/CodeSystem/chi-tieu-xml4750``, its narrative the value (dates dd/MM/yyyy [HH:mm], coded
values followed by their meaning).
"""

from __future__ import annotations

XML5 = """
MA_LK | Mã liên kết | Composition.encounter | the visit's Encounter
STT | Số thứ tự | Composition.id | id key `XML5:<STT>`; one Composition (LOINC 11506-3 Progress note) per row
DIEN_BIEN_LS | Diễn biến lâm sàng | section | text (vital signs are not parsed out)
GIAI_DOAN_BENH | Giai đoạn bệnh | section | text
HOI_CHAN | Hội chẩn | section | text
PHAU_THUAT | Phẫu thuật, thủ thuật | section | text
THOI_DIEM_DBLS | Thời điểm diễn biến lâm sàng | Composition.date | dateTime +07:00
NGUOI_THUC_HIEN | Người thực hiện | Composition.author | logical Practitioner per code (BHXH number when 10 digits, else CCHN); none → the facility
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML6 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition per row, confidentiality R, meta.security HIV + R
MA_THE_BHYT | Mã thẻ BHYT | — | not mapped: copy of XML1 (Coverage)
SO_CCCD | Số CCCD | — | not mapped: copy of XML1 (Patient)
NGAY_SINH | Ngày sinh | — | not mapped: copy of XML1
GIOI_TINH | Giới tính | — | not mapped: copy of XML1
DIA_CHI | Địa chỉ | — | not mapped: copy of XML1
MATINH_CU_TRU | Mã tỉnh nơi cư trú | — | not mapped: copy of XML1
MAHUYEN_CU_TRU | Mã huyện nơi cư trú | — | not mapped: copy of XML1
MAXA_CU_TRU | Mã xã nơi cư trú | — | not mapped: copy of XML1
NGAYKD_HIV | Ngày khẳng định HIV | section | date
NOI_LAY_MAU_XN | Nơi lấy mẫu xét nghiệm | section | text
NOI_XN_KD | Nơi xét nghiệm khẳng định | section | text
NOI_BDDT_ARV | Nơi bắt đầu điều trị ARV | section | text
BDDT_ARV | Ngày bắt đầu điều trị ARV | section | date
MA_PHAC_DO_DIEU_TRI_BD | Mã phác đồ điều trị ban đầu | section | text
MA_BAC_PHAC_DO_BD | Mã bậc phác đồ ban đầu | section | text
MA_LYDO_DTRI | Mã lý do đăng ký điều trị | section | text
LOAI_DTRI_LAO | Loại điều trị lao | section | code with its meaning
SANG_LOC_LAO | Sàng lọc lao | section | text
PHACDO_DTRI_LAO | Phác đồ điều trị lao | section | text
NGAYBD_DTRI_LAO | Ngày bắt đầu điều trị lao | section | date
NGAYKT_DTRI_LAO | Ngày kết thúc điều trị lao | section | date
KQ_DTRI_LAO | Kết quả điều trị lao | section | text
MA_LYDO_XNTL_VR | Mã lý do xét nghiệm tải lượng vi rút | section | text
NGAY_XN_TLVR | Ngày xét nghiệm tải lượng vi rút | section | date
KQ_XNTL_VR | Kết quả xét nghiệm tải lượng vi rút | section | text
NGAY_KQ_XN_TLVR | Ngày có kết quả tải lượng vi rút | section | date
MA_LOAI_BN | Mã loại người bệnh | section | text
GIAI_DOAN_LAM_SANG | Giai đoạn lâm sàng | section | text
NHOM_DOI_TUONG | Nhóm đối tượng | section | text
MA_TINH_TRANG_DK | Mã tình trạng đến khám | section | text
LAN_XN_PCR | Lần xét nghiệm PCR | section | text
NGAY_XN_PCR | Ngày xét nghiệm PCR | section | date
NGAY_KQ_XN_PCR | Ngày có kết quả PCR | section | date
MA_KQ_XN_PCR | Kết quả xét nghiệm PCR | section | text
NGAY_NHAN_TT_MANG_THAI | Ngày nhận thông tin mang thai | section | date
NGAY_BAT_DAU_DT_CTX | Ngày bắt đầu điều trị Cotrimoxazol | section | date
MA_XU_TRI | Mã xử trí | section | text
NGAY_BAT_DAU_XU_TRI | Ngày bắt đầu xử trí | section | date
NGAY_KET_THUC_XU_TRI | Ngày kết thúc xử trí | section | date
MA_PHAC_DO_DIEU_TRI | Mã phác đồ điều trị | section | text
MA_BAC_PHAC_DO | Mã bậc phác đồ | section | text
SO_NGAY_CAP_THUOC_ARV | Số ngày cấp thuốc ARV | section | text
NGAY_CHUYEN_PHAC_DO | Ngày chuyển phác đồ | section | date
LY_DO_CHUYEN_PHAC_DO | Lý do chuyển phác đồ | section | text
MA_CSKCB | Mã cơ sở KBCB | section | text
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML7 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition (LOINC 18842-5 Discharge summary) per row
SO_LUU_TRU | Số lưu trữ | Composition.identifier; section | value, type.text, assigner the facility
MA_YTE | Mã y tế (mã người bệnh) | section | text
MA_KHOA_RV | Mã khoa ra viện | section | text
NGAY_VAO | Thời điểm vào viện | Composition.event.period.start; section | dateTime / dd/MM/yyyy HH:mm
NGAY_RA | Thời điểm ra viện | Composition.event.period.end; section | dateTime / dd/MM/yyyy HH:mm
MA_DINH_CHI_THAI | Đình chỉ thai nghén | section | code with its meaning
NGUYENNHAN_DINHCHI | Nguyên nhân đình chỉ thai nghén | section | text
THOIGIAN_DINHCHI | Thời điểm đình chỉ thai nghén | section | date and time
TUOI_THAI | Tuổi thai (tuần) | section | text
CHAN_DOAN_RV | Chẩn đoán ra viện | section | text
PP_DIEUTRI | Phương pháp điều trị | section | text
GHI_CHU | Ghi chú | section | text
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
MA_BS | Mã trưởng khoa | Composition.author; section | logical Practitioner (BHXH number), display TEN_BS
TEN_BS | Họ tên trưởng khoa | Composition.author.display; section | text
NGAY_CT | Ngày chứng từ | Composition.date; section | date (else NGAY_RA)
MA_CHA | Mã BHXH của cha | section | text
MA_ME | Mã BHXH của mẹ | section | text
MA_THE_TAM | Mã thẻ BHYT tạm thời | section | text
HO_TEN_CHA | Họ tên cha | section | text
HO_TEN_ME | Họ tên mẹ | section | text
SO_NGAY_NGHI | Số ngày nghỉ ngoại trú | section | text
NGOAITRU_TUNGAY | Nghỉ ngoại trú từ ngày | section | date
NGOAITRU_DENNGAY | Nghỉ ngoại trú đến ngày | section | date
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML8 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition (LOINC 34133-9 Summary of episode note) per row; author the facility
MA_LOAI_KCB | Mã hình thức KBCB | section | code with its meaning
HO_TEN_CHA | Họ tên cha | section | text
HO_TEN_ME | Họ tên mẹ | section | text
NGUOI_GIAM_HO | Người giám hộ | section | text
DON_VI | Đơn vị công tác | section | text
NGAY_VAO | Thời điểm vào viện | Composition.event.period.start; section | dateTime
NGAY_RA | Thời điểm ra viện | Composition.event.period.end; section | dateTime
CHAN_DOAN_VAO | Chẩn đoán vào viện | section | text
CHAN_DOAN_RV | Chẩn đoán ra viện | section | text
QT_BENHLY | Quá trình bệnh lý và diễn biến lâm sàng | section | text
TOMTAT_KQ | Tóm tắt kết quả cận lâm sàng | section | text
PP_DIEUTRI | Phương pháp điều trị | section | text
NGAY_SINHCON | Ngày sinh con | section | date
NGAY_CONCHET | Ngày con chết | section | date
SO_CONCHET | Số con chết | section | text
KET_QUA_DTRI | Kết quả điều trị | section | code with its meaning
GHI_CHU | Ghi chú | section | text
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
NGAY_CT | Ngày chứng từ | Composition.date; section | date (else NGAY_RA)
MA_THE_TAM | Mã thẻ BHYT tạm thời | section | text
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML9 = """
MA_LK | Mã liên kết | Composition.encounter | per row: a newborn Patient, a birth-weight Observation and the certificate Composition (subject the mother; no LOINC code for a birth certificate outside the US standard certificate)
MA_BHXH_NND | Mã BHXH người nuôi dưỡng | section | text
MA_THE_NND | Mã thẻ BHYT người nuôi dưỡng | section | text
HO_TEN_NND | Họ tên mẹ / người nuôi dưỡng | newborn Patient.contact (mother).name; section | relationship v3 MTH + v2 N
NGAYSINH_NND | Ngày sinh mẹ / người nuôi dưỡng | section | date
MA_DANTOC_NND | Mã dân tộc mẹ | section | text
SO_CCCD_NND | Số CCCD mẹ / người nuôi dưỡng | section | text
NGAYCAP_CCCD_NND | Ngày cấp CCCD | section | date
NOICAP_CCCD_NND | Nơi cấp CCCD | section | text
NOI_CU_TRU_NND | Nơi cư trú mẹ / người nuôi dưỡng | newborn Patient.contact (mother).address.text; section | text
MA_QUOCTICH | Mã quốc tịch mẹ | section | text
MATINH_CU_TRU | Mã tỉnh nơi cư trú | section | text
MAHUYEN_CU_TRU | Mã huyện nơi cư trú | section | text
MAXA_CU_TRU | Mã xã nơi cư trú | section | text
HO_TEN_CHA | Họ tên cha | newborn Patient.contact (father).name; section | relationship v3 FTH + v2 N
MA_THE_TAM | Mã thẻ BHYT tạm thời của con | newborn Patient.identifier; section | system `…/sid/bhyt`, type.text
HO_TEN_CON | Họ tên dự kiến của con | newborn Patient.name; section | as a Vietnamese name
GIOI_TINH_CON | Giới tính con | newborn Patient.gender; section | 1 male, 2 female
SO_CON | Số con trong lần sinh | newborn Patient.multipleBirthBoolean; section | true when more than 1
LAN_SINH | Lần sinh | section | text
SO_CON_SONG | Số con hiện sống | section | text
CAN_NANG_CON | Cân nặng con (g) | Observation (LOINC 8339-4, subject the newborn).valueQuantity; section | UCUM g
NGAY_SINH_CON | Thời điểm sinh con | newborn Patient.birthDate (+ extension patient-birthTime); Observation.effectiveDateTime; section | dateTime +07:00
NOI_SINH_CON | Nơi sinh con | newborn Patient.extension patient-birthPlace (valueAddress.text); section | text
TINH_TRANG_CON | Tình trạng con | section | text
SINHCON_PHAUTHUAT | Sinh con phải phẫu thuật | section | code with its meaning
SINHCON_DUOI32TUAN | Sinh con dưới 32 tuần | section | code with its meaning
GHI_CHU | Ghi chú | section | text
NGUOI_DO_DE | Người đỡ đẻ | section | text
NGUOI_GHI_PHIEU | Người ghi phiếu | Composition.author.display; section | name-only Practitioner reference
NGAY_CT | Ngày cấp giấy chứng sinh | Composition.date; section | date (else NGAY_SINH_CON)
SO | Số giấy chứng sinh | Composition.identifier; section | value, assigner the facility
QUYEN_SO | Quyển số | section | text
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML10 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition per row (no LOINC code for this certificate)
SO_SERI | Số seri | Composition.identifier; section | value, assigner the facility
SO_CT | Số chứng từ | section | text
SO_NGAY | Số ngày nghỉ | section | text
DON_VI | Đơn vị công tác | section | text
CHAN_DOAN_RV | Chẩn đoán | section | text
TU_NGAY | Nghỉ từ ngày | Composition.event.period.start; section | date
DEN_NGAY | Nghỉ đến ngày | Composition.event.period.end; section | date
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
TEN_BS | Họ tên bác sĩ | Composition.author.display; section | text
MA_BS | Mã bác sĩ | Composition.author; section | logical Practitioner (BHXH number)
NGAY_CT | Ngày chứng từ | Composition.date; section | date
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML11 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition per row (no LOINC code for a sick-leave certificate)
SO_CT | Số chứng từ | section | text
SO_SERI | Số seri | Composition.identifier; section | value, assigner the facility
SO_KCB | Số KCB | section | text
DON_VI | Đơn vị công tác | section | text
MA_BHXH | Mã số BHXH | section | text (Demographics has no slot for the social-insurance number)
MA_THE_BHYT | Mã thẻ BHYT | section | text
CHAN_DOAN_RV | Chẩn đoán | section | text
PP_DIEUTRI | Phương pháp điều trị | section | text
MA_DINH_CHI_THAI | Đình chỉ thai nghén | section | code with its meaning
NGUYENNHAN_DINHCHI | Nguyên nhân đình chỉ thai nghén | section | text
TUOI_THAI | Tuổi thai (tuần) | section | text
SO_NGAY_NGHI | Số ngày nghỉ | section | text
TU_NGAY | Nghỉ từ ngày | Composition.event.period.start; section | date
DEN_NGAY | Nghỉ đến ngày | Composition.event.period.end; section | date
HO_TEN_CHA | Họ tên cha | section | text
HO_TEN_ME | Họ tên mẹ | section | text
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
MA_BS | Mã bác sĩ | Composition.author; section | logical Practitioner (BHXH number)
NGAY_CT | Ngày chứng từ | Composition.date; section | date
MA_THE_TAM | Mã thẻ BHYT tạm thời | section | text
MAU_SO | Mẫu số | section | text
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML12 = """
NGUOI_CHU_TRI | Người chủ trì | — | XML12 is entered on the BHXH portal, never sent by a facility: nothing to map
CHUC_VU | Chức vụ | — | not received
NGAY_HOP | Ngày họp | — | not received
HO_TEN | Họ và tên | — | not received
NGAY_SINH | Ngày sinh | — | not received
SO_CCCD | Số CCCD | — | not received
NGAY_CAP_CCCD | Ngày cấp CCCD | — | not received
NOI_CAP_CCCD | Nơi cấp CCCD | — | not received
DIA_CHI | Địa chỉ | — | not received
MATINH_CU_TRU | Mã tỉnh nơi cư trú | — | not received
MAHUYEN_CU_TRU | Mã huyện nơi cư trú | — | not received
MAXA_CU_TRU | Mã xã nơi cư trú | — | not received
MA_BHXH | Mã số BHXH | — | not received
MA_THE_BHYT | Mã thẻ BHYT | — | not received
NGHE_NGHIEP | Nghề nghiệp | — | not received
DIEN_THOAI | Điện thoại | — | not received
MA_DOI_TUONG | Mã đối tượng | — | not received
KHAM_GIAM_DINH | Khám giám định | — | not received
SO_BIEN_BAN | Số biên bản | — | not received
TYLE_TTCT_CU | Tỷ lệ tổn thương cơ thể cũ | — | not received
DANG_HUONG_CHE_DO | Đang hưởng chế độ | — | not received
NGAY_CHUNG_TU | Ngày chứng từ | — | not received
SO_GIAY_GIOI_THIEU | Số giấy giới thiệu | — | not received
NGAY_DE_NGHI | Ngày đề nghị | — | not received
MA_DONVI | Mã đơn vị | — | not received
GIOI_THIEU_CUA | Giới thiệu của | — | not received
KET_QUA_KHAM | Kết quả khám | — | not received
SO_VAN_BAN_CAN_CU | Số văn bản căn cứ | — | not received
TYLE_TTCT_MOI | Tỷ lệ tổn thương cơ thể mới | — | not received
TONG_TYLE_TTCT | Tổng tỷ lệ tổn thương cơ thể | — | not received
DANG_KHUYETTAT | Dạng khuyết tật | — | not received
MUC_DO_KHUYETTAT | Mức độ khuyết tật | — | not received
DE_NGHI | Đề nghị | — | not received
DUOC_XACDINH | Được xác định | — | not received
DU_PHONG | Trường dự phòng | — | not received
"""

XML13 = """
MA_LK | Mã liên kết | ServiceRequest.encounter; Composition.encounter | per row: a ServiceRequest (referral) and the letter as a Composition (LOINC 57133-1 Referral note) in ServiceRequest.supportingInfo
SO_HOSO | Số hồ sơ chuyển tuyến | ServiceRequest.identifier; section | type.text, assigner the facility
SO_CHUYENTUYEN | Số sổ chuyển tuyến | ServiceRequest.identifier; section | type.text, assigner the facility
GIAY_CHUYEN_TUYEN | Số giấy chuyển tuyến | ServiceRequest.identifier; Composition.identifier; section | type.text, assigner the facility
MA_CSKCB | Mã cơ sở cấp giấy | section | text (the requester's facility is the caller's)
MA_NOI_DI | Mã nơi chuyển đi | section | text
MA_NOI_DEN | Mã nơi chuyển đến | ServiceRequest.performer; section | logical Organization (MA_CSKCB); XML1 MA_NOI_DEN when empty
HO_TEN | Họ tên người bệnh | — | not mapped: copy of XML1 (Patient)
NGAY_SINH | Ngày sinh | — | not mapped: copy of XML1
GIOI_TINH | Giới tính | — | not mapped: copy of XML1
MA_QUOCTICH | Mã quốc tịch | — | not mapped: copy of XML1
MA_DANTOC | Mã dân tộc | — | not mapped: copy of XML1
MA_NGHE_NGHIEP | Mã nghề nghiệp | — | not mapped: copy of XML1
DIA_CHI | Địa chỉ | — | not mapped: copy of XML1
MA_THE_BHYT | Mã thẻ BHYT | — | not mapped: copy of XML1 (Coverage)
GT_THE_DEN | Giá trị thẻ đến ngày | — | not mapped: copy of XML1 (Coverage)
NGAY_VAO | Thời điểm vào viện | section | dateTime
NGAY_VAO_NOI_TRU | Thời điểm vào nội trú | section | dateTime
NGAY_RA | Thời điểm ra viện | ServiceRequest.authoredOn; Composition.date; section | dateTime +07:00 (else XML1 NGAY_RA)
DAU_HIEU_LS | Dấu hiệu lâm sàng | ServiceRequest.note; section | "Dấu hiệu lâm sàng: …"
CHAN_DOAN_RV | Chẩn đoán | ServiceRequest.reasonCode.text; section | else XML1 CHAN_DOAN_RV
QT_BENHLY | Quá trình bệnh lý | ServiceRequest.note; section | text
TOMTAT_KQ | Tóm tắt kết quả cận lâm sàng | ServiceRequest.note; section | text
PP_DIEUTRI | Phương pháp điều trị | ServiceRequest.note; section | text
MA_BENH_CHINH | Mã bệnh chính | ServiceRequest.reasonCode.coding; reasonReference the main Condition; section | ICD-10; else XML1 codes
MA_BENH_KT | Mã bệnh kèm theo | ServiceRequest.reasonCode.coding; section | ICD-10
MA_BENH_YHCT | Mã bệnh y học cổ truyền | section | text
TEN_DICH_VU | Dịch vụ kỹ thuật đã sử dụng | ServiceRequest.note; section | text
TEN_THUOC | Thuốc đã sử dụng | ServiceRequest.note; section | text
PP_DIEU_TRI | Phương pháp điều trị (như XML1) | section | text
MA_LOAI_RV | Loại ra viện | section | code with its meaning
MA_LYDO_CT | Lý do chuyển tuyến | ServiceRequest.reasonCode | system `…/CodeSystem/ly-do-chuyen-tuyen`, with its meaning
HUONG_DIEU_TRI | Hướng điều trị | ServiceRequest.note; section | text
PHUONGTIEN_VC | Phương tiện vận chuyển | ServiceRequest.note; section | text
HOTEN_NGUOI_HT | Họ tên người hộ tống | ServiceRequest.note; section | "Người hộ tống: name (title)"
CHUCDANH_NGUOI_HT | Chức danh người hộ tống | ServiceRequest.note; section | text
MA_BAC_SI | Mã bác sĩ (CCHN) | ServiceRequest.requester; Composition.author; section | logical Practitioner (CCHN)
MA_TTDV | Mã người đứng đầu cơ sở | Composition.attester (legal).party; section | logical Practitioner (BHXH number)
DU_PHONG | Trường dự phòng | section | text, when filled
"""

XML14 = """
MA_LK | Mã liên kết | Appointment.id | id key `XML14:<n>`; one Appointment (booked, type FOLLOWUP) per row
SO_GIAYHEN_KL | Số giấy hẹn khám lại | Appointment.identifier | type.text, assigner the facility
MA_CSKCB | Mã cơ sở cấp giấy hẹn | Appointment.participant (Location) | logical Location (MA_CSKCB, as the registries publish it): R4 Appointment participants cannot be Organizations
HO_TEN | Họ tên người bệnh | — | not mapped: copy of XML1; the patient is Appointment.participant
NGAY_SINH | Ngày sinh | — | not mapped: copy of XML1
GIOI_TINH | Giới tính | — | not mapped: copy of XML1
DIA_CHI | Địa chỉ | — | not mapped: copy of XML1
MA_THE_BHYT | Mã thẻ BHYT | — | not mapped: copy of XML1
GT_THE_DEN | Giá trị thẻ đến ngày | — | not mapped: copy of XML1
NGAY_VAO | Thời điểm vào viện | — | not mapped: copy of XML1 (Encounter.period)
NGAY_VAO_NOI_TRU | Thời điểm vào nội trú | — | not mapped: copy of XML1
NGAY_RA | Thời điểm ra viện | — | not mapped: copy of XML1
NGAY_HEN_KL | Thời điểm hẹn khám lại | Appointment.start, Appointment.end | start the time (a date alone: 00:00), end 23:59:59 that day, +07:00
CHAN_DOAN_RV | Chẩn đoán | Appointment.reasonCode.text | else XML1 CHAN_DOAN_RV
MA_BENH_CHINH | Mã bệnh chính | Appointment.reasonCode.coding; reasonReference the main Condition | ICD-10; else XML1 codes
MA_BENH_KT | Mã bệnh kèm theo | Appointment.reasonCode.coding | ICD-10
MA_BENH_YHCT | Mã bệnh y học cổ truyền | — | not mapped: XML1 Conditions carry them
MA_DOITUONG_KCB | Mã đối tượng KBCB | — | not mapped: copy of XML1 (Encounter.type)
MA_BAC_SI | Mã bác sĩ hẹn (CCHN) | Appointment.participant | logical Practitioner (CCHN), status accepted
MA_TTDV | Mã người đứng đầu cơ sở | — | not mapped: an Appointment has no signer
NGAY_CT | Ngày cấp giấy hẹn | Appointment.created | date
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

XML15 = """
MA_LK | Mã liên kết | Composition.encounter | one Composition per row
STT | Số thứ tự | Composition.id | id key `XML15:<STT>`
MA_BN | Mã người bệnh | — | not mapped: copy of XML1
HO_TEN | Họ tên | — | not mapped: copy of XML1
SO_CCCD | Số CCCD | — | not mapped: copy of XML1
PHANLOAI_LAO_VITRI | Phân loại lao theo vị trí giải phẫu | section | code with its meaning
PHANLOAI_LAO_TS | Phân loại lao theo tiền sử điều trị | section | code with its meaning
PHANLOAI_LAO_HIV | Phân loại lao theo tình trạng HIV | section | code with its meaning
PHANLOAI_LAO_VK | Phân loại lao theo bằng chứng vi khuẩn học | section | code with its meaning
PHANLOAI_LAO_KT | Phân loại lao theo tình trạng kháng thuốc | section | code with its meaning
LOAI_DTRI_LAO | Loại điều trị lao | section | code with its meaning
NGAYBD_DTRI_LAO | Ngày bắt đầu điều trị lao | Composition.event.period.start; section | date
PHACDO_DTRI_LAO | Phác đồ điều trị lao | section | text
NGAYKT_DTRI_LAO | Ngày kết thúc điều trị lao | Composition.event.period.end; Composition.date; section | date (date: end, else start, else XML1 NGAY_RA)
KET_QUA_DTRI_LAO | Kết quả điều trị lao | section | text
MA_CSKCB | Mã cơ sở KBCB | section | text
NGAYKD_HIV | Ngày khẳng định HIV | section | date
BDDT_ARV | Ngày bắt đầu điều trị ARV | section | date
NGAY_BAT_DAU_DT_CTX | Ngày bắt đầu điều trị Cotrimoxazol | section | date
DU_PHONG | Trường dự phòng | section | text, when filled
"""

TABLES: dict[str, str] = {
    "XML5": XML5,
    "XML6": XML6,
    "XML7": XML7,
    "XML8": XML8,
    "XML9": XML9,
    "XML10": XML10,
    "XML11": XML11,
    "XML12": XML12,
    "XML13": XML13,
    "XML14": XML14,
    "XML15": XML15,
}
