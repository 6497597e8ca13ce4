"""Removing an entry from the profile takes two steps, also without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.seekers.tests.factories import CompleteProfileFactory


@pytest.mark.django_db
def test_removing_an_entry_asks_for_confirmation_first(client):
    profile = CompleteProfileFactory()
    client.force_login(profile.user)
    entry = profile.education.get()
    url = reverse("seekers:education_remove", args=[entry.pk])

    listing = client.get(reverse("seekers:education")).content.decode()
    assert f'<form method="post" action="{url}"' not in listing
    assert f'href="{url}"' in listing

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert f'<form method="post" action="{url}"' in confirm.content.decode()
    assert profile.education.filter(pk=entry.pk).exists()

    client.post(url)
    assert not profile.education.filter(pk=entry.pk).exists()
