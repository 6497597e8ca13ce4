"""PAdES signatures on card PDFs (pyHanko).

Where the office's signing key comes from, first match wins:

0. A PKCS#12 the office's admin dinas uploaded on the settings screen (``OfficeSigner``,
   stored encrypted; ``signing_office``, ADR 0032) — for that office's cards only.
1. ``PENCAKER_SIGNING_PKCS11_LIB`` — an HSM or a certified token (e.g. a BSrE token) through
   its PKCS#11 module; ``PENCAKER_SIGNING_PKCS11_TOKEN`` (token label),
   ``PENCAKER_SIGNING_PKCS11_SLOT`` (slot number, instead of the label),
   ``PENCAKER_SIGNING_PKCS11_KEY_LABEL`` (key and certificate label) and
   ``PENCAKER_SIGNING_PKCS11_PIN``. Not testable here (no token): see docs/adr/0007.
2. ``PENCAKER_SIGNING_P12`` — a PKCS#12 file with the office certificate, its key and the
   chain; ``PENCAKER_SIGNING_P12_PASSWORD``.
3. Embedded default: a demo CA and an office certificate generated on first use under
   ``DATA_DIR/signing`` (``PENCAKER_SIGNING_DIR``), named "DEMO — NOT LEGALLY VALID"
   (``signing_demo``).

Speed: a key held in memory (demo, PKCS#12) is loaded once per process and kept until its
files change (inode, size or mtime), so a rotated certificate signs the next card; every
card is signed with one private-key operation (a fixed ``BYTES_RESERVED`` replaces
pyHanko's measuring dry run). A PKCS#11 token gets one session per signature.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured

# The demo CA and the signing folder, re-exported: callers use ``signing.demo_material``.
from pencaker.cards.signing_demo import CA_FILE as CA_FILE
from pencaker.cards.signing_demo import CERT_FILE as CERT_FILE
from pencaker.cards.signing_demo import DEMO_LABEL as DEMO_LABEL
from pencaker.cards.signing_demo import KEY_FILE as KEY_FILE
from pencaker.cards.signing_demo import _env
from pencaker.cards.signing_demo import _key_usage as _key_usage
from pencaker.cards.signing_demo import demo_material as demo_material
from pencaker.cards.signing_demo import signing_dir as signing_dir
from pencaker.cards.signing_office import office_signer_material

SIGNATURE_FIELD = "PencakerSignature"

logger = logging.getLogger(__name__)


def _outside_event_loop(func: Any) -> Any:
    """pyHanko's synchronous API calls ``asyncio.run``, which fails inside a running event
    loop (an ASGI worker, Playwright's sync API in tests); run it in a thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func).result()


# --- Signers ------------------------------------------------------------------------------

# Space reserved in the PDF for the signature (CMS SignedData, written as hexadecimal, so two
# characters per byte). A fixed size lets pyHanko sign once: without it, pyHanko signs a
# throw-away copy first to measure the CMS object (a second RSA operation per card, and a
# second round trip to an HSM). The demo CMS is about 3 KB (two RSA-2048 certificates and
# one signature, ~6,400 hex characters); 16 KiB of hex holds 8 KB of DER, i.e. room for a
# chain of four RSA-4096 certificates. A longer chain raises the figure to what its
# certificates need (see ``_bytes_reserved``); unused space is zero padding inside the
# signature value (it costs ~10 KB per card file, nothing else).
BYTES_RESERVED = 16 * 1024
# Per signature, beyond the certificates: signature value (up to RSA-8192), the signer
# identifier and signing-certificate attribute (issuer name + serial + hash), algorithm
# identifiers, the signed attributes and the ASN.1 framing.
_CMS_OVERHEAD = 4096


@dataclass(frozen=True)
class SignerInfo:
    """The configured signer.

    ``signer`` is a ready pyHanko signer for a key held in memory (demo, PKCS#12). For
    PKCS#11 it is None: ``sign_pdf`` opens a token session per signature (``pkcs11_config``).
    """

    signer: Any
    trust_anchor_pem: bytes | None
    is_demo: bool
    pkcs11_config: Any = None


def _asn1_cert(pem_or_der: bytes) -> asn1_x509.Certificate:
    cert = x509.load_pem_x509_certificate(pem_or_der) if b"-----BEGIN" in pem_or_der else None
    der = cert.public_bytes(serialization.Encoding.DER) if cert else pem_or_der
    return asn1_x509.Certificate.load(der)


@functools.cache
def _loaded_key_signer_class() -> type:
    """A pyHanko ``SimpleSigner`` that keeps the private key loaded.

    pyHanko's ``SimpleSigner.sign_raw`` parses the key from DER on every signature, and
    ``cryptography`` checks an RSA key on every load (~75 ms of a ~150 ms card signature).
    The key is loaded once here. Mechanisms other than RSA PKCS#1 v1.5, RSA-PSS and ECDSA
    fall back to pyHanko's own code (correct, just slower).
    """
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from pyhanko.sign import signers
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

    class LoadedKeySigner(signers.SimpleSigner):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.loaded_key = serialization.load_der_private_key(
                self.signing_key.dump(), password=None
            )

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                name = mechanism.signature_algo
            except ValueError:  # pragma: no cover - the same fallback as pyHanko's
                name = mechanism["algorithm"].native
            key = self.loaded_key
            if name == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                hash_algo = get_pyca_cryptography_hash(digest_algorithm)
                return key.sign(data, padding.PKCS1v15(), hash_algo)
            if name == "rsassa_pss" and isinstance(key, rsa.RSAPrivateKey):
                pss, hash_algo = process_pss_params(mechanism["parameters"])
                return key.sign(data, pss, hash_algo)
            if name == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                hash_algo = get_pyca_cryptography_hash(digest_algorithm)
                return key.sign(data, ec.ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)  # pragma: no cover - rare keys

    return LoadedKeySigner


def _file_stamp(*paths: Path) -> tuple[tuple[int, int, int], ...]:
    """What changes when a file is replaced or rewritten: inode (an atomic rename gives a
    new one), size and modification time in nanoseconds."""
    stamps = []
    for path in paths:
        status = path.stat()
        stamps.append((status.st_ino, status.st_size, status.st_mtime_ns))
    return tuple(stamps)


def _demo_signer(folder: Path) -> SignerInfo:
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = serialization.load_pem_private_key((folder / KEY_FILE).read_bytes(), password=None)
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ca_pem = (folder / CA_FILE).read_bytes()
    signer = _loaded_key_signer_class()(
        signing_cert=_asn1_cert((folder / CERT_FILE).read_bytes()),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(ca_pem)]),
    )
    return SignerInfo(signer=signer, trust_anchor_pem=ca_pem, is_demo=True)


