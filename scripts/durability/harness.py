#!/usr/bin/env python3
"""Durability harness: crash the production stack while job seekers submit, then check
that nothing acknowledged was lost or duplicated.

    python scripts/durability/harness.py --db sqlite --cycles 10 --clients 50
    python scripts/durability/harness.py --db postgres --cycles 10 --clients 50
    python scripts/durability/harness.py --db both ...          (make durability)

For each database it makes a throwaway installation (data folder; for PostgreSQL its own
cluster on 127.0.0.1), migrates and seeds job seekers with complete profiles, documents
and API tokens, starts ``pencaker serve`` (gunicorn + task worker) and drives ``--clients``
threads against it. Each client loops: upload a new document version, submit an AK/1
request with an Idempotency-Key, withdraw it (so the next submission is allowed). A
request that fails in any way is retried with the same key once the server is back.
Beside them, ``--clients / 10`` applicant threads apply to published vacancies
(``vacancy_apply`` with an Idempotency-Key kept across retries; each seeker to each vacancy
once), holders of revoked cards object to the revocation (``card_revocation_object``, the
same text on a retry), as many event threads register the same seekers for upcoming job fairs whose
quota is below their number (``event_register`` with an Idempotency-Key kept across
retries: a seat or the waiting list, never both, never twice), and ``--clients / 5``
employer threads register organisations (``employer_register``
with its document, one per employer account, one account after another); a retry whose
first attempt committed is answered ``already_member`` and confirmed with ``employer_get``.
``--clients / 10`` counter threads book numbers at the demo office's counter without an
account (``counter_booking_create`` with an Idempotency-Key kept across retries), and the
applicant accounts switch their matching consent and alerts (``alert_settings_update``;
the last acknowledged switch is what the database must hold); ``--clients / 10``
signed-out complainants send complaints (``complaint_submit`` with an Idempotency-Key and
the same body across retries). The applicant accounts also register for an open training
wave (``training_register`` with an Idempotency-Key kept across retries) and confirm their
place in a drawn one (``training_confirm``).
The applicant accounts, confirmed participants of a running training wave, also record
their presence at each session with the session's QR token (``training_attendance_scan``;
a retry records the same row).
the same body across retries). A phone thread signs up with mobile numbers alone
(``auth_register_phone`` then ``auth_verify_phone`` with the code read from the embedded
SMS file gateway's ``sms-outbox.log``), and a claim thread claims imported holders'
accounts on the claim pages (NIK + birth date + an SMS code); a retry whose first attempt
committed (the code is used) is confirmed by logging in with the number (``auth_login``).

In every cycle the controller waits until a random number of requests has been sent, then
SIGKILLs the whole app server (gunicorn master, workers and task worker) and starts it
again; on PostgreSQL one cycle SIGKILLs the database server instead, and the app must
recover by itself (it answers 503 meanwhile). After the last cycle the server is stopped
and ``check.py`` verifies the data. The last line printed is::

    acknowledged=N lost=L duplicated=D

With ``--cluster`` the same clients (and two readers of the public vacancy list) run
against the multi-host deployment of ``scripts/cluster/cluster.py`` (HAProxy, two app
hosts, pgbouncer, a PostgreSQL primary with a synchronous hot standby, S3 on moto, each on
its own 127.0.0.x address): (a) one app host is SIGKILLed and the other must keep serving;
(b) the primary is SIGKILLed, the standby promoted and pgbouncer re-pointed, writes
answer 503 with Retry-After meanwhile; (c) the old primary comes back (pg_rewind) as the
new synchronous standby. The same checks run, plus: the standby holds what the primary
holds, the lag-tolerant reads reached the standby, each scheduler period enqueued its job
once across the two hosts (``make cluster-test``; short form in the suite).

Traffic goes to loopback addresses only; every loop is bounded in count and time. Exit
status 0 only when lost=0, duplicated=0 and the checks found no problem.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from pgcluster import PgCluster, free_port  # noqa: E402

PYTHON = sys.executable
REQUEST_TIMEOUT = 20
# Where the clients send their requests; --cluster points it at HAProxy's address.
TARGET_HOST = "127.0.0.1"
# How long a (re)started server may take to answer /readyz (PENCAKER_DURABILITY_READY_SECONDS).
READY_SECONDS = float(os.environ.get("PENCAKER_DURABILITY_READY_SECONDS", "300"))


def log(message: str) -> None:
    print(f"[durability] {message}", file=sys.stderr, flush=True)


def jpeg(kind: str, rng: random.Random) -> bytes:
    from PIL import Image

    size = (450, 600) if kind == "photo" else (800, 500)
    colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.paste((rng.randrange(256), 0, 0), (0, 0, 40, 40))
    image.save(buffer, format="JPEG", quality=75)
    return buffer.getvalue()


# The write paths besides AK/1 submissions that check.py reports as
# ``<kind>_acknowledged / _lost / _duplicated``.
WRITE_KINDS = (
    "vacancy_applications",
    "objections",
    "event_registrations",
    "counter_bookings",
    "matching_settings",
    "complaints",
    "training_registrations",
    "training_confirmations",
    "training_attendance",
    "phone_signups",
    "account_claims",
)


class ServerExited(RuntimeError):
    """The app server process ended while we waited for it to answer."""


class Server:
    """``pencaker serve`` in its own process group, killed as a whole."""

    def __init__(self, env: dict[str, str], port: int, workers: int, log_path: Path) -> None:
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.start_process()
        self.wait_ready()

    def start_process(self) -> None:
        handle = self.log_path.open("ab")
        self.proc = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "pencaker.manage",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()

    def wait_ready(self, seconds: float = READY_SECONDS) -> None:
        # Time-based: the first start compresses the static files (collectstatic), which
        # takes minutes on a loaded machine; attempts alone end far sooner when refused.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise ServerExited(f"server exited with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            except http.client.HTTPException:
                pass
            try:
                if self.proc:
                    self.proc.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
        raise RuntimeError("server did not become ready")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure_running(self, db: str, restarts: int = 5) -> None:
        """Wait until the server answers /readyz, restarting it as systemd would.

        `pencaker serve` exits when its task worker loses the database, and that can happen
        a moment after the database is back (while the worker notices the dead connection),
        so an exit during the wait is a restart, not a failure, up to ``restarts`` times.
        """
        for _ in range(restarts):
            if not self.alive():
                log(f"{db}: app server exited with the database; restarting it")
                self.kill()
                self.start_process()
            try:
                self.wait_ready()
                return
            except ServerExited:
                continue
        raise RuntimeError(f"server did not stay up after {restarts} restarts")

    def kill(self) -> None:
        if self.proc is None:
            return
        # The whole group, even when the parent already exited: no child may keep the port.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)


class Shared:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = threading.Condition(self.lock)
        self.requests = 0
        self.up = threading.Event()
        self.stop = threading.Event()
        self.submissions: list[dict] = []
        self.uploads: list[dict] = []
        self.registrations: list[dict] = []
        self.vacancy_applications: list[dict] = []
        self.objections: list[dict] = []
        self.event_registrations: list[dict] = []
        self.counter_bookings: list[dict] = []
        self.matching_settings: list[dict] = []
        self.complaints: list[dict] = []
        self.training_registrations: list[dict] = []
        self.training_confirmations: list[dict] = []
        self.training_attendance: list[dict] = []
        self.phone_signups: list[dict] = []
        self.account_claims: list[dict] = []
        self.statuses: dict[str, int] = {}
        self.codes_503: dict[str, int] = {}

    def count(self, status: int | str) -> None:
        with self.sent:
            self.requests += 1
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            self.sent.notify_all()


class Client(threading.Thread):
    MAX_ATTEMPTS = 1000  # per operation; bounds every retry loop

    def __init__(self, n: int, email: str, token: str, port: int, shared: Shared, seed: int):
        super().__init__(daemon=True, name=f"client-{n}")
        self.email, self.token, self.port, self.shared = email, token, port, shared
        self.rng = random.Random(seed)
        self.error: str | None = None
        self.nap = threading.Event()  # never set: an interruptible back-off

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        """(status, json) or (None, None) on a connection failure."""
        auth = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        all_headers = {**auth, **(headers or {})}
        try:
            conn = http.client.HTTPConnection(TARGET_HOST, self.port, timeout=REQUEST_TIMEOUT)
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
            conn.close()
        except (OSError, http.client.HTTPException):
            self.shared.count("conn_error")
            return None, None
        if response.status == 503 and not response.getheader("Retry-After"):
            self.shared.count("503_without_retry_after")  # the contract: 503 says when
        else:
            self.shared.count(response.status)
        try:
            parsed = json.loads(data or b"null")
        except ValueError:
            parsed = None
        if response.status == 503:
            # "overloaded" (load shedding) or "unavailable" (database down, HAProxy's page).
            code = parsed.get("code") if isinstance(parsed, dict) else None
            with self.shared.lock:
                key = str(code or "other")
                self.shared.codes_503[key] = self.shared.codes_503.get(key, 0) + 1
        return response.status, parsed

    def pause(self, failures: int) -> None:
        # Wait for the controller to report the server up again (an event), then back off
        # a little more after each consecutive failure, with jitter, capped at a second.
        self.shared.up.wait(timeout=120)
        self.nap.wait(timeout=min(1.0, 0.01 * 2**failures) * self.rng.uniform(0.5, 1.0))

    def upload(self) -> None:
        kind = self.rng.choice(["ktp", "photo", "ijazah"])
        boundary = uuid.uuid4().hex
        content = jpeg(kind, self.rng)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{kind}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("POST", "/api/v1/documents/", body, headers)
            if status == 201:
                with self.shared.lock:
                    self.shared.uploads.append(
                        {"version_id": data["version"]["id"], "sha256": data["version"]["sha256"]}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"upload refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("upload: too many attempts")

    def submit(self) -> str:
        key = str(uuid.uuid4())
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("POST", "/api/v1/applications/", b'{"type":"new"}', headers)
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.submissions.append(
                        {"email": self.email, "key": key, "tracking": data["tracking_number"]}
                    )
                return data["tracking_number"]
            if status is not None and status < 500:
                raise RuntimeError(f"submit refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("submit: too many attempts")

    def withdraw(self, tracking: str) -> None:
        headers = {"Content-Type": "application/json"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/applications/{tracking}/withdraw", b"{}", headers
            )
            if status == 200:
                return
            if status == 409:  # the first attempt was committed, its answer lost
                status, data = self.request("GET", f"/api/v1/applications/{tracking}")
                if status == 200 and data["status"] == "withdrawn":
                    return
            elif status is not None and status < 500:
                raise RuntimeError(f"withdraw refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("withdraw: too many attempts")

    def run(self) -> None:
        try:
            for _ in range(10_000):
                if self.shared.stop.is_set():
                    return
                self.upload()
                tracking = self.submit()
                self.withdraw(tracking)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class EmployerClient(Client):
    """Registers one organisation per account, one account after another."""

    def __init__(self, n: int, accounts: list[dict], port: int, shared: Shared, seed: int):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"employer-{n}"
        self.accounts = accounts
        self.n = n

    def register(self, index: int) -> None:
        boundary = uuid.uuid4().hex
        nib = f"9{self.n:05d}{index:07d}"[:13]
        fields = {
            "legal_name": f"PT Durability {self.n}-{index}",
            "type": "pt",
            "nib": nib,
            "sector": "10710",
            "address_line": "Jl. Merdeka No. 1",
            "village": "16.71.01.1001",
            "contact_name": "HRD",
            "phone": "0812 3456 7890",
            "email": f"org{self.n}-{index}@durability.test",
            "size_band": "5_19",
        }
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="document"; '
            f'filename="nib.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        body += jpeg("nib", self.rng) + f"\r\n--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("POST", "/api/v1/employers/", body, headers)
            if status == 409 and data and data.get("code") == "already_member":
                # The first attempt committed and its answer was lost: the account has it.
                status, data = self.request("GET", "/api/v1/employers/mine")
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.registrations.append(
                        {"email": self.email, "id": data["id"], "nib": nib}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"registration refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("registration: too many attempts")

    def run(self) -> None:
        try:
            for index, account in enumerate(self.accounts):
                if self.shared.stop.is_set():
                    return
                self.email, self.token = account["email"], account["token"]
                self.register(index)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class ApplicantClient(Client):
    """Job seekers applying to published vacancies (``vacancy_apply``), each seeker to
    each vacancy once, with an Idempotency-Key kept across retries."""

    def __init__(
        self, n: int, accounts: list[dict], vacancies: list[int], port: int, shared, seed: int
    ):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"applicant-{n}"
        self.accounts, self.vacancies = accounts, vacancies

    def apply(self, vacancy_id: int) -> None:
        key = str(uuid.uuid4())
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/vacancies/{vacancy_id}/applications", b"{}", headers
            )
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.vacancy_applications.append(
                        {"email": self.email, "key": key, "id": data["id"], "vacancy": vacancy_id}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"apply refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("apply: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                self.email, self.token = account["email"], account["token"]
                for vacancy_id in self.vacancies:
                    if self.shared.stop.is_set():
                        return
                    self.apply(vacancy_id)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class ObjectorClient(Client):
    """Holders of revoked cards objecting (``card_revocation_object``), one objection each;
    a retry sends the same text, which answers the recorded objection."""

    def __init__(self, n: int, accounts: list[dict], port: int, shared, seed: int):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"objector-{n}"
        self.accounts = accounts

    def object(self, revocation_id: int) -> None:
        text = f"Keberatan {uuid.uuid4().hex[:12]}"
        body = json.dumps({"text": text}).encode()
        headers = {"Content-Type": "application/json"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/cards/revocations/{revocation_id}/objection", body, headers
            )
            if status == 200:
                with self.shared.lock:
                    self.shared.objections.append(
                        {"email": self.email, "revocation": revocation_id, "text": text}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"objection refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("objection: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                if self.shared.stop.is_set():
                    return
                self.email, self.token = account["email"], account["token"]
                self.object(account["revocation"])
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class EventClient(Client):
    """Job seekers registering for job fairs (``event_register``), each seeker for each
    event once, with an Idempotency-Key kept across retries."""

    def __init__(
        self, n: int, accounts: list[dict], events: list[int], port: int, shared, seed: int
    ):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"event-{n}"
        self.accounts, self.events = accounts, events

    def register(self, event_id: int) -> None:
        key = str(uuid.uuid4())
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/events/{event_id}/registrations", b"", headers
            )
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.event_registrations.append(
                        {
                            "email": self.email,
                            "key": key,
                            "id": data["id"],
                            "event": event_id,
                            "status": data["status"],
                        }
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"event registration refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("event registration: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                self.email, self.token = account["email"], account["token"]
                for event_id in self.events:
                    if self.shared.stop.is_set():
                        return
                    self.register(event_id)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class TrainingClient(Client):
    """Job seekers registering for an open training wave (``training_register`` with an
    Idempotency-Key kept across retries) and confirming their place in a drawn wave
    (``training_confirm``: confirming again answers the confirmed registration)."""

    def __init__(
        self, n: int, accounts: list[dict], wave: int, places: dict, port: int, shared, seed: int
    ):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"training-{n}"
        self.accounts, self.wave, self.places = accounts, wave, places

    def register(self) -> None:
        key = str(uuid.uuid4())
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/training/waves/{self.wave}/registrations", b"{}", headers
            )
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.training_registrations.append(
                        {"email": self.email, "key": key, "id": data["id"], "wave": self.wave}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"training registration refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("training registration: too many attempts")

    def confirm(self, registration_id: int) -> None:
        headers = {"Content-Type": "application/json"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", f"/api/v1/training/registrations/{registration_id}/confirm", b"", headers
            )
            if status == 200 and data["status"] == "confirmed":
                with self.shared.lock:
                    self.shared.training_confirmations.append(
                        {"email": self.email, "id": registration_id}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"training confirmation refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("training confirmation: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                if self.shared.stop.is_set():
                    return
                self.email, self.token = account["email"], account["token"]
                self.register()
                self.confirm(self.places[self.email])
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class AttendanceClient(Client):
    """Training participants recording their presence at each session with the session's
    QR token (``training_attendance_scan``); a retry records the same row."""

    def __init__(
        self, n: int, accounts: list[dict], sessions: list[dict], port: int, shared, seed: int
    ):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"attendance-{n}"
        self.accounts, self.sessions = accounts, sessions

    def scan(self, session: dict) -> None:
        body = json.dumps({"token": session["token"]}).encode()
        headers = {"Content-Type": "application/json"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request(
                "POST", "/api/v1/training/running/attendance", body, headers
            )
            if status == 200:
                with self.shared.lock:
                    self.shared.training_attendance.append(
                        {
                            "email": self.email,
                            "session": session["session"],
                            "registration": data["registration_id"],
                        }
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"attendance refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("attendance: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                self.email, self.token = account["email"], account["token"]
                for session in self.sessions:
                    if self.shared.stop.is_set():
                        return
                    self.scan(session)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class CounterClient(Client):
    """Citizens booking counter numbers without an account (``counter_booking_create``),
    an Idempotency-Key kept across retries; a bounded number of bookings per thread."""

    BOOKINGS = 20

    def __init__(self, n: int, office: str, port: int, shared, seed: int):
        super().__init__(n, f"counter{n}@durability.test", "", port, shared, seed)
        self.name = f"counter-{n}"
        self.office = office

    def first_day(self) -> str:
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("GET", f"/api/v1/counter/slots?office={self.office}")
            if status == 200:
                return data["days"][0]["day"]
            if status is not None and status < 500:
                raise RuntimeError(f"slots refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("slots: too many attempts")

    def book(self, day: str, index: int) -> None:
        key = str(uuid.uuid4())
        body = json.dumps(
            {
                "office": self.office,
                "service": "ABCD"[index % 4],
                "day": day,
                "name": f"Warga {self.name} {index}",
                "contact": f"{self.name}-{index}@durability.test",
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("POST", "/api/v1/counter/bookings", body, headers)
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.counter_bookings.append(
                        {"key": key, "token": data["token"], "code": data["code"], "day": day}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"booking refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("booking: too many attempts")

    def run(self) -> None:
        try:
            day = self.first_day()
            for index in range(self.BOOKINGS):
                if self.shared.stop.is_set():
                    return
                self.book(day, index)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class ComplaintClient(Client):
    """A signed-out citizen sending complaints (``complaint_submit``, no token), each with
    a new Idempotency-Key; a failed request is sent again with the same key and body."""

    def __init__(self, n: int, office: str, port: int, shared, seed: int):
        super().__init__(n, "", "", port, shared, seed)
        self.name = f"complainant-{n}"
        self.office = office

    def send(self) -> None:
        key = str(uuid.uuid4())
        body = json.dumps(
            {
                "office": self.office,
                "category": self.rng.choice(["fees", "processing_time", "facilities"]),
                "text": f"Pengaduan uji ketahanan {key}: antrean terlalu lama.",
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("POST", "/api/v1/complaints/", body, headers)
            if status in (200, 201):
                with self.shared.lock:
                    self.shared.complaints.append({"key": key, "tracking": data["tracking_number"]})
                return
            if status is not None and status < 500:
                raise RuntimeError(f"complaint refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("complaint: too many attempts")

    def run(self) -> None:
        try:
            for _ in range(10_000):
                if self.shared.stop.is_set():
                    return
                self.send()
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class MatchingClient(Client):
    """Job seekers switching "employers may find me" and vacancy alerts on
    (``alert_settings_update``), retried until answered; the last answer must be what the
    database holds."""

    def __init__(self, n: int, accounts: list[dict], port: int, shared, seed: int):
        super().__init__(n, accounts[0]["email"], accounts[0]["token"], port, shared, seed)
        self.name = f"matching-{n}"
        self.accounts = accounts

    def switch(self, discoverable: bool, alerts: bool) -> None:
        body = json.dumps({"discoverable": discoverable, "alerts_enabled": alerts}).encode()
        headers = {"Content-Type": "application/json"}
        for attempt in range(self.MAX_ATTEMPTS):
            status, data = self.request("PATCH", "/api/v1/matching/settings", body, headers)
            if status == 200:
                with self.shared.lock:
                    self.shared.matching_settings.append(
                        {"email": self.email, "discoverable": discoverable, "alerts": alerts}
                    )
                return
            if status is not None and status < 500:
                raise RuntimeError(f"settings refused: {status} {data}")
            self.pause(attempt)
        raise RuntimeError("settings: too many attempts")

    def run(self) -> None:
        try:
            for account in self.accounts:
                self.email, self.token = account["email"], account["token"]
                for discoverable, alerts in ((True, False), (False, True), (True, True)):
                    if self.shared.stop.is_set():
                        return
                    self.switch(discoverable, alerts)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


class ReaderClient(Client):
    """Reads the public vacancy list (``vacancy_list_public``), a view whose reads may go
    to the hot standby (pencaker.core.db_routing); a 503 while the database fails over is
    retried later, any other failure is an error."""

    READS = 2000

    def __init__(self, n: int, port: int, shared: Shared, seed: int):
        super().__init__(n, "", "", port, shared, seed)
        self.name = f"reader-{n}"
        self.ok = 0

    def run(self) -> None:
        try:
            for _ in range(self.READS):
                if self.shared.stop.is_set():
                    return
                status, data = self.request("GET", "/api/v1/vacancies/")
                if status == 200:
                    self.ok += 1
                elif status is not None and status < 500:
                    raise RuntimeError(f"vacancy list refused: {status} {data}")
                self.nap.wait(timeout=0.2)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


def sms_code(outbox: Path, phone: str, after: int = 0) -> tuple[str, int] | None:
    """The newest 6-digit code the file gateway wrote for ``phone`` after line ``after``:
    (code, line number), or None."""
    import re

    try:
        lines = outbox.read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return None
    for number in range(len(lines) - 1, after - 1, -1):
        parts = lines[number].split("\t")
        if len(parts) == 4 and parts[2] == phone:
            found = re.search(r"\b(\d{6})\b", parts[3])
            if found:
                return found.group(1), number + 1
    return None


class CodeClient(Client):
    """Shared by the phone sign-up and claim threads: wait for a code in the SMS file, and
    confirm an account by logging in with the number (``auth_login``)."""

    PASSWORD = "Durability-Phone-2026"  # noqa: S105 - a test account

    def __init__(self, n: int, port: int, shared, seed: int, outbox: Path):
        super().__init__(n, "", "", port, shared, seed)
        self.outbox = outbox

    def wait_code(self, phone: str, after: int, seconds: float = 60) -> tuple[str, int] | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.shared.stop.is_set():
            found = sms_code(self.outbox, phone, after)
            if found:
                return found
            self.nap.wait(timeout=0.2)
        return None

    def lines(self) -> int:
        try:
            return len(self.outbox.read_text(errors="replace").splitlines())
        except FileNotFoundError:
            return 0

    def logs_in(self, phone: str) -> bool:
        body = json.dumps({"email": phone, "password": self.PASSWORD}).encode()
        for attempt in range(self.MAX_ATTEMPTS):
            status, _data = self.request(
                "POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"}
            )
            if status == 200:
                return True
            if status is not None and status < 500:
                return False
            self.pause(attempt)
        raise RuntimeError("login: too many attempts")


class PhoneSignupClient(CodeClient):
    """Signs up with a mobile number alone: ``auth_register_phone``, the code from the SMS
    file, ``auth_verify_phone``; retried (a new code) until an account exists."""

    def __init__(self, n: int, port: int, shared, seed: int, outbox: Path):
        super().__init__(n, port, shared, seed, outbox)
        self.name = f"phone-{n}"

    def sign_up(self, phone: str) -> None:
        headers = {"Content-Type": "application/json"}
        register = json.dumps(
            {
                "phone": phone,
                "full_name": "Warga Uji Telepon",
                "password": self.PASSWORD,
                "consent": True,
            }
        ).encode()
        for attempt in range(self.MAX_ATTEMPTS):
            if self.shared.stop.is_set():
                return
            after = self.lines()
            status, data = self.request("POST", "/api/v1/auth/register-phone", register, headers)
            if status == 429:
                self.nap.wait(timeout=1)
                continue
            if status != 202:
                if status is not None and status < 500:
                    raise RuntimeError(f"phone sign-up refused: {status} {data}")
                self.pause(attempt)
                continue
            found = self.wait_code(phone, after)
            if found is None:
                continue  # the delivery died with the server: ask for a new code
            body = json.dumps({"phone": phone, "code": found[0]}).encode()
            for inner in range(20):
                status, data = self.request("POST", "/api/v1/auth/verify-phone", body, headers)
                if status == 201:
                    self.ack(phone)
                    return
                if status is None or status >= 500:
                    self.pause(inner)
                    continue
                break  # a wrong, used or expired code
            # The first verify may have committed before the answer was lost.
            if self.logs_in(phone):
                self.ack(phone)
                return
        raise RuntimeError("phone sign-up: too many attempts")

    def ack(self, phone: str) -> None:
        with self.shared.lock:
            self.shared.phone_signups.append({"phone": phone})

    def run(self) -> None:
        try:
            thread = int(self.name.split("-")[1])
            for index in range(500):
                if self.shared.stop.is_set():
                    return
                self.sign_up(f"+628135{thread:02d}{index:05d}")
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


def make_threads(
    seeded: dict, port: int, shared: Shared, seed: int, outbox: Path | None = None
) -> list[Client]:
    """Every client thread of the write kinds, from seed.py's output (the phone sign-up
    and claim threads only with the embedded SMS file gateway's ``outbox``)."""
    return (
        [
            Client(n, a["email"], a["token"], port, shared, seed * 1000 + n)
            for n, a in enumerate(seeded["clients"])
        ]
        + [
            EmployerClient(n, group, port, shared, seed * 1000 + 500 + n)
            for n, group in enumerate(seeded.get("employers", []))
        ]
        + [
            ApplicantClient(n, group, seeded["vacancies"], port, shared, seed * 1000 + 800 + n)
            for n, group in enumerate(seeded.get("applicants", []))
        ]
        + [
            ObjectorClient(n, group, port, shared, seed * 1000 + 900 + n)
            for n, group in enumerate(seeded.get("objectors", []))
        ]
        + [
            EventClient(n, group, seeded["events"], port, shared, seed * 1000 + 950 + n)
            for n, group in enumerate(seeded.get("applicants", []))
            if seeded.get("events")
        ]
        + [
            TrainingClient(
                n,
                group,
                seeded["training_wave"],
                seeded["training_places"],
                port,
                shared,
                seed * 1000 + 600 + n,
            )
            for n, group in enumerate(seeded.get("applicants", []))
            if seeded.get("training_wave")
        ]
        + [
            AttendanceClient(
                n, group, seeded["training_sessions"], port, shared, seed * 1000 + 960 + n
            )
            for n, group in enumerate(seeded.get("applicants", []))
            if seeded.get("training_sessions")
        ]
        + [
            CounterClient(n, seeded["counter_office"], port, shared, seed * 1000 + 980 + n)
            for n in range(seeded.get("counter_threads", 0))
        ]
        + [
            MatchingClient(n, group, port, shared, seed * 1000 + 990 + n)
            for n, group in enumerate(seeded.get("applicants", []))
        ]
        + [
            ComplaintClient(n, seeded["complaint_office"], port, shared, seed * 1000 + 700 + n)
            for n in range(seeded.get("complaint_threads", 0))
        ]
        + [
            PhoneSignupClient(n, port, shared, seed * 1000 + 600 + n, outbox)
            for n in range(seeded.get("phone_threads", 0))
            if outbox is not None
        ]
        + [
            ClaimClient(n, group, port, shared, seed * 1000 + 650 + n, outbox)
            for n, group in enumerate(seeded.get("claim_holders", []))
            if outbox is not None
        ]
    )


