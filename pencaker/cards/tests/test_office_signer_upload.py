"""An office's admin dinas uploads a PKCS#12 on the signer screen (ADR 0032): checked
(wrong password, expired, not a signing certificate → an Indonesian message on the field),
stored encrypted, audited, and the office's next card is signed with it."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.cards import signing
from pencaker.cards.models import OfficeSigner
from pencaker.cards.services import card_issue
from pencaker.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-p12"  # noqa: S105


def make_p12(
    *,
    name="Dinas Tenaga Kerja Kota Palembang",
    days_valid=365,
    starts_days_ago=1,
    key_usage="signing",
    password=PASSWORD,
    with_key=True,
) -> tuple[bytes, bytes]:
    """(PKCS#12 bytes, certificate PEM): a self-signed office certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=starts_days_ago))
        .not_valid_after(now + dt.timedelta(days=days_valid))
    )
    signing_use = key_usage == "signing"
    builder = builder.add_extension(
        x509.KeyUsage(
            digital_signature=signing_use,
            content_commitment=signing_use,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=not signing_use,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        ),
        critical=True,
    )
    cert = builder.sign(key, hashes.SHA256())
    data = pkcs12.serialize_key_and_certificates(
        b"office",
        key if with_key else None,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode()),
    )
    return data, cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(autouse=True)
def _fresh_signer_cache():
    signing._cache.clear()
    yield
    signing._cache.clear()


@pytest.fixture
def admin_client(office, user_factory, staff_client_factory):
    return staff_client_factory(user_factory(Role.ADMIN_DINAS, office=office))


def _upload(client, data: bytes, password: str = PASSWORD):
    return client.post(
        reverse("offices:settings_signer"),
        {
            "action": "p12_upload",
            "p12": SimpleUploadedFile("kantor.p12", data, "application/x-pkcs12"),
            "p12_password": password,
        },
    )


def test_the_uploaded_certificate_signs_the_next_card_and_is_audited(
    admin_client, office, application_factory, operator
):
    first = card_issue(application=application_factory(), actor=operator)
    data, cert_pem = make_p12()
    response = _upload(admin_client, data)
    assert response.status_code == 302
    row = OfficeSigner.objects.get(office=office)
    # Stored encrypted: neither the file nor the password appear as they were given.
    assert bytes(row.p12_encrypted) != data and data not in bytes(row.p12_encrypted)
    assert PASSWORD.encode() not in bytes(row.password_encrypted)
    assert "Dinas Tenaga Kerja Kota Palembang" in row.subject
    event = AuditEvent.objects.get(action="card.signer_uploaded")
    assert event.data["before"] is None and event.data["after"]["fingerprint"] == row.fingerprint

    page = admin_client.get(reverse("offices:settings_signer")).content.decode()
    assert "PKCS#12 diunggah untuk kantor ini" in page

    second = card_issue(application=application_factory(), actor=operator)
    with second.pdf.open("rb") as handle:
        result = signing.validate_pdf(handle.read(), trust_anchor=cert_pem)
    assert result.ok and "Dinas Tenaga Kerja Kota Palembang" in result.signer
    with first.pdf.open("rb") as handle:  # the earlier card keeps the earlier signature
        assert not signing.validate_pdf(handle.read(), trust_anchor=cert_pem).trusted


@pytest.mark.parametrize(
    ("kwargs", "password", "message"),
    [
        ({}, "salah", "kata sandinya salah"),
        ({"days_valid": -1, "starts_days_ago": 30}, PASSWORD, "kedaluwarsa"),
        ({"starts_days_ago": -3}, PASSWORD, "baru berlaku"),
        ({"key_usage": "agreement"}, PASSWORD, "bukan untuk menandatangani"),
        ({"with_key": False}, PASSWORD, "kunci privat"),
    ],
)
def test_an_unusable_file_is_refused_on_the_field(admin_client, office, kwargs, password, message):
    data, _pem = make_p12(**kwargs)
    response = _upload(admin_client, data, password)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_p12_error"' in content
    assert message in content.lower()
    assert not OfficeSigner.objects.exists()
    assert not AuditEvent.objects.filter(action="card.signer_uploaded").exists()


def test_not_a_pkcs12_at_all_is_refused(admin_client):
    response = _upload(admin_client, b"%PDF-1.7 not a certificate")
    assert response.status_code == 400
    assert not OfficeSigner.objects.exists()


def test_removing_it_goes_back_to_the_configured_signer(admin_client, office):
    _upload(admin_client, make_p12()[0])
    response = admin_client.post(reverse("offices:settings_signer"), {"action": "p12_remove"})
    assert response.status_code == 302
    assert not OfficeSigner.objects.exists()
    assert AuditEvent.objects.filter(action="card.signer_removed").exists()
    assert signing.current_signer(office).is_demo


def test_only_the_office_admin_uploads(office, user_factory, staff_client_factory):
    pimpinan = staff_client_factory(user_factory(Role.PIMPINAN, office=office))
    assert _upload(pimpinan, make_p12()[0]).status_code == 403
    assert not OfficeSigner.objects.exists()


def test_another_offices_cards_keep_the_configured_signer(admin_client, office, other_office):
    _upload(admin_client, make_p12()[0])
    assert not signing.current_signer(office).is_demo
    assert signing.current_signer(other_office).is_demo
