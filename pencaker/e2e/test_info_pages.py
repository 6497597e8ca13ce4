"""Issue 17 item 3, the office's public information in real Chromium on a 360 px phone:
with JavaScript off a citizen reads the announcements, one announcement, the FAQ, the
office profile and the service standard, with share links that need no script; axe-core
finds no violations on them; printed, the header, menu, footer and share links are gone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def info(office_factory, user_factory):
    from pencaker.accounts.models import Role
    from pencaker.info import services

    office = office_factory("16.71", "Dinas Tenaga Kerja Kota Palembang")
    office.address = "Jl. Merdeka No. 1, Palembang"
    office.sla_working_days = 2
    office.save()
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    item = services.announcement_create(
        actor=admin,
        office=office,
        data=services.AnnouncementInput(
            title="Bursa kerja bulan Juli",
            body="Bursa kerja di Gedung Serbaguna.\n\nGratis untuk pencari kerja.",
            publish_at=timezone.now() - dt.timedelta(hours=1),
        ),
    )
    services.announcement_create(
        actor=admin,
        office=office,
        data=services.AnnouncementInput(
            title="Belum waktunya",
            body="Rahasia.",
            publish_at=timezone.now() + dt.timedelta(days=3),
        ),
    )
    services.faq_create(
        actor=admin, office=office, data=services.FaqInput("Berapa biayanya?", "Gratis.")
    )
    services.info_settings_update(
        actor=admin,
        office=office,
        regional_regulation="Peraturan Wali Kota Palembang Nomor 12 Tahun 2020",
        services="Pelatihan kerja",
        map_url="https://maps.example.id/disnaker",
    )
    return {"office": office, "item": item}


PAGES = ("/berita/", "/faq/", "/profil-dinas/", "/standar-pelayanan/")


def test_public_information_without_javascript_accessible_and_printable(
    info, nojs_page, page, live_server, assert_accessible
):
    base = live_server.url
    nojs_page.goto(base + "/berita/")
    assert "Bursa kerja bulan Juli" in nojs_page.content()
    assert "Belum waktunya" not in nojs_page.content()
    nojs_page.get_by_role("link", name="Bursa kerja bulan Juli").click()
    assert nojs_page.locator("h1").inner_text() == "Bursa kerja bulan Juli"
    share = nojs_page.locator("#id_share")
    assert share.input_value().endswith(f"/berita/{info['item'].pk}/")
    assert (
        nojs_page.get_by_role("link", name="Bagikan lewat WhatsApp")
        .get_attribute("href")
        .startswith("https://wa.me/?text=")
    )
    og = nojs_page.locator('meta[property="og:title"]').get_attribute("content")
    assert og == "Bursa kerja bulan Juli"
    # Every page is reached from the footer.
    for name, needle, path in (
        ("Tanya jawab (FAQ)", "Berapa biayanya?", "/faq/"),
        ("Profil dinas", "Jl. Merdeka No. 1", "/profil-dinas/"),
        ("Standar pelayanan", "2 hari kerja", "/standar-pelayanan/"),
    ):
        nojs_page.locator(".site-footer").get_by_role("link", name=name).click()
        assert needle in nojs_page.content(), name
        # The address to copy is the page's public (canonical) address.
        assert nojs_page.locator("#id_share").input_value().endswith(path)
    assert "Nomor 12 Tahun 2020" in nojs_page.content()

    for path in (*PAGES, f"/berita/{info['item'].pk}/"):
        page.goto(base + path)
        assert_accessible(page, label=path)
    page.emulate_media(media="print")
    page.goto(base + "/standar-pelayanan/")
    for selector in (".site-header", ".site-footer", ".share"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".print-url").is_visible()


STAFF_PAGES = (
    "/informasi/kelola/",
    "/informasi/kelola/berita/baru/",
    "/informasi/kelola/faq/baru/",
    "/informasi/kelola/pengaturan/",
)


def test_admin_writes_an_announcement_without_javascript_and_the_screens_are_accessible(
    info, nojs_page, page, live_server, assert_accessible
):
    from pencaker.accounts.models import Role, User
    from pencaker.offices.tests.test_browser import _session_into

    admin = User.objects.filter(role=Role.ADMIN_DINAS, office=info["office"]).first()
    base = live_server.url
    _session_into(nojs_page, base, admin)
    nojs_page.goto(base + "/informasi/kelola/berita/baru/")
    nojs_page.get_by_label("Judul").fill("Pelatihan menjahit dibuka")
    nojs_page.get_by_label("Isi").fill("Pendaftaran di loket 2.")
    nojs_page.locator("input[name=publish_at]").fill("2026-01-01T08:00")
    nojs_page.locator("main form button[type=submit]").first.click()
    nojs_page.wait_for_load_state()
    nojs_page.goto(base + "/berita/")
    assert "Pelatihan menjahit dibuka" in nojs_page.content()

    _session_into(page, base, admin)
    for path in (*STAFF_PAGES, f"/informasi/kelola/berita/{info['item'].pk}/"):
        page.goto(base + path)
        assert page.locator("h1").is_visible(), path
        assert_accessible(page, label=path)
