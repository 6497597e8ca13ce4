import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from pencaker.accounts.models import Role
from pencaker.core.errors import Conflict, DomainError, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.seekers import services
from pencaker.seekers.models import JobSeekerProfile, NikConflict, ProfileChange
from pencaker.seekers.tests.conftest import years_ago
from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for

BIRTH = dt.date(1990, 5, 12)
NIK_M = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="M", serial=1)
NIK_F = nik_for(district_code="16.71.01", birth_date=BIRTH, sex="F", serial=2)


def identity(**overrides):
    values = {
        "nik": NIK_M,
        "full_name": "Budi Santoso",
        "birth_place": "Palembang",
        "birth_date": BIRTH,
        "sex": "M",
        "marital_status": "single",
        "religion": "islam",
    }
    values.update(overrides)
    return values


def test_identity_is_saved_and_recorded_in_history(seeker, profile):
    services.profile_update_identity(actor=seeker, profile=profile, **identity())

    profile.refresh_from_db()
    assert profile.nik == NIK_M
    assert profile.birth_date == BIRTH
    change = ProfileChange.objects.get(profile=profile)
    assert change.section == "identity"
    assert change.actor == seeker
    assert change.changes["nik"] == ["", NIK_M]
    assert change.changes["birth_date"] == [None, "1990-05-12"]
    assert AuditEvent.objects.filter(action="seekers.identity.updated").count() == 1


def test_identity_accepts_nik_typed_with_spaces(seeker, profile):
    spaced = " ".join([NIK_M[:6], NIK_M[6:12], NIK_M[12:]])
    services.profile_update_identity(actor=seeker, profile=profile, **identity(nik=spaced))
    profile.refresh_from_db()
    assert profile.nik == NIK_M


def test_saving_the_same_values_twice_writes_one_history_row(seeker, profile):
    services.profile_update_identity(actor=seeker, profile=profile, **identity())
    services.profile_update_identity(actor=seeker, profile=profile, **identity())
    assert ProfileChange.objects.filter(profile=profile).count() == 1


def test_half_filled_identity_is_fine(seeker, profile):
    services.profile_update_identity(actor=seeker, profile=profile, full_name="Siti")
    profile.refresh_from_db()
    assert profile.full_name == "Siti"
    assert profile.nik == ""


