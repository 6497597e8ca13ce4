"""The single-record sections of the profile: identity, address, contact, preferences,
disability, and the partial update behind the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError
from pencaker.core.text import name_clean, text_clean
from pencaker.offices.selectors import office_for_village
from pencaker.regions.models import Level, Region
from pencaker.regions.nik import normalize_nik
from pencaker.regions.selectors import region_get
from pencaker.seekers import rules
from pencaker.seekers.choices import Section
from pencaker.seekers.errors import SeekerErrorCode
from pencaker.seekers.models import (
    JobSeekerProfile,
    NikConflict,
)
from pencaker.seekers.services._base import (
    IDENTITY_FIELDS,
    _apply,
    _check_can_edit,
    _history,
    _invalid,
    _locked,
)
from pencaker.seekers.services.transfers import transfer_follow_move

# --- the profile ----------------------------------------------------------------------


def profile_ensure(*, user: User) -> JobSeekerProfile:
    """Return the user's profile, creating an empty one on first use."""
    profile, _created = JobSeekerProfile.objects.get_or_create(user=user)
    return profile


def nik_conflict_record(*, actor: User, profile: JobSeekerProfile, nik: str) -> NikConflict | None:
    """Record that ``profile``'s owner tried a NIK already on another profile.

    Callers that wrap ``profile_update_identity`` in a larger transaction call this again
    after rolling back, so the attempt stays visible to staff.
    """
    existing = JobSeekerProfile.objects.exclude(pk=profile.pk).filter(nik=nik).first()
    if existing is None:
        return None
    conflict = NikConflict.objects.create(
        nik=nik,
        attempted_by=profile.user,
        existing_profile=existing,
        office=existing.office,
        attempted_office=profile.office,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SEEKERS_NIK_CONFLICT,
        obj=conflict,
        office=existing.office,
        data={"existing_profile": existing.pk, "attempted_profile": profile.pk},
    )
    return conflict


def _nik_taken_error(profile: JobSeekerProfile) -> Conflict:
    # One answer for a NIK registered in this office, in another office, and for any NIK
    # once the account has hit registered NIKs too often (``_nik_probing_blocked``): it
    # never confirms where, or after the limit whether, the NIK is registered.
    message = _(
        "This NIK is already registered to another account or cannot be accepted online. "
        "If the NIK is yours, please contact the Dinas Tenaga Kerja office with your KTP so "
        "they can help you."
    )
    return Conflict(SeekerErrorCode.NIK_TAKEN, message, fields={"nik": [message]})


def _nik_probing_blocked(*, actor: User, profile: JobSeekerProfile, nik: str) -> bool:
    """Whether the citizen may no longer change the NIK online: their attempts have hit a
    registered NIK ``PENCAKER_NIK_CONFLICT_LIMIT`` times. Typing NIKs would otherwise tell
    which people are registered job seekers; staff at the counter are not limited."""
    if not nik or nik == profile.nik or actor.pk != profile.user_id:
        return False
    tried = NikConflict.objects.filter(attempted_by_id=profile.user_id).count()
    return tried >= settings.PENCAKER_NIK_CONFLICT_LIMIT


def profile_update_identity(
    *,
    actor: User,
    profile: JobSeekerProfile,
    nik: str = "",
    full_name: str = "",
    birth_place: str = "",
    birth_date: dt.date | None = None,
    sex: str = "",
    marital_status: str = "",
    religion: str = "",
) -> JobSeekerProfile:
    """Save the identity section (any field may still be empty).

    Refuses a NIK whose date of birth or sex disagrees with the entered ones, and a NIK
    already on another profile: then a ``NikConflict`` row is kept for staff and nothing
    of the profile changes. The NIK's region prefix is never compared with the address.
    """
    _check_can_edit(actor, profile)
    nik = normalize_nik(nik)
    values = {
        "nik": nik,
        "full_name": name_clean(full_name),
        "birth_place": name_clean(birth_place),
        "birth_date": birth_date,
        "sex": sex,
        "marital_status": marital_status,
        "religion": religion,
    }
    conflict: Conflict | None = None
    with transaction.atomic():
        profile = _locked(profile)
        errors = rules.identity_errors(
            nik=nik,
            birth_date=birth_date,
            sex=sex,
            min_age=rules.min_age_for(profile.office),
            today=timezone.localdate(),
        )
        for field, messages in (
            rules.choice_errors(marital_status=marital_status, religion=religion)
            # The NIK parser already explains a wrong length.
            | rules.length_errors(JobSeekerProfile, {k: v for k, v in values.items() if k != "nik"})
        ).items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise _invalid(errors)
        if nik and JobSeekerProfile.objects.exclude(pk=profile.pk).filter(nik=nik).exists():
            nik_conflict_record(actor=actor, profile=profile, nik=nik)
            conflict = _nik_taken_error(profile)
        elif _nik_probing_blocked(actor=actor, profile=profile, nik=nik):
            conflict = _nik_taken_error(profile)
        else:
            changes = _apply(profile, values)
            if changes:
                try:
                    with transaction.atomic():
                        profile.save()
                except IntegrityError:
                    # Another account saved the same NIK a moment ago.
                    nik_conflict_record(actor=actor, profile=profile, nik=nik)
                    conflict = _nik_taken_error(profile)
                else:
                    _history(
                        profile=profile, actor=actor, section=Section.IDENTITY, changes=changes
                    )
    if conflict is not None:
        raise conflict
    return profile


