# ruff: noqa: E501
"""Field-by-field mapping of the claims tables XML0-XML4: ``element | meaning (VI) | FHIR element | transformation``.

One line per element of the spec; rendered into docs/gateway-mapping.md by :mod:`yteso.gateway.mapping.doc`
and read by the tests, which check that every element of every table has its line.
"""

from __future__ import annotations

XML0 = """
MA_LK | Mã liên kết (mã đợt điều trị) | — | check-in record: used only to complete Demographics when XML1 leaves a field empty
STT | Số thứ tự | — | not mapped
MA_BN | Mã người bệnh | — | not mapped (as XML1)
HO_TEN | Họ và tên người bệnh | Demographics.full_name | when XML1 has none
SO_CCCD | Số CCCD / CMND / hộ chiếu | Demographics.cccd | when XML1 has none; 12 digits only
NGAY_SINH | Ngày sinh | Demographics.birth_date | when XML1 has none
GIOI_TINH | Giới tính | Demographics.sex | when XML1 has none
MA_THE_BHYT | Mã thẻ BHYT | Demographics.bhyt_card | when XML1 has none
MA_DKBD | Mã nơi đăng ký KCB ban đầu | Demographics.primary_care_facility | when XML1 has none
GT_THE_TU | Giá trị thẻ từ ngày | — | not mapped: XML1 has the card periods
GT_THE_DEN | Giá trị thẻ đến ngày | — | not mapped: as GT_THE_TU
MA_DOITUONG_KCB | Mã đối tượng KBCB | — | not mapped: XML1 holds the final value (decided at the end of the visit)
NGAY_VAO | Thời điểm đến KBCB | — | not mapped: XML1 NGAY_VAO
NGAY_VAO_NOI_TRU | Thời điểm vào nội trú | — | not mapped: XML1 NGAY_VAO_NOI_TRU
LY_DO_VNT | Lý do vào nội trú | — | not mapped: XML1 LY_DO_VNT
MA_LY_DO_VNT | Mã lý do vào nội trú | — | not mapped: XML1 MA_LY_DO_VNT
MA_LOAI_KCB | Mã hình thức KBCB | — | not mapped: XML1 MA_LOAI_KCB
MA_CSKCB | Mã cơ sở KBCB | — | not mapped: the caller's facility_code
MA_DICH_VU | Mã dịch vụ đầu tiên | — | not mapped: the charge is in XML3 with its amounts
TEN_DICH_VU | Tên dịch vụ | — | not mapped: as MA_DICH_VU
MA_THUOC | Mã thuốc đầu tiên | — | not mapped: the drug line is in XML2
TEN_THUOC | Tên thuốc | — | not mapped: as MA_THUOC
MA_VAT_TU | Mã vật tư y tế đầu tiên | — | not mapped: the supply line is in XML3
TEN_VAT_TU | Tên vật tư y tế | — | not mapped: as MA_VAT_TU
NGAY_YL | Thời điểm ra y lệnh | — | not mapped: XML2/XML3 NGAY_YL
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

XML1 = """
MA_LK | Mã liên kết (mã đợt điều trị) | Encounter.identifier, Claim.identifier; every resource id | system `…/sid/ma-lk`, assigner = the facility; part of every deterministic id
STT | Số thứ tự | — | not mapped: position in the submission
MA_BN | Mã người bệnh của cơ sở KBCB | — | not mapped: Demographics has no slot for it (the caller names a provisional Patient with it)
HO_TEN | Họ và tên người bệnh | Patient.name (Demographics.full_name) | spaces collapsed; family = first word, given = the others, text = whole name
SO_CCCD | Số CCCD / CMND / hộ chiếu / mã định danh điện tử | Patient.identifier (system `…/sid/cccd`) | only a 12-digit value; a 9-digit CMND, passport or e-ID code is not carried
NGAY_SINH | Ngày sinh | Patient.birthDate | `yyyy0000…` → YYYY, `yyyymm00…` → YYYY-MM, else YYYY-MM-DD; hour and minute dropped
GIOI_TINH | Giới tính | Patient.gender | 1 male, 2 female, 3 (chưa xác định) → no gender
NHOM_MAU | Nhóm máu | Observation (LOINC 882-1, laboratory).valueCodeableConcept.text | as written
MA_QUOCTICH | Mã quốc tịch | — | not mapped: Demographics has no slot for it
MA_DANTOC | Mã dân tộc | Patient.extension `ext-ethnicity` | valueCoding, system `…/CodeSystem/dan-toc`
MA_NGHE_NGHIEP | Mã nghề nghiệp | Patient.extension `ext-occupation` | valueCoding, system `…/CodeSystem/nghe-nghiep`; `00000` (none) dropped
DIA_CHI | Địa chỉ nơi cư trú hiện tại | Patient.address.text | use home, country VN
MATINH_CU_TRU | Mã tỉnh nơi cư trú | Patient.address.extension `ext-administrative-address` (province) | valueCoding, system `administrative-unit-vn`
MAHUYEN_CU_TRU | Mã huyện nơi cư trú | — | not mapped: Demographics carries the province only
MAXA_CU_TRU | Mã xã nơi cư trú | — | not mapped: Demographics carries the province only
DIEN_THOAI | Số điện thoại liên lạc | Patient.telecom (phone) | as written
MA_THE_BHYT | Mã thẻ BHYT | Coverage.identifier + subscriberId (one Coverage per card); Patient.identifier (system `…/sid/bhyt`) | `;` list; the last card is the current one (Patient, focal Claim.insurance); no card → a self-pay Coverage
MA_DKBD | Mã nơi đăng ký KCB ban đầu | Coverage.extension and Patient.extension `ext-primary-care-facility` | valueReference, logical Organization (MA_CSKCB); aligned with the card by position
GT_THE_TU | Thẻ có giá trị từ ngày | Coverage.period.start | aligned with the card by position
GT_THE_DEN | Thẻ có giá trị đến ngày | Coverage.period.end | aligned with the card by position
NGAY_MIEN_CCT | Thời điểm được miễn cùng chi trả | Claim.supportingInfo (code `XML1.NGAY_MIEN_CCT`).timingDate | the day
LY_DO_VV | Lý do đến khám bệnh, chữa bệnh | Encounter.reasonCode.text; visit-summary Composition section | as written
LY_DO_VNT | Lý do vào nội trú | Encounter.reasonCode.text | with MA_LY_DO_VNT in the same CodeableConcept
MA_LY_DO_VNT | Mã lý do vào nội trú | Encounter.reasonCode.coding | system `…/CodeSystem/ly-do-vao-noi-tru`
CHAN_DOAN_VAO | Chẩn đoán vào viện (sơ bộ) | Condition (verificationStatus provisional, code.text); Encounter.diagnosis use AD; visit-summary section | free text, no code
CHAN_DOAN_RV | Chẩn đoán ra viện | Condition of MA_BENH_CHINH, code.text; visit-summary section | as written
MA_BENH_CHINH | Mã bệnh chính (ICD-10) | Condition (confirmed, encounter-diagnosis); Encounter.diagnosis rank 1, use DD; Claim.diagnosis type principal | system `http://hl7.org/fhir/sid/icd-10`, dagger/asterisk removed; clinicalStatus resolved for KET_QUA_DTRI 1, active for 2-4; recordedDate NGAY_RA
MA_BENH_KT | Mã bệnh kèm theo (ICD-10) | one Condition per code; Encounter.diagnosis use DD; Claim.diagnosis | `;` list, each code once
MA_BENH_YHCT | Mã bệnh y học cổ truyền | one Condition per code; Claim.diagnosis | system `…/CodeSystem/benh-yhct`
MA_PTTT_QT | Mã phẫu thuật, thủ thuật ICD-9-CM | Claim.procedure.procedureCodeableConcept | system `http://hl7.org/fhir/sid/icd-9-cm`, one per code
MA_DOITUONG_KCB | Mã đối tượng đến KBCB | Encounter.type; Claim.supportingInfo.code | system `…/CodeSystem/ma-doituong-kcb`; `2` (cấp cứu): Encounter.priority EM, class EMER for an ambulatory visit, admitSource emd
MA_NOI_DI | Mã cơ sở chuyển người bệnh đi | Encounter.hospitalization.origin | logical Organization; admitSource hosp-trans
MA_NOI_DEN | Mã cơ sở chuyển người bệnh đến | Encounter.hospitalization.destination; ServiceRequest.performer when XML13 has none | logical Organization
MA_TAI_NAN | Mã tai nạn thương tích | Claim.supportingInfo.code | system `…/CodeSystem/tai-nan-thuong-tich`
NGAY_VAO | Thời điểm đến KBCB | Encounter.period.start; Claim.billablePeriod.start | `yyyyMMddHHmm` → dateTime with +07:00
NGAY_VAO_NOI_TRU | Thời điểm vào nội trú | Encounter.classHistory | ambulatory from NGAY_VAO, then the visit's class until NGAY_RA
NGAY_RA | Thời điểm ra viện / kết thúc | Encounter.period.end; Condition.recordedDate; Claim.billablePeriod.end | dateTime +07:00; dropped when before the start
GIAY_CHUYEN_TUYEN | Số giấy chuyển tuyến (nơi chuyển đi) | Claim.supportingInfo.valueString | code `XML1.GIAY_CHUYEN_TUYEN`
SO_NGAY_DTRI | Số ngày điều trị | Encounter.length | UCUM `d`
PP_DIEU_TRI | Phương pháp điều trị | Claim.supportingInfo.valueString; visit-summary section | as written
KET_QUA_DTRI | Kết quả điều trị | Encounter.extension `ext-treatment-outcome`; dischargeDisposition; main Condition.clinicalStatus; visit-summary section | system `…/CodeSystem/ket-qua-dtri`; 5 and 8 (died) → disposition exp
MA_LOAI_RV | Loại ra viện | Encounter.hospitalization.dischargeDisposition; visit-summary section | 1 home, 2 and 5 other-hcf, 3 and 4 aadvice, plus the code in `…/CodeSystem/ma-loai-rv`
GHI_CHU | Lời dặn của bác sĩ | visit-summary Composition section | as written
NGAY_TTOAN | Thời điểm thanh toán | Claim.created | else NGAY_RA, else NGAY_VAO
T_THUOC | Tổng tiền thuốc | Claim.extension `ext-bhyt-claim-totals` (T_THUOC) | Money VND
T_VTYT | Tổng tiền vật tư y tế | Claim.extension totals (T_VTYT) | Money VND
T_TONGCHI_BV | Tổng chi phí theo giá bệnh viện | Claim.total; totals (T_TONGCHI_BV) | Money VND
T_TONGCHI_BH | Tổng chi phí trong phạm vi BHYT | totals (T_TONGCHI_BH) | Money VND
T_BNTT | Người bệnh tự trả | totals (T_BNTT) | Money VND
T_BNCCT | Người bệnh cùng chi trả | totals (T_BNCCT) | Money VND
T_BHTT | BHXH thanh toán | totals (T_BHTT) | Money VND
T_NGUONKHAC | Nguồn khác chi trả | totals (T_NGUONKHAC) | Money VND
T_BHTT_GDV | BHXH thanh toán ngoài định suất / DRG | totals (T_BHTT_GDV) | Money VND
NAM_QT | Năm quyết toán | Claim.supportingInfo (code `XML1.THANG_QT`).timingDate | with THANG_QT as YYYY-MM
THANG_QT | Tháng quyết toán | Claim.supportingInfo.timingDate | YYYY-MM
MA_LOAI_KCB | Mã hình thức KBCB | Encounter.class; Encounter.type; Claim.subType; Claim.type | class: 01 02 05 07 08 AMB, 03 06 IMP, 04 09 SS; code in `…/CodeSystem/ma-loai-kcb`; Claim.type pharmacy for 07, else institutional
MA_KHOA | Mã khoa điều trị | Encounter.location.location.display | one per department, in order of stay
MA_CSKCB | Mã cơ sở KBCB | — | not mapped: the facility is the caller's facility_code (the checks require them equal)
MA_KHUVUC | Mã nơi sinh sống (K1/K2/K3) | Coverage.class (subgroup) | as written
CAN_NANG | Cân nặng (kg) | Observation (LOINC 29463-7, vital-signs).valueQuantity | UCUM kg, effective NGAY_VAO
CAN_NANG_CON | Cân nặng con mới sinh (g) | — | not mapped here: the baby's weight belongs to the baby's record, which XML9 creates (birth-weight Observation)
NAM_NAM_LIEN_TUC | Thời điểm đủ 5 năm liên tục | Claim.supportingInfo.timingDate | code `XML1.NAM_NAM_LIEN_TUC`
NGAY_TAI_KHAM | Ngày hẹn tái khám | Appointment (one per date) | only when the dossier has no XML14; booked for the whole day
MA_HSBA | Mã hồ sơ bệnh án | Encounter.identifier (use secondary) | type.text, assigner the facility
MA_TTDV | Mã định danh y tế người đứng đầu cơ sở | Claim.enterer | logical Practitioner, BHXH number (10 digits) else CCHN
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

