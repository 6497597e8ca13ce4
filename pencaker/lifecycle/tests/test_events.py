from __future__ import annotations

import datetime as dt

import pytest

from pencaker.lifecycle.choices import EventKind
from pencaker.lifecycle.events import age_group, highest_education, seeker_event_record
from pencaker.lifecycle.models import SeekerEvent
from pencaker.lifecycle.tests.conftest import ISSUED


@pytest.mark.parametrize(
    ("birth", "day", "group"),
    [
        (dt.date(2006, 5, 1), dt.date(2025, 4, 30), "15-19"),
        (dt.date(2005, 5, 1), dt.date(2025, 4, 30), "15-19"),
        (dt.date(2005, 5, 1), dt.date(2025, 5, 1), "20-29"),
        (dt.date(1996, 1, 1), dt.date(2025, 12, 31), "20-29"),
        (dt.date(1995, 1, 1), dt.date(2025, 1, 1), "30-44"),
        (dt.date(1981, 1, 2), dt.date(2025, 1, 1), "30-44"),
        (dt.date(1980, 1, 1), dt.date(2025, 1, 1), "45-54"),
        (dt.date(1970, 1, 1), dt.date(2025, 1, 1), "55+"),
    ],
)
def test_age_group_is_computed_on_the_event_day(birth, day, group):
    assert age_group(birth, day) == group


def test_highest_education_uses_the_level_order():
    assert highest_education(["SMA", "S1", "D3"]) == "S1"
    assert highest_education(["SMK", "SD"]) == "SMK"
    assert highest_education(["??"]) == ""


def test_new_card_records_registered_with_frozen_attributes(card, holder, office):
    event = SeekerEvent.objects.get(holder=holder)
    assert event.kind == EventKind.REGISTERED
    assert event.occurred_on == ISSUED
    assert event.office == office
    assert event.card == card
    assert event.sex == "F"
    assert event.birth_date == dt.date(2000, 3, 10)
    assert event.age_group == "20-29"
    assert event.education_level == "SMA"
    assert event.placement_area == ""


def test_frozen_attributes_do_not_follow_later_profile_edits(card, holder):
    profile = holder.seeker_profile
    profile.sex = "M"
    profile.birth_date = dt.date(1960, 1, 1)
    profile.save()
    profile.education.update(level="S1")
    event = SeekerEvent.objects.get(holder=holder)
    event.refresh_from_db()
    assert (event.sex, event.age_group, event.education_level) == ("F", "20-29", "SMA")


def test_events_are_append_only(card, holder):
    event = SeekerEvent.objects.get(holder=holder)
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_hook_is_idempotent_per_card(card, holder):
    from pencaker.lifecycle.events import on_card_issued

    assert on_card_issued(card, renewal=False) is None
    assert SeekerEvent.objects.filter(holder=holder).count() == 1


def test_renewal_of_an_open_registration_is_not_a_new_registration(issue_card, holder, card):
    renewed = issue_card(holder, on=ISSUED + dt.timedelta(days=700), type="renewal")
    assert renewed.number == card.number and renewed.version == 2
    kinds = list(SeekerEvent.objects.filter(holder=holder).values_list("kind", flat=True))
    assert kinds == [EventKind.REGISTERED, EventKind.RENEWED]


def test_data_change_of_an_open_registration_records_nothing(issue_card, holder, card):
    issue_card(holder, on=ISSUED + dt.timedelta(days=30), type="data_change")
    assert SeekerEvent.objects.filter(holder=holder).count() == 1


def test_renewal_after_the_expiry_was_applied_is_a_new_registration(issue_card, holder, card):
    seeker_event_record(kind=EventKind.EXPIRED, card=card, on=card.valid_until)
    issue_card(holder, on=card.valid_until + dt.timedelta(days=10), type="renewal")
    kinds = list(SeekerEvent.objects.filter(holder=holder).values_list("kind", flat=True))
    assert kinds == [EventKind.REGISTERED, EventKind.EXPIRED, EventKind.REGISTERED]


def test_placement_area_is_kept_only_for_placed_events(card):
    event = seeker_event_record(kind=EventKind.REPORTED, card=card, on=ISSUED, placement_area="AKL")
    assert event.placement_area == ""
    placed = seeker_event_record(kind=EventKind.PLACED, card=card, on=ISSUED, placement_area="AKAN")
    assert placed.placement_area == "AKAN"
