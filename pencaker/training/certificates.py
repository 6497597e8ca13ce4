"""Training certificates: a one-page PDF signed like the AK/1 card (PAdES with the office's
signing key, ``cards.signing``) carrying a QR code with a CWT in a COSE_Sign1 envelope
signed by the same Ed25519 keys as card tokens (``cards.qr_keys``), so the keys published
at ``/.well-known/pencaker-keys.json`` verify both offline.

Token payload (CBOR map; docs/adr/0033)::

    {1 (iss): office code, 2 (sub): certificate number, 6 (iat): issue date 00:00 UTC,
     "t": "pelatihan", "nm": holder name, "pg": programme title, "cp": competence,
     "pv": provider}

The ``"t"`` claim keeps a certificate token from ever being read as a card token (a card
verifier fails on the missing card claims, and this one on a missing ``"t"``). The QR
holds ``SITE_URL/sertifikat/v/<token>``; the number (``PLT-<year>-<10 random characters>``)
can be typed at ``/sertifikat/cek/`` and is not guessable from another one.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from typing import Any

import cbor2
from cwt import COSE, COSEKey
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from pencaker.cards import qr_keys, signing
from pencaker.cards.pdf_render import _draw_qr
from pencaker.cards.tokens import (
    ALG_EDDSA,
    HEADER_ALG,
    HEADER_KID,
    TokenError,
    b64url_decode,
    b64url_encode,
    token_kid,
)
from pencaker.core.links import absolute_url
from pencaker.core.pdf_fonts import FONT, FONT_BOLD, register_fonts

TOKEN_TYPE = "pelatihan"  # noqa: S105 - the claim value, not a secret
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


@dataclass(frozen=True)
class CertificateClaims:
    number: str
    holder_name: str
    programme: str
    competence: str
    provider: str
    office_code: str
    issued_on: dt.date
    kid: str = ""

    def to_cbor_map(self) -> dict[Any, Any]:
        return {
            1: self.office_code,
            2: self.number,
            6: int(dt.datetime.combine(self.issued_on, dt.time(), tzinfo=dt.UTC).timestamp()),
            "t": TOKEN_TYPE,
            "nm": self.holder_name,
            "pg": self.programme,
            "cp": self.competence,
            "pv": self.provider,
        }

    @classmethod
    def from_cbor_map(cls, claims: Any, kid: str) -> CertificateClaims:
        if not isinstance(claims, dict) or claims.get("t") != TOKEN_TYPE:
            raise TokenError("not a training certificate token")
        try:
            issued = claims[6]
            if not isinstance(issued, int) or isinstance(issued, bool):
                raise TypeError("date claim is not an integer")
            return cls(
                number=str(claims[2]),
                holder_name=str(claims["nm"]),
                programme=str(claims["pg"]),
                competence=str(claims.get("cp", "")),
                provider=str(claims.get("pv", "")),
                office_code=str(claims[1]),
                issued_on=dt.datetime.fromtimestamp(issued, tz=dt.UTC).date(),
                kid=kid,
            )
        except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            raise TokenError("missing or malformed claim") from exc


def certificate_number_new(year: int) -> str:
    return f"PLT-{year}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(10))


def certificate_token_sign(claims: CertificateClaims) -> str:
    kid, private_key = qr_keys.signing_key_current()
    raw = COSE.new().encode_and_sign(
        cbor2.dumps(claims.to_cbor_map()),
        private_key,
        protected={HEADER_ALG: ALG_EDDSA, HEADER_KID: kid.encode("ascii")},
        unprotected={},
    )
    return b64url_encode(raw)


def certificate_token_verify(token: str, jwks: dict[str, Any]) -> CertificateClaims:
    """Verify a certificate token with a JWK set alone (no database, no network): all an
    offline verifier needs. Raises ``TokenError`` for anything not genuine."""
    kid = token_kid(token)  # also checks the shape and the length
    keys = [k for k in (jwks or {}).get("keys", []) if isinstance(k, dict) and k.get("kid") == kid]
    if not keys:
        raise TokenError("unknown key id")
    raw = b64url_decode(token)
    try:
        protected = cbor2.loads(cbor2.loads(raw).value[0])
        if protected.get(HEADER_ALG) != ALG_EDDSA:
            raise TokenError("unexpected algorithm")
        payload = COSE.new().decode(raw, COSEKey.from_jwk(keys[0]))
        claims = cbor2.loads(payload)
    except TokenError:
        raise
    except Exception as exc:  # noqa: BLE001 - cwt raises several types for a bad signature
        raise TokenError("signature does not verify") from exc
    return CertificateClaims.from_cbor_map(claims, kid)


def verify_url(token: str) -> str:
    return absolute_url(reverse("certificates:verify_token", args=[token]))


def token_from_text(text: str) -> str:
    """The token in what a verifier pasted: the token itself or the QR's whole URL."""
    text = (text or "").strip()
    marker = "/sertifikat/v/"
    if marker in text:
        text = text.split(marker, 1)[1]
    return text.split("?", 1)[0].split("#", 1)[0].strip("/")


