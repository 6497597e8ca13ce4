"""Writes for the job-seeker profile.

Every service is keyword-only, takes the acting user, runs in one transaction, validates
(raising ``DomainError`` with field messages in ``fields``), saves, writes a
``ProfileChange`` row (the profile's own history) and an audit row. Forms and the API
call the same services, so the rules and their Indonesian messages are the same
everywhere.

One module per sub-area: ``profile`` (the single-record sections and the API's partial
update), ``entries`` (the list sections), ``privacy`` (traced reads); ``_base`` holds what
they share. Import from ``pencaker.seekers.services``.
"""

from __future__ import annotations

from pencaker.seekers.services._base import (
    ADDRESS_FIELDS,
    DISABILITY_FIELDS,
    IDENTITY_FIELDS,
    PREFERENCE_FIELDS,
)
from pencaker.seekers.services.entries import (
    EDUCATION_FIELDS,
    EXPERIENCE_FIELDS,
    TRAINING_FIELDS,
    education_add,
    education_remove,
    education_update,
    experience_add,
    experience_remove,
    experience_update,
    language_add,
    language_remove,
    skill_add,
    skill_remove,
    training_add,
    training_remove,
)
from pencaker.seekers.services.privacy import (
    profile_viewed_by_staff,
    seeker_data_export,
)
from pencaker.seekers.services.profile import (
    PARTIAL_ADDRESS_FIELDS,
    PARTIAL_FIELDS,
    nik_conflict_record,
    profile_ensure,
    profile_update_address,
    profile_update_contact,
    profile_update_disability,
    profile_update_identity,
    profile_update_partial,
    profile_update_preferences,
)
from pencaker.seekers.services.transfers import (
    transfer_accept,
    transfer_decline,
    transfer_follow_move,
)

__all__ = [
    "transfer_accept",
    "transfer_decline",
    "transfer_follow_move",
    "ADDRESS_FIELDS",
    "DISABILITY_FIELDS",
    "EDUCATION_FIELDS",
    "EXPERIENCE_FIELDS",
    "IDENTITY_FIELDS",
    "PARTIAL_ADDRESS_FIELDS",
    "PARTIAL_FIELDS",
    "PREFERENCE_FIELDS",
    "TRAINING_FIELDS",
    "education_add",
    "education_remove",
    "education_update",
    "experience_add",
    "experience_remove",
    "experience_update",
    "language_add",
    "language_remove",
    "nik_conflict_record",
    "profile_ensure",
    "profile_update_address",
    "profile_update_contact",
    "profile_update_disability",
    "profile_update_identity",
    "profile_update_partial",
    "profile_update_preferences",
    "profile_viewed_by_staff",
    "seeker_data_export",
    "skill_add",
    "skill_remove",
    "training_add",
    "training_remove",
]