def _p12_signer(path: Path) -> SignerInfo:
    return _p12_data_signer(path.read_bytes(), _env("PENCAKER_SIGNING_P12_PASSWORD"))


def _p12_data_signer(data: bytes, password: str | None) -> SignerInfo:
    from pyhanko.sign import signers

    try:
        loaded = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=password.encode() if password else None
        )
    except ValueError as exc:
        raise ImproperlyConfigured("PENCAKER_SIGNING_P12: cannot open (wrong password?)") from exc
    signer = _loaded_key_signer_class()(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
    )
    return SignerInfo(signer=signer, trust_anchor_pem=None, is_demo=False)


def _pkcs11_signer(lib: str) -> SignerInfo:
    from pyhanko.config.pkcs11 import PKCS11SignatureConfig, TokenCriteria

    slot = _env("PENCAKER_SIGNING_PKCS11_SLOT")
    label = _env("PENCAKER_SIGNING_PKCS11_KEY_LABEL")
    if not label:
        raise ImproperlyConfigured("PENCAKER_SIGNING_PKCS11_KEY_LABEL must be set")
    config = PKCS11SignatureConfig(
        module_path=lib,
        token_criteria=TokenCriteria(label=_env("PENCAKER_SIGNING_PKCS11_TOKEN")),
        slot_no=int(slot) if slot else None,
        cert_label=label,
        key_label=label,
        user_pin=_env("PENCAKER_SIGNING_PKCS11_PIN"),
    )
    # Only the configuration is cached, never a session: a PKCS#11 session does not survive
    # fork() (gunicorn --preload, multiprocessing), is not safe to share between threads,
    # and dies with an HSM restart or a pulled token. A session per signature (open, login,
    # sign once thanks to BYTES_RESERVED, close) costs a few milliseconds and always works.
    return SignerInfo(signer=None, trust_anchor_pem=None, is_demo=False, pkcs11_config=config)


@contextlib.contextmanager
def _pkcs11_session(config: Any) -> Iterator[Any]:  # pragma: no cover - needs a real token
    from pyhanko.sign.pkcs11 import PKCS11SigningContext

    with PKCS11SigningContext(config) as signer:
        yield signer


@contextlib.contextmanager
def _signer_session(info: SignerInfo) -> Iterator[Any]:
    if info.pkcs11_config is None:
        yield info.signer
    else:
        with _pkcs11_session(info.pkcs11_config) as signer:
            yield signer


# Per process: source -> (file stamp, signer). A pure cache: every call checks the key
# files' stamp, so a rotated certificate (new file, or the same file rewritten) is loaded
# on the next signature, in every process and on every server.
_cache: dict[str, tuple[Any, SignerInfo]] = {}


