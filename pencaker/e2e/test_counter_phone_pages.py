"""Counter registration without email in real Chromium at 360 px (ADR 0032): the operator
registers a citizen with a mobile number only and prints the slip with the one-time code;
the citizen chooses a password with number + code + birth date on a phone without
JavaScript and logs in with the number. axe on the form, the slip and the code page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from pencaker.e2e import files, steps
from pencaker.e2e.people import nik_for, seed_demo_office
from pencaker.e2e.test_counter_pages import _staff_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIRTH = dt.date(1995, 2, 3)
PASSWORD = "Sandi-Loket-2026"  # noqa: S105 - a test person


@pytest.fixture
def operator(transactional_db, user_factory):
    from pencaker.accounts.models import Role
    from pencaker.offices.models import Office

    seed_demo_office()
    return user_factory(Role.OPERATOR, office=Office.objects.get(code="16.71"))


def test_counter_registration_without_email_by_slip(
    page, nojs_page, site_url, operator, tmp_path, assert_accessible
):
    from pencaker.accounts.models import User

    base = site_url
    staff = page
    _staff_cookie(staff, base, operator)
    staff.goto(steps.url(base, "applications:assisted"))
    assert_accessible(staff, label="counter registration form")
    staff.fill("#id_phone", "0813 4444 5151")
    staff.fill("#id_full_name", "Darmi Lestari")
    staff.fill("#id_nik", nik_for(BIRTH, "F", serial=51))
    staff.fill("#id_birth_place", "Palembang")
    staff.fill("#id_birth_date", BIRTH.isoformat())
    staff.select_option("#id_sex", "F")
    staff.select_option("#id_marital_status", "married")
    staff.select_option("#id_religion", "islam")
    staff.fill("#id_address_line", "Jl. Kenanga 3")
    staff.fill("#id_village_code", steps.VILLAGE)
    staff.select_option("#id_education_level", "SMP")
    staff.fill("#id_institution", "SMP Negeri 9 Palembang")
    staff.fill("#id_graduation_year", "2010")
    staff.check("input[name=code_delivery][value=slip]")
    staff.check("#id_consent")
    staff.set_input_files("#id_document_ktp", str(files.ktp_jpeg(tmp_path)))
    staff.set_input_files("#id_document_photo", str(files.portrait_photo_jpeg(tmp_path)))
    staff.set_input_files("#id_document_ijazah", str(files.ijazah_pdf(tmp_path)))
    steps.submit(staff, staff.locator("main form button[type=submit]").last)
    code = staff.locator("#slip-code").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code), staff.locator("main").inner_text()
    assert "+6281344445151" in staff.locator(".slip").inner_text()
    assert_accessible(staff, label="counter slip")
    # The slip prints without the site's header and footer.
    staff.emulate_media(media="print")
    assert not staff.locator("header.site-header").is_visible()
    assert staff.locator("#slip-code").is_visible()
    staff.emulate_media(media="screen")

    citizen = nojs_page
    citizen.goto(steps.url(base, "accounts:login"))
    steps.submit(citizen, citizen.locator(f"a[href$='{reverse('accounts:counter_password')}']"))
    citizen.fill("#id_phone", "0813 4444 5151")
    citizen.fill("#id_code", code)
    citizen.fill("#id_birth_date", BIRTH.isoformat())
    citizen.fill("#id_password1", PASSWORD)
    citizen.fill("#id_password2", PASSWORD)
    steps.submit(citizen, citizen.locator("main form button[type=submit]"))
    user = User.objects.get(phone="+6281344445151")
    assert user.email is None and user.check_password(PASSWORD)
    citizen.goto(steps.url(base, "accounts:login"))
    citizen.fill("#id_username", "0813 4444 5151")
    citizen.fill("#id_password", PASSWORD)
    steps.submit(citizen, citizen.locator("main form button[type=submit]"))
    assert reverse("accounts:login") not in citizen.url

    checker = page.context.browser.new_context(viewport={"width": 360, "height": 740})
    try:
        check_page = checker.new_page()
        check_page.goto(steps.url(base, "accounts:counter_password"))
        assert_accessible(check_page, label="counter password page")
    finally:
        checker.close()
