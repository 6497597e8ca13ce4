"""Issue 11, the employer part of the done-when journey, in real Chromium on a 360 px
phone, with the emails a real SMTP server receives:

* An employer signs up, registers the organisation with its document (JavaScript on; axe
  checks every employer page) and, as the owner, sets up two-step verification.
* The operator logs in with password and TOTP (JavaScript off: staff pages work without
  it), opens the employer from the queue (time left on the SLA) and verifies it.
* The employer sees the badge. Each step's email arrived over SMTP.

A second test registers an organisation with JavaScript off (the address picker's refresh
button) and checks that no employer or staff page is wider than the phone.
"""

from __future__ import annotations

import datetime as dt
from base64 import b32decode

import pytest
from django.urls import reverse

from pencaker.e2e import files, steps
from pencaker.e2e.people import Person, seed_demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Rahasia-123!"  # noqa: S105 - the factories' test password
DEWI = Person(
    email="dewi.hrd@sriwijaya-roti.example.id",
    phone="0812 3456 7890",
    full_name="Dewi Lestari",
    password="Roti-Kelapa-2026",  # noqa: S106 - a test person
    birth_place="Palembang",
    birth_date=dt.date(1988, 3, 9),
    sex="F",
)
ORG_EMAIL = "kontak@sriwijaya-roti.example.id"


@pytest.fixture
def office():
    from pencaker.employers.kbli import kbli_import_demo
    from pencaker.offices.models import Office

    seed_demo_office()
    kbli_import_demo()
    return Office.objects.get(code="16.71")


@pytest.fixture
def operator(office, user_factory):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from pencaker.accounts.models import Role

    user = user_factory(
        Role.OPERATOR,
        office=office,
        email="rina.petugas@disnaker.example.go.id",
        full_name="Rina Petugas",
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)
    return user


def _code(key: bytes) -> str:
    from django_otp.oath import totp

    value = totp(key)
    return f"{value:06d}"


def operator_code(user) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return _code(TOTPDevice.objects.get(user=user, confirmed=True).bin_key)


def fill_organisation(page, *, javascript: bool) -> None:
    page.fill("#id_legal_name", "PT Sriwijaya Roti Abadi")
    page.select_option("#id_type", "pt")
    page.fill("#id_nib", "9120001234567")
    page.fill("#id_npwp", "01.312.166.0-091.000")
    page.select_option("#id_sector", "10710")
    page.fill("#id_address_line", "Jl. Kolonel Atmo No. 5")
    steps.pick_region(page, "id_province", steps.PROVINCE, "id_regency", javascript=javascript)
    steps.pick_region(page, "id_regency", steps.REGENCY, "id_district", javascript=javascript)
    steps.pick_region(page, "id_district", steps.DISTRICT, "id_village", javascript=javascript)
    steps.pick_region(page, "id_village", steps.VILLAGE, None, javascript=javascript)
    page.fill("#id_postal_code", "30121")
    page.fill("#id_contact_name", "Dewi Lestari")
    page.fill("#id_phone", "0812 3456 7891")
    page.fill("#id_email", ORG_EMAIL)
    page.select_option("#id_size_band", "20_99")


def sign_up_employer(page, base: str) -> None:
    page.goto(steps.url(base, "employers:signup"))
    page.fill("#id_email", DEWI.email)
    page.fill("#id_phone", DEWI.phone)
    page.fill("#id_full_name", DEWI.full_name)
    page.fill("#id_password1", DEWI.password)
    page.fill("#id_password2", DEWI.password)
    page.check("#id_consent")
    steps.submit(page, page.locator("main form button[type=submit]"))


def send_registration(page, tmp_path) -> None:
    page.set_input_files("#id_document", str(files.ijazah_pdf(tmp_path, "cetakan-nib.pdf")))
    steps.submit(page, page.locator("main form[method=post] button[type=submit]").last)


def set_up_two_step(page) -> None:
    """The owner adds the shown secret to an authenticator app and types its code."""
    assert reverse("accounts:two_factor") in page.url
    secret = page.locator("code.otp-secret").inner_text().strip()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", _code(key))
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert reverse("accounts:two_factor") not in page.url


def subjects(mailbox, address: str) -> list[str]:
    return [str(message["Subject"]) for message in mailbox.to(address)]


