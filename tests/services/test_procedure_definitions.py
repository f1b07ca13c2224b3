"""Procedures are data: the shipped definitions load and are consistent; a broken file is refused
at load with its name and the problem; the API lists and describes them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.services.conftest import Svc
from yteso.services.catalog import PACKAGED, ProcedureFileError, load_catalog, load_file
from yteso.services.service import HANDLERS
from yteso.services.states import TRANSITIONS, USER_ACTIONS


def test_the_four_procedures_ship() -> None:
    catalog = load_catalog()
    assert {"kcb-gphn", "kcb-gphd", "attp-tpbvsk", "ttbyt-gpnk"} <= set(catalog)
    gphn = catalog["kcb-gphn"]
    assert gphn.steps[0].service == "justice.criminal_record" and gphn.on_approve == ("practitioner_registry",)
    assert catalog["attp-tpbvsk"].time_limit_days == 21 and catalog["attp-tpbvsk"].supplement.max_rounds == 1
    assert catalog["ttbyt-gpnk"].channel == "single_window"
    assert catalog["kcb-gphd"].fee_for({"facility_type": "benh-vien"}) == 10_500_000
    for proc in catalog.values():
        assert sum(s.days for s in proc.steps) <= proc.time_limit_days
        assert proc.steps[-1].decides


def _broken(tmp_path: Path, change: dict) -> Path:  # type: ignore[type-arg]
    data = yaml.safe_load((PACKAGED / "attp-tpbvsk.yaml").read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    ({"time_limit_days": 5}, "over the limit"),
    ({"steps": [{"id": "a", "name": "A", "name_en": "A", "role": "specialist", "days": 1}]}, "decides"),
    ({"result": {"doc_type": "x", "title": "{form.nope}", "number_format": "{seq}", "issuer": "BYT",
                 "sections": []}}, "no form field"),
    ({"fee": {"name": "x", "amount_vnd": 1, "basis": "y", "by_field": "phone"}}, "choice field"),
    ({"colour": "blue"}, "colour"),
])
def test_broken_definitions_are_refused(tmp_path: Path, change: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ProcedureFileError) as err:
        load_file(_broken(tmp_path, change))
    assert "broken.yaml" in str(err.value) and message in str(err.value)


def test_every_user_action_has_a_handler() -> None:
    assert set(HANDLERS) == set(USER_ACTIONS) and set(TRANSITIONS) > USER_ACTIONS


def test_procedures_api(svc: Svc) -> None:
    anyone = svc.anonymous()
    listed = anyone.get("/api/services/procedures").json()["procedures"]
    assert {p["code"] for p in listed} >= {"kcb-gphn", "kcb-gphd", "attp-tpbvsk", "ttbyt-gpnk"}
    business = anyone.get("/api/services/procedures", params={"applicant": "business"}).json()["procedures"]
    assert "kcb-gphn" not in {p["code"] for p in business}
    detail = anyone.get("/api/services/procedures/kcb-gphn").json()
    assert detail["form"][0]["key"] == "full_name" and detail["steps"][0]["role"] == "system"
    assert anyone.get("/api/services/procedures/nope").status_code == 404
    table = anyone.get("/api/services/states").json()
    assert {"action": "approve", "to": "decided"}.items() <= next(
        t for t in table["transitions"] if t["action"] == "approve").items()
    assert table["portal_codes"]["supplement_requested"] == 5
