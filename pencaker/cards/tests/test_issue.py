from __future__ import annotations

import pytest

from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card, CardNumberCounter
from pencaker.cards.numbers import parse_card_number
from pencaker.cards.rules import add_months
from pencaker.cards.services import card_issue, card_number_next, card_status_change
from pencaker.core.errors import Conflict
from pencaker.core.models import AuditEvent


def test_issue_gives_a_checked_number_of_the_office_and_year(card, office):
    parsed = parse_card_number(card.number)
    assert parsed.office == "1671"
    assert parsed.year == card.issued_on.year
    assert card.status == CardStatus.ACTIVE
    assert card.version == 1


def test_card_is_valid_two_years_and_copies_the_signer(card):
    assert card.valid_until == add_months(card.issued_on, 24)
    assert card.valid_until.year == card.issued_on.year + 2
    assert card.signer_name == "Rina Pengantar, S.E."
    assert card.signer_nip == "198001012005011001"


def test_issue_freezes_the_snapshot_data(card):
    assert card.holder_name == "Siti Rahmawati"
    assert card.data["name"] == "Siti Rahmawati"
    assert card.data["education"][0]["level"] == "SMA"
    assert "*" in card.nik_masked and card.nik_masked != card.data["nik"]


def test_issue_stores_signed_pdf_and_token(card):
    assert card.has_pdf
    assert card.token and card.token_kid
    with card.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_issue_is_idempotent_per_application(application_factory, operator):
    application = application_factory()
    first = card_issue(application=application, actor=operator)
    second = card_issue(application=application, actor=operator)
    assert first.pk == second.pk
    assert Card.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(action="card.issued").count() == 1


def test_issue_refuses_an_application_that_is_not_approved(application_factory, operator):
    # The approval is checked by the app that orchestrates the issue (applications).
    from pencaker.applications.services import application_card_issue

    application = application_factory(photo=False)
    application.status = "submitted"
    with pytest.raises(Conflict) as caught:
        application_card_issue(application=application, actor=operator)
    assert caught.value.code == "not_approved"


def test_issue_records_history_and_audit(card):
    history = list(card.history.all())
    assert [(h.from_status, h.to_status) for h in history] == [("", CardStatus.ACTIVE)]
    assert AuditEvent.objects.filter(action="card.rendered", object_id=str(card.pk)).exists()


def test_second_application_issues_a_new_version_superseding_the_first(
    card, application_factory, operator
):
    renewal = application_factory(photo=False, type="data_change")
    newer = card_issue(application=renewal, actor=operator)
    card.refresh_from_db()
    assert newer.number == card.number
    assert newer.version == 2
    assert newer.supersedes_id == card.pk
    assert card.status == CardStatus.SUPERSEDED


def test_sequence_counts_up_per_office_and_year(office, other_office):
    from django.db import transaction

    with transaction.atomic():
        a = card_number_next(office=office, year=2026)
        b = card_number_next(office=office, year=2026)
        c = card_number_next(office=office, year=2027)
        d = card_number_next(office=other_office, year=2026)
    assert [parse_card_number(n).sequence for n in (a, b, c, d)] == [1, 2, 1, 1]
    assert parse_card_number(d).office == "1672"
    assert CardNumberCounter.objects.get(office=office, year=2026).last_sequence == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_number_allocation_never_repeats_a_number(office_factory):
    """Eight threads, each with its own database connection, take numbers at once."""
    import threading

    from django.db import connection, transaction

    office = office_factory("16.71", "Dinas Tenaga Kerja Kota Palembang")
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def work():
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    number = card_number_next(office=office, year=2026)
                with lock:
                    results.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 40
    assert len(set(results)) == 40
    assert sorted(parse_card_number(n).sequence for n in results) == list(range(1, 41))


def test_status_change_follows_the_table(card, operator):
    placed = card_status_change(card_id=card.pk, to=CardStatus.PLACED, actor=operator)
    assert placed.status == CardStatus.PLACED
    with pytest.raises(Conflict):
        card_status_change(card_id=card.pk, to=CardStatus.ACTIVE, actor=operator)


def test_issue_task_issues_the_card_after_commit(application_factory):
    from pencaker.applications.tasks import issue_card_for_application

    application = application_factory(photo=False)
    result = issue_card_for_application.call(application.pk)
    assert Card.objects.get(application=application).number in result
