import datetime as dt

import pytest

from pencaker.applications import services
from pencaker.applications.choices import ReturnReason, Status
from pencaker.applications.models import Application, ReturnItem
from pencaker.applications.selectors import application_return_items
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent


@pytest.mark.django_db
def test_submit_creates_submitted_application_with_tracking_number_and_deadline(applicant, office):
    application, created = services.application_submit(actor=applicant)
    assert created
    assert application.status == Status.SUBMITTED
    assert application.office == office
    assert application.tracking_number.startswith("AK1-")
    assert application.due_at > application.submitted_at
    assert AuditEvent.objects.filter(action="application.submitted").count() == 1


@pytest.mark.django_db
def test_submit_freezes_profile_so_later_edits_do_not_change_it(applicant):
    application, _ = services.application_submit(actor=applicant)
    profile = applicant.seeker_profile
    name, nik = profile.full_name, profile.nik
    profile.full_name = "Nama Baru"
    profile.save()
    application.refresh_from_db()
    assert application.snapshot["profile"]["full_name"] == name
    assert application.snapshot["profile"]["nik"] == nik


@pytest.mark.django_db
def test_submit_without_a_photo_is_refused_naming_the_photo(seeker_factory):
    applicant = seeker_factory(documents=("ktp", "ijazah"))
    with pytest.raises(DomainError) as excinfo:
        services.application_submit(actor=applicant)
    assert excinfo.value.code == "checklist_incomplete"
    assert [m["code"] for m in excinfo.value.details["missing"]] == ["document.photo"]
    assert "Pas foto berwarna 3x4" in excinfo.value.message
    assert excinfo.value.details["missing"][0]["url"].startswith("/dokumen/")
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_submit_is_refused_with_every_missing_item(seeker_factory):
    applicant = seeker_factory(documents=("ktp",))
    applicant.seeker_profile.education.all().delete()
    with pytest.raises(DomainError) as excinfo:
        services.application_submit(actor=applicant)
    assert [m["code"] for m in excinfo.value.details["missing"]] == [
        "education",
        "document.photo",
        "document.ijazah",
    ]


@pytest.mark.django_db
def test_complete_submit_freezes_the_uploaded_document_versions(applicant, upload_document):
    from pencaker.documents.models import DocumentVersion

    application, created = services.application_submit(actor=applicant)
    assert created
    frozen = {d["kind"]: d for d in application.documents}
    assert sorted(frozen) == ["ijazah", "ktp", "photo"]
    for kind, row in frozen.items():
        version = DocumentVersion.objects.get(pk=row["version_id"])
        assert version.document.kind == kind
        assert row["sha256"] == version.sha256
        assert len(row["sha256"]) == 64
    # A new photo uploaded later does not change what the operator reviews.
    newer = upload_document(applicant, "photo", colour=(20, 30, 200))
    application.refresh_from_db()
    assert newer.sha256 != frozen["photo"]["sha256"]
    assert {d["kind"]: d["sha256"] for d in application.documents}["photo"] == frozen["photo"][
        "sha256"
    ]


@pytest.mark.django_db
def test_same_idempotency_key_returns_the_same_application(applicant):
    first, created_first = services.application_submit(actor=applicant, idempotency_key="k-1")
    again, created_again = services.application_submit(actor=applicant, idempotency_key="k-1")
    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_second_open_application_is_refused(applicant):
    services.application_submit(actor=applicant, idempotency_key="a")
    with pytest.raises(Conflict) as excinfo:
        services.application_submit(actor=applicant, idempotency_key="b")
    assert excinfo.value.code == "already_open"
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_new_application_is_allowed_after_the_last_one_was_decided(make_application, applicant):
    make_application(Status.REJECTED)
    application, created = services.application_submit(actor=applicant)
    assert created and application.status == Status.SUBMITTED


@pytest.mark.django_db
def test_database_allows_only_one_open_application_per_person(applicant, office):
    from django.db import IntegrityError, transaction

    Application.objects.create(
        applicant=applicant, office=office, type="new", status="submitted", tracking_number="A"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            applicant=applicant, office=office, type="new", status="in_review", tracking_number="B"
        )


@pytest.mark.django_db
def test_submit_without_office_is_refused(seeker_factory):
    user = seeker_factory()
    user.seeker_profile.office = None
    user.seeker_profile.save()
    with pytest.raises(DomainError) as excinfo:
        services.application_submit(actor=user)
    assert excinfo.value.code == "no_office"


@pytest.mark.django_db
def test_operator_cannot_submit_for_himself(operator):
    with pytest.raises(PermissionDenied):
        services.application_submit(actor=operator)


@pytest.mark.django_db
def test_assisted_submission_records_the_operator(applicant, operator):
    application, _ = services.application_submit(actor=operator, applicant=applicant)
    assert application.applicant == applicant
    assert application.assisted_by == operator
    assert application.history.get().actor == operator


@pytest.mark.django_db
def test_operator_of_another_office_cannot_see_or_claim(make_application, foreign_operator):
    application = make_application()
    with pytest.raises(NotFound):
        services.application_claim(actor=foreign_operator, application_id=application.pk)


@pytest.mark.django_db
def test_job_seeker_cannot_claim(make_application, applicant):
    application = make_application()
    with pytest.raises(PermissionDenied):
        services.application_claim(actor=applicant, application_id=application.pk)


