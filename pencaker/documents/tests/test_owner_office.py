"""documents learns a document owner's office from the reader seekers registers (it imports
nothing of seekers), and refuses to guess when none is registered."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from pencaker.documents import selectors


def test_the_owner_office_comes_from_the_registered_reader(monkeypatch):
    monkeypatch.setattr(selectors, "_owner_office_reader", lambda owner: 42)
    assert selectors.owner_office_id(object()) == 42


def test_without_a_registered_reader_documents_refuses_to_guess(monkeypatch):
    monkeypatch.setattr(selectors, "_owner_office_reader", None)
    with pytest.raises(ImproperlyConfigured):
        selectors.owner_office_id(object())


def test_seekers_registers_its_reader_when_the_apps_load():
    from pencaker.seekers.selectors import seeker_office_id

    assert selectors._owner_office_reader is seeker_office_id
