"""On a 360 px phone the verdict's values stay inside their panel, however long the
office's name or the holder's name."""

from __future__ import annotations

import pytest

from pencaker.e2e import page_checks

pytestmark = pytest.mark.browser


@pytest.fixture
def wordy_card(office, holder, application_factory, operator):
    from pencaker.cards.services import card_issue

    office.name = "DinasTenagaKerjadanTransmigrasiKotaPalembangProvinsiSumateraSelatan"
    office.save()
    profile = holder.seeker_profile
    profile.full_name = "Siti Rahmawati Kusumaningtyas Purnamasari Wulandari Anggraeni"
    profile.save()
    return card_issue(application=application_factory(), actor=operator)


def test_long_values_stay_inside_the_verdict_panel(page, live_server, wordy_card):
    page.goto(live_server.url + "/kartu/cek/")
    page.get_by_label("Nomor kartu").fill(wordy_card.number)
    page.get_by_label("Tanggal lahir pemegang kartu").fill(wordy_card.birth_date.isoformat())
    page.get_by_role("button", name="Periksa kartu").click()
    page.get_by_role("status").filter(has_text="Kartu asli").wait_for()

    assert page_checks.measure(page) == []
