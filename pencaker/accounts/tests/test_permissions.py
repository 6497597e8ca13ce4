from types import SimpleNamespace

import pytest

from pencaker.accounts.models import STAFF_ROLES, Role
from pencaker.accounts.permissions import DECIDING_ROLES, can_decide


def test_deciding_roles_are_the_staff_who_do_not_only_read():
    assert DECIDING_ROLES == {Role.OPERATOR, Role.ADMIN_DINAS}
    assert DECIDING_ROLES < STAFF_ROLES


@pytest.mark.parametrize(
    ("role", "office_id", "asked", "allowed"),
    [
        (Role.OPERATOR, 1, None, True),
        (Role.ADMIN_DINAS, 1, None, True),
        (Role.OPERATOR, 1, 1, True),
        (Role.OPERATOR, 1, 2, False),  # another office
        (Role.OPERATOR, None, None, False),  # staff without an office
        (Role.PIMPINAN, 1, 1, False),  # reads only
        (Role.JOB_SEEKER, 1, None, False),
    ],
)
def test_can_decide(role, office_id, asked, allowed):
    user = SimpleNamespace(role=role, office_id=office_id)
    assert can_decide(user, asked) is allowed


def test_anonymous_cannot_decide():
    assert not can_decide(SimpleNamespace())