# --- the PDF ---------------------------------------------------------------------------------

PAGE_W, PAGE_H = landscape(A4)


@dataclass(frozen=True)
class CertificatePrint:
    number: str
    holder_name: str
    programme: str
    competence: str
    provider: str
    period: str
    hours_text: str
    office_name: str
    letterhead: tuple[str, ...]
    signer_name: str
    signer_nip: str
    signer_title: str
    issued_on: dt.date
    qr_url: str
    demo: bool


def render_certificate_pdf(data: CertificatePrint) -> bytes:
    """The unsigned PDF (A4 landscape, printed in Indonesian as an official document)."""
    register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=True, pageCompression=1)
    with translation.override("id"):
        c.setTitle(_("Training certificate %(number)s") % {"number": data.number})
        c.setAuthor(data.office_name)
        c.setCreator("Pencaker")
        c.setStrokeColor(colors.HexColor("#1d4e89"))
        c.setLineWidth(3)
        c.rect(10 * mm, 10 * mm, PAGE_W - 20 * mm, PAGE_H - 20 * mm)
        y = PAGE_H - 28 * mm
        c.setFillColor(colors.black)
        for line in (*data.letterhead, data.office_name):
            if line:
                c.setFont(FONT_BOLD, 11)
                c.drawCentredString(PAGE_W / 2, y, line)
                y -= 6 * mm
        y -= 8 * mm
        c.setFont(FONT_BOLD, 26)
        c.drawCentredString(PAGE_W / 2, y, _("CERTIFICATE"))
        y -= 8 * mm
        c.setFont(FONT, 11)
        c.drawCentredString(PAGE_W / 2, y, _("Number: %(number)s") % {"number": data.number})
        y -= 14 * mm
        c.drawCentredString(PAGE_W / 2, y, _("is awarded to"))
        y -= 12 * mm
        c.setFont(FONT_BOLD, 22)
        c.drawCentredString(PAGE_W / 2, y, data.holder_name)
        y -= 12 * mm
        c.setFont(FONT, 11)
        c.drawCentredString(PAGE_W / 2, y, _("for completing the training"))
        y -= 9 * mm
        c.setFont(FONT_BOLD, 15)
        c.drawCentredString(PAGE_W / 2, y, data.programme)
        y -= 8 * mm
        c.setFont(FONT, 10.5)
        for line in (
            data.competence,
            _("Provider: %(provider)s") % {"provider": data.provider},
            data.period,
            data.hours_text,
        ):
            if line:
                c.drawCentredString(PAGE_W / 2, y, line)
                y -= 6 * mm
        qr_size = 38 * mm
        _draw_qr(c, data.qr_url, 22 * mm, 20 * mm, qr_size)
        c.setFont(FONT, 7.5)
        c.drawString(22 * mm, 16 * mm, _("Check at %(url)s") % {"url": "/sertifikat/cek/"})
        x = PAGE_W - 95 * mm
        c.setFont(FONT, 10.5)
        c.drawString(x, 62 * mm, formats.date_format(data.issued_on, "j F Y"))
        c.drawString(x, 56 * mm, data.signer_title or _("Head of the office"))
        c.setFont(FONT_BOLD, 10.5)
        c.drawString(x, 30 * mm, data.signer_name or "-")
        c.setFont(FONT, 9)
        if data.signer_nip:
            c.drawString(x, 25 * mm, f"NIP {data.signer_nip}")
        c.drawString(x, 19 * mm, _("Signed electronically"))
        if data.demo:
            c.setFillColor(colors.HexColor("#b00020"))
            c.setFont(FONT_BOLD, 9)
            c.drawCentredString(PAGE_W / 2, 13 * mm, signing.DEMO_LABEL)
    c.showPage()
    c.save()
    return buffer.getvalue()


def certificate_render_signed(data: CertificatePrint) -> bytes:
    return signing.sign_pdf(
        render_certificate_pdf(data),
        reason=f"Sertifikat pelatihan {data.number}",
        location=data.office_name,
    )
