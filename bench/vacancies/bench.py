#!/usr/bin/env python3
"""Vacancy board benchmark (issue 11): ``/lowongan/`` filtered by kabupaten/kota and
education over 10,000 published vacancies on PostgreSQL.

    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/vacancies/bench.py \
        --vacancies 10000 --repeat 21 --json bench/vacancies/result-10k.json

It migrates the database named by DATABASE_URL, loads the demo regions, office and
catalogues, creates 40 kabupaten/kota, 50 verified organisations and ``--vacancies``
published vacancies spread over them (seed 2026), then times the board page in-process
(Django's test client: the server's time, no network) for a few filter combinations,
median of ``--repeat`` runs after one warm-up. EXPLAIN ANALYZE of the two queries behind
the filtered page (the count and the page) is written next to the JSON (``.plans.txt``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pencaker.settings")
    os.environ.setdefault("PENCAKER_DATA_DIR", tempfile.mkdtemp(prefix="pencaker-vac-bench-"))
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL is not set: run through scripts/pgtmp.py (see the docstring)")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from pencaker.demo.seed import seed_office, seed_regions
    from pencaker.employers.kbli import kbli_import_demo
    from pencaker.employers.models import Organisation
    from pencaker.regions.models import Region
    from pencaker.seekers.choices import EducationLevel
    from pencaker.vacancies.choices import EmploymentType
    from pencaker.vacancies.kbji import kbji_import_demo
    from pencaker.vacancies.models import KbjiOccupation, Vacancy

    call_command("migrate", verbosity=0)
    seed_regions()
    office = seed_office()
    kbli_import_demo()
    kbji_import_demo()
    rng = random.Random(2026)
    province = Region.objects.get(code="16")
    regencies = [Region.objects.get(code="16.71")]
    for n in range(1, 40):
        code = f"16.{80 + n:02d}" if n < 19 else f"17.{n:02d}"
        parent = (
            province
            if code.startswith("16.")
            else Region.objects.get_or_create(
                code="17", defaults={"name": "Provinsi 17", "level": "province"}
            )[0]
        )
        regency, _ = Region.objects.get_or_create(
            code=code, defaults={"name": f"Kabupaten {code}", "level": "regency", "parent": parent}
        )
        regencies.append(regency)
    village = Region.objects.filter(level="village", code__startswith="16.71.").first()
    organisations = [
        Organisation.objects.create(
            legal_name=f"PT Bench {n:02d}",
            type="pt",
            nib=f"91200{n:08d}",
            sector_id="10710",
            address_line="Jl. Bench",
            village=village,
            office=office,
            contact_name="Bench",
            phone="+6281200000000",
            email=f"bench{n}@example.id",
            size_band="20_99",
            status="verified",
        )
        for n in range(50)
    ]
    occupations = list(KbjiOccupation.objects.filter(code__regex=r"^\d{4}$"))
    levels = [""] + list(EducationLevel.values)
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for n in range(args.vacancies):
        occupation = rng.choice(occupations)
        rows.append(
            Vacancy(
                organisation=rng.choice(organisations),
                office=office,
                title=f"{occupation.title} {n}",
                description="Lowongan untuk benchmark papan lowongan.",
                occupation=occupation,
                occupation_group=occupation.code[:1],
                openings=rng.randint(1, 5),
                min_education=rng.choice(levels),
                location=rng.choice(regencies),
                is_remote=rng.random() < 0.02,
                employment_type=rng.choice(EmploymentType.values),
                salary_min=rng.randrange(2_500_000, 6_000_000, 100_000),
                closing_date=today + dt.timedelta(days=rng.randint(1, 90)),
                status="published",
                published_at=now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 60)),
            )
        )
    Vacancy.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from pencaker.vacancies.selectors import vacancy_list_public

    def _matches(params):
        return vacancy_list_public(
            q=params.get("q", ""),
            regency=params.get("kabkota", ""),
            education=params.get("pendidikan", ""),
        ).count()

    client = Client()
    cases = {
        "kabkota + pendidikan": {"kabkota": "16.71", "pendidikan": "SMA"},
        "kabkota + pendidikan, page 3": {"kabkota": "16.71", "pendidikan": "SMA", "hal": "3"},
        "kabkota + pendidikan, closing soon": {
            "kabkota": "16.71",
            "pendidikan": "SMA",
            "urut": "closing",
        },
        "no filter": {},
        "keyword": {"q": "roti"},
    }
    results = {}
    for label, params in cases.items():
        client.get("/lowongan/", params)
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            response = client.get("/lowongan/", params)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        results[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 1),
            "matches": _matches(params),
        }
        print(f"{label}: {results[label]}")

    with CaptureQueriesContext(connection) as queries:
        client.get("/lowongan/", cases["kabkota + pendidikan"])
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if "vacancies_vacancy" not in sql:
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plans.append(sql + "\n\n" + "\n".join(r[0] for r in cursor.fetchall()))
    output = {
        "vacancies": args.vacancies,
        "repeat": args.repeat,
        "database": connection.vendor,
        "results": results,
        "queries_per_page": len(queries.captured_queries),
    }
    print(json.dumps(output, indent=2))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")
        Path(args.json_path).with_suffix(".plans.txt").write_text(
            "\n\n-----\n\n".join(plans) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
