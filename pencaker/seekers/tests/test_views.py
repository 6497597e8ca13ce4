import datetime as dt
import json

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.core.models import AuditEvent
from pencaker.seekers import services
from pencaker.seekers.models import JobSeekerProfile, NikConflict, ProfileChange
from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for

BIRTH = dt.date(1990, 5, 12)
NIK = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="M", serial=1)


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


def identity_post(**overrides):
    data = {
        "nik": NIK,
        "full_name": "Budi Santoso",
        "birth_place": "Palembang",
        "birth_date": "1990-05-12",
        "sex": "M",
        "marital_status": "single",
        "religion": "islam",
    }
    data.update(overrides)
    return data


SEEKER_PAGES = [
    "seekers:overview",
    "seekers:identity",
    "seekers:address",
    "seekers:contact",
    "seekers:education",
    "seekers:training",
    "seekers:experience",
    "seekers:skills",
    "seekers:languages",
    "seekers:preferences",
    "seekers:disability",
    "seekers:history",
    "seekers:data_download",
]


@pytest.mark.parametrize("name", SEEKER_PAGES)
def test_seeker_pages_need_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", SEEKER_PAGES)
def test_seeker_pages_render_for_a_new_job_seeker(seeker_client, name):
    response = seeker_client.get(reverse(name))
    assert response.status_code == 200
    assert b'lang="id"' in response.content


def test_staff_cannot_open_the_seeker_pages(client, user_factory, office):
    client.force_login(user_factory(role=Role.OPERATOR, office=office))
    assert client.get(reverse("seekers:overview")).status_code == 403


def test_overview_lists_what_is_missing_with_links(seeker_client, missing_documents):
    missing_documents["kinds"] = ["photo"]
    response = seeker_client.get(reverse("seekers:overview"))
    text = response.content.decode()
    assert "Masih kurang" in text
    assert "Identitas: nama sesuai KTP" in text
    assert f'href="{reverse("seekers:education")}"' in text
    assert 'data-code="document.photo"' in text


def test_overview_says_complete_for_a_complete_profile(client, db):
    profile = CompleteProfileFactory()
    client.force_login(profile.user)
    response = client.get(reverse("seekers:overview"))
    assert "Profil Anda sudah lengkap" in response.content.decode()