@pytest.mark.django_db
def test_another_job_seeker_cannot_withdraw(make_application, seeker_factory):
    application = make_application()
    stranger = seeker_factory()
    with pytest.raises(NotFound):
        services.application_withdraw(actor=stranger, application_id=application.pk)


@pytest.mark.django_db
def test_only_the_claiming_operator_decides(make_application, operator2):
    application = make_application(Status.IN_REVIEW)
    with pytest.raises(Conflict) as excinfo:
        services.application_approve(actor=operator2, application_id=application.pk)
    assert excinfo.value.code == "claimed_by_other"


@pytest.mark.django_db
def test_admin_dinas_may_decide_a_claimed_application(make_application, admin_dinas):
    application = make_application(Status.IN_REVIEW)
    approved = services.application_approve(actor=admin_dinas, application_id=application.pk)
    assert approved.status == Status.APPROVED
    assert approved.decided_by == admin_dinas


@pytest.mark.django_db
def test_second_decision_gets_a_clear_conflict(make_application, operator):
    application = make_application(Status.IN_REVIEW)
    services.application_approve(actor=operator, application_id=application.pk)
    with pytest.raises(Conflict) as excinfo:
        services.application_reject(
            actor=operator, application_id=application.pk, reason="not_eligible"
        )
    assert excinfo.value.code == "already_decided"


@pytest.mark.django_db
def test_release_puts_the_application_back_in_the_queue(make_application, operator):
    application = make_application(Status.IN_REVIEW)
    released = services.application_release(actor=operator, application_id=application.pk)
    assert released.status == Status.SUBMITTED
    assert released.claimed_by is None


@pytest.mark.django_db
def test_admin_dinas_reassigns_to_another_operator(make_application, admin_dinas, operator2):
    application = make_application(Status.IN_REVIEW)
    moved = services.application_reassign(
        actor=admin_dinas, application_id=application.pk, operator=operator2
    )
    assert moved.claimed_by == operator2
    assert AuditEvent.objects.filter(action="application.reassigned").exists()


@pytest.mark.django_db
def test_operator_cannot_reassign(make_application, operator, operator2):
    application = make_application(Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        services.application_reassign(
            actor=operator, application_id=application.pk, operator=operator2
        )


@pytest.mark.django_db
def test_return_records_each_item_with_its_reason(make_application, operator):
    application = make_application(Status.IN_REVIEW)
    services.application_return(
        actor=operator,
        application_id=application.pk,
        items=[
            services.ReturnItemInput("document:photo", ReturnReason.PHOTO_RULES, "Latar merah"),
            services.ReturnItemInput("address", ReturnReason.INCOMPLETE, "RT/RW kosong"),
        ],
    )
    items = application_return_items(application)
    assert [(i.code, i.reason, i.text) for i in items] == [
        ("document:photo", "photo_rules", "Latar merah"),
        ("address", "incomplete", "RT/RW kosong"),
    ]
    assert ReturnItem.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "items",
    [
        [],
        [services.ReturnItemInput("nonsense", ReturnReason.OTHER, "x")],
        [services.ReturnItemInput("identity", "made_up")],
        [services.ReturnItemInput("identity", ReturnReason.OTHER, "   ")],
    ],
    ids=["none", "unknown-item", "unknown-reason", "other-without-text"],
)
def test_return_without_valid_items_is_refused(make_application, operator, items):
    application = make_application(Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.application_return(actor=operator, application_id=application.pk, items=items)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


@pytest.mark.django_db
def test_reject_with_other_reason_needs_a_note(make_application, operator):
    application = make_application(Status.IN_REVIEW)
    with pytest.raises(DomainError) as excinfo:
        services.application_reject(actor=operator, application_id=application.pk, reason="other")
    assert excinfo.value.code == "reject_note_required"


@pytest.mark.django_db
def test_resubmit_refreezes_the_profile(make_application, applicant):
    application = make_application(Status.NEEDS_CHANGES)
    profile = applicant.seeker_profile
    profile.full_name = "Siti Rahmawati"
    profile.save()
    services.application_resubmit(actor=applicant, application_id=application.pk)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.snapshot["profile"]["full_name"] == "Siti Rahmawati"


@pytest.mark.django_db
def test_resubmit_is_refused_while_items_are_still_missing(make_application, applicant):
    application = make_application(Status.NEEDS_CHANGES)
    applicant.seeker_profile.education.all().delete()
    with pytest.raises(DomainError) as excinfo:
        services.application_resubmit(actor=applicant, application_id=application.pk)
    assert excinfo.value.code == "checklist_incomplete"


@pytest.mark.django_db
def test_duplicate_nik_across_applicants_is_flagged(make_application, seeker_factory):
    from pencaker.applications.selectors import application_duplicate_nik

    first = make_application()
    other = seeker_factory()
    second, _ = services.application_submit(actor=other)
    Application.objects.filter(pk=second.pk).update(
        snapshot={
            **second.snapshot,
            "profile": {**second.snapshot["profile"], "nik": first.snapshot["profile"]["nik"]},
        }
    )
    second.refresh_from_db()
    assert [a.pk for a in application_duplicate_nik(second)] == [first.pk]


def test_tracking_numbers_avoid_ambiguous_letters():
    number = services._tracking_number(dt.datetime(2026, 3, 1))
    assert number.startswith("AK1-2603-")
    assert not set(number[9:].replace("-", "")) & set("ILOU")
