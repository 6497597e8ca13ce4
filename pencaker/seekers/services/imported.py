"""Accounts and profiles of holders brought in from an office's existing records.

The exchange app's holders import calls this inside its one transaction. An imported
holder has an account without a usable password and without a real email address (a
placeholder under the reserved ``.invalid`` domain, RFC 2606, that no mail can reach):
they claim it later with their NIK, birth date and a one-time code (ADR 0024).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from pencaker.accounts.models import Role, User
from pencaker.offices.models import Office
from pencaker.seekers.models import JobSeekerProfile

UNCLAIMED_EMAIL_DOMAIN = "unclaimed.pencaker.invalid"


@dataclass(frozen=True)
class ImportedPerson:
    nik: str
    full_name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    address_line: str
    village_code: str


def is_unclaimed_email(email: str) -> bool:
    return email.endswith("@" + UNCLAIMED_EMAIL_DOMAIN)


def profiles_import_bulk(*, office: Office, people: list[ImportedPerson]) -> list[JobSeekerProfile]:
    """Create one unclaimed account and profile per person (bulk; the caller has checked
    that no NIK exists yet). Returns the profiles in the order of ``people``."""
    users = [
        User(
            email=f"{secrets.token_hex(12)}@{UNCLAIMED_EMAIL_DOMAIN}",
            full_name=person.full_name,
            role=Role.JOB_SEEKER,
            password=make_password(None),
        )
        for person in people
    ]
    users = User.objects.bulk_create(users, batch_size=1000)
    profiles = [
        JobSeekerProfile(
            user_id=user.pk,
            office=office,
            nik=person.nik,
            full_name=person.full_name,
            birth_place=person.birth_place,
            birth_date=person.birth_date,
            sex=person.sex,
            address_line=person.address_line,
            village_id=person.village_code,
        )
        for user, person in zip(users, people, strict=True)
    ]
    return JobSeekerProfile.objects.bulk_create(profiles, batch_size=1000)
