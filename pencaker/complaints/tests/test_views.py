"""The complaint pages: the citizen's form and status page signed out, the staff pages,
who reaches what, and where a confidential identity may appear."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from pencaker.complaints import services
from pencaker.complaints.choices import Channel, Privacy, Status, Tier
from pencaker.complaints.links import complaint_secret
from pencaker.complaints.models import Complaint

pytestmark = pytest.mark.django_db

SECRET_NAME = "Wulandari Rahasia"
SECRET_CONTACT = "wulan.rahasia@example.id"


def _form(office, **extra):
    data = {
        "office": str(office.pk),
        "category": "fees",
        "text": "Di loket saya diminta membayar Rp50.000 untuk kartu kuning.",
        "privacy": "anonymous",
        "contact_channel": "email",
        "contact": "warga@example.id",
        "idempotency_key": "form-key-1",
    }
    data.update(extra)
    return data


def test_form_signed_out_sends_and_shows_the_status(client, office):
    response = client.post(reverse("complaints:submit"), _form(office), follow=True)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.tracking_number in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "complaints:status", args=[complaint.tracking_number, complaint_secret(complaint)]
    )


def test_double_submit_of_the_form_makes_one_complaint(client, office):
    client.post(reverse("complaints:submit"), _form(office))
    client.post(reverse("complaints:submit"), _form(office))
    assert Complaint.objects.count() == 1


def test_form_errors_are_in_indonesian_on_their_fields(client, office):
    response = client.post(reverse("complaints:submit"), _form(office, text="x", contact="nope"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body and "10" in body
    assert Complaint.objects.count() == 0


def test_form_with_nul_bytes_is_not_a_500(client, office):
    response = client.post(reverse("complaints:submit"), _form(office, text="a\x00b" * 10))
    assert response.status_code in (200, 400)


def test_footer_links_to_the_complaint_form(client):
    body = client.get(reverse("complaints:stats")).content.decode()
    assert reverse("complaints:submit") in body


def test_track_form_redirects_with_number_and_secret(client, submit):
    complaint = submit()
    response = client.post(
        reverse("complaints:track"),
        {"number": complaint.tracking_number.lower(), "secret": complaint_secret(complaint)},
    )
    assert response.status_code == 302
    wrong = client.post(
        reverse("complaints:track"), {"number": complaint.tracking_number, "secret": "nope"}
    )
    assert wrong.status_code == 200
    assert (
        client.get(
            reverse("complaints:status", args=[complaint.tracking_number, "0" * 20])
        ).status_code
        == 404
    )


def test_status_page_reopen_and_rate(client, submit, officer):
    complaint = submit()
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_answer(
        actor=officer, complaint_id=complaint.pk, answer="Tidak ada biaya; petugas ditegur."
    )
    url = reverse(
        "complaints:status", args=[complaint.tracking_number, complaint_secret(complaint)]
    )
    assert "Tidak ada biaya" in client.get(url).content.decode()
    client.post(url, {"action": "rate", "rating": "3", "comment": "Lumayan"})
    client.post(url, {"action": "reopen", "reason": "Masih diminta biaya kemarin."})
    complaint.refresh_from_db()
    assert complaint.rating == 3
    assert complaint.status == Status.REOPENED
    short = client.post(url, {"action": "reopen", "reason": "x"})
    assert short.status_code in (200, 302)


def _staff(staff_client_factory, user):
    return staff_client_factory(user)


def test_officer_works_the_complaint_through_the_pages(
    staff_client_factory, submit, officer, operator
):
    complaint = submit()
    client = _staff(staff_client_factory, officer)
    url = reverse("complaints:staff_detail", args=[complaint.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "verify", "tier": "light"})
    client.post(
        url, {"action": "assign", "unit": "Bidang Penempatan", "assignee": str(operator.pk)}
    )
    client.post(url, {"action": "answer", "answer": "Petugas sudah ditegur, tidak ada biaya."})
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    queue = client.get(reverse("complaints:staff_queue") + "?status=all").content.decode()
    assert complaint.tracking_number in queue


def test_counter_entry_records_the_channel(staff_client_factory, office, operator, named):
    client = _staff(staff_client_factory, operator)
    response = client.post(
        reverse("complaints:staff_new"),
        _form(office, channel="phone", named_staff=str(named.pk), idempotency_key="c-1"),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.PHONE
    assert complaint.named_staff == named
    assert complaint.entered_by == operator


def test_the_named_staff_member_cannot_reach_it(
    staff_client_factory, submit, operator, named, officer
):
    complaint = submit(
        actor=operator,
        channel=Channel.COUNTER,
        named_staff_id=named.pk,
        text="Petugas Joko meminta uang pelicin untuk kartu.",
    )
    client = _staff(staff_client_factory, named)
    assert client.get(reverse("complaints:staff_detail", args=[complaint.pk])).status_code == 404
    queue = client.get(reverse("complaints:staff_queue") + "?status=all").content.decode()
    assert complaint.tracking_number not in queue
    search = client.get(
        reverse("complaints:staff_queue") + "?status=all&q=pelicin"
    ).content.decode()
    assert complaint.tracking_number not in search
    # The officer sees it, and exports it; the named staff member's own export does not.
    officer_client = _staff(staff_client_factory, officer)
    assert (
        complaint.tracking_number
        in officer_client.get(reverse("complaints:staff_export", args=["json"])).content.decode()
    )


def test_named_admin_cannot_export_it(staff_client_factory, submit, operator, admin_dinas):
    complaint = submit(actor=operator, channel=Channel.COUNTER, named_staff_id=admin_dinas.pk)
    client = _staff(staff_client_factory, admin_dinas)
    for fmt in ("json", "csv"):
        body = client.get(reverse("complaints:staff_export", args=[fmt])).content.decode()
        assert complaint.tracking_number not in body


def test_confidential_identity_only_in_the_officers_view(
    staff_client_factory, client, submit, officer, operator, admin_dinas, pimpinan, caplog
):
    caplog.set_level(logging.DEBUG)
    complaint = submit(privacy=Privacy.CONFIDENTIAL, name=SECRET_NAME, contact=SECRET_CONTACT)
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_answer(
        actor=officer, complaint_id=complaint.pk, answer="Jawaban atas pengaduan Anda."
    )
    detail = reverse("complaints:staff_detail", args=[complaint.pk])
    assert SECRET_NAME in _staff(staff_client_factory, officer).get(detail).content.decode()
    for user in (operator, admin_dinas, pimpinan):
        staff = _staff(staff_client_factory, user)
        for url in (
            detail,
            reverse("complaints:staff_queue") + "?status=all",
            reverse("complaints:staff_export", args=["json"]),
        ):
            body = staff.get(url).content.decode()
            assert SECRET_NAME not in body
            assert SECRET_CONTACT not in body
    officer_export = (
        _staff(staff_client_factory, officer)
        .get(reverse("complaints:staff_export", args=["csv"]))
        .content.decode()
    )
    assert SECRET_NAME not in officer_export and SECRET_CONTACT not in officer_export
    status = client.get(
        reverse("complaints:status", args=[complaint.tracking_number, complaint_secret(complaint)])
    ).content.decode()
    assert SECRET_NAME not in status and SECRET_CONTACT not in status
    assert SECRET_NAME not in client.get(reverse("complaints:stats")).content.decode()
    logged = caplog.text + json.dumps([r.__dict__ for r in caplog.records], default=str)
    assert SECRET_NAME not in logged
    assert SECRET_CONTACT not in logged


def test_export_has_the_documented_columns(staff_client_factory, submit, officer):
    submit()
    body = _staff(staff_client_factory, officer).get(
        reverse("complaints:staff_export", args=["json"])
    )
    row = json.loads(body.content)["complaints"][0]
    from pencaker.complaints.selectors import EXPORT_FIELDS

    assert tuple(row) == EXPORT_FIELDS
    assert (
        _staff(staff_client_factory, officer)
        .get(reverse("complaints:staff_export", args=["xml"]))
        .status_code
        == 404
    )


def test_seekers_and_signed_out_cannot_open_staff_pages(client, user_factory, submit):
    complaint = submit()
    assert client.get(reverse("complaints:staff_detail", args=[complaint.pk])).status_code == 302
    seeker = user_factory()
    client.force_login(seeker)
    assert client.get(reverse("complaints:staff_queue")).status_code == 403


def test_pimpinan_sees_escalated_on_the_dashboard(staff_client_factory, submit, pimpinan):
    import datetime as dt

    from django.utils import timezone

    complaint = submit()
    services.complaints_daily(now=timezone.now() + dt.timedelta(days=30))
    body = (
        _staff(staff_client_factory, pimpinan)
        .get(reverse("complaints:staff_queue"))
        .content.decode()
    )
    assert complaint.tracking_number in body.split('data-testid="escalated"')[1].split("</ul>")[0]


def test_statistics_count_and_show_no_personal_data(client, submit, officer):
    complaint = submit(text="Pungutan liar sebesar seratus ribu di loket.")
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_answer(
        actor=officer,
        complaint_id=complaint.pk,
        answer="Petugas bernama Joko ditegur.",
        publishable=True,
        published_answer="Layanan AK/1 tidak dipungut biaya; laporkan jika diminta.",
    )
    body = client.get(reverse("complaints:stats")).content.decode()
    assert "Layanan AK/1 tidak dipungut biaya" in body
    assert "Joko" not in body
    assert "Pungutan liar" not in body
    assert complaint.tracking_number not in body


def test_delivery_logs_no_identity_and_keeps_no_address(
    submit, officer, caplog, django_capture_on_commit_callbacks
):
    from pencaker.notifications.gateways import LoggingGateway
    from pencaker.notifications.models import Notification

    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit(
            privacy=Privacy.CONFIDENTIAL,
            name=SECRET_NAME,
            contact_channel="sms",
            contact="0812 9876 5432",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    assert [m["to"] for m in LoggingGateway.sent[-2:]] == ["+6281298765432"] * 2
    assert not Notification.objects.filter(recipient="+6281298765432").exists()
    logged = caplog.text + json.dumps([r.__dict__ for r in caplog.records], default=str)
    assert SECRET_NAME not in logged
    assert "+6281298765432" not in logged and "081298765432" not in logged


def test_office_admin_sets_the_deadlines_on_its_page(
    staff_client_factory, admin_dinas, officer, office
):
    from pencaker.complaints.deadlines import settings_for

    url = reverse("complaints:staff_settings")
    assert _staff(staff_client_factory, officer).get(url).status_code == 403
    client = _staff(staff_client_factory, admin_dinas)
    assert client.get(url).status_code == 200
    data = {
        "verify_days": "3",
        "light_days": "2",
        "normative_days": "10",
        "other_days": "14",
        "investigation_days": "60",
        "close_after_days": "10",
    }
    assert client.post(url, data).status_code == 302
    assert settings_for(office).normative_days == 10
    bad = client.post(url, {**data, "light_days": "0"})
    assert bad.status_code == 200 and settings_for(office).light_days == 2
