"""Journey 2: the mistakes a first-time job seeker makes. Each one gets a clear Indonesian
message next to the field and in the summary at the top, and nothing is half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.e2e import files, steps
from pencaker.e2e.people import SITI, Person, seed_demo_office

pytestmark = pytest.mark.browser

BUDI = Person(
    email="budi.santoso@example.id",
    phone="0813 1111 2222",
    full_name="Budi Santoso",
    password="Kartu-Kuning-2026",  # noqa: S106 - a test person
    birth_place="Palembang",
    birth_date=dt.date(1998, 11, 3),
    sex="M",
)


def _make_account(person: Person):
    from pencaker.accounts.models import Role, User

    return User.objects.create_user(
        email=person.email,
        password=person.password,
        phone="+62" + person.phone.replace(" ", "")[1:],
        full_name=person.full_name,
        role=Role.JOB_SEEKER,
        email_verified_at=timezone.now(),
    )


@pytest.fixture
def siti(transactional_db):
    seed_demo_office()
    return _make_account(SITI)


@pytest.fixture
def logged_in(page, live_server, siti):
    steps.log_in(page, live_server.url, SITI)
    return page


def _errors(page) -> tuple[str, list[str]]:
    summary = page.locator(".error-summary")
    assert summary.is_visible(), "the error summary at the top is missing"
    return summary.inner_text(), page.locator(".field-error .error").all_inner_texts()


def _assert_nothing_saved_in_identity(user) -> None:
    from pencaker.seekers.models import JobSeekerProfile, ProfileChange

    profile = JobSeekerProfile.objects.filter(user=user).first()
    if profile is not None:
        assert profile.nik == ""
        assert profile.full_name == ""
        assert profile.birth_date is None
        assert profile.sex == ""
        assert not ProfileChange.objects.filter(profile=profile, section="identity").exists()


def _assert_no_document_stored(user, settings) -> None:
    from pencaker.documents.models import Document, DocumentVersion

    assert not Document.objects.filter(owner=user).exists()
    assert not DocumentVersion.objects.filter(document__owner=user).exists()
    assert files.stored_files(settings.MEDIA_ROOT) == []


def test_nik_whose_date_disagrees_with_birth_date_is_refused_naming_both_dates(
    logged_in, live_server, siti, assert_accessible
):
    page = logged_in

    # When Siti types 18 May although her NIK says 17 May
    steps.fill_identity(page, live_server.url, SITI, birth_date=dt.date(2001, 5, 18))

    # Then the page names the mismatch next to the NIK and in the summary, in Indonesian
    summary, field_errors = _errors(page)
    message = page.locator("#id_nik_error").inner_text()
    assert "Tanggal lahir di NIK (17-05-2001) tidak sama" in message
    assert "(18-05-2001)" in message
    assert message in summary
    assert field_errors == [message]
    # And what she typed is still there to correct
    assert page.locator("#id_full_name").input_value() == SITI.full_name
    assert page.locator("#id_birth_date").input_value() == "2001-05-18"
    assert_accessible(page, label="identity with an error")
    # And nothing of the identity was saved
    _assert_nothing_saved_in_identity(siti)


def test_nik_already_registered_by_another_person_is_refused_and_recorded_for_staff(
    logged_in, live_server, siti
):
    from pencaker.seekers.models import JobSeekerProfile, NikConflict
    from pencaker.seekers.services import profile_ensure, profile_update_identity

    # Given Budi already registered with the NIK Siti is about to type
    budi = _make_account(BUDI)
    budi_profile = profile_update_identity(
        actor=budi,
        profile=profile_ensure(user=budi),
        nik=SITI.nik,
        full_name=BUDI.full_name,
        birth_place=BUDI.birth_place,
        birth_date=SITI.birth_date,
        sex="F",
        marital_status="single",
        religion="islam",
    )
    page = logged_in

    # When Siti enters that NIK with matching date of birth and sex
    steps.fill_identity(page, live_server.url, SITI)

    # Then she is told plainly, next to the NIK, what happened and what to do
    summary, _field_errors = _errors(page)
    message = page.locator("#id_nik_error").inner_text()
    assert "NIK ini sudah terdaftar pada akun lain" in message
    assert "hubungi kantor Dinas Tenaga Kerja" in message
    assert message in summary
    # And nothing was saved on her profile, Budi's is untouched, and staff can see the conflict
    _assert_nothing_saved_in_identity(siti)
    budi_profile.refresh_from_db()
    assert budi_profile.nik == SITI.nik
    assert JobSeekerProfile.objects.filter(nik=SITI.nik).count() == 1
    conflict = NikConflict.objects.get(nik=SITI.nik)
    assert conflict.attempted_by == siti
    assert conflict.existing_profile == budi_profile


@pytest.mark.parametrize(
    ("kind", "make_file", "expected"),
    [
        pytest.param(
            "photo",
            files.landscape_photo_jpeg,
            ["Foto ini mendatar/lanskap (800 x 600 piksel)", "harus tegak (potret)"],
            id="landscape-photo",
        ),
        pytest.param(
            "photo",
            files.exe_named_jpg,
            ["Berkas ini bukan gambar JPEG/PNG", "format JPG, PNG"],
            id="exe-renamed-jpg",
        ),
        pytest.param(
            "ktp",
            files.oversized_jpeg,
            ["Ukuran berkas 30 MB melebihi batas 5 MB", "Perkecil berkas"],
            id="30-mb-file",
        ),
    ],
)
def test_wrong_upload_is_refused_with_a_clear_message_and_nothing_is_stored(
    logged_in, live_server, siti, settings, tmp_path, assert_accessible, kind, make_file, expected
):
    page = logged_in
    path = make_file(tmp_path)

    # When Siti uploads the wrong file
    steps.upload(page, live_server.url, kind, path)

    # Then the upload page says what is wrong and how to fix it, next to the file field
    summary, _field_errors = _errors(page)
    message = page.locator(f"#id_{kind}-file_error").inner_text()
    for phrase in expected:
        assert phrase in message
    assert message in summary
    assert page.locator(f"#id_{kind}-file").get_attribute("aria-invalid") == "true"
    assert_accessible(page, label=f"upload {kind} with an error")
    # And nothing was stored: no document, no version, no file
    _assert_no_document_stored(siti, settings)
    page.goto(steps.url(live_server.url, "documents:list"))
    assert page.locator(f"#doc-{kind} .status-missing").is_visible()
