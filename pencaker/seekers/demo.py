"""The demo job seeker's profile (called by ``pencaker.demo.seed``).

Idempotent: it writes through the services, which record history only when something
changes, and adds list entries only when missing, so running it again changes nothing.
Needs the demo regions (Kota Palembang, 16.71) and the demo office to exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pencaker.regions.models import Region
from pencaker.seekers import services
from pencaker.seekers.models import JobSeekerProfile

DEMO_VILLAGE_CODE = "16.71.01.1001"  # Kelurahan 35 Ilir, Kecamatan Ilir Barat II, Palembang
DEMO_BIRTH_DATE = dt.date(1999, 5, 12)
DEMO_SEX = "F"
# 16.71.01 (issued in Ilir Barat II), 52 = 12 + 40 (female), 05, 99, serial 0001.
DEMO_NIK = "1671015205990001"


def seed_demo_profile(user: Any) -> JobSeekerProfile:
    """Give ``user`` (the demo job seeker) a complete profile, documents aside."""
    if user.email_verified_at is None:
        # The demo account cannot receive mail; mark its address confirmed.
        type(user).objects.filter(pk=user.pk).update(email_verified_at=timezone.now())
        user.refresh_from_db()
    profile = services.profile_ensure(user=user)
    services.profile_update_address(
        actor=user,
        profile=profile,
        address_line="Jl. Sudirman No. 12",
        rt="3",
        rw="1",
        village=Region.objects.get(code=DEMO_VILLAGE_CODE),
        postal_code="30129",
    )
    profile.refresh_from_db()
    services.profile_update_identity(
        actor=user,
        profile=profile,
        nik=DEMO_NIK,
        full_name="Siti Rahmawati",
        birth_place="Palembang",
        birth_date=DEMO_BIRTH_DATE,
        sex=DEMO_SEX,
        marital_status="single",
        religion="islam",
    )
    if not profile.education.exists():
        services.education_add(
            actor=user,
            profile=profile,
            level="SMK",
            institution="SMK Negeri 2 Palembang",
            major="Akuntansi",
            graduation_year=2017,
        )
        services.education_add(
            actor=user,
            profile=profile,
            level="D3",
            institution="Politeknik Negeri Sriwijaya",
            major="Administrasi Bisnis",
            graduation_year=2020,
        )
    if not profile.experience.exists():
        services.experience_add(
            actor=user,
            profile=profile,
            employer="CV Sumber Rezeki",
            position="Staf administrasi",
            start_date=dt.date(2020, 9, 1),
            end_date=dt.date(2023, 12, 31),
            description="Mencatat penjualan harian dan membuat laporan bulanan.",
        )
    if not profile.skills.exists():
        for name in ("Microsoft Excel", "Pembukuan"):
            services.skill_add(actor=user, profile=profile, name=name)
    if not profile.languages.exists():
        services.language_add(
            actor=user, profile=profile, language="Bahasa Indonesia", level="native"
        )
        services.language_add(actor=user, profile=profile, language="Inggris", level="basic")
    services.profile_update_preferences(
        actor=user,
        profile=profile,
        preferred_occupation="Staf administrasi atau keuangan",
        preferred_locations="Palembang",
        willing_to_relocate=False,
        expected_salary=None,
    )
    profile.refresh_from_db()
    return profile
