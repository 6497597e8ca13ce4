from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.fixture
def signup_data(db):
    return {
        "email": "Siti.Aminah@Example.id",
        "phone": "0812-3456-7890",
        "full_name": "Siti  Aminah",
        "password1": "Kuning-Kartu-77",
        "password2": "Kuning-Kartu-77",
        "consent": "on",
    }


@pytest.fixture
def admin_user(user_factory, office):
    from pencaker.accounts.models import Role

    return user_factory(role=Role.ADMIN_DINAS, office=office, full_name="Admin Palembang")


@pytest.fixture
def admin_client(admin_user, staff_client_factory):
    return staff_client_factory(admin_user)
