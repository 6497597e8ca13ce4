"""A card is never signed with a holder name holding a bidirectional or control
character (issue 14, security item 1)."""

from __future__ import annotations

from pencaker.cards.services import card_issue


def test_card_holder_name_is_printed_without_a_right_to_left_override(
    application_factory, operator
):
    application = application_factory()
    application.snapshot["profile"]["full_name"] = "Siti \u202eRahmawati\u200b\x07"
    application.save()
    card = card_issue(application=application, actor=operator)
    assert card.holder_name == "Siti Rahmawati"
    assert card.data["name"] == "Siti Rahmawati"
