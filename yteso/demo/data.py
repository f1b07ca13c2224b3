"""The demo's synthetic registry data, generated once from the seed: citizens, facilities, staff,
drugs and devices. :func:`write_samples` writes the registry part as import files, so
``yteso registry import`` can be tried on realistic files of the official layout."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from yteso.demo import clinical, products
from yteso.demo.facilities import DemoFacility, generate_facilities, generate_practitioners
from yteso.identity.population.generate import generate_citizens


@dataclass
class DemoData:
    rng: random.Random
    """Continues to drive the per-citizen records after the registries were drawn."""
    people: list[clinical.Citizen]
    facilities: list[DemoFacility]
    practitioners: list[dict[str, str]]
    medications: list[dict[str, str]]
    devices: list[dict[str, str]]


def generate(seed: int, citizens: int, facilities: int) -> DemoData:
    rng = random.Random(seed)
    people = [clinical.Citizen.from_row(r) for r in generate_citizens(citizens, seed)]
    demo_facilities = generate_facilities(rng, facilities)
    adults = [(p.cccd, p.full_name, p.birth_date.isoformat(), p.sex, p.province, p.phone)
              for p in people if 25 <= p.age <= 60]  # fmt: skip
    staff = generate_practitioners(rng, demo_facilities, adults)
    drugs, devices = products.medication_rows(rng), products.device_rows(rng)
    return DemoData(rng, people, demo_facilities, staff, drugs, devices)


def write_samples(directory: Path, *, seed: int, citizens: int, facilities: int) -> dict[str, Path]:
    """Write ``facilities.csv``, ``practitioners.csv``, ``medications.csv`` and ``devices.csv`` (UTF-8)."""
    data = generate(seed, citizens, facilities)
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "facilities": [f.row for f in data.facilities],
        "practitioners": data.practitioners,
        "medications": data.medications,
        "devices": data.devices,
    }
    out = {}
    for kind, rows in files.items():
        path = directory / f"{kind}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["-"])
            writer.writeheader()
            writer.writerows(rows)
        out[kind] = path
    return out
