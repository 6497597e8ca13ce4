"""Pages: permissions, the happy path, and the errors a person sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.events import services, tickets
from pencaker.events.models import Registration


@pytest.fixture
def operator_client(operator, staff_client_factory):
    return staff_client_factory(operator)


def seeker_client(client, user):
    client.force_login(user)
    return client


def test_public_list_and_detail_need_no_sign_in(client, fair, published, operator):
    services.event_employers_set(
        actor=operator,
        event_id=fair.pk,
        organisation_ids=[published.organisation_id],
        vacancy_ids=[published.pk],
    )
    listing = client.get(reverse("events:list"))
    assert fair.title in listing.content.decode()
    page = client.get(reverse("events:detail", args=[fair.pk])).content.decode()
    assert published.organisation.legal_name in page and published.title in page
    assert client.get(reverse("events:detail", args=[999999])).status_code == 404


def test_register_then_ticket_with_qr_then_cancel(client, fair, seekers):
    c = seeker_client(client, seekers[0])
    response = c.post(reverse("events:register", args=[fair.pk]), {"idempotency_key": "a1"})
    registration = Registration.objects.get()
    assert response.url == reverse("events:ticket", args=[registration.pk])
    page = c.get(response.url).content.decode()
    assert registration.ticket_code in page and "<svg" in page
    c.post(reverse("events:cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_full_event_sends_to_the_waiting_list(client, fair, seekers):
    for s in seekers[:2]:
        services.event_register(actor=s, event_id=fair.pk)
    c = seeker_client(client, seekers[2])
    assert "Masuk daftar tunggu" in c.get(reverse("events:detail", args=[fair.pk])).content.decode()
    response = c.post(reverse("events:register", args=[fair.pk]), follow=True)
    assert Registration.objects.get(seeker=seekers[2]).status == "waitlisted"
    assert "<svg" not in response.content.decode()


def test_a_seeker_sees_only_their_own_ticket(client, fair, seekers):
    registration, _ = services.event_register(actor=seekers[0], event_id=fair.pk)
    c = seeker_client(client, seekers[1])
    assert c.get(reverse("events:ticket", args=[registration.pk])).status_code == 404
    assert c.post(reverse("events:cancel", args=[registration.pk])).status_code == 404


def test_staff_pages_are_for_the_office_only(
    client, fair, seekers, other_operator, staff_client_factory
):
    c = seeker_client(client, seekers[0])
    assert c.get(reverse("events:staff_list")).status_code == 403
    other = staff_client_factory(other_operator)
    assert other.get(reverse("events:staff_detail", args=[fair.pk])).status_code == 404
    assert other.get(reverse("events:checkin", args=[fair.pk])).status_code == 404


def test_staff_create_an_event_with_field_errors_then_valid(operator_client):
    url = reverse("events:staff_create")
    bad = operator_client.post(url, {"kind": "job_fair", "title": "x", "quota": "-1"})
    assert bad.status_code == 400
    form = bad.context["form"]
    assert form.errors["quota"] and form.errors["starts_at"]
    good = operator_client.post(
        url,
        {
            "kind": "walk_in",
            "title": "Walk-in interview PT Maju",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-01T15:00",
            "place": "Aula Disnaker",
            "quota": "50",
        },
    )
    assert good.status_code == 302


def test_checkin_page_by_typed_code_and_by_scanned_link(operator_client, fair, seekers):
    regs = [services.event_register(actor=s, event_id=fair.pk)[0] for s in seekers[:2]]
    url = reverse("events:checkin", args=[fair.pk])
    response = operator_client.post(url, {"code": regs[0].ticket_code})
    assert response.status_code == 200 and response.context["result"].already is False
    token = tickets.token_for(regs[1])
    scanned = operator_client.get(url, {"t": token})
    assert scanned.status_code == 200 and scanned.context["scanned"]
    assert Registration.objects.get(pk=regs[1].pk).status == "registered"  # a GET admits nobody
    response = operator_client.post(url, {"code": token})
    assert response.context["result"].registration.pk == regs[1].pk
    wrong = operator_client.post(url, {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 400 and wrong.context["form"].errors
    nul = operator_client.post(url, {"code": "K7QM\x003XPD"})
    assert nul.status_code == 400


def test_employer_reports_a_hire_from_the_page(
    staff_client_factory, fair, operator, employer, published, seeker_with_card
):
    services.event_employers_set(
        actor=operator, event_id=fair.pk, organisation_ids=[published.organisation_id]
    )
    registration, _ = services.event_register(actor=seeker_with_card, event_id=fair.pk)
    services.event_checkin(actor=operator, event_id=fair.pk, code=registration.ticket_code)
    client = staff_client_factory(employer)  # an owner passes TOTP as staff do
    page = client.get(reverse("events:employer_events"))
    assert page.status_code == 200 and fair.title in page.content.decode()
    client.post(
        reverse("events:employer_hire", args=[fair.pk]),
        {
            "registration": registration.pk,
            "position": "Pembuat Roti",
            "start_date": "2026-01-05",
            "employment_type": "contract",
        },
    )
    assert fair.hires.count() == 1
