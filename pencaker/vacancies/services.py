"""Every write of the vacancies app: one service per business action.

Each service runs in one transaction, locks the row two people could act on at once
(``select_for_update``), checks the transition table (``workflow``), writes the history
and audit rows and queues its messages in the outbox inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import can_decide
from pencaker.cards.choices import CardStatus
from pencaker.cards.selectors import card_current_of_holder
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.documents.models import Document
from pencaker.employers.models import KbliSector, Organisation
from pencaker.employers.selectors import organisation_of
from pencaker.regions.models import Level, Region
from pencaker.seekers.choices import EducationLevel
from pencaker.seekers.models import JobSeekerProfile
from pencaker.vacancies import notices, register, sla
from pencaker.vacancies.choices import (
    ApplicationStatus,
    ApplyMethod,
    CloseReason,
    EmploymentType,
    ReturnField,
    SexLimit,
    Status,
)
from pencaker.vacancies.errors import VacancyErrorCode as E
from pencaker.vacancies.models import (
    EmployerNote,
    KbjiOccupation,
    Vacancy,
    VacancyApplication,
    VacancyApplicationStatusChange,
    VacancyReturnItem,
)
from pencaker.vacancies.placement import record_hire
from pencaker.vacancies.workflow import APPLICATION_OPEN, application_move, vacancy_move

MAX_KEY_LENGTH = 100

#: Every field an employer writes on a vacancy.
VACANCY_FIELDS = (
    "title",
    "description",
    "occupation",
    "sector",
    "openings",
    "min_education",
    "majors",
    "skills",
    "min_experience_years",
    "location",
    "is_remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_by_agreement",
    "hours",
    "benefits",
    "disability_friendly",
    "accommodations",
    "closing_date",
    "apply_method",
    "apply_address",
    "ak1_required",
    "age_min",
    "age_max",
    "sex_limit",
    "limits_reason",
)


@dataclass(frozen=True)
class ReturnItemInput:
    field: str
    text: str


# --- Validation ------------------------------------------------------------------------------


def _text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    items = [" ".join(str(v).split()) for v in (value or [])]
    seen: list[str] = []
    for item in items:
        if item and item.lower() not in [s.lower() for s in seen]:
            seen.append(item[:100])
    return seen[:30]


def _int_or_none(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(str(value).replace(".", "").replace(",", "").strip())


def _clean(data: dict[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Check the fields of a whole vacancy; raise one DomainError naming each wrong field."""
    errors: dict[str, list[str]] = {}
    c: dict[str, Any] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for name in ("title", "description", "hours", "benefits", "accommodations", "apply_address"):
        c[name] = str(data.get(name) or "").strip()
    c["title"] = " ".join(c["title"].split())
    if not c["title"]:
        fail("title", _("Write the job title."))
    c["limits_reason"] = str(data.get("limits_reason") or "").strip()

    occupation = data.get("occupation")
    if not isinstance(occupation, KbjiOccupation):
        occupation = KbjiOccupation.objects.filter(code=str(occupation or "").strip()).first()
    if occupation is None or len(occupation.code) < 4:
        fail("occupation", _("Choose the occupation (a KBJI 2014 code, for example 7512)."))
    c["occupation"] = occupation

    sector = data.get("sector")
    if sector and not isinstance(sector, KbliSector):
        sector = KbliSector.objects.filter(code=str(sector).strip().upper()).first()
        if sector is None:
            fail("sector", _("Choose the business sector (a KBLI 2020 code)."))
    c["sector"] = sector or None

    for name, default in (("openings", 1), ("min_experience_years", 0)):
        try:
            value = _int_or_none(data.get(name))
        except ValueError:
            value = -1
        value = default if value is None else value
        if value < (1 if name == "openings" else 0) or value > 999:
            fail(name, _("Write a whole number."))
        c[name] = value
    for name in ("salary_min", "salary_max", "age_min", "age_max"):
        try:
            c[name] = _int_or_none(data.get(name))
        except ValueError:
            c[name] = None
            fail(name, _("Write a whole number."))
        if c[name] is not None and c[name] < 0:
            fail(name, _("Write a whole number."))
    c["salary_by_agreement"] = bool(data.get("salary_by_agreement"))
    if (
        c["salary_min"] is not None
        and c["salary_max"] is not None
        and c["salary_max"] < c["salary_min"]
    ):
        fail("salary_max", _("The upper end of the salary is below the lower end."))
    if c["salary_by_agreement"] and (c["salary_min"] or c["salary_max"]):
        fail("salary_by_agreement", _("Give a salary range or choose by agreement, not both."))

    c["min_education"] = str(data.get("min_education") or "")
    if c["min_education"] and c["min_education"] not in EducationLevel.values:
        fail("min_education", _("Choose the minimum education."))
    c["majors"] = _text_list(data.get("majors"))
    c["skills"] = _text_list(data.get("skills"))

    c["is_remote"] = bool(data.get("is_remote"))
    location = data.get("location")
    if location and not isinstance(location, Region):
        location = Region.objects.filter(code=str(location).strip()).first()
    if location is not None and location.level != Level.REGENCY:
        location = None
        fail("location", _("Choose a kabupaten/kota."))
    if location is None and not c["is_remote"] and "location" not in errors:
        fail("location", _("Choose the kabupaten/kota of the job, or mark it as remote."))
    c["location"] = location or None

    c["employment_type"] = str(data.get("employment_type") or "")
    if c["employment_type"] not in EmploymentType.values:
        fail("employment_type", _("Choose the employment type."))
    for name in ("disability_friendly", "ak1_required"):
        c[name] = bool(data.get(name))
    if not c["disability_friendly"]:
        c["accommodations"] = ""

    closing = data.get("closing_date")
    if isinstance(closing, str):
        try:
            closing = dt.date.fromisoformat(closing)
        except ValueError:
            closing = None
    if not isinstance(closing, dt.date):
        fail("closing_date", _("Choose the closing date."))
    elif closing < today:
        fail("closing_date", _("The closing date has passed."))
    elif closing > today + dt.timedelta(days=180):
        fail("closing_date", _("A vacancy can stay open at most 180 days."))
    c["closing_date"] = closing

    c["apply_method"] = str(data.get("apply_method") or ApplyMethod.PENCAKER)
    if c["apply_method"] not in ApplyMethod.values:
        fail("apply_method", _("Choose how to apply."))
    if c["apply_method"] == ApplyMethod.EXTERNAL and not c["apply_address"]:
        fail("apply_address", _("Write the address or link where people apply."))

    c["sex_limit"] = str(data.get("sex_limit") or "")
    if c["sex_limit"] not in SexLimit.values:
        fail("sex_limit", _("Choose the sex limit."))
    if c["age_min"] and c["age_max"] and c["age_max"] < c["age_min"]:
        fail("age_max", _("The maximum age is below the minimum age."))
    has_limits = bool(c["age_min"] or c["age_max"] or c["sex_limit"])
    if has_limits and len(c["limits_reason"]) < 10:
        fail(
            "limits_reason",
            _("An age or sex limit needs the reason the job requires it."),
        )
    if errors:
        raise DomainError(E.INVALID_VACANCY, _("Check the marked fields."), fields=errors)
    return c