def current_signer(office: Any = None) -> SignerInfo:
    """The signer of ``office``'s cards: the PKCS#12 its admin uploaded, else the configured
    signer. Loaded once per process and reloaded when the upload or the files change."""
    if office is not None:
        material = office_signer_material(office.pk)
        if material is not None:
            stamp_db, data, password = material
            key = f"office:{office.pk}"
            hit = _cache.get(key)
            if hit is not None and hit[0] == stamp_db:
                return hit[1]
            info = _p12_data_signer(data, password)
            _cache[key] = (stamp_db, info)
            return info
    lib = _env("PENCAKER_SIGNING_PKCS11_LIB")
    p12 = _env("PENCAKER_SIGNING_P12")
    if lib:
        source: str = f"pkcs11:{lib}"
        stamp: Any = None  # the token is the source of truth; nothing to stat
    elif p12:
        source = f"p12:{p12}"
        if not Path(p12).is_file():
            raise ImproperlyConfigured(f"PENCAKER_SIGNING_P12: no file at {p12}")
        stamp = _file_stamp(Path(p12))
    else:
        folder = demo_material()
        source = f"demo:{folder}"
        stamp = _file_stamp(folder / KEY_FILE, folder / CERT_FILE, folder / CA_FILE)
    cached = _cache.get(source)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if lib:
        info = _pkcs11_signer(lib)
    elif p12:
        info = _p12_signer(Path(p12))
    else:
        info = _demo_signer(folder)
    _cache[source] = (stamp, info)
    return info


def _chain_pem(signer: Any) -> bytes:
    chain = list(getattr(signer, "cert_registry", []) or []) or [signer.signing_cert]
    return b"".join(
        x509.load_der_x509_certificate(c.dump()).public_bytes(serialization.Encoding.PEM)
        for c in chain[-1:]
    )


def trust_anchor_pem() -> bytes:
    """The certificate that anyone can use to validate card signatures.

    Embedded: the demo CA. With a PKCS#12 file or a token: the last certificate of its
    chain (the root, or the highest one the file or token carries).
    """
    info = current_signer()
    if info.trust_anchor_pem is not None:
        return info.trust_anchor_pem
    with _signer_session(info) as signer:
        return _chain_pem(signer)


def _bytes_reserved(signer: Any) -> int:
    """Hex characters to reserve for this signer's CMS object: ``BYTES_RESERVED``, or more
    when the certificates embedded in the signature need it."""
    certs = [signer.signing_cert, *(getattr(signer, "cert_registry", None) or [])]
    needed = 2 * (sum(len(cert.dump()) for cert in certs) + _CMS_OVERHEAD)
    return max(BYTES_RESERVED, -(-needed // 1024) * 1024)


def sign_pdf(
    pdf: bytes, *, reason: str, location: str, contact: str = "", office: Any = None
) -> bytes:
    """Return ``pdf`` signed as PAdES baseline (B-B) by the office's key."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError

    info = current_signer(office)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        contact_info=contact or None,
    )

    def sign(signer: Any, reserved: int | None) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = _outside_event_loop(
            lambda: signers.sign_pdf(writer, meta, signer=signer, bytes_reserved=reserved)
        )
        return out.getvalue()

    with _signer_session(info) as signer:
        try:
            return sign(signer, _bytes_reserved(signer))
        except SigningError:
            # Only if the reservation was somehow too small (an unusual token or chain):
            # let pyHanko measure the signature first, as it does by default.
            logger.warning("PAdES signature larger than reserved; signing with an estimate")
            return sign(signer, None)


@dataclass(frozen=True)
class ValidationResult:
    intact: bool
    valid: bool
    trusted: bool
    whole_file: bool
    signer: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.whole_file


def validate_pdf(pdf: bytes, *, trust_anchor: bytes) -> ValidationResult:
    """Validate the (single) card signature against a trust anchor (PEM or DER)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
        if len(signatures) != 1:
            return ValidationResult(False, False, False, False, "")
        context = ValidationContext(trust_roots=[_asn1_cert(trust_anchor)])
        status = _outside_event_loop(lambda: validate_pdf_signature(signatures[0], context))
    except Exception:  # noqa: BLE001 - a damaged file is simply "not valid"
        return ValidationResult(False, False, False, False, "")
    return ValidationResult(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
    )


def certificate_status(office: Any = None) -> dict[str, Any]:
    """What the office settings screen shows of the signing certificate of ``office``:
    ``source`` (uploaded, demo, pkcs12, pkcs11), ``subject``, ``issuer``, ``valid_from``,
    ``valid_until`` (aware datetimes) and ``error`` (a configuration problem, in words)."""
    uploaded = office_signer_material(office.pk) if office is not None else None
    source = (
        "uploaded"
        if uploaded is not None
        else "pkcs11"
        if _env("PENCAKER_SIGNING_PKCS11_LIB")
        else "pkcs12"
        if _env("PENCAKER_SIGNING_P12")
        else "demo"
    )
    status: dict[str, Any] = {
        "source": source,
        "subject": "",
        "issuer": "",
        "valid_from": None,
        "valid_until": None,
        "error": "",
    }
    try:
        info = current_signer(office)
    except (ImproperlyConfigured, OSError, ValueError) as exc:
        status["error"] = str(exc)
        return status
    cert = getattr(info.signer, "signing_cert", None)
    if cert is None:  # PKCS#11: the certificate stays on the token
        return status
    status["subject"] = cert.subject.human_friendly
    status["issuer"] = cert.issuer.human_friendly
    status["valid_from"] = cert.not_valid_before
    status["valid_until"] = cert.not_valid_after
    return status
