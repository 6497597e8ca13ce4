"""Reads of the matching app: candidates for a vacancy (discoverable seekers only, ranked
with reasons, no name or contact unless shared), a seeker's recommended vacancies and
invitations, and the SQL prefilter that alert runs share with candidate lists.

The prefilter (ADR 0022) keeps only seekers who can reach a good score: at or above the
education minimum, and in the vacancy's kabupaten/kota or willing to move within its
province (a remote vacancy or one without a place: the province of the office). It runs on
partial indexes of ``MatchProfile``, so its cost grows with those who can match, not with
every seeker; the full score is then computed on those rows only.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from pencaker.accounts.permissions import can_decide
from pencaker.employers.selectors import organisation_of
from pencaker.matching.choices import InvitationStatus
from pencaker.matching.facts import seeker_facts, vacancy_facts
from pencaker.matching.models import Invitation, MatchProfile
from pencaker.matching.scoring import (
    EDUCATION_RANK,
    RELOCATE_POINTS,
    WEIGHTS,
    Match,
    VacancyFacts,
    _major_fits,
    _words,
    points,
    score,
)
from pencaker.matching.vocabulary import vocabulary
from pencaker.vacancies import selectors as vacancy_selectors
from pencaker.vacancies.models import Vacancy, VacancyApplication

CANDIDATE_LIMIT = 50
RECOMMENDATION_POOL = 300
CHUNK = 2000
SCORE_FIELDS = (
    "id",
    "user_id",
    "regency_code",
    "province_code",
    "education_level",
    "education_rank",
    "majors",
    "skill_codes",
    "skill_labels",
    "experience",
    "preferred_occupation",
    "willing_to_relocate",
    "has_disability",
    "kecamatan_name",
    "regency_name",
)


def vacancy_area(vacancy: Vacancy) -> tuple[str, str]:
    """(kabupaten/kota code or "", province code) the prefilter uses."""
    if vacancy.location_id and not vacancy.is_remote:
        return vacancy.location_id[:5], vacancy.location_id[:2]
    office_code = getattr(vacancy.office, "code", "") or ""
    return "", office_code[:2]


def prefilter(vacancy: Vacancy, *, flag: str) -> QuerySet[MatchProfile]:
    """Seekers with ``flag`` (``discoverable`` or ``alerts_enabled``) on who can match."""
    regency, province = vacancy_area(vacancy)
    rows = MatchProfile.objects.filter(
        **{flag: True}, education_rank__gte=EDUCATION_RANK.get(vacancy.min_education, 0)
    )
    if regency:
        return rows.filter(
            Q(regency_code=regency) | Q(province_code=province, willing_to_relocate=True)
        )
    return rows.filter(province_code=province)


@dataclass(frozen=True)
class Candidate:
    id: int
    user_id: int
    match: Match
    education: str
    major: str
    skills: tuple[str, ...]
    experience_years: int
    kecamatan: str
    regency: str
    name: str = ""
    email: str = ""
    phone: str = ""
    invitation: str = ""


POINT_FIELDS = (
    "id",
    "user_id",
    "education_level",
    "majors",
    "skill_codes",
    "experience",
    "regency_code",
    "willing_to_relocate",
    "preferred_occupation",
    "has_disability",
)


def scored_rows(vacancy: Vacancy, *, flag: str) -> Iterator[tuple[int, int, int]]:
    """``(profile id, user id, points)`` of every prefiltered row, read in keyset chunks of
    plain tuples (bounded memory, no model instances)."""
    return _scored(vacancy, flag=flag, at_least=None)


def scored_rows_at_least(
    vacancy: Vacancy, *, flag: str, at_least: int
) -> Iterator[tuple[int, int, int]]:
    """``scored_rows`` limited to the rows whose points reach ``at_least``; rows whose SQL
    bound (``points_bound``) is below it are not read at all."""
    return _scored(vacancy, flag=flag, at_least=at_least)


def _scored(vacancy: Vacancy, *, flag: str, at_least: int | None):
    facts = vacancy_facts(vacancy, vocabulary())
    today = timezone.localdate()
    last = 0
    base = prefilter(vacancy, flag=flag)
    if at_least is not None:
        base = base.annotate(bound=points_bound(base, facts)).filter(bound__gte=at_least)
    base = base.order_by("id").values_list(*POINT_FIELDS, named=True)
    while True:
        chunk = list(base.filter(id__gt=last)[:CHUNK])
        if not chunk:
            return
        for row in chunk:
            got = points(seeker_facts(row), facts, today=today)
            if at_least is None or got >= at_least:
                yield row.id, row.user_id, got
        last = chunk[-1].id


# --- the SQL bound ------------------------------------------------------------------------
#
# ``points_bound`` is an SQL expression that is never below ``scoring.points`` for a row:
# skills, certificates and location are computed exactly as ``scoring`` does (integer
# arithmetic, the same columns); major and occupation preference are exact for the values
# of the pool (read once, decided in Python by ``scoring`` itself), falling back to their
# full weight; education (the prefilter's minimum) and experience count their full weight.
# Ranking reads the pool ordered by the bound and scores rows in Python until no unread
# row can beat the last one kept, so the result is exactly the Python ranking (tested on
# generated pools) while only a few rows beyond those shown are scored.

DISTINCT_LIMIT = 1000


class _HasCode(Func):
    """1 when the row's ``skill_codes`` (a JSON array of strings) holds the code, else 0."""

    # SQLite (the tests' database): count the array's elements equal to the code.
    template = "(SELECT count(*) FROM json_each(%(expressions)s))"
    arg_joiner = ") WHERE json_each.value = ("
    output_field = IntegerField()

    def __init__(self, code: str):
        super().__init__(F("skill_codes"), Value(code))

    def as_postgresql(self, compiler, connection, **extra):
        # jsonb ``?``: the array has the string as an element.
        return self.as_sql(
            compiler, connection, template="((%(expressions)s)::int)", arg_joiner=" ? ", **extra
        )


