"""Fixtures of the training tests: an office with an operator, a published programme
with an open wave, seekers with complete profiles, and a bulk seeder for big waves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.training import services
from pencaker.training.models import Wave


@pytest.fixture
def operator(user_factory, office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=office, full_name="Rina Petugas")


@pytest.fixture
def other_operator(user_factory, other_office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=other_office)


def programme_data(**overrides):
    data = {
        "title": "Menjahit Busana Dasar",
        "competence_code": "C.14MTK00.001.1",
        "competence_text": "Menjahit busana wanita",
        "kind": "menjahit",
        "provider_kind": "blk",
        "provider_name": "BLK Palembang",
        "mode": "in_person",
        "place": "BLK Palembang, Jl. Mayor Ruslan",
        "has_certificate": True,
        "rules": ["age", "domicile"],
        "age_min": 18,
        "priority_groups": ["disability"],
        "repeat_years": 2,
    }
    data.update(overrides)
    return data


def wave_data(**overrides):
    now = timezone.now()
    data = {
        "opens_at": now - dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=7),
        "starts_on": (now + dt.timedelta(days=14)).date(),
        "quota": 2,
        "priority_quota": 1,
        "method": "lottery",
        "confirm_days": 3,
    }
    data.update(overrides)
    return data


@pytest.fixture
def programme_factory(operator):
    def make(*, publish=True, wave=None, **overrides):
        programme = services.programme_create(actor=operator, data=programme_data(**overrides))
        created = services.wave_create(
            actor=operator, programme_id=programme.pk, data=wave_data(**(wave or {}))
        )
        if publish:
            services.programme_advance(actor=operator, programme_id=programme.pk, to="published")
            services.wave_advance(actor=operator, wave_id=created.pk, to="published")
            services.wave_advance(actor=operator, wave_id=created.pk, to="registration_open")
        return Wave.objects.select_related("programme").get(pk=created.pk)

    return make


@pytest.fixture
def open_wave(programme_factory):
    return programme_factory()


@pytest.fixture
def seeker_factory(office):
    from pencaker.seekers.tests.factories import CompleteProfileFactory, region_chain

    def make(**profile):
        profile.setdefault("village", region_chain("16.71.01.1001", "Kelurahan Satu"))
        profile.setdefault("birth_date", dt.date(2000, 3, 10))
        return CompleteProfileFactory(**profile).user

    return make


@pytest.fixture
def seeker(seeker_factory):
    return seeker_factory(full_name="Siti Rahmawati")


def seekers_bulk(count: int, *, disabled: int = 0, prefix: str = "bulk"):
    """``count`` job seekers with minimal complete profiles (the first ``disabled`` with a
    disability), created in a few queries rather than ``count`` factory calls."""
    from pencaker.accounts.models import Role, User
    from pencaker.seekers.models import JobSeekerProfile
    from pencaker.seekers.tests.factories import office_for, region_chain

    village = region_chain("16.71.01.1001", "Kelurahan Satu")
    office = office_for("16.71")
    User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{i}@example.id",
                phone=f"+62812{i:07d}",
                role=Role.JOB_SEEKER,
                password="!",  # unusable: these accounts never sign in
            )
            for i in range(count)
        ]
    )
    users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
    JobSeekerProfile.objects.bulk_create(
        [
            JobSeekerProfile(
                user=user,
                office=office,
                full_name=f"Peserta {i}",
                birth_date=dt.date(1998, 1, 1),
                sex="F" if i % 2 else "M",
                village=village,
                has_disability=i < disabled,
            )
            for i, user in enumerate(users)
        ]
    )
    return users
