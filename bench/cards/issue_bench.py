#!/usr/bin/env python3
"""Card-issuing benchmark (issue 4 item 8): issue N AK/1 cards (render + sign + store).

    .venv/bin/python bench/cards/issue_bench.py --db both --cards 50 --runs 5 --json out.json
    make bench-cards                       # the same, DB=both CARDS=50 RUNS=5 PROCESSES=1

Each database gets a throwaway installation: a temporary data folder (SQLite database in
WAL mode, media, demo signing CA and QR key), and for PostgreSQL a throwaway cluster on
loopback through ``scripts/pgtmp.py``. The bench migrates, creates ``cards x runs``
approved applications (distinct job seekers with a complete profile and a 3x4 photo, so
every card is a first issue with a new number), issues one warm-up card (demo key
material, fonts, connections), then for each run calls ``cards.services.card_issue`` for
``--cards`` applications, exactly as the background task does after an approval.

Every phase of ``card_issue`` is timed by wrapping the functions it calls:

- ``db_row``: the short transaction that takes the number (counter row lock) and writes
  the card row, its history, the registration event and the audit row;
- ``qr_token``: signing the CWT/COSE token (Ed25519) for the QR code;
- ``photo``: reading the frozen photo version from storage (and checking its hash);
- ``render``: reportlab layout of the two sides, QR drawing and photo, font subsetting;
- ``pades_sign``: pyHanko PAdES signature of the PDF with the office certificate;
- ``store_file``: writing the signed PDF through Django's storage API;
- ``other``: the rest (SHA-256 of the PDF, the final update transaction and its audit row).

Reported per database: cards per second (wall clock, all processes), cards per second per
core (divided by the processes used, one per core), cards per CPU-second (process CPU
time: independent of how busy the machine is), and the per-card split in milliseconds;
every figure is the median over the runs. The machine load (``uptime``) is recorded
before and after, because this runs on shared machines.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PHASES = ("db_row", "qr_token", "photo", "render", "pades_sign", "store_file", "other")
GROUPS = {
    "rendering": ("photo", "render"),
    "signing": ("qr_token", "pades_sign"),
    "storing": ("db_row", "store_file", "other"),
}


def _uptime() -> str:
    uptime = shutil.which("uptime")
    if uptime:
        done = subprocess.run(  # noqa: S603 - the absolute path of uptime, no input
            [uptime], capture_output=True, text=True, timeout=5, check=False
        )
        return done.stdout.strip()
    return "load average: " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# --- Child: one database, one throwaway installation -----------------------------------


class _Timer:
    """Accumulates seconds per phase for the card being issued."""

    def __init__(self) -> None:
        self.current: dict[str, float] = {}

    def wrap(self, phase: str, func: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.current[phase] = self.current.get(phase, 0.0) + time.perf_counter() - began

        return timed


TIMER = _Timer()


def _instrument() -> None:
    from django.core.files.storage import default_storage

    from pencaker.cards import signing
    from pencaker.cards.services import card as services

    services.card_issue_record = TIMER.wrap("db_row", services.card_issue_record)
    services.token_sign = TIMER.wrap("qr_token", services.token_sign)
    services.photo_bytes = TIMER.wrap("photo", services.photo_bytes)
    services.render_card_pdf = TIMER.wrap("render", services.render_card_pdf)
    signing.sign_pdf = TIMER.wrap("pades_sign", signing.sign_pdf)
    default_storage._setup()
    default_storage._wrapped.save = TIMER.wrap("store_file", default_storage._wrapped.save)


def _jpeg(seed: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (354, 472), (120 + seed % 100, 60, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _prepare(count: int) -> tuple[Any, list[int]]:
    """``count`` approved applications of distinct job seekers, each with a photo."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.utils import override_settings
    from django.utils import timezone

    from pencaker.accounts.models import Role, User
    from pencaker.applications import intake
    from pencaker.applications.models import Application
    from pencaker.documents.services import document_upload
    from pencaker.seekers.tests.factories import CompleteProfileFactory, office_for, region_chain

    # Setup only, not measured: a fast password hash for the throwaway accounts.
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=fast):
        region_chain()
        office = office_for("16.71")
        office.letterhead_line1 = "PEMERINTAH KOTA PALEMBANG"
        office.letterhead_line2 = "DINAS TENAGA KERJA"
        office.signer_name = "Rina Pengantar, S.E."
        office.signer_nip = "198001012005011001"
        office.save()
        operator = User.objects.create_user(
            role=Role.OPERATOR,
            office=office,
            email="operator@bench.pencaker.id",
            phone="+6281100000001",
            password=None,
        )
        ids = []
        for n in range(count):
            user = CompleteProfileFactory().user
            document_upload(
                actor=user,
                owner=user,
                kind="photo",
                uploaded_file=SimpleUploadedFile(f"foto{n}.jpg", _jpeg(n), "image/jpeg"),
            )
            application = Application.objects.create(
                applicant=user,
                office=office,
                type="new",
                status="approved",
                tracking_number=f"AK1-BENCH-{n:06d}",
                snapshot=intake.profile_snapshot(user),
                documents=intake.documents_snapshot(user),
                submitted_at=timezone.now(),
                decided_at=timezone.now(),
                decided_by=operator,
            )
            ids.append(application.pk)
    return operator, ids


