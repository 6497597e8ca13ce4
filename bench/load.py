#!/usr/bin/env python3
"""Load and overload benchmark of the production stack, no extra dependencies.

    python bench/load.py --db postgres --duration 10 --concurrency 8

Starts a throwaway installation (own PostgreSQL cluster on 127.0.0.1, or embedded SQLite),
seeds job seekers with complete profiles and documents, an operator and an issued card,
starts ``pencaker serve`` (gunicorn + task worker) and measures, against 127.0.0.1 only:

1. saturation, one endpoint at a time, closed loop (``--concurrency`` connections, no think
   time, ``--duration`` seconds each): /healthz (the baseline, same server, same run), home
   page, API login, profile save, document upload, submit (each followed by a withdraw so
   the next submit is allowed), operator queue, card verification. Throughput, p50/p95/p99
   and the ratio to the baseline.
2. submit at 80% of its saturation throughput (open loop): p99.
3. overload: a mix of the main paths offered at 3x the mix's saturation throughput (open
   loop): every answer must be 2xx/4xx or 503 with Retry-After; no other 5xx.

Prints a JSON report and a Markdown table (for bench/README.md). Every loop is bounded in
time; the server and the cluster are removed at the end.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import queue
import random
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "durability"))

from harness import Server, jpeg, manage, run_script  # noqa: E402
from pgcluster import PgCluster, free_port  # noqa: E402

PORT = 0
TIMEOUT = 30


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Stats:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.retry_after_missing = 0
        self.elapsed = 0.0

    def add(self, status: int | str, seconds: float, retry_after: str | None = None) -> None:
        with self.lock:
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            if isinstance(status, int) and status < 500:
                self.latencies.append(seconds)
            if status == 503 and not retry_after:
                self.retry_after_missing += 1

    def report(self) -> dict:
        ok = len(self.latencies)
        return {
            "endpoint": self.name,
            "requests": sum(self.statuses.values()),
            "throughput": round(ok / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(percentile(self.latencies, 50) * 1000, 1),
            "p95_ms": round(percentile(self.latencies, 95) * 1000, 1),
            "p99_ms": round(percentile(self.latencies, 99) * 1000, 1),
            "statuses": self.statuses,
            "retry_after_missing": self.retry_after_missing,
        }


class Conn:
    """One keep-alive connection, reopened after any failure."""

    def __init__(self, source: str | None = None) -> None:
        self.source = source
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method, path, body=b"", headers=None):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    "127.0.0.1",
                    PORT,
                    timeout=TIMEOUT,
                    source_address=(self.source, 0) if self.source else None,
                )
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, data, response.getheader("Retry-After")
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt:
                    return "conn_error", b"", None
        return "conn_error", b"", None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None


class Scenario:
    """Builds each endpoint's request for a given worker; owns the seeded accounts."""

    def __init__(self, seeded: dict) -> None:
        self.clients = seeded["clients"]
        self.free_seekers: queue.Queue = queue.Queue()
        for client in self.clients:
            self.free_seekers.put(client)
        self.operator = seeded["operator_token"]
        self.card = seeded["card"]
        self.password = seeded["password"]
        self.verify_sources = itertools.count()
        self.lock = threading.Lock()
        self.images = {
            kind: [jpeg(kind, random.Random(n)) for n in range(8)]
            for kind in ("ktp", "photo", "ijazah")
        }

    def auth(self, token: str) -> dict:
        return {"Authorization": f"Bearer {token}"}

    def run(self, name: str, conn: Conn, rng: random.Random, stats: Stats) -> None:
        getattr(self, f"do_{name}")(conn, rng, stats)

    @staticmethod
    def timed(stats, conn, method, path, body=b"", headers=None, scheduled=None):
        start = scheduled if scheduled is not None else time.perf_counter()
        status, data, retry_after = conn.send(method, path, body, headers)
        stats.add(status, time.perf_counter() - start, retry_after)
        return status, data

    def do_healthz(self, conn, rng, stats, scheduled=None):
        self.timed(stats, conn, "GET", "/healthz", scheduled=scheduled)

    def do_home(self, conn, rng, stats, scheduled=None):
        self.timed(stats, conn, "GET", "/", headers={"Accept": "text/html"}, scheduled=scheduled)

    def do_login(self, conn, rng, stats, scheduled=None):
        client = rng.choice(self.clients)
        body = json.dumps({"email": client["email"], "password": self.password}).encode()
        self.timed(
            stats,
            conn,
            "POST",
            "/api/v1/auth/login",
            body,
            {"Content-Type": "application/json"},
            scheduled=scheduled,
        )

    def do_profile_save(self, conn, rng, stats, scheduled=None):
        client = rng.choice(self.clients)
        body = json.dumps({"address_line": f"Jl. Merdeka No. {rng.randint(1, 999)}"}).encode()
        self.timed(
            stats,
            conn,
            "PATCH",
            "/api/v1/profile",
            body,
            {**self.auth(client["token"]), "Content-Type": "application/json"},
            scheduled=scheduled,
        )

    def do_upload(self, conn, rng, stats, scheduled=None):
        client = rng.choice(self.clients)
        kind = rng.choice(["ktp", "photo", "ijazah"])
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{kind}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode()
            + rng.choice(self.images[kind])
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {
            **self.auth(client["token"]),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        self.timed(stats, conn, "POST", "/api/v1/documents/", body, headers, scheduled=scheduled)

    def do_submit(self, conn, rng, stats, scheduled=None):
        try:
            client = self.free_seekers.get(timeout=TIMEOUT)
        except queue.Empty:
            stats.add("no_free_seeker", 0.0)
            return
        try:
            headers = {
                **self.auth(client["token"]),
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            }
            status, data = self.timed(
                stats,
                conn,
                "POST",
                "/api/v1/applications/",
                b'{"type":"new"}',
                headers,
                scheduled=scheduled,
            )
            if status in (200, 201):
                tracking = json.loads(data)["tracking_number"]
                for _ in range(50):  # not timed: makes the next submit of this seeker legal
                    status, _data, _ = conn.send(
                        "POST",
                        f"/api/v1/applications/{tracking}/withdraw",
                        b"{}",
                        {**self.auth(client["token"]), "Content-Type": "application/json"},
                    )
                    if status in (200, 409):
                        break
        finally:
            self.free_seekers.put(client)

    def do_operator_queue(self, conn, rng, stats, scheduled=None):
        self.timed(
            stats,
            conn,
            "GET",
            "/api/v1/applications/operator/queue",
            headers=self.auth(self.operator),
            scheduled=scheduled,
        )

    def do_card_verify(self, conn, rng, stats, scheduled=None):
        # The service allows 20 checks per client address per 10 minutes (anti-scraping):
        # each group of 20 checks comes from its own loopback source address.
        n = next(self.verify_sources) // 19
        source = f"127.{1 + n // 62500}.{(n // 250) % 250}.{n % 250 + 1}"
        one_off = Conn(source)
        body = json.dumps(self.card).encode()
        self.timed(
            stats,
            one_off,
            "POST",
            "/api/v1/cards/verify",
            body,
            {"Content-Type": "application/json"},
            scheduled=scheduled,
        )
        one_off.close()


def closed_loop(scenario, names, concurrency, duration, label=None) -> Stats:
    stats = Stats(label or names[0])
    deadline = time.monotonic() + duration

    def worker(n):
        rng = random.Random(n)
        conn = Conn()
        for _ in range(1_000_000):
            if time.monotonic() >= deadline:
                break
            getattr(scenario, f"do_{rng.choice(names)}")(conn, rng, stats)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + TIMEOUT * 2)
    stats.elapsed = time.monotonic() - started
    return stats


