"""What a job seeker does on the pages, one function per step, shared by the journeys.

Fields are found by the ids Django gives them (``#id_<name>``) so the steps survive
wording changes; what the person reads is asserted in the tests, in Indonesian.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.urls import reverse

from pencaker.e2e.people import Person

# Kota Palembang → Ilir Barat Dua → Tiga-puluh-lima Ilir (demo regions).
PROVINCE, REGENCY, DISTRICT, VILLAGE = "16", "16.71", "16.71.01", "16.71.01.1001"


def url(base: str, name: str, *args) -> str:
    return base + reverse(name, args=args)


def submit(page, button) -> None:
    """Press a form's button and wait until the answer page has loaded. Whatever was
    typed, the server must answer with a page, never a server error."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is not None and response.status < 500, (
        f"server error {response.status if response else '?'} at {page.url}"
    )


def sign_up(page, base: str, person: Person) -> None:
    page.goto(url(base, "accounts:signup"))
    page.fill("#id_email", person.email)
    page.fill("#id_phone", person.phone)
    page.fill("#id_full_name", person.full_name)
    page.fill("#id_password1", person.password)
    page.fill("#id_password2", person.password)
    page.check("#id_consent")
    submit(page, page.locator("main form button[type=submit]"))


def log_out(page) -> None:
    logout = reverse("accounts:logout")
    submit(page, page.locator(f"header form[action$='{logout}'] button"))


def log_in(page, base: str, person: Person) -> None:
    if reverse("accounts:login") not in page.url:
        page.goto(url(base, "accounts:login"))
    page.fill("#id_username", person.email)
    page.fill("#id_password", person.password)
    submit(page, page.locator("main form button[type=submit]"))


def _submit_main_form(page) -> None:
    # The last submit button of the page's form is "Save"/"Add" (the address form also
    # has the picker's refresh button before it).
    submit(page, page.locator("main form[method=post] button[type=submit]").last)


def fill_identity(
    page,
    base: str,
    person: Person,
    *,
    nik: str | None = None,
    birth_date: dt.date | None = None,
) -> None:
    page.goto(url(base, "seekers:identity"))
    page.fill("#id_nik", nik if nik is not None else person.nik)
    page.fill("#id_full_name", person.full_name)
    page.fill("#id_birth_place", person.birth_place)
    page.fill("#id_birth_date", (birth_date or person.birth_date).isoformat())
    page.select_option("#id_sex", person.sex)
    page.select_option("#id_marital_status", "single")
    page.select_option("#id_religion", "islam")
    _submit_main_form(page)


def pick_region(page, select_id: str, code: str, next_id: str | None, *, javascript: bool):
    """Choose one level; then the next list must offer its children."""
    page.select_option(f"#{select_id}", code)
    if next_id is None:
        return
    if not javascript:
        # Without JavaScript the person presses "Tampilkan pilihan berikutnya".
        submit(page, page.locator("button[name=region_refresh]"))
    # With htmx the next select is refilled as soon as the choice changes.
    page.locator(f"#{next_id} option[value^='{code}.']").first.wait_for(state="attached")


def fill_address(page, base: str, *, javascript: bool = True) -> None:
    page.goto(url(base, "seekers:address"))
    page.fill("#id_address_line", "Jl. Merdeka No. 10")
    page.fill("#id_rt", "001")
    page.fill("#id_rw", "002")
    pick_region(page, "id_province", PROVINCE, "id_regency", javascript=javascript)
    pick_region(page, "id_regency", REGENCY, "id_district", javascript=javascript)
    pick_region(page, "id_district", DISTRICT, "id_village", javascript=javascript)
    pick_region(page, "id_village", VILLAGE, None, javascript=javascript)
    page.fill("#id_postal_code", "30121")
    _submit_main_form(page)


def add_education(page, base: str) -> None:
    page.goto(url(base, "seekers:education"))
    page.select_option("#id_level", "SMK")
    page.fill("#id_institution", "SMK Negeri 2 Palembang")
    page.fill("#id_major", "Teknik Komputer dan Jaringan")
    page.fill("#id_graduation_year", "2019")
    _submit_main_form(page)


def upload(page, base: str, kind: str, path: Path) -> None:
    """Upload from the kind's own page (documents:upload), as linked from the list."""
    page.goto(url(base, "documents:upload", kind))
    page.set_input_files(f"#id_{kind}-file", str(path))
    submit(page, page.locator("main form[enctype='multipart/form-data'] button[type=submit]"))
