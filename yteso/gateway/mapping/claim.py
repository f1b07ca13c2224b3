"""The insurance side of a dossier: Coverage per BHYT card (XML1) and the Claim with a line per XML2/XML3 row.

R4 Claim has no element for what the insurer and the patient pay (that is ClaimResponse, which we
do not store): the XML1 totals go in the ``ext-bhyt-claim-totals`` extension and each line's
amounts in ``ext-bhyt-claim-line``, one sub-extension per XML element, named after it.
``Claim.total`` is T_TONGCHI_BV and ``item.net`` THANH_TIEN_BV (cost at the hospital's price).
"""

from __future__ import annotations

import re

from yteso.core.ids import BHYT_BENEFIT_PERCENT, BHYT_SYSTEM, EXT_PRIMARY_CARE_FACILITY, ICD10_SYSTEM
from yteso.gateway.mapping import systems, values, vocab
from yteso.gateway.mapping.context import Context
from yteso.gateway.mapping.values import HEALTH_ID, JSON
from yteso.gateway.xml4750.codes import normalise_icd10
from yteso.gateway.xml4750.model import Row

_CARD = re.compile(r"[A-Z]{2}[1-5]")

TOTALS = (
    "T_THUOC",
    "T_VTYT",
    "T_TONGCHI_BV",
    "T_TONGCHI_BH",
    "T_BNTT",
    "T_BNCCT",
    "T_BHTT",
    "T_NGUONKHAC",
    "T_BHTT_GDV",
)
"""XML1 money totals kept in the Claim totals extension."""
LINE_MONEY = (
    "DON_GIA_BH",
    "THANH_TIEN_BH",
    "T_TRANTT",
    "T_NGUONKHAC_NSNN",
    "T_NGUONKHAC_VTNN",
    "T_NGUONKHAC_VTTN",
    "T_NGUONKHAC_CL",
    "T_NGUONKHAC",
    "T_BNTT",
    "T_BNCCT",
    "T_BHTT",
)
LINE_DECIMAL = ("TYLE_TT_DV", "TYLE_TT_BH", "MUC_HUONG")
LINE_TEXT = (
    "MA_KHOA",
    "MA_DICH_VU",
    "MA_CSKCB_THUOC",
    "TT_THAU",
    "GOI_VTYT",
    "MA_XANG_DAU",
    "MA_GIUONG",
    "MA_HIEU_SP",
)
LINE_FLAGS = ("VET_THUONG_TP", "TAI_SU_DUNG")


def coverages(ctx: Context) -> list[JSON]:
    """One Coverage per card of MA_THE_BHYT (GT_THE_TU/GT_THE_DEN/MA_DKBD aligned by position), or a
    self-pay Coverage when the visit is not under BHYT. The last card is the current one."""
    s = ctx.summary
    cards = [part.strip() for part in s.get("MA_THE_BHYT", "").split(";")]
    starts = [part.strip() for part in s.get("GT_THE_TU", "").split(";")]
    ends = [part.strip() for part in s.get("GT_THE_DEN", "").split(";")]
    registered = [part.strip() for part in s.get("MA_DKBD", "").split(";")]
    indexed = [(i, card) for i, card in enumerate(cards) if values.code(card)]
    if not indexed:
        return [_self_pay(ctx)]
    applied = _applied_benefit(ctx)
    out = []
    for position, (i, raw) in enumerate(indexed):
        card = values.code(raw) or raw
        current = position == len(indexed) - 1
        body: JSON = {
            "resourceType": "Coverage",
            "id": ctx.ids("Coverage", card),
            "identifier": [{"system": BHYT_SYSTEM, "value": card}],
            "status": "active",
            "type": {
                "coding": [{"system": systems.V3_ACT_CODE, "code": "PUBLICPOL", "display": "public healthcare"}],
                "text": "Bảo hiểm y tế",
            },
            "subscriberId": card,
            "beneficiary": ctx.patient(),
            "relationship": {"coding": [{"system": systems.SUBSCRIBER_RELATIONSHIP, "code": "self"}]},
        }
        span = values.period(
            values.day(starts[i]) if i < len(starts) else None, values.day(ends[i]) if i < len(ends) else None
        )
        if span:
            body["period"] = span
        body["payor"] = [values.bhxh_payer()]
        classes = _classes(card, s.get("MA_KHUVUC", ""))
        if classes:
            body["class"] = classes
        level = applied if current and applied is not None else _card_benefit(card)
        if level is not None and 0 <= level <= 100:
            body["costToBeneficiary"] = [
                {
                    "type": {"coding": [{"system": systems.COVERAGE_COPAY_TYPE, "code": "copaypct"}]},
                    "valueQuantity": {"value": 100 - level, "unit": "%", "system": systems.UCUM, "code": "%"},
                }
            ]
        if i < len(registered) and (facility := values.code(registered[i])):
            body["extension"] = [{"url": EXT_PRIMARY_CARE_FACILITY, "valueReference": values.facility(facility)}]
        out.append(body)
    return out


