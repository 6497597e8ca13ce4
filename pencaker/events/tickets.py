"""QR tickets: a short code staff can type (``K7QM-3XPD``, 40 random bits in Crockford's
base 32, no I/L/O/U to misread) and a signed token in the QR image.

The QR holds an absolute link to the office's check-in page with the token, so a phone's
own camera app opens the page that checks the ticket (no JavaScript, no scanner app). The
token is signed with Django's ``signing`` (HMAC with SECRET_KEY, its own salt): a token
cannot be made for another registration, and the short code alone is still enough when a
seeker shows a printed or an SMS ticket.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qs, urlsplit

import segno
from django.core import signing
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pencaker.core.links import absolute_url

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SALT = "pencaker.events.ticket"
CODE_RE = re.compile(r"^[0-9A-Z]{8}$")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _n in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    """``k7qm 3xpd`` / ``K7QM-3XPD`` → ``K7QM-3XPD``; O→0 and I/L→1 as Crockford reads."""
    raw = re.sub(r"[\s\-]", "", text or "").upper().translate(str.maketrans("OIL", "011"))
    if not CODE_RE.match(raw):
        return ""
    return f"{raw[:4]}-{raw[4:]}"


def token_for(registration) -> str:
    return signing.dumps([registration.pk, registration.ticket_code], salt=SALT, compress=True)


def parse(text: str) -> tuple[int | None, str]:
    """What staff typed, pasted or scanned → ``(registration id or None, code)``. A link or
    a token must carry a valid signature; anything else is read as a short code."""
    text = (text or "").strip()[:600]
    if "t=" in text:
        values = parse_qs(urlsplit(text).query).get("t") or []
        text = values[0] if values else ""
    if ":" in text:
        try:
            pk, code = signing.loads(text, salt=SALT)
            return int(pk), str(code)
        except (signing.BadSignature, ValueError, TypeError):
            return None, ""
    return None, normalise_code(text)


def checkin_url(registration) -> str:
    path = reverse("events:checkin", args=[registration.event_id])
    return absolute_url(f"{path}?t={token_for(registration)}")


def qr_svg(registration, *, label: str) -> SafeString:
    svg = segno.make(checkin_url(registration), error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="ticket-qr", lineclass=None
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    # segno's output holds only the path data it computed and the escaped label.
    return mark_safe(labelled)  # noqa: S308