def _issue(application_ids: list[int], operator_id: int) -> dict[str, Any]:
    """Issue the cards of ``application_ids`` in this process; per-card phase seconds."""
    from pencaker.accounts.models import User
    from pencaker.applications.models import Application
    from pencaker.cards.services import card_issue

    operator = User.objects.get(pk=operator_id)
    cpu_began = time.process_time()
    cards = []
    for application in Application.objects.filter(pk__in=application_ids).select_related(
        "office", "applicant"
    ):
        TIMER.current = {}
        began = time.perf_counter()
        card = card_issue(application=application, actor=operator)
        total = time.perf_counter() - began
        if not (card.has_pdf and card.token):
            raise RuntimeError(f"card {card.number} was not rendered")
        phases = {phase: TIMER.current.get(phase, 0.0) for phase in PHASES if phase != "other"}
        phases["other"] = max(0.0, total - sum(phases.values()))
        cards.append({"total": total, **phases})
    return {"cards": cards, "cpu": time.process_time() - cpu_began}


def _issue_in_worker(args: tuple[list[int], int]) -> dict[str, Any]:
    from django.db import connections

    try:
        return _issue(*args)
    finally:
        connections.close_all()


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def child(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pencaker.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from pencaker.cards.models import Card

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    operator, ids = _prepare(args.cards * args.runs + 1)
    setup_seconds = time.perf_counter() - began
    _instrument()

    # Warm-up (not counted): creates the demo CA, office certificate and QR key on first
    # use, registers the fonts, imports pyHanko.
    began = time.perf_counter()
    _issue([ids[0]], operator.pk)
    warmup_seconds = time.perf_counter() - began

    processes = max(1, args.processes)
    pool = None
    if processes > 1:
        import multiprocessing

        connections.close_all()  # each forked worker opens its own connection
        pool = multiprocessing.get_context("fork").Pool(processes)
    runs = []
    load_before = _uptime()
    try:
        for run in range(args.runs):
            batch = ids[1 + run * args.cards : 1 + (run + 1) * args.cards]
            began = time.perf_counter()
            if pool is None:
                results = [_issue(batch, operator.pk)]
            else:
                chunks = [(batch[i::processes], operator.pk) for i in range(processes)]
                results = pool.map(_issue_in_worker, chunks)
            wall = time.perf_counter() - began
            cards = [card for result in results for card in result["cards"]]
            cpu = sum(result["cpu"] for result in results)
            if len(cards) != len(batch):
                raise RuntimeError(f"run {run}: issued {len(cards)} of {len(batch)}")
            per_card = {
                key: statistics.fmean(card[key] for card in cards) for key in ("total", *PHASES)
            }
            runs.append(
                {
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "cards_per_s": len(cards) / wall,
                    "cards_per_cpu_s": len(cards) / cpu,
                    "median_card_ms": _median_ms([card["total"] for card in cards]),
                    "mean_ms": {key: round(value * 1000, 2) for key, value in per_card.items()},
                }
            )
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    load_after = _uptime()
    issued = Card.objects.exclude(pdf="").count()
    if issued != 1 + args.cards * args.runs:
        raise RuntimeError(f"expected {1 + args.cards * args.runs} stored PDFs, found {issued}")
    vendor = connection.vendor
    db_label = "SQLite (embedded, WAL)" if vendor == "sqlite" else "PostgreSQL"
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            db_label += " " + cursor.fetchone()[0].split()[0]

    cards_per_s = statistics.median(r["cards_per_s"] for r in runs)
    phase_ms = {p: round(statistics.median(r["mean_ms"][p] for r in runs), 1) for p in PHASES}
    total_ms = round(statistics.median(r["mean_ms"]["total"] for r in runs), 1)
    return {
        "db": db_label,
        "cards_per_run": args.cards,
        "runs": args.runs,
        "processes": processes,
        "cores": _cores(),
        "cards_per_s": round(cards_per_s, 2),
        "cards_per_s_per_core": round(cards_per_s / min(processes, _cores()), 2),
        "cards_per_cpu_s": round(statistics.median(r["cards_per_cpu_s"] for r in runs), 2),
        "median_card_ms": statistics.median(r["median_card_ms"] for r in runs),
        "mean_card_ms": total_ms,
        "phase_ms": phase_ms,
        "group_ms": {g: round(sum(phase_ms[p] for p in ps), 1) for g, ps in GROUPS.items()},
        "setup_s": round(setup_seconds, 1),
        "warmup_s": round(warmup_seconds, 2),
        "load_before": load_before,
        "load_after": load_after,
        "runs_detail": runs,
    }


# --- Parent: one child per database, then the tables -----------------------------------


def _run_child(db: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="pencaker-card-bench-") as folder:
        out = Path(folder) / "result.json"
        env = {**os.environ, "PENCAKER_DATA_DIR": str(Path(folder) / "data")}
        for name in ("PENCAKER_ENV", "PENCAKER_SIGNING_P12", "PENCAKER_SIGNING_PKCS11_LIB"):
            env.pop(name, None)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            str(out),
            "--cards",
            str(args.cards),
            "--runs",
            str(args.runs),
            "--processes",
            str(args.processes),
        ]
        if db == "sqlite":
            env.pop("DATABASE_URL", None)
        else:
            command = [sys.executable, str(ROOT / "scripts" / "pgtmp.py"), "--", *command]
        subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 - our own script
        return json.loads(out.read_text())


