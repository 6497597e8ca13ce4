"""The secret of a complaint's status link (signed-out tracking with number and secret)."""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from pencaker.complaints.models import Complaint


def complaint_secret(complaint: Complaint) -> str:
    """An HMAC of the number and a stored nonce: the database alone does not give the
    secret away, and every message can carry the link."""
    value = f"{complaint.tracking_number}:{complaint.secret_nonce}"
    return salted_hmac("pencaker.complaints.secret", value).hexdigest()[:20]


def complaint_secret_matches(complaint: Complaint, secret: str) -> bool:
    return constant_time_compare(complaint_secret(complaint), (secret or "").strip().lower())
