import pytest
from django.urls import reverse

from pencaker.accounts.models import Role, User
from pencaker.employers.choices import Status
from pencaker.employers.models import Organisation
from pencaker.employers.tests.conftest import NIB, NPWP
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _form_data(village, **overrides):
    data = {
        "legal_name": "PT Sriwijaya Roti Abadi",
        "type": "pt",
        "nib": NIB,
        "npwp": NPWP,
        "sector": "10710",
        "address_line": "Jl. Kolonel Atmo No. 5",
        "province": village.parent.parent.parent_id,
        "regency": village.parent.parent_id,
        "district": village.parent_id,
        "village": village.pk,
        "postal_code": "30121",
        "contact_name": "Dewi Lestari",
        "phone": "0812 3456 7890",
        "email": "kontak@sriwijaya-roti.example.id",
        "size_band": "20_99",
        "website": "",
    }
    data.update(overrides)
    return data


def test_employer_sign_up_creates_an_employer_account_and_leads_to_registration(client, db):
    response = client.post(
        reverse("employers:signup"),
        {
            "email": "hrd@example.id",
            "phone": "0812 3456 7890",
            "full_name": "Dewi HRD",
            "password1": "Kue-Lapis-2026!",
            "password2": "Kue-Lapis-2026!",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("employers:register")
    user = User.objects.get(email="hrd@example.id")
    assert user.role == Role.EMPLOYER
    assert client.get(reverse("employers:register")).status_code == 200


def test_registration_page_sends_the_organisation_with_its_document(
    employer, employer_client_factory, village
):
    from pencaker.employers.tests.conftest import pdf_upload

    client = employer_client_factory(employer, otp=False)
    response = client.post(
        reverse("employers:register"), {**_form_data(village), "document": pdf_upload()}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get()
    assert organisation.status == Status.SUBMITTED and organisation.documents.count() == 1


def test_registration_errors_are_shown_next_to_the_fields(
    employer, employer_client_factory, village
):
    from pencaker.employers.tests.conftest import pdf_upload

    client = employer_client_factory(employer, otp=False)
    response = client.post(
        reverse("employers:register"),
        {**_form_data(village, nib="123", npwp=""), "document": pdf_upload()},
    )
    assert response.status_code == 400
    assert "13 digit" in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_refresh_button_walks_the_address_without_saving(
    employer, employer_client_factory, village
):
    client = employer_client_factory(employer, otp=False)
    response = client.post(
        reverse("employers:register"),
        {"province": village.parent.parent.parent_id, "region_refresh": "1"},
    )
    assert response.status_code == 200
    assert village.parent.parent_id in response.content.decode()
    assert not Organisation.objects.exists()


def test_an_owner_must_pass_two_step_verification_to_open_the_home_page(
    submitted, employer, employer_client_factory
):
    client = employer_client_factory(employer, otp=False)
    response = client.get(reverse("employers:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    # The two-step page serves employer accounts (set-up of the authenticator).
    page = client.get(response["Location"])
    assert page.status_code == 200 and "otp-secret" in page.content.decode()


def test_home_shows_status_members_and_the_badge_once_verified(
    verified, employer, employer_client_factory
):
    page = employer_client_factory(employer).get(reverse("employers:home")).content.decode()
    assert "PT Sriwijaya Roti Abadi" in page
    assert "badge-verified" in page
    assert employer.email in page
    assert reverse("cards:batch_check") in page


def test_home_without_badge_while_waiting(submitted, employer, employer_client_factory):
    page = employer_client_factory(employer).get(reverse("employers:home")).content.decode()
    assert "badge-verified" not in page


def test_returned_registration_is_fixed_on_the_edit_page(
    returned, employer, employer_client_factory, village
):
    client = employer_client_factory(employer)
    assert "Unggah cetakan NIB" in client.get(reverse("employers:edit")).content.decode()
    response = client.post(
        reverse("employers:edit"), _form_data(village, legal_name="PT Sriwijaya Roti")
    )
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == Status.SUBMITTED and returned.legal_name == "PT Sriwijaya Roti"


def test_the_owner_invites_and_removes_from_the_home_page(
    verified, employer, employer_client_factory
):
    client = employer_client_factory(employer)
    client.post(reverse("employers:member_invite"), {"email": "staf@example.id"})
    member = User.objects.get(email="staf@example.id")
    assert Notification.objects.filter(recipient="staf@example.id").exists()
    membership = member.employer_membership
    client.post(reverse("employers:member_remove", args=[membership.pk]))
    member.refresh_from_db()
    assert not member.is_active


def test_job_seekers_and_anonymous_visitors_do_not_reach_employer_pages(
    client, user_factory, submitted
):
    assert client.get(reverse("employers:home")).status_code == 302
    seeker = user_factory(Role.JOB_SEEKER)
    client.force_login(seeker)
    assert client.get(reverse("employers:home")).status_code == 403


# --- Staff ----------------------------------------------------------------------------------


def test_the_queue_lists_the_office_employers_with_time_left(
    submitted, operator, staff_client_factory
):
    page = staff_client_factory(operator).get(reverse("employers:queue")).content.decode()
    assert "PT Sriwijaya Roti Abadi" in page
    assert "working hours left" in page or "jam kerja" in page


def test_staff_of_another_office_see_nothing_and_get_404(
    submitted, other_operator, staff_client_factory
):
    client = staff_client_factory(other_operator)
    assert "PT Sriwijaya Roti Abadi" not in client.get(reverse("employers:queue")).content.decode()
    assert client.get(reverse("employers:review", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("employers:document", args=[submitted.pk])).status_code == 404
    assert client.post(reverse("employers:verify", args=[submitted.pk])).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_the_operator_verifies_from_the_decide_page(submitted, operator, staff_client_factory):
    client = staff_client_factory(operator)
    page = client.get(reverse("employers:review", args=[submitted.pk]))
    assert page.status_code == 200
    document = client.get(reverse("employers:document", args=[submitted.pk]))
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    response = client.post(reverse("employers:verify", args=[submitted.pk]), {"note": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.is_verified


def test_return_without_any_text_shows_the_error(submitted, operator, staff_client_factory):
    response = staff_client_factory(operator).post(
        reverse("employers:return", args=[submitted.pk]), {"note": "x"}
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_return_with_texts_sends_it_back(submitted, operator, staff_client_factory):
    response = staff_client_factory(operator).post(
        reverse("employers:return", args=[submitted.pk]),
        {"fix_address": "Alamat tidak lengkap", "note": ""},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.NEEDS_CHANGES


def test_a_decision_twice_shows_the_conflict(verified, operator, staff_client_factory):
    response = staff_client_factory(operator).post(
        reverse("employers:reject", args=[verified.pk]), {"reason": "duplicate"}
    )
    assert response.status_code == 400
    verified.refresh_from_db()
    assert verified.is_verified


def test_the_head_of_office_cannot_post_decisions(
    submitted, user_factory, office, staff_client_factory
):
    head = user_factory(Role.PIMPINAN, office=office)
    client = staff_client_factory(head)
    assert client.get(reverse("employers:review", args=[submitted.pk])).status_code == 200
    assert client.post(reverse("employers:verify", args=[submitted.pk])).status_code == 403


def test_the_staff_dashboard_links_to_the_employer_queue(operator, staff_client_factory):
    page = staff_client_factory(operator).get(reverse("accounts:staff_home")).content.decode()
    assert reverse("employers:queue") in page


def test_a_refused_document_is_named_next_to_the_file_field(
    employer, employer_client_factory, village
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.documents.tests.samples import exe

    client = employer_client_factory(employer, otp=False)
    response = client.post(
        reverse("employers:register"),
        {**_form_data(village), "document": SimpleUploadedFile("nib.pdf", exe())},
    )
    assert response.status_code == 400
    assert 'id="id_document_error"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_employers_see_their_own_menu_not_the_job_seeker_one(
    submitted, employer, employer_client_factory
):
    page = employer_client_factory(employer).get(reverse("employers:home")).content.decode()
    assert reverse("employers:home") in page and reverse("cards:batch_check") in page
    assert reverse("seekers:overview") not in page


def test_the_home_page_invites_employers_to_sign_up(client, db):
    assert reverse("employers:signup") in client.get(reverse("public:home")).content.decode()