def _share_sql(weight: int, terms) -> Any:
    codes = sorted({t.code for t in terms})
    if not codes:
        return Value(weight)
    have = sum((_HasCode(c) for c in codes[1:]), _HasCode(codes[0]))
    # scoring._share: (2 · weight · have + want) // (2 · want), non-negative integers.
    return ExpressionWrapper(
        (have * (2 * weight) + len(codes)) / (2 * len(codes)), output_field=IntegerField()
    )


def _fits_sql(pool: QuerySet, field: str, weight: int, fits) -> Any:
    """``weight`` unless the row's value is one of the pool's values that do not fit."""
    values = list(pool.order_by().values_list(field, flat=True).distinct()[: DISTINCT_LIMIT + 1])
    if len(values) > DISTINCT_LIMIT:
        return Value(weight)
    misses = [v for v in values if not fits(v)]
    if not misses:
        return Value(weight)
    return Case(When(**{f"{field}__in": misses}, then=Value(0)), default=Value(weight))


def points_bound(pool: QuerySet, facts: VacancyFacts) -> Any:
    """An SQL upper bound of ``scoring.points`` for the rows of ``pool`` (see above)."""
    parts: list[Any] = [Value(WEIGHTS["education"]), Value(WEIGHTS["experience"])]
    if facts.majors:
        parts.append(
            _fits_sql(
                pool,
                "majors",
                WEIGHTS["major"],
                lambda ms: any(_major_fits(w, m) for w in facts.majors for m in (ms or []) if m),
            )
        )
    else:
        parts.append(Value(WEIGHTS["major"]))
    parts.append(_share_sql(WEIGHTS["skills"], facts.skills))
    parts.append(_share_sql(WEIGHTS["certificates"], facts.certificates))
    if facts.is_remote or not facts.regency_code:
        parts.append(Value(WEIGHTS["location"]))
    else:
        parts.append(
            Case(
                When(regency_code=facts.regency_code, then=Value(WEIGHTS["location"])),
                When(willing_to_relocate=True, then=Value(RELOCATE_POINTS)),
                default=Value(0),
            )
        )
    vacancy_words = _words(facts.title) | _words(facts.occupation_title)
    parts.append(
        _fits_sql(
            pool,
            "preferred_occupation",
            WEIGHTS["occupation"],
            lambda text: bool(text and _words(text) & vacancy_words),
        )
    )
    return ExpressionWrapper(sum(parts[1:], parts[0]), output_field=IntegerField())


def bound_ordered(vacancy: Vacancy, facts: VacancyFacts) -> QuerySet:
    """The discoverable pool as named tuples of ``POINT_FIELDS`` and ``bound``, best bound
    first (ties: the earlier profile)."""
    pool = prefilter(vacancy, flag="discoverable")
    return (
        pool.annotate(bound=points_bound(pool, facts))
        .order_by("-bound", "id")
        .values_list(*POINT_FIELDS, "bound", named=True)
    )


def _rank(vacancy: Vacancy, limit: int) -> list[tuple[MatchProfile, Match]]:
    """The ``limit`` best rows (ties: the earlier profile first), explained.

    Rows are read best bound first; once ``limit`` rows are kept and the worst kept
    (points, -id) is at least the (bound, -id) of the last row read, no unread row can
    enter (its points are at most its bound, and its (bound, -id) is below the last).
    """
    facts = vacancy_facts(vacancy, vocabulary())
    today = timezone.localdate()
    ordered = bound_ordered(vacancy, facts)
    kept: list[tuple[int, int, int]] = []  # heap of (points, -id, id), worst first
    batch, after = max(2 * limit, 100), None
    while limit > 0:
        rows = ordered
        if after is not None:
            rows = rows.filter(Q(bound__lt=after[0]) | Q(bound=after[0], id__gt=after[1]))
        chunk = list(rows[:batch])
        for row in chunk:
            entry = (points(seeker_facts(row), facts, today=today), -row.id, row.id)
            if len(kept) < limit:
                heapq.heappush(kept, entry)
            elif entry[:2] > kept[0][:2]:
                heapq.heapreplace(kept, entry)
        if len(chunk) < batch:
            break
        after = (chunk[-1].bound, chunk[-1].id)
        if len(kept) >= limit and kept[0][:2] >= (after[0], -after[1]):
            break
        batch = min(batch * 2, CHUNK)
    best = sorted(kept, reverse=True)
    found = MatchProfile.objects.only(*SCORE_FIELDS).in_bulk([pk for _p, _n, pk in best])
    return [
        (found[pk], score(seeker_facts(found[pk]), facts, today=today))
        for _points, _neg, pk in best
        if pk in found
    ]


