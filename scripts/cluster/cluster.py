#!/usr/bin/env python3
"""A multi-host Pencaker deployment on one machine, with the real engines (issue 18).

Every "host" binds its own loopback address and has its own data folder and process
group, so killing a host is ``killpg(SIGKILL)`` of exactly that group::

    127.0.0.11  haproxy        the public entry point, health-checks the app hosts
    127.0.0.12  app-a          pencaker serve: gunicorn + task worker + scheduler
    127.0.0.13  app-b          the same, the same settings and keys
    127.0.0.14  pgbouncer      transaction pooling; "pencaker" = primary, "pencaker_ro" = standby
    127.0.0.15  pg-1           PostgreSQL, primary at the start (synchronous_standby_names='*')
    127.0.0.16  pg-2           PostgreSQL, hot standby (pg_basebackup -R), streaming, synchronous
    127.0.0.17  s3             moto server: the S3 API the stored files go through

The files under ``deploy/`` are the production form of the same layout (docs in
``deploy/README.md``); this driver writes equivalent configurations into a temporary
folder. ``scripts/durability/harness.py --cluster`` drives load through it and kills
hosts; ``python scripts/cluster/cluster.py up`` starts it and waits for Ctrl+C.

Only loopback addresses are used. As root (CI) PostgreSQL and pgbouncer run as the
``postgres`` system user (both refuse to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON = sys.executable

ADDRESSES = {
    "haproxy": "127.0.0.11",
    "app-a": "127.0.0.12",
    "app-b": "127.0.0.13",
    "pgbouncer": "127.0.0.14",
    "pg-1": "127.0.0.15",
    "pg-2": "127.0.0.16",
    "s3": "127.0.0.17",
}
BUCKET = "pencaker-files"
# Seconds a client is told to wait (HAProxy's own 503 page and the app's PENCAKER_RETRY_AFTER).
RETRY_AFTER = 1


def log(message: str) -> None:
    print(f"[cluster] {message}", file=sys.stderr, flush=True)


class ClusterError(RuntimeError):
    """A component did not start or did not reach the state asked for."""


def find_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for pattern in (f"/usr/lib/postgresql/*/bin/{name}", f"/usr/sbin/{name}"):
        candidates = sorted(glob.glob(pattern), reverse=True)
        if candidates:
            return candidates[0]
    raise ClusterError(
        f"{name} not found; install it (apt-get install postgresql haproxy pgbouncer, "
        "or scripts/ensure-system-deps as root)"
    )


def free_port(address: str) -> int:
    """A free TCP port on ``address`` (which must be bindable: 127.0.0.x on Linux)."""
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


def wait_for(check, what: str, seconds: float, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + seconds
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ClusterError(f"{what}: the process exited with {proc.returncode}")
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - retried until the deadline
            last = exc
        time.sleep(0.2)
    raise ClusterError(f"{what}: not reached within {seconds:.0f}s ({last})")


def _load_prctl():
    if sys.platform != "linux":
        return None
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl  # looked up before any fork


_PRCTL = _load_prctl()


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL when the driver dies (a test timeout kills it with
    SIGKILL, and nothing of the cluster may outlive it holding ports and cores). The signal
    comes when the *thread* that started the child ends: start them from the main thread
    or a supervisor thread that lives as long as the cluster."""
    _PRCTL(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


class Proc:
    """One host's process group: started in a new session, killed as a whole."""

    def __init__(self, name: str, argv: list[str], log_path: Path, *, env=None, user=None):
        self.name, self.argv, self.log_path, self.env, self.user = name, argv, log_path, env, user
        self.proc: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        handle = self.log_path.open("ab")
        kwargs = {}
        if self.user:
            entry = pwd.getpwnam(self.user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        self.proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            self.argv,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent if _PRCTL is not None else None,
            **kwargs,
        )
        handle.close()
        return self.proc

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=30)
        # Children that outlive their parent (a postgres backend) are in the same group.
        for _ in range(100):
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                return
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            time.sleep(0.05)

    def terminate(self, timeout: float = 30) -> None:
        if not self.alive():
            self.kill()
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