XML2 = """
MA_LK | Mã liên kết | MedicationRequest.encounter; Claim.item.encounter | the visit's Encounter
STT | Số thứ tự | MedicationRequest.id | id key `XML2:<STT>` (position when STT is missing or repeated)
MA_THUOC | Mã hoạt chất | MedicationRequest.medicationCodeableConcept.coding; Claim.item.productOrService | system `…/CodeSystem/ma-thuoc-bhyt`
MA_PP_CHEBIEN | Mã phương pháp chế biến | MedicationRequest.note | "Phương pháp chế biến: …"
MA_CSKCB_THUOC | Mã cơ sở cung ứng thuốc | Claim.item.extension `ext-bhyt-claim-line` (MA_CSKCB_THUOC) | valueString
MA_NHOM | Mã nhóm chi phí | Claim.item.category | system `…/CodeSystem/ma-nhom-chi-phi`
TEN_THUOC | Tên thuốc | medicationCodeableConcept.coding.display and text; Claim.item.productOrService.text | text = name + strength + (dosage form)
DON_VI_TINH | Đơn vị tính | MedicationRequest.dispenseRequest.quantity.unit; Claim.item.quantity.unit | as written
HAM_LUONG | Hàm lượng | medicationCodeableConcept.text | appended to the name
DUONG_DUNG | Mã đường dùng | MedicationRequest.dosageInstruction.route | system `…/CodeSystem/duong-dung`
DANG_BAO_CHE | Dạng bào chế | medicationCodeableConcept.text | in parentheses after the name
LIEU_DUNG | Liều dùng | MedicationRequest.dosageInstruction.text | as written (not parsed)
CACH_DUNG | Cách dùng | MedicationRequest.dosageInstruction.patientInstruction | as written
SO_DANG_KY | Số đăng ký lưu hành | Claim.item.extension line (SO_DANG_KY) | valueIdentifier, system `…/sid/so-dang-ky`
TT_THAU | Thông tin thầu | Claim.item.extension line (TT_THAU) | valueString
PHAM_VI | Phạm vi hưởng BHYT | Claim.item.programCode | system `…/CodeSystem/pham-vi-bhyt`
TYLE_TT_BH | Tỷ lệ thanh toán BHYT (%) | Claim.item.extension line (TYLE_TT_BH) | valueDecimal
SO_LUONG | Số lượng | dispenseRequest.quantity.value; Claim.item.quantity.value | decimal
DON_GIA | Đơn giá | Claim.item.unitPrice | Money VND
THANH_TIEN_BV | Thành tiền theo giá bệnh viện | Claim.item.net | Money VND
THANH_TIEN_BH | Thành tiền trong phạm vi BHYT | Claim.item.extension line (THANH_TIEN_BH) | Money VND
T_NGUONKHAC_NSNN | Ngân sách nhà nước hỗ trợ | line (T_NGUONKHAC_NSNN) | Money VND
T_NGUONKHAC_VTNN | Viện trợ nước ngoài | line (T_NGUONKHAC_VTNN) | Money VND
T_NGUONKHAC_VTTN | Viện trợ trong nước | line (T_NGUONKHAC_VTTN) | Money VND
T_NGUONKHAC_CL | Nguồn khác còn lại | line (T_NGUONKHAC_CL) | Money VND
T_NGUONKHAC | Tổng nguồn khác | line (T_NGUONKHAC) | Money VND
MUC_HUONG | Mức hưởng (%) | line (MUC_HUONG); Coverage.costToBeneficiary (copaypct = 100 − the level of most lines) | valueDecimal
T_BNTT | Người bệnh tự trả | line (T_BNTT) | Money VND
T_BNCCT | Người bệnh cùng chi trả | line (T_BNCCT) | Money VND
T_BHTT | BHXH thanh toán | line (T_BHTT) | Money VND
MA_KHOA | Mã khoa chỉ định | line (MA_KHOA) | valueString
MA_BAC_SI | Mã bác sĩ kê đơn (CCHN) | MedicationRequest.requester | logical Practitioner, system `…/sid/cchn`; the first of a `;` list
MA_DICH_VU | Mã dịch vụ kèm theo | line (MA_DICH_VU) | valueString
NGAY_YL | Thời điểm ra y lệnh | MedicationRequest.authoredOn; Claim.item.servicedPeriod.start | dateTime +07:00
NGAY_TH_YL | Thời điểm thực hiện y lệnh | Claim.item.servicedPeriod.end | dateTime +07:00
MA_PTTT | Phương thức thanh toán | Claim.item.programCode | system `…/CodeSystem/phuong-thuc-thanh-toan`
NGUON_CTRA | Nguồn chi trả | Claim.item.programCode | system `…/CodeSystem/nguon-chi-tra`
VET_THUONG_TP | Vết thương tái phát | line (VET_THUONG_TP) | valueBoolean true when 1
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

XML3 = """
MA_LK | Mã liên kết | Procedure.encounter; Claim.item.encounter | the visit's Encounter
STT | Số thứ tự | Procedure.id | id key `XML3:<STT>`
MA_DICH_VU | Mã dịch vụ kỹ thuật / khám / giường | Procedure.code.coding; Claim.item.productOrService (service lines) | system `…/CodeSystem/dvkt-qd4440`; a Procedure only for MA_NHOM 1, 2, 3, 8, 18 and no MA_VAT_TU; suffix `_TB` → status stopped
MA_PTTT_QT | Mã phẫu thuật, thủ thuật ICD-9-CM | Procedure.code.coding | system icd-9-cm, one coding per code
MA_VAT_TU | Mã vật tư y tế | Claim.item.productOrService (supply lines) | system `…/CodeSystem/ma-vat-tu`; supplies are Claim lines only (no Device: consumables are not tracked devices)
MA_NHOM | Mã nhóm chi phí | Claim.item.category; Procedure.category | 1-3 diagnostic (SNOMED 103693007), 8 surgical (387713003), 18 text "Thủ thuật"
GOI_VTYT | Gói vật tư y tế | line (GOI_VTYT) | valueString
TEN_VAT_TU | Tên vật tư y tế | Claim.item.productOrService display/text | as written
TEN_DICH_VU | Tên dịch vụ kỹ thuật | Procedure.code.text; Claim.item.productOrService; DiagnosticReport.code.text | as written
MA_XANG_DAU | Mã loại xăng dầu | line (MA_XANG_DAU) | valueString
DON_VI_TINH | Đơn vị tính | Claim.item.quantity.unit | as written
PHAM_VI | Phạm vi hưởng BHYT | Claim.item.programCode | as XML2
SO_LUONG | Số lượng | Claim.item.quantity.value | decimal
DON_GIA_BV | Đơn giá bệnh viện | Claim.item.unitPrice | Money VND
DON_GIA_BH | Đơn giá BHYT | line (DON_GIA_BH) | Money VND
TT_THAU | Thông tin thầu | line (TT_THAU) | valueString
TYLE_TT_DV | Tỷ lệ thanh toán dịch vụ (%) | Claim.item.factor; line (TYLE_TT_DV) | factor = ratio/100 when not 100
TYLE_TT_BH | Tỷ lệ thanh toán BHYT (%) | line (TYLE_TT_BH) | valueDecimal
THANH_TIEN_BV | Thành tiền theo giá bệnh viện | Claim.item.net | Money VND
THANH_TIEN_BH | Thành tiền trong phạm vi BHYT | line (THANH_TIEN_BH) | Money VND
T_TRANTT | Trần thanh toán | line (T_TRANTT) | Money VND
MUC_HUONG | Mức hưởng (%) | line (MUC_HUONG) | valueDecimal
T_NGUONKHAC_NSNN | Ngân sách nhà nước hỗ trợ | line (T_NGUONKHAC_NSNN) | Money VND
T_NGUONKHAC_VTNN | Viện trợ nước ngoài | line (T_NGUONKHAC_VTNN) | Money VND
T_NGUONKHAC_VTTN | Viện trợ trong nước | line (T_NGUONKHAC_VTTN) | Money VND
T_NGUONKHAC_CL | Nguồn khác còn lại | line (T_NGUONKHAC_CL) | Money VND
T_NGUONKHAC | Tổng nguồn khác | line (T_NGUONKHAC) | Money VND
T_BNTT | Người bệnh tự trả | line (T_BNTT) | Money VND
T_BNCCT | Người bệnh cùng chi trả | line (T_BNCCT) | Money VND
T_BHTT | BHXH thanh toán | line (T_BHTT) | Money VND
MA_KHOA | Mã khoa | line (MA_KHOA) | valueString
MA_GIUONG | Mã giường | line (MA_GIUONG) | valueString
MA_BAC_SI | Mã bác sĩ chỉ định (CCHN) | Procedure.asserter | logical Practitioner (CCHN), the first code
NGUOI_THUC_HIEN | Người thực hiện (CCHN) | Procedure.performer.actor | one logical Practitioner (CCHN) per code
MA_BENH | Mã bệnh chỉ định (ICD-10) | Procedure.reasonCode; Claim.item.diagnosisSequence | codes also in Claim.diagnosis are linked by sequence
MA_BENH_YHCT | Mã bệnh y học cổ truyền | — | not mapped per line: XML1 MA_BENH_YHCT gives the visit's codes
NGAY_YL | Thời điểm ra y lệnh | Claim.item.servicedPeriod.start; Procedure.performedPeriod.start when NGAY_TH_YL is empty | dateTime +07:00
NGAY_TH_YL | Thời điểm thực hiện | Procedure.performedPeriod.start; Observation/DiagnosticReport.effectiveDateTime of its results; Claim.item.servicedPeriod.end when NGAY_KQ is empty | dateTime +07:00
NGAY_KQ | Thời điểm có kết quả | Procedure.performedPeriod.end; Claim.item.servicedPeriod.end | dateTime +07:00
MA_PTTT | Phương thức thanh toán | Claim.item.programCode | as XML2
VET_THUONG_TP | Vết thương tái phát | line (VET_THUONG_TP) | valueBoolean
PP_VO_CAM | Phương pháp vô cảm | Procedure.note | "Phương pháp vô cảm: Gây mê" …
VI_TRI_TH_DVKT | Vị trí thực hiện DVKT | — | not mapped: the body-site code list is not issued yet
MA_MAY | Mã máy | Procedure.usedCode.text | "Máy <code>" per code
MA_HIEU_SP | Mã hiệu sản phẩm | line (MA_HIEU_SP) | valueString
TAI_SU_DUNG | Tái sử dụng | line (TAI_SU_DUNG) | valueBoolean true when 1
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

