"""What scoring reads: a seeker's ``MatchProfile`` (matching's copy of the profile, kept
fresh by ``match_profile_refresh``) and a vacancy, turned into ``scoring`` records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pencaker.matching.choices import TermKind
from pencaker.matching.scoring import EDUCATION_RANK, SeekerFacts, VacancyFacts, Vocabulary
from pencaker.seekers.choices import EducationLevel
from pencaker.seekers.models import JobSeekerProfile

LEVEL_ORDER = {level: i for i, level in enumerate(EducationLevel.values)}


def match_profile_values(profile: JobSeekerProfile, vocab: Vocabulary) -> dict[str, Any]:
    """The ``MatchProfile`` columns for a profile (its entries read here, once)."""
    educations = sorted(
        profile.education.all(),
        key=lambda e: (LEVEL_ORDER.get(e.level, -1), e.graduation_year, e.major),
        reverse=True,
    )
    highest = educations[0] if educations else None
    codes: dict[str, str] = {}
    names = [s.name for s in profile.skills.all()] + [t.name for t in profile.training.all()]
    for name in names:
        term = vocab.term(name)
        if term is not None:
            codes.setdefault(term.code, term.label)
    village = profile.village
    district = getattr(village, "parent", None)
    regency = getattr(district, "parent", None)
    return {
        "regency_code": (village.code[:5] if village else ""),
        "province_code": (village.code[:2] if village else ""),
        "regency_name": getattr(regency, "name", "")[:100],
        "kecamatan_name": getattr(district, "name", "")[:100],
        "education_level": highest.level if highest else "",
        "education_rank": EDUCATION_RANK.get(highest.level, 0) if highest else 0,
        "majors": [highest.major] + sorted({e.major for e in educations[1:] if e.major})
        if highest and highest.major
        else sorted({e.major for e in educations if e.major}),
        "skill_codes": sorted(codes),
        "skill_labels": codes,
        "experience": sorted(
            [e.start_date.isoformat(), e.end_date.isoformat() if e.end_date else None]
            for e in profile.experience.all()
        ),
        "preferred_occupation": profile.preferred_occupation[:150],
        "willing_to_relocate": bool(profile.willing_to_relocate),
        "has_disability": bool(profile.has_disability),
    }


def seeker_facts(row: Any) -> SeekerFacts:
    """From a ``MatchProfile`` or a named ``values_list`` row of its columns (labels may be
    left out: only the explanation uses them)."""
    majors = [m for m in row.majors if m]
    first_major = majors[0] if majors and row.education_level else ""
    return SeekerFacts(
        education_level=row.education_level,
        major=first_major,
        majors=frozenset(majors),
        skills=frozenset(row.skill_codes),
        labels=dict(getattr(row, "skill_labels", None) or {}),
        experience=tuple(
            (dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None)
            for start, end in row.experience
        ),
        regency_code=row.regency_code,
        willing_to_relocate=row.willing_to_relocate,
        preferred_occupation=row.preferred_occupation,
        has_disability=row.has_disability,
    )


def vacancy_facts(vacancy: Any, vocab: Vocabulary) -> VacancyFacts:
    skills: dict[Any, Any] = {}
    certificates: dict[Any, Any] = {}
    for name in vacancy.skills or []:
        term = vocab.term(name)
        if term is None:
            continue
        (certificates if term.kind == TermKind.CERTIFICATE else skills).setdefault(term.code, term)
    location = vacancy.location
    return VacancyFacts(
        min_education=vacancy.min_education or "",
        majors=tuple(m for m in (vacancy.majors or []) if str(m).strip()),
        skills=tuple(skills.values()),
        certificates=tuple(certificates.values()),
        min_experience_years=vacancy.min_experience_years or 0,
        regency_code=(location.code[:5] if location else ""),
        regency_name=getattr(location, "name", ""),
        is_remote=vacancy.is_remote,
        title=vacancy.title,
        occupation_title=getattr(vacancy.occupation, "title", ""),
        disability_friendly=vacancy.disability_friendly,
        accommodations=vacancy.accommodations,
    )
