"""Status messages go through the notifications outbox: email always, SMS with a phone."""

import pytest
from django.core import mail

from pencaker.applications import services
from pencaker.applications.choices import ReturnReason, Status
from pencaker.core.errors import DomainError
from pencaker.notifications.gateways import LoggingGateway
from pencaker.notifications.models import DeliveryStatus, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_gateway_log():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


def test_each_step_sends_an_email_and_an_sms_after_commit(
    make_application, operator, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(Status.NEEDS_CHANGES)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_resubmit(actor=applicant, application_id=application.pk)
        services.application_claim(actor=operator, application_id=application.pk)
        services.application_approve(actor=operator, application_id=application.pk)

    kinds = list(
        Notification.objects.filter(channel="email").order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [
        "application.submitted",
        "application.returned",
        "application.resubmitted",
        "application.approved",
    ]
    # The approval also issues the card, whose first version invites the holder to the
    # IKM survey (surveys app): that email is not a status message.
    status_mail = [m for m in mail.outbox if "survei" not in m.subject.lower()]
    assert [m.to for m in status_mail] == [[applicant.email]] * 4
    assert all(application.tracking_number in m.subject for m in status_mail)
    assert [s["to"] for s in LoggingGateway.sent] == [applicant.phone] * 4
    assert all(s["channel"] == "sms" for s in LoggingGateway.sent)
    assert all(application.tracking_number in s["text"] for s in LoggingGateway.sent)
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_returned_email_lists_each_item_with_its_reason_and_note(
    make_application, operator, django_capture_on_commit_callbacks
):
    application = make_application(Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(
            actor=operator,
            application_id=application.pk,
            items=[
                services.ReturnItemInput("document:photo", ReturnReason.UNREADABLE),
                services.ReturnItemInput("address", ReturnReason.OTHER, "RT/RW belum diisi"),
            ],
        )
    body = mail.outbox[-1].body
    assert "Pas foto berwarna 3x4" in body
    assert "Berkas tidak terbaca jelas" in body
    assert "Alamat" in body
    assert "RT/RW belum diisi" in body
    sms = LoggingGateway.sent[-1]["text"]
    assert "2" in sms and application.tracking_number in sms


def test_rejected_email_gives_the_reason(
    make_application, operator, django_capture_on_commit_callbacks
):
    application = make_application(Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            actor=operator,
            application_id=application.pk,
            reason="fraudulent",
            note="Foto KTP bukan milik pemohon",
        )
    assert "Foto KTP bukan milik pemohon" in mail.outbox[-1].body
    assert Notification.objects.filter(kind="application.rejected", channel="sms").exists()


def test_no_sms_when_the_account_has_no_phone(seeker_factory, django_capture_on_commit_callbacks):
    user = seeker_factory(phone="")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(actor=user)
    assert Notification.objects.filter(channel="sms").count() == 0
    assert len(mail.outbox) == 1
    assert LoggingGateway.sent == []


def test_messages_wait_in_the_outbox_until_commit(applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_submit(actor=applicant)
    assert Notification.objects.filter(status=DeliveryStatus.PENDING).count() == 2
    assert callbacks
    assert mail.outbox == []
    assert LoggingGateway.sent == []


def test_nothing_is_queued_when_the_submit_is_refused(
    seeker_factory, django_capture_on_commit_callbacks
):
    applicant = seeker_factory(documents=("ktp", "ijazah"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(DomainError):
            services.application_submit(actor=applicant)
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_same_status_change_is_never_queued_twice(make_application):
    from pencaker.applications.notices import application_notify

    application = make_application(Status.SUBMITTED)
    change = application.history.last()
    application_notify(application=application, event="submitted", change_id=change.pk)
    assert Notification.objects.filter(kind="application.submitted").count() == 2
