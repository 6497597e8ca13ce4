import pytest
from django.urls import reverse

from pencaker.applications.choices import Status
from pencaker.applications.models import Application


@pytest.fixture
def seeker_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_start_page_lists_missing_items_with_links(client, seeker_factory):
    client.force_login(seeker_factory(documents=("ktp", "ijazah")))
    response = client.get(reverse("applications:start"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pas foto berwarna 3x4" in content
    assert 'href="/dokumen/' in content


@pytest.mark.django_db
def test_submit_refused_shows_the_missing_items(seeker_client, applicant):
    applicant.seeker_profile.education.all().delete()
    response = seeker_client.post(
        reverse("applications:start"), {"type": "new", "idempotency_key": "k1"}
    )
    assert response.status_code == 400
    assert "Minimal satu riwayat pendidikan" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_double_submit_with_same_key_creates_one_application(seeker_client):
    url = reverse("applications:start")
    first = seeker_client.post(url, {"type": "new", "idempotency_key": "same"})
    second = seeker_client.post(url, {"type": "new", "idempotency_key": "same"})
    application = Application.objects.get()
    target = reverse("applications:detail", args=[application.tracking_number])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == target


@pytest.mark.django_db
def test_status_page_shows_return_reasons_and_timeline(seeker_client, make_application):
    application = make_application(Status.NEEDS_CHANGES)
    response = seeker_client.get(reverse("applications:detail", args=[application.tracking_number]))
    assert response.status_code == 200
    content = response.content.decode()
    assert application.tracking_number in content
    assert 'action="/permohonan/' in content and "kirim-ulang" in content


@pytest.mark.django_db
def test_other_person_gets_404_on_status_page(client, make_application, seeker_factory):
    application = make_application()
    client.force_login(seeker_factory())
    response = client.get(reverse("applications:detail", args=[application.tracking_number]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("applications:start"))
    assert response.status_code == 302
    assert "/akun/" in response["Location"]


@pytest.mark.django_db
def test_queue_shows_only_own_office(
    staff_client_factory, operator, make_application, foreign_operator
):
    application = make_application()
    own = staff_client_factory(operator).get(reverse("applications:queue"))
    foreign = staff_client_factory(foreign_operator).get(reverse("applications:queue"))
    assert application.tracking_number.encode() in own.content
    assert application.tracking_number.encode() not in foreign.content


@pytest.mark.django_db
def test_review_of_other_office_is_404(staff_client_factory, foreign_operator, make_application):
    application = make_application()
    response = staff_client_factory(foreign_operator).get(
        reverse("applications:review", args=[application.pk])
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_job_seeker_cannot_open_queue(seeker_client):
    assert seeker_client.get(reverse("applications:queue")).status_code == 403


@pytest.mark.django_db
def test_operator_claims_returns_with_two_reasons_and_applicant_sees_them(
    staff_client_factory, operator, make_application, seeker_client
):
    application = make_application()
    staff = staff_client_factory(operator)
    staff.post(reverse("applications:claim", args=[application.pk]))
    page = staff.get(reverse("applications:review", args=[application.pk]))
    assert page.status_code == 200
    response = staff.post(
        reverse("applications:return", args=[application.pk]),
        {
            "reasons__document:photo": ["photo_rules"],
            "text__document:photo": "Latar belakang harus merah",
            "reasons__address": ["incomplete"],
            "text__address": "RT dan RW belum diisi",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.NEEDS_CHANGES
    status_page = seeker_client.get(
        reverse("applications:detail", args=[application.tracking_number])
    ).content.decode()
    assert "Latar belakang harus merah" in status_page
    assert "RT dan RW belum diisi" in status_page


@pytest.mark.django_db
def test_return_without_reasons_shows_error_on_the_page(
    staff_client_factory, operator, make_application
):
    application = make_application(Status.IN_REVIEW)
    response = staff_client_factory(operator).post(
        reverse("applications:return", args=[application.pk]), {"note": "x"}
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


@pytest.mark.django_db
def test_second_approval_shows_conflict_message(staff_client_factory, operator, make_application):
    application = make_application(Status.IN_REVIEW)
    staff = staff_client_factory(operator)
    staff.post(reverse("applications:approve", args=[application.pk]))
    response = staff.post(reverse("applications:approve", args=[application.pk]), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("sudah diputuskan" in m or "already been decided" in m for m in messages)


@pytest.mark.django_db
def test_dashboard_renders_for_staff(staff_client_factory, operator, make_application):
    make_application(Status.APPROVED)
    response = staff_client_factory(operator).get(reverse("applications:dashboard"))
    assert response.status_code == 200
    assert b"<table>" in response.content
