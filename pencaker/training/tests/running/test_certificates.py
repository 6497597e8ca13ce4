"""Completion issues a certificate: a PDF whose PAdES signature pdfsig validates (one
changed byte breaks it), a QR that zbarimg reads and that verifies offline with only the
published keys, an entry in the seeker's training section that matching reads, and a
public check by token or number."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pencaker.training import certificates, services_running
from pencaker.training.models_running import Attendance, Certificate

pytestmark = pytest.mark.django_db


def _attend_all(wave, operator):
    ids = set(wave.registrations.values_list("pk", flat=True))
    for session in wave.sessions.all():
        services_running.attendance_mark(actor=operator, session_id=session.pk, present_ids=ids)


@pytest.fixture
def certificate(running_wave, operator):
    _attend_all(running_wave, operator)
    scores = {r.pk: 75 for r in running_wave.registrations.all()}
    services_running.wave_complete(actor=operator, wave_id=running_wave.pk, scores=scores)
    return Certificate.objects.select_related("registration__seeker").order_by("pk").first()


def _pdfsig(path) -> str:
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)  # noqa: S603, S607
    return result.stdout + result.stderr


def test_certificate_signature_is_valid_for_pdfsig(certificate, tmp_path):
    path = tmp_path / "sertifikat.pdf"
    path.write_bytes(bytes(certificate.pdf))
    report = _pdfsig(path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report


def test_one_changed_byte_breaks_the_certificate_signature(certificate, tmp_path):
    pdf = bytes(certificate.pdf)
    index = pdf.index(b"ReportLab")
    path = tmp_path / "bad.pdf"
    path.write_bytes(pdf[:index] + b"X" + pdf[index + 1 :])
    report = _pdfsig(path)
    assert "Signature is Valid." not in report
    assert "Digest Mismatch" in report


def _qr_from_pdf(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )  # noqa: S603, S607
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("zbarimg") or "zbarimg",
            "--raw",
            "-q",
            "-Sdisable",
            "-Sqrcode.enable",
            str(tmp_path / "page.png"),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode().strip()


def test_qr_decodes_and_verifies_offline_with_only_the_published_keys(
    certificate, tmp_path, client
):
    import json

    url = _qr_from_pdf(bytes(certificate.pdf), tmp_path)
    assert url.startswith("http://testserver/sertifikat/v/")
    # The offline verifier has only the published key set (fetched once) and the QR text.
    jwks = json.loads(client.get("/.well-known/pencaker-keys.json").content)
    claims = certificates.certificate_token_verify(certificates.token_from_text(url), jwks)
    assert claims.number == certificate.number
    assert claims.holder_name == certificate.holder_name
    assert claims.programme == "Menjahit Busana Dasar"


def test_a_changed_token_or_another_key_set_does_not_verify(certificate):
    from pencaker.cards import qr_keys
    from pencaker.cards.tokens import TokenError, b64url_decode, b64url_encode

    jwks = qr_keys.published_jwks()
    raw = bytearray(b64url_decode(certificate.token))
    raw[-5] ^= 0x01
    with pytest.raises(TokenError):
        certificates.certificate_token_verify(b64url_encode(bytes(raw)), jwks)
    with pytest.raises(TokenError):
        certificates.certificate_token_verify(certificate.token, {"keys": []})


def test_a_card_token_is_not_a_certificate(certificate):
    import datetime as dt

    from pencaker.cards import qr_keys
    from pencaker.cards.tokens import CardClaims, TokenError, token_sign

    kid, key = qr_keys.signing_key_current()
    card = token_sign(
        CardClaims(
            "1671-2026-000001",
            1,
            "Siti",
            "1671********0001",
            "16.71",
            dt.date(2026, 1, 1),
            dt.date(2028, 1, 1),
        ),
        private_key=key,
        kid=kid,
    )
    with pytest.raises(TokenError):
        certificates.certificate_token_verify(card, qr_keys.published_jwks())


def test_certificate_is_in_the_seekers_training_section_where_matching_reads_it(certificate):
    from pencaker.seekers.models import Training

    entry = Training.objects.get(pk=certificate.seeker_training_id)
    assert entry.profile.user_id == certificate.registration.seeker_id
    assert entry.certificate_number == certificate.number
    assert entry.name == "Menjahit Busana Dasar"
    assert entry.organizer == "BLK Palembang"


def test_public_check_by_number_and_by_token(certificate):
    by_number = services_running.certificate_check(certificate.number.lower())
    assert by_number.found and by_number.holder_name == certificate.holder_name
    by_token = services_running.certificate_check(certificates.verify_url(certificate.token))
    assert by_token.found and by_token.by_token
    assert not services_running.certificate_check("PLT-2026-AAAAAAAAAA").found
    assert not services_running.certificate_check("bukan token\x00").found
    assert not services_running.certificate_check("").found


def test_every_participant_gets_one_certificate_even_when_completion_runs_again(
    certificate, running_wave, operator
):
    services_running.wave_complete(actor=operator, wave_id=running_wave.pk)
    assert Certificate.objects.count() == 2
    assert Attendance.objects.filter(present=True).count() == 10
