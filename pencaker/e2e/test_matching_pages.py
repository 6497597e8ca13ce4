"""Issue 12 (matching), in real Chromium on a 360 px phone with the emails a real SMTP
server receives:

* the operator publishes a vacancy on the review page; the one seeker who fits it and has
  alerts on receives one digest; a seeker with alerts on who does not fit and a seeker who
  fits but never switched alerts on receive nothing;
* the digest's unsubscribe link works signed out and without JavaScript (one button);
* axe-core finds no violations on the seeker's matching pages (home panel, "Lowongan untuk
  Anda", the switches, invitations), the unsubscribe page and the employer's candidates,
  and the seeker pages work without JavaScript.
"""

from __future__ import annotations

import re

import pytest

from pencaker.e2e import steps
from pencaker.e2e.test_vacancy_pages import _fits, _session_into
from pencaker.e2e.test_vacancy_pages import world as vacancy_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
world = vacancy_world


def _seeker(email, *, level, major, skills, alerts, discoverable=False):
    from pencaker.matching import services as matching
    from pencaker.seekers import services as seekers
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    profile = CompleteProfileFactory(user__email=email, full_name=email.split("@")[0].title())
    user = profile.user
    profile.education.all().delete()
    seekers.education_add(
        actor=user,
        profile=profile,
        level=level,
        institution="Sekolah",
        major=major,
        graduation_year=2018,
    )
    for name in skills:
        seekers.skill_add(actor=user, profile=profile, name=name)
    if alerts or discoverable:
        matching.matching_settings_update(
            actor=user, alerts_enabled=alerts, discoverable=discoverable
        )
    return user


@pytest.fixture
def people(world):
    from pencaker.matching.vocabulary import skills_import_demo

    skills_import_demo()
    return {
        "fits": _seeker(
            "ani@example.id",
            level="SMK",
            major="Tata Boga",
            skills=["membuat adonan", "memanggang"],
            alerts=True,
            discoverable=True,
        ),
        "weak": _seeker("budi@example.id", level="SMP", major="", skills=[], alerts=True),
        "silent": _seeker(
            "citra@example.id",
            level="SMK",
            major="Tata Boga",
            skills=["membuat adonan", "memanggang"],
            alerts=False,
        ),
    }


def _digests(mailbox, address):
    return [m for m in mailbox.to(address) if "lowongan baru" in str(m["Subject"]).lower()]


def test_publishing_sends_one_digest_and_unsubscribe_works_signed_out(
    page, nojs_page, site_url, mailbox, world, people, assert_accessible
):
    from pencaker.matching.models import MatchProfile

    base = site_url
    vacancy = world["waiting"]
    vacancy.skills = ["Membuat adonan", "Memanggang", "Kebersihan pangan"]
    vacancy.min_education = "SMA"
    vacancy.save(update_fields=["skills", "min_education"])

    _session_into(page, base, world["operator"], otp=True)
    page.goto(steps.url(base, "vacancies:review", vacancy.pk))
    steps.submit(page, page.locator("main form[action$='/tayangkan/'] button[type=submit]"))
    vacancy.refresh_from_db()
    assert vacancy.status == "published"

    [digest] = _digests(mailbox, people["fits"].email)
    assert _digests(mailbox, people["weak"].email) == []
    assert _digests(mailbox, people["silent"].email) == []
    body = mailbox.body(digest)
    assert "Kasir Toko Roti" in body
    [unsubscribe] = [link for link in mailbox.links(digest) if "/cocok/berhenti/" in link]

    # Signed out, JavaScript off: the link shows one button, which switches alerts off.
    nojs_page.goto(unsubscribe)
    _fits(nojs_page, "the unsubscribe page")
    assert MatchProfile.objects.get(user=people["fits"]).alerts_enabled is True
    steps.submit(nojs_page, nojs_page.locator("main form button[type=submit]"))
    assert "Selesai" in nojs_page.inner_text("main")
    assert MatchProfile.objects.get(user=people["fits"]).alerts_enabled is False

    page.context.clear_cookies()
    page.goto(unsubscribe)
    assert_accessible(page, label="unsubscribe (signed out)")


def test_seeker_matching_pages_work_without_javascript(nojs_page, live_server, world, people):
    page, base = nojs_page, live_server.url
    _session_into(page, base, people["silent"])
    page.goto(steps.url(base, "seekers:overview"))
    panel = page.locator("#for-you")
    assert "Pembuat Roti" in panel.inner_text()
    _fits(page, "the seeker's home")
    page.goto(steps.url(base, "matching:recommendations"))
    text = page.inner_text("main")
    assert re.search(r"Kecocokan \d+/100", text)
    page.fill("#id_q", "roti")
    steps.submit(page, page.locator("form.filters button[type=submit]"))
    assert page.locator(".vacancy-list li").count() == 1
    _fits(page, "vacancies for you")
    page.goto(steps.url(base, "matching:settings"))
    page.check("#id_discoverable")
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("#id_discoverable").is_checked()
    page.uncheck("#id_discoverable")
    steps.submit(page, page.locator("main form button[type=submit]"))
    assert not page.locator("#id_discoverable").is_checked()
    _fits(page, "the switches")


def test_matching_pages_pass_axe_at_360_px(page, live_server, world, people, assert_accessible):
    from pencaker.matching import selectors, services

    base = live_server.url
    vacancy = world["published"]
    _, [candidate, *_] = selectors.candidates_for_employer(world["owner"], vacancy.pk)
    services.invitation_send(actor=world["owner"], vacancy_id=vacancy.pk, candidate_id=candidate.id)
    checks = [
        (
            people["fits"],
            False,
            [
                ("seekers:overview", ()),
                ("matching:recommendations", ()),
                ("matching:settings", ()),
                ("matching:invitations", ()),
            ],
        ),
        (world["owner"], True, [("matching:employer_candidates", (vacancy.pk,))]),
        (world["operator"], True, [("matching:staff_candidates", (vacancy.pk,))]),
    ]
    for user, otp, pages in checks:
        page.context.clear_cookies()
        _session_into(page, base, user, otp=otp)
        for name, args in pages:
            response = page.goto(steps.url(base, name, *args))
            assert response is not None and response.status == 200, name
            assert_accessible(page, label=name)
