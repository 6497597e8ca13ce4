"""The office settings screens (/kantor/pengaturan/) and the office_settings API: every
save goes through offices.services, is audited and applies at once; only the office's
admin dinas changes, the pimpinan reads, operators and other offices are refused."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.core.audit import AuditAction
from pencaker.core.models import AuditEvent
from pencaker.offices.models import Office, OfficeClosure, OfficeLogo

pytestmark = pytest.mark.django_db

IDENTITY = {
    "action": "save",
    "name": "Dinas Tenaga Kerja Kota Prabumulih",
    "letterhead_line1": "PEMERINTAH KOTA PRABUMULIH",
    "letterhead_line2": "DINAS TENAGA KERJA",
    "address": "Jl. Jend. Sudirman No. 1\nPrabumulih",
    "phone": "(0713) 322 100",
    "whatsapp": "0812 7000 1000",
    "email": "disnaker@prabumulih.go.id",
    "counter_hours": "Senin–Jumat 08.00–15.00",
    "map_url": "https://maps.example.org/?q=-3.43,104.23",
}


@pytest.fixture
def admin(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office)


@pytest.fixture
def admin_client(admin, staff_client_factory):
    return staff_client_factory(admin)


def _audits(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action.value).order_by("pk"))


def _png(size=(400, 400)) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (20, 90, 160))
    image.info["comment"] = b"secret"
    image.save(buffer, "PNG", pnginfo=None)
    return buffer.getvalue()


def _header(response) -> str:
    html = response.content.decode()
    return re.search(r'<header class="site-header">(.*?)</header>', html, re.S).group(1)


# --- Each screen saves and audits ---------------------------------------------------------


def test_index_links_every_settings_screen(admin_client):
    response = admin_client.get(reverse("offices:settings"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "offices:settings_identity",
        "offices:settings_signer",
        "offices:settings_documents",
        "offices:settings_calendar",
        "offices:settings_rules",
        "lifecycle:staff_settings",
        "applications:reasons",
    ):
        assert reverse(name) in html


def test_identity_saves_audits_and_the_header_shows_the_new_name(admin_client, office):
    response = admin_client.post(reverse("offices:settings_identity"), IDENTITY)
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.name == IDENTITY["name"]
    assert office.whatsapp == "0812 7000 1000"
    assert office.map_url == IDENTITY["map_url"]
    assert office.address == IDENTITY["address"]
    (event,) = _audits(AuditAction.OFFICE_SETTINGS_CHANGED)
    assert event.data["after"]["letterhead_line1"] == "PEMERINTAH KOTA PRABUMULIH"
    assert "name" in event.data["before"]
    page = admin_client.get(reverse("offices:settings_identity"))
    assert IDENTITY["name"] in _header(page)
    # the public header (memo of the default office) reads the new name at once
    assert IDENTITY["name"] in _header(Client().get(reverse("public:guide")))


def test_identity_refuses_bad_values_next_to_the_fields(admin_client, office):
    bad = dict(IDENTITY, name="", email="not-an-email", map_url="javascript:alert(1)", phone="abc")
    response = admin_client.post(reverse("offices:settings_identity"), bad)
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"name", "email", "map_url", "phone"}
    office.refresh_from_db()
    assert office.name != ""
    assert not _audits(AuditAction.OFFICE_SETTINGS_CHANGED)


def test_bad_characters_are_refused_without_a_server_error(admin_client):
    response = admin_client.post(
        reverse("offices:settings_identity"), dict(IDENTITY, name="Dinas\x00Naker")
    )
    assert response.status_code == 400


def test_logo_upload_is_checked_re_encoded_and_shown_in_the_header(admin_client, office):
    raw = _png()
    response = admin_client.post(
        reverse("offices:settings_identity"),
        {"action": "logo", "logo": SimpleUploadedFile("logo.png", raw, "image/png")},
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.logo_version
    stored = OfficeLogo.objects.get(office=office)
    assert stored.content_type == "image/png"
    assert _audits(AuditAction.OFFICE_LOGO_CHANGED)
    url = reverse("offices:logo", args=[office.pk, office.logo_version])
    assert url in _header(admin_client.get(reverse("offices:settings")))
    assert url in _header(Client().get(reverse("public:guide")))
    served = Client().get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(served.content)).size == (400, 400)
    assert b"secret" not in served.content
    # removing it: back to the name alone, the old URL is gone
    admin_client.post(reverse("offices:settings_identity"), {"action": "logo_remove"})
    assert Client().get(url).status_code == 404
    assert "brand-logo" not in _header(Client().get(reverse("public:guide")))


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not a logo", b"plain text", _png((40, 40))],
    ids=["pdf", "text", "too-small"],
)
def test_a_bad_logo_is_refused_on_the_field(admin_client, office, content):
    response = admin_client.post(
        reverse("offices:settings_identity"),
        {"action": "logo", "logo": SimpleUploadedFile("logo.png", content, "image/png")},
    )
    assert response.status_code == 400
    assert response.context["logo_form"].errors["logo"]
    office.refresh_from_db()
    assert office.logo_version == ""


def test_signer_validates_the_nip_and_shows_the_certificate(
    admin_client, office, settings, tmp_path
):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    url = reverse("offices:settings_signer")
    bad = admin_client.post(url, {"signer_name": "Budi", "signer_nip": "1980-0101"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["signer_nip"]
    good = admin_client.post(
        url,
        {
            "signer_name": "Drs. Budi Santoso, M.Si.",
            "signer_nip": "197001011995031002",
            "signer_title": "Kepala Dinas Tenaga Kerja",
        },
    )
    assert good.status_code == 302
    office.refresh_from_db()
    assert office.signer_nip == "197001011995031002"
    assert office.signer_title == "Kepala Dinas Tenaga Kerja"
    (event,) = _audits(AuditAction.OFFICE_SETTINGS_CHANGED)
    assert event.data["after"]["signer_name"] == "Drs. Budi Santoso, M.Si."
    page = admin_client.get(url)
    certificate = page.context["certificate"]
    assert certificate["source"] == "demo"
    assert certificate["subject"] and certificate["issuer"]
    assert certificate["valid_until"] > dt.datetime.now(dt.UTC)
    signing._cache.clear()


def test_documents_screen_sets_the_either_or_entry(admin_client, office):
    url = reverse("offices:settings_documents")
    response = admin_client.post(
        url, {"required": ["ktp", "photo", "kk"], "sim_instead_of_ktp": "on"}
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.required_documents == ["ktp|sim", "photo", "kk"]
    assert _audits(AuditAction.OFFICE_REQUIRED_DOCUMENTS_CHANGED)
    page = admin_client.get(url)
    assert page.context["form"].initial == {
        "required": ["ktp", "photo", "kk"],
        "sim_instead_of_ktp": True,
    }
    bad = admin_client.post(url, {"required": ["passport"]})
    assert bad.status_code == 400


def test_calendar_hours_save_and_refuse_an_end_before_the_start(admin_client, office):
    url = reverse("offices:settings_calendar")
    bad = admin_client.post(
        url, {"action": "hours", "work_start": "15:00", "work_end": "08:00", "sla_working_days": 3}
    )
    assert bad.status_code == 400
    assert bad.context["hours_form"].errors["work_end"]
    good = admin_client.post(
        url, {"action": "hours", "work_start": "07:30", "work_end": "15:30", "sla_working_days": 3}
    )
    assert good.status_code == 302
    office.refresh_from_db()
    assert (office.work_start, office.work_end) == (dt.time(7, 30), dt.time(15, 30))
    assert office.sla_working_days == 3
    assert _audits(AuditAction.OFFICE_SETTINGS_CHANGED)[0].data["after"]["work_start"] == "07:30"


def test_a_closure_day_added_on_the_screen_is_skipped_by_the_sla(admin_client, office):
    from django.utils import timezone

    from pencaker.applications.sla import initial_due_at

    office.sla_working_days = 1
    office.save()
    tz = timezone.get_current_timezone()
    # Monday 2 March 2026, 09:00: one working day later is Tuesday 09:00
    submitted = dt.datetime(2026, 3, 2, 9, 0, tzinfo=tz)
    assert initial_due_at(office, submitted).date() == dt.date(2026, 3, 3)
    url = reverse("offices:settings_calendar")
    response = admin_client.post(
        url, {"action": "closure_add", "date": "2026-03-03", "reason": "Hari jadi kota"}
    )
    assert response.status_code == 302
    assert _audits(AuditAction.OFFICE_CLOSURE_ADDED)
    assert initial_due_at(office, submitted).date() == dt.date(2026, 3, 4)
    assert "Hari jadi kota" in admin_client.get(url).content.decode()
    again = admin_client.post(url, {"action": "closure_add", "date": "2026-03-03"})
    assert again.status_code == 400
    assert again.context["closure_form"].errors["date"]
    removed = admin_client.post(url, {"action": "closure_remove", "date": "2026-03-03"})
    assert removed.status_code == 302
    assert not OfficeClosure.objects.filter(office=office).exists()
    assert _audits(AuditAction.OFFICE_CLOSURE_REMOVED)
    assert initial_due_at(office, submitted).date() == dt.date(2026, 3, 3)
    # a bad date or one that is not closed: a message, never a 500
    assert admin_client.post(url, {"action": "closure_remove", "date": "x"}).status_code == 302
    assert (
        admin_client.post(url, {"action": "closure_add", "date": "2026-02-30"}).status_code == 400
    )


def test_rules_minimum_age(admin_client, office):
    url = reverse("offices:settings_rules")
    assert admin_client.post(url, {"min_age": "10"}).status_code == 400
    assert admin_client.post(url, {"min_age": "abc"}).status_code == 400
    assert admin_client.post(url, {"min_age": "17"}).status_code == 302
    office.refresh_from_db()
    assert office.min_age == 17
    assert _audits(AuditAction.OFFICE_SETTINGS_CHANGED)[0].data == {
        "before": {"min_age": 18},
        "after": {"min_age": 17},
    }


# --- Who may do what ------------------------------------------------------------------------

PAGES = [
    "offices:settings",
    "offices:settings_identity",
    "offices:settings_signer",
    "offices:settings_documents",
    "offices:settings_calendar",
    "offices:settings_rules",
]


@pytest.mark.parametrize("name", PAGES)
def test_pimpinan_reads_but_cannot_change(name, office, user_factory, staff_client_factory):
    head = staff_client_factory(user_factory(Role.PIMPINAN, office=office))
    page = head.get(reverse(name))
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert head.post(reverse(name), dict(IDENTITY, min_age="20")).status_code == 403
    office.refresh_from_db()
    assert office.name != IDENTITY["name"] and office.min_age == 18


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.COMPLAINTS_OFFICER])
@pytest.mark.parametrize("name", PAGES)
def test_other_staff_are_refused(name, role, office, user_factory, staff_client_factory):
    staff = staff_client_factory(user_factory(role, office=office))
    assert staff.get(reverse(name)).status_code == 403
    assert staff.post(reverse(name), IDENTITY).status_code == 403


def test_citizens_are_sent_to_sign_in_and_other_offices_are_untouched(
    office, other_office, user_factory, staff_client_factory
):
    assert Client().get(reverse("offices:settings")).status_code == 302
    other_admin = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=other_office))
    other_admin.post(reverse("offices:settings_identity"), IDENTITY)
    office.refresh_from_db()
    other_office.refresh_from_db()
    assert office.name != IDENTITY["name"]
    assert other_office.name == IDENTITY["name"]


# --- API ------------------------------------------------------------------------------------

BASE = "/api/v1/offices"


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


def test_api_get_and_update(admin, office):
    client = _api(admin)
    got = client.get(f"{BASE}/{office.code}/settings")
    assert got.status_code == 200
    assert got.json()["code"] == office.code
    assert got.json()["required_documents"] == ["ktp", "photo", "ijazah"]
    changed = client.patch(
        f"{BASE}/{office.code}/settings",
        json.dumps(
            {
                "signer_name": "Rina",
                "signer_nip": "198001012005011001",
                "sla_working_days": 2,
                "work_start": "07:30",
                "required_documents": ["ktp|sim", "photo"],
            }
        ),
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["signer_nip"] == "198001012005011001"
    assert body["work_start"] == "07:30"
    assert body["required_documents"] == ["ktp|sim", "photo"]
    office.refresh_from_db()
    assert office.sla_working_days == 2
    assert _audits(AuditAction.OFFICE_SETTINGS_CHANGED)
    assert _audits(AuditAction.OFFICE_REQUIRED_DOCUMENTS_CHANGED)


def test_api_field_errors_and_refusals(admin, office, other_office, user_factory):
    client = _api(admin)
    bad = client.patch(
        f"{BASE}/{office.code}/settings",
        json.dumps({"signer_nip": "123", "min_age": 99}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["details"]["fields"]) == {"signer_nip", "min_age"}
    assert client.get(f"{BASE}/{other_office.code}/settings").status_code == 404
    assert client.get(f"{BASE}/nope/settings").status_code == 404
    head = _api(user_factory(Role.PIMPINAN, office=office))
    assert head.get(f"{BASE}/{office.code}/settings").status_code == 200
    refused = head.patch(
        f"{BASE}/{office.code}/settings",
        json.dumps({"name": "X"}),
        content_type="application/json",
    )
    assert refused.status_code == 403
    operator = _api(user_factory(Role.OPERATOR, office=office))
    assert operator.get(f"{BASE}/{office.code}/settings").status_code == 403
    assert Office.objects.get(pk=office.pk).name != "X"


def test_index_links_the_complaint_deadlines_for_the_admin(admin_client):
    page = admin_client.get(reverse("offices:settings")).content.decode()
    assert reverse("complaints:staff_settings") in page
    assert admin_client.get(reverse("complaints:staff_settings")).status_code == 200
