"""Journey 1: a new job seeker goes from sign-up to a complete profile with documents.

Sign-up (Indonesian page) → the verification email arrives at a real SMTP server →
the link confirms the address → log in → identity, address (province → kabupaten/kota →
kecamatan → kelurahan picker), education → KTP, 3x4 photo and ijazah uploads → the
completeness panel says the profile is complete. axe-core checks every page type on the way.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from PIL import Image

from pencaker.e2e import files, steps
from pencaker.e2e.people import SITI, seed_demo_office

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_office(transactional_db):
    seed_demo_office()


def test_new_job_seeker_reaches_a_complete_profile_with_documents(
    page, live_server, site_url, mailbox, demo_office, tmp_path, settings, assert_accessible
):
    from pencaker.accounts.models import User
    from pencaker.documents.models import Document
    from pencaker.seekers.models import JobSeekerProfile

    base = live_server.url

    # Given the sign-up page, in Indonesian by default
    page.goto(steps.url(base, "accounts:signup"))
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Buat akun"
    assert_accessible(page, label="sign-up")

    # When Siti signs up
    steps.sign_up(page, base, SITI)

    # Then the confirmation email travels over SMTP, in Indonesian, with a link to this site
    assert "Periksa email Anda" in page.locator("h1").inner_text()
    [email] = mailbox.to(SITI.email)
    assert "email" in email["Subject"].lower()
    assert "Halo Siti Aminah" in mailbox.body(email)
    [link] = [u for u in mailbox.links(email) if "/akun/verifikasi/" in u]
    assert link.startswith(base)
    user = User.objects.get(email=SITI.email)
    assert user.email_verified_at is None
    assert user.phone == "+6281234567890"

    # When she logs out, opens the link from her email and logs in
    steps.log_out(page)
    page.goto(link)
    assert page.locator("h1").inner_text() == "Email dikonfirmasi"
    user.refresh_from_db()
    assert user.email_verified_at is not None
    login_path = reverse("accounts:login")
    steps.submit(page, page.locator(f"main a[href$='{login_path}']"))
    assert_accessible(page, label="login")
    steps.log_in(page, base, SITI)

    # Then she lands on her profile, which lists what is still missing
    assert page.url.endswith(reverse("seekers:overview"))
    missing = page.locator("#completeness .missing-list li")
    assert missing.count() > 0
    assert "Masih kurang" in page.locator("#completeness-title").inner_text()
    assert_accessible(page, label="profile overview")

    # When she fills in identity, address and education
    steps.fill_identity(page, base, SITI)
    assert page.url.endswith(reverse("seekers:overview")), page.locator("main").inner_text()
    page.goto(steps.url(base, "seekers:identity"))
    assert_accessible(page, label="profile identity")

    steps.fill_address(page, base)
    assert page.url.endswith(reverse("seekers:overview")), page.locator("main").inner_text()
    page.goto(steps.url(base, "seekers:address"))
    assert page.locator("#id_village").input_value() == steps.VILLAGE
    assert_accessible(page, label="profile address")

    steps.add_education(page, base)
    assert "SMK Negeri 2 Palembang" in page.locator("main").inner_text()
    assert_accessible(page, label="profile education")

    # And uploads her KTP, a 3x4 photo and her ijazah
    page.goto(steps.url(base, "documents:upload", "photo"))
    assert_accessible(page, label="upload")
    for kind, path in (
        ("ktp", files.ktp_jpeg(tmp_path)),
        ("photo", files.portrait_photo_jpeg(tmp_path)),
        ("ijazah", files.ijazah_pdf(tmp_path)),
    ):
        steps.upload(page, base, kind, path)
        assert page.url.endswith(reverse("documents:list")), page.locator("main").inner_text()
        assert page.locator(f"#doc-{kind} .status-ok").is_visible()
    assert_accessible(page, label="document list")

    # Then the completeness panel says the profile is complete
    page.goto(steps.url(base, "seekers:overview"))
    assert page.locator("#completeness-title").inner_text() == "Profil Anda sudah lengkap"
    assert page.locator("#completeness .missing-list li").count() == 0
    page.console_log.assert_clean()

    # And the database holds exactly what she entered
    profile = JobSeekerProfile.objects.select_related("office", "village").get(user=user)
    assert profile.nik == SITI.nik
    assert profile.birth_date == SITI.birth_date
    assert profile.sex == "F"
    assert profile.village_id == steps.VILLAGE
    assert profile.office.code == "16.71"
    assert profile.education.get().institution == "SMK Negeri 2 Palembang"
    documents = {d.kind: d for d in Document.objects.filter(owner=user)}
    assert set(documents) == {"ktp", "photo", "ijazah"}
    assert len(files.stored_files(settings.MEDIA_ROOT)) == 3
    photo = documents["photo"].current_version
    with photo.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.width / stored.height == pytest.approx(0.75, abs=0.01)
        assert 0x8825 not in stored.getexif(), "GPS EXIF must be stripped from the photo"