def open_loop(scenario, names, rate, duration, pool=128, label=None) -> Stats:
    """Requests start at a fixed rate whatever the answers take (latency counted from the
    scheduled start, so a slow server cannot hide its queue)."""
    stats = Stats(label or names[0])
    jobs: queue.Queue = queue.Queue()
    total = int(rate * duration)
    start = time.perf_counter()
    for i in range(total):
        jobs.put((start + i / rate, names[i % len(names)]))
    for _ in range(pool):
        jobs.put(None)

    def worker(n):
        rng = random.Random(n)
        conn = Conn()
        while True:
            job = jobs.get()
            if job is None:
                break
            due, name = job
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            if time.perf_counter() - start > duration + TIMEOUT:
                continue  # bounded: drop what could not even start in time
            getattr(scenario, f"do_{name}")(conn, rng, stats, scheduled=due)
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(pool)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + TIMEOUT * 3)
    stats.elapsed = time.perf_counter() - start
    return stats


ENDPOINTS = [
    "healthz",
    "home",
    "login",
    "profile_save",
    "upload",
    "submit",
    "operator_queue",
    "card_verify",
]
MIX = ["home", "submit", "upload", "profile_save", "operator_queue", "card_verify"]


def main(argv=None) -> int:
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="postgres")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seekers", type=int, default=60)
    parser.add_argument("--json", help="Also write the report here.")
    args = parser.parse_args(argv)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    reports = []
    for db in dbs:
        reports.append(run(db, args))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=1))
    bad = any(r["overload"]["other_5xx"] or r["overload"]["retry_after_missing"] for r in reports)
    return 1 if bad else 0


