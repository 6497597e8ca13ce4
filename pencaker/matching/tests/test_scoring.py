"""Hand-computed match scores and their reasons (weights: ADR 0022), and two properties."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pencaker.matching.scoring import (
    SeekerFacts,
    Term,
    VacancyFacts,
    Vocabulary,
    experience_months,
    points,
    score,
)

TODAY = dt.date(2026, 6, 1)
VOCAB = Vocabulary(
    [
        ("excel", "Microsoft Excel", "skill", ["excel", "ms excel"]),
        ("akuntansi", "Akuntansi", "skill", ["pembukuan", "accounting"]),
        ("pajak", "Perpajakan", "skill", ["tax"]),
        ("word", "Microsoft Word", "skill", ["ms word"]),
        ("sim-b1", "SIM B1", "certificate", ["sim b 1"]),
    ]
)


def _terms(*names):
    return tuple(VOCAB.term(n) for n in names)


ADMIN = VacancyFacts(
    min_education="SMK",
    majors=("Akuntansi",),
    skills=_terms("Microsoft Excel", "Akuntansi", "Perpajakan", "Microsoft Word"),
    certificates=_terms("SIM B1"),
    min_experience_years=2,
    regency_code="16.71",
    regency_name="Kota Palembang",
    title="Staf Administrasi Keuangan",
    occupation_title="Juru tulis akuntansi",
)

SITI = SeekerFacts(
    education_level="SMK",
    major="Akuntansi",
    majors=frozenset({"Akuntansi"}),
    skills=frozenset({"excel", "akuntansi", "word"}),
    labels={"excel": "Excel", "akuntansi": "Akuntansi", "word": "Microsoft Word"},
    experience=((dt.date(2023, 6, 1), None),),  # 3 years by TODAY
    regency_code="16.71",
    preferred_occupation="administrasi",
)


def test_vocabulary_maps_synonyms_and_english_names_to_one_term():
    assert VOCAB.term("  MS   Excel ").code == "excel"
    assert VOCAB.term("accounting").code == "akuntansi"
    assert VOCAB.term("Pembukuan").label == "Akuntansi"
    assert VOCAB.term("sim b 1").kind == "certificate"
    assert VOCAB.term("Menjahit").code == "~menjahit"
    assert VOCAB.term("   ") is None


def test_hand_computed_case_siti_for_the_admin_vacancy():
    # education 25 (SMK = SMK) + major 10 + skills 30×3/4 = 22.5 → 23 (half up)
    # + certificates 0 (no SIM B1) + location 15 + experience 5 (3 ≥ 2 years)
    # + occupation 5 ("administrasi" in the title) = 83
    with translation.override("id"):
        match = score(SITI, ADMIN, today=TODAY)
    assert match.parts == {
        "education": 25,
        "major": 10,
        "skills": 23,
        "certificates": 0,
        "location": 15,
        "experience": 5,
        "occupation": 5,
    }
    assert match.score == 83
    assert match.reasons == (
        "Pendidikan SMK Akuntansi sesuai",
        "jurusan Akuntansi",
        "3 dari 4 keterampilan: Akuntansi, Excel, Microsoft Word",
        "lokasi Kota Palembang",
        "pengalaman 3 tahun",
        "sesuai pekerjaan yang diinginkan (administrasi)",
    )
    assert match.missing == ("Perpajakan", "SIM B1")


def test_hand_computed_case_below_minimum_elsewhere_not_moving():
    # SMA < D3: education 0; no major asked 10; no skills asked 30; no certificate 10;
    # other kabupaten, not moving 0; 1 of 2 years: 5×12/24 = 2.5 → 3; no preference 0 = 53
    vacancy = VacancyFacts(
        min_education="D3",
        min_experience_years=2,
        regency_code="16.71",
        regency_name="Kota Palembang",
        title="Teknisi",
    )
    seeker = SeekerFacts(
        education_level="SMA",
        experience=((dt.date(2025, 6, 1), dt.date(2026, 6, 1)),),
        regency_code="16.10",
    )
    with translation.override("id"):
        match = score(seeker, vacancy, today=TODAY)
    assert match.score == 0 + 10 + 30 + 10 + 0 + 3 + 0 == 53
    assert match.reasons == ()
    assert match.missing == (
        "pendidikan minimal D3",
        "tinggal di atau bersedia pindah ke Kota Palembang",
        "pengalaman 2 tahun",
    )


def test_hand_computed_case_relocating_above_minimum_with_certificate():
    # S1 > SMA: 25; major "Teknik Mesin" fits "Mesin": 10; skills 1 of 3 → 30/3 = 10;
    # certificate 1 of 1: 10; relocating: 10; no experience asked: 5; no preference 0 = 70
    vacancy = VacancyFacts(
        min_education="SMA",
        majors=("Mesin", "Elektro"),
        skills=(Term("las", "Mengelas"), Term("bubut", "Bubut"), Term("cad", "CAD")),
        certificates=(Term("k3", "Sertifikat K3", "certificate"),),
        regency_code="16.71",
        regency_name="Kota Palembang",
        title="Operator Mesin",
    )
    seeker = SeekerFacts(
        education_level="S1",
        major="Teknik Mesin",
        majors=frozenset({"Teknik Mesin"}),
        skills=frozenset({"cad", "k3"}),
        regency_code="16.09",
        willing_to_relocate=True,
        has_disability=True,
    )
    with translation.override("id"):
        match = score(seeker, vacancy, today=TODAY)
    assert match.score == 25 + 10 + 10 + 10 + 10 + 5 + 0 == 70
    assert match.reasons[0] == "Pendidikan S1 Teknik Mesin di atas syarat minimal SMA"
    assert "1 dari 3 keterampilan: CAD" in match.reasons
    assert "sertifikat Sertifikat K3" in match.reasons
    assert "bersedia pindah ke Kota Palembang" in match.reasons
    # Disability is explained, not scored.
    assert match.missing == (
        "Bubut",
        "Mengelas",
        "pemberi kerja belum menyebutkan akomodasi disabilitas",
    )


def test_a_vacancy_without_requirements_gives_every_weight_but_preference():
    match = score(SeekerFacts(), VacancyFacts(), today=TODAY)
    assert match.score == 95
    assert match.missing == ()


def test_remote_vacancy_counts_as_same_place_and_is_said():
    with translation.override("id"):
        match = score(SeekerFacts(regency_code="11.01"), VacancyFacts(is_remote=True), today=TODAY)
    assert match.parts["location"] == 15
    assert "bisa dikerjakan dari jarak jauh" in match.reasons


def test_experience_counts_overlapping_periods_once():
    periods = [
        (dt.date(2020, 1, 1), dt.date(2021, 1, 1)),
        (dt.date(2020, 7, 1), dt.date(2021, 7, 1)),
    ]
    assert experience_months(periods, TODAY) == 18
    assert experience_months(reversed(periods), TODAY) == 18


# --- properties -------------------------------------------------------------------------

CODES = ["excel", "akuntansi", "pajak", "word", "las", "k3", "sim-b1", "cad"]
LEVELS = ["", "SD", "SMP", "SMA", "SMK", "D3", "S1", "S2"]
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY)
periods = st.lists(st.tuples(dates, st.one_of(st.none(), dates)), max_size=4).map(
    lambda ps: [(a, b if b is None or b >= a else a) for a, b in ps]
)
seekers = st.builds(
    lambda level, majors, skills, exp, regency, move, pref, dis: (
        level,
        majors,
        skills,
        exp,
        regency,
        move,
        pref,
        dis,
    ),
    st.sampled_from(LEVELS),
    st.lists(st.sampled_from(["Akuntansi", "Teknik Mesin", "Tata Boga", "Manajemen"]), max_size=3),
    st.lists(st.sampled_from(CODES), max_size=6),
    periods,
    st.sampled_from(["", "16.71", "16.09"]),
    st.booleans(),
    st.sampled_from(["", "kasir", "administrasi keuangan", "operator"]),
    st.booleans(),
)
vacancies = st.builds(
    lambda level, majors, skills, certs, years, regency, remote: VacancyFacts(
        min_education=level,
        majors=tuple(majors),
        skills=tuple(Term(c, c.title()) for c in skills),
        certificates=tuple(Term(c, c.upper(), "certificate") for c in certs),
        min_experience_years=years,
        regency_code=regency,
        regency_name="Kota Palembang" if regency else "",
        is_remote=remote,
        title="Staf administrasi",
    ),
    st.sampled_from(LEVELS),
    st.lists(st.sampled_from(["Akuntansi", "Mesin", "Manajemen"]), max_size=2),
    st.lists(st.sampled_from(CODES[:5]), max_size=4),
    st.lists(st.sampled_from(CODES[5:]), max_size=2),
    st.integers(0, 5),
    st.sampled_from(["", "16.71"]),
    st.booleans(),
)


def _facts(seeker, *, order=1):
    level, majors, skills, exp, regency, move, pref, dis = seeker
    return SeekerFacts(
        education_level=level,
        major=majors[0] if majors else "",
        majors=frozenset(majors),
        skills=frozenset(skills[::order]),
        labels={c: c.title() for c in skills[::order]},
        experience=tuple(exp[::order]),
        regency_code=regency,
        willing_to_relocate=move,
        preferred_occupation=pref,
        has_disability=dis,
    )


@given(seekers, vacancies, st.data())
def test_adding_a_skill_the_vacancy_asks_for_never_lowers_the_score(seeker, vacancy, data):
    wanted = [t.code for t in vacancy.skills + vacancy.certificates]
    before = _facts(seeker)
    if not wanted:
        return
    added = data.draw(st.sampled_from(wanted))
    after = SeekerFacts(**{**before.__dict__, "skills": before.skills | {added}})
    assert score(after, vacancy, today=TODAY).score >= score(before, vacancy, today=TODAY).score


@given(seekers, vacancies, st.permutations(range(4)))
def test_the_score_does_not_depend_on_the_order_of_entries(seeker, vacancy, perm):
    shuffled_vacancy = VacancyFacts(
        **{
            **vacancy.__dict__,
            "skills": tuple(vacancy.skills[i] for i in perm if i < len(vacancy.skills))
            + vacancy.skills[4:],
            "majors": tuple(reversed(vacancy.majors)),
            "certificates": tuple(reversed(vacancy.certificates)),
        }
    )
    first = score(_facts(seeker), vacancy, today=TODAY)
    second = score(_facts(seeker, order=-1), shuffled_vacancy, today=TODAY)
    assert first == second


@given(seekers, vacancies)
def test_points_without_words_always_equal_the_explained_score(seeker, vacancy):
    facts = _facts(seeker)
    assert points(facts, vacancy, today=TODAY) == score(facts, vacancy, today=TODAY).score
