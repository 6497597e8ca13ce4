#!/usr/bin/env python3
"""Load and overload benchmark of the production stack (issues 7 and 18).

    python bench/load.py --db postgres            # what `make bench` runs

Starts a throwaway installation (its own PostgreSQL cluster on 127.0.0.1, or embedded
SQLite), seeds it in bulk (``bench/seed_bulk.py``: thousands of job seekers with complete
profiles, documents and API tokens in seconds), starts gunicorn with the benchmark's
settings (``bench.settings``: production settings, plus three reference views in front of
the production addresses) and the task worker and scheduler, and measures against
127.0.0.1 only:

1. **Saturation with wrk** (closed loop, ``--connections`` connections, no think time),
   one Lua script per endpoint (``bench/wrk/*.lua``), **interleaved** with the references:
   references, endpoint, references, next endpoint, …, references; ``--rounds`` times.
   The references are (a) ``/bench/bare`` — a tiny view with no middleware, (b)
   ``/bench/full`` — the same view through the full middleware stack, (c)
   ``/bench/insert`` — one durable INSERT + COMMIT, and ``/healthz``. Each endpoint is
   reported with its median throughput, p50/p99 and its median ratio (with spread) to each
   reference measured just before and after it (``bench/ratios.py``). Submit: each request
   is a different pre-seeded job seeker submitting once.
2. **Submit at 80% of its saturation** (open loop) and 3. **overload at 3×** the mix's
   capacity (open loop): a Python generator (wrk cannot schedule an open loop), run as a
   separate process (``--child``), pinned with taskset away from the server when the
   machine has 4 or more cores.

Prints a JSON report and Markdown tables (for bench/README.md). Every loop is bounded in
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
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "durability"))

from harness import jpeg, manage  # noqa: E402
from pgcluster import PgCluster, free_port  # noqa: E402

from bench.ratios import interleaved_ratios  # noqa: E402

PYTHON = sys.executable
WRK_DIR = ROOT / "bench" / "wrk"
PORT = 0
TIMEOUT = 30
REFERENCES = ["bare", "full", "insert", "healthz"]
ENDPOINTS = ["home", "login", "profile_save", "upload", "submit", "operator_queue", "card_verify"]
MIX = ["home", "submit", "upload", "profile_save", "operator_queue", "card_verify"]
#: Job seekers kept for the endpoints that reuse accounts (login, profile save, upload,
#: the overload mix); every other seeded seeker submits exactly once.
GENERAL_SEEKERS = 200


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
        # Each of these job seekers submits once (no withdraw between submissions).
        self.fresh_tokens: queue.Queue = queue.Queue()
        for token in seeded.get("submit_tokens", []):
            self.fresh_tokens.put(token)
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
            token = self.fresh_tokens.get_nowait()
        except queue.Empty:
            stats.add("no_fresh_seeker", 0.0)
            return
        headers = {
            **self.auth(token),
            "Content-Type": "application/json",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        self.timed(
            stats,
            conn,
            "POST",
            "/api/v1/applications/",
            b'{"type":"new"}',
            headers,
            scheduled=scheduled,
        )

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


def child_main(spec_path: str) -> int:
    """The open-loop generator as its own process: reads a spec, prints its report."""
    global PORT
    spec = json.loads(Path(spec_path).read_text())
    PORT = spec["port"]
    scenario = Scenario(spec["seeded"])
    stats = open_loop(
        scenario, spec["names"], spec["rate"], spec["duration"], spec["pool"], spec["label"]
    )
    report = stats.report()
    report["other_5xx"] = sum(
        n for s, n in stats.statuses.items() if s.isdigit() and int(s) >= 500 and s != "503"
    )
    print(json.dumps(report), flush=True)
    return 0


# -- pinning ------------------------------------------------------------------------------


def cpu_plan(mode: str) -> dict:
    """Which cores the server and the generators get. With 4 or more cores the generators
    (wrk and the Python process) get the last core and the server the others; below that
    there is no core to spare, and everything shares the machine (said in the report)."""
    cores = sorted(os.sched_getaffinity(0))
    if mode == "none" or (mode == "auto" and len(cores) < 4) or not shutil.which("taskset"):
        return {"server": [], "generator": [], "note": f"none ({len(cores)} cores shared)"}
    server, generator = cores[:-1], cores[-1:]
    return {
        "server": ["taskset", "-c", ",".join(map(str, server))],
        "generator": ["taskset", "-c", ",".join(map(str, generator))],
        "note": f"server on cores {server}, generators on {generator}",
    }


# -- the server ---------------------------------------------------------------------------


class BenchServer:
    """gunicorn with ``bench.settings`` (``bench.wsgi``) plus the task worker and the
    scheduler with the production settings, as ``pencaker serve`` runs them; each in its
    own process group, killed as a whole."""

    def __init__(self, env: dict, port: int, workers: int, threads: int, log: Path, pin: list):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.log, self.pin = log, pin
        self.procs: list[subprocess.Popen] = []

    def start(self) -> None:
        # Hashed, compressed static files for whitenoise, as `pencaker serve` does.
        manage(self.env, "collectstatic", "--no-input", "--verbosity", "0")
        handle = self.log.open("ab")
        bench_env = {**self.env, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        web = [
            PYTHON,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--backlog",
            "256",
            "--timeout",
            "60",
            "--logger-class",
            "pencaker.core.logging.GunicornAccessLogger",
        ]
        worker = [PYTHON, "-m", "pencaker.manage", "db_worker", "--interval", "1"]
        scheduler = [PYTHON, "-m", "pencaker.manage", "run_scheduler"]
        for argv, env in ((web, bench_env), (worker, self.env), (scheduler, self.env)):
            self.procs.append(
                subprocess.Popen(  # noqa: S603
                    [*self.pin, *argv],
                    env=env,
                    cwd=ROOT,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        handle.close()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.procs):
                raise RuntimeError(f"server exited; see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not become ready")

    def kill(self) -> None:
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            proc.wait(timeout=30)


# -- wrk ----------------------------------------------------------------------------------


def wrk_run(name: str, duration: float, args, env: dict, pin: list) -> dict:
    """One wrk run of ``bench/wrk/<name>.lua``; throughput counts 2xx answers only."""
    argv = [
        *pin,
        "wrk",
        "-t",
        str(args.wrk_threads),
        "-c",
        str(args.connections),
        "-d",
        f"{duration:g}s",
        "--timeout",
        "20s",
        "-s",
        str(WRK_DIR / f"{name}.lua"),
        f"http://127.0.0.1:{PORT}",
    ]
    result = subprocess.run(  # noqa: S603
        argv,
        env={**env, "BENCH_WRK_DIR": str(WRK_DIR), "BENCH_WRK_THREADS": str(args.wrk_threads)},
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    match = re.search(r"^WRKJSON (.*)$", result.stdout, re.M)
    if not match:
        raise RuntimeError(f"wrk {name} gave no summary:\n{result.stdout}\n{result.stderr}")
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    ok = sum(n for s, n in raw["statuses"].items() if s.startswith("2"))
    return {
        "endpoint": name,
        "requests": raw["requests"],
        "throughput": round(ok / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "statuses": raw["statuses"],
        "errors": {k: raw[k] for k in ("connect_errors", "read_errors", "timeouts") if raw[k]},
    }


class Tokens:
    """Hands out job-seeker tokens that have not submitted yet, as files for wrk."""

    def __init__(self, tokens: list[str], folder: Path) -> None:
        self.tokens, self.folder, self.next = tokens, folder, 0

    def take(self, count: int) -> list[str]:
        chosen = self.tokens[self.next : self.next + count]
        self.next += len(chosen)
        return chosen

    def file(self, count: int) -> Path:
        """The next ``count`` unused tokens as a file, not yet marked used (``used``)."""
        path = self.folder / f"tokens-{self.next}.txt"
        path.write_text("\n".join(self.tokens[self.next : self.next + count]) + "\n")
        return path

    def used(self, requests: int, connections: int, threads: int, offered: int) -> None:
        """After a wrk run: wrk thread k sends tokens k, k + n, k + 2n, … of the file, so
        everything sent (answered or still in flight at the end) lies within the first
        n × (requests + connections) lines; those are never handed out again."""
        self.next += min(offered, threads * (requests + connections))

    @property
    def left(self) -> int:
        return len(self.tokens) - self.next


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


# -- the run ------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="postgres")
    parser.add_argument("--duration", type=float, default=3, help="seconds per endpoint run")
    parser.add_argument("--ref-duration", type=float, default=2, help="seconds per reference")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--open-duration", type=float, default=10)
    parser.add_argument("--seekers", type=int, default=8000)
    parser.add_argument("--endpoints", default=",".join(ENDPOINTS))
    parser.add_argument("--pin", choices=["auto", "none", "force"], default="auto")
    parser.add_argument("--cpu-samples", type=int, default=60, help="in-process CPU (0: skip)")
    parser.add_argument("--json", help="Also write the report here.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (scripts/ensure-system-deps)", file=sys.stderr)
        return 2
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    reports = [run(db, args) for db in dbs]
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=1))
    bad = any(r["overload"]["other_5xx"] or r["overload"]["retry_after_missing"] for r in reports)
    return 1 if bad else 0


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(db: str, args) -> dict:
    global PORT
    data_dir = Path(tempfile.mkdtemp(prefix=f"pencaker-bench-{db}-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PENCAKER_ENV"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "PENCAKER_DATA_DIR": str(data_dir),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "ERROR",
            "AXES_FAILURE_LIMIT": "100000",
            # The wrk card-verification script names its clients in X-Forwarded-For.
            "PENCAKER_TRUSTED_PROXIES": "127.0.0.1/32",
        }
    )
    plan = cpu_plan("auto" if args.pin == "auto" else args.pin)
    cluster = server = None
    try:
        if db == "postgres":
            cluster = PgCluster()
            cluster.init()
            env["DATABASE_URL"] = cluster.url
        manage(env, "migrate", "--no-input")
        started = time.monotonic()
        seeded_out = subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "bench" / "seed_bulk.py"), str(args.seekers), str(data_dir)],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if seeded_out.returncode:
            raise RuntimeError(f"seed_bulk failed:\n{seeded_out.stderr[-3000:]}")
        seed_seconds = round(time.monotonic() - started, 1)
        log(seeded_out.stdout.strip() + f" (whole seeding step {seed_seconds} s)")
        seeded = json.loads((data_dir / "seed.json").read_text())
        general = seeded["clients"][:GENERAL_SEEKERS]
        fresh = Tokens([c["token"] for c in seeded["clients"][GENERAL_SEEKERS:]], data_dir)
        (data_dir / "general.txt").write_text("\n".join(c["token"] for c in general) + "\n")
        (data_dir / "emails.txt").write_text("\n".join(c["email"] for c in general) + "\n")
        wrk_env = {
            **os.environ,
            "BENCH_TOKENS": str(data_dir / "general.txt"),
            "BENCH_EMAILS": str(data_dir / "emails.txt"),
            "BENCH_PASSWORD": seeded["password"],
            "BENCH_OPERATOR_TOKEN": seeded["operator_token"],
            "BENCH_CARD_NUMBER": seeded["card"]["number"],
            "BENCH_CARD_BIRTH_DATE": seeded["card"]["birth_date"],
            "BENCH_UPLOAD_DIR": str(data_dir),
        }
        cpu = {}
        if args.cpu_samples:
            cpu = in_process_cpu(env, fresh.take(args.cpu_samples), seeded, args.cpu_samples)
            log(f"in-process CPU: {json.dumps(cpu)}")
        PORT = free_port()
        server = BenchServer(
            env, PORT, args.workers, args.threads, data_dir / "server.log", plan["server"]
        )
        server.start()
        for name in REFERENCES:  # warm every worker
            wrk_run(name, 1, args, wrk_env, plan["generator"])
        endpoints = [e for e in args.endpoints.split(",") if e]
        rounds, loads, runs = [], [], itertools.count()
        for number in range(1, args.rounds + 1):
            loads.append(load_average())
            measured = {"refs": [], "endpoints": [], "throughput": {}, "rows": {}}

            def refs(measured=measured):
                row = {}
                for ref in REFERENCES:
                    result = wrk_run(ref, args.ref_duration, args, wrk_env, plan["generator"])
                    row[ref] = result["throughput"]
                    measured["rows"].setdefault(ref, []).append(result)
                measured["refs"].append(row)

            refs()
            for name in endpoints:
                run_env = {**wrk_env, "BENCH_RUN": str(next(runs))}
                offered = int(1000 * args.duration)  # never-used seekers, up to 1,000/s
                if name == "submit":
                    run_env["BENCH_TOKENS"] = str(fresh.file(offered))
                result = wrk_run(name, args.duration, args, run_env, plan["generator"])
                if name == "submit":
                    fresh.used(result["requests"], args.connections, args.wrk_threads, offered)
                measured["endpoints"].append(name)
                measured["throughput"][name] = result["throughput"]
                measured["rows"][name] = [result]
                log(f"{db} round {number} {name}: {json.dumps(result)}")
                refs()
            rounds.append(measured)
        summary = summarise(rounds, endpoints)
        # Submit at 80% of its saturation, and the mix at 3x, open loop, separate process.
        sat = {name: summary[name]["throughput"] for name in endpoints}
        submit_rate = max(1.0, sat.get("submit", 5) * 0.8)
        child_seeded = {
            "clients": general,
            "operator_token": seeded["operator_token"],
            "card": seeded["card"],
            "password": seeded["password"],
        }
        at80 = child(
            data_dir,
            "submit@80%",
            ["submit"],
            submit_rate,
            args.open_duration,
            64,
            {**child_seeded, "submit_tokens": fresh.take(int(submit_rate * args.open_duration))},
            plan["generator"],
        )
        # The mix's capacity from the measured endpoints: equal shares, so the time per
        # mixed request is the mean of the endpoints' times per request.
        mix_capacity = len(MIX) / sum(1 / max(sat.get(n, 1.0), 0.1) for n in MIX)
        over_rate = max(3.0, mix_capacity * 3)
        over = child(
            data_dir,
            "mix@3x",
            MIX,
            over_rate,
            args.open_duration,
            256,
            {
                **child_seeded,
                "submit_tokens": fresh.take(int(over_rate * args.open_duration / len(MIX)) + 1),
            },
            plan["generator"],
        )
        sizes = subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "bench" / "dbsize.py")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        db_size = json.loads(sizes.stdout.strip().splitlines()[-1]) if sizes.returncode == 0 else {}
        report = {
            "db": db,
            "workers": args.workers,
            "threads": args.threads,
            "connections": args.connections,
            "wrk_threads": args.wrk_threads,
            "duration_s": args.duration,
            "ref_duration_s": args.ref_duration,
            "rounds": args.rounds,
            "cpus": os.cpu_count(),
            "pinning": plan["note"],
            "load_average_at_rounds": loads,
            "seeded_seekers": args.seekers,
            "seed_seconds": seed_seconds,
            "summary": summary,
            "in_process_cpu": cpu,
            "submit_at_80pct": {"rate": round(submit_rate, 1), **at80},
            "mix_capacity": round(mix_capacity, 1),
            "overload": {"rate": round(over_rate, 1), **over},
            "server_500_in_log": (data_dir / "server.log")
            .read_text(errors="replace")
            .count('"status_code": 500'),
            "rounds_raw": [r["rows"] for r in rounds],
            "db_size": db_size,
        }
        print(json.dumps(report), flush=True)
        print(markdown(report), flush=True)
        return report
    finally:
        if server:
            server.kill()
        if cluster:
            cluster.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def summarise(rounds: list[dict], endpoints: list[str]) -> dict:
    out = {}
    for name in REFERENCES + endpoints:
        rows = [row for measured in rounds for row in measured["rows"].get(name, [])]
        entry = {
            "throughput": round(statistics.median(r["throughput"] for r in rows), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in rows), 1),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in rows), 1),
            "runs": len(rows),
            "statuses": merge_statuses(r["statuses"] for r in rows),
        }
        if name in endpoints:
            entry["ratios"] = {ref: interleaved_ratios(rounds, name, ref) for ref in REFERENCES}
        else:
            entry["throughput_low"] = min(r["throughput"] for r in rows)
            entry["throughput_high"] = max(r["throughput"] for r in rows)
        out[name] = entry
    return out


def merge_statuses(items) -> dict:
    merged: dict[str, int] = {}
    for statuses in items:
        for status, count in statuses.items():
            merged[status] = merged.get(status, 0) + count
    return merged


def child(data_dir, label, names, rate, duration, pool, seeded, pin) -> dict:
    spec = data_dir / f"child-{label.replace('%', 'pct').replace('@', '-')}.json"
    spec.write_text(
        json.dumps(
            {
                "port": PORT,
                "label": label,
                "names": names,
                "rate": rate,
                "duration": duration,
                "pool": pool,
                "seeded": seeded,
            }
        )
    )
    result = subprocess.run(  # noqa: S603
        [*pin, PYTHON, str(Path(__file__).resolve()), "--child", str(spec)],
        capture_output=True,
        text=True,
        timeout=duration + TIMEOUT * 4,
    )
    if result.returncode:
        raise RuntimeError(f"open-loop generator failed:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    log(f"{label}: {json.dumps(report)}")
    return report


def in_process_cpu(env: dict, tokens: list[str], seeded: dict, samples: int) -> dict:
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / "cpu.py"), str(samples)],
        env=env,
        input=json.dumps(
            {"tokens": tokens, "card": seeded["card"], "operator": seeded["operator_token"]}
        ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode:
        raise RuntimeError(f"cpu.py failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _fmt_ratio(r: dict) -> str:
    if r["median"] is None:
        return "—"
    return f"{r['median']:.3f} ({r['low']:.3f}–{r['high']:.3f})"


def markdown(report: dict) -> str:
    lines = [
        f"### {report['db']} — {report['workers']} workers × {report['threads']} threads, wrk "
        f"{report['connections']} connections, {report['rounds']} interleaved rounds, "
        f"{report['duration_s']:g} s per endpoint / {report['ref_duration_s']:g} s per reference",
        "",
        f"Pinning: {report['pinning']}; load average at each round: "
        f"{report['load_average_at_rounds']}; {report['seeded_seekers']} job seekers seeded "
        f"in {report['seed_seconds']} s.",
        "",
        "| reference | req/s (median) | low–high | p50 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---|",
    ]
    summary = report["summary"]
    for ref in REFERENCES:
        row = summary[ref]
        lines.append(
            f"| {ref} | {row['throughput']} | {row['throughput_low']}–{row['throughput_high']} | "
            f"{row['p50_ms']} | {row['p99_ms']} | {row['statuses']} |"
        )
    lines += [
        "",
        "| endpoint | req/s | p50 ms | p99 ms | ÷ bare | ÷ full | ÷ insert | ÷ /healthz | "
        "statuses |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in summary.items():
        if name in REFERENCES:
            continue
        ratios = row["ratios"]
        lines.append(
            f"| {name} | {row['throughput']} | {row['p50_ms']} | {row['p99_ms']} | "
            + " | ".join(_fmt_ratio(ratios[ref]) for ref in REFERENCES)
            + f" | {row['statuses']} |"
        )
    s80, over = report["submit_at_80pct"], report["overload"]
    lines += [
        "",
        "Ratios: median over the rounds of throughput ÷ the mean of the reference's runs just "
        "before and after (lowest–highest in brackets).",
        "",
        f"- submit at 80% of saturation ({s80['rate']} req/s offered, open loop): "
        f"p50 {s80['p50_ms']} ms, p99 {s80['p99_ms']} ms, statuses {s80['statuses']}",
        f"- overload at 3× the mix capacity ({report['mix_capacity']} req/s → {over['rate']} "
        f"req/s offered): statuses {over['statuses']}, 503 without Retry-After: "
        f"{over['retry_after_missing']}, other 5xx: {over['other_5xx']}; "
        f'`"status_code": 500` in the server log: {report["server_500_in_log"]}',
    ]
    size = report.get("db_size") or {}
    if size:
        top = sorted(size["tables"].items(), key=lambda kv: -kv[1]["bytes"])[:8]
        lines += [
            "",
            f"Database after the run: {size['database_bytes'] / 2**20:.1f} MiB; largest tables: "
            + ", ".join(
                f"{name} {t['rows']} rows / {t['bytes'] / 2**20:.1f} MiB" for name, t in top
            ),
        ]
    cpu = report.get("in_process_cpu") or {}
    if cpu:
        lines += ["", "| in-process, per request | CPU ms (median) | CPU ms (mean) | statements |"]
        lines.append("|---|---:|---:|---:|")
        for name, row in cpu.items():
            lines.append(
                f"| {name} | {row['cpu_ms_median']} | {row['cpu_ms_mean']} | {row['statements']} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
