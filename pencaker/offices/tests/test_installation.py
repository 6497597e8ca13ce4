"""Offices of one installation (ADR 0031): the installation administrator (TOTP required)
creates an office from its Kemendagri code, with a time zone proposed from the province
code, and names its first admin dinas, who gets a set-password link through the outbox."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role, User
from pencaker.core.audit import AuditAction
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification
from pencaker.offices.choices import time_zone_for_code
from pencaker.offices.models import Office
from pencaker.regions.models import Region

pytestmark = pytest.mark.django_db

URL = "/kantor/instalasi/"


@pytest.fixture
def regions(db):
    rows = [
        ("16", "Sumatera Selatan", "province", None),
        ("16.71", "Kota Palembang", "regency", "16"),
        ("16.74", "Kota Prabumulih", "regency", "16"),
        ("73", "Sulawesi Selatan", "province", None),
        ("73.71", "Kota Makassar", "regency", "73"),
        ("91", "Papua", "province", None),
        ("91.71", "Kota Jayapura", "regency", "91"),
        ("16.74.01", "Prabumulih Barat", "district", "16.74"),
    ]
    for code, name, level, parent in rows:
        Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )


@pytest.fixture
def installer(user_factory):
    return user_factory(Role.INSTALLATION_ADMIN, email="instalasi@example.go.id")


@pytest.fixture
def installer_client(installer, staff_client_factory):
    return staff_client_factory(installer)


FORM = {
    "code": "16.74",
    "name": "",
    "time_zone": "",
    "admin_name": "Dewi Kartika",
    "admin_email": "dewi@prabumulih.go.id",
    "admin_phone": "0812 7300 1000",
}


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("16.74", "Asia/Jakarta"),
        ("31.71", "Asia/Jakarta"),
        ("61.71", "Asia/Jakarta"),  # Kalimantan Barat keeps WIB
        ("62.71", "Asia/Jakarta"),  # Kalimantan Tengah keeps WIB
        ("51.71", "Asia/Makassar"),
        ("52", "Asia/Makassar"),
        ("53.71", "Asia/Makassar"),
        ("63.71", "Asia/Makassar"),
        ("64.72", "Asia/Makassar"),
        ("65.71", "Asia/Makassar"),
        ("71.71", "Asia/Makassar"),
        ("76.01", "Asia/Makassar"),
        ("81.71", "Asia/Jayapura"),
        ("82.71", "Asia/Jayapura"),
        ("91.71", "Asia/Jayapura"),
        ("96.71", "Asia/Jayapura"),
    ],
)
def test_the_time_zone_is_proposed_from_the_province_code(code, zone):
    assert time_zone_for_code(code) == zone


def _invitation(email: str) -> Notification:
    return Notification.objects.get(kind="account.staff_invitation", recipient=email)


def test_the_command_creates_the_office_and_invites_its_admin(regions):
    out = io.StringIO()
    call_command(
        "office_create", "16.74", "--admin-email", "dewi@prabumulih.go.id",
        "--admin-name", "Dewi Kartika", stdout=out,
    )  # fmt: skip
    result = json.loads(out.getvalue())
    assert result == {
        "code": "16.74",
        "name": "Dinas Tenaga Kerja Kota Prabumulih",
        "kind": "kabkota",
        "time_zone": "Asia/Jakarta",
        "admin_email": "dewi@prabumulih.go.id",
    }
    office = Office.objects.get(code="16.74")
    admin = User.objects.get(email="dewi@prabumulih.go.id")
    assert (admin.role, admin.office, admin.has_usable_password()) == (
        Role.ADMIN_DINAS, office, False,
    )  # fmt: skip
    assert "/akun/" in _invitation(admin.email).body
    assert office.ak1_return_reasons.exists()
    assert AuditEvent.objects.filter(action=AuditAction.OFFICE_CREATED, office=office).exists()
    with pytest.raises(CommandError, match="office_exists"):
        call_command("office_create", "16.74", "--admin-email", "lain@prabumulih.go.id")
    with pytest.raises(CommandError, match="invalid_setting"):
        call_command("office_create", "16.74.01", "--admin-email", "x@prabumulih.go.id")
    with pytest.raises(CommandError, match="invalid_setting"):
        call_command("office_create", "99.99", "--admin-email", "x@prabumulih.go.id")


def test_a_province_code_makes_a_province_office_in_its_zone(regions):
    out = io.StringIO()
    call_command("office_create", "73", "--admin-email", "prov@sulsel.go.id", stdout=out)
    office = Office.objects.get(code="73")
    assert office.is_province
    assert office.time_zone == "Asia/Makassar"
    assert office.name == "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Selatan"
    call_command(
        "office_create", "91.71", "--admin-email", "a@jayapura.go.id",
        "--time-zone", "Asia/Jayapura", stdout=out,
    )  # fmt: skip
    assert Office.objects.get(code="91.71").time_zone == "Asia/Jayapura"


def test_the_screen_creates_an_office_and_lists_them(regions, installer_client, installer):
    page = installer_client.get(URL)
    assert page.status_code == 200
    response = installer_client.post(URL, FORM)
    assert response.status_code == 302
    office = Office.objects.get(code="16.74")
    admin = User.objects.get(email="dewi@prabumulih.go.id")
    assert admin.office == office and admin.full_name == "Dewi Kartika"
    assert admin.phone == "+6281273001000"
    event = AuditEvent.objects.get(action=AuditAction.OFFICE_CREATED)
    assert event.actor == installer
    listed = installer_client.get(URL).content.decode()
    assert "Dinas Tenaga Kerja Kota Prabumulih" in listed and "WIB" in listed
    again = installer_client.post(URL, {**FORM, "admin_email": "lain@prabumulih.go.id"})
    assert again.status_code == 400
    assert again.context["form"].errors["code"]
    assert Office.objects.filter(code="16.74").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "99.99"}, "code"),
        ({"code": ""}, "code"),
        ({"admin_email": "bukan-email"}, "admin_email"),
        ({"admin_email": "dewi@prabumulih.go.id", "admin_phone": "12"}, "admin_phone"),
        ({"time_zone": "Europe/Paris"}, "time_zone"),
        ({"code": "16.74\x00"}, None),
    ],
)
def test_the_screen_refuses_bad_input_next_to_the_field(change, field, regions, installer_client):
    response = installer_client.post(URL, {**FORM, **change})
    assert response.status_code == 400
    if field:
        assert response.context["form"].errors[field]
    assert not Office.objects.filter(code="16.74").exists()
    assert not User.objects.filter(email="dewi@prabumulih.go.id").exists()


def test_a_duplicate_admin_email_creates_nothing(regions, installer_client, user_factory):
    user_factory(Role.JOB_SEEKER, email="dewi@prabumulih.go.id")
    response = installer_client.post(URL, FORM)
    assert response.status_code == 400
    assert not Office.objects.filter(code="16.74").exists()  # all or nothing


@pytest.mark.parametrize("role", [Role.ADMIN_DINAS, Role.PIMPINAN, Role.OPERATOR])
def test_office_staff_cannot_create_offices(
    role, regions, office, user_factory, staff_client_factory
):
    client = staff_client_factory(user_factory(role, office=office))
    assert client.get(URL).status_code == 403
    assert client.post(URL, FORM).status_code == 403
    assert not Office.objects.filter(code="16.74").exists()


def test_a_citizen_is_refused_and_a_visitor_sent_to_sign_in(regions, user_factory, client):
    assert client.get(URL).status_code == 302
    seeker = Client()
    seeker.force_login(user_factory(Role.JOB_SEEKER))
    assert seeker.get(URL).status_code == 403


def test_the_installation_admin_must_pass_totp(regions, installer):
    client = Client()
    client.force_login(installer)  # the password step only
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert client.post(URL, FORM).status_code == 302
    assert not Office.objects.filter(code="16.74").exists()
    # and at login the next step is the two-factor page
    installer.set_password("Rahasia-123!")
    installer.save()
    login = Client().post(
        reverse("accounts:login"), {"username": installer.email, "password": "Rahasia-123!"}
    )
    assert login.status_code == 302
    assert login["Location"].startswith(reverse("accounts:two_factor"))


def test_the_installation_admin_lands_on_the_offices_page(installer_client):
    response = installer_client.get(reverse("accounts:landing"))
    assert response.status_code == 302
    assert response["Location"] == URL


def test_the_invited_admin_sets_a_password_from_the_link(regions, installer_client):
    installer_client.post(URL, FORM)
    body = _invitation("dewi@prabumulih.go.id").body
    link = re.search(r"https?://\S+", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    page = client.get("/" + path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else "/" + path
    done = client.post(
        form_url, {"new_password1": "Kuning-Kartu-88", "new_password2": "Kuning-Kartu-88"}
    )
    assert done.status_code == 302
    assert User.objects.get(email="dewi@prabumulih.go.id").check_password("Kuning-Kartu-88")


# --- API ------------------------------------------------------------------------------------


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def test_api_office_create(regions, installer, office, user_factory):
    payload = {"code": "73.71", "admin_email": "admin@makassar.go.id", "admin_name": "Andi"}
    created = _api(installer).post(
        "/api/v1/offices/", json.dumps(payload), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json() == {
        "code": "73.71",
        "name": "Dinas Tenaga Kerja Kota Makassar",
        "kind": "kabkota",
        "time_zone": "Asia/Makassar",
        "admin_email": "admin@makassar.go.id",
    }
    again = _api(installer).post(
        "/api/v1/offices/",
        json.dumps({**payload, "admin_email": "b@makassar.go.id"}),
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "office_exists"
    bad = _api(installer).post(
        "/api/v1/offices/",
        json.dumps({"code": "00", "admin_email": "c@x.go.id"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "code" in bad.json()["details"]["fields"]
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    refused = _api(admin).post(
        "/api/v1/offices/",
        json.dumps({"code": "91.71", "admin_email": "d@jayapura.go.id"}),
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not Office.objects.filter(code="91.71").exists()


def test_api_login_of_the_installation_admin_needs_the_totp_code(installer):
    installer.set_password("Rahasia-123!")
    installer.save()
    response = Client().post(
        "/api/v1/auth/login",
        json.dumps({"email": installer.email, "password": "Rahasia-123!"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "otp_required"


def test_the_settings_screen_changes_the_time_zone(office, user_factory, staff_client_factory):
    client = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=office))
    response = client.post(
        reverse("offices:settings_calendar"),
        {
            "action": "hours",
            "work_start": "08:00",
            "work_end": "16:00",
            "sla_working_days": "1",
            "time_zone": "Asia/Makassar",
        },
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.time_zone == "Asia/Makassar"
    event = AuditEvent.objects.filter(action=AuditAction.OFFICE_SETTINGS_CHANGED).latest("id")
    assert event.data["after"] == {"time_zone": "Asia/Makassar"}
    bad = client.post(
        reverse("offices:settings_calendar"),
        {"action": "hours", "work_start": "08:00", "work_end": "16:00",
         "sla_working_days": "1", "time_zone": "Asia/Tokyo"},
    )  # fmt: skip
    assert bad.status_code == 400
    api = _api(user_factory(Role.ADMIN_DINAS, office=office))
    patched = api.patch(
        f"/api/v1/offices/{office.code}/settings",
        json.dumps({"time_zone": "Asia/Jayapura"}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["time_zone"] == "Asia/Jayapura"
    wrong = api.patch(
        f"/api/v1/offices/{office.code}/settings",
        json.dumps({"time_zone": "UTC"}),
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert "time_zone" in wrong.json()["details"]["fields"]


def test_staff_pages_run_in_the_office_time_zone(office, user_factory, staff_client_factory):
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.utils import timezone

    from pencaker.offices.middleware import OfficeTimeZoneMiddleware

    office.time_zone = "Asia/Jayapura"
    office.save(update_fields=["time_zone"])
    seen = []
    middleware = OfficeTimeZoneMiddleware(
        lambda request: seen.append(timezone.get_current_timezone_name()) or HttpResponse()
    )
    request = RequestFactory().get("/")
    request.user = user_factory(Role.OPERATOR, office=office)
    middleware(request)
    request.user = user_factory(Role.JOB_SEEKER)
    middleware(request)
    assert seen == ["Asia/Jayapura", "Asia/Jakarta"]
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"  # deactivated after
    # and a page: the closed days screen of a WIT office shows the office's zone chosen
    client = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=office))
    body = client.get(reverse("offices:settings_calendar")).content.decode()
    assert 'value="Asia/Jayapura" selected' in body
