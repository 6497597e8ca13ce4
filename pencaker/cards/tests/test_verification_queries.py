"""Query budgets of public verification (issue 7, load targets).

A check is one rate-limit count, one read of the card with its office, and one log row that
commits before the answer; only an old (superseded) version needs one more read, for the
number of the newer version. These tests fail when a change adds queries or a transaction
around them; they count queries, never time.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pencaker.cards.choices import CardStatus, VerificationOutcome
from pencaker.cards.models import VerificationLog
from pencaker.cards.services import card_issue, card_verify_number, card_verify_token

IP = "198.51.100.20"


def test_number_check_is_three_queries_and_logged(card, django_assert_num_queries):
    with django_assert_num_queries(3):
        result = card_verify_number(number=card.number, birth_date=card.birth_date, ip_address=IP)
    assert result.found and result.newer_version is None
    assert VerificationLog.objects.filter(card=card, outcome=VerificationOutcome.FOUND).count() == 1


def test_refused_number_check_is_two_queries_and_logged(card, django_assert_num_queries):
    with django_assert_num_queries(2):
        result = card_verify_number(number="12", birth_date=None, ip_address=IP)
    assert result.outcome == VerificationOutcome.BAD_FORMAT
    assert VerificationLog.objects.filter(outcome=VerificationOutcome.BAD_FORMAT).count() == 1


def test_check_runs_without_a_transaction_of_its_own(card):
    with CaptureQueriesContext(connection) as context:
        card_verify_number(number=card.number, birth_date=card.birth_date, ip_address=IP)
    statements = [q["sql"].split()[0].upper() for q in context.captured_queries]
    assert "SAVEPOINT" not in statements and "BEGIN" not in statements


def test_current_card_token_check_is_four_queries(card, django_assert_num_queries):
    # The published keys, the rate count, the card, the log row.
    with django_assert_num_queries(4):
        result = card_verify_token(token=card.token, ip_address=IP)
    assert result.status == CardStatus.ACTIVE and result.newer_version is None


def test_old_version_token_names_the_newer_version_with_one_more_read(
    card, application_factory, operator, django_assert_num_queries
):
    newer = card_issue(application=application_factory(photo=False), actor=operator)
    with django_assert_num_queries(5):
        result = card_verify_token(token=card.token, ip_address=IP)
    assert result.status == CardStatus.SUPERSEDED
    assert result.newer_version == newer.version
    assert result.office_code == card.office.code
