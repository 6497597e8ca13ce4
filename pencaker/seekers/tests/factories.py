"""factory_boy factories for job-seeker profiles, reusable by other apps' tests.

``JobSeekerProfileFactory`` makes an empty (just started) profile.
``CompleteProfileFactory`` makes a profile the completeness panel accepts except for the
documents (they belong to the documents app): identity with a valid NIK that agrees with
the birth date and sex, an address in a village of Kota Palembang (16.71) so the office
is the one with code 16.71, one education entry, and a verified email.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from pencaker.regions.nik import build_nik
from pencaker.seekers.choices import EducationLevel, MaritalStatus, Religion, Sex
from pencaker.seekers.models import Education, JobSeekerProfile

DEMO_VILLAGE = ("16.71.01.1001", "Kelurahan Contoh")


def nik_for(*, district_code: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """A NIK that ``regions.nik.parse_nik`` accepts, agreeing with birth date and sex."""
    return build_nik(
        district_code=district_code, birth_date=birth_date, sex=sex, serial=serial % 10000 or 1
    )


def region_chain(village_code: str = DEMO_VILLAGE[0], village_name: str = DEMO_VILLAGE[1]):
    """Get or create the province → village chain for ``village_code``; return the village."""
    from pencaker.regions.models import Region

    parts = village_code.split(".")
    levels = ["province", "regency", "district", "village"]
    parent = None
    region = None
    for depth, level in enumerate(levels, start=1):
        code = ".".join(parts[:depth])
        name = village_name if level == "village" else f"{level.title()} {code}"
        region, _ = Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent}
        )
        parent = region
    return region


def office_for(code: str = "16.71"):
    from pencaker.offices.models import Office
    from pencaker.regions.models import Region

    region = Region.objects.filter(code=code).first()
    office, _ = Office.objects.get_or_create(
        code=code, defaults={"name": f"Dinas Tenaga Kerja {code}", "region": region}
    )
    return office


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"pencaker{n}@example.id")
    phone = factory.Sequence(lambda n: f"+62812{n % 10_000_000:07d}")
    role = "job_seeker"
    password = factory.django.Password("Rahasia-123!")


class JobSeekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSeekerProfile

    user = factory.SubFactory(UserFactory)


class CompleteProfileFactory(JobSeekerProfileFactory):
    class Meta:
        model = JobSeekerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, email_verified_at=factory.LazyFunction(timezone.now))
    full_name = factory.Sequence(lambda n: f"Pencari Kerja {n}")
    birth_place = "Palembang"
    birth_date = factory.Sequence(lambda n: dt.date(1995, 1, 1) + dt.timedelta(days=n % 3000))
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])
    marital_status = MaritalStatus.SINGLE
    religion = Religion.ISLAM
    nik = factory.LazyAttributeSequence(
        lambda o, n: nik_for(
            district_code=".".join(o.village.code.split(".")[:3]),
            birth_date=o.birth_date,
            sex=o.sex,
            serial=n + 1,
        )
    )
    address_line = "Jl. Merdeka No. 10"
    rt = "1"
    rw = "2"
    postal_code = "30126"
    village = factory.LazyFunction(region_chain)
    office = factory.LazyAttribute(lambda o: office_for(".".join(o.village.code.split(".")[:2])))
    preferred_occupation = "Staf administrasi"
    preferred_locations = "Palembang"

    @factory.post_generation
    def education(obj, create, extracted, **kwargs):
        if create and not obj.education.exists():
            Education.objects.create(
                profile=obj,
                level=EducationLevel.SMA,
                institution="SMA Negeri 1 Palembang",
                major="IPA",
                graduation_year=obj.birth_date.year + 18,
            )
