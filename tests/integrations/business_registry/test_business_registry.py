"""Business registry: realistic synthetic enterprises, lookups through the client, cache, CSV."""

from __future__ import annotations

import pytest

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.identity.population.generate import generate_citizens
from yteso.integrations.business_registry import (
    ENTERPRISE_STATUS,
    BusinessRegistryClient,
    BusinessRegistryUnavailable,
    generate,
    read_csv,
    validate_enterprise_code,
    write_csv,
)
from yteso.integrations.business_registry.server import create_business_registry_app
from yteso.testing.servers import run_app

SEED = 5


@pytest.fixture(scope="module")
def enterprises():
    return generate(300, SEED)


def test_generated_enterprises_are_realistic_valid_and_reproducible(enterprises):
    assert generate(300, SEED) == enterprises and generate(300, SEED + 1) != enterprises
    assert len(enterprises) == 300 and len({e.enterprise_code for e in enterprises}) == 300
    assert all(validate_enterprise_code(e.enterprise_code) == e.enterprise_code for e in enterprises)
    assert any(e.name.startswith("Công ty TNHH Dược phẩm ") for e in generate(2000, SEED))
    assert any(e.name.startswith("Công ty Cổ phần ") for e in enterprises)
    branches = [e for e in enterprises if len(e.enterprise_code) == 13]
    assert branches and all(b.name.startswith("Chi nhánh ") for b in branches)
    assert all(e.status in ENTERPRISE_STATUS for e in enterprises)
    assert sum(e.active for e in enterprises) > 0.75 * len(enterprises)
    assert all(e.address.startswith("Số ") and ", phường " in e.address for e in enterprises)


def test_representatives_are_adults_of_the_population_with_the_same_seed(enterprises):
    population = {row[0]: row for row in generate_citizens(2000, SEED)}
    for e in enterprises:
        validate_cccd(e.legal_representative_cccd)
        person = population[e.legal_representative_cccd]
        assert person[1] == e.legal_representative_name and person[2] < "2003-01-01"


def test_lookup_through_the_client(misbehave, enterprises, clock, sleeps):
    company = next(e for e in enterprises if len(e.enterprise_code) == 10)
    branch = next(e for e in enterprises if len(e.enterprise_code) == 13)
    counting = misbehave(create_business_registry_app(enterprises=enterprises))
    with run_app(counting) as url, BusinessRegistryClient(url, clock=clock, sleep=sleeps.append) as client:
        assert client.lookup(company.enterprise_code) == company
        assert client.lookup(f"{branch.enterprise_code[:10]}-{branch.enterprise_code[10:]}") == branch
        assert client.lookup("0100109106") is None
        with pytest.raises(IdentifierError):
            client.lookup("0100109107")
        assert client.lookup(company.enterprise_code) == company  # cached
        assert counting.requests == 3
        counting.fail_first = 10**6  # the registry now fails every request
        assert client.lookup(company.enterprise_code) == company  # still served from the cache
        with pytest.raises(BusinessRegistryUnavailable) as info:
            client.lookup("0300588569")
        assert info.value.reason == "server_error" and sleeps == [0.2, 0.4, 0.8]


def test_csv_round_trip_and_server_from_file(tmp_path, enterprises):
    path = tmp_path / "registry.csv"
    assert write_csv(path, enterprises) == 300
    assert read_csv(path) == enterprises
    with run_app(create_business_registry_app(path)) as url, BusinessRegistryClient(url) as client:
        assert client.lookup(enterprises[7].enterprise_code) == enterprises[7]
    (tmp_path / "bad.csv").write_text("code,name\n1,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        read_csv(tmp_path / "bad.csv")


def test_default_server_has_generated_enterprises():
    first = generate(1, 0)[0]
    with run_app(create_business_registry_app()) as url, BusinessRegistryClient(url) as client:
        assert client.lookup(first.enterprise_code) == first