XML4 = """
MA_LK | Mã liên kết | Observation.encounter; DiagnosticReport.encounter | the visit's Encounter
STT | Số thứ tự | Observation.id | id key `XML4:<STT>`
MA_DICH_VU | Mã dịch vụ cận lâm sàng | DiagnosticReport.code; DiagnosticReport.id; Procedure.report | rows grouped by (MA_DICH_VU, NGAY_KQ) into one report; name and category from the XML3 line of that service
MA_CHI_SO | Mã chỉ số | Observation.code.coding | system `…/CodeSystem/chi-so-cls`
TEN_CHI_SO | Tên chỉ số | Observation.code.text and coding.display | as written
GIA_TRI | Giá trị | Observation.valueQuantity, else valueString | a number → valueQuantity (`<`, `<=`, `>`, `>=` prefix → comparator); other text → valueString
DON_VI_DO | Đơn vị đo | Observation.valueQuantity.unit | as written (not claimed to be UCUM)
MO_TA | Mô tả | Observation.valueString when GIA_TRI is empty, else Observation.note | as written
KET_LUAN | Kết luận | Observation.interpretation.text; DiagnosticReport.conclusion | report: the distinct conclusions joined with "; "
NGAY_KQ | Thời điểm có kết quả | Observation.issued; DiagnosticReport.issued; effectiveDateTime when XML3 has no NGAY_TH_YL | instant +07:00
MA_BS_DOC_KQ | Mã người đọc kết quả | Observation.performer; DiagnosticReport.resultsInterpreter | logical Practitioner, BHXH number (10 digits) else CCHN
DU_PHONG | Trường dự phòng | — | not mapped: reserved
"""

TABLES: dict[str, str] = {"XML0": XML0, "XML1": XML1, "XML2": XML2, "XML3": XML3, "XML4": XML4}