def run(db: str, args) -> dict:
    global PORT
    data_dir = Path(tempfile.mkdtemp(prefix=f"pencaker-bench-{db}-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PENCAKER_ENV"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "PENCAKER_DATA_DIR": str(data_dir),
            "LOG_LEVEL": "ERROR",
            "AXES_FAILURE_LIMIT": "1000",
        }
    )
    cluster = server = None
    try:
        if db == "postgres":
            cluster = PgCluster()
            cluster.init()
            env["DATABASE_URL"] = cluster.url
        manage(env, "migrate", "--no-input")
        run_script(env, "seed.py", str(args.seekers), str(data_dir / "seed.json"), "--bench")
        seeded = json.loads((data_dir / "seed.json").read_text())
        PORT = free_port()
        server = Server(env, PORT, args.workers, data_dir / "server.log")
        server.start()
        scenario = Scenario(seeded)
        closed_loop(scenario, ["home", "healthz"], 4, 2)  # warm both workers
        saturation = {}
        for name in ENDPOINTS:
            stats = closed_loop(scenario, [name], args.concurrency, args.duration)
            saturation[name] = stats.report()
            print(f"[bench] {db} {name}: {json.dumps(saturation[name])}", file=sys.stderr)
        base = saturation["healthz"]["throughput"] or 1
        for row in saturation.values():
            row["ratio"] = round(row["throughput"] / base, 3)
        submit_rate = max(1.0, saturation["submit"]["throughput"] * 0.8)
        at80 = open_loop(scenario, ["submit"], submit_rate, args.duration, label="submit@80%")
        mix = closed_loop(scenario, MIX, args.concurrency, args.duration, label="mix").report()
        over_rate = max(3.0, mix["throughput"] * 3)
        over = open_loop(scenario, MIX, over_rate, args.duration, pool=256, label="mix@3x")
        over_report = over.report()
        other_5xx = sum(
            n for s, n in over.statuses.items() if s.isdigit() and int(s) >= 500 and s != "503"
        )
        report = {
            "db": db,
            "workers": args.workers,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "cpus": os.cpu_count(),
            "saturation": saturation,
            "submit_at_80pct": {"rate": round(submit_rate, 1), **at80.report()},
            "mix": mix,
            "overload": {
                "rate": round(over_rate, 1),
                **over_report,
                "other_5xx": other_5xx,
            },
            "server_500_in_log": (data_dir / "server.log")
            .read_text(errors="replace")
            .count('"status_code": 500'),
        }
        print(json.dumps(report), flush=True)
        print(markdown(report), flush=True)
        return report
    finally:
        if server:
            server.kill()
        if cluster:
            cluster.stop()
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)


def markdown(report: dict) -> str:
    lines = [
        f"### {report['db']} — {report['workers']} workers, {report['concurrency']} "
        f"connections, {report['duration_s']:g} s per endpoint",
        "",
        "| endpoint | req/s | ratio to /healthz | p50 ms | p95 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["saturation"].values():
        lines.append(
            f"| {row['endpoint']} | {row['throughput']} | {row['ratio']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['statuses']} |"
        )
    s80, over = report["submit_at_80pct"], report["overload"]
    lines += [
        "",
        f"- submit at 80% of saturation ({s80['rate']} req/s offered): p50 {s80['p50_ms']} ms, "
        f"p99 {s80['p99_ms']} ms, statuses {s80['statuses']}",
        f"- mix saturation: {report['mix']['throughput']} req/s",
        f"- overload at 3x ({over['rate']} req/s offered): statuses {over['statuses']}, "
        f"503 without Retry-After: {over['retry_after_missing']}, other 5xx: {over['other_5xx']}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