# --- Access ----------------------------------------------------------------------------------


def _organisation_or_refuse(actor: Any) -> Organisation:
    organisation = organisation_of(actor)
    if organisation is None:
        raise PermissionDenied(E.NOT_EMPLOYER, _("Only employer accounts can do this."))
    return organisation


def _not_verified() -> PermissionDenied:
    return PermissionDenied(
        E.NOT_VERIFIED,
        _(
            "Your organisation is not verified yet: vacancies can be sent once the office has "
            "verified it."
        ),
    )


def vacancy_not_found() -> NotFound:
    return NotFound(E.VACANCY_NOT_FOUND, _("This vacancy was not found."))


def _own_locked(actor: Any, vacancy_id: Any) -> tuple[Vacancy, Organisation]:
    organisation = _organisation_or_refuse(actor)
    try:
        vacancy = (
            Vacancy.objects.select_for_update()
            .select_related("organisation", "office")
            .get(pk=int(vacancy_id), organisation=organisation)
        )
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        raise vacancy_not_found() from None
    return vacancy, organisation


def _staff_locked(actor: Any, vacancy_id: Any) -> Vacancy:
    if not can_decide(actor):
        raise PermissionDenied(E.FORBIDDEN, _("Only office operators can do this."))
    try:
        vacancy = (
            Vacancy.objects.select_for_update()
            .select_related("organisation", "office")
            .get(pk=int(vacancy_id))
        )
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        raise vacancy_not_found() from None
    if not can_decide(actor, vacancy.office_id):
        raise vacancy_not_found()
    return vacancy