class ClaimClient(CodeClient):
    """Claims imported holders' accounts on the claim pages (CSRF cookie and form, the
    session cookie between the two steps) with NIK + birth date + a code sent by SMS."""

    def __init__(self, n: int, holders: list[dict], port: int, shared, seed: int, outbox: Path):
        super().__init__(n, port, shared, seed, outbox)
        self.name = f"claim-{n}"
        self.holders = holders
        self.cookies: dict[str, str] = {}

    def page(self, method: str, path: str, form: dict | None = None):
        import http.cookies
        import urllib.parse

        headers = {}
        body = b""
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                jar = http.cookies.SimpleCookie(header)
                for key, morsel in jar.items():
                    self.cookies[key] = morsel.value
            conn.close()
        except (OSError, http.client.HTTPException):
            self.shared.count("conn_error")
            return None
        self.shared.count(response.status)
        return response.status

    def claim(self, holder: dict) -> None:
        phone = holder["phone"]
        for attempt in range(self.MAX_ATTEMPTS):
            if self.shared.stop.is_set():
                return
            self.cookies = {}
            if self.page("GET", "/pertukaran/klaim-akun/") != 200:
                self.pause(attempt)
                continue
            after = self.lines()
            status = self.page(
                "POST",
                "/pertukaran/klaim-akun/",
                {"nik": holder["nik"], "birth_date": holder["birth_date"], "phone": phone},
            )
            if status == 429:  # three codes an hour: this holder waits for a later run
                return
            if status != 302:
                self.pause(attempt)
                continue
            found = self.wait_code(phone, after)
            if found is None:
                continue
            for inner in range(20):
                status = self.page(
                    "POST",
                    "/pertukaran/klaim-akun/kode/",
                    {"code": found[0], "password": self.PASSWORD},
                )
                if status == 302:
                    self.ack(holder)
                    return
                if status is None or status >= 500:
                    self.pause(inner)
                    continue
                break
            if self.logs_in(phone):
                self.ack(holder)
                return
        raise RuntimeError("claim: too many attempts")

    def ack(self, holder: dict) -> None:
        with self.shared.lock:
            self.shared.account_claims.append({"phone": holder["phone"], "nik": holder["nik"]})

    def run(self) -> None:
        try:
            for holder in self.holders:
                if self.shared.stop.is_set():
                    return
                self.claim(holder)
        except Exception as exc:  # noqa: BLE001 - reported by the controller
            self.error = f"{type(exc).__name__}: {exc}"


