"""Where the signing material lives, and the embedded demo CA: on first use a demo CA and
an office certificate named "DEMO — NOT LEGALLY VALID" are generated under
``DATA_DIR/signing`` (``PENCAKER_SIGNING_DIR``), in a temporary folder renamed into place
(atomic: if two processes race, one rename wins and the other uses the winner's files).
``signing`` uses them when no PKCS#11 token or PKCS#12 file is configured."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

DEMO_LABEL = "DEMO — NOT LEGALLY VALID"
CA_FILE = "demo-ca.pem"
CERT_FILE = "office-signing.pem"
KEY_FILE = "office-signing.key.pem"


def _env(name: str) -> str | None:
    value = getattr(settings, name, None) or os.environ.get(name)
    return value or None


def signing_dir() -> Path:
    configured = _env("PENCAKER_SIGNING_DIR")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "signing"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Pencaker {DEMO_LABEL}"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=not sign_certs,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def _generate_demo(target: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name(f"Pencaker Demo CA ({DEMO_LABEL})")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign_certs=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Dinas Tenaga Kerja ({DEMO_LABEL})"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign_certs=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (target / CA_FILE).write_bytes(ca.public_bytes(pem))
    (target / CERT_FILE).write_bytes(cert.public_bytes(pem))
    key_path = target / KEY_FILE
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    # The CA key is not kept: the demo CA signs exactly one certificate.


def demo_material() -> Path:
    """The demo folder, created on first use (atomic rename, safe between processes)."""
    final = signing_dir()
    if (final / KEY_FILE).exists():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=final.parent, prefix=".signing-"))
    try:
        _generate_demo(staging)
        try:
            os.rename(staging, final)
        except OSError:
            if not (final / KEY_FILE).exists():
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return final
