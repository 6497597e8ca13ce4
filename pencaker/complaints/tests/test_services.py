"""The complaint workflow through its services: deadlines, who may act, what is sent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.complaints import services
from pencaker.complaints.choices import (
    Category,
    Channel,
    ContactChannel,
    DeclineReason,
    Privacy,
    Status,
    Tier,
)
from pencaker.complaints.links import complaint_secret
from pencaker.complaints.models import Complaint, ComplaintStatusChange
from pencaker.complaints.workflow import ALLOWED
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _walk_to_answered(complaint, officer):
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_assign(actor=officer, complaint_id=complaint.pk, unit="Bidang Penempatan")
    return services.complaint_answer(
        actor=officer,
        complaint_id=complaint.pk,
        answer="Petugas telah ditegur; tidak ada biaya untuk AK/1.",
        action_taken="Teguran tertulis.",
    )


def test_submit_records_the_complaint_its_history_and_a_message(submit):
    complaint = submit()
    assert complaint.status == Status.RECEIVED
    assert complaint.tracking_number.startswith("ADU-")
    assert complaint.name == ""
    assert list(complaint.history.values_list("to_status", flat=True)) == ["received"]
    message = Notification.objects.get(kind="complaint.received")
    assert message.recipient == "warga@example.id"
    assert complaint.tracking_number in message.body
    assert complaint_secret(complaint) in message.body


def test_tracking_number_uses_the_unambiguous_alphabet(submit):
    body = submit().tracking_number.split("-", 2)[2].replace("-", "")
    assert len(body) == 8
    assert not set(body) & set("ILOU")


def test_anonymous_drops_the_name_confidential_requires_it(submit):
    assert submit(name="Rahasia Sekali").name == ""
    with pytest.raises(DomainError) as exc:
        submit(privacy=Privacy.CONFIDENTIAL, name="")
    assert "name" in exc.value.fields
    assert submit(privacy=Privacy.CONFIDENTIAL, name="Siti Aminah").name == "Siti Aminah"


@pytest.mark.parametrize(
    "field,value",
    [
        ("category", "nope"),
        ("text", "short"),
        ("text", "x" * 5001),
        ("text", "ada\x00nul di sini panjang"),
        ("contact", "bukan-email"),
        ("privacy", "public"),
    ],
)
def test_invalid_input_is_refused_on_its_field(submit, field, value):
    with pytest.raises(DomainError) as exc:
        submit(**{field: value})
    assert exc.value.fields


def test_phone_contact_is_normalised(submit):
    complaint = submit(contact_channel=ContactChannel.WHATSAPP, contact="0812 3456 7890")
    assert complaint.contact == "+6281234567890"
    assert Notification.objects.get(kind="complaint.received").channel == "whatsapp"


def test_web_form_cannot_name_staff_counter_entry_can(submit, named, operator):
    with pytest.raises(DomainError):
        submit(named_staff_id=named.pk)
    complaint = submit(actor=operator, channel=Channel.COUNTER, named_staff_id=named.pk)
    assert complaint.named_staff == named
    assert complaint.entered_by == operator


def test_counter_entry_needs_staff_of_the_office(submit, user_factory, other_office):
    from pencaker.accounts.models import Role

    stranger = user_factory(Role.OPERATOR, office=other_office)
    with pytest.raises(PermissionDenied):
        submit(actor=stranger, channel=Channel.PHONE)
    with pytest.raises(PermissionDenied):
        submit(actor=None, channel=Channel.PHONE)


def test_same_key_same_complaint_returns_the_first(submit):
    first = submit(key="k-1")
    again = submit(key="k-1")
    assert first.pk == again.pk
    assert Complaint.objects.count() == 1


def test_same_key_another_complaint_is_refused(submit):
    submit(key="k-1")
    with pytest.raises(Conflict) as exc:
        submit(key="k-1", text="Sesuatu yang sama sekali berbeda di sini.")
    assert exc.value.code == "idempotency_key_reused"


def test_full_walk_messages_each_step(submit, officer):
    complaint = submit()
    _walk_to_answered(complaint, officer)
    services.complaint_reopen(
        number=complaint.tracking_number,
        secret=complaint_secret(complaint),
        reason="Biaya itu masih diminta minggu ini.",
    )
    kinds = list(Notification.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "complaint.received",
        "complaint.verified",
        "complaint.assigned",
        "complaint.answered",
        "complaint.reopened",
    ]
    assert AuditEvent.objects.filter(action__startswith="complaint.").count() == 5


def test_no_contact_no_message(submit):
    submit(contact_channel="", contact="")
    assert Notification.objects.count() == 0


def test_reopen_only_once(submit, officer):
    complaint = _walk_to_answered(submit(), officer)
    secret = complaint_secret(complaint)
    services.complaint_reopen(
        number=complaint.tracking_number, secret=secret, reason="Masih belum beres juga."
    )
    services.complaint_answer(
        actor=officer, complaint_id=complaint.pk, answer="Sudah kami tindak lanjuti lagi."
    )
    with pytest.raises(Conflict) as exc:
        services.complaint_reopen(
            number=complaint.tracking_number, secret=secret, reason="Masih belum beres juga."
        )
    assert exc.value.code == "already_reopened"


def test_wrong_secret_is_not_found(submit):
    complaint = submit()
    with pytest.raises(NotFound):
        services.complaint_confirm(number=complaint.tracking_number, secret="0" * 20)


def test_confirm_closes_and_rating_once(submit, officer):
    complaint = _walk_to_answered(submit(), officer)
    secret = complaint_secret(complaint)
    services.complaint_rate(
        number=complaint.tracking_number, secret=secret, rating=4, comment="Cepat"
    )
    with pytest.raises(Conflict):
        services.complaint_rate(number=complaint.tracking_number, secret=secret, rating=3)
    closed = services.complaint_confirm(number=complaint.tracking_number, secret=secret)
    assert closed.status == Status.CLOSED


@pytest.mark.parametrize("rating", [0, 5, -1])
def test_rating_outside_1_to_4_is_refused(submit, officer, rating):
    complaint = _walk_to_answered(submit(), officer)
    with pytest.raises(DomainError):
        services.complaint_rate(
            number=complaint.tracking_number, secret=complaint_secret(complaint), rating=rating
        )


def test_rating_before_the_answer_is_refused(submit):
    complaint = submit()
    with pytest.raises(Conflict):
        services.complaint_rate(
            number=complaint.tracking_number, secret=complaint_secret(complaint), rating=3
        )


def test_decline_reasons(submit, officer):
    first = submit()
    with pytest.raises(DomainError):
        services.complaint_decline(
            actor=officer, complaint_id=submit().pk, reason=DeclineReason.REFERRED
        )
    referred = services.complaint_decline(
        actor=officer,
        complaint_id=submit().pk,
        reason=DeclineReason.REFERRED,
        note="BPJS Ketenagakerjaan",
    )
    assert "BPJS Ketenagakerjaan" in referred.history.last().public_note
    duplicate = services.complaint_decline(
        actor=officer,
        complaint_id=submit().pk,
        reason=DeclineReason.DUPLICATE,
        duplicate_of_number=first.tracking_number,
    )
    assert duplicate.duplicate_of == first
    with pytest.raises(DomainError):
        services.complaint_decline(
            actor=officer,
            complaint_id=submit().pk,
            reason=DeclineReason.DUPLICATE,
            duplicate_of_number="ADU-X",
        )


def test_never_assigned_to_the_staff_member_named(submit, officer, operator, named):
    complaint = submit(actor=operator, channel=Channel.COUNTER, named_staff_id=named.pk)
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.NORMATIVE)
    with pytest.raises(DomainError) as exc:
        services.complaint_assign(actor=officer, complaint_id=complaint.pk, assignee_id=named.pk)
    assert exc.value.code == "assignee_named"
    assigned = services.complaint_assign(
        actor=officer, complaint_id=complaint.pk, assignee_id=operator.pk
    )
    assert assigned.assigned_to == operator


def test_the_staff_member_named_cannot_act_on_it(
    submit, officer, operator, named, user_factory, office
):
    from pencaker.accounts.models import Role

    named_officer = user_factory(Role.COMPLAINTS_OFFICER, office=office)
    complaint = submit(actor=operator, channel=Channel.COUNTER, named_staff_id=named_officer.pk)
    with pytest.raises(NotFound):
        services.complaint_verify(actor=named_officer, complaint_id=complaint.pk, tier=Tier.LIGHT)


def test_operator_cannot_verify_and_other_office_sees_nothing(
    submit, operator, user_factory, other_office
):
    from pencaker.accounts.models import Role

    complaint = submit()
    with pytest.raises(PermissionDenied):
        services.complaint_verify(actor=operator, complaint_id=complaint.pk, tier=Tier.LIGHT)
    stranger = user_factory(Role.COMPLAINTS_OFFICER, office=other_office)
    with pytest.raises(NotFound):
        services.complaint_verify(actor=stranger, complaint_id=complaint.pk, tier=Tier.LIGHT)


def test_the_assignee_may_answer(submit, officer, operator):
    complaint = submit()
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_assign(actor=officer, complaint_id=complaint.pk, assignee_id=operator.pk)
    answered = services.complaint_answer(
        actor=operator, complaint_id=complaint.pk, answer="Sudah kami perbaiki prosedurnya."
    )
    assert answered.status == Status.ANSWERED


def test_extension_once_with_a_reason_the_complainant_reads(submit, officer):
    complaint = submit()
    verified = services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    due = verified.answer_due_at
    extended = services.complaint_extend(
        actor=officer, complaint_id=complaint.pk, reason="Menunggu keterangan dari bidang lain."
    )
    assert extended.answer_due_at > due
    assert "Menunggu keterangan" in Notification.objects.get(kind="complaint.extended").body
    with pytest.raises(Conflict):
        services.complaint_extend(
            actor=officer, complaint_id=complaint.pk, reason="Sekali lagi mohon maaf."
        )


# --- every disallowed transition ---------------------------------------------------------
_DISALLOWED = [
    (source, target)
    for source in Status.values
    for target in Status.values
    if target not in ALLOWED[source]
]


@pytest.mark.parametrize("source,target", _DISALLOWED)
def test_disallowed_transition_is_refused(submit, source, target):
    from pencaker.complaints.workflow import move

    complaint = submit()
    Complaint.objects.filter(pk=complaint.pk).update(status=source)
    complaint.refresh_from_db()
    before = ComplaintStatusChange.objects.count()
    with pytest.raises(Conflict) as exc:
        move(complaint, to=target, actor=None)
    assert exc.value.code == "invalid_transition"
    assert ComplaintStatusChange.objects.count() == before


@pytest.mark.parametrize("status", [Status.DECLINED, Status.CLOSED, Status.ANSWERED])
def test_services_refuse_to_verify_a_complaint_not_waiting(submit, officer, status):
    complaint = submit()
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    with pytest.raises(Conflict):
        services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)


# --- the daily job ----------------------------------------------------------------------
def test_daily_job_escalates_overdue_and_is_idempotent(submit, officer):
    waiting = submit()
    verified = submit(text="Antrean terlalu lama di loket kartu kuning.")
    services.complaint_verify(actor=officer, complaint_id=verified.pk, tier=Tier.LIGHT)
    later = timezone.now() + dt.timedelta(days=40)
    result = services.complaints_daily(now=later)
    assert result.escalated == 2
    assert set(Complaint.objects.values_list("status", flat=True)) == {Status.ESCALATED}
    assert services.complaints_daily(now=later).escalated == 0
    assert Notification.objects.filter(kind="complaint.escalated").count() == 2
    assert waiting.pk


def test_daily_job_does_not_escalate_in_time(submit):
    submit()
    assert services.complaints_daily(now=timezone.now()).escalated == 0


def test_daily_job_closes_answered_without_reply(submit, officer):
    complaint = _walk_to_answered(submit(), officer)
    assert services.complaints_daily(now=timezone.now() + dt.timedelta(days=5)).closed == 0
    assert services.complaints_daily(now=timezone.now() + dt.timedelta(days=11)).closed == 1
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_answer_records_whether_on_time(submit, officer):
    complaint = _walk_to_answered(submit(), officer)
    assert complaint.answered_on_time is True
    assert complaint.answer_working_days is not None


def test_settings_only_by_the_office_admin(office, officer, admin_dinas):
    with pytest.raises(PermissionDenied):
        services.complaint_settings_update(actor=officer, office=office, light_days=3)
    row = services.complaint_settings_update(actor=admin_dinas, office=office, light_days=3)
    assert row.light_days == 3
    with pytest.raises(DomainError):
        services.complaint_settings_update(actor=admin_dinas, office=office, light_days=0)


def test_forwarder_gets_no_identity(submit, officer):
    from pencaker.complaints.forwarding import LoggingForwarder

    complaint = submit(privacy=Privacy.CONFIDENTIAL, name="Siti Rahasia")
    services.complaint_forward(actor=officer, complaint_id=complaint.pk)
    row = LoggingForwarder.sent[-1]
    assert row["tracking_number"] == complaint.tracking_number
    assert "Siti Rahasia" not in str(row)
    assert "warga@example.id" not in str(row)


def test_category_card_data_without_holder_cannot_open_a_request(submit, officer, operator):
    complaint = submit(category=Category.CARD_DATA)
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.NORMATIVE)
    with pytest.raises(Conflict) as exc:
        services.complaint_data_change_open(actor=operator, complaint_id=complaint.pk)
    assert exc.value.code == "no_holder"


def test_the_scheduler_daily_job_runs_the_complaint_rules(submit, monkeypatch):
    from types import SimpleNamespace

    from pencaker.complaints import tasks
    from pencaker.ops import scheduler

    calls = []
    for name in ("complaints_daily_task", "vacancies_daily_task", "lifecycle_daily_task"):
        fake = SimpleNamespace(enqueue=lambda name=name: calls.append(name))
        monkeypatch.setattr(scheduler, name, fake)
    # The complaint rules are their own daily job of the scheduler.
    [job] = [job for job in scheduler.JOBS if job.name == "complaints_daily"]
    job.enqueue()
    assert calls == ["complaints_daily_task"]
    submit()
    assert tasks.complaints_daily_task.call() == {"escalated": 0, "closed": 0, "card_fixes": 0}
