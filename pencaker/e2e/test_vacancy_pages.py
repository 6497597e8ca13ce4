"""Issue 11, the vacancy pages in real Chromium on a 360 px phone:

* With JavaScript off, a job seeker finds a published vacancy on /lowongan/ (keyword and
  kabupaten/kota filter), opens it and applies with the profile; her applications page
  lists it. No page is wider than the phone.
* With JavaScript on, axe-core finds no violations on the board, the vacancy page, the
  seeker's applications, the employer's vacancy pages and the operator's queue and review.

The people and the vacancy are made through the services (the full journey through the
pages is in the employer journey); the browser gets their sessions.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.e2e import steps
from pencaker.e2e.people import seed_demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEKER_PASSWORD = "Kartu-Kuning-2026"  # noqa: S105 - a test person


@pytest.fixture
def world(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.accounts.models import Role, User
    from pencaker.documents.tests.samples import pdf
    from pencaker.employers import services as employers
    from pencaker.employers.kbli import kbli_import_demo
    from pencaker.offices.models import Office
    from pencaker.seekers.tests.factories import CompleteProfileFactory
    from pencaker.vacancies import services
    from pencaker.vacancies.kbji import kbji_import_demo

    seed_demo_office()
    kbli_import_demo()
    kbji_import_demo()
    office = Office.objects.get(code="16.71")
    operator = User.objects.create_user(
        email="rina.petugas@disnaker.example.go.id",
        password=SEEKER_PASSWORD,
        role=Role.OPERATOR,
        office=office,
        full_name="Rina Petugas",
        phone="+6281100000001",
    )
    owner = User.objects.create_user(
        email="dewi.hrd@sriwijaya-roti.example.id",
        password=SEEKER_PASSWORD,
        role=Role.EMPLOYER,
        full_name="Dewi Lestari",
        phone="+6281100000002",
    )
    organisation = employers.organisation_register(
        actor=owner,
        document=SimpleUploadedFile("nib.pdf", pdf(), "application/pdf"),
        legal_name="PT Sriwijaya Roti Abadi",
        type="pt",
        nib="9120001234567",
        npwp="",
        sector="10710",
        address_line="Jl. Kolonel Atmo No. 5",
        village=steps.VILLAGE,
        postal_code="30121",
        contact_name="Dewi Lestari",
        phone="0812 3456 7890",
        email="kontak@sriwijaya-roti.example.id",
        size_band="20_99",
        website="",
    )
    employers.organisation_verify(actor=operator, organisation_id=organisation.pk)
    fields = {
        "title": "Pembuat Roti",
        "description": "Membuat roti dan kue setiap pagi.",
        "occupation": "7512",
        "location": steps.REGENCY,
        "employment_type": "contract",
        "salary_min": 3_600_000,
        "salary_max": 4_200_000,
        "min_education": "SMA",
        "disability_friendly": True,
        "accommodations": "Meja kerja yang dapat diatur tingginya.",
        "closing_date": timezone.localdate() + dt.timedelta(days=30),
    }
    published = services.vacancy_create(actor=owner, **fields)
    services.vacancy_submit(actor=owner, vacancy_id=published.pk)
    services.vacancy_publish(actor=operator, vacancy_id=published.pk)
    waiting = services.vacancy_create(
        actor=owner, **{**fields, "title": "Kasir Toko Roti", "occupation": "5230"}
    )
    services.vacancy_submit(actor=owner, vacancy_id=waiting.pk)
    profile = CompleteProfileFactory(full_name="Siti Aminah")
    seeker = profile.user
    seeker.set_password(SEEKER_PASSWORD)
    seeker.save()
    return {
        "operator": operator,
        "owner": owner,
        "seeker": seeker,
        "published": published,
        "waiting": waiting,
    }


def _session_into(page, base: str, user, *, otp: bool = False) -> None:
    """Give the browser a signed-in session of ``user`` (with TOTP passed for staff and
    owners, as after the two-step page)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if otp:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base}])


def _fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label} is {width} px wide"


def test_seeker_finds_and_applies_without_javascript(nojs_page, live_server, world):
    from pencaker.vacancies.models import VacancyApplication

    page, base = nojs_page, live_server.url
    _session_into(page, base, world["seeker"])
    page.goto(steps.url(base, "vacancies:board"))
    _fits(page, "the board")
    page.fill("#id_q", "roti")
    page.select_option("#id_kabkota", steps.REGENCY)
    steps.submit(page, page.locator("form.filters button[type=submit]"))
    assert page.locator(".vacancy-list li").count() == 1
    assert "Kasir Toko Roti" not in page.content(), "a vacancy awaiting review is not public"
    steps.submit(page, page.locator(".vacancy-list a").first)
    assert page.url.endswith(reverse("vacancies:detail", args=[world["published"].pk]))
    _fits(page, "the vacancy page")
    assert page.locator("script[type='application/ld+json']").count() == 1
    steps.submit(page, page.locator("main form[action$='/lamar/'] button[type=submit]"))
    assert page.url.endswith(reverse("vacancies:my_applications"))
    assert "Pembuat Roti" in page.inner_text("main")
    _fits(page, "my applications")
    application = VacancyApplication.objects.get()
    assert application.applicant == world["seeker"] and application.status == "received"


def test_vacancy_pages_pass_axe_at_360_px(page, live_server, world, assert_accessible):
    from pencaker.vacancies import services

    base = live_server.url
    application, _ = services.vacancy_apply(actor=world["seeker"], vacancy_id=world["published"].pk)
    checks = [
        (
            world["seeker"],
            False,
            [
                ("vacancies:board", ()),
                ("vacancies:detail", (world["published"].pk,)),
                ("vacancies:announcement", (world["published"].pk,)),
                ("vacancies:my_applications", ()),
            ],
        ),
        (
            world["owner"],
            True,
            [
                ("vacancies:employer_list", ()),
                ("vacancies:employer_create", ()),
                ("vacancies:employer_detail", (world["published"].pk,)),
                ("vacancies:employer_application", (application.pk,)),
            ],
        ),
        (
            world["operator"],
            True,
            [
                ("vacancies:queue", ()),
                ("vacancies:review", (world["waiting"].pk,)),
                ("vacancies:staff_employer", (world["waiting"].organisation_id,)),
            ],
        ),
    ]
    for user, otp, pages in checks:
        page.context.clear_cookies()
        _session_into(page, base, user, otp=otp)
        for name, args in pages:
            response = page.goto(steps.url(base, name, *args))
            assert response is not None and response.status == 200, name
            assert_accessible(page, label=name)
            _fits(page, name)
    page.console_log.assert_clean()
