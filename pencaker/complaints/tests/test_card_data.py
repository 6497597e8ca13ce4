"""A card data error: the operator opens a data-change AK/1 request for the holder in one
step, and the complaint is answered when the corrected card is issued."""

from __future__ import annotations

import pytest

from pencaker.applications.choices import ApplicationType
from pencaker.applications.models import Application
from pencaker.applications.services import application_card_issue
from pencaker.complaints import services
from pencaker.complaints.choices import Category, Status, Tier
from pencaker.complaints.links import complaint_secret
from pencaker.core.errors import Conflict, PermissionDenied
from pencaker.lifecycle.tests import conftest as lifecycle_fixtures
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db

_card_data_dir = lifecycle_fixtures._card_data_dir
signed_office = lifecycle_fixtures.signed_office
holder_factory = lifecycle_fixtures.holder_factory
approved_application_factory = lifecycle_fixtures.approved_application_factory
issue_card = lifecycle_fixtures.issue_card


@pytest.fixture
def holder_with_card(holder_factory, issue_card):
    from pencaker.applications.tests.conftest import REQUIRED_DOCUMENTS, jpeg_upload
    from pencaker.documents.services import document_upload

    holder = holder_factory(full_name="Siti Rahmawati")
    for kind in REQUIRED_DOCUMENTS:
        document_upload(actor=holder, owner=holder, kind=kind, uploaded_file=jpeg_upload(kind))
    issue_card(holder)
    return holder


def _card_complaint(submit, holder, officer):
    complaint = submit(
        actor=holder,
        category=Category.CARD_DATA,
        text="Tanggal lahir di kartu saya salah cetak.",
    )
    assert complaint.holder == holder
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.NORMATIVE)
    return complaint


def test_data_change_request_in_one_step_and_answer_on_the_corrected_card(
    submit, holder_with_card, officer, operator
):
    complaint = _card_complaint(submit, holder_with_card, officer)
    application = services.complaint_data_change_open(actor=operator, complaint_id=complaint.pk)
    assert application.type == ApplicationType.DATA_CHANGE
    assert application.applicant == holder_with_card
    assert application.assisted_by == operator
    complaint.refresh_from_db()
    assert complaint.data_change_application == application
    with pytest.raises(Conflict):
        services.complaint_data_change_open(actor=operator, complaint_id=complaint.pk)
    # Nothing is answered before the card exists.
    assert services.card_fixes_sweep() == 0
    Application.objects.filter(pk=application.pk).update(status="approved", decided_by=operator)
    application.refresh_from_db()
    card = application_card_issue(application=application, actor=operator)
    assert services.card_fixes_sweep() == 1
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    assert card.number in complaint.answer
    assert Notification.objects.filter(kind="complaint.answered").exists()
    assert services.card_fixes_sweep() == 0


def test_status_page_answers_the_card_fix_when_read(
    client, submit, holder_with_card, officer, operator
):
    complaint = _card_complaint(submit, holder_with_card, officer)
    application = services.complaint_data_change_open(actor=operator, complaint_id=complaint.pk)
    Application.objects.filter(pk=application.pk).update(status="approved", decided_by=operator)
    application.refresh_from_db()
    application_card_issue(application=application, actor=operator)
    from django.urls import reverse

    client.get(
        reverse("complaints:status", args=[complaint.tracking_number, complaint_secret(complaint)])
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED


def test_only_an_operator_opens_it(submit, holder_with_card, officer):
    complaint = _card_complaint(submit, holder_with_card, officer)
    with pytest.raises(PermissionDenied):
        services.complaint_data_change_open(actor=officer, complaint_id=complaint.pk)


def test_not_for_other_categories(submit, holder_with_card, officer, operator):
    complaint = submit(actor=holder_with_card, category=Category.FEES)
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    with pytest.raises(Conflict) as exc:
        services.complaint_data_change_open(actor=operator, complaint_id=complaint.pk)
    assert exc.value.code == "not_card_data"


def test_the_request_status_page_links_and_the_form_attaches_the_request(
    client, holder_with_card, office
):
    from django.urls import reverse

    from pencaker.complaints.models import Complaint

    application = Application.objects.filter(applicant=holder_with_card).first()
    client.force_login(holder_with_card)
    detail = client.get(reverse("applications:detail", args=[application.tracking_number]))
    link = f"/pengaduan/?permohonan={application.tracking_number}"
    assert link in detail.content.decode()
    form = client.get(link).content.decode()
    assert f'name="permohonan" value="{application.tracking_number}"' in form
    client.post(
        link,
        {
            "office": str(office.pk),
            "category": "processing_time",
            "text": "Permohonan saya lama sekali tidak diproses.",
            "privacy": "anonymous",
            "permohonan": application.tracking_number,
            "idempotency_key": "attach-1",
        },
    )
    complaint = Complaint.objects.get()
    assert complaint.application == application
    assert complaint.holder == holder_with_card


def test_someone_elses_request_is_not_attached(client, holder_with_card, holder_factory, office):
    from django.urls import reverse

    application = Application.objects.filter(applicant=holder_with_card).first()
    other = holder_factory(full_name="Orang Lain")
    client.force_login(other)
    form = client.get(reverse("complaints:submit") + f"?permohonan={application.tracking_number}")
    assert 'name="permohonan"' not in form.content.decode()
