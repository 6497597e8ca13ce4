import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.models import User
from pencaker.documents.models import DocumentVersion
from pencaker.offices.models import Office
from pencaker.regions.models import Region
from pencaker.seekers.models import ProfileChange
from pencaker.seekers.selectors import profile_completeness


def _counts():
    return (
        User.objects.count(),
        Office.objects.count(),
        Region.objects.count(),
        DocumentVersion.objects.count(),
        ProfileChange.objects.count(),
        TOTPDevice.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    counts = _counts()
    call_command("seed_demo")
    assert _counts() == counts


@pytest.mark.django_db
def test_demo_office_has_18_kecamatan_and_staff_with_two_factor():
    call_command("seed_demo")
    office = Office.objects.get(code="16.71")
    assert Region.objects.filter(parent_id="16.71", level="district").count() == 18
    operator = office.staff.get(role="operator")
    assert TOTPDevice.objects.filter(user=operator, confirmed=True).exists()


@pytest.mark.django_db
def test_demo_job_seeker_has_a_complete_profile():
    call_command("seed_demo")
    seeker = User.objects.get(email="pencaker@demo.pencaker.id")
    completeness = profile_completeness(seeker)
    assert completeness.missing == []
    assert completeness.is_complete


@pytest.mark.django_db
def test_demo_job_seeker_has_an_issued_signed_card(settings, tmp_path):
    from pencaker.cards.models import Card

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")
    seeker = User.objects.get(email="pencaker@demo.pencaker.id")
    cards = Card.objects.filter(holder=seeker)
    assert cards.count() == 1
    assert cards.get().status == "active"
    assert cards.get().pdf_sha256


@pytest.mark.django_db
def test_demo_has_two_verified_employers_and_an_employer_login_with_two_factor(settings, tmp_path):
    from pencaker.employers.models import Organisation
    from pencaker.employers.selectors import organisation_of

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")
    assert Organisation.objects.filter(status="verified").count() == 2
    login = User.objects.get(email="employer@demo.pencaker.id")
    assert login.role == "employer" and login.office is None
    assert organisation_of(login).is_verified
    assert TOTPDevice.objects.filter(user=login, confirmed=True).exists()


@pytest.mark.django_db
def test_demo_employers_have_published_vacancies(settings, tmp_path):
    from pencaker.vacancies.models import Vacancy

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")
    published = Vacancy.objects.filter(status="published")
    assert published.count() == 2
    assert published.filter(ak1_required=True).count() == 1
    assert published.filter(disability_friendly=True).exclude(accommodations="").count() == 1


@pytest.mark.django_db
def test_demo_has_one_upcoming_job_fair_with_the_demo_employers(settings, tmp_path):
    from pencaker.events.models import Event
    from pencaker.events.selectors import event_list_public

    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")
    assert Event.objects.count() == 1
    fair = event_list_public().get()
    assert fair.kind == "job_fair" and fair.quota == 200
    rows = list(fair.employers.all())
    assert len(rows) == 2
    assert sum(row.vacancies.count() for row in rows) == 2


@pytest.mark.django_db
def test_demo_has_a_phone_only_citizen_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from pencaker.demo import seed as demo_seed

    demo_seed.seed_all()
    demo_seed.seed_all()
    users = User.objects.filter(phone=demo_seed.DEMO_PHONE, phone_verified_at__isnull=False)
    assert users.count() == 1
    assert users.get().email is None
