"""Test people: NIKs built to match (or deliberately contradict) a birth date and sex."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pencaker.regions.nik import build_nik

# 16.71.01: Ilir Barat II, Kota Palembang (in the demo regions).
PALEMBANG_DISTRICT = "16.71.01"


def nik_for(birth_date: dt.date, sex: str, *, serial: int = 1) -> str:
    """``PP KK CC DDMMYY SSSS``; women's day of birth + 40 (Permendagri practice)."""
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be 0001-9999")
    return build_nik(
        district_code=PALEMBANG_DISTRICT, birth_date=birth_date, sex=sex, serial=serial
    )


@dataclass(frozen=True)
class Person:
    email: str
    phone: str
    full_name: str
    password: str
    birth_place: str
    birth_date: dt.date
    sex: str  # "M" or "F"

    @property
    def nik(self) -> str:
        return nik_for(self.birth_date, self.sex)


SITI = Person(
    email="siti.aminah@example.id",
    phone="0812 3456 7890",
    full_name="Siti Aminah",
    password="Kartu-Kuning-2026",  # noqa: S106 - a test person
    birth_place="Palembang",
    birth_date=dt.date(2001, 5, 17),
    sex="F",
)


def seed_demo_office() -> None:
    """The demo office and its regions only: the journeys count every stored file, so the
    demo job seeker's documents and card must not be there."""
    from pencaker.demo.seed import seed_office, seed_regions

    seed_regions()
    seed_office()