def profile_update_address(
    *,
    actor: User,
    profile: JobSeekerProfile,
    address_line: str = "",
    rt: str = "",
    rw: str = "",
    village: Region | None = None,
    postal_code: str = "",
) -> JobSeekerProfile:
    """Save where the person lives. The first address decides which office holds the
    record; a later one in another office's area opens a transfer to that office
    (``transfers.transfer_follow_move``) and the record stays where it is held."""
    _check_can_edit(actor, profile)
    values: dict[str, Any] = {
        "address_line": name_clean(address_line),
        "rt": rules.normalize_rt_rw(rt),
        "rw": rules.normalize_rt_rw(rw),
        "village": village,
        "postal_code": postal_code.strip(),
    }
    errors = rules.length_errors(JobSeekerProfile, values) | rules.address_errors(**values)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        profile = _locked(profile)
        address_office = office_for_village(village) if village is not None else None
        if profile.office_id is None:
            values["office"] = address_office
        changes = _apply(profile, values)
        if changes:
            profile.save()
            _history(profile=profile, actor=actor, section=Section.ADDRESS, changes=changes)
        if village is not None:
            transfer_follow_move(actor=actor, profile=profile, address_office=address_office)
    return profile


def profile_update_contact(
    *, actor: User, profile: JobSeekerProfile, phone: str
) -> JobSeekerProfile:
    """Change the mobile number of the account (stored in E.164)."""
    _check_can_edit(actor, profile)
    normalized, error = rules.normalize_phone(phone)
    if error:
        raise _invalid({"phone": [error]})
    with transaction.atomic():
        profile = _locked(profile)
        user = type(profile.user).objects.select_for_update().get(pk=profile.user_id)
        changes = _apply(user, {"phone": normalized})
        if changes:
            user.save(update_fields=["phone"])
            profile.user = user
            _history(profile=profile, actor=actor, section=Section.CONTACT, changes=changes)
    return profile


PARTIAL_ADDRESS_FIELDS = ("address_line", "rt", "rw", "village_code", "postal_code")
PARTIAL_FIELDS = (*IDENTITY_FIELDS, "phone", *PARTIAL_ADDRESS_FIELDS)


def _parse_birth_date(value: str, errors: dict[str, list[str]]) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors["birth_date"] = [
            _("Please enter a real date in the form YYYY-MM-DD, for example 1999-12-31.")
        ]
        return None


def _village_for_code(code: str, errors: dict[str, list[str]]) -> Region | None:
    code = code.strip()
    if not code:
        return None
    village = region_get(code[:13])
    if village is None or village.level != Level.VILLAGE:
        errors["village_code"] = [_("There is no kelurahan/desa with this code.")]
        return None
    return village


def _with_partial_names(exc: DomainError) -> DomainError:
    """The same error, its field errors named as ``profile_update_partial``'s input."""
    if "village" not in exc.fields:
        return exc
    fields = {("village_code" if k == "village" else k): v for k, v in exc.fields.items()}
    return type(exc)(exc.code, exc.message, status=exc.status, details=exc.details, fields=fields)


