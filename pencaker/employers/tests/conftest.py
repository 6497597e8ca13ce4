"""Fixtures for employer tests: KBLI demo sectors, villages in two offices, employer
accounts, organisations in each state (through the services, as production makes them)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.models import Role
from pencaker.documents.tests.samples import jpeg, pdf
from pencaker.employers import services
from pencaker.employers.kbli import kbli_import_demo
from pencaker.regions.models import Region

PASSWORD = "Rahasia-123!"  # noqa: S105 - the factories' test password
# Valid by the Luhn rule on the first nine digits (python-stdnum's doctest number).
NPWP = "013121660091000"
NIB = "9120001234567"


def village_in(office) -> Region:
    regency = office.region
    district, _ = Region.objects.get_or_create(
        code=f"{regency.code}.01",
        defaults={"name": f"Kecamatan {regency.code}", "level": "district", "parent": regency},
    )
    village, _ = Region.objects.get_or_create(
        code=f"{regency.code}.01.1001",
        defaults={"name": f"Kelurahan {regency.code}", "level": "village", "parent": district},
    )
    return village


def pdf_upload(name: str = "nib.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf(), content_type="application/pdf")


def jpeg_upload(name: str = "surat.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg(800, 600), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _sectors(db):
    kbli_import_demo()


@pytest.fixture
def village(office):
    return village_in(office)


@pytest.fixture
def other_village(other_office):
    return village_in(other_office)


@pytest.fixture
def employer_factory(user_factory):
    def make(**extra):
        extra.setdefault("password", PASSWORD)
        return user_factory(Role.EMPLOYER, **extra)

    return make


@pytest.fixture
def employer(employer_factory):
    return employer_factory(email="hrd@sriwijaya-roti.example.id", full_name="Dewi HRD")


def organisation_fields(village, **overrides):
    fields = {
        "legal_name": "PT Sriwijaya Roti Abadi",
        "type": "pt",
        "nib": NIB,
        "npwp": NPWP,
        "sector": "10710",
        "address_line": "Jl. Kolonel Atmo No. 5",
        "village": village,
        "postal_code": "30121",
        "contact_name": "Dewi Lestari",
        "phone": "0812 3456 7890",
        "email": "kontak@sriwijaya-roti.example.id",
        "size_band": "20_99",
        "website": "sriwijaya-roti.example.id",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def register():
    """Register an organisation for ``actor`` through the service."""

    def make(actor, village, *, document=None, **overrides):
        return services.organisation_register(
            actor=actor,
            document=document or pdf_upload(),
            **organisation_fields(village, **overrides),
        )

    return make


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Rina Petugas")


@pytest.fixture
def other_operator(user_factory, other_office):
    return user_factory(Role.OPERATOR, office=other_office)


@pytest.fixture
def submitted(register, employer, village):
    return register(employer, village)


@pytest.fixture
def verified(submitted, operator):
    return services.organisation_verify(actor=operator, organisation_id=submitted.pk)


@pytest.fixture
def returned(submitted, operator):
    return services.organisation_return(
        actor=operator,
        organisation_id=submitted.pk,
        items=[services.ReturnItemInput("document", "Unggah cetakan NIB yang terbaca.")],
    )


@pytest.fixture
def rejected(submitted, operator):
    return services.organisation_reject(
        actor=operator, organisation_id=submitted.pk, reason="duplicate"
    )


def with_totp(user):
    TOTPDevice.objects.get_or_create(user=user, name="authenticator", confirmed=True)
    return user


@pytest.fixture
def employer_client_factory(client_factory_cls):
    """A logged-in client; ``otp=True`` marks the session as having passed TOTP."""

    def make(user, *, otp: bool = True):
        client = client_factory_cls()
        client.force_login(user)
        if otp:
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="authenticator", confirmed=True
            )
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return make