def _self_pay(ctx: Context) -> JSON:
    return {
        "resourceType": "Coverage",
        "id": ctx.ids("Coverage", "self-pay"),
        "status": "active",
        "type": {
            "coding": [{"system": systems.COVERAGE_SELFPAY, "code": "pay", "display": "Pay"}],
            "text": "Tự chi trả",
        },
        "beneficiary": ctx.patient(),
        "payor": [ctx.patient()],
    }


def _classes(card: str, area: str) -> list[JSON]:
    out: list[JSON] = []
    if _CARD.match(card):
        out.append({"type": _class_type("group"), "value": card[:2], "name": "Mã đối tượng tham gia BHYT"})
        percent = BHYT_BENEFIT_PERCENT.get(int(card[2]))
        out.append({"type": _class_type("plan"), "value": card[2], "name": f"Mức hưởng {card[2]} ({percent}%)"})
    if area_code := values.code(area):
        out.append({"type": _class_type("subgroup"), "value": area_code, "name": "Nơi sinh sống (MA_KHUVUC)"})
    return out


def _class_type(code: str) -> JSON:
    return {"coding": [{"system": systems.COVERAGE_CLASS, "code": code}]}


def _card_benefit(card: str) -> int | None:
    return BHYT_BENEFIT_PERCENT.get(int(card[2])) if _CARD.match(card) else None


def _applied_benefit(ctx: Context) -> int | None:
    """The benefit level (MUC_HUONG, %) applied to most lines of the dossier."""
    counts: dict[str, int] = {}
    for table in ("XML2", "XML3"):
        for row in ctx.rows(table):
            level = row.get("MUC_HUONG", "")
            if level:
                counts[level] = counts.get(level, 0) + 1
    for level, _ in sorted(counts.items(), key=lambda item: -item[1]):
        value = values.number(level)
        if value is not None and value == int(value):
            return int(value)
    return None


def claim(ctx: Context, coverage: list[JSON]) -> JSON | None:
    """The claim of the visit; None only when the dossier has no usable date at all (it fails validation)."""
    s = ctx.summary
    created = next(
        (d for name in ("NGAY_TTOAN", "NGAY_RA", "NGAY_VAO") if (d := values.date_time(s.get(name, "")))), None
    )
    if created is None:
        return None
    kind = s.get("MA_LOAI_KCB", "")
    body: JSON = {
        "resourceType": "Claim",
        "id": ctx.ids("Claim", "claim"),
        "identifier": [ctx.visit_identifier()],
        "status": "active",
        "type": {"coding": [{"system": systems.CLAIM_TYPE, "code": "pharmacy" if kind == "07" else "institutional"}]},
    }
    if kind_code := values.code(kind):
        body["subType"] = {"coding": [vocab.loai_kcb(kind_code)]}
    body["use"] = "claim"
    body["patient"] = ctx.patient()
    if span := values.period(values.date_time(s.get("NGAY_VAO", "")), values.date_time(s.get("NGAY_RA", ""))):
        body["billablePeriod"] = span
    body["created"] = created
    if enterer := values.first_staff(s.get("MA_TTDV", ""), HEALTH_ID):
        body["enterer"] = enterer
    insured = any(c.get("identifier") for c in coverage)
    if insured:
        body["insurer"] = values.bhxh_payer()
    body["provider"] = ctx.facility()
    body["priority"] = {"coding": [{"system": systems.PROCESS_PRIORITY, "code": "normal"}]}
    diagnosis, sequences = _diagnoses(s)
    if info := _supporting_info(s):
        body["supportingInfo"] = info
    if diagnosis:
        body["diagnosis"] = diagnosis
    if procedures := [
        {"sequence": n, "procedureCodeableConcept": {"coding": [c]}}
        for n, c in enumerate(values.codings(systems.ICD9CM, s.get("MA_PTTT_QT", "")), start=1)
    ]:
        body["procedure"] = procedures
    body["insurance"] = [
        {"sequence": n, "focal": n == len(coverage), "coverage": ctx.ref("Coverage", c["id"])}
        for n, c in enumerate(coverage, start=1)
    ]
    items = _items(ctx, sequences)
    if items:
        body["item"] = items
    if total := values.money(s.get("T_TONGCHI_BV", "")):
        body["total"] = total
    totals = [{"url": name, "valueMoney": m} for name in TOTALS if (m := values.money(s.get(name, "")))]
    if totals:
        body["extension"] = [{"url": systems.EXT_CLAIM_TOTALS, "extension": totals}]
    return body