def manage(env: dict[str, str], *args: str, timeout: int = 600) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "pencaker.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"pencaker {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def run_script(env: dict[str, str], script: str, *args: str, timeout: int = 600) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(HERE / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"{script} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def join_threads(threads: list[Client]) -> tuple[list[str], list[str]]:
    """Wait for the clients (after shared.stop); their errors and the names still running."""
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT * 3)
    return [t.error for t in threads if t.error], [t.name for t in threads if t.is_alive()]


def check_acks(env: dict[str, str], shared: Shared, data_dir: Path) -> dict:
    """Write what was acknowledged and let check.py compare it with the database."""
    acks_path = data_dir / "acks.json"
    with shared.lock:
        acks_path.write_text(
            json.dumps(
                {
                    "submissions": shared.submissions,
                    "uploads": shared.uploads,
                    "registrations": shared.registrations,
                    "vacancy_applications": shared.vacancy_applications,
                    "objections": shared.objections,
                    "event_registrations": shared.event_registrations,
                    "counter_bookings": shared.counter_bookings,
                    "matching_settings": shared.matching_settings,
                    "complaints": shared.complaints,
                    "training_registrations": shared.training_registrations,
                    "training_confirmations": shared.training_confirmations,
                    "training_attendance": shared.training_attendance,
                    "phone_signups": shared.phone_signups,
                    "account_claims": shared.account_claims,
                }
            )
        )
    return json.loads(run_script(env, "check.py", str(acks_path)))


def wait_requests(shared: Shared, count: int, timeout: float) -> None:
    """Until ``count`` more requests were answered (or failed), at most ``timeout`` s."""
    with shared.sent:
        target = shared.requests + count
        shared.sent.wait_for(lambda: shared.requests >= target, timeout=timeout)


def run_one(db: str, *, cycles: int, clients: int, workers: int, seed: int, keep: bool) -> dict:
    rng = random.Random(seed)
    data_dir = Path(tempfile.mkdtemp(prefix=f"pencaker-durability-{db}-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "PENCAKER_ENV"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "PENCAKER_DATA_DIR": str(data_dir),
            "PENCAKER_RETRY_AFTER": "1",
            "LOG_LEVEL": "WARNING",
            "AXES_FAILURE_LIMIT": "1000",
            # Every client is 127.0.0.1 and retries after each kill: the per-address and
            # per-number code limits would refuse the phone sign-ups and claims.
            "PENCAKER_PHONE_CODE_IP_LIMIT": "1000000",
            "PENCAKER_ACCOUNT_EMAIL_LIMIT": "1000",
        }
    )
    cluster = None
    server = None
    started = time.monotonic()
    try:
        if db == "postgres":
            cluster = PgCluster()
            cluster.init()
            env["DATABASE_URL"] = cluster.url
        manage(env, "migrate", "--no-input")
        log(f"{db}: migrated at {time.monotonic() - started:.1f}s")
        run_script(env, "seed.py", str(clients), str(data_dir / "clients.json"))
        log(f"{db}: seeded at {time.monotonic() - started:.1f}s")
        seeded = json.loads((data_dir / "clients.json").read_text())
        port = free_port()
        server = Server(env, port, workers, data_dir / "server.log")
        server.start()
        log(f"{db}: server ready at {time.monotonic() - started:.1f}s")
        shared = Shared()
        shared.up.set()
        outbox = data_dir / "sms-outbox.log"  # the embedded FileGateway writes here
        threads = make_threads(seeded, port, shared, seed, outbox)
        for thread in threads:
            thread.start()
        kill_db_cycle = (cycles // 2) if cluster else -1
        for cycle in range(cycles):
            with shared.sent:
                target = shared.requests + rng.randint(clients, clients * 4)
                shared.sent.wait_for(lambda t=target: shared.requests >= t, timeout=300)
            if cycle == kill_db_cycle:
                log(
                    f"{db} cycle {cycle + 1}/{cycles}: SIGKILL PostgreSQL at request {shared.requests}"
                )
                cluster.kill()
                with shared.sent:  # the app answers 503 meanwhile; let clients see it
                    target = shared.requests + clients
                    shared.sent.wait_for(lambda t=target: shared.requests >= t, timeout=120)
                shared.up.clear()
                cluster.start()
                server.ensure_running(db)
                shared.up.set()
                log(f"{db}: database back at {time.monotonic() - started:.1f}s")
            else:
                log(
                    f"{db} cycle {cycle + 1}/{cycles}: SIGKILL app server at request {shared.requests}"
                )
                shared.up.clear()
                server.kill()
                server.start()
                shared.up.set()
                log(f"{db}: server back at {time.monotonic() - started:.1f}s")
        with shared.sent:  # some traffic on the last incarnation, then stop
            target = shared.requests + clients
            shared.sent.wait_for(lambda t=target: shared.requests >= t, timeout=120)
        shared.stop.set()
        errors, stuck = join_threads(threads)
        server.stop()
        log(f"{db}: stopped at {time.monotonic() - started:.1f}s")
        result = check_acks(env, shared, data_dir)
        result.update(
            {
                "db": db,
                "cycles": cycles,
                "clients": clients,
                "requests": shared.requests,
                "statuses": shared.statuses,
                "client_errors": errors[:10],
                "stuck_clients": stuck,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
        server_log = (data_dir / "server.log").read_text(errors="replace")
        result["server_tracebacks"] = server_log.count("Traceback")
        return result
    finally:
        if server:
            server.kill()
        if cluster:
            cluster.stop()
        if not keep:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            log(f"kept {data_dir}")


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def successes(shared: Shared) -> int:
    with shared.lock:
        return shared.statuses.get("200", 0) + shared.statuses.get("201", 0)


def run_cluster(*, clients: int, workers: int, seed: int, keep: bool) -> dict:
    """The same clients against the multi-host deployment (scripts/cluster/cluster.py):
    (a) SIGKILL one app host, the other serves; (b) SIGKILL the primary, promote the
    synchronous standby, re-point pgbouncer; (c) the old primary back as the new standby."""
    global TARGET_HOST
    sys.path.insert(0, str(ROOT / "scripts" / "cluster"))
    from cluster import Cluster

    rng = random.Random(seed)
    data_dir = Path(tempfile.mkdtemp(prefix="pencaker-durability-cluster-"))
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    base_env["AXES_FAILURE_LIMIT"] = "1000"
    cluster = Cluster(workers=workers, base_env=base_env)
    started = time.monotonic()
    phases: dict[str, dict] = {}
    threads: list[Client] = []
    shared = Shared()
    try:
        cluster.start_database()
        env = cluster.setup_env()
        manage(env, "migrate", "--no-input")
        log(f"cluster: migrated at {time.monotonic() - started:.1f}s")
        # The seed data goes in while the app hosts start (they need only the schema). The
        # hosts start from this thread: their processes die with the thread that started
        # them (PR_SET_PDEATHSIG), so never from a short-lived one.
        failed: list[BaseException] = []

        def seed_data() -> None:
            try:
                run_script(env, "seed.py", str(clients), str(data_dir / "clients.json"))
                log(f"cluster: seeded at {time.monotonic() - started:.1f}s")
            except BaseException as exc:  # noqa: BLE001 - raised below, in this thread
                failed.append(exc)

        seeder = threading.Thread(target=seed_data, name="seed")
        seeder.start()
        try:
            cluster.start_apps()
        finally:
            seeder.join()
        if failed:
            raise failed[0]
        log(f"cluster: hosts ready at {time.monotonic() - started:.1f}s")
        seeded = json.loads((data_dir / "clients.json").read_text())
        TARGET_HOST = cluster.haproxy.address
        port = cluster.haproxy.port
        shared.up.set()
        readers = [ReaderClient(n, port, shared, seed * 1000 + 600 + n) for n in range(2)]
        threads = make_threads(seeded, port, shared, seed) + readers
        for thread in threads:
            thread.start()

        # (a) one app host dies; HAProxy's health check takes it out, the other serves.
        wait_requests(shared, rng.randint(clients, clients * 3), 300)
        cluster.kill_app("app-a")
        before = successes(shared)
        wait_until(lambda: successes(shared) >= before + clients, 180)
        phases["host_kill"] = {"served_while_down": successes(shared) - before}
        cluster.restart_app("app-a", wait=False)

        # (b) the primary dies; writes get 503 + Retry-After until the standby is promoted.
        wait_requests(shared, rng.randint(clients, clients * 3), 300)
        cluster.wait_app("app-a")
        log(f"cluster: app-a back at {time.monotonic() - started:.1f}s")

        def unavailable() -> int:
            with shared.lock:
                return shared.codes_503.get("unavailable", 0)

        unavailable_before = unavailable()
        cluster.kill_primary()
        killed = time.monotonic()
        # Down until clients were told so (an operator takes minutes; the test seconds).
        wait_until(lambda: unavailable() >= unavailable_before + 3, 60)
        cluster.fail_over()
        first_success = successes(shared)
        wait_until(lambda: successes(shared) >= first_success + clients, 180)
        phases["primary_kill"] = {
            "unavailable_503": unavailable() - unavailable_before,
            "writes_back_after_seconds": round(time.monotonic() - killed, 1),
            "app_restarts": {a.name: a.restarts for a in cluster.apps},
        }
        log(f"cluster: writes succeed on the new primary at {time.monotonic() - started:.1f}s")

        # (c) the old primary returns as the synchronous standby of the new one.
        cluster.rejoin_old_primary()
        wait_requests(shared, clients * 2, 180)
        phases["rejoin"] = {"standby": cluster.standby.name, "primary": cluster.primary.name}

        shared.stop.set()
        errors, stuck = join_threads(threads)
        for app in cluster.apps:
            app.stop()
        log(f"cluster: stopped at {time.monotonic() - started:.1f}s")
        reads = cluster.bouncer.stats()
        env = cluster.manage_env()
        result = check_acks(env, shared, data_dir)
        result.update(cluster_checks(cluster))
        result.update(
            {
                "db": "cluster",
                "clients": clients,
                "requests": shared.requests,
                "statuses": shared.statuses,
                "codes_503": shared.codes_503,
                "client_errors": errors[:10],
                "stuck_clients": stuck,
                "phases": phases,
                "replica_reads_ok": sum(r.ok for r in readers),
                "pgbouncer_queries": reads,
                "events": cluster.events,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
        if phases["host_kill"]["served_while_down"] < clients:
            result["problems"].append("nothing was served while app-a was down")
        if not phases["primary_kill"]["unavailable_503"]:
            result["problems"].append("no 503 while the primary was down")
        if shared.statuses.get("503_without_retry_after"):
            result["problems"].append("a 503 without Retry-After")
        if shared.statuses.get("500"):
            result["problems"].append("a 500 answer")
        if not reads.get("pencaker_ro"):
            result["problems"].append("no read went to the standby (pencaker_ro)")
        logs = "".join((a.home / "server.log").read_text(errors="replace") for a in cluster.apps)
        result["server_tracebacks"] = logs.count("Traceback")
        return result
    finally:
        shared.stop.set()
        TARGET_HOST = "127.0.0.1"
        cluster.stop(keep=keep)
        if not keep:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            log(f"kept {data_dir}")


def cluster_checks(cluster) -> dict:
    """After the run: the standby holds what the primary holds, and each scheduler period
    enqueued its job once although two hosts ran a scheduler."""
    problems = []
    primary, standby = cluster.primary, cluster.standby
    counting = "SELECT count(*) FROM applications_application"
    deadline = time.monotonic() + 30
    while True:
        on_primary = primary.sql(counting)[0][0]
        on_standby = standby.sql(counting)[0][0]
        if on_primary == on_standby or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if on_primary != on_standby:
        problems.append(f"standby has {on_standby} applications, primary {on_primary}")
    runs = primary.sql("SELECT count(*) FROM ops_schedulerrun WHERE job = 'notifications_retry'")
    tasks = primary.sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE '%%retry_due_notifications'"
    )
    scheduler = {"notifications_retry_periods": runs[0][0], "enqueued": tasks[0][0]}
    if scheduler["enqueued"] != scheduler["notifications_retry_periods"]:
        problems.append(f"scheduler enqueued a job more than once per period: {scheduler}")
    return {
        "cluster_problems": problems,
        "standby_applications": on_standby,
        "scheduler": scheduler,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--keep", action="store_true", help="Keep the data folders.")
    parser.add_argument("--json", help="Also write the results to this file.")
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="Run against the multi-host deployment (scripts/cluster/cluster.py) instead.",
    )
    args = parser.parse_args(argv)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if args.cluster:
        dbs = []
        log(f"cluster: {args.clients} clients, seed {args.seed}")
        result = run_cluster(
            clients=args.clients, workers=args.workers, seed=args.seed, keep=args.keep
        )
        result["problems"] = result["problems"] + result.pop("cluster_problems")
        print(json.dumps(result), flush=True)
        results = [result]
    else:
        results = []
    for db in dbs:
        log(f"{db}: {args.cycles} cycles, {args.clients} clients, seed {args.seed}")
        result = run_one(
            db,
            cycles=args.cycles,
            clients=args.clients,
            workers=args.workers,
            seed=args.seed,
            keep=args.keep,
        )
        print(json.dumps(result), flush=True)
        results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    # The final line counts AK/1 submissions; each other write kind has its own line on
    # stderr, and any loss or duplicate there fails the run too.
    total = {k: sum(r[k] for r in results) for k in ("acknowledged", "lost", "duplicated")}
    bad = any(
        r["problems"]
        or r["client_errors"]
        or r["stuck_clients"]
        or r["orphans_left"]
        or r["uploads_lost"]
        or r.get("registrations_lost")
        or r.get("registrations_duplicated")
        or any(r.get(f"{kind}_lost") or r.get(f"{kind}_duplicated") for kind in WRITE_KINDS)
        for r in results
    )
    # On stderr: stdout ends with the per-database JSON lines and the final line.
    for kind in WRITE_KINDS:
        sums = {
            k: sum(r.get(f"{kind}_{k}", 0) for r in results)
            for k in ("acknowledged", "lost", "duplicated")
        }
        log(
            f"{kind.replace('_', ' ')}: acknowledged={sums['acknowledged']} "
            f"lost={sums['lost']} duplicated={sums['duplicated']}"
        )
    print(
        f"acknowledged={total['acknowledged']} lost={total['lost']} "
        f"duplicated={total['duplicated']}",
        flush=True,
    )
    return 1 if bad or total["lost"] or total["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