def _markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | processes / cores | cards/s | cards/s per core | cards per CPU-s "
        "| ms per card (median) | rendering ms | signing ms | storing ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        g = r["group_ms"]
        lines.append(
            f"| {r['db']} | {r['processes']} / {r['cores']} | {r['cards_per_s']} "
            f"| {r['cards_per_s_per_core']} | {r['cards_per_cpu_s']} | {r['median_card_ms']} "
            f"| {g['rendering']} | {g['signing']} | {g['storing']} |"
        )
    lines += ["", "| database | " + " | ".join(PHASES) + " | total |"]
    lines.append("|---|" + "---:|" * (len(PHASES) + 1))
    for r in results:
        cells = " | ".join(str(r["phase_ms"][p]) for p in PHASES)
        lines.append(f"| {r['db']} | {cells} | {r['mean_card_ms']} |")
    lines.append("")
    for r in results:
        lines.append(
            f"- {r['db']}: {r['runs']} runs x {r['cards_per_run']} cards, warm-up "
            f"{r['warmup_s']} s, setup {r['setup_s']} s; load before: `{r['load_before']}`; "
            f"after: `{r['load_after']}`"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--cards", type=int, default=50, help="cards issued per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--processes", type=int, default=1, help="issuing processes (cores)")
    parser.add_argument("--json", dest="json_path", help="write all figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cards < 1 or args.runs < 1 or args.processes < 1:
        parser.error("--cards, --runs and --processes must be at least 1")
    if args.child:
        Path(args.child).write_text(json.dumps(child(args), indent=2))
        return 0
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [_run_child(db, args) for db in databases]
    print(_markdown(results))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
