"""The match score between a seeker and a vacancy: deterministic, explained, 0–100.

Pure functions over two small records (``SeekerFacts``, ``VacancyFacts``) so the same code
scores a candidate list, a seeker's recommendations and an alert run, and the tests can
compute cases by hand. Weights and rules are ADR 0022:

    education 25 · major 10 · skills 30 · certificates 10 · location 15 · experience 5 ·
    occupation preference 5

A requirement the vacancy does not state gives its full weight. Every factor adds a
reason ("Pendidikan SMK Akuntansi sesuai") or a missing item ("belum ada: SIM B1").
Disability is explained (the vacancy's accommodations), never scored: a seeker is not
ranked down because an employer has not said it accommodates them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WEIGHTS: Mapping[str, int] = {
    "education": 25,
    "major": 10,
    "skills": 30,
    "certificates": 10,
    "location": 15,
    "experience": 5,
    "occupation": 5,
}
RELOCATE_POINTS = 10
ALERT_THRESHOLD = 60
MAX_NAMES = 4

# SMA and SMK are the same level (upper secondary), as are D4 and S1 (KKNI level 6).
EDUCATION_RANK: Mapping[str, int] = {
    "SD": 1,
    "SMP": 2,
    "SMA": 3,
    "SMK": 3,
    "D1": 4,
    "D2": 5,
    "D3": 6,
    "D4": 7,
    "S1": 7,
    "S2": 8,
    "S3": 9,
}


@functools.lru_cache(maxsize=65536)
def normalise_text(value: str) -> str:
    """Case-, accent- and spacing-insensitive form of a free-text entry."""
    value = unicodedata.normalize("NFKD", str(value or ""))
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w+#]+", " ", value).split())


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    kind: str = "skill"


class Vocabulary:
    """Maps what people write (Indonesian or English name, a synonym) to one term. An
    entry not in the vocabulary stays itself (normalised), so matching still works on
    identical spelling."""

    def __init__(self, terms: Iterable[tuple[str, str, str, Sequence[str]]] = ()):
        # (code, label, kind, spellings)
        self._by_spelling: dict[str, Term] = {}
        for code, label, kind, spellings in terms:
            term = Term(code, label, kind)
            for spelling in (label, code, *spellings):
                key = normalise_text(spelling)
                if key:
                    self._by_spelling.setdefault(key, term)

    def term(self, text: str) -> Term | None:
        key = normalise_text(text)
        if not key:
            return None
        return self._by_spelling.get(key) or Term(f"~{key}", " ".join(str(text).split()))


@dataclass(frozen=True)
class SeekerFacts:
    education_level: str = ""  # highest
    major: str = ""  # of the highest education
    majors: frozenset[str] = frozenset()  # of every education
    skills: frozenset[str] = frozenset()  # term codes (skills and certificates)
    labels: Mapping[str, str] = field(default_factory=dict)
    experience: tuple[tuple[dt.date, dt.date | None], ...] = ()
    regency_code: str = ""
    willing_to_relocate: bool = False
    preferred_occupation: str = ""
    has_disability: bool = False


@dataclass(frozen=True)
class VacancyFacts:
    min_education: str = ""
    majors: tuple[str, ...] = ()
    skills: tuple[Term, ...] = ()
    certificates: tuple[Term, ...] = ()
    min_experience_years: int = 0
    regency_code: str = ""  # "" with no location
    regency_name: str = ""
    is_remote: bool = False
    title: str = ""
    occupation_title: str = ""
    disability_friendly: bool = False
    accommodations: str = ""


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    parts: Mapping[str, int]

    @property
    def summary(self) -> str:
        return "; ".join(self.reasons)


def _names(labels: Sequence[str]) -> str:
    shown = list(labels[:MAX_NAMES])
    return ", ".join(shown) + (", …" if len(labels) > MAX_NAMES else "")


def _share(weight: int, have: int, want: int) -> int:
    """``weight × have / want`` rounded half up, in integers (no float drift)."""
    return (2 * weight * have + want) // (2 * want)


def experience_months(periods: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> int:
    """Months covered by the periods (overlaps counted once, open ends at today)."""
    spans = sorted((start, min(end or today, today)) for start, end in periods)
    days, reach = 0, None
    for start, end in spans:
        if end < start:
            continue
        if reach is not None and start <= reach:
            if end > reach:
                days += (end - reach).days
                reach = end
            continue
        days += (end - start).days
        reach = end
    # Months of 365.25 / 12 days, rounded half up, in integers.
    return (days * 96 + 1461) // 2922


def _major_fits(wanted: str, have: str) -> bool:
    a, b = normalise_text(wanted), normalise_text(have)
    return bool(a and b) and (a in b or b in a)


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalise_text(text).split() if len(w) > 2)


def score(seeker: SeekerFacts, vacancy: VacancyFacts, *, today: dt.date) -> Match:
    """The score with its reasons and missing items."""
    return _score(seeker, vacancy, today=today, explain=True)


def points(seeker: SeekerFacts, vacancy: VacancyFacts, *, today: dt.date) -> int:
    """The same score without the words: ranking a large pool computes this for every row
    and ``score`` only for the rows it shows (a test checks the two always agree)."""
    return _score(seeker, vacancy, today=today, explain=False).score


def _score(seeker: SeekerFacts, vacancy: VacancyFacts, *, today: dt.date, explain: bool) -> Match:
    parts: dict[str, int] = {}
    reasons: list[str] = []
    missing: list[str] = []
    level = seeker.education_level
    schooling = " ".join(p for p in (level, seeker.major) if p)

    # Education
    wanted_rank = EDUCATION_RANK.get(vacancy.min_education, 0)
    rank = EDUCATION_RANK.get(level, 0)
    if not wanted_rank:
        parts["education"] = WEIGHTS["education"]
    elif rank >= wanted_rank:
        parts["education"] = WEIGHTS["education"]
        if not explain:
            pass
        elif rank > wanted_rank:
            reasons.append(
                _("Education %(level)s above the minimum %(minimum)s")
                % {"level": schooling, "minimum": vacancy.min_education}
            )
        else:
            reasons.append(_("Education %(level)s meets the requirement") % {"level": schooling})
    else:
        parts["education"] = 0
        if explain:
            missing.append(_("education at least %(minimum)s") % {"minimum": vacancy.min_education})

    # Major
    if not vacancy.majors:
        parts["major"] = WEIGHTS["major"]
    else:
        fitting = sorted(
            {w for w in vacancy.majors for m in seeker.majors if _major_fits(w, m)},
            key=normalise_text,
        )
        parts["major"] = WEIGHTS["major"] if fitting else 0
        if not explain:
            pass
        elif fitting:
            reasons.append(_("major %(major)s") % {"major": fitting[0]})
        else:
            wanted = sorted(vacancy.majors, key=normalise_text)
            missing.append(_("major %(majors)s") % {"majors": " / ".join(wanted)})

    # Skills and certificates
    for key, terms in (("skills", vacancy.skills), ("certificates", vacancy.certificates)):
        if not terms:
            parts[key] = WEIGHTS[key]
            continue
        wanted_terms = sorted({t.code: t for t in terms}.values(), key=lambda t: t.code)
        have = [t for t in wanted_terms if t.code in seeker.skills]
        parts[key] = _share(WEIGHTS[key], len(have), len(wanted_terms))
        if not explain:
            continue
        if have:
            names = _names([seeker.labels.get(t.code, t.label) for t in have])
            if key == "skills":
                reasons.append(
                    ngettext(
                        "%(have)d of %(total)d skill: %(names)s",
                        "%(have)d of %(total)d skills: %(names)s",
                        len(wanted_terms),
                    )
                    % {"have": len(have), "total": len(wanted_terms), "names": names}
                )
            else:
                reasons.append(_("certificate %(names)s") % {"names": names})
        missing.extend(t.label for t in wanted_terms if t.code not in seeker.skills)

    # Location
    if vacancy.is_remote or not vacancy.regency_code:
        parts["location"] = WEIGHTS["location"]
        if explain and vacancy.is_remote:
            reasons.append(_("can be done remotely"))
    elif seeker.regency_code == vacancy.regency_code:
        parts["location"] = WEIGHTS["location"]
        if explain:
            reasons.append(_("location %(place)s") % {"place": vacancy.regency_name})
    elif seeker.willing_to_relocate:
        parts["location"] = RELOCATE_POINTS
        if explain:
            reasons.append(
                _("willing to move to %(place)s") % {"place": vacancy.regency_name or _("the job")}
            )
    else:
        parts["location"] = 0
        if explain:
            missing.append(
                _("living in or willing to move to %(place)s") % {"place": vacancy.regency_name}
            )

    # Experience
    want_months = vacancy.min_experience_years * 12
    months = experience_months(seeker.experience, today) if seeker.experience else 0
    if not want_months or months >= want_months:
        parts["experience"] = WEIGHTS["experience"]
        if explain and months >= 12:
            reasons.append(
                ngettext(
                    "%(years)d year of experience", "%(years)d years of experience", months // 12
                )
                % {"years": months // 12}
            )
    else:
        parts["experience"] = _share(WEIGHTS["experience"], months, want_months)
        if explain:
            missing.append(
                ngettext(
                    "%(years)d year of experience",
                    "%(years)d years of experience",
                    vacancy.min_experience_years,
                )
                % {"years": vacancy.min_experience_years}
            )

    # Occupation preference
    wanted_words = _words(seeker.preferred_occupation) if seeker.preferred_occupation else set()
    if wanted_words and wanted_words & (_words(vacancy.title) | _words(vacancy.occupation_title)):
        parts["occupation"] = WEIGHTS["occupation"]
        if explain:
            reasons.append(
                _("matches the job you want (%(job)s)") % {"job": seeker.preferred_occupation}
            )
    else:
        parts["occupation"] = 0

    # Disability: explained, not scored
    if explain and seeker.has_disability:
        if vacancy.disability_friendly:
            reasons.append(_("disability-friendly workplace"))
        else:
            missing.append(_("the employer has not stated disability accommodations"))

    return Match(
        score=sum(parts.values()),
        reasons=tuple(reasons),
        missing=tuple(missing),
        parts=parts,
    )