class PgNode:
    """A PostgreSQL server on its own loopback address, in the foreground of its group."""

    SETTINGS = {
        "fsync": "on",
        "synchronous_commit": "on",
        "wal_level": "replica",
        "max_wal_senders": "5",
        "wal_keep_size": "256MB",
        "hot_standby": "on",
        # pg_rewind (bringing an old primary back as a standby) needs the hint bits logged.
        "wal_log_hints": "on",
        "max_connections": "120",
        "shared_buffers": "64MB",
        "wal_receiver_status_interval": "1s",
    }

    def __init__(self, name: str, root: Path, user: str | None) -> None:
        self.name = name
        self.address = ADDRESSES[name]
        self.port = free_port(self.address)
        self.home = root / name
        self.data = self.home / "data"
        self.sock = self.home / "sock"
        self.user = user
        self.home.mkdir(parents=True)
        self.sock.mkdir()
        if user:
            shutil.chown(self.home, user, user)
            shutil.chown(self.sock, user, user)
        self.proc: Proc | None = None

    def conninfo(self, dbname: str = "postgres", **extra: str) -> str:
        parts = {"host": self.address, "port": str(self.port), "user": "postgres", "dbname": dbname}
        parts.update(extra)
        return " ".join(f"{k}={v}" for k, v in parts.items())

    def url(self) -> str:
        return f"postgres://postgres@{self.address}:{self.port}/postgres"

    def run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.user:
            entry = pwd.getpwnam(self.user)
            kwargs = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        result = subprocess.run(  # noqa: S603 - fixed argv
            list(argv), capture_output=True, text=True, cwd="/", **kwargs
        )
        if check and result.returncode:
            raise ClusterError(f"{self.name}: {argv[0]} failed: {result.stderr[-2000:]}")
        return result

    def initdb(self) -> None:
        self.run(
            find_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # In the file, not on the command line: pg_rewind's crash recovery of a killed
        # primary runs without our -c options and must still see wal_log_hints; the
        # standby gets the same file with pg_basebackup.
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\n# scripts/cluster (deploy/postgresql/pencaker.conf)\n")
            for key, value in self.SETTINGS.items():
                conf.write(f"{key} = '{value}'\n")
        self.write_hba()

    def write_hba(self) -> None:
        # The test cluster trusts loopback; deploy/postgresql/pg_hba.conf is the production
        # form (scram-sha-256, the app and standby hosts only).
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all all 127.0.0.0/8 trust\n"
            "host replication all 127.0.0.0/8 trust\n"
        )
        if self.user:
            shutil.chown(self.data / "pg_hba.conf", self.user, self.user)

    def basebackup_from(self, primary: PgNode) -> None:
        """A fresh standby: copy the primary, with standby.signal and primary_conninfo."""
        self.run(
            find_bin("pg_basebackup"),
            "-d",
            primary.conninfo(application_name=self.name),
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
        )
        self.write_hba()

    def rewind_from(self, primary: PgNode) -> None:
        """The old primary after a failover: pg_rewind onto the new timeline (-R makes it a
        standby of the new primary); a fresh pg_basebackup when pg_rewind cannot."""
        # A just-promoted server writes its new timeline into pg_control at its next
        # checkpoint; before that pg_rewind sees the old timeline and says "no rewind
        # required", and the node then cannot follow (its WAL went past the fork).
        primary.sql("CHECKPOINT")
        result = self.run(
            find_bin("pg_rewind"),
            "-D",
            str(self.data),
            "--source-server",
            primary.conninfo(application_name=self.name),
            "-R",
            check=False,
        )
        log(f"{self.name}: pg_rewind: {(result.stdout + result.stderr).strip()[-200:]}")
        if result.returncode:
            log(f"{self.name}: pg_rewind failed ({result.stderr.strip()[-300:]}); pg_basebackup")
            shutil.rmtree(self.data)
            self.basebackup_from(primary)
        self.write_hba()

    def start(self) -> None:
        options: list[str] = []
        settings = {
            "listen_addresses": self.address,
            "port": str(self.port),
            "unix_socket_directories": str(self.sock),
            "cluster_name": self.name,
        }
        for key, value in settings.items():
            options += ["-c", f"{key}={value}"]
        self.proc = Proc(
            self.name,
            [find_bin("postgres"), "-D", str(self.data), *options],
            self.home / "server.log",
            user=self.user,
        )
        proc = self.proc.start()
        wait_for(self.accepts, f"{self.name} accepting connections", 120, proc)

    def accepts(self) -> bool:
        import psycopg

        with psycopg.connect(self.conninfo(), connect_timeout=2) as conn:
            conn.execute("SELECT 1")
        return True

    def sql(self, statement: str, *, autocommit: bool = True):
        import psycopg

        with psycopg.connect(self.conninfo(), connect_timeout=3, autocommit=autocommit) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchall() if cursor.description else None

    def in_recovery(self) -> bool:
        return bool(self.sql("SELECT pg_is_in_recovery()")[0][0])

    def kill(self) -> None:
        if self.proc:
            self.proc.kill()

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate(timeout=20)

    def promote(self) -> None:
        self.sql("SELECT pg_promote(wait => true, wait_seconds => 60)")
        wait_for(lambda: not self.in_recovery(), f"{self.name} promoted", 60)


