"""Training pages in real Chromium on a 360 px phone: a job seeker sees which rules she
meets and which not (and why), registers with JavaScript off in one step, is drawn,
confirms her place; the draw record is public; axe-core finds no violations on any new
page, public or staff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.e2e import conftest as _e2e
from pencaker.e2e import steps

assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
site_url = _e2e.site_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_into(page, base: str, user, *, otp: bool = False) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if otp:
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


@pytest.fixture
def world(programme_factory, seeker_factory, operator):
    from pencaker.training import services

    seeker = seeker_factory(full_name="Siti Rahmawati")
    # a programme asking for a diploma she does not have (her profile says SMA)
    strict = programme_factory(
        title="Teknisi Jaringan",
        kind="jaringan",
        rules=["age", "domicile", "education"],
        min_education="D3",
    )
    wave = programme_factory(
        rules=["age", "domicile", "not_official"],
        wave={"quota": 1, "priority_quota": 0},
    )
    services.session_add(
        actor=operator,
        wave_id=wave.pk,
        date=timezone.localdate() + dt.timedelta(days=14),
        start_time=dt.time(8, 0),
        end_time=dt.time(12, 0),
        place="BLK Palembang",
        topic="Pola dasar",
    )
    return {"seeker": seeker, "strict": strict, "wave": wave, "operator": operator}


def test_seeker_sees_rules_registers_without_javascript_is_drawn_and_confirms(
    nojs_page, page, live_server, site_url, world, assert_accessible
):
    from pencaker.notifications.models import Notification
    from pencaker.training import services
    from pencaker.training.models import Registration

    base, seeker, wave = live_server.url, world["seeker"], world["wave"]
    p = nojs_page
    _session_into(p, base, seeker)

    # the rules she does not meet, and why
    p.goto(steps.url(base, "training:wave", world["strict"].pk))
    _fits(p, "the strict wave")
    text = p.locator("main").inner_text()
    assert "✗ Belum memenuhi" in text and "Pendidikan tertinggi Anda SMA" in text
    assert p.locator("button:has-text('Daftar dengan profil saya')").count() == 0

    # the rules she meets, the one she declares, and one-step registration
    p.goto(steps.url(base, "training:list"))
    _fits(p, "the programme list")
    p.goto(steps.url(base, "training:wave", wave.pk))
    _fits(p, "the wave page")
    text = p.locator("main").inner_text()
    assert text.count("✓ Memenuhi") == 2 and "✎ Perlu dinyatakan" in text
    steps.submit(p, p.locator("button:has-text('Daftar dengan profil saya')"))
    assert "Centang pernyataan" in p.locator("main").inner_text()
    p.locator("#id_declared").check()
    steps.submit(p, p.locator("button:has-text('Daftar dengan profil saya')"))
    registration = Registration.objects.get(seeker=seeker)
    assert registration.declared_at is not None
    assert registration.public_id in p.locator("main").inner_text()
    _fits(p, "my training")

    # the office closes the registration and runs the draw
    services.wave_close(actor=world["operator"], wave_id=wave.pk)
    services.wave_draw(actor=world["operator"], wave_id=wave.pk)

    p.goto(steps.url(base, "training:mine"))
    assert "Terpilih" in p.locator("main").inner_text()
    steps.submit(p, p.locator("button:has-text('Konfirmasi tempat saya')"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert "Tempat dikonfirmasi" in p.locator("main").inner_text()
    p.goto(steps.url(base, "training:draw", wave.pk))
    _fits(p, "the draw page")
    assert registration.public_id in p.locator("main").inner_text()
    kinds = list(
        Notification.objects.filter(recipient=seeker.email)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["training.registered", "training.selected", "training.confirmed"]

    # axe on every public page (JavaScript on: axe-core is JavaScript)
    _session_into(page, base, seeker)
    for name, args in [
        ("training:list", ()),
        ("training:detail", (wave.programme_id,)),
        ("training:wave", (wave.pk,)),
        ("training:wave", (world["strict"].pk,)),
        ("training:mine", ()),
        ("training:draw_index", ()),
        ("training:draw", (wave.pk,)),
    ]:
        page.goto(steps.url(base, name, *args))
        assert_accessible(page, label=f"{name} {args}")


def test_staff_pages_pass_axe(page, live_server, world, assert_accessible, seeker_factory):
    from pencaker.training import services

    base, wave, operator = live_server.url, world["wave"], world["operator"]
    services.registration_create(actor=seeker_factory(), wave_id=wave.pk, declared=True)
    services.wave_close(actor=operator, wave_id=wave.pk)
    _session_into(page, base, operator, otp=True)
    for name, args in [
        ("training_staff:list", ()),
        ("training_staff:programme_create", ()),
        ("training_staff:programme", (wave.programme_id,)),
        ("training_staff:programme_edit", (wave.programme_id,)),
        ("training_staff:wave_create", (wave.programme_id,)),
        ("training_staff:wave", (wave.pk,)),
        ("training_staff:wave_edit", (world["strict"].pk,)),
    ]:
        page.goto(steps.url(base, name, *args))
        _fits(page, name)
        assert_accessible(page, label=f"{name} {args}")
    # the draw from the staff screen
    page.goto(steps.url(base, "training_staff:wave", wave.pk))
    steps.submit(page, page.locator("button:has-text('Jalankan seleksi')"))
    wave.refresh_from_db()
    assert wave.status == "selected"
    assert_accessible(page, label="the drawn wave")
