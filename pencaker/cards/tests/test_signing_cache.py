"""The office signer is loaded once per process and signs each card once; a rotated
certificate is picked up on the next card; a PKCS#11 token gets a session per signature."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import shutil
from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from pencaker.cards import signing
from pencaker.cards.pdf_render import CardPrint, render_card_pdf


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    card = CardPrint(
        number="1671-2026-000123-5",
        version=1,
        issued_on=dt.date(2026, 1, 5),
        valid_until=dt.date(2028, 1, 5),
        signer_name="Rina Pengantar, S.E.",
        signer_nip="198001012005011001",
        qr_url="http://testserver/kartu/v/" + "A" * 200,
        data={"name": "Siti Rahmawati", "office": {"name": "Disnaker Kota Palembang"}},
        demo=True,
    )
    return render_card_pdf(card)


def _sign(pdf: bytes) -> bytes:
    return signing.sign_pdf(pdf, reason="AK/1", location="Palembang")


def _valid(pdf: bytes, anchor: bytes) -> bool:
    return signing.validate_pdf(pdf, trust_anchor=anchor).ok


def _embedded_signature(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return signature


def _p12_of_demo(target: Path, folder: Path) -> None:
    key = serialization.load_pem_private_key((folder / signing.KEY_FILE).read_bytes(), None)
    cert = x509.load_pem_x509_certificate((folder / signing.CERT_FILE).read_bytes())
    ca = x509.load_pem_x509_certificate((folder / signing.CA_FILE).read_bytes())
    target.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", key, cert, [ca], serialization.NoEncryption()
        )
    )


def test_signer_is_loaded_once_and_its_key_never_reparsed(unsigned_pdf, monkeypatch):
    first = signing.current_signer()
    parsed = []
    original = serialization.load_der_private_key

    def counting(*args, **kwargs):
        parsed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(serialization, "load_der_private_key", counting)
    signed = [_sign(unsigned_pdf) for _ in range(2)]

    assert signing.current_signer() is first
    assert parsed == []
    assert all(_valid(pdf, signing.trust_anchor_pem()) for pdf in signed)


def test_each_card_is_signed_with_one_private_key_operation(unsigned_pdf, monkeypatch):
    signer = signing.current_signer().signer
    calls = []
    original = signer.sign_raw

    def counting(data, digest_algorithm):
        calls.append(digest_algorithm)
        return original(data, digest_algorithm)

    monkeypatch.setattr(signer, "sign_raw", counting)
    signed = _sign(unsigned_pdf)

    # Without a reserved size pyHanko signs a dry run first to measure the signature.
    assert calls == ["sha256"]
    assert _valid(signed, signing.trust_anchor_pem())


def test_loaded_key_gives_the_same_signature_as_pyhanko():
    from pyhanko.sign import signers

    signer = signing.current_signer().signer
    data = b"AK/1 1671-2026-000123-5"
    # RSA PKCS#1 v1.5 is deterministic: byte for byte the signature pyHanko would make.
    assert signer.sign_raw(data, "sha256") == signers.SimpleSigner.sign_raw(signer, data, "sha256")


def test_rsa_pss_signature_with_the_loaded_key_validates(unsigned_pdf):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    demo = signing.current_signer().signer
    pss = signing._loaded_key_signer_class()(
        signing_cert=demo.signing_cert,
        signing_key=demo.signing_key,
        cert_registry=demo.cert_registry,
        prefer_pss=True,
    )
    meta = signers.PdfSignatureMetadata(field_name="Test", md_algorithm="sha256")
    writer = IncrementalPdfFileWriter(io.BytesIO(unsigned_pdf))
    # (Through the module's helper: pyHanko's sync API fails inside a running event loop,
    # which the browser tests of this suite leave behind.)
    signed = signing._outside_event_loop(
        lambda: signers.sign_pdf(
            writer, meta, signer=pss, bytes_reserved=signing._bytes_reserved(pss)
        ).getvalue()
    )

    assert _embedded_signature(signed).signer_info["signature_algorithm"].signature_algo == (
        "rsassa_pss"
    )
    assert _valid(signed, signing.trust_anchor_pem())


def test_reserved_space_is_fixed_and_at_least_twice_the_demo_signature(unsigned_pdf):
    signer = signing.current_signer().signer
    signed = _sign(unsigned_pdf)
    signature = _embedded_signature(signed)
    # The CMS object (DER); the rest of /Contents is zero padding.
    hex_needed = 2 * len(cms.ContentInfo.load(bytes(signature.pkcs7_content), strict=False).dump())

    assert signing._bytes_reserved(signer) == signing.BYTES_RESERVED
    assert len(signature.sig_object["/Contents"]) * 2 == signing.BYTES_RESERVED
    assert 2 * hex_needed <= signing.BYTES_RESERVED


def test_long_certificate_chain_reserves_room_for_every_certificate():
    class Cert:
        def __init__(self, size: int) -> None:
            self.size = size

        def dump(self) -> bytes:
            return b"\0" * self.size

    class Signer:
        signing_cert = Cert(2500)
        cert_registry = [Cert(2500) for _ in range(5)]

    reserved = signing._bytes_reserved(Signer())

    assert reserved > signing.BYTES_RESERVED
    assert reserved >= 2 * (6 * 2500 + signing._CMS_OVERHEAD)
    assert reserved % 1024 == 0


def test_too_small_reservation_falls_back_to_pyhanko_estimate(unsigned_pdf, monkeypatch, caplog):
    monkeypatch.setattr(signing, "_bytes_reserved", lambda signer: 64)
    with caplog.at_level(logging.WARNING, logger="pencaker.cards.signing"):
        signed = _sign(unsigned_pdf)

    assert _valid(signed, signing.trust_anchor_pem())
    assert "larger than reserved" in caplog.text


def test_rotated_demo_certificate_is_picked_up_without_a_restart(unsigned_pdf):
    old_anchor = signing.trust_anchor_pem()
    old_signer = signing.current_signer()
    # Rotation: the folder is replaced by new key material (new CA and office certificate).
    shutil.rmtree(signing.signing_dir())
    signing.demo_material()

    new_anchor = signing.trust_anchor_pem()
    signed = _sign(unsigned_pdf)

    assert signing.current_signer() is not old_signer
    assert new_anchor != old_anchor
    assert _valid(signed, new_anchor)
    assert not signing.validate_pdf(signed, trust_anchor=old_anchor).trusted


def test_rewritten_pkcs12_file_is_picked_up(unsigned_pdf, tmp_path, monkeypatch):
    first_folder = signing.demo_material()
    p12 = tmp_path / "office.p12"
    _p12_of_demo(p12, first_folder)
    monkeypatch.setenv("PENCAKER_SIGNING_P12", str(p12))
    first = signing.current_signer()
    assert signing.current_signer() is first
    first_anchor = signing.trust_anchor_pem()

    # The same path, rewritten in place with another office certificate.
    monkeypatch.setenv("PENCAKER_SIGNING_DIR", str(tmp_path / "second"))
    _p12_of_demo(p12, signing.demo_material())
    second = signing.current_signer()
    signed = _sign(unsigned_pdf)

    assert second is not first and not second.is_demo
    assert second.signer.signing_cert.dump() != first.signer.signing_cert.dump()
    assert signing.trust_anchor_pem() != first_anchor
    assert _valid(signed, signing.trust_anchor_pem())


def test_pkcs12_with_a_wrong_password_fails_with_a_clear_message(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    folder = signing.demo_material()
    key = serialization.load_pem_private_key((folder / signing.KEY_FILE).read_bytes(), None)
    cert = x509.load_pem_x509_certificate((folder / signing.CERT_FILE).read_bytes())
    p12 = tmp_path / "office.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"office", key, cert, None, serialization.BestAvailableEncryption(b"rahasia")
        )
    )
    monkeypatch.setenv("PENCAKER_SIGNING_P12", str(p12))
    monkeypatch.setenv("PENCAKER_SIGNING_P12_PASSWORD", "salah")

    with pytest.raises(ImproperlyConfigured, match="wrong password"):
        signing.current_signer()


def test_missing_pkcs12_file_fails_with_a_clear_message(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("PENCAKER_SIGNING_P12", str(tmp_path / "missing.p12"))
    with pytest.raises(ImproperlyConfigured, match="no file at"):
        signing.current_signer()


def _ec_pkcs12(target: Path) -> bytes:
    """An ECDSA P-256 office certificate under its own CA; returns the CA (PEM)."""
    now = dt.datetime.now(dt.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("EC test CA"))
        .issuer_name(name("EC test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(signing._key_usage(sign_certs=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("EC office"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing._key_usage(sign_certs=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    target.write_bytes(
        pkcs12.serialize_key_and_certificates(b"ec", key, cert, [ca], serialization.NoEncryption())
    )
    return ca.public_bytes(serialization.Encoding.PEM)


def test_ecdsa_office_key_signs_once_and_validates(unsigned_pdf, tmp_path, monkeypatch):
    p12 = tmp_path / "ec.p12"
    ca_pem = _ec_pkcs12(p12)
    monkeypatch.setenv("PENCAKER_SIGNING_P12", str(p12))

    signed = _sign(unsigned_pdf)

    assert _embedded_signature(signed).signer_info["signature_algorithm"].signature_algo == (
        "ecdsa"
    )
    assert _valid(signed, ca_pem)
    assert signing.trust_anchor_pem() == ca_pem


class _FakeToken:
    """Stands in for an HSM (none can run here): each session hands out the demo signer
    and records when it is opened and closed."""

    def __init__(self, signer) -> None:
        self.signer = signer
        self.events: list[str] = []

    @contextlib.contextmanager
    def session(self, config):
        assert config.key_label == "office-key"
        self.events.append("open")
        try:
            yield self.signer
        finally:
            self.events.append("close")


@pytest.fixture
def fake_token(monkeypatch):
    token = _FakeToken(signing.current_signer().signer)
    signing._cache.clear()
    monkeypatch.setenv("PENCAKER_SIGNING_PKCS11_LIB", "/usr/lib/softhsm/libsofthsm2.so")
    monkeypatch.setenv("PENCAKER_SIGNING_PKCS11_KEY_LABEL", "office-key")
    monkeypatch.setattr(signing, "_pkcs11_session", token.session)
    return token


def test_pkcs11_opens_and_closes_one_session_per_signature(unsigned_pdf, fake_token):
    info = signing.current_signer()
    assert info.signer is None and not info.is_demo
    assert fake_token.events == []  # configuration only: no session kept in the process

    signed = [_sign(unsigned_pdf) for _ in range(2)]

    assert fake_token.events == ["open", "close", "open", "close"]
    anchor = signing.trust_anchor_pem()
    assert fake_token.events[-2:] == ["open", "close"]
    assert all(_valid(pdf, anchor) for pdf in signed)


def test_pkcs11_session_is_closed_when_signing_fails(unsigned_pdf, fake_token, monkeypatch):
    def broken(data, digest_algorithm):
        raise RuntimeError("token removed")

    monkeypatch.setattr(fake_token.signer, "sign_raw", broken)
    with pytest.raises(RuntimeError, match="token removed"):
        _sign(unsigned_pdf)
    assert fake_token.events == ["open", "close"]
