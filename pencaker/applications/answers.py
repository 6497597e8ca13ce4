"""The "check your answers" summary shown before an AK/1 request is sent.

The same data the request freezes (``intake.profile_snapshot``, ``documents_snapshot``),
section by section, each with the page where the applicant changes it. Read through the
profile and documents apps' selectors only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pencaker.applications import intake
from pencaker.documents.selectors import documents_current_for
from pencaker.seekers.choices import Section


@dataclass(frozen=True)
class AnswerRow:
    key: str
    value: str = ""
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AnswerSection:
    code: str
    title: str
    change_url: str
    rows: list[AnswerRow]


def _date(value: Any) -> str:
    return date_format(value, "j F Y") if value else ""


def _join(*parts: str, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _section(code: str, title: Any, rows: list[AnswerRow], url_name: str = "") -> AnswerSection:
    return AnswerSection(
        code=code,
        title=str(title),
        change_url=intake._url(url_name or f"seekers:{code}"),
        rows=rows,
    )


def applicant_answers(user: Any) -> list[AnswerSection]:
    """What will be sent, by profile section, for ``user``'s request."""
    profile = intake.applicant_profile(user)
    sections: list[AnswerSection] = []
    if profile is not None:
        sections.append(
            _section(
                Section.IDENTITY,
                Section.IDENTITY.label,
                [
                    AnswerRow(_("NIK"), profile.nik),
                    AnswerRow(_("Name"), profile.full_name),
                    AnswerRow(
                        _("Place and date of birth"),
                        _join(profile.birth_place, _date(profile.birth_date)),
                    ),
                    AnswerRow(_("Sex"), profile.get_sex_display() if profile.sex else ""),
                    AnswerRow(
                        _("Marital status"),
                        profile.get_marital_status_display() if profile.marital_status else "",
                    ),
                    AnswerRow(
                        _("Religion"), profile.get_religion_display() if profile.religion else ""
                    ),
                ],
            )
        )
        village = profile.village
        rt_rw = (
            f"RT {profile.rt or '—'} / RW {profile.rw or '—'}" if profile.rt or profile.rw else ""
        )
        sections.append(
            _section(
                Section.ADDRESS,
                Section.ADDRESS.label,
                [
                    AnswerRow(
                        _("Address"),
                        _join(
                            profile.address_line,
                            rt_rw,
                            *(intake._region_chain(village) if village is not None else []),
                            profile.postal_code,
                        ),
                    )
                ],
            )
        )
    sections.append(
        _section(
            Section.CONTACT,
            Section.CONTACT.label,
            [
                AnswerRow(_("Email"), user.email),
                AnswerRow(_("Mobile number"), getattr(user, "phone", "")),
            ],
        )
    )
    if profile is not None:
        education = [
            _join(
                e.get_level_display(),
                _join(e.institution, e.major, sep=" "),
                str(e.graduation_year),
                sep=" — ",
            )
            for e in profile.education.all()
        ]
        training = [
            _join(t.name, t.organizer, str(t.year), sep=" — ") for t in profile.training.all()
        ]
        experience = [
            _join(
                e.position,
                e.employer,
                _join(_date(e.start_date), _date(e.end_date) or _("now"), sep="–"),
                sep=" — ",
            )
            for e in profile.experience.all()
        ]
        for section, items in (
            (Section.EDUCATION, education),
            (Section.TRAINING, training),
            (Section.EXPERIENCE, experience),
        ):
            sections.append(
                _section(section, section.label, [AnswerRow(str(section.label), items=items)])
            )
    documents = [intake.document_label(kind) for kind in sorted(documents_current_for(user))]
    sections.append(
        _section(
            "documents",
            _("Documents"),
            [AnswerRow(_("Uploaded documents"), items=documents)],
            url_name="documents:list",
        )
    )
    return sections