# --- Vacancies -------------------------------------------------------------------------------


def vacancy_create(
    *, actor: Any, today: dt.date | None = None, ip_address: str | None = None, **data: Any
) -> Vacancy:
    """A new draft of the actor's organisation (verified or not: only sending needs it)."""
    today = today or timezone.localdate()
    organisation = _organisation_or_refuse(actor)
    cleaned = _clean(data, today=today)
    with transaction.atomic():
        vacancy = Vacancy(
            organisation=organisation,
            office=organisation.office,
            created_by=actor,
            status=Status.DRAFT,
            **cleaned,
        )
        vacancy.occupation_group = vacancy.occupation.major_group
        if vacancy.sector is None:
            vacancy.sector = organisation.sector
        vacancy.save()
        vacancy.history.create(from_status="", to_status=Status.DRAFT, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_CREATED,
            obj=vacancy,
            office=vacancy.office,
            ip_address=ip_address,
        )
    return vacancy


def vacancy_update(
    *,
    actor: Any,
    vacancy_id: Any,
    today: dt.date | None = None,
    ip_address: str | None = None,
    **data: Any,
) -> Vacancy:
    """Change a draft (a returned vacancy is a draft again). Fields not given keep their
    value."""
    today = today or timezone.localdate()
    with transaction.atomic():
        vacancy, _organisation = _own_locked(actor, vacancy_id)
        if vacancy.status != Status.DRAFT:
            raise Conflict(E.NOT_EDITABLE, _("Only a draft can be changed."))
        merged = {name: getattr(vacancy, name) for name in VACANCY_FIELDS}
        merged.update({k: v for k, v in data.items() if k in VACANCY_FIELDS})
        cleaned = _clean(merged, today=today)
        changed = sorted(k for k, v in cleaned.items() if getattr(vacancy, k) != v)
        for name, value in cleaned.items():
            setattr(vacancy, name, value)
        vacancy.occupation_group = vacancy.occupation.major_group
        vacancy.save()
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_UPDATED,
            obj=vacancy,
            office=vacancy.office,
            ip_address=ip_address,
            data={"fields": changed},
        )
    return vacancy


def vacancy_submit(
    *, actor: Any, vacancy_id: Any, today: dt.date | None = None, ip_address: str | None = None
) -> Vacancy:
    """Send a draft to the office for review; only a verified organisation may."""
    today = today or timezone.localdate()
    with transaction.atomic():
        vacancy, organisation = _own_locked(actor, vacancy_id)
        if not organisation.is_verified:
            raise _not_verified()
        if vacancy.status == Status.DRAFT:
            # A draft kept since yesterday may have passed its closing date.
            _clean({n: getattr(vacancy, n) for n in VACANCY_FIELDS}, today=today)
        now = timezone.now()
        change = vacancy_move(vacancy, to=Status.SUBMITTED, actor=actor)
        vacancy.submitted_at = now
        vacancy.due_at = sla.due_at_for(vacancy.office, now)
        vacancy.save(update_fields=["submitted_at", "due_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_SUBMITTED,
            obj=vacancy,
            office=vacancy.office,
            ip_address=ip_address,
            data={"change": change.pk, "limits": vacancy.has_limits},
        )
    return vacancy


_published_listeners: list[Callable[[Vacancy], None]] = []


def vacancy_published_listener_register(listener: Callable[[Vacancy], None]) -> None:
    """``listener(vacancy)`` runs inside the publish transaction (ADR 12's registration
    hook: matching schedules its alert run with ``on_commit``; vacancies imports nothing
    of it)."""
    if listener not in _published_listeners:
        _published_listeners.append(listener)


def vacancy_publish(
    *,
    actor: Any,
    vacancy_id: Any,
    note: str = "",
    today: dt.date | None = None,
    ip_address: str | None = None,
) -> Vacancy:
    today = today or timezone.localdate()
    with transaction.atomic():
        vacancy = _staff_locked(actor, vacancy_id)
        if not vacancy.organisation.is_verified:
            raise _not_verified()
        if vacancy.status == Status.SUBMITTED and vacancy.closing_date < today:
            raise Conflict(
                E.NOT_OPEN, _("The closing date has passed: return the vacancy to the employer.")
            )
        change = vacancy_move(vacancy, to=Status.PUBLISHED, actor=actor, note=note)
        vacancy.published_at = timezone.now()
        vacancy.save(update_fields=["published_at", "updated_at"])
        register.vacancy_registered(vacancy=vacancy, today=today)
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_PUBLISHED,
            obj=vacancy,
            office=vacancy.office,
            ip_address=ip_address,
        )
        notices.vacancy_notify(vacancy=vacancy, event="published", change=change)
        for listener in _published_listeners:
            listener(vacancy)
    return vacancy


