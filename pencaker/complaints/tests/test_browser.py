"""Issue 15 in real Chromium on a 360 px phone: an anonymous citizen complains about a fee
asked at the counter with JavaScript off and tracks it signed out; the complaints officer
verifies, assigns and answers; the citizen reopens once; after the deadline (the daily job
run with the date passed explicitly) the head of office sees it escalated; the statistics
page counts it. Every step's email reaches the test's SMTP server; axe finds nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from pencaker.e2e import steps
from pencaker.e2e.people import seed_demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_EMAIL = "warga.anonim@example.id"
PASSWORD = "Kartu-Kuning-2026"  # noqa: S105 - a test person


@pytest.fixture
def staff():
    from pencaker.accounts.models import Role, User
    from pencaker.offices.models import Office

    seed_demo_office()
    office = Office.objects.get(code="16.71")

    def make(role, email, name):
        return User.objects.create_user(
            email=email, password=PASSWORD, role=role, office=office, full_name=name
        )

    return {
        "officer": make(Role.COMPLAINTS_OFFICER, "sari.pengaduan@disnaker.example.go.id", "Sari"),
        "operator": make(Role.OPERATOR, "budi.loket@disnaker.example.go.id", "Budi Loket"),
        "pimpinan": make(Role.PIMPINAN, "kepala@disnaker.example.go.id", "Kepala Dinas"),
    }


def _session_into(page, base: str, user) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


def _fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label} is {width} px wide"


def _subjects(mailbox) -> list[str]:
    return [str(m["Subject"]) for m in mailbox.to(CITIZEN_EMAIL)]


def _act(page, action: str) -> None:
    steps.submit(
        page, page.locator(f"main form:has(input[name=action][value={action}]) button").first
    )


def test_anonymous_fee_complaint_from_form_to_escalation(
    nojs_page, page, live_server, site_url, mailbox, staff, assert_accessible
):
    from pencaker.complaints import services
    from pencaker.complaints.models import Complaint

    citizen, base = nojs_page, live_server.url

    # Given an anonymous citizen on a phone with JavaScript off, from the footer link
    citizen.goto(steps.url(base, "public:home"))
    steps.submit(citizen, citizen.locator("footer a[href='/pengaduan/']"))
    _fits(citizen, "the complaint form")
    citizen.select_option("#id_category", "fees")
    citizen.fill("#id_text", "Petugas di loket meminta Rp50.000 agar kartu kuning cepat jadi.")
    citizen.check("input[name=privacy][value=anonymous]")
    citizen.select_option("#id_contact_channel", "email")
    citizen.fill("#id_contact", CITIZEN_EMAIL)
    # When she sends it
    steps.submit(citizen, citizen.locator("main form button[type=submit]"))
    # Then the status page shows the number, with no name anywhere
    complaint = Complaint.objects.get()
    assert complaint.name == "" and complaint.channel == "web"
    status_url = citizen.url
    assert complaint.tracking_number in citizen.inner_text("main")
    assert citizen.locator("[data-testid=complaint-status]").inner_text() == "Diterima"
    _fits(citizen, "the status page")
    number, secret = re.search(r"/lacak/([^/]+)/([^/]+)/$", status_url).groups()
    assert _subjects(mailbox) == [f"Pengaduan Anda {number} telah diterima."]
    assert status_url in mailbox.body(mailbox.to(CITIZEN_EMAIL)[0])

    # She tracks it signed out with the number and the secret
    citizen.context.clear_cookies()
    citizen.goto(steps.url(base, "complaints:track"))
    citizen.fill("#id_number", number)
    citizen.fill("#id_secret", secret)
    steps.submit(citizen, citizen.locator("main form button[type=submit]"))
    assert citizen.url == status_url

    # The complaints officer verifies, assigns and answers
    _session_into(page, base, staff["officer"])
    page.goto(steps.url(base, "complaints:staff_queue"))
    steps.submit(page, page.get_by_role("link", name=number).first)
    assert_accessible(page, label="staff detail (received)")
    page.select_option("#id_tier", "light")
    _act(page, "verify")
    assert page.locator("[data-testid=complaint-status]").inner_text() == "Diverifikasi"
    page.fill("#id_unit", "Bidang Penempatan Tenaga Kerja")
    page.select_option("#id_assignee", str(staff["operator"].pk))
    _act(page, "assign")
    assert page.locator("[data-testid=complaint-status]").inner_text() == "Sedang ditangani"
    assert_accessible(page, label="staff detail (assigned)")
    page.fill("#id_answer", "Layanan AK/1 gratis. Petugas telah ditegur dan uang dikembalikan.")
    page.fill("#id_action_taken", "Teguran tertulis; pengembalian uang.")
    _act(page, "answer")
    assert page.locator("[data-testid=complaint-status]").inner_text() == "Dijawab"

    # The citizen reads the answer and reopens once
    citizen.goto(status_url)
    assert "Layanan AK/1 gratis" in citizen.inner_text("main")
    citizen.fill("#id_reason", "Uang belum dikembalikan sampai hari ini.")
    steps.submit(citizen, citizen.locator("main form:has(input[value=reopen]) button[type=submit]"))
    assert citizen.locator("[data-testid=complaint-status]").inner_text() == "Dibuka kembali"
    assert citizen.locator("main form:has(input[value=reopen])").count() == 0

    # After the deadline the daily job escalates it (the date passed explicitly)
    complaint.refresh_from_db()
    after = complaint.answer_due_at + dt.timedelta(days=1)
    assert after > timezone.now()
    assert services.complaints_daily(now=after).escalated == 1

    # The head of office sees it escalated
    _session_into(page, base, staff["pimpinan"])
    page.goto(steps.url(base, "complaints:staff_queue"))
    assert number in page.locator("[data-testid=escalated]").inner_text()
    assert_accessible(page, label="head of office's dashboard")

    # Every step reached her mailbox
    assert _subjects(mailbox) == [
        f"Pengaduan Anda {number} telah diterima.",
        f"Pengaduan Anda {number} diverifikasi.",
        f"Pengaduan Anda {number} sedang ditangani.",
        f"Pengaduan Anda {number} telah dijawab.",
        f"Pengaduan Anda {number} dibuka kembali.",
        f"Pengaduan Anda {number} diteruskan ke pimpinan.",
    ]
    assert "Layanan AK/1 gratis" in mailbox.body(mailbox.to(CITIZEN_EMAIL)[3])

    # The statistics page counts it, with no personal data
    citizen.goto(steps.url(base, "complaints:stats"))
    _fits(citizen, "the statistics page")
    assert citizen.locator("[data-testid=received]").first.inner_text() == "1"
    assert CITIZEN_EMAIL not in citizen.content()
    assert number not in citizen.content()


def test_complaint_pages_pass_axe_at_360_px(page, live_server, staff, assert_accessible):
    from pencaker.complaints import services
    from pencaker.complaints.choices import Category, Privacy
    from pencaker.complaints.links import complaint_secret
    from pencaker.offices.models import Office

    base = live_server.url
    complaint, _ = services.complaint_submit(
        actor=None,
        data=services.ComplaintInput(
            office=Office.objects.get(code="16.71"),
            category=Category.CARD_DATA,
            text="Nama saya salah cetak di kartu.",
            privacy=Privacy.CONFIDENTIAL,
            name="Siti Aminah",
        ),
    )
    public = [
        ("complaints:submit", ()),
        ("complaints:track", ()),
        ("complaints:status", (complaint.tracking_number, complaint_secret(complaint))),
        ("complaints:stats", ()),
    ]
    for name, args in public:
        response = page.goto(steps.url(base, name, *args))
        assert response is not None and response.status == 200, name
        assert_accessible(page, label=name)
    _session_into(page, base, staff["operator"])
    for name, args in [("complaints:staff_queue", ()), ("complaints:staff_new", ())]:
        response = page.goto(steps.url(base, name, *args))
        assert response is not None and response.status == 200, name
        assert_accessible(page, label=name)
    admin = type(staff["officer"]).objects.create_user(
        email="admin@disnaker.example.go.id",
        password=PASSWORD,
        role="admin_dinas",
        office=staff["officer"].office,
        full_name="Admin Dinas",
    )
    _session_into(page, base, admin)
    response = page.goto(steps.url(base, "complaints:staff_settings"))
    assert response is not None and response.status == 200
    assert_accessible(page, label="complaint deadlines")
    _session_into(page, base, staff["officer"])
    response = page.goto(steps.url(base, "complaints:staff_detail", complaint.pk))
    assert response is not None and response.status == 200
    assert "Siti Aminah" in page.inner_text("main")
    assert_accessible(page, label="staff detail with the identity")
