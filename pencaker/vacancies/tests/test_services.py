from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.lifecycle.models import Placement
from pencaker.notifications.models import Notification
from pencaker.vacancies import selectors, services
from pencaker.vacancies.choices import ApplicationStatus, Status
from pencaker.vacancies.models import Vacancy, VacancyApplication
from pencaker.vacancies.tests.conftest import vacancy_fields
from pencaker.vacancies.workflow import APPLICATION_ALLOWED, VACANCY_ALLOWED, application_move


def test_create_draft_validates_fields(employer, signed_office):
    with pytest.raises(DomainError) as exc:
        services.vacancy_create(
            actor=employer,
            **vacancy_fields(signed_office, title="", occupation="99", salary_max=1, sex_limit="P"),
        )
    assert {"title", "occupation", "salary_max", "limits_reason"} <= set(exc.value.fields)


def test_limits_need_a_job_reason_and_are_flagged(employer, signed_office):
    vacancy = services.vacancy_create(
        actor=employer,
        **vacancy_fields(
            signed_office, sex_limit="P", limits_reason="Pendamping pasien perempuan di bangsal."
        ),
    )
    assert vacancy.has_limits


def test_unverified_employer_cannot_submit(employer_factory, signed_office):
    user = employer_factory(verified=False)
    vacancy = services.vacancy_create(actor=user, **vacancy_fields(signed_office))
    with pytest.raises(PermissionDenied) as exc:
        services.vacancy_submit(actor=user, vacancy_id=vacancy.pk)
    assert exc.value.code == "not_verified"


def test_unverified_employer_cannot_be_published(submitted, operator):
    organisation = submitted.organisation
    organisation.status = "needs_changes"  # e.g. returned after a change of address
    organisation.save()
    with pytest.raises(PermissionDenied) as exc:
        services.vacancy_publish(actor=operator, vacancy_id=submitted.pk)
    assert exc.value.code == "not_verified"
    assert Vacancy.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_review_return_then_publish(submitted, operator, employer):
    services.vacancy_return(
        actor=operator,
        vacancy_id=submitted.pk,
        items=[services.ReturnItemInput("salary", "Cantumkan gaji.")],
    )
    vacancy = Vacancy.objects.get(pk=submitted.pk)
    assert vacancy.status == Status.DRAFT
    assert [i.field for i in vacancy.return_items.all()] == ["salary"]
    services.vacancy_update(actor=employer, vacancy_id=vacancy.pk, salary_min=3_600_000)
    services.vacancy_submit(actor=employer, vacancy_id=vacancy.pk)
    services.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PUBLISHED
    assert [h.to_status for h in vacancy.history.all()] == [
        "draft",
        "submitted",
        "draft",
        "submitted",
        "published",
    ]
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"vacancy.returned", "vacancy.published"} <= kinds


def test_other_office_cannot_review(submitted, other_operator):
    with pytest.raises(NotFound):
        services.vacancy_publish(actor=other_operator, vacancy_id=submitted.pk)


@pytest.mark.parametrize(
    ("start", "to"),
    [(s, t) for s in Status.values for t in Status.values if t not in VACANCY_ALLOWED[s]],
)
def test_every_disallowed_vacancy_transition_is_refused(draft, start, to):
    Vacancy.objects.filter(pk=draft.pk).update(status=start)
    vacancy = Vacancy.objects.get(pk=draft.pk)
    from pencaker.vacancies.workflow import vacancy_move

    with pytest.raises(Conflict):
        vacancy_move(vacancy, to=to, actor=None)


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (s, t)
        for s in ApplicationStatus.values
        for t in ApplicationStatus.values
        if t not in APPLICATION_ALLOWED[s]
    ],
)
def test_every_disallowed_application_transition_is_refused(published, seeker, start, to):
    application, _ = services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    VacancyApplication.objects.filter(pk=application.pk).update(status=start)
    application.refresh_from_db()
    with pytest.raises(Conflict):
        application_move(application, to=to, actor=None)


def test_daily_job_expires_past_closing_date(published):
    result = services.vacancies_daily(today=published.closing_date + dt.timedelta(days=1))
    published.refresh_from_db()
    assert result.expired == 1
    assert (published.status, published.close_reason) == ("closed", "expired")
    assert (
        services.vacancies_daily(today=published.closing_date + dt.timedelta(days=2)).expired == 0
    )


def test_employer_withdraws(published, employer):
    services.vacancy_close(actor=employer, vacancy_id=published.pk)
    published.refresh_from_db()
    assert published.close_reason == "withdrawn"


def test_public_board_filters(published, signed_office):
    assert list(selectors.vacancy_list_public(regency=signed_office.region.code)) == [published]
    assert list(selectors.vacancy_list_public(regency="99.99")) == []
    assert list(selectors.vacancy_list_public(education="SMA")) == [published]
    assert list(selectors.vacancy_list_public(education="SMP")) == []
    assert list(selectors.vacancy_list_public(q="roti")) == [published]
    assert list(selectors.vacancy_list_public(group="7")) == [published]
    assert list(selectors.vacancy_list_public(disability_friendly=True)) == []


