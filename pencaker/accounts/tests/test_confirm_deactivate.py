"""Deactivating a staff account takes two steps, also without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role


@pytest.mark.django_db
def test_deactivate_asks_for_confirmation_first(admin_client, admin_user, user_factory):
    staff = user_factory(role=Role.OPERATOR, office=admin_user.office, email="rina@example.id")
    url = reverse("accounts:staff_deactivate", args=[staff.pk])
    confirm_url = reverse("accounts:staff_deactivate_confirm", args=[staff.pk])

    listing = admin_client.get(reverse("accounts:staff_list")).content.decode()
    assert f'<form method="post" action="{url}"' not in listing
    assert f'href="{confirm_url}"' in listing

    confirm = admin_client.get(confirm_url)
    assert confirm.status_code == 200
    assert f'<form method="post" action="{url}"' in confirm.content.decode()
    assert "rina@example.id" in confirm.content.decode()
    staff.refresh_from_db()
    assert staff.is_active

    admin_client.post(url)
    staff.refresh_from_db()
    assert not staff.is_active


@pytest.mark.django_db
def test_confirmation_for_staff_of_another_office_is_not_found(
    admin_client, user_factory, other_office
):
    foreign = user_factory(role=Role.OPERATOR, office=other_office)

    response = admin_client.get(reverse("accounts:staff_deactivate_confirm", args=[foreign.pk]))

    assert response.status_code == 404