def _diagnoses(s: Row) -> tuple[list[JSON], dict[str, int]]:
    out: list[JSON] = []
    sequences: dict[str, int] = {}
    main = values.code(normalise_icd10(s.get("MA_BENH_CHINH", "")))
    codes = ([main] if main else []) + [
        c for part in values.split(s.get("MA_BENH_KT", "")) if (c := values.code(normalise_icd10(part)))
    ]
    for code in codes:
        if code in sequences:
            continue
        sequences[code] = len(out) + 1
        entry: JSON = {
            "sequence": len(out) + 1,
            "diagnosisCodeableConcept": {"coding": [{"system": ICD10_SYSTEM, "code": code}]},
        }
        if code == main:
            entry["type"] = [{"coding": [{"system": systems.DIAGNOSIS_TYPE, "code": "principal"}]}]
        out.append(entry)
    for coding in values.codings(systems.BENH_YHCT, s.get("MA_BENH_YHCT", "")):
        out.append({"sequence": len(out) + 1, "diagnosisCodeableConcept": {"coding": [coding]}})
    return out, sequences


_INFO_DATES = ("NGAY_MIEN_CCT", "NAM_NAM_LIEN_TUC")


def _supporting_info(s: Row) -> list[JSON]:
    out: list[JSON] = []

    def add(entry: JSON) -> None:
        entry["sequence"] = len(out) + 1
        entry["category"] = {"coding": [{"system": systems.CLAIM_INFO_CATEGORY, "code": "info"}]}
        out.append(entry)

    year, month = s.get("NAM_QT", ""), s.get("THANG_QT", "")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        add({"code": _field("THANG_QT", "Tháng, năm đề nghị quyết toán"), "timingDate": f"{year}-{int(month):02d}"})
    if category := values.code(s.get("MA_DOITUONG_KCB", "")):
        add({"code": {"coding": [{"system": systems.MA_DOITUONG_KCB, "code": category}]}})
    for name in _INFO_DATES:
        if when := values.day(s.get(name, "")):
            add({"code": _field(name), "timingDate": when})
    if accident := values.code(s.get("MA_TAI_NAN", "")):
        add({"code": {"coding": [{"system": systems.TAI_NAN, "code": accident}]}})
    if letter := s.get("GIAY_CHUYEN_TUYEN", ""):
        add({"code": _field("GIAY_CHUYEN_TUYEN", "Số giấy chuyển tuyến"), "valueString": letter})
    if method := s.get("PP_DIEU_TRI", ""):
        add({"code": _field("PP_DIEU_TRI", "Phương pháp điều trị"), "valueString": method})
    return out