class PgBouncer:
    """Transaction pooling in front of the primary (``pencaker``) and standby
    (``pencaker_ro``); re-pointed on failover by rewriting its ini and SIGHUP (RELOAD)."""

    def __init__(self, root: Path, user: str | None) -> None:
        self.address = ADDRESSES["pgbouncer"]
        self.port = free_port(self.address)
        self.home = root / "pgbouncer"
        self.home.mkdir()
        self.ini = self.home / "pgbouncer.ini"
        self.user = user
        if user:
            shutil.chown(self.home, user, user)
        self.proc: Proc | None = None
        self.primary: PgNode | None = None
        self.standby: PgNode | None = None

    def write(self, primary: PgNode, standby: PgNode | None) -> None:
        self.primary, self.standby = primary, standby
        reader = standby or primary  # no standby: lag-tolerant reads go to the primary
        text = (ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini").read_text()
        text = (
            text.replace("@PRIMARY_HOST@", primary.address)
            .replace("@PRIMARY_PORT@", str(primary.port))
            .replace("@STANDBY_HOST@", reader.address)
            .replace("@STANDBY_PORT@", str(reader.port))
            .replace("@LISTEN_ADDR@", self.address)
            .replace("@LISTEN_PORT@", str(self.port))
            .replace("@RUN_DIR@", str(self.home))
            .replace("@AUTH_TYPE@", "trust")
            .replace("@AUTH_FILE@", str(self.home / "userlist.txt"))
            .replace("@DBNAME@", "postgres")
        )
        (self.home / "userlist.txt").write_text('"postgres" ""\n')
        tmp = self.ini.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.replace(self.ini)
        if self.user:
            for path in self.home.iterdir():
                shutil.chown(path, self.user, self.user)

    def start(self) -> None:
        self.proc = Proc(
            "pgbouncer", [find_bin("pgbouncer"), str(self.ini)], self.home / "log", user=self.user
        )
        proc = self.proc.start()
        wait_for(self.accepts, "pgbouncer accepting connections", 30, proc)

    def accepts(self) -> bool:
        import psycopg

        with psycopg.connect(self.admin_conninfo(), connect_timeout=2, autocommit=True) as conn:
            conn.execute("SHOW VERSION")
        return True

    def admin_conninfo(self) -> str:
        return f"host={self.address} port={self.port} user=postgres dbname=pgbouncer"

    def reload(self) -> None:
        """Read the rewritten ini (the same as ``RELOAD;`` on the admin console)."""
        assert self.proc and self.proc.proc
        os.kill(self.proc.proc.pid, signal.SIGHUP)
        time.sleep(0.5)

    def stats(self) -> dict[str, int]:
        """Queries served per pgbouncer database (SHOW STATS)."""
        import psycopg

        with psycopg.connect(self.admin_conninfo(), connect_timeout=2, autocommit=True) as conn:
            cursor = conn.execute("SHOW STATS")
            names = [c.name for c in cursor.description]
            return {
                row[names.index("database")]: int(row[names.index("total_query_count")])
                for row in cursor.fetchall()
            }

    def url(self, database: str) -> str:
        return f"postgres://postgres@{self.address}:{self.port}/{database}"


class HAProxy:
    def __init__(self, root: Path, backends: list[tuple[str, str, int]]) -> None:
        self.address = ADDRESSES["haproxy"]
        self.port = free_port(self.address)
        self.home = root / "haproxy"
        self.home.mkdir()
        self.cfg = self.home / "haproxy.cfg"
        servers = "\n".join(
            f"    server {name} {address}:{port} check inter 1s fall 2 rise 2"
            for name, address, port in backends
        )
        text = (ROOT / "deploy" / "haproxy" / "haproxy.cfg").read_text()
        text = (
            text.replace("@BIND@", f"{self.address}:{self.port}")
            .replace("@ERRORFILE_DIR@", str(ROOT / "deploy" / "haproxy" / "errors"))
            .replace("@SERVERS@", servers)
            .replace("@STATS_SOCKET@", str(self.home / "admin.sock"))
        )
        # Connections to the app hosts leave from this host's own address (the address the
        # app trusts for X-Forwarded-For, PENCAKER_TRUSTED_PROXIES).
        text = text.replace("\nbackend app\n", f"\nbackend app\n    source {self.address}\n")
        # The production file runs as the haproxy user and logs to syslog; here, in the
        # foreground of this test's process group, log to stderr.
        text = text.replace("    log /dev/log local0\n", "    log stderr format raw local0\n")
        self.cfg.write_text(text)
        self.proc: Proc | None = None

    def start(self) -> None:
        check = subprocess.run(  # noqa: S603
            [find_bin("haproxy"), "-c", "-f", str(self.cfg)], capture_output=True, text=True
        )
        if check.returncode:
            raise ClusterError(f"haproxy refused its configuration: {check.stdout}{check.stderr}")
        self.proc = Proc(
            "haproxy", [find_bin("haproxy"), "-db", "-f", str(self.cfg)], self.home / "log"
        )
        proc = self.proc.start()
        wait_for(self.listening, "haproxy listening", 30, proc)

    def listening(self) -> bool:
        with socket.create_connection((self.address, self.port), timeout=1):
            return True

    def server_up(self, name: str) -> bool:
        """HAProxy's own view of an app host (runtime API ``show stat``)."""
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(3)
            s.connect(str(self.home / "admin.sock"))
            s.sendall(b"show stat\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        lines = data.decode().splitlines()
        header = lines[0].lstrip("# ").split(",")
        for line in lines[1:]:
            fields = dict(zip(header, line.split(","), strict=False))
            if fields.get("pxname") == "app" and fields.get("svname") == name:
                return fields.get("status", "").startswith("UP")
        raise ClusterError(f"haproxy does not know {name}")

    def get(self, path: str) -> int:
        conn = http.client.HTTPConnection(self.address, self.port, timeout=5)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status


class AppHost:
    """``pencaker serve`` bound to the host's address; restarted when it exits, as
    systemd's Restart=always does (deploy/systemd/pencaker-web.service)."""

    def __init__(self, name: str, root: Path, env: dict[str, str], workers: int) -> None:
        self.name = name
        self.address = ADDRESSES[name]
        self.port = free_port(self.address)
        self.home = root / name
        self.home.mkdir()
        self.env = {
            **env,
            "PENCAKER_DATA_DIR": str(self.home / "data"),
            "HOST": self.address,
            "PORT": str(self.port),
        }
        self.proc = Proc(
            name,
            [
                PYTHON,
                "-m",
                "pencaker.manage",
                "serve",
                "--host",
                self.address,
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--skip-collectstatic",
            ],
            self.home / "server.log",
            env=self.env,
        )
        self.wanted = False
        self.restarts = 0
        self._lock = threading.Lock()
        self._watch: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            self.wanted = True
            self.proc.start()
        if self._watch is None:
            self._watch = threading.Thread(target=self._supervise, daemon=True, name=self.name)
            self._watch.start()

    def _supervise(self) -> None:
        while True:
            time.sleep(0.5)
            with self._lock:
                if self.wanted and not self.proc.alive():
                    # `pencaker serve` exits when its task worker loses the database.
                    self.proc.kill()  # nothing of the old group may keep the port
                    self.restarts += 1
                    self.proc.start()

    def ready(self) -> bool:
        conn = http.client.HTTPConnection(self.address, self.port, timeout=3)
        conn.request("GET", "/readyz")
        status = conn.getresponse().status
        conn.close()
        return status == 200

    def wait_ready(self, seconds: float = 300) -> None:
        wait_for(self.ready, f"{self.name} ready", seconds)

    def kill(self) -> None:
        """SIGKILL the whole host (gunicorn master, workers, task worker, scheduler)."""
        with self._lock:
            self.wanted = False
            self.proc.kill()

    def stop(self) -> None:
        with self._lock:
            self.wanted = False
            self.proc.terminate(timeout=40)


class S3Server:
    def __init__(self, root: Path) -> None:
        self.address = ADDRESSES["s3"]
        self.port = free_port(self.address)
        self.home = root / "s3"
        self.home.mkdir()
        moto = Path(PYTHON).with_name("moto_server")
        if not moto.exists():
            raise ClusterError("moto_server not found: make install-dev (moto[server])")
        self.proc = Proc(
            "s3", [str(moto), "-H", self.address, "-p", str(self.port)], self.home / "log"
        )

    @property
    def endpoint(self) -> str:
        return f"http://{self.address}:{self.port}"

    def start(self) -> None:
        proc = self.proc.start()

        def bucket() -> bool:
            import boto3

            client = boto3.client(
                "s3",
                endpoint_url=self.endpoint,
                region_name="us-east-1",
                aws_access_key_id="cluster",
                aws_secret_access_key="cluster",  # noqa: S106 - moto accepts any key
            )
            client.create_bucket(Bucket=BUCKET)
            return True

        wait_for(bucket, "moto S3 server with the bucket", 60, proc)

    def env(self) -> dict[str, str]:
        return {
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "cluster",
            "S3_SECRET_ACCESS_KEY": "cluster",
        }


class Cluster:
    """The whole deployment; ``start()`` brings it up, the methods below break it."""

    def __init__(self, *, workers: int = 1, base_env: dict[str, str] | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="pencaker-cluster-"))
        os.chmod(self.root, 0o755)  # noqa: S103 - postgres (as root: another user) walks into it
        self.user = "postgres" if os.geteuid() == 0 else None
        self.workers = workers
        self.base_env = dict(base_env if base_env is not None else os.environ)
        self.nodes = [PgNode("pg-1", self.root, self.user), PgNode("pg-2", self.root, self.user)]
        self.primary, self.standby = self.nodes
        self.bouncer = PgBouncer(self.root, self.user)
        self.s3 = S3Server(self.root)
        self.apps: list[AppHost] = []
        self.haproxy: HAProxy | None = None
        self.events: list[str] = []

    def note(self, message: str) -> None:
        self.events.append(message)
        log(message)

    # -- environment ------------------------------------------------------------------
    def app_env(self) -> dict[str, str]:
        """The settings every app host shares (production: one EnvironmentFile)."""
        shared = self.root / "shared"
        shared.mkdir(exist_ok=True)
        env = {
            k: v
            for k, v in self.base_env.items()
            if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "PENCAKER_ENV"}
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "pencaker.settings",
                "DATABASE_URL": self.bouncer.url("pencaker"),
                "DATABASE_REPLICA_URL": self.bouncer.url("pencaker_ro"),
                "DATABASE_TRANSACTION_POOLING": "true",
                # One key and one signing identity for every host, as a deployment ships them.
                "SECRET_KEY": "cluster-test-secret-key-not-for-production-0123456789",
                "PENCAKER_SIGNING_DIR": str(shared / "signing"),
                "PENCAKER_CARD_KEY_DIR": str(shared / "card-keys"),
                "STATIC_ROOT": str(shared / "static"),
                # Hashed static files without the brotli/gzip copies: seconds, not minutes.
                "PENCAKER_STATIC_COMPRESSED": "false",
                "PENCAKER_TRUSTED_PROXIES": ADDRESSES["haproxy"],
                "ALLOWED_HOSTS": ",".join(
                    [ADDRESSES["haproxy"], ADDRESSES["app-a"], ADDRESSES["app-b"], "localhost"]
                ),
                "PENCAKER_RETRY_AFTER": str(RETRY_AFTER),
                "LOG_LEVEL": "WARNING",
                **self.s3.env(),
            }
        )
        return env

    def manage_env(self) -> dict[str, str]:
        """For migrate, seeding and checks: straight to the primary, no pooler."""
        env = self.app_env()
        env["DATABASE_URL"] = self.primary.url()
        env.pop("DATABASE_REPLICA_URL")
        env.pop("DATABASE_TRANSACTION_POOLING")
        env["PENCAKER_DATA_DIR"] = str(self.root / "manage")
        return env

    def setup_env(self) -> dict[str, str]:
        """For migrate and seed data: setup, not writes under test, so commits need not
        wait for the standby's disk (libpq's PGOPTIONS)."""
        return {**self.manage_env(), "PGOPTIONS": "-c synchronous_commit=local"}

    # -- bring-up -----------------------------------------------------------------------
    def start_database(self) -> None:
        started = time.monotonic()
        self.primary.initdb()
        self.primary.start()
        self.standby.basebackup_from(self.primary)
        self.standby.start()
        self.wait_streaming(self.primary, self.standby)
        self.make_synchronous(self.primary)
        self.bouncer.write(self.primary, self.standby)
        self.bouncer.start()
        self.s3.start()
        self.note(
            f"database: primary {self.primary.name}, synchronous standby {self.standby.name}, "
            f"pgbouncer, S3 up in {time.monotonic() - started:.1f}s"
        )

    def start_apps(self, names=("app-a", "app-b")) -> None:
        started = time.monotonic()
        env = self.app_env()
        # The same hashed static files on every host, collected once (a release artefact).
        subprocess.run(  # noqa: S603
            [PYTHON, "-m", "pencaker.manage", "collectstatic", "--no-input", "-v", "0"],
            env={**env, "PENCAKER_DATA_DIR": str(self.root / "manage")},
            check=True,
            timeout=900,
        )
        self.apps = [AppHost(name, self.root, env, self.workers) for name in names]
        self.haproxy = HAProxy(self.root, [(a.name, a.address, a.port) for a in self.apps])
        self.haproxy.start()
        for app in self.apps:
            app.start()
        for app in self.apps:
            app.wait_ready()
        wait_for(lambda: self.haproxy.get("/readyz") == 200, "haproxy serving /readyz", 60)
        self.note(
            f"app hosts {', '.join(names)} behind haproxy in {time.monotonic() - started:.1f}s"
        )

    def wait_streaming(self, primary: PgNode, standby: PgNode, seconds: float = 120) -> None:
        def streaming() -> bool:
            rows = primary.sql(
                "SELECT application_name, state FROM pg_stat_replication WHERE state = 'streaming'"
            )
            return any(name == standby.name for name, _ in rows)

        wait_for(streaming, f"{standby.name} streaming from {primary.name}", seconds)

    @staticmethod
    def make_synchronous(primary: PgNode) -> None:
        """Commits wait until the standby has flushed them (synchronous_commit=on)."""
        primary.sql("ALTER SYSTEM SET synchronous_standby_names = '*'")
        primary.sql("SELECT pg_reload_conf()")

        def synchronous() -> bool:
            rows = primary.sql("SELECT sync_state FROM pg_stat_replication")
            return any(state == "sync" for (state,) in rows)

        wait_for(synchronous, f"a synchronous standby of {primary.name}", 30)

    # -- failures -----------------------------------------------------------------------
    def kill_app(self, name: str) -> None:
        app = next(a for a in self.apps if a.name == name)
        app.kill()
        self.note(f"SIGKILL app host {name} ({app.address})")
        wait_for(lambda: not self.haproxy.server_up(name), f"haproxy taking {name} out", 30)
        self.note(f"haproxy marked {name} down")

    def restart_app(self, name: str, *, wait: bool = True) -> None:
        app = next(a for a in self.apps if a.name == name)
        app.start()
        if wait:
            self.wait_app(name)

    def wait_app(self, name: str) -> None:
        app = next(a for a in self.apps if a.name == name)
        app.wait_ready()
        wait_for(lambda: self.haproxy.server_up(name), f"haproxy sending requests to {name}", 60)
        self.note(f"app host {name} back behind haproxy")

    def kill_primary(self) -> None:
        self.primary.kill()
        self.note(f"SIGKILL primary {self.primary.name} ({self.primary.address})")

    def fail_over(self) -> None:
        """Promote the standby and point pgbouncer at it (both databases: no standby yet)."""
        old, new = self.primary, self.standby
        started = time.monotonic()
        new.promote()
        # Until a standby is back nothing could confirm a commit: a single copy, announced.
        new.sql("ALTER SYSTEM SET synchronous_standby_names = ''")
        new.sql("SELECT pg_reload_conf()")
        self.primary, self.standby = new, old
        self.bouncer.write(new, None)
        self.bouncer.reload()
        self.note(
            f"promoted {new.name} to primary, pgbouncer re-pointed in "
            f"{time.monotonic() - started:.1f}s"
        )

    def rejoin_old_primary(self) -> None:
        """The old primary comes back as the new primary's synchronous standby."""
        started = time.monotonic()
        node = self.standby
        node.rewind_from(self.primary)
        node.start()
        self.wait_streaming(self.primary, node)
        self.make_synchronous(self.primary)
        if node.in_recovery() is not True:
            raise ClusterError(f"{node.name} is not a standby after rejoining")
        self.bouncer.write(self.primary, node)
        self.bouncer.reload()
        self.note(
            f"{node.name} back as synchronous standby of {self.primary.name} in "
            f"{time.monotonic() - started:.1f}s"
        )

    def stop(self, keep: bool = False) -> None:
        """Stop everything; one part failing to stop does not leave the others running."""
        steps = [app.stop for app in self.apps]
        for proc in (self.haproxy and self.haproxy.proc, self.bouncer.proc, self.s3.proc):
            if proc:
                steps.append(lambda proc=proc: proc.terminate(timeout=10))
        steps += [node.stop for node in self.nodes]
        for step in steps:
            try:
                step()
            except BaseException as exc:  # noqa: BLE001 - go on, then kill what is left
                log(f"stopping: {type(exc).__name__}: {exc}")
        for proc in [a.proc for a in self.apps] + [n.proc for n in self.nodes if n.proc]:
            proc.kill()
        if keep:
            log(f"kept {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)

    def describe(self) -> dict:
        return {
            "haproxy": f"{self.haproxy.address}:{self.haproxy.port}" if self.haproxy else None,
            "apps": {a.name: f"{a.address}:{a.port}" for a in self.apps},
            "pgbouncer": f"{self.bouncer.address}:{self.bouncer.port}",
            "primary": f"{self.primary.name} {self.primary.address}:{self.primary.port}",
            "standby": f"{self.standby.name} {self.standby.address}:{self.standby.port}",
            "s3": self.s3.endpoint,
            "root": str(self.root),
        }


def main(argv: list[str]) -> int:
    if argv[:1] != ["up"]:
        print(__doc__)
        return 2
    cluster = Cluster()
    try:
        cluster.start_database()
        subprocess.run(  # noqa: S603
            [PYTHON, "-m", "pencaker.manage", "migrate", "--no-input"],
            env=cluster.manage_env(),
            check=True,
        )
        cluster.start_apps()
        print(json.dumps(cluster.describe(), indent=1), flush=True)
        log("up; Ctrl+C stops everything")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(1)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
