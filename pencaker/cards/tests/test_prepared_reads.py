"""The card check's statements written once (core.prepared, issue 18) return what the ORM
returned: the same card with its office, values converted the same way on each database."""

from __future__ import annotations

from pencaker.cards.choices import CardStatus, VerificationMethod, VerificationOutcome
from pencaker.cards.models import Card, VerificationLog
from pencaker.cards.services import verification


def test_prepared_number_read_returns_the_card_the_orm_returns(card, django_assert_num_queries):
    expected = (
        Card.objects.select_related("office")
        .filter(number=card.number)
        .exclude(status=CardStatus.SUPERSEDED)
        .first()
    )
    with django_assert_num_queries(1):
        found = verification._CARD_BY_NUMBER.first(card.number, CardStatus.SUPERSEDED.value)
        # The office came with the card: no second query for what the answer shows.
        office = (found.office.name, found.office.code)
    assert found.pk == expected.pk and office == (expected.office.name, expected.office.code)
    for name in ("number", "version", "status", "issued_on", "valid_until", "birth_date"):
        assert getattr(found, name) == getattr(expected, name), name
    assert found.data == expected.data and isinstance(found.data, dict)
    assert found.holder_name == expected.holder_name and found.nik_masked == expected.nik_masked


def test_prepared_read_answers_none_for_an_unknown_card(card):
    assert verification._CARD_BY_NUMBER.first("0000-0000-000000-0", "superseded") is None
    assert verification._CARD_BY_VERSION.first(card.number, card.version + 5) is None


def test_prepared_version_read_finds_exactly_that_version(card):
    found = verification._CARD_BY_VERSION.first(card.number, card.version)
    assert found.pk == card.pk and found.office_id == card.office_id


def test_answer_built_from_the_prepared_read_matches_the_orm_card(card):
    found = verification._CARD_BY_NUMBER.first(card.number, CardStatus.SUPERSEDED.value)
    full = Card.objects.select_related("office").get(pk=card.pk)
    assert verification.verification_answer(found) == verification.verification_answer(full)


def test_prepared_log_insert_writes_a_complete_row(card):
    verification._log(VerificationMethod.QR, VerificationOutcome.FOUND, "h" * 64, card.pk)
    row = VerificationLog.objects.get(client_hash="h" * 64)
    assert (row.method, row.outcome, row.card_id) == ("qr", "found", card.pk)
    assert row.at is not None and row.at.tzinfo is not None