def _candidates(vacancy: Vacancy, limit: int) -> list[Candidate]:
    from pencaker.matching.scoring import experience_months

    best = _rank(vacancy, limit)
    user_ids = [row.user_id for row, _m in best]
    invitations = dict(
        Invitation.objects.filter(vacancy=vacancy, seeker_id__in=user_ids).values_list(
            "seeker_id", "status"
        )
    )
    applied = set(
        VacancyApplication.objects.filter(vacancy=vacancy, applicant_id__in=user_ids).values_list(
            "applicant_id", flat=True
        )
    )
    shared = applied | {u for u, s in invitations.items() if s == InvitationStatus.ACCEPTED}
    users = {}
    if shared:
        from django.contrib.auth import get_user_model

        users = {
            u.pk: u
            for u in get_user_model().objects.filter(pk__in=shared).select_related("seeker_profile")
        }
    today = timezone.localdate()
    out = []
    for row, match in best:
        facts = seeker_facts(row)
        user = users.get(row.user_id)
        profile = getattr(user, "seeker_profile", None) if user else None
        out.append(
            Candidate(
                id=row.id,
                user_id=row.user_id,
                match=match,
                education=row.education_level,
                major=facts.major,
                skills=tuple(sorted((row.skill_labels or {}).values())),
                experience_years=experience_months(facts.experience, today) // 12,
                kecamatan=row.kecamatan_name,
                regency=row.regency_name,
                name=(getattr(profile, "full_name", "") or getattr(user, "full_name", ""))
                if user
                else "",
                email=(user.email or "") if user else "",
                phone=user.phone if user else "",
                invitation=invitations.get(row.user_id, ""),
            )
        )
    return out


def candidates_for_employer(user: Any, vacancy_id: Any, *, limit: int = CANDIDATE_LIMIT):
    """(vacancy, candidates) for the employer's own published vacancy, else (None, [])."""
    vacancy = vacancy_selectors.vacancy_of_employer(user, vacancy_id)
    if vacancy is None:
        return None, []
    return vacancy, _candidates(vacancy, limit)


def candidates_for_staff(user: Any, vacancy_id: Any, *, limit: int = CANDIDATE_LIMIT):
    """(vacancy, candidates) for deciding staff of the vacancy's office, else (None, [])."""
    if not can_decide(user):
        return None, []
    vacancy = vacancy_selectors.vacancy_for_staff(user, vacancy_id)
    if vacancy is None:
        return None, []
    return vacancy, _candidates(vacancy, limit)


@dataclass(frozen=True)
class Recommendation:
    vacancy: Vacancy
    match: Match


def recommendations_for_seeker(
    user: Any, row: MatchProfile, *, filters: dict | None = None
) -> list[Recommendation]:
    """Open vacancies the seeker can reach (the board's filters apply), best first."""
    rows = vacancy_selectors.vacancy_list_public(**(filters or {}))
    allowed = [level for level, rank in EDUCATION_RANK.items() if rank <= row.education_rank]
    rows = rows.filter(Q(min_education="") | Q(min_education__in=allowed))
    if row.regency_code:
        near = Q(location__code__startswith=row.regency_code) | Q(is_remote=True)
        near |= Q(location__isnull=True)
        if row.willing_to_relocate:
            near |= Q(location__code__startswith=row.province_code)
        rows = rows.filter(near)
    rows = rows.select_related("office").exclude(applications__applicant=user)
    vocab = vocabulary()
    facts = seeker_facts(row)
    today = timezone.localdate()
    scored = [
        Recommendation(v, score(facts, vacancy_facts(v, vocab), today=today))
        for v in rows[:RECOMMENDATION_POOL]
    ]
    scored.sort(
        key=lambda r: (
            -r.match.score,
            -(r.vacancy.published_at or timezone.now()).timestamp(),
            r.vacancy.pk,
        )
    )
    return scored


def invitations_of_seeker(user: Any) -> QuerySet[Invitation]:
    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(seeker=user)
        .select_related("vacancy", "organisation")
        .order_by("-created_at")
    )


def invitations_sent_today(user: Any) -> int:
    organisation = organisation_of(user)
    if organisation is None:
        return 0
    since = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Invitation.objects.filter(organisation=organisation, created_at__gte=since).count()
