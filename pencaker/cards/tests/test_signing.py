"""The signed PDF validates with pyHanko against the exported CA and with poppler's
pdfsig; one changed byte makes both report it invalid."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from pencaker.cards import signing
from pencaker.cards.pdf_render import render_card_pdf


def _pdf(card) -> bytes:
    with card.pdf.open("rb") as handle:
        return handle.read()


def _tamper(pdf: bytes) -> bytes:
    """Change one byte inside the signed range (the document's producer string)."""
    index = pdf.index(b"ReportLab")
    return pdf[:index] + b"X" + pdf[index + 1 :]


def _pdfsig(path: Path) -> str:
    # pdfsig exits 0 even for a bad signature: the verdict is in the output.
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return result.stdout + result.stderr


@pytest.fixture
def exported_ca(tmp_path) -> bytes:
    target = tmp_path / "ca.pem"
    call_command("signing_ca_export", "-o", str(target))
    return target.read_bytes()


def test_exported_ca_is_the_demo_trust_anchor(exported_ca):
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(exported_ca)
    assert "NOT LEGALLY VALID" in cert.subject.rfc4514_string()
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_signed_card_validates_against_the_exported_ca(card, exported_ca):
    result = signing.validate_pdf(_pdf(card), trust_anchor=exported_ca)
    assert result.ok, result
    assert "NOT LEGALLY VALID" in result.signer


def test_signed_card_is_valid_for_pdfsig(card, tmp_path):
    path = tmp_path / "card.pdf"
    path.write_bytes(_pdf(card))
    report = _pdfsig(path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report


def test_one_changed_byte_fails_pyhanko(card, exported_ca):
    result = signing.validate_pdf(_tamper(_pdf(card)), trust_anchor=exported_ca)
    assert not result.ok
    assert not result.intact


def test_one_changed_byte_fails_pdfsig(card, tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(_tamper(_pdf(card)))
    report = _pdfsig(path)
    assert "Signature is Valid." not in report
    assert "Digest Mismatch" in report


def test_another_ca_does_not_validate_the_card(card, tmp_path, settings):
    other = tmp_path / "other"
    settings.PENCAKER_SIGNING_DIR = str(other)
    signing._cache.clear()
    foreign_ca = signing.trust_anchor_pem()
    result = signing.validate_pdf(_pdf(card), trust_anchor=foreign_ca)
    assert result.intact
    assert not result.trusted


def test_demo_material_is_created_once_and_reused(settings):
    first = signing.demo_material()
    key = (first / signing.KEY_FILE).read_bytes()
    second = signing.demo_material()
    assert first == second
    assert (second / signing.KEY_FILE).read_bytes() == key
    assert oct((second / signing.KEY_FILE).stat().st_mode & 0o777) == "0o600"


def test_pkcs12_from_environment_is_used(tmp_path, monkeypatch, card):
    """A PKCS#12 file (production) signs instead of the demo CA."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = signing.demo_material()
    key = serialization.load_pem_private_key((folder / signing.KEY_FILE).read_bytes(), None)
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((folder / signing.CERT_FILE).read_bytes())
    ca = x509.load_pem_x509_certificate((folder / signing.CA_FILE).read_bytes())
    p12 = tmp_path / "office.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", key, cert, [ca], serialization.BestAvailableEncryption(b"rahasia")
        )
    )
    monkeypatch.setenv("PENCAKER_SIGNING_P12", str(p12))
    monkeypatch.setenv("PENCAKER_SIGNING_P12_PASSWORD", "rahasia")
    signing._cache.clear()
    info = signing.current_signer()
    assert not info.is_demo
    from pencaker.cards.services.card import _print_for

    unsigned = render_card_pdf(_print_for(card, "http://testserver/kartu/v/x", False))
    signed = signing.sign_pdf(unsigned, reason="test", location="Palembang")
    anchor = signing.trust_anchor_pem()
    assert signing.validate_pdf(signed, trust_anchor=anchor).intact


def test_missing_fonts_fail_with_a_clear_message(tmp_path):
    from django.core.exceptions import ImproperlyConfigured
    from reportlab.pdfbase import pdfmetrics

    from pencaker.cards import pdf_render

    registered = pdfmetrics._fonts.pop(pdf_render.FONT, None)
    try:
        with pytest.raises(ImproperlyConfigured, match="fonts-dejavu"):
            pdf_render.register_fonts(tmp_path)
    finally:
        if registered is not None:
            pdfmetrics._fonts[pdf_render.FONT] = registered
