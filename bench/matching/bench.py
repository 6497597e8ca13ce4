#!/usr/bin/env python3
"""Matching benchmark (issue 12): ranking candidates for one vacancy among ``--seekers``
job seekers on PostgreSQL, and the alert digest for ``--digest-seekers`` matching seekers.

    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/matching/bench.py \
        --seekers 1000000 --digest-seekers 100000 --json bench/matching/result-1m.json

It migrates the database named by DATABASE_URL, loads the demo regions, office, catalogues
and skill vocabulary, makes one verified organisation with five published vacancies, then
writes the seekers straight into the tables (accounts with ``bench.ipk.generator``'s
``_holders``, then ``matching.MatchProfile`` rows by COPY; seed 2026): spread over 494
kabupaten/kota in 38 provinces, education as the IPK generator's distribution, 0–6 skills
of the vocabulary, 40% discoverable, 30% with alerts, 25% willing to move. The
``--digest-seekers`` are extra seekers in one more kabupaten/kota (16.99), all with alerts
on and fitting its vacancy.

Ranking: ``GET /api/v1/matching/vacancies/<id>/candidates`` in-process (Django's test
client with an API token: the server's time, no network), median of ``--repeat`` runs
after one warm-up, for vacancies whose prefiltered pool differs in size; the pool is
counted for each so the time can be set against it, and so are the rows one ranking scores
in Python (``scored_in_python``: the others only get the SQL bound of their points).
EXPLAIN ANALYZE of the prefilter and of the first bound-ordered batch is written next to
the JSON (``.plans.txt``).

Digest: a fresh process (``--digest-only``) runs the alert task for the 16.99 vacancy and
reports its wall time, the digests queued and its peak RSS (``ru_maxrss``); it runs twice,
for a tenth of the digest seekers (alerts switched off for the others) and for all of
them, so a peak that does not grow with the count shows the bounded memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHUNK = 20_000
RANKS = {"SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D1": 4, "D2": 5, "D3": 6, "D4": 7, "S1": 7}
RANKS.update({"S2": 8, "S3": 9})


def _setup():
    import django

    django.setup()


def _regencies() -> list[str]:
    # 38 provinces × 13 kabupaten/kota = 494 codes, 16.71 among them.
    codes = [f"{p:02d}.{r:02d}" for p in range(11, 49) for r in range(1, 14)]
    codes[codes.index("16.13")] = "16.71"
    return codes


def generate(*, seekers: int, digest_seekers: int, seed: int = 2026) -> dict:
    from django.db import connection

    from bench.ipk.generator import EDUCATION, _holders, _insert, _pick
    from pencaker.matching.models import MatchProfile, SkillTerm

    rng = random.Random(seed)
    codes = _regencies()
    vocab = list(SkillTerm.objects.values_list("code", "name_id"))
    fields = [
        "user_id", "discoverable", "alerts_enabled", "regency_code", "province_code",
        "kecamatan_name", "regency_name", "education_rank", "education_level", "majors",
        "skill_codes", "skill_labels", "experience", "preferred_occupation",
        "willing_to_relocate", "has_disability", "refreshed_at",
    ]  # fmt: skip
    columns = tuple(MatchProfile._meta.get_field(f).column for f in fields)
    now = dt.datetime.now(dt.UTC).isoformat()
    majors = ["Akuntansi", "Tata Boga", "Teknik Mesin", "Manajemen", "IPA", "IPS", ""]
    started = time.monotonic()
    total = seekers + digest_seekers
    for first in range(0, total, CHUNK):
        count = min(CHUNK, total - first)
        ids = _holders("match", first, count)
        rows = []
        for n in range(first, first + count):
            digest = n >= seekers
            if digest:
                level, regency, skills = "SMK", "16.99", ["excel", "akuntansi", "pajak", "sim-b1"]
                discoverable, alerts, move, major = False, True, False, "Akuntansi"
            else:
                level = _pick(rng, EDUCATION)
                regency = rng.choice(codes)
                skills = rng.sample([c for c, _n in vocab], rng.randint(0, 6))
                discoverable, alerts = rng.random() < 0.4, rng.random() < 0.3
                move, major = rng.random() < 0.25, rng.choice(majors)
            labels = dict(vocab)
            start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
            experience = [[start.isoformat(), None]] if rng.random() < 0.5 else []
            rows.append(
                (
                    ids[n], discoverable, alerts, regency, regency[:2], "Kecamatan Bench",
                    f"Kabupaten {regency}", RANKS[level], level, json.dumps([major]),
                    json.dumps(sorted(skills)), json.dumps({c: labels[c] for c in skills}),
                    json.dumps(experience), "staf administrasi" if rng.random() < 0.2 else "",
                    move, False, now,
                )
            )  # fmt: skip
        _insert(MatchProfile._meta.db_table, columns, rows)
        print(f"  {first + count:>9} seekers at {time.monotonic() - started:.0f}s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"generate_s": round(time.monotonic() - started, 1)}


def world() -> dict:
    from django.core.management import call_command
    from django.utils import timezone

    from pencaker.accounts.api_auth import token_issue
    from pencaker.accounts.models import Role, User
    from pencaker.demo.seed import seed_office, seed_regions
    from pencaker.employers.kbli import kbli_import_demo
    from pencaker.employers.models import Membership, Organisation
    from pencaker.matching.vocabulary import skills_import_demo
    from pencaker.regions.models import Region
    from pencaker.vacancies.kbji import kbji_import_demo
    from pencaker.vacancies.models import KbjiOccupation, Vacancy

    call_command("migrate", verbosity=0)
    seed_regions()
    office = seed_office()
    kbli_import_demo()
    kbji_import_demo()
    skills_import_demo()
    province = Region.objects.get(code="16")
    sparse, _ = Region.objects.get_or_create(
        code="16.05", defaults={"name": "Kabupaten 16.05", "level": "regency", "parent": province}
    )
    digest_regency, _ = Region.objects.get_or_create(
        code="16.99", defaults={"name": "Kabupaten 16.99", "level": "regency", "parent": province}
    )
    village = Region.objects.filter(level="village", code__startswith="16.71.").first()
    organisation = Organisation.objects.create(
        legal_name="PT Bench Matching", type="pt", nib="9120000000001", sector_id="10710",
        address_line="Jl. Bench", village=village, office=office, contact_name="Bench",
        phone="+6281200000000", email="bench-matching@example.id", size_band="20_99",
        status="verified",
    )  # fmt: skip
    owner = User.objects.create_user(
        email="owner@bench.example.id", password=None, role=Role.EMPLOYER, full_name="Owner"
    )
    Membership.objects.create(organisation=organisation, user=owner, role="owner")
    occupation = KbjiOccupation.objects.get(code="3313")
    base = {
        "organisation": organisation,
        "office": office,
        "occupation": occupation,
        "occupation_group": "3",
        "employment_type": "contract",
        "closing_date": timezone.localdate() + dt.timedelta(days=30),
        "status": "published",
        "published_at": timezone.now(),
        "skills": ["Microsoft Excel", "Akuntansi", "Perpajakan", "SIM B1"],
        "majors": ["Akuntansi"],
    }
    regency = Region.objects.get(code="16.71")
    cases = {
        "16.71, min SMK": {"location": regency, "min_education": "SMK"},
        "16.71, min S1": {"location": regency, "min_education": "S1"},
        "16.71, no minimum": {"location": regency, "min_education": ""},
        "remote (province 16), min SMK": {"location": None, "is_remote": True, "min_education": "SMK"},
        "16.05 (sparse), min D3": {"location": sparse, "min_education": "D3"},
    }  # fmt: skip
    vacancies = {
        label: Vacancy.objects.create(title=f"Staf Keuangan ({label})", **base, **extra).pk
        for label, extra in cases.items()
    }
    digest_vacancy = Vacancy.objects.create(
        title="Staf Keuangan (digest)", **base, location=digest_regency, min_education="SMK"
    ).pk
    return {
        "token": token_issue(user=owner, name="bench"),
        "vacancies": vacancies,
        "digest_vacancy": digest_vacancy,
    }


def rank(setup: dict, *, repeat: int) -> tuple[dict, list[str]]:
    from django.db import connection
    from django.test import Client

    from pencaker.matching import selectors
    from pencaker.matching.facts import vacancy_facts
    from pencaker.matching.selectors import prefilter
    from pencaker.matching.vocabulary import vocabulary
    from pencaker.vacancies.models import Vacancy

    client = Client(HTTP_AUTHORIZATION=f"Bearer {setup['token']}")
    results, plans = {}, []
    for label, pk in setup["vacancies"].items():
        url = f"/api/v1/matching/vacancies/{pk}/candidates"
        first = client.get(url)
        assert first.status_code == 200, first.content[:300]
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        vacancy = Vacancy.objects.select_related("office", "location", "occupation").get(pk=pk)
        pool = prefilter(vacancy, flag="discoverable")
        # How many pool rows one ranking scores in Python (the rest only get the SQL bound).
        calls = []
        real_points = selectors.points
        selectors.points = lambda *a, _c=calls, _p=real_points, **k: _c.append(1) or _p(*a, **k)
        try:
            selectors._rank(vacancy, selectors.CANDIDATE_LIMIT)
        finally:
            selectors.points = real_points
        results[label] = {
            "pool": pool.count(),
            "scored_in_python": len(calls),
            "median_ms": round(statistics.median(times), 1),
            "p90_ms": round(sorted(times)[max(int(len(times) * 0.9) - 1, 0)], 1),
            "returned": len(response.json()),
            "top_score": response.json()[0]["match"]["score"] if response.json() else None,
        }
        print(f"{label}: {results[label]}", flush=True)
        sql, params = pool.values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            plans.append(
                f"-- {label} (pool {results[label]['pool']})\n{cursor.mogrify(sql, params)}\n\n{plan}"
            )
            facts = vacancy_facts(vacancy, vocabulary())
            first = selectors.bound_ordered(vacancy, facts)[: 2 * selectors.CANDIDATE_LIMIT]
            sql, params = first.query.sql_with_params()
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            plans.append(
                f"-- {label}: first batch by the SQL bound\n{cursor.mogrify(sql, params)}\n\n{plan}"
            )
    return results, plans


def digest_only(vacancy_id: int) -> int:
    _setup()
    from pencaker.matching.tasks import vacancy_alerts_task
    from pencaker.notifications.models import Notification

    before = Notification.objects.filter(kind="matching.digest").count()
    began = time.monotonic()
    result = vacancy_alerts_task.call(vacancy_id)
    elapsed = time.monotonic() - began
    queued = Notification.objects.filter(kind="matching.digest").count() - before
    print(
        json.dumps(
            {
                "result": result,
                "digests_queued": queued,
                "wall_s": round(elapsed, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )
    return 0


def digest(setup: dict, *, digest_seekers: int, seekers: int) -> dict:
    from pencaker.matching.models import AlertItem, MatchProfile
    from pencaker.notifications.models import Notification

    out = {}
    rows = MatchProfile.objects.filter(regency_code="16.99").order_by("id")
    quarter_ids = list(rows.values_list("id", flat=True)[: max(digest_seekers // 10, 1)])
    for label, enabled in (("tenth", quarter_ids), ("all", None)):
        AlertItem.objects.all().delete()
        Notification.objects.filter(kind="matching.digest").delete()
        if enabled is None:
            rows.update(alerts_enabled=True)
        else:
            rows.update(alerts_enabled=False)
            MatchProfile.objects.filter(id__in=enabled).update(alerts_enabled=True)
        done = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--digest-only", str(setup["digest_vacancy"])],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
        out[label] = json.loads(done.stdout.strip().splitlines()[-1])
        out[label]["seekers_with_alerts"] = len(enabled) if enabled is not None else digest_seekers
        print(f"digest {label}: {out[label]}", flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seekers", type=int, default=1_000_000)
    parser.add_argument("--digest-seekers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--skip-digest", action="store_true", help="ranking only")
    parser.add_argument("--digest-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pencaker.settings")
    os.environ.setdefault("PENCAKER_DATA_DIR", tempfile.mkdtemp(prefix="pencaker-match-bench-"))
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL is not set: run through scripts/pgtmp.py (see the docstring)")
    if args.digest_only:
        return digest_only(args.digest_only)
    _setup()
    from django.db import connection

    setup = world()
    generated = generate(seekers=args.seekers, digest_seekers=args.digest_seekers)
    ranking, plans = rank(setup, repeat=args.repeat)
    digests = (
        {}
        if args.skip_digest
        else digest(setup, digest_seekers=args.digest_seekers, seekers=args.seekers)
    )
    output = {
        "seekers": args.seekers,
        "digest_seekers": args.digest_seekers,
        "repeat": args.repeat,
        "database": connection.vendor,
        **generated,
        "ranking": ranking,
        "digest": digests,
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
