"""The batch check of a verified employer (issue 11, item 6)."""

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role
from pencaker.cards import batch_check
from pencaker.cards.models import VerificationLog
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.employers import services as employer_services
from pencaker.employers.kbli import kbli_import_demo
from pencaker.employers.tests.conftest import organisation_fields, pdf_upload, village_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_employer(user_factory, office, operator):
    kbli_import_demo()
    user = user_factory(Role.EMPLOYER)
    organisation = employer_services.organisation_register(
        actor=user, document=pdf_upload(), **organisation_fields(village_in(office))
    )
    employer_services.organisation_verify(actor=operator, organisation_id=organisation.pk)
    return user


def _rows(card, *, wrong_birth=False):
    birth = (
        card.birth_date.replace(year=card.birth_date.year - 1) if wrong_birth else card.birth_date
    )
    return [
        batch_check.BatchRow(1, card.number, card.birth_date),
        batch_check.BatchRow(2, card.number, birth),
        batch_check.BatchRow(3, card.number[:-1] + str((int(card.number[-1]) + 1) % 10), birth),
        batch_check.BatchRow(4, "not a number", birth),
    ]


def test_each_line_is_answered_like_the_public_check_and_logged(verified_employer, card):
    results = batch_check.card_check_many(
        actor=verified_employer, rows=_rows(card, wrong_birth=True)
    )
    assert [r.verification.outcome for r in results] == [
        "found",
        "not_found",
        "bad_check_digit",
        "bad_format",
    ]
    assert results[0].verification.holder_name == card.holder_name
    logs = VerificationLog.objects.filter(method="batch")
    assert logs.count() == 4
    assert logs.filter(outcome="found", card=card).count() == 1
    assert AuditEvent.objects.get(action="employer.cards_checked").data["checks"] == 4


def test_an_unverified_employer_cannot_check_in_bulk(user_factory, card):
    with pytest.raises(PermissionDenied):
        batch_check.card_check_many(actor=user_factory(Role.EMPLOYER), rows=_rows(card))
    assert not VerificationLog.objects.filter(method="batch").exists()


def test_at_most_200_lines(verified_employer, card):
    rows = [batch_check.BatchRow(i, card.number, card.birth_date) for i in range(1, 202)]
    with pytest.raises(DomainError) as info:
        batch_check.card_check_many(actor=verified_employer, rows=rows)
    assert info.value.code == "batch_too_large"


def test_pasted_lines_and_csv_with_a_header_are_read():
    rows = batch_check.batch_rows_parse(
        "nomor;tanggal_lahir\n1671-2026-000123-4;17-08-1995\n\n1671-2026-000124-2;1995-08-17\n"
        "1671-2026-000125-1\n"
    )
    assert [(r.number, str(r.birth_date)) for r in rows[:2]] == [
        ("1671-2026-000123-4", "1995-08-17"),
        ("1671-2026-000124-2", "1995-08-17"),
    ]
    assert rows[2].error


def test_the_page_checks_a_pasted_list(verified_employer, card):
    client = Client()
    client.force_login(verified_employer)
    response = client.post(
        reverse("cards:batch_check"), {"lines": f"{card.number}, {card.birth_date:%d-%m-%Y}"}
    )
    assert response.status_code == 200
    assert card.holder_name in response.content.decode()


def test_the_page_refuses_an_unverified_employer(user_factory):
    client = Client()
    client.force_login(user_factory(Role.EMPLOYER))
    assert client.post(reverse("cards:batch_check"), {"lines": "x,01-01-2000"}).status_code == 403


def test_the_api_answers_each_item_with_its_line(verified_employer, card):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=verified_employer)}")
    response = client.post(
        "/api/v1/cards/verify-batch",
        {"items": [{"number": card.number, "birth_date": card.birth_date.isoformat()}]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()[0]["line"] == 1 and response.json()[0]["outcome"] == "found"


def test_the_api_refuses_anonymous_and_unverified_callers(user_factory):
    body = {"items": [{"number": "1671-2026-000123-4", "birth_date": "1995-08-17"}]}
    assert (
        Client()
        .post("/api/v1/cards/verify-batch", body, content_type="application/json")
        .status_code
        == 401
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user_factory(Role.EMPLOYER))}")
    response = client.post("/api/v1/cards/verify-batch", body, content_type="application/json")
    assert response.status_code == 403
