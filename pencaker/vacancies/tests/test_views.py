from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.vacancies.models import Vacancy, VacancyApplication
from pencaker.vacancies.tests.conftest import vacancy_fields

pytestmark = pytest.mark.django_db


def test_board_lists_published_only(client, published, employer, signed_office):
    from pencaker.vacancies import services

    draft = services.vacancy_create(
        actor=employer, **vacancy_fields(signed_office, title="Draf Tersembunyi")
    )
    response = client.get(reverse("vacancies:board"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("vacancies:detail", args=[published.pk]) in body
    assert reverse("vacancies:detail", args=[draft.pk]) not in body
    assert "Draf Tersembunyi" not in body


def test_board_filters_and_pagination(client, published, signed_office):
    url = reverse("vacancies:board")
    r = client.get(
        url, {"kabkota": signed_office.region.code, "pendidikan": "SMA", "urut": "closing"}
    )
    assert published.title in r.content.decode()
    r = client.get(url, {"pendidikan": "SD"})
    assert published.title not in r.content.decode()
    assert client.get(url, {"hal": "99"}).status_code == 200


def test_detail_has_json_ld_open_graph_and_share(client, published):
    r = client.get(reverse("vacancies:detail", args=[published.pk]))
    body = r.content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    )
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == published.organisation.legal_name
    assert data["baseSalary"]["value"]["minValue"] == 3_500_000
    assert 'property="og:title"' in body
    assert "https://wa.me/?text=" in body


def test_draft_detail_is_not_public(client, draft):
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 404


def test_feeds(client, published):
    atom = client.get(reverse("vacancies:feed_atom"))
    assert atom.status_code == 200 and published.title in atom.content.decode()
    feed = client.get(reverse("vacancies:feed_json")).json()
    assert feed["items"][0]["id"] == str(published.pk)


def test_seeker_applies_from_the_page_once(client, published, seeker):
    client.force_login(seeker)
    page = client.get(reverse("vacancies:detail", args=[published.pk])).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page)[1]
    url = reverse("vacancies:apply", args=[published.pk])
    assert client.post(url, {"idempotency_key": key}).status_code == 302
    assert client.post(url, {"idempotency_key": key}).status_code == 302
    assert VacancyApplication.objects.count() == 1
    mine = client.get(reverse("vacancies:my_applications")).content.decode()
    assert published.title in mine


def test_ak1_refusal_is_shown_with_the_way_out(client, published_ak1, seeker):
    client.force_login(seeker)
    r = client.post(reverse("vacancies:apply", args=[published_ak1.pk]), follow=True)
    assert "AK/1" in r.content.decode()
    assert VacancyApplication.objects.count() == 0


def _employer_client(client_factory_cls, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    c = client_factory_cls()
    c.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="auth", confirmed=True)
    session = c.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return c


def test_employer_creates_and_submits(client_factory_cls, employer, signed_office):
    c = _employer_client(client_factory_cls, employer)
    fields = vacancy_fields(signed_office)
    fields.update(
        location=signed_office.region.code,
        closing_date=fields["closing_date"].isoformat(),
        skills="adonan",
        apply_method="pencaker",
    )
    r = c.post(reverse("vacancies:employer_create"), fields)
    assert r.status_code == 302, r.context["form"].errors
    vacancy = Vacancy.objects.get()
    c.post(reverse("vacancies:employer_submit", args=[vacancy.pk]))
    vacancy.refresh_from_db()
    assert vacancy.status == "submitted"


def test_employer_sees_only_its_own(client_factory_cls, published, other_employer, seeker):
    from pencaker.vacancies import services

    application, _ = services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    c = _employer_client(client_factory_cls, other_employer)
    assert c.get(reverse("vacancies:employer_detail", args=[published.pk])).status_code == 404
    assert (
        c.get(reverse("vacancies:employer_application", args=[application.pk])).status_code == 404
    )


def test_employer_moves_an_applicant(client_factory_cls, published, employer, seeker):
    from pencaker.vacancies import services

    application, _ = services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    c = _employer_client(client_factory_cls, employer)
    url = reverse("vacancies:employer_application", args=[application.pk])
    assert seeker.seeker_profile.full_name in c.get(url).content.decode()
    r = c.post(url, {"to": "shortlisted", "note": "Bagus"})
    assert r.status_code == 302
    r = c.post(url, {"to": "interview"})
    assert r.status_code == 200 and "interview_place" in r.content.decode()
    when = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    c.post(url, {"to": "interview", "interview_at": when, "interview_place": "Kantor"})
    application.refresh_from_db()
    assert application.status == "interview"


def test_queue_and_review_need_deciding_staff(client, client_factory_cls, submitted, seeker):
    assert client.get(reverse("vacancies:queue")).status_code == 302
    client.force_login(seeker)
    assert client.get(reverse("vacancies:queue")).status_code in (302, 403)


def test_operator_returns_then_publishes(staff_client_factory, operator, submitted, employer):
    c = staff_client_factory(operator)
    queue = c.get(reverse("vacancies:queue")).content.decode()
    assert submitted.title in queue
    r = c.post(reverse("vacancies:return", args=[submitted.pk]), {"item_salary": "Cantumkan gaji"})
    assert r.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "draft"
    from pencaker.vacancies import services

    services.vacancy_submit(actor=employer, vacancy_id=submitted.pk)
    c.post(reverse("vacancies:publish", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_other_office_cannot_review(staff_client_factory, other_operator, submitted):
    c = staff_client_factory(other_operator)
    assert c.get(reverse("vacancies:review", args=[submitted.pk])).status_code == 404


def test_printable_announcement_has_a_qr_to_the_vacancy(client, published, employer, signed_office):
    from pencaker.vacancies import services

    draft = services.vacancy_create(actor=employer, **vacancy_fields(signed_office))
    r = client.get(reverse("vacancies:announcement", args=[published.pk]))
    body = r.content.decode()
    assert r.status_code == 200
    assert '<svg role="img"' in body and published.title in body
    assert reverse("vacancies:detail", args=[published.pk]) in body
    assert client.get(reverse("vacancies:announcement", args=[draft.pk])).status_code == 404


def test_staff_see_an_employers_vacancies_applicants_and_hires(
    staff_client_factory, operator, other_operator, published, seeker
):
    from pencaker.vacancies import services

    services.vacancy_apply(actor=seeker, vacancy_id=published.pk)
    url = reverse("vacancies:staff_employer", args=[published.organisation_id])
    body = staff_client_factory(operator).get(url).content.decode()
    assert published.title in body and "<td>1</td>" in body
    assert staff_client_factory(other_operator).get(url).status_code == 404
