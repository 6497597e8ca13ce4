"""Demo data for the embedded default: one office (Kota Palembang), its staff and a job
seeker with a complete profile. Every step is idempotent: running it again changes nothing
and duplicates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).parent / "data"
OFFICE_CODE = "16.71"
DEMO_PASSWORD = "pencaker-demo-2026"  # noqa: S105 - demo only, printed by make run


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    note: str = ""


def seed_regions() -> int:
    from pencaker.regions.services import regions_import_csv

    with (DATA / "regions_demo.csv").open(encoding="utf-8") as handle:
        return regions_import_csv(handle=handle).total


def seed_office():
    from pencaker.offices.models import Office
    from pencaker.regions.models import Region

    office, _ = Office.objects.update_or_create(
        code=OFFICE_CODE,
        defaults={
            "name": "Dinas Tenaga Kerja Kota Palembang",
            "region": Region.objects.get(code=OFFICE_CODE),
            "address": "Jl. Merdeka No. 1, Palembang",
            "phone": "0711-000000",
            "email": "disnaker@palembang.example.go.id",
            "letterhead_line1": "PEMERINTAH KOTA PALEMBANG",
            "letterhead_line2": "DINAS TENAGA KERJA",
            "signer_name": "Demo Pengantar Kerja, S.E.",
            "signer_nip": "198001012005011001",
        },
    )
    return office


def seed_users(office) -> list[DemoLogin]:
    from pencaker.accounts.models import Role, User

    logins = [
        DemoLogin(Role.ADMIN_DINAS, "admin@demo.pencaker.id", DEMO_PASSWORD),
        DemoLogin(Role.OPERATOR, "operator@demo.pencaker.id", DEMO_PASSWORD),
        DemoLogin(Role.JOB_SEEKER, "pencaker@demo.pencaker.id", DEMO_PASSWORD),
    ]
    for login in logins:
        staff = login.role != Role.JOB_SEEKER
        user, created = User.objects.get_or_create(
            email=login.email,
            defaults={
                "role": login.role,
                "office": office if staff else None,
                "phone": "+6281100000000",
            },
        )
        if created:
            user.set_password(login.password)
            user.save()
    return logins


@transaction.atomic
def seed_all() -> list[DemoLogin]:
    seed_regions()
    office = seed_office()
    return seed_users(office)