def _field(name: str, display: str | None = None) -> JSON:
    coding = {"system": systems.FIELD, "code": f"XML1.{name}"}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def _items(ctx: Context, diagnoses: dict[str, int]) -> list[JSON]:
    items: list[JSON] = []
    encounter = ctx.encounter
    for row in ctx.rows("XML2"):
        get = row.get
        product = _concept(systems.DRUG, get("MA_THUOC", ""), get("TEN_THUOC", ""), "Thuốc")
        item = _item(row, len(items) + 1, product, get("DON_GIA", ""), get("NGAY_TH_YL", ""))
        item["encounter"] = [encounter()]
        items.append(item)
    for row in ctx.rows("XML3"):
        get = row.get
        if supply := get("MA_VAT_TU", ""):
            product = _concept(systems.SUPPLY, supply, get("TEN_VAT_TU", ""), "Vật tư y tế")
        else:
            product = _concept(systems.DVKT, get("MA_DICH_VU", ""), get("TEN_DICH_VU", ""), "Dịch vụ kỹ thuật")
        item = _item(row, len(items) + 1, product, get("DON_GIA_BV", ""), get("NGAY_KQ", "") or get("NGAY_TH_YL", ""))
        ratio = values.number(get("TYLE_TT_DV", ""))
        if ratio is not None and ratio != 100 and ratio >= 0:
            item["factor"] = ratio / 100
        if reasons := [diagnoses[c] for c in values.icd10_list(get("MA_BENH", "")) if c in diagnoses]:
            item["diagnosisSequence"] = sorted(set(reasons))
        item["encounter"] = [encounter()]
        items.append(item)
    return items


def _concept(system: str, code: str, name: str, fallback: str) -> JSON:
    concept: JSON = {}
    if (value := values.code(code)) is not None:
        coding = {"system": system, "code": value}
        if name:
            coding["display"] = name
        concept["coding"] = [coding]
    concept["text"] = name or fallback
    return concept


_GROUPS = vocab.CodeList(systems.MA_NHOM, vocab.MA_NHOM)
_PROGRAMS = (
    ("PHAM_VI", vocab.CodeList(systems.PHAM_VI, vocab.PHAM_VI)),
    ("MA_PTTT", vocab.CodeList(systems.MA_PTTT, vocab.MA_PTTT)),
    ("NGUON_CTRA", vocab.CodeList(systems.NGUON_CTRA, vocab.NGUON_CTRA)),
)


def _item(row: Row, sequence: int, product: JSON, unit_price: str, done: str) -> JSON:
    get = row.get
    item: JSON = {"sequence": sequence}
    if (group := _GROUPS.coding(get("MA_NHOM", ""))) is not None:
        item["category"] = {"coding": [group]}
    item["productOrService"] = product
    if programs := [{"coding": [c]} for name, codes in _PROGRAMS if (c := codes.coding(get(name, ""))) is not None]:
        item["programCode"] = programs
    if span := values.period(values.date_time(get("NGAY_YL", "")), values.date_time(done)):
        item["servicedPeriod"] = span
    if amount := values.quantity(get("SO_LUONG", ""), get("DON_VI_TINH", "")):
        item["quantity"] = amount
    if price := values.money(unit_price):
        item["unitPrice"] = price
    if net := values.money(get("THANH_TIEN_BV", "")):
        item["net"] = net
    if details := _line_details(row):
        item["extension"] = [{"url": systems.EXT_CLAIM_LINE, "extension": details}]
    return item


def _line_details(row: Row) -> list[JSON]:
    """The line's amounts (zero ones left out), rates, billing codes and flags, one sub-extension each."""
    get = row.get
    number = values.number
    out: list[JSON] = [
        {"url": name, "valueMoney": {"value": amount, "currency": "VND"}}
        for name in LINE_MONEY
        if (raw := get(name)) and (amount := number(raw))
    ]
    for name in LINE_DECIMAL:
        if (raw := get(name)) and (decimal := number(raw)) is not None:
            out.append({"url": name, "valueDecimal": decimal})
    for name in LINE_TEXT:
        if raw := get(name):
            out.append({"url": name, "valueString": raw})
    for name in LINE_FLAGS:
        if get(name) == "1":
            out.append({"url": name, "valueBoolean": True})
    if (registration := values.code(get("SO_DANG_KY", ""))) is not None:
        out.append(
            {"url": "SO_DANG_KY", "valueIdentifier": {"system": systems.DRUG_REGISTRATION, "value": registration}}
        )
    return out
