"""Shared fixtures for the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes uploaded files and mail into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    settings.EMAIL_OUTBOX_DIR = tmp_path / "mail"


@pytest.fixture
def office_factory(db):
    from pencaker.offices.models import Office
    from pencaker.regions.models import Region

    def make(code: str = "16.71", name: str | None = None) -> Office:
        province, _ = Region.objects.get_or_create(
            code=code.split(".")[0], defaults={"name": f"Provinsi {code[:2]}", "level": "province"}
        )
        regency, _ = Region.objects.get_or_create(
            code=code, defaults={"name": f"Kota {code}", "level": "regency", "parent": province}
        )
        office, _ = Office.objects.get_or_create(
            code=code, defaults={"name": name or f"Dinas Tenaga Kerja {code}", "region": regency}
        )
        return office

    return make


@pytest.fixture
def office(office_factory):
    return office_factory("16.71", "Dinas Tenaga Kerja Kota Palembang")


@pytest.fixture
def other_office(office_factory):
    return office_factory("16.72", "Dinas Tenaga Kerja Kota Prabumulih")


@pytest.fixture
def user_factory(db):
    from pencaker.accounts.models import Role, User

    counter = {"n": 0}

    def make(role: str = Role.JOB_SEEKER, office=None, **extra) -> User:
        counter["n"] += 1
        extra.setdefault("email", f"user{counter['n']}-{role}@example.id")
        extra.setdefault("phone", f"+62811{counter['n']:07d}")
        password = extra.pop("password", "Rahasia-123!")
        user = User.objects.create_user(role=role, office=office, password=password, **extra)
        return user

    return make


@pytest.fixture
def staff_client_factory(client_factory_cls):
    """A logged-in test client for a staff user who has passed TOTP verification."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def make(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
        c = client_factory_cls()
        c.force_login(user)
        session = c.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return c

    return make


@pytest.fixture
def client_factory_cls():
    from django.test import Client

    return Client
