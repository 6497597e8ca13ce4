"""Tracking numbers read over the phone: one alphabet for every kind of request."""

from __future__ import annotations

import datetime as dt
import secrets

# Crockford-style alphabet: no I, L, O, U, so a number read over the phone is unambiguous.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def tracking_number(prefix: str, now: dt.datetime) -> str:
    """``<prefix>-YYMM-XXXX-XXXX`` with eight random characters of the alphabet."""
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{prefix}-{now:%y%m}-{body[:4]}-{body[4:]}"
