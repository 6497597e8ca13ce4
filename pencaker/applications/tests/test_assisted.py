"""Assisted registration: an operator files account, profile, documents and request."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from pencaker.accounts.models import User
from pencaker.applications import assisted
from pencaker.applications.choices import Status
from pencaker.applications.models import Application
from pencaker.applications.tests.conftest import jpeg_upload
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification
from pencaker.seekers.tests.factories import nik_for, region_chain

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1998, 3, 14)


@pytest.fixture
def village(office):
    return region_chain()


@pytest.fixture
def verified_operator(operator):
    operator.is_verified = lambda: True  # passed TOTP in the session (as the view requires)
    return operator


def citizen(**changes) -> assisted.CitizenInput:
    values = {
        "email": "budi.walkin@example.id",
        "phone": "0812 3456 7890",
        "full_name": "Budi Santoso",
        "nik": nik_for(district_code="16.71.01", birth_date=BIRTH, sex="M", serial=77),
        "birth_place": "Palembang",
        "birth_date": BIRTH,
        "sex": "M",
        "marital_status": "single",
        "religion": "islam",
        "address_line": "Jl. Sudirman No. 5",
        "rt": "3",
        "rw": "4",
        "village_code": "16.71.01.1001",
        "education_level": "SMA",
        "institution": "SMA Negeri 3 Palembang",
        "graduation_year": 2016,
        "documents": {kind: jpeg_upload(kind) for kind in ("ktp", "photo", "ijazah")},
    }
    values.update(changes)
    return assisted.CitizenInput(**values)


def test_operator_creates_account_profile_documents_and_request(
    verified_operator, village, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application, created = assisted.application_submit_assisted(
            actor=verified_operator, citizen=citizen(), consent=True, idempotency_key="loket-1"
        )
    assert created
    assert application.status == Status.SUBMITTED
    assert application.assisted_by == verified_operator
    assert application.office == office
    user = application.applicant
    assert user.email == "budi.walkin@example.id"
    assert user.phone == "+6281234567890"
    user.seeker_profile.refresh_from_db()
    assert user.seeker_profile.nik == citizen().nik
    assert sorted(d["kind"] for d in application.documents) == ["ijazah", "ktp", "photo"]
    assert application.history.get().actor == verified_operator
    event = AuditEvent.objects.get(action="application.assisted_registration")
    assert event.actor_id == verified_operator.pk
    # The citizen's set-password email went through the outbox, with a reset-token link.
    note = Notification.objects.get(kind="account.assisted_set_password")
    assert note.recipient == user.email
    message = next(m for m in mail.outbox if m.subject == note.subject)
    link = re.search(r"http\S+/akun/\S+", message.body).group(0)
    assert application.tracking_number in message.body
    path = link.split("127.0.0.1:8000", 1)[1]
    assert path.startswith("/akun/")


def test_set_password_link_lets_the_citizen_choose_a_password(verified_operator, village, client):
    application, _ = assisted.application_submit_assisted(
        actor=verified_operator, citizen=citizen(), consent=True
    )
    url = assisted.set_password_url(application.applicant)
    response = client.get(url.split("127.0.0.1:8000", 1)[1], follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    response = client.post(
        form_url,
        {"new_password1": "Kata-Sandi-Baru-77", "new_password2": "Kata-Sandi-Baru-77"},
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(pk=application.applicant_id)
    assert user.check_password("Kata-Sandi-Baru-77")


def test_same_key_twice_returns_the_first_request(verified_operator, village):
    first, _ = assisted.application_submit_assisted(
        actor=verified_operator, citizen=citizen(), consent=True, idempotency_key="k"
    )
    again, created = assisted.application_submit_assisted(
        actor=verified_operator, citizen=citizen(), consent=True, idempotency_key="k"
    )
    assert (again.pk, created) == (first.pk, False)
    assert Application.objects.count() == 1


def test_missing_photo_rolls_back_everything(verified_operator, village):
    documents = {kind: jpeg_upload(kind) for kind in ("ktp", "ijazah")}
    with pytest.raises(DomainError) as excinfo:
        assisted.application_submit_assisted(
            actor=verified_operator, citizen=citizen(documents=documents), consent=True
        )
    assert excinfo.value.code == "checklist_incomplete"
    assert [m["code"] for m in excinfo.value.details["missing"]] == ["document.photo"]
    assert not User.objects.filter(email="budi.walkin@example.id").exists()
    assert not Application.objects.exists()


def test_citizen_of_another_office_is_refused(verified_operator, office, other_office):
    region_chain("16.72.01.1001", "Kelurahan Lain")
    with pytest.raises(PermissionDenied):
        assisted.application_submit_assisted(
            actor=verified_operator,
            citizen=citizen(village_code="16.72.01.1001"),
            consent=True,
        )
    assert not User.objects.filter(email="budi.walkin@example.id").exists()


def test_unknown_village_code_is_a_field_error(verified_operator, village):
    with pytest.raises(DomainError) as excinfo:
        assisted.application_submit_assisted(
            actor=verified_operator, citizen=citizen(village_code="99.99"), consent=True
        )
    assert "village_code" in excinfo.value.details["fields"]


def test_job_seeker_cannot_register_others(applicant, village):
    with pytest.raises(PermissionDenied):
        assisted.application_submit_assisted(actor=applicant, citizen=citizen(), consent=True)


def post_data(**changes):
    data = {
        "email": "siti.loket@example.id",
        "phone": "081298765432",
        "full_name": "Siti Aminah",
        "nik": nik_for(district_code="16.71.01", birth_date=BIRTH, sex="F", serial=78),
        "birth_place": "Palembang",
        "birth_date": BIRTH.isoformat(),
        "sex": "F",
        "marital_status": "single",
        "religion": "islam",
        "address_line": "Jl. Sudirman No. 7",
        "village_code": "16.71.01.1001",
        "education_level": "SMA",
        "institution": "SMA Negeri 3 Palembang",
        "graduation_year": "2016",
        "type": "new",
        "consent": "on",
        "idempotency_key": "form-1",
        "document_ktp": jpeg_upload("ktp"),
        "document_photo": jpeg_upload("photo"),
        "document_ijazah": jpeg_upload("ijazah"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_page_creates_the_request_and_opens_the_review(staff_client_factory, operator, village):
    client = staff_client_factory(operator)
    url = reverse("applications:assisted")
    assert client.get(url).status_code == 200
    response = client.post(url, post_data())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:review", args=[application.pk])
    assert application.assisted_by == operator


def test_page_shows_the_nik_error_next_to_the_field(staff_client_factory, operator, village):
    client = staff_client_factory(operator)
    response = client.post(reverse("applications:assisted"), post_data(nik="1671011403980078"))
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(r'class="error" id="id_(nik|sex)_error">[^<]*NIK', content)
    assert not Application.objects.exists()


def test_page_requires_consent_and_the_files(staff_client_factory, operator, village):
    client = staff_client_factory(operator)
    response = client.post(
        reverse("applications:assisted"), post_data(consent=None, document_photo=None)
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_consent_error"' in content
    assert 'id="id_document_photo_error"' in content


def test_page_is_for_operators_only(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("applications:assisted")).status_code == 403
