import itertools

import pytest

from pencaker.applications import services
from pencaker.applications.choices import ReturnReason, Status
from pencaker.applications.models import Application, ApplicationStatusChange
from pencaker.applications.workflow import ALLOWED, move
from pencaker.core.errors import Conflict, DomainError

ALL = list(Status)
DISALLOWED_PAIRS = [
    (a, b) for a, b in itertools.product(ALL, ALL) if b not in ALLOWED.get(a, frozenset())
]


def test_table_matches_the_design():
    assert ALLOWED == {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.IN_REVIEW: {
            Status.APPROVED,
            Status.NEEDS_CHANGES,
            Status.REJECTED,
            Status.SUBMITTED,
        },
        Status.NEEDS_CHANGES: {Status.SUBMITTED, Status.WITHDRAWN},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), DISALLOWED_PAIRS, ids=str)
def test_disallowed_transition_is_refused_and_leaves_no_trace(
    from_status, to_status, applicant, office, operator
):
    application = Application.objects.create(
        applicant=applicant, office=office, type="new", status=from_status, tracking_number="T-1"
    )
    with pytest.raises(Conflict) as excinfo:
        move(application, to=to_status, actor=operator)
    assert excinfo.value.code == "invalid_transition"
    application.refresh_from_db()
    assert application.status == from_status
    assert not ApplicationStatusChange.objects.exists()


# Each applicant/operator action, the status it needs, and how to call it.
ACTIONS = {
    "claim": (
        {Status.SUBMITTED},
        # Another operator: a second claim by the same operator is a harmless no-op.
        lambda app, op, user: services.application_claim(
            actor=type(op).objects.create_user(
                email="second@example.id", role="operator", office=op.office
            ),
            application_id=app.pk,
        ),
    ),
    "release": (
        {Status.IN_REVIEW},
        lambda app, op, user: services.application_release(actor=op, application_id=app.pk),
    ),
    "approve": (
        {Status.IN_REVIEW},
        lambda app, op, user: services.application_approve(actor=op, application_id=app.pk),
    ),
    "return": (
        {Status.IN_REVIEW},
        lambda app, op, user: services.application_return(
            actor=op,
            application_id=app.pk,
            items=[services.ReturnItemInput("identity", ReturnReason.MISMATCH)],
        ),
    ),
    "reject": (
        {Status.IN_REVIEW},
        lambda app, op, user: services.application_reject(
            actor=op, application_id=app.pk, reason="fraudulent"
        ),
    ),
    "withdraw": (
        {Status.SUBMITTED, Status.NEEDS_CHANGES},
        lambda app, op, user: services.application_withdraw(actor=user, application_id=app.pk),
    ),
    "resubmit": (
        {Status.NEEDS_CHANGES},
        lambda app, op, user: services.application_resubmit(actor=user, application_id=app.pk),
    ),
}
REACHABLE = [
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.NEEDS_CHANGES,
    Status.APPROVED,
    Status.REJECTED,
    Status.WITHDRAWN,
]
DISALLOWED_ACTIONS = [
    (name, status)
    for name, (allowed, _call) in ACTIONS.items()
    for status in REACHABLE
    if status not in allowed
]
ALLOWED_ACTIONS = [
    (name, status)
    for name, (allowed, _call) in ACTIONS.items()
    for status in REACHABLE
    if status in allowed
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), DISALLOWED_ACTIONS, ids=str)
def test_action_in_wrong_status_is_refused(action, status, make_application, operator, applicant):
    application = make_application(status)
    history_before = application.history.count()
    with pytest.raises(DomainError) as excinfo:
        ACTIONS[action][1](application, operator, applicant)
    assert excinfo.value.status == 409
    application.refresh_from_db()
    assert application.status == status
    assert application.history.count() == history_before


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), ALLOWED_ACTIONS, ids=str)
def test_action_in_right_status_writes_one_history_row(
    action, status, make_application, operator, applicant
):
    application = make_application(status)
    history_before = application.history.count()
    ACTIONS[action][1](application, operator, applicant)
    assert application.history.count() == history_before + 1
    last = application.history.last()
    assert last.from_status == status
    assert last.to_status == Application.objects.get(pk=application.pk).status


@pytest.mark.django_db
def test_history_rows_are_append_only(make_application):
    application = make_application()
    row = application.history.get()
    assert (row.from_status, row.to_status) == (Status.DRAFT, Status.SUBMITTED)
    row.note = "changed"
    with pytest.raises(ValueError):
        row.save()
    with pytest.raises(ValueError):
        row.delete()


@pytest.mark.django_db
def test_second_claim_by_the_same_operator_changes_nothing(make_application, operator):
    application = make_application(Status.IN_REVIEW)
    again = services.application_claim(actor=operator, application_id=application.pk)
    assert again.claimed_by == operator
    assert application.history.count() == 2
