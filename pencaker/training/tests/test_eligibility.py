"""Each eligibility rule, met and not met, with the message the seeker reads (Indonesian)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from pencaker.training import eligibility
from pencaker.training.eligibility import DECLARE, MET, UNMET, PastProgramme, SeekerFacts
from pencaker.training.models import Programme

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.fixture
def programme(office):
    return Programme(
        office=office,
        title="Menjahit",
        provider_name="BLK",
        kind="menjahit",
        age_min=18,
        min_education="SMA",
        repeat_years=2,
    )


def one(programme, code, facts):
    programme.rules = [code]
    [result] = eligibility.evaluate(programme, facts, today=TODAY)
    return result


def test_age_met(programme):
    r = one(programme, "age", SeekerFacts(has_profile=True, birth_date=dt.date(2000, 1, 1)))
    assert (r.state, r.message, r.label) == (MET, "Usia Anda 26 tahun.", "Usia 18 tahun ke atas")


def test_age_too_young(programme):
    r = one(programme, "age", SeekerFacts(has_profile=True, birth_date=dt.date(2010, 1, 1)))
    assert r.state == UNMET
    assert r.message == "Usia Anda 16 tahun; program ini untuk usia 18 tahun ke atas."


def test_age_above_the_maximum(programme):
    programme.age_max = 35
    r = one(programme, "age", SeekerFacts(has_profile=True, birth_date=dt.date(1980, 1, 1)))
    assert r.state == UNMET
    assert r.message == "Usia Anda 46 tahun; program ini untuk usia 18 sampai 35 tahun."


def test_age_without_birth_date(programme):
    r = one(programme, "age", SeekerFacts(has_profile=True))
    assert (r.state, r.message) == (UNMET, "Tanggal lahir Anda belum ada di profil.")


def test_domicile_met(programme):
    r = one(programme, "domicile", SeekerFacts(has_profile=True, village_code="16.71.01.1001"))
    assert (r.state, r.message) == (MET, "Alamat Anda berada di Kota 16.71.")


def test_domicile_elsewhere(programme):
    r = one(programme, "domicile", SeekerFacts(has_profile=True, village_code="16.72.01.1001"))
    assert (r.state, r.message) == (UNMET, "Alamat di profil Anda berada di luar Kota 16.71.")


def test_domicile_without_address(programme):
    r = one(programme, "domicile", SeekerFacts(has_profile=True))
    assert (r.state, r.message) == (UNMET, "Alamat di profil Anda belum lengkap.")


def test_education_met(programme):
    r = one(programme, "education", SeekerFacts(has_profile=True, education_levels=["SMP", "D3"]))
    assert r.state == MET
    assert r.message == "Pendidikan tertinggi Anda D3 (diploma tiga)."


def test_education_too_low(programme):
    r = one(programme, "education", SeekerFacts(has_profile=True, education_levels=["SMP"]))
    assert r.state == UNMET
    assert r.message == (
        "Pendidikan tertinggi Anda SMP (sekolah menengah pertama); program ini meminta "
        "SMA (sekolah menengah atas)."
    )


def test_education_missing(programme):
    r = one(programme, "education", SeekerFacts(has_profile=True))
    assert (r.state, r.message) == (UNMET, "Profil Anda belum memiliki riwayat pendidikan.")


def test_active_card_met(programme):
    r = one(programme, "active_card", SeekerFacts(has_profile=True, card_status="active"))
    assert (r.state, r.message) == (MET, "Kartu AK/1 Anda aktif.")


def test_active_card_missing(programme):
    r = one(programme, "active_card", SeekerFacts(has_profile=True))
    assert r.state == UNMET
    assert r.message == "Anda belum memiliki kartu AK/1. Ajukan dari halaman kartu Anda."


def test_active_card_expired(programme):
    r = one(programme, "active_card", SeekerFacts(has_profile=True, card_status="expired"))
    assert r.state == UNMET
    assert r.message.startswith("Kartu AK/1 Anda tidak aktif (")


@pytest.mark.parametrize("code", ["not_in_education", "not_official"])
def test_declaration_rules_wait_for_the_declaration(programme, code):
    r = one(programme, code, SeekerFacts(has_profile=True))
    assert r.state == DECLARE
    assert r.message == (
        "Anda menyatakannya saat mendaftar; pernyataan yang tidak benar membatalkan tempat Anda."
    )
    r = one(programme, code, SeekerFacts(has_profile=True, declared=True))
    assert (r.state, r.message) == (MET, "Anda telah menyatakannya saat mendaftar.")


def test_declaration_labels_name_every_excluded_office(programme):
    r = one(programme, "not_official", SeekerFacts(has_profile=True))
    for word in ("PNS", "TNI", "Polri", "DPRD", "BUMN"):
        assert word in r.label
    r = one(programme, "not_in_education", SeekerFacts(has_profile=True))
    assert "pendidikan formal" in r.label


def test_repeat_met(programme):
    facts = SeekerFacts(has_profile=True, same_kind=[PastProgramme("Menjahit I", 2023)])
    r = one(programme, "repeat", facts)
    assert r.state == MET
    assert r.message == "Anda belum mengikuti program sejenis dalam 2 tahun terakhir."


def test_repeat_too_recent(programme):
    facts = SeekerFacts(has_profile=True, same_kind=[PastProgramme("Menjahit I", 2025)])
    r = one(programme, "repeat", facts)
    assert r.state == UNMET
    assert r.message == "Anda mengikuti Menjahit I pada 2025; Anda dapat ikut lagi setelah 2027."


def test_only_the_chosen_rules_are_evaluated_in_a_fixed_order(programme):
    programme.rules = ["repeat", "age", "unknown"]
    results = eligibility.evaluate(programme, SeekerFacts(has_profile=True), today=TODAY)
    assert [r.code for r in results] == ["age", "repeat"]


def test_priority_groups_open(programme):
    programme.priority_groups = ["disability", "phk", "office"]
    programme.priority_office_label = "Ibu rumah tangga"
    assert [c for c, _ in eligibility.priority_groups_open(programme, SeekerFacts())] == [
        "phk",
        "office",
    ]
    facts = SeekerFacts(has_disability=True)
    groups = eligibility.priority_groups_open(programme, facts)
    assert groups[0][0] == "disability" and groups[-1] == ("office", "Ibu rumah tangga")
