"""Absolute links for messages, QR codes and printed pages.

Every link that leaves the site (an email, an SMS, the QR code on an AK/1 card, the office
poster) is built here from ``settings.SITE_URL``, never by joining strings at the call
site. In the embedded default ``SITE_URL`` is the address ``make run`` serves
(``HOST``/``PORT``); production requires it to be set.
"""

from __future__ import annotations

from django.conf import settings


def site_address() -> str:
    """The public address itself, as printed on posters (no trailing slash)."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (as ``reverse()`` returns it, starting with ``/``) on the public address."""
    return f"{settings.SITE_URL.rstrip('/')}/{path.lstrip('/')}"
