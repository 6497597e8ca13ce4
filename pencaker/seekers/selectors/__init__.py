"""Reads for the job-seeker profile, including office filtering for staff.

One module per sub-area: ``profile``, ``completeness``, ``history``, ``staff``, ``data``
(the download). Import from ``pencaker.seekers.selectors``.
"""

from __future__ import annotations

from pencaker.seekers.selectors.completeness import (
    REQUIRED_ADDRESS_FIELDS,
    REQUIRED_IDENTITY_FIELDS,
    Completeness,
    MissingItem,
    profile_completeness,
)
from pencaker.seekers.selectors.data import seeker_data
from pencaker.seekers.selectors.history import (
    ChangeLine,
    HistoryRow,
    profile_history,
)
from pencaker.seekers.selectors.profile import (
    profile_for_user,
    seeker_office_id,
)
from pencaker.seekers.selectors.staff import (
    nik_conflicts_for_office,
    seeker_for_staff,
    seekers_for_office,
    transfers_for_office,
)

__all__ = [
    "ChangeLine",
    "Completeness",
    "HistoryRow",
    "MissingItem",
    "REQUIRED_ADDRESS_FIELDS",
    "REQUIRED_IDENTITY_FIELDS",
    "nik_conflicts_for_office",
    "profile_completeness",
    "profile_for_user",
    "profile_history",
    "seeker_data",
    "seeker_for_staff",
    "seeker_office_id",
    "seekers_for_office",
    "transfers_for_office",
]
