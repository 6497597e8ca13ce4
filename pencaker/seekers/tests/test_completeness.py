import pytest
from django.urls import resolve

from pencaker.seekers import services
from pencaker.seekers.selectors import profile_completeness
from pencaker.seekers.tests.factories import CompleteProfileFactory


def codes(completeness):
    return [item.code for item in completeness.missing]


def test_new_account_is_told_everything_that_is_missing(seeker, missing_documents):
    missing_documents["kinds"] = ["ktp", "photo"]

    result = profile_completeness(seeker)

    assert not result.is_complete
    assert codes(result) == [
        "identity.nik",
        "identity.full_name",
        "identity.birth_place",
        "identity.birth_date",
        "identity.sex",
        "identity.marital_status",
        "identity.religion",
        "address.address_line",
        "address.village",
        "education",
        "email_verified",
        "document.ktp",
        "document.photo",
    ]


def test_every_missing_item_links_to_a_page_that_exists(seeker, missing_documents):
    missing_documents["kinds"] = ["ijazah"]
    for item in profile_completeness(seeker).missing:
        assert resolve(item.url.split("#")[0]), item


def test_complete_profile_with_documents_is_complete(db):
    profile = CompleteProfileFactory()
    result = profile_completeness(profile.user)
    assert result.is_complete
    assert result.missing == []


def test_filling_a_section_removes_exactly_its_items(seeker, profile):
    before = codes(profile_completeness(seeker))
    services.education_add(
        actor=seeker, profile=profile, level="SMA", institution="SMA 1", graduation_year=2015
    )
    after = codes(profile_completeness(seeker))
    assert set(before) - set(after) == {"education"}


def test_unverified_email_is_missing(db):
    profile = CompleteProfileFactory(user__email_verified_at=None)
    assert codes(profile_completeness(profile.user)) == ["email_verified"]


def test_documents_are_asked_for_the_profile_office(db, missing_documents):
    profile = CompleteProfileFactory()
    profile_completeness(profile.user)
    assert missing_documents["calls"][-1] == (profile.user, profile.office)


def test_real_documents_selector_reports_required_uploads(db, missing_documents, office):
    missing_documents["real"] = True
    office.required_documents = ["ktp", "photo", "ijazah", "kk"]
    office.save()
    profile = CompleteProfileFactory(office=office)

    result = profile_completeness(profile.user)

    assert codes(result) == ["document.ktp", "document.photo", "document.ijazah", "document.kk"]
    assert result.missing[0].url == "/dokumen/ktp/unggah/"


@pytest.mark.parametrize("field", ["nik", "religion"])
def test_a_single_missing_identity_field_is_named(db, field):
    profile = CompleteProfileFactory(**{field: ""})
    result = profile_completeness(profile.user)
    assert codes(result) == [f"identity.{field}"]
    assert result.missing[0].url.endswith(f"#id_{field}")


def test_a_phone_only_account_has_no_email_to_confirm(db):
    from django.utils import timezone

    from pencaker.accounts.models import User

    profile = CompleteProfileFactory(user__email_verified_at=None)
    User.objects.filter(pk=profile.user_id).update(
        email=None, phone="+6281322229393", phone_verified_at=timezone.now()
    )
    profile.user.refresh_from_db()
    assert codes(profile_completeness(profile.user)) == []


def test_a_verified_phone_does_not_replace_confirming_a_given_email(db):
    from django.utils import timezone

    from pencaker.accounts.models import User

    profile = CompleteProfileFactory(user__email_verified_at=None)
    User.objects.filter(pk=profile.user_id).update(
        phone="+6281322229394", phone_verified_at=timezone.now()
    )
    profile.user.refresh_from_db()
    assert codes(profile_completeness(profile.user)) == ["email_verified"]