def vacancy_return(
    *,
    actor: Any,
    vacancy_id: Any,
    items: Sequence[ReturnItemInput],
    note: str = "",
    ip_address: str | None = None,
) -> Vacancy:
    """Send a submitted vacancy back to draft with what to fix, per field."""
    items = [ReturnItemInput(i.field, " ".join(str(i.text or "").split())) for i in items]
    items = [i for i in items if i.text]
    if not items:
        raise DomainError(
            E.RETURN_ITEMS_REQUIRED,
            _("Say which part to fix and how."),
            fields={"items": [_("Say which part to fix and how.")]},
        )
    fields = [i.field for i in items]
    if any(f not in ReturnField.values for f in fields) or len(set(fields)) != len(fields):
        raise DomainError(E.INVALID_RETURN_ITEM, _("Choose each part once."))
    with transaction.atomic():
        vacancy = _staff_locked(actor, vacancy_id)
        change = vacancy_move(vacancy, to=Status.DRAFT, actor=actor, note=note)
        for item in items:
            VacancyReturnItem.objects.create(
                vacancy=vacancy, status_change=change, field=item.field, text=item.text
            )
        vacancy.due_at = None
        vacancy.save(update_fields=["due_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_RETURNED,
            obj=vacancy,
            office=vacancy.office,
            ip_address=ip_address,
            data={"fields": fields},
        )
        notices.vacancy_notify(vacancy=vacancy, event="returned", change=change)
    return vacancy


def vacancy_decide(
    *,
    actor: Any,
    vacancy_id: Any,
    decision: str,
    items: Sequence[ReturnItemInput] = (),
    note: str = "",
    ip_address: str | None = None,
) -> Vacancy:
    """One entry for the API: ``publish`` or ``return``."""
    if decision == "publish":
        return vacancy_publish(actor=actor, vacancy_id=vacancy_id, note=note, ip_address=ip_address)
    if decision == "return":
        return vacancy_return(
            actor=actor, vacancy_id=vacancy_id, items=items, note=note, ip_address=ip_address
        )
    raise DomainError(E.INVALID_DECISION, _("Choose publish or return."))


def _close(vacancy: Vacancy, *, reason: str, actor: Any, note: str = "") -> None:
    change = vacancy_move(vacancy, to=Status.CLOSED, actor=actor, note=note or reason)
    vacancy.close_reason = reason
    vacancy.closed_at = timezone.now()
    vacancy.save(update_fields=["close_reason", "closed_at", "updated_at"])
    register.vacancy_closed(vacancy=vacancy, reason=reason, today=timezone.localdate())
    audit_record(
        actor=actor,
        action=AuditAction.VACANCY_EXPIRED
        if reason == CloseReason.EXPIRED
        else (AuditAction.VACANCY_CLOSED),
        obj=vacancy,
        office=vacancy.office,
        data={"reason": reason},
    )
    if vacancy.published_at is not None:
        notices.vacancy_notify(vacancy=vacancy, event="closed", change=change)


def vacancy_close(
    *, actor: Any, vacancy_id: Any, reason: str = CloseReason.WITHDRAWN, note: str = ""
) -> Vacancy:
    """The employer closes its vacancy: withdrawn, or filled outside Pencaker."""
    if reason not in (CloseReason.WITHDRAWN, CloseReason.FILLED):
        raise DomainError(E.INVALID_CLOSE_REASON, _("Choose why the vacancy closes."))
    with transaction.atomic():
        vacancy, _organisation = _own_locked(actor, vacancy_id)
        _close(vacancy, reason=reason, actor=actor, note=note)
    return vacancy


@dataclass
class DailyResult:
    expired: int = 0


def vacancies_daily(*, today: dt.date) -> DailyResult:
    """Close as expired every published vacancy whose closing date has passed (the daily
    job; each vacancy in its own transaction, so one failure does not stop the rest)."""
    result = DailyResult()
    ids = list(
        Vacancy.objects.filter(status=Status.PUBLISHED, closing_date__lt=today).values_list(
            "pk", flat=True
        )
    )
    for vacancy_id in ids:
        with transaction.atomic():
            vacancy = (
                Vacancy.objects.select_for_update()
                .select_related("organisation")
                .get(pk=vacancy_id)
            )
            if vacancy.status != Status.PUBLISHED or vacancy.closing_date >= today:
                continue
            _close(vacancy, reason=CloseReason.EXPIRED, actor=None)
            result.expired += 1
    return result


# --- Applications ----------------------------------------------------------------------------


def mask_nik(nik: str) -> str:
    nik = (nik or "").strip()
    if len(nik) != 16:
        return ""
    return f"{nik[:4]}{'•' * 8}{nik[-4:]}"


def applicant_snapshot(applicant: Any, profile: JobSeekerProfile, documents: list[Document]):
    """What the employer sees, frozen when the seeker applies."""
    return {
        "name": profile.full_name or applicant.full_name,
        "nik_masked": mask_nik(profile.nik),
        "sex": profile.sex,
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else "",
        "email": applicant.email,
        "phone": str(getattr(applicant, "phone", "") or ""),
        "regency": getattr(getattr(profile, "office", None), "name", ""),
        "education": [
            {
                "level": e.level,
                "institution": e.institution,
                "major": e.major,
                "year": e.graduation_year,
            }
            for e in profile.education.order_by("-graduation_year")
        ],
        "skills": [s.name for s in profile.skills.order_by("name")],
        "experience": [
            {
                "employer": x.employer,
                "position": x.position,
                "start": x.start_date.isoformat(),
                "end": x.end_date.isoformat() if x.end_date else "",
            }
            for x in profile.experience.order_by("-start_date")
        ],
        "documents": [
            {"id": d.pk, "kind": d.kind, "label": str(d.get_kind_display())} for d in documents
        ],
        "has_disability": bool(profile.has_disability),
    }


def _card_or_refuse(applicant: Any) -> None:
    card = card_current_of_holder(applicant)
    if card is None:
        raise Conflict(
            E.CARD_REQUIRED,
            _(
                "This vacancy requires the AK/1 card. Request your card first: open "
                '"AK/1 card" in your menu.'
            ),
            details={"way_out": "card_request"},
        )
    if card.status != CardStatus.ACTIVE:
        way_outs: dict[str, tuple[str, str]] = {
            CardStatus.EXPIRED: (
                "renew",
                _("Your AK/1 card has expired. Renew it from your card page, then apply."),
            ),
            CardStatus.PLACED: (
                "report",
                _(
                    "Your AK/1 card says you have started work. If you left that job, report it "
                    "on your card page to activate the card again."
                ),
            ),
            CardStatus.REMOVED: (
                "renew",
                _(
                    "Your AK/1 card was removed from the register because reports were missed. "
                    "Request a new card from your card page."
                ),
            ),
        }
        way_out = way_outs.get(
            card.status,
            ("office", _("Your AK/1 card is not valid. Ask your office for help.")),
        )
        raise Conflict(
            E.CARD_NOT_ACTIVE,
            way_out[1],
            details={"card_status": card.status, "way_out": way_out[0]},
        )


def vacancy_apply(
    *,
    actor: Any,
    vacancy_id: Any,
    idempotency_key: str = "",
    document_ids: Sequence[int] = (),
    cover_note: str = "",
    ip_address: str | None = None,
) -> tuple[VacancyApplication, bool]:
    """A signed-in job seeker applies with the profile. Returns ``(application, created)``.

    The same ``idempotency_key`` from the same seeker always returns the first application
    (as the AK/1 submit): the seeker's user row is locked so such calls run one after the
    other, and the unique constraints catch anything that slips past.
    """
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > MAX_KEY_LENGTH:
        raise DomainError(
            E.INVALID_IDEMPOTENCY_KEY, _("The Idempotency-Key is too long (at most 100).")
        )
    if getattr(actor, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(E.NOT_JOB_SEEKER, _("Only job seekers can apply."))
    try:
        with transaction.atomic():
            return _apply_locked(
                actor=actor,
                vacancy_id=vacancy_id,
                idempotency_key=idempotency_key,
                document_ids=document_ids,
                cover_note=cover_note,
                ip_address=ip_address,
            )
    except IntegrityError:
        existing = _existing_application(actor, vacancy_id, idempotency_key)
        if existing is not None:
            return existing, False
        raise _already_applied() from None


def _already_applied() -> Conflict:
    return Conflict(E.ALREADY_APPLIED, _("You have already applied to this vacancy."))


def _existing_application(actor: Any, vacancy_id: Any, key: str) -> VacancyApplication | None:
    if not key:
        return None
    return VacancyApplication.objects.filter(applicant=actor, idempotency_key=key).first()


def _apply_locked(
    *,
    actor: Any,
    vacancy_id: Any,
    idempotency_key: str,
    document_ids: Sequence[int],
    cover_note: str,
    ip_address: str | None,
) -> tuple[VacancyApplication, bool]:
    get_user_model().objects.select_for_update().filter(pk=actor.pk).values_list(
        "pk", flat=True
    ).first()
    if idempotency_key:
        existing = _existing_application(actor, vacancy_id, idempotency_key)
        if existing is not None:
            return existing, False
    try:
        vacancy = Vacancy.objects.select_related("organisation").get(pk=int(vacancy_id))
    except (Vacancy.DoesNotExist, TypeError, ValueError):
        raise vacancy_not_found() from None
    if vacancy.status != Status.PUBLISHED or vacancy.closing_date < timezone.localdate():
        raise Conflict(E.NOT_OPEN, _("This vacancy is no longer open."))
    if vacancy.apply_method != ApplyMethod.PENCAKER:
        raise Conflict(
            E.APPLY_ELSEWHERE,
            _("This employer takes applications at: %(address)s")
            % {"address": vacancy.apply_address},
        )
    if VacancyApplication.objects.filter(vacancy=vacancy, applicant=actor).exists():
        raise _already_applied()
    profile = JobSeekerProfile.objects.select_related("office").filter(user=actor).first()
    if profile is None or not profile.full_name:
        raise Conflict(
            E.PROFILE_REQUIRED,
            _("Fill in your profile first: the employer sees it when you apply."),
        )
    if vacancy.ak1_required:
        _card_or_refuse(actor)
    wanted = {int(d) for d in document_ids}
    documents = list(
        Document.objects.filter(owner=actor, pk__in=wanted, current_version__isnull=False)
    )
    if len(documents) != len(wanted):
        raise DomainError(
            E.INVALID_DOCUMENT,
            _("Choose only your own uploaded documents."),
            fields={"documents": [_("Choose only your own uploaded documents.")]},
        )
    application = VacancyApplication.objects.create(
        vacancy=vacancy,
        applicant=actor,
        idempotency_key=idempotency_key,
        snapshot=applicant_snapshot(actor, profile, documents),
        cover_note=str(cover_note or "").strip()[:2000],
    )
    change = VacancyApplicationStatusChange.objects.create(
        application=application, from_status="", to_status=ApplicationStatus.RECEIVED, actor=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.VACANCY_APPLICATION_CREATED,
        obj=application,
        office=vacancy.office,
        ip_address=ip_address,
        data={"vacancy": vacancy.pk, "documents": sorted(wanted)},
    )
    notices.application_notify(application=application, event="received", change=change)
    return application, True


def _application_locked(application_id: Any) -> VacancyApplication:
    try:
        return (
            VacancyApplication.objects.select_for_update()
            .select_related("vacancy", "vacancy__organisation", "vacancy__office", "applicant")
            .get(pk=int(application_id))
        )
    except (VacancyApplication.DoesNotExist, TypeError, ValueError):
        raise NotFound(E.APPLICATION_NOT_FOUND, _("This application was not found.")) from None


def vacancy_application_withdraw(
    *, actor: Any, application_id: Any, ip_address: str | None = None
) -> VacancyApplication:
    with transaction.atomic():
        application = _application_locked(application_id)
        if application.applicant_id != getattr(actor, "pk", None):
            raise NotFound(E.APPLICATION_NOT_FOUND, _("This application was not found."))
        application_move(application, to=ApplicationStatus.WITHDRAWN, actor=actor)
        audit_record(
            actor=actor,
            action=AuditAction.VACANCY_APPLICATION_WITHDRAWN,
            obj=application,
            office=application.vacancy.office,
            ip_address=ip_address,
        )
    return application


def employer_application_update(
    *,
    actor: Any,
    application_id: Any,
    to: str = "",
    message: str = "",
    interview_at: dt.datetime | None = None,
    interview_place: str = "",
    start_date: dt.date | None = None,
    position: str = "",
    employment_type: str = "",
    note: str = "",
    today: dt.date | None = None,
    ip_address: str | None = None,
) -> VacancyApplication:
    """The employer moves an applicant on (with a message through the outbox) and/or adds
    a private note. ``hired`` records the placement through lifecycle and closes the
    vacancy as filled when every opening is hired."""
    today = today or timezone.localdate()
    organisation = _organisation_or_refuse(actor)
    with transaction.atomic():
        application = _application_locked(application_id)
        if application.vacancy.organisation_id != organisation.pk:
            raise NotFound(E.APPLICATION_NOT_FOUND, _("This application was not found."))
        if to:
            if to not in ApplicationStatus.values or to == ApplicationStatus.WITHDRAWN:
                raise DomainError(E.INVALID_STATUS, _("Choose the next step."))
            if to == ApplicationStatus.INTERVIEW:
                if interview_at is None or not interview_place.strip():
                    raise DomainError(
                        E.INTERVIEW_DETAILS_REQUIRED,
                        _("Give the date and the place or link of the interview."),
                        fields={
                            **(
                                {"interview_at": [_("Choose the date and time.")]}
                                if interview_at is None
                                else {}
                            ),
                            **(
                                {"interview_place": [_("Write the place or the link.")]}
                                if not interview_place.strip()
                                else {}
                            ),
                        },
                    )
                application.interview_at = interview_at
                application.interview_place = interview_place.strip()[:300]
            if to == ApplicationStatus.HIRED:
                if start_date is None:
                    raise DomainError(
                        E.HIRE_DETAILS_REQUIRED,
                        _("Give the start date."),
                        fields={"start_date": [_("Give the start date.")]},
                    )
                application.hired_start_date = start_date
                application.hired_position = (position or application.vacancy.title).strip()
            change = application_move(
                application, to=to, actor=actor, note=str(message or "").strip()
            )
            if to == ApplicationStatus.HIRED:
                _hire(application, actor=actor, employment_type=employment_type, today=today)
            audit_record(
                actor=actor,
                action=AuditAction.VACANCY_HIRED
                if to == ApplicationStatus.HIRED
                else (AuditAction.VACANCY_APPLICATION_MOVED),
                obj=application,
                office=application.vacancy.office,
                ip_address=ip_address,
                data={"to": to},
            )
            notices.application_notify(
                application=application, event=to, change=change, message=str(message or "")
            )
        if note.strip():
            EmployerNote.objects.create(application=application, author=actor, text=note.strip())
    return application


def _hire(application: VacancyApplication, *, actor: Any, employment_type: str, today: dt.date):
    vacancy = (
        Vacancy.objects.select_for_update()
        .select_related("organisation")
        .get(pk=application.vacancy_id)
    )
    placement_id = record_hire(
        application=application,
        vacancy=vacancy,
        actor=actor,
        today=today,
    )
    if placement_id is not None:
        application.placement_id = placement_id
        application.save(update_fields=["placement_id", "updated_at"])
    register.vacancy_position_filled(
        vacancy=vacancy, today=today, placed_sex=register.sex_of(application.applicant)
    )
    hired = VacancyApplication.objects.filter(
        vacancy=vacancy, status=ApplicationStatus.HIRED
    ).count()
    if hired >= vacancy.openings and vacancy.status == Status.PUBLISHED:
        _close(vacancy, reason=CloseReason.FILLED, actor=actor)


__all__ = ["APPLICATION_OPEN"]