def test_identity_refuses_nik_whose_birth_date_differs_naming_both_dates(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(
            actor=seeker, profile=profile, **identity(birth_date=dt.date(1990, 5, 13))
        )
    message = caught.value.details["nik"][0]
    assert "12-05-1990" in message and "13-05-1990" in message
    profile.refresh_from_db()
    assert profile.nik == "" and profile.full_name == ""
    assert not ProfileChange.objects.exists()


def test_identity_refuses_nik_whose_sex_differs(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(actor=seeker, profile=profile, **identity(nik=NIK_F))
    assert caught.value.code == "invalid"
    assert "nik" in caught.value.details
    profile.refresh_from_db()
    assert profile.nik == ""


def test_identity_refuses_invalid_nik_with_the_parser_message(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(actor=seeker, profile=profile, **identity(nik="12345"))
    assert "16" in caught.value.details["nik"][0]


def test_nik_region_prefix_different_from_address_is_accepted(seeker, profile, village, office):
    services.profile_update_address(
        actor=seeker, profile=profile, address_line="Jl. Mawar 1", village=village
    )
    nik_from_java = nik_for(district_code="32.73.05", birth_date=BIRTH, sex="M", serial=7)
    services.profile_update_identity(actor=seeker, profile=profile, **identity(nik=nik_from_java))
    profile.refresh_from_db()
    assert profile.nik == nik_from_java
    assert profile.office.code == "16.71"


def test_duplicate_nik_is_refused_recorded_and_nothing_saved(user_factory, office):
    holder = CompleteProfileFactory(office=office)
    other = user_factory()
    profile = services.profile_ensure(user=other)
    values = identity(
        nik=holder.nik, birth_date=holder.birth_date, sex=holder.sex, full_name="Penyusup"
    )

    with pytest.raises(Conflict) as caught:
        services.profile_update_identity(actor=other, profile=profile, **values)

    assert caught.value.code == "nik_taken"
    assert caught.value.status == 409
    assert "nik" in caught.value.details
    profile.refresh_from_db()
    assert profile.nik == "" and profile.full_name == ""
    assert not ProfileChange.objects.filter(profile=profile).exists()
    conflict = NikConflict.objects.get()
    assert conflict.nik == holder.nik
    assert conflict.attempted_by == other
    assert conflict.existing_profile == holder
    assert conflict.office == office


def test_two_profiles_cannot_hold_the_same_nik_in_the_database(user_factory):
    JobSeekerProfile.objects.create(user=user_factory(), nik=NIK_M)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobSeekerProfile.objects.create(user=user_factory(), nik=NIK_M)


def test_many_profiles_may_have_no_nik_yet(user_factory):
    JobSeekerProfile.objects.create(user=user_factory())
    JobSeekerProfile.objects.create(user=user_factory())
    assert JobSeekerProfile.objects.filter(nik="").count() == 2


def test_younger_than_default_minimum_age_is_refused_when_office_unknown(seeker, profile, today):
    birth = years_ago(today, 18) + dt.timedelta(days=1)
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(
            actor=seeker, profile=profile, birth_date=birth, full_name="Adik"
        )
    assert "18" in caught.value.details["birth_date"][0]


def test_exactly_minimum_age_today_is_accepted(seeker, profile, today):
    birth = years_ago(today, 18)
    services.profile_update_identity(actor=seeker, profile=profile, birth_date=birth)
    profile.refresh_from_db()
    assert profile.birth_date == birth


def test_minimum_age_follows_the_office_setting(seeker, profile, office, today):
    office.min_age = 15
    office.save()
    JobSeekerProfile.objects.filter(pk=profile.pk).update(office=office)
    birth = years_ago(today, 16)
    services.profile_update_identity(actor=seeker, profile=profile, birth_date=birth)
    profile.refresh_from_db()
    assert profile.birth_date == birth

    office.min_age = 21
    office.save()
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(
            actor=seeker, profile=profile, birth_date=years_ago(today, 20)
        )
    assert "21" in caught.value.details["birth_date"][0]


def test_birth_date_in_future_is_refused(seeker, profile, today):
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(
            actor=seeker, profile=profile, birth_date=today + dt.timedelta(days=1)
        )
    assert "birth_date" in caught.value.details


def test_unknown_religion_is_refused(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(actor=seeker, profile=profile, religion="jedi")
    assert "religion" in caught.value.details


def test_address_sets_the_office_from_the_village_regency(seeker, profile, village, office):
    services.profile_update_address(
        actor=seeker,
        profile=profile,
        address_line="Jl. Mawar  1",
        rt="005",
        rw="02",
        village=village,
        postal_code="30126",
    )
    profile.refresh_from_db()
    assert profile.office == office
    assert (profile.rt, profile.rw, profile.address_line) == ("5", "2", "Jl. Mawar 1")
    change = ProfileChange.objects.get(profile=profile, section="address")
    assert change.changes["village"] == [None, village.code]


def test_address_in_an_area_without_office_leaves_office_empty(seeker, profile):
    from pencaker.seekers.tests.factories import region_chain

    far_village = region_chain("91.01.01.2001", "Desa Jauh")
    services.profile_update_address(actor=seeker, profile=profile, village=far_village)
    profile.refresh_from_db()
    assert profile.office is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("rt", "12a"), ("rw", "1234"), ("postal_code", "3012"), ("postal_code", "0126x")],
)
def test_address_refuses_malformed_parts(seeker, profile, field, value):
    with pytest.raises(DomainError) as caught:
        services.profile_update_address(actor=seeker, profile=profile, **{field: value})
    assert field in caught.value.details


def test_address_refuses_a_region_that_is_not_a_village(seeker, profile, village):
    with pytest.raises(DomainError) as caught:
        services.profile_update_address(actor=seeker, profile=profile, village=village.parent)
    assert "village" in caught.value.details


def test_contact_stores_phone_in_e164(seeker, profile):
    services.profile_update_contact(actor=seeker, profile=profile, phone="0812-3456-7890")
    seeker.refresh_from_db()
    assert seeker.phone == "+6281234567890"
    assert ProfileChange.objects.filter(section="contact").count() == 1


def test_contact_refuses_invalid_phone(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.profile_update_contact(actor=seeker, profile=profile, phone="12")
    assert "phone" in caught.value.details


def test_education_add_and_remove_are_recorded(seeker, profile):
    entry = services.education_add(
        actor=seeker,
        profile=profile,
        level="SMK",
        institution="SMK Negeri 2 Palembang",
        major="Teknik Mesin",
        graduation_year=2015,
    )
    services.education_remove(actor=seeker, education=entry)

    actions = list(
        ProfileChange.objects.filter(section="education")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["added", "removed"]
    assert not profile.education.exists()


def test_education_update_records_old_and_new(seeker, profile):
    entry = services.education_add(
        actor=seeker, profile=profile, level="SMA", institution="SMA 1", graduation_year=2010
    )
    services.education_update(
        actor=seeker, education=entry, level="SMA", institution="SMA 3", graduation_year=2010
    )
    change = ProfileChange.objects.filter(section="education", action="updated").get()
    assert change.changes["institution"] == ["SMA 1", "SMA 3"]


def test_education_refuses_future_year_and_year_before_birth(seeker, profile, today):
    with pytest.raises(DomainError) as caught:
        services.education_add(
            actor=seeker,
            profile=profile,
            level="S1",
            institution="Universitas Sriwijaya",
            graduation_year=today.year + 1,
        )
    assert "graduation_year" in caught.value.details

    services.profile_update_identity(actor=seeker, profile=profile, birth_date=BIRTH)
    profile.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        services.education_add(
            actor=seeker, profile=profile, level="SD", institution="SD 1", graduation_year=1985
        )
    assert "graduation_year" in caught.value.details


def test_experience_end_before_start_is_refused(seeker, profile):
    with pytest.raises(DomainError) as caught:
        services.experience_add(
            actor=seeker,
            profile=profile,
            employer="PT Maju",
            position="Kasir",
            start_date=dt.date(2020, 5, 1),
            end_date=dt.date(2020, 4, 1),
        )
    assert "01-04-2020" in caught.value.details["end_date"][0]


def test_experience_can_be_ongoing(seeker, profile):
    entry = services.experience_add(
        actor=seeker,
        profile=profile,
        employer="PT Maju",
        position="Kasir",
        start_date=dt.date(2020, 5, 1),
    )
    assert entry.end_date is None


def test_duplicate_skill_and_language_are_refused(seeker, profile):
    services.skill_add(actor=seeker, profile=profile, name="Menjahit")
    with pytest.raises(DomainError):
        services.skill_add(actor=seeker, profile=profile, name="menjahit")
    services.language_add(actor=seeker, profile=profile, language="Inggris", level="basic")
    with pytest.raises(DomainError):
        services.language_add(actor=seeker, profile=profile, language="Inggris", level="fluent")
    assert profile.skills.count() == 1 and profile.languages.count() == 1


def test_training_is_added(seeker, profile):
    services.training_add(actor=seeker, profile=profile, name="Operator Forklift", year=2022)
    assert profile.training.get().name == "Operator Forklift"


def test_preferences_and_disability_are_saved(seeker, profile):
    services.profile_update_preferences(
        actor=seeker,
        profile=profile,
        preferred_occupation="Sopir",
        preferred_locations="Palembang, Jambi",
        willing_to_relocate=True,
        expected_salary=3_500_000,
    )
    services.profile_update_disability(
        actor=seeker, profile=profile, has_disability=True, disability_details="Kursi roda"
    )
    profile.refresh_from_db()
    assert profile.willing_to_relocate and profile.expected_salary == 3_500_000
    assert profile.has_disability and profile.disability_details == "Kursi roda"
    sections = set(ProfileChange.objects.values_list("section", flat=True))
    assert sections == {"preferences", "disability"}


def test_another_job_seeker_cannot_change_the_profile(user_factory, profile):
    intruder = user_factory()
    with pytest.raises(PermissionDenied):
        services.profile_update_identity(actor=intruder, profile=profile, full_name="X")


def test_staff_of_another_office_cannot_change_the_profile(
    user_factory, office, other_office, profile
):
    JobSeekerProfile.objects.filter(pk=profile.pk).update(office=office)
    profile.refresh_from_db()
    operator = user_factory(role=Role.OPERATOR, office=other_office)
    with pytest.raises(PermissionDenied):
        services.profile_update_identity(actor=operator, profile=profile, full_name="X")


def test_operator_of_the_office_can_change_the_profile_and_is_named(user_factory, office, profile):
    JobSeekerProfile.objects.filter(pk=profile.pk).update(office=office)
    profile.refresh_from_db()
    operator = user_factory(role=Role.OPERATOR, office=office)
    services.profile_update_identity(actor=operator, profile=profile, full_name="Budi")
    assert ProfileChange.objects.get().actor == operator


def test_history_rows_are_append_only(seeker, profile):
    services.profile_update_identity(actor=seeker, profile=profile, full_name="Budi")
    change = ProfileChange.objects.get()
    change.section = "address"
    with pytest.raises(ValueError):
        change.save()
    with pytest.raises(ValueError):
        change.delete()


def test_complete_profile_factory_makes_a_consistent_nik(db):
    from pencaker.regions.nik import parse_nik

    for _ in range(3):
        profile = CompleteProfileFactory()
        info = parse_nik(profile.nik)
        assert info.birth_date == profile.birth_date
        assert info.sex == profile.sex
        assert profile.office.code == "16.71"


def test_identity_refuses_nik_typed_with_dashes_like_the_form_does(seeker, profile):
    dashed = "-".join([NIK_M[:4], NIK_M[4:8], NIK_M[8:12], NIK_M[12:]])
    with pytest.raises(DomainError) as caught:
        services.profile_update_identity(actor=seeker, profile=profile, **identity(nik=dashed))
    assert "nik" in caught.value.details
    profile.refresh_from_db()
    assert profile.nik == ""
