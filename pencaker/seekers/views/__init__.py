"""Profile pages: the job seeker's home (overview), one page per section, the history,
the data download, and the staff pages. Views parse, call one service, render.

One module per sub-area: ``overview``, ``sections``, ``entries``, ``staff``; ``urls``
imports from ``pencaker.seekers.views``.
"""

from __future__ import annotations

from pencaker.seekers.views.entries import (
    education,
    education_edit,
    education_remove,
    experience,
    experience_edit,
    experience_remove,
    language_remove,
    languages,
    skill_remove,
    skills,
    training,
    training_remove,
)
from pencaker.seekers.views.overview import (
    data_download,
    history,
    overview,
)
from pencaker.seekers.views.sections import (
    address,
    contact,
    disability,
    identity,
    preferences,
)
from pencaker.seekers.views.staff import (
    staff_nik_conflicts,
    staff_seeker_detail,
    staff_seeker_list,
)

__all__ = [
    "address",
    "contact",
    "data_download",
    "disability",
    "education",
    "education_edit",
    "education_remove",
    "experience",
    "experience_edit",
    "experience_remove",
    "history",
    "identity",
    "language_remove",
    "languages",
    "overview",
    "preferences",
    "skill_remove",
    "skills",
    "staff_nik_conflicts",
    "staff_seeker_detail",
    "staff_seeker_list",
    "training",
    "training_remove",
]
