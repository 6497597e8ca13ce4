"""Fixtures of running a wave: a running wave with sessions and confirmed participants,
built from the models directly (the selection screens are another slice's)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def operator(user_factory, office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=office, full_name="Rina Petugas")


@pytest.fixture
def other_operator(user_factory, other_office):
    from pencaker.accounts.models import Role

    return user_factory(Role.OPERATOR, office=other_office)


@pytest.fixture(autouse=True)
def _signing_data_dir(settings, tmp_path):
    """Signing material and QR keys live in the test's own data folder."""
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    settings.SITE_URL = "http://testserver"
    signing._cache.clear()
    yield
    signing._cache.clear()


@pytest.fixture
def running_wave(office, seeker_factory):
    users = [seeker_factory(full_name="Siti Rahmawati"), seeker_factory(full_name="Budi Santoso")]
    return make_running_wave(office, participants=users, allowance=(600_000, 3, "monthly"))


def make_running_wave(office, *, participants, sessions=5, allowance=None, **programme):
    """A running wave with ``sessions`` sessions and the given users as confirmed
    participants; ``allowance`` = (amount, instalments, basis) adds a completion rule."""
    from pencaker.training.models import Programme, Registration, TrainingSession, Wave
    from pencaker.training.models_running import CompletionRule

    now = timezone.now()
    defaults = {
        "title": "Menjahit Busana Dasar",
        "competence_code": "C.14MTK00.001.1",
        "competence_text": "Menjahit busana wanita",
        "provider_name": "BLK Palembang",
        "status": "published",
        "has_certificate": True,
        "has_allowance": allowance is not None,
    }
    defaults.update(programme)
    prog = Programme.objects.create(office=office, **defaults)
    if allowance is not None:
        amount, count, basis = allowance
        CompletionRule.objects.create(
            programme=prog,
            allowance_amount=amount,
            allowance_instalments=count,
            allowance_basis=basis,
        )
    wave = Wave.objects.create(
        programme=prog,
        number=1,
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(days=20),
        starts_on=timezone.localdate() - dt.timedelta(days=7),
        ends_on=timezone.localdate(),
        quota=max(1, len(participants)),
        status="running",
    )
    for i in range(sessions):
        TrainingSession.objects.create(
            wave=wave,
            date=timezone.localdate() - dt.timedelta(days=sessions - i - 1),
            start_time=dt.time(8, 0),
            end_time=dt.time(12, 0),
            topic=f"Sesi {i + 1}",
        )
    for i, user in enumerate(participants):
        Registration.objects.create(
            wave=wave,
            seeker=user,
            public_id=f"P{i:05d}",
            status="confirmed",
            rank=i + 1,
            selected_at=now - dt.timedelta(days=19),
            confirmed_at=now - dt.timedelta(days=18),
        )
    return wave


@pytest.fixture
def seeker_factory(office):
    from pencaker.seekers.tests.factories import CompleteProfileFactory, region_chain

    def make(**profile):
        profile.setdefault("village", region_chain("16.71.01.1001", "Kelurahan Satu"))
        profile.setdefault("birth_date", dt.date(2000, 3, 10))
        return CompleteProfileFactory(**profile).user

    return make