def test_apply_freezes_snapshot_with_masked_nik(published, seeker):
    application, created = services.vacancy_apply(
        actor=seeker, vacancy_id=published.pk, idempotency_key="k1"
    )
    assert created
    nik = seeker.seeker_profile.nik
    assert application.snapshot["nik_masked"] == f"{nik[:4]}{'•' * 8}{nik[-4:]}"
    assert nik not in str(application.snapshot)
    assert application.snapshot["documents"] == []
    again, created = services.vacancy_apply(
        actor=seeker, vacancy_id=published.pk, idempotency_key="k1"
    )
    assert (again.pk, created) == (application.pk, False)
    with pytest.raises(Conflict) as exc:
        services.vacancy_apply(actor=seeker, vacancy_id=published.pk, idempotency_key="k2")
    assert exc.value.code == "already_applied"


def test_ak1_required_without_card_is_refused(published_ak1, seeker):
    with pytest.raises(Conflict) as exc:
        services.vacancy_apply(actor=seeker, vacancy_id=published_ak1.pk)
    assert exc.value.code == "card_required"


def test_expired_card_is_refused_with_the_way_out(published_ak1, seeker_with_card):
    Card.objects.filter(holder=seeker_with_card).update(status=CardStatus.EXPIRED)
    with pytest.raises(Conflict) as exc:
        services.vacancy_apply(actor=seeker_with_card, vacancy_id=published_ak1.pk)
    assert exc.value.code == "card_not_active"
    assert exc.value.details["way_out"] == "renew"
    assert "Renew" in exc.value.message or "Perpanj" in exc.value.message


def test_employer_sees_only_its_own_applicants(published, seeker, other_employer, employer):
    services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    assert selectors.applications_for_employer(employer, published.pk).count() == 1
    assert selectors.applications_for_employer(other_employer, published.pk).count() == 0
    application = VacancyApplication.objects.get()
    with pytest.raises(NotFound):
        services.employer_application_update(
            actor=other_employer, application_id=application.pk, to="shortlisted"
        )


def test_employer_sees_only_the_documents_shared(published, seeker, employer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.documents.services import document_upload
    from pencaker.documents.tests.samples import pdf

    shared = document_upload(
        actor=seeker,
        owner=seeker,
        kind="ijazah",
        uploaded_file=SimpleUploadedFile("ijazah.pdf", pdf(), "application/pdf"),
    )
    document_upload(
        actor=seeker,
        owner=seeker,
        kind="ktp",
        uploaded_file=SimpleUploadedFile("ktp.pdf", pdf(), "application/pdf"),
    )
    shared_id = getattr(shared, "document_id", None) or shared.pk
    services.vacancy_apply(actor=seeker, vacancy_id=published.pk, document_ids=[shared_id])
    row = selectors.applications_for_employer(employer, published.pk).get()
    assert [d["kind"] for d in row.snapshot["documents"]] == ["ijazah"]


def test_hire_records_placement_and_fills_vacancy(published_ak1, seeker_with_card, employer):
    application, _ = services.vacancy_apply(actor=seeker_with_card, vacancy_id=published_ak1.pk)
    for step in ("shortlisted", "interview", "offered"):
        services.employer_application_update(
            actor=employer,
            application_id=application.pk,
            to=step,
            interview_at=timezone.now() + dt.timedelta(days=2),
            interview_place="Kantor PT, Jl. Kolonel Atmo 5",
            note="Catatan internal",
        )
    services.employer_application_update(
        actor=employer,
        application_id=application.pk,
        to="hired",
        start_date=timezone.localdate(),
    )
    placement = Placement.objects.get(holder=seeker_with_card)
    assert placement.source == "employer"
    assert placement.employer == published_ak1.organisation.legal_name
    assert placement.area == "AKL"
    card = Card.objects.filter(holder=seeker_with_card).exclude(status="superseded").get()
    assert card.status == CardStatus.PLACED
    published_ak1.refresh_from_db()
    assert (published_ak1.status, published_ak1.close_reason) == ("closed", "filled")
    kinds = set(
        Notification.objects.filter(recipient=seeker_with_card.email).values_list("kind", flat=True)
    )
    assert {"vacancy.application_interview", "vacancy.application_hired"} <= kinds


def test_seeker_withdraws(published, seeker):
    application, _ = services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    services.vacancy_application_withdraw(actor=seeker, application_id=application.pk)
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_daily_command_and_scheduler_expire(published):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    day = (published.closing_date + dt.timedelta(days=1)).isoformat()
    call_command("vacancies_daily", "--today", day, stdout=out)
    assert "expired=1" in out.getvalue()