def test_employer_registers_the_operator_verifies_the_employer_sees_the_badge(
    page, nojs_page, site_url, mailbox, office, operator, tmp_path, assert_accessible
):
    from pencaker.employers.models import Organisation

    base = site_url
    dewi, petugas = page, nojs_page

    # --- Dewi signs up as an employer and registers the organisation --------------------
    dewi.goto(steps.url(base, "employers:signup"))
    assert_accessible(dewi, label="employer sign-up")
    sign_up_employer(dewi, base)
    assert dewi.url.endswith(reverse("employers:register"))
    assert len(mailbox.to(DEWI.email)) == 1  # the address confirmation
    assert_accessible(dewi, label="organisation registration")
    fill_organisation(dewi, javascript=True)
    send_registration(dewi, tmp_path)

    # As the owner she must set up two-step verification before her employer page opens.
    set_up_two_step(dewi)
    assert dewi.url.endswith(reverse("employers:home"))
    assert "Menunggu verifikasi dinas" in dewi.locator("main .status").inner_text()
    assert dewi.locator(".badge-verified").count() == 0
    assert_accessible(dewi, label="employer home, waiting")
    dewi.console_log.assert_clean()
    assert subjects(mailbox, ORG_EMAIL) == ["Pendaftaran diterima: PT Sriwijaya Roti Abadi"]
    assert subjects(mailbox, DEWI.email)[-1] == "Pendaftaran diterima: PT Sriwijaya Roti Abadi"

    # --- The operator logs in with TOTP and verifies it from the queue -------------------
    petugas.goto(steps.url(base, "accounts:login"))
    petugas.fill("#id_username", operator.email)
    petugas.fill("#id_password", PASSWORD)
    steps.submit(petugas, petugas.locator("main form button[type=submit]"))
    petugas.fill("#id_code", operator_code(operator))
    steps.submit(petugas, petugas.locator("main form button[type=submit]"))
    petugas.goto(steps.url(base, "employers:queue"))
    row = petugas.locator("tbody tr").filter(has_text="PT Sriwijaya Roti Abadi")
    assert "jam kerja" in row.inner_text()  # time left on the working-day SLA
    steps.submit(petugas, petugas.get_by_role("link", name="PT Sriwijaya Roti Abadi"))
    assert petugas.get_by_role("link", name="Buka dokumen").count() == 1
    steps.submit(petugas, petugas.locator("main form[action$='/verifikasi/'] button[type=submit]"))
    assert petugas.locator(".message-success").inner_text() == (
        "Organisasi terverifikasi. Pemberi kerja telah diberi tahu."
    )
    assert "Terverifikasi" in petugas.locator("main p[role=status]").inner_text()
    petugas.console_log.assert_clean()

    # --- Dewi sees the badge; the email told her ---------------------------------------
    dewi.goto(steps.url(base, "employers:home"))
    assert dewi.locator(".badge-verified").inner_text().strip() == "✓ Pemberi kerja terverifikasi"
    assert_accessible(dewi, label="employer home, verified")
    verified = "PT Sriwijaya Roti Abadi kini pemberi kerja terverifikasi"
    assert subjects(mailbox, ORG_EMAIL) == [
        "Pendaftaran diterima: PT Sriwijaya Roti Abadi",
        verified,
    ]
    assert subjects(mailbox, DEWI.email)[-1] == verified
    home_link = steps.url(base, "employers:home")
    assert home_link in mailbox.links(mailbox.to(ORG_EMAIL)[-1])
    assert mailbox.to(operator.email) == []

    organisation = Organisation.objects.get()
    assert organisation.is_verified and organisation.decided_by == operator
    assert list(organisation.history.values_list("to_status", flat=True)) == [
        "submitted",
        "verified",
    ]


def test_registration_works_without_javascript_and_pages_fit_a_phone(
    nojs_page, page, live_server, office, operator, tmp_path, assert_accessible
):
    from pencaker.employers.models import Organisation

    base = live_server.url
    sign_up_employer(nojs_page, base)
    fill_organisation(nojs_page, javascript=False)
    send_registration(nojs_page, tmp_path)
    set_up_two_step(nojs_page)
    assert Organisation.objects.get().status == "submitted"
    for name in ("employers:home", "employers:edit"):
        nojs_page.goto(steps.url(base, name))
        width = nojs_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width} px wide"

    # The operator's pages, with JavaScript (axe) at 360 px.
    page.goto(steps.url(base, "accounts:login"))
    page.fill("#id_username", operator.email)
    page.fill("#id_password", PASSWORD)
    steps.submit(page, page.locator("main form button[type=submit]"))
    page.fill("#id_code", operator_code(operator))
    steps.submit(page, page.locator("main form button[type=submit]"))
    organisation = Organisation.objects.get()
    for name, args in (("employers:queue", ()), ("employers:review", (organisation.pk,))):
        page.goto(steps.url(base, name, *args))
        assert_accessible(page, label=name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width} px wide"
    page.console_log.assert_clean()