def test_identity_form_saves_and_goes_back_to_overview(seeker_client, seeker):
    response = seeker_client.post(reverse("seekers:identity"), identity_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("seekers:overview")
    profile = JobSeekerProfile.objects.get(user=seeker)
    assert profile.nik == NIK and profile.birth_date == BIRTH


def test_identity_form_names_the_date_mismatch_in_indonesian(seeker_client, seeker):
    response = seeker_client.post(
        reverse("seekers:identity"), identity_post(birth_date="13-05-1990")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert (
        "Tanggal lahir di NIK (12-05-1990) tidak sama dengan tanggal lahir yang Anda isi "
        "(13-05-1990)"
    ) in text
    assert 'id="id_nik_error"' in text
    assert "error-summary" in text
    assert JobSeekerProfile.objects.get(user=seeker).nik == ""


def test_identity_form_names_the_sex_mismatch_in_indonesian(seeker_client):
    response = seeker_client.post(reverse("seekers:identity"), identity_post(sex="F"))
    assert response.status_code == 400
    assert (
        "Jenis kelamin di NIK (laki-laki) tidak sama dengan jenis kelamin yang Anda isi (perempuan)"
    ) in response.content.decode()


def test_identity_form_refuses_an_unreal_date(seeker_client):
    response = seeker_client.post(
        reverse("seekers:identity"), identity_post(birth_date="31-02-1990")
    )
    assert response.status_code == 400
    assert "Isi tanggal yang benar" in response.content.decode()


def test_identity_form_refuses_a_nik_already_registered(client, user_factory, db):
    holder = CompleteProfileFactory()
    newcomer = user_factory()
    client.force_login(newcomer)
    response = client.post(
        reverse("seekers:identity"),
        identity_post(
            nik=holder.nik,
            birth_date=holder.birth_date.isoformat(),
            sex=holder.sex,
            full_name="Orang Lain",
        ),
    )
    assert response.status_code == 400
    assert "NIK ini sudah terdaftar pada akun lain" in response.content.decode()
    assert NikConflict.objects.filter(attempted_by=newcomer, existing_profile=holder).exists()
    assert JobSeekerProfile.objects.get(user=newcomer).full_name == ""


def test_address_page_saves_with_the_region_picker(seeker_client, seeker, village, office):
    response = seeker_client.post(
        reverse("seekers:address"),
        {
            "address_line": "Jl. Kenanga 3",
            "rt": "003",
            "rw": "001",
            "province": "16",
            "regency": "16.71",
            "district": "16.71.01",
            "village": village.code,
            "postal_code": "30126",
        },
    )
    assert response.status_code == 302
    profile = JobSeekerProfile.objects.get(user=seeker)
    assert profile.village == village
    assert profile.office == office


def test_address_page_refresh_button_saves_nothing(seeker_client, seeker, village):
    response = seeker_client.post(
        reverse("seekers:address"),
        {"address_line": "Jl. Kenanga 3", "province": "16", "region_refresh": "1"},
    )
    assert response.status_code == 200
    assert JobSeekerProfile.objects.get(user=seeker).address_line == ""


def test_address_page_shows_postal_code_error(seeker_client):
    response = seeker_client.post(reverse("seekers:address"), {"postal_code": "123"})
    assert response.status_code == 400
    assert "Kode pos terdiri dari 5 angka" in response.content.decode()


def test_contact_page_changes_the_phone(seeker_client, seeker):
    response = seeker_client.post(reverse("seekers:contact"), {"phone": "0812 1111 2222"})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.phone == "+6281211112222"


def test_education_can_be_added_changed_and_removed(seeker_client, seeker):
    url = reverse("seekers:education")
    response = seeker_client.post(
        url, {"level": "SMK", "institution": "SMK 2", "major": "", "graduation_year": "2012"}
    )
    assert response.status_code == 302
    entry = JobSeekerProfile.objects.get(user=seeker).education.get()
    page = seeker_client.get(url).content.decode()
    assert "SMK 2" in page

    response = seeker_client.post(
        reverse("seekers:education_edit", args=[entry.pk]),
        {"level": "SMK", "institution": "SMK Negeri 2", "graduation_year": "2012"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.institution == "SMK Negeri 2"

    response = seeker_client.post(reverse("seekers:education_remove", args=[entry.pk]))
    assert response.status_code == 302
    assert not JobSeekerProfile.objects.get(user=seeker).education.exists()


def test_education_form_shows_indonesian_errors(seeker_client):
    response = seeker_client.post(reverse("seekers:education"), {"graduation_year": "20"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Pilih jenjang pendidikan." in text
    assert "Tulis nama sekolah atau kampus." in text


def test_another_persons_entry_cannot_be_removed(seeker_client, db):
    other = CompleteProfileFactory()
    entry = other.education.get()
    response = seeker_client.post(reverse("seekers:education_remove", args=[entry.pk]))
    assert response.status_code == 404
    assert other.education.filter(pk=entry.pk).exists()


def test_experience_skills_languages_training_preferences_disability(seeker_client, seeker):
    posts = [
        (
            "seekers:experience",
            {"employer": "PT Maju", "position": "Kasir", "start_date": "2019-01-02"},
        ),
        ("seekers:skills", {"name": "Mengelas"}),
        ("seekers:languages", {"language": "Inggris", "level": "basic"}),
        ("seekers:training", {"name": "Barista", "year": "2021"}),
        ("seekers:preferences", {"preferred_occupation": "Sopir", "willing_to_relocate": "on"}),
        ("seekers:disability", {"has_disability": "yes", "disability_details": "Tuli"}),
    ]
    for name, data in posts:
        response = seeker_client.post(reverse(name), data)
        assert response.status_code == 302, (name, response.content[:2000])
    profile = JobSeekerProfile.objects.get(user=seeker)
    assert profile.experience.count() == 1
    assert profile.skills.get().name == "Mengelas"
    assert profile.languages.count() == 1 and profile.training.count() == 1
    assert profile.willing_to_relocate and profile.has_disability
    assert ProfileChange.objects.filter(profile=profile).count() == 6


def test_disability_can_be_left_unanswered(seeker_client, seeker):
    response = seeker_client.post(reverse("seekers:disability"), {"has_disability": ""})
    assert response.status_code == 302
    assert JobSeekerProfile.objects.get(user=seeker).has_disability is None


def test_history_page_shows_old_and_new_values(seeker_client, seeker):
    seeker_client.post(reverse("seekers:identity"), identity_post())
    seeker_client.post(reverse("seekers:identity"), identity_post(full_name="Budi S."))
    text = seeker_client.get(reverse("seekers:history")).content.decode()
    assert "Budi Santoso" in text and "Budi S." in text
    assert "oleh pencari kerja" in text


def test_data_download_is_json_without_password_and_audited(seeker_client, seeker):
    seeker_client.post(reverse("seekers:identity"), identity_post())
    response = seeker_client.post(reverse("seekers:data_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == seeker.email
    assert data["profile"]["nik"] == NIK
    assert data["history"][0]["section"] == "identity"
    assert "consent" in data and "documents" in data
    assert "password" not in response.content.decode()
    assert seeker.password not in response.content.decode()
    assert AuditEvent.objects.filter(action="seekers.data_export", actor=seeker).exists()


# --- staff ----------------------------------------------------------------------------


@pytest.fixture
def operator(user_factory, office):
    return user_factory(role=Role.OPERATOR, office=office)


@pytest.fixture
def operator_client(staff_client_factory, operator):
    return staff_client_factory(operator)


def test_staff_list_shows_only_job_seekers_of_their_office(operator_client, office, other_office):
    mine = CompleteProfileFactory(office=office, full_name="Warga Palembang")
    CompleteProfileFactory(office=other_office, full_name="Warga Prabumulih")
    response = operator_client.get(reverse("seekers:staff_seeker_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Warga Palembang" in text and "Warga Prabumulih" not in text
    assert reverse("seekers:staff_seeker_detail", args=[mine.pk]) in text


def test_staff_list_search_by_nik(operator_client, office):
    wanted = CompleteProfileFactory(office=office, full_name="Yang Dicari")
    CompleteProfileFactory(office=office, full_name="Orang Lain")
    text = operator_client.get(
        reverse("seekers:staff_seeker_list"), {"q": wanted.nik[:14]}
    ).content.decode()
    assert "Yang Dicari" in text and "Orang Lain" not in text


def test_staff_detail_shows_profile_and_history(operator_client, office):
    profile = CompleteProfileFactory(office=office)
    services.profile_update_preferences(
        actor=profile.user, profile=profile, preferred_occupation="Perawat"
    )
    response = operator_client.get(reverse("seekers:staff_seeker_detail", args=[profile.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert profile.nik in text and "Perawat" in text and "Riwayat perubahan" in text
    view = AuditEvent.objects.get(action="seekers.profile.staff_view")
    assert view.office == office and view.object_id == str(profile.pk)


def test_staff_of_office_a_get_404_for_a_job_seeker_of_office_b(operator_client, other_office):
    profile = CompleteProfileFactory(office=other_office)
    response = operator_client.get(reverse("seekers:staff_seeker_detail", args=[profile.pk]))
    assert response.status_code == 404


def test_staff_get_404_for_a_job_seeker_without_office(operator_client, db):
    profile = CompleteProfileFactory(office=None)
    response = operator_client.get(reverse("seekers:staff_seeker_detail", args=[profile.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["seekers:staff_seeker_list", "seekers:staff_nik_conflicts"])
def test_job_seekers_cannot_open_staff_pages(seeker_client, name):
    assert seeker_client.get(reverse(name)).status_code == 403


def test_staff_without_two_factor_are_sent_to_verify(client, operator):
    client.force_login(operator)
    response = client.get(reverse("seekers:staff_seeker_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_nik_conflicts_page_lists_conflicts_of_the_office(
    operator_client, office, other_office, user_factory
):
    holder = CompleteProfileFactory(office=office, full_name="Pemilik Asli")
    stranger = user_factory(email="peniru@example.id")
    profile = services.profile_ensure(user=stranger)
    with pytest.raises(Exception):  # noqa: B017 - the Conflict itself is tested in services
        services.profile_update_identity(
            actor=stranger,
            profile=profile,
            nik=holder.nik,
            birth_date=holder.birth_date,
            sex=holder.sex,
        )
    unrelated = CompleteProfileFactory(office=other_office)
    NikConflict.objects.create(
        nik=unrelated.nik,
        attempted_by=user_factory(email="lain@example.id"),
        existing_profile=unrelated,
        office=other_office,
    )
    text = operator_client.get(reverse("seekers:staff_nik_conflicts")).content.decode()
    assert holder.nik in text and "Pemilik Asli" in text and "peniru@example.id" in text
    assert unrelated.nik not in text and "lain@example.id" not in text
