"""The province office's read-only dashboard (ADR 0031): the figures of its kabupaten/kota
offices for one month, and their sums (checked against numbers set up by hand). Only the
province's admin dinas and pimpinan see it; the staff of a kabupaten/kota office get 404,
and no office sees another's records through the new pages and API."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.test import Client

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.applications.models import Application
from pencaker.complaints import services as complaint_services
from pencaker.complaints.choices import Category, Channel, ContactChannel, Privacy
from pencaker.complaints.models import Complaint
from pencaker.core.audit import AuditAction
from pencaker.core.models import AuditEvent
from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.models import SeekerEvent
from pencaker.offices.choices import OfficeKind
from pencaker.offices.models import Office
from pencaker.surveys.choices import Channel as SurveyChannel
from pencaker.surveys.models import Question
from pencaker.surveys.services import Profile, period_create, response_record

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
PAGE = "/laporan/provinsi/"
API = "/api/v1/reports/province"


@pytest.fixture
def province(office_factory):
    office = office_factory("16", "Disnakertrans Provinsi Sumatera Selatan")
    office.kind = OfficeKind.PROVINCE
    office.save()
    return office


@pytest.fixture
def palembang(office_factory):
    return office_factory("16.71", "Dinas Tenaga Kerja Kota Palembang")


@pytest.fixture
def prabumulih(office_factory):
    return office_factory("16.74", "Dinas Tenaga Kerja Kota Prabumulih")


@pytest.fixture
def makassar(office_factory):
    office = office_factory("73.71", "Dinas Tenaga Kerja Kota Makassar")
    office.time_zone = "Asia/Makassar"
    office.save()
    return office


def _event(office, holder, kind, day):
    return SeekerEvent.objects.create(
        office=office, holder=holder, kind=kind, occurred_on=day, sex="F", age_group="20-29",
        education_level="SMA",
    )  # fmt: skip


def _application(office, holder, n, decided, due):
    return Application.objects.create(
        applicant=holder, office=office, type="new", status="approved",
        tracking_number=f"AK1-PROV-{office.pk}-{n}", submitted_at=decided - dt.timedelta(hours=2),
        decided_at=decided, due_at=due,
    )  # fmt: skip


def _complaint(office, received, answered_on_time=None):
    data = complaint_services.ComplaintInput(
        office=office,
        category=Category.FEES,
        text="Petugas loket meminta biaya untuk kartu AK/1.",
        privacy=Privacy.ANONYMOUS,
        contact_channel=ContactChannel.EMAIL,
        contact="warga@example.id",
        channel=Channel.WEB,
    )
    complaint, _created = complaint_services.complaint_submit(actor=None, data=data)
    fields = {"received_at": received}
    if answered_on_time is not None:
        fields.update(
            answered_at=received + dt.timedelta(days=1), answered_on_time=answered_on_time
        )
    Complaint.objects.filter(pk=complaint.pk).update(**fields)
    return complaint


def _survey(office, actor, values: list[int]):
    importlib.import_module("pencaker.surveys.migrations.0002_seed_standard_questions").seed(
        django_apps, None
    )
    questions = Question.objects.filter(office__isnull=True)
    period = period_create(
        actor=actor, office=office, name="Triwulan I 2026",
        start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 3, 31),
    )  # fmt: skip
    for value in values:
        response_record(
            actor=actor,
            office=office,
            channel=SurveyChannel.PAPER,
            answers={q.id: value for q in questions},
            profile=Profile(survey_date=dt.date(2026, 3, 10)),
        )
    return period


@pytest.fixture
def figures(province, palembang, prabumulih, makassar, user_factory):
    """March 2026, set up by hand:

    - Palembang: 3 registered, 1 placed; 2 applications decided (1 within the SLA);
      2 complaints (1 answered on time); IKM 100.00 from 2 respondents (all answers 4).
    - Prabumulih: 2 registered, 1 removed; 1 decided within the SLA; 1 complaint, answered
      late; IKM 50.00 from 1 respondent (all answers 2... converted 2 × 25).
    - Makassar (another province): 5 registered, 1 decided, 1 complaint — never counted.
    - Outside the month (February, April): one of each in Palembang — not counted.
    """
    seekers = [user_factory(Role.JOB_SEEKER) for _ in range(11)]
    for holder in seekers[:3]:
        _event(palembang, holder, EventKind.REGISTERED, dt.date(2026, 3, 2))
    _event(palembang, seekers[0], EventKind.PLACED, dt.date(2026, 3, 20))
    for holder in seekers[3:5]:
        _event(prabumulih, holder, EventKind.REGISTERED, dt.date(2026, 3, 5))
    _event(prabumulih, seekers[4], EventKind.REMOVED, dt.date(2026, 3, 25))
    for holder in seekers[5:10]:
        _event(makassar, holder, EventKind.REGISTERED, dt.date(2026, 3, 3))
    _event(palembang, seekers[10], EventKind.REGISTERED, dt.date(2026, 4, 1))

    def at(day, hour=10, tz=WIB):
        return dt.datetime(2026, 3, day, hour, tzinfo=tz)

    _application(palembang, seekers[0], 1, at(3), at(4))  # within
    _application(palembang, seekers[1], 2, at(10), at(9))  # late
    _application(palembang, seekers[2], 3, dt.datetime(2026, 2, 27, 10, tzinfo=WIB), at(2))
    _application(prabumulih, seekers[3], 1, at(6), at(6, 16))  # within
    _application(makassar, seekers[5], 1, at(6), at(7))

    _complaint(palembang, at(4), answered_on_time=True)
    _complaint(palembang, at(12))
    _complaint(palembang, dt.datetime(2026, 4, 2, 10, tzinfo=WIB))
    _complaint(prabumulih, at(8), answered_on_time=False)
    _complaint(makassar, at(8))

    surveyor_a = user_factory(Role.OPERATOR, office=palembang)
    surveyor_b = user_factory(Role.OPERATOR, office=prabumulih)
    _survey(palembang, surveyor_a, [4, 4])
    _survey(prabumulih, surveyor_b, [2])


@pytest.fixture
def province_head(province, user_factory, staff_client_factory):
    user = user_factory(Role.PIMPINAN, office=province)
    return user, staff_client_factory(user)


def test_the_dashboard_sums_the_two_offices(figures, province_head):
    _user, client = province_head
    response = client.get(PAGE, {"month": "2026-03"})
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    rows = {row.code: row for row in dashboard.offices}
    assert list(rows) == ["16.71", "16.74"]  # Makassar belongs to another province
    a, b, total = rows["16.71"], rows["16.74"], dashboard.total
    assert (a.ipk.registered, a.ipk.placed, a.ipk.removed, a.ipk.left_end) == (3, 1, 0, 2)
    assert (b.ipk.registered, b.ipk.placed, b.ipk.removed, b.ipk.left_end) == (2, 0, 1, 1)
    assert (total.ipk.registered, total.ipk.placed, total.ipk.removed) == (5, 1, 1)
    assert total.ipk.left_end == 3
    assert (a.decided, a.within_sla, b.decided, b.within_sla) == (2, 1, 1, 1)
    assert (total.decided, total.within_sla) == (3, 2)
    assert (a.complaints_received, a.complaints_answered, a.complaints_on_time) == (2, 1, 1)
    assert (b.complaints_received, b.complaints_answered, b.complaints_on_time) == (1, 1, 0)
    assert (total.complaints_received, total.complaints_answered) == (3, 2)
    assert total.complaints_on_time == 1
    assert (str(a.ikm), a.ikm_respondents, str(b.ikm), b.ikm_respondents) == (
        "100.00", 2, "50.00", 1,
    )  # fmt: skip
    assert str(total.ikm) == "83.33"  # (100 × 2 + 50 × 1) / 3
    assert total.ikm_respondents == 3
    body = response.content.decode()
    assert 'data-office="16"' in body
    assert AuditEvent.objects.filter(action=AuditAction.PROVINCE_DASHBOARD_VIEWED).count() == 1


def test_the_api_answers_the_same_sums(figures, province_head):
    user, _client = province_head
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")
    response = api.get(API, {"month": "2026-03"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["province"] == "16" and body["month"] == "2026-03"
    assert [row["code"] for row in body["offices"]] == ["16.71", "16.74"]
    total = body["total"]
    assert total["ipk_iii_1"] == {
        "left_from_last_period": 0, "registered": 5, "placed": 1, "removed": 1, "left_at_end": 3,
    }  # fmt: skip
    assert (total["applications_decided"], total["applications_within_sla"]) == (3, 2)
    assert total["complaints_received"] == 3
    assert total["ikm"] == 83.33
    # numbers only: nothing that names a person, a record or a complaint's text
    text = json.dumps(body)
    for leaked in ("AK1-PROV", "warga@example.id", "biaya", "@example.id"):
        assert leaked not in text


def test_the_page_shows_no_personal_data(figures, province_head):
    _user, client = province_head
    body = client.get(PAGE, {"month": "2026-03"}).content.decode()
    for leaked in ("AK1-PROV", "warga@example.id", "biaya untuk kartu"):
        assert leaked not in body


def test_a_bad_month_is_refused_on_the_field(province_head):
    _user, client = province_head
    for value in ("2026-13", "maret", "1800-01", "2026-03\x00"):
        response = client.get(PAGE, {"month": value})
        assert response.status_code == 400, value
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=province_head[0])}")
    assert api.get(API, {"month": "2026-13"}).status_code == 400


# --- Isolation --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMIN_DINAS, Role.PIMPINAN, Role.OPERATOR])
def test_kabupaten_kota_staff_get_404_on_the_province_page_and_api(
    role, figures, palembang, user_factory, staff_client_factory
):
    user = user_factory(role, office=palembang)
    assert staff_client_factory(user).get(PAGE, {"month": "2026-03"}).status_code in (403, 404)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")
    assert api.get(API, {"month": "2026-03"}).status_code == 404


def test_province_operators_and_citizens_are_refused(
    figures, province, user_factory, staff_client_factory, client
):
    operator = user_factory(Role.OPERATOR, office=province)
    assert staff_client_factory(operator).get(PAGE).status_code == 403
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=operator)}")
        .get(API, {"month": "2026-03"})
        .status_code
        == 404
    )
    seeker = user_factory(Role.JOB_SEEKER)
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=seeker)}")
        .get(API, {"month": "2026-03"})
        .status_code
        == 404
    )
    assert client.get(PAGE).status_code == 302  # sign in first
    assert Client().get(API, {"month": "2026-03"}).status_code == 401


def test_another_province_sees_only_its_own_offices(
    figures, office_factory, user_factory, staff_client_factory
):
    sulsel = office_factory("73", "Disnakertrans Provinsi Sulawesi Selatan")
    sulsel.kind = OfficeKind.PROVINCE
    sulsel.save()
    head = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=sulsel))
    dashboard = head.get(PAGE, {"month": "2026-03"}).context["dashboard"]
    assert [row.code for row in dashboard.offices] == ["73.71"]
    assert dashboard.total.ipk.registered == 5


def test_staff_of_one_office_still_cannot_see_the_other_s_data(
    figures, palembang, prabumulih, user_factory, staff_client_factory
):
    """The new office (Prabumulih) and the first office stay apart: settings, IPK and the
    settings API answer each office's own data; the other's code is 404."""
    a_admin = user_factory(Role.ADMIN_DINAS, office=palembang)
    b_admin = user_factory(Role.ADMIN_DINAS, office=prabumulih)
    a = staff_client_factory(a_admin)
    ipk_page = a.get("/laporan/ipk/", {"period": "03", "year": "2026"})
    assert ipk_page.status_code == 200
    assert ipk_page.context["office"] == palembang
    march = ipk_page.context["reports"][0].total.total
    assert (march.registered, march.placed) == (3, 1)  # Palembang's own, not Prabumulih's
    api_b = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=b_admin)}")
    assert api_b.get(f"/api/v1/offices/{palembang.code}/settings").status_code == 404
    assert api_b.get(f"/api/v1/offices/{prabumulih.code}/settings").status_code == 200
    assert staff_client_factory(b_admin).get("/kantor/pengaturan/").context["office"] == prabumulih
    # the province dashboard is not theirs either
    assert api_b.get(API, {"month": "2026-03"}).status_code == 404
    assert Office.objects.filter(kind=OfficeKind.PROVINCE).count() == 1


def test_the_staff_home_links_the_dashboard_for_province_staff_only(
    province, palembang, user_factory, staff_client_factory
):
    head = staff_client_factory(user_factory(Role.PIMPINAN, office=province))
    assert PAGE in head.get("/akun/petugas/").content.decode()
    local = staff_client_factory(user_factory(Role.PIMPINAN, office=palembang))
    assert PAGE not in local.get("/akun/petugas/").content.decode()
