"""Identity check against Dukcapil (the population register): interface and a fake.

Off by default (``PENCAKER_IDENTITY_CHECKER`` empty): nothing calls Dukcapil, and every
check answers ``disabled`` so callers keep today's rules (the NIK's own checks in
``regions.nik``). Access to Dukcapil's NIK verification needs an agreement (PKS) with the
Ditjen Dukcapil; a real adapter implements ``IdentityChecker`` and is named by its
dotted path in the setting. ``fake`` is for tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class IdentityStatus(StrEnum):
    DISABLED = "disabled"
    MATCH = "match"
    MISMATCH = "mismatch"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class IdentityResult:
    status: IdentityStatus
    fields: tuple[str, ...] = ()  # which of name / birth_date did not match


class IdentityChecker(Protocol):
    def check(self, *, nik: str, name: str, birth_date: dt.date) -> IdentityResult: ...


class DisabledChecker:
    def check(self, *, nik: str, name: str, birth_date: dt.date) -> IdentityResult:
        return IdentityResult(IdentityStatus.DISABLED)


@dataclass
class FakeChecker:
    """Answers from ``people`` {nik: (name, birth date)}; ``down`` answers unavailable."""

    people: dict[str, tuple[str, dt.date]] = field(default_factory=dict)
    down: bool = False

    def check(self, *, nik: str, name: str, birth_date: dt.date) -> IdentityResult:
        if self.down:
            return IdentityResult(IdentityStatus.UNAVAILABLE)
        if nik not in self.people:
            return IdentityResult(IdentityStatus.NOT_FOUND)
        known_name, known_birth = self.people[nik]
        wrong = tuple(
            name_
            for name_, ok in (
                ("name", " ".join(known_name.upper().split()) == " ".join(name.upper().split())),
                ("birth_date", known_birth == birth_date),
            )
            if not ok
        )
        return IdentityResult(IdentityStatus.MISMATCH if wrong else IdentityStatus.MATCH, wrong)


_FAKE = FakeChecker()


def identity_checker() -> IdentityChecker:
    name = settings.PENCAKER_IDENTITY_CHECKER
    if not name:
        return DisabledChecker()
    if name == "fake":
        return _FAKE
    return import_string(name)()


def fake_checker() -> FakeChecker:
    """The shared fake (tests fill ``people``)."""
    return _FAKE