def profile_update_partial(
    *, actor: User, profile: JobSeekerProfile, changes: Mapping[str, str]
) -> JobSeekerProfile:
    """Change only the identity, contact and address fields in ``changes``.

    ``changes`` holds text as a client sends it (names in ``PARTIAL_FIELDS``:
    ``birth_date`` as YYYY-MM-DD, ``village_code`` for the village; an empty string clears
    a field). The same rules and messages as the section services apply; the fields the
    cheap checks can judge (date, village, address, phone) are all reported together.
    All or nothing: a refusal in one section saves nothing in the others. Field errors are
    named as in ``changes``.
    """
    unknown = set(changes) - set(PARTIAL_FIELDS)
    if unknown:
        raise ValueError(f"profile_update_partial: unknown fields {sorted(unknown)}")
    _check_can_edit(actor, profile)
    errors: dict[str, list[str]] = {}

    identity: dict[str, Any] | None = None
    if set(IDENTITY_FIELDS) & changes.keys():
        identity = {f: getattr(profile, f) for f in IDENTITY_FIELDS}
        identity.update({k: v for k, v in changes.items() if k in IDENTITY_FIELDS})
        if "birth_date" in changes:
            identity["birth_date"] = _parse_birth_date(changes["birth_date"], errors)
        identity["nik"] = normalize_nik(identity["nik"])

    address: dict[str, Any] | None = None
    if set(PARTIAL_ADDRESS_FIELDS) & changes.keys():
        address = {
            "address_line": changes.get("address_line", profile.address_line),
            "rt": changes.get("rt", profile.rt),
            "rw": changes.get("rw", profile.rw),
            "village": profile.village,
            "postal_code": changes.get("postal_code", profile.postal_code),
        }
        if "village_code" in changes:
            address["village"] = _village_for_code(changes["village_code"], errors)
        for field, messages in rules.address_errors(
            address_line=address["address_line"],
            rt=rules.normalize_rt_rw(address["rt"]),
            rw=rules.normalize_rt_rw(address["rw"]),
            village=address["village"],
            postal_code=address["postal_code"].strip(),
        ).items():
            errors.setdefault("village_code" if field == "village" else field, messages)

    if "phone" in changes:
        _normalized, phone_error = rules.normalize_phone(changes["phone"])
        if phone_error:
            errors["phone"] = [phone_error]
    if errors:
        raise _invalid(errors)

    try:
        with transaction.atomic():
            if address is not None:
                profile = profile_update_address(actor=actor, profile=profile, **address)
            if "phone" in changes:
                profile = profile_update_contact(
                    actor=actor, profile=profile, phone=changes["phone"]
                )
            if identity is not None:
                profile = profile_update_identity(actor=actor, profile=profile, **identity)
    except Conflict as exc:
        if exc.code == SeekerErrorCode.NIK_TAKEN and identity is not None:
            # The transaction above rolled back the record of the attempt too: keep it.
            stored = JobSeekerProfile.objects.select_related("office", "user").get(pk=profile.pk)
            nik_conflict_record(actor=actor, profile=stored, nik=identity["nik"])
        raise _with_partial_names(exc) from None
    except DomainError as exc:
        raise _with_partial_names(exc) from None
    return profile


def profile_update_preferences(
    *,
    actor: User,
    profile: JobSeekerProfile,
    preferred_occupation: str = "",
    preferred_locations: str = "",
    willing_to_relocate: bool = False,
    expected_salary: int | None = None,
) -> JobSeekerProfile:
    _check_can_edit(actor, profile)
    if expected_salary is not None and expected_salary < 0:
        raise _invalid({"expected_salary": [_("The expected salary cannot be negative.")]})
    values = {
        "preferred_occupation": name_clean(preferred_occupation),
        "preferred_locations": name_clean(preferred_locations),
        "willing_to_relocate": bool(willing_to_relocate),
        "expected_salary": expected_salary,
    }
    length = rules.length_errors(JobSeekerProfile, values)
    if length:
        raise _invalid(length)
    with transaction.atomic():
        profile = _locked(profile)
        changes = _apply(profile, values)
        if changes:
            profile.save()
            _history(profile=profile, actor=actor, section=Section.PREFERENCES, changes=changes)
    return profile


def profile_update_disability(
    *,
    actor: User,
    profile: JobSeekerProfile,
    has_disability: bool | None = None,
    disability_details: str = "",
) -> JobSeekerProfile:
    """Optional information; ``None`` means the person chose not to say."""
    _check_can_edit(actor, profile)
    values = {
        "has_disability": has_disability,
        "disability_details": text_clean(disability_details, multiline=True)
        if has_disability
        else "",
    }
    with transaction.atomic():
        profile = _locked(profile)
        changes = _apply(profile, values)
        if changes:
            profile.save()
            _history(profile=profile, actor=actor, section=Section.DISABILITY, changes=changes)
    return profile
