"""The SQL bound (``selectors.points_bound``) never changes a ranking: on generated pools
the candidates ``_rank`` returns, read best bound first, are exactly the ``limit`` best of
scoring every prefiltered row in Python, and the alert run's rows at or above the
threshold are exactly those the Python scoring puts there."""

from __future__ import annotations

import datetime as dt
import heapq
import json
import random

import pytest
from django.contrib.auth import get_user_model

from pencaker.matching import selectors
from pencaker.matching.models import MatchProfile, SkillTerm
from pencaker.matching.scoring import ALERT_THRESHOLD, EDUCATION_RANK
from pencaker.vacancies.models import Vacancy

MAJORS = ["Akuntansi", "akuntansi keuangan", "Tata-Boga", "Teknik Mesin", "Manajemen", "", "IPA"]
PREFERENCES = ["", "staf administrasi", "Kasir", "administrasi keuangan", "operator mesin"]
LEVELS = list(EDUCATION_RANK)


def _pool(rng: random.Random, *, size: int, regencies: list[str]) -> None:
    codes = list(SkillTerm.objects.values_list("code", flat=True)) + ["~bahasa jepang"]
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"pool{rng.random()}-{n}@example.id", role="seeker") for n in range(size)
    )
    today = dt.date.today()
    rows = []
    for user in users:
        level = rng.choice([*LEVELS, ""])
        regency = rng.choice(regencies)
        skills = sorted(set(rng.sample(codes, rng.randint(0, 6))))
        periods = []
        for _ in range(rng.randint(0, 3)):
            start = today - dt.timedelta(days=rng.randint(0, 4000))
            end = None if rng.random() < 0.3 else start + dt.timedelta(days=rng.randint(-5, 900))
            periods.append([start.isoformat(), end.isoformat() if end else None])
        rows.append(
            MatchProfile(
                user=user,
                discoverable=rng.random() < 0.8,
                alerts_enabled=rng.random() < 0.8,
                regency_code=regency,
                province_code=regency[:2],
                education_level=level,
                education_rank=EDUCATION_RANK.get(level, 0),
                majors=rng.sample(MAJORS, rng.randint(0, 2)),
                skill_codes=skills,
                skill_labels={c: c for c in skills},
                experience=sorted(periods),
                preferred_occupation=rng.choice(PREFERENCES),
                willing_to_relocate=rng.random() < 0.4,
            )
        )
    MatchProfile.objects.bulk_create(rows)


def _python_best(vacancy: Vacancy, limit: int) -> list[tuple[int, int]]:
    best = heapq.nlargest(
        limit,
        selectors.scored_rows(vacancy, flag="discoverable"),
        key=lambda t: (t[2], -t[0]),
    )
    return [(pk, got) for pk, _user, got in best]


VACANCIES = [
    {"min_education": "SMK", "skills": ["Microsoft Excel", "Akuntansi", "Perpajakan", "SIM B1"]},
    {"min_education": "", "skills": [], "majors": [], "title": "Kasir"},
    {"min_education": "D3", "majors": ["Akuntansi", "Tata Boga"], "min_experience_years": 2},
    {"is_remote": True, "min_education": "SMA", "skills": ["Excel", "las listrik", "K3"]},
    {"location": None, "min_education": "SD", "majors": ["mesin"], "min_experience_years": 1},
]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("distinct_limit", [selectors.DISTINCT_LIMIT, 0])
def test_sql_ranking_equals_python_scoring_of_the_whole_pool(
    seed, distinct_limit, vacancy_factory, monkeypatch
):
    monkeypatch.setattr(selectors, "DISTINCT_LIMIT", distinct_limit)
    vacancy = vacancy_factory()
    regency = vacancy.location.code[:5]
    rng = random.Random(seed)
    _pool(rng, size=260, regencies=[regency, f"{regency[:2]}.98", "11.01", ""])
    for extra in VACANCIES:
        Vacancy.objects.filter(pk=vacancy.pk).update(
            **{"is_remote": False, "min_experience_years": 0, **extra}
        )
        fresh = Vacancy.objects.select_related("office", "location", "occupation").get(
            pk=vacancy.pk
        )
        for limit in (1, 7, 50, 1000):
            shown = [(row.id, match.score) for row, match in selectors._rank(fresh, limit)]
            assert shown == _python_best(fresh, limit), (extra, limit)
        alerts = set(
            selectors.scored_rows_at_least(fresh, flag="alerts_enabled", at_least=ALERT_THRESHOLD)
        )
        expected = {
            t
            for t in selectors.scored_rows(fresh, flag="alerts_enabled")
            if t[2] >= ALERT_THRESHOLD
        }
        assert alerts == expected, extra


def test_the_bound_is_never_below_the_points(vacancy_factory):
    from pencaker.matching.facts import seeker_facts, vacancy_facts
    from pencaker.matching.scoring import points
    from pencaker.matching.vocabulary import vocabulary

    vacancy = vacancy_factory()
    regency = vacancy.location.code[:5]
    _pool(random.Random(7), size=200, regencies=[regency, f"{regency[:2]}.98"])
    fresh = Vacancy.objects.select_related("office", "location", "occupation").get(pk=vacancy.pk)
    facts = vacancy_facts(fresh, vocabulary())
    pool = selectors.prefilter(fresh, flag="discoverable")
    rows = pool.annotate(bound=selectors.points_bound(pool, facts)).values_list(
        *selectors.POINT_FIELDS, "bound", named=True
    )
    today = dt.date.today()
    gaps = [row.bound - points(seeker_facts(row), facts, today=today) for row in rows]
    assert gaps and min(gaps) >= 0
    # Skills, certificates, location, major and preference are exact: only experience
    # (the vacancy asks for none here, so it is exact too) could differ.
    assert max(gaps) == 0, json.dumps(sorted(set(gaps)))
