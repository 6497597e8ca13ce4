#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster on loopback.

    python scripts/pgtmp.py -- pytest ...

Creates a cluster in a temporary folder (initdb), starts it on a free 127.0.0.1 port,
exports DATABASE_URL for the command, and removes everything afterwards. Used by
``make test`` so the whole suite also runs on PostgreSQL without any server set up
beforehand. As root (CI), the cluster runs as the ``postgres`` system user, because
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def find_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    sys.exit(f"pgtmp: {name} not found; install PostgreSQL (apt-get install postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    argv = sys.argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        sys.exit("usage: pgtmp.py -- COMMAND [ARGS...]")
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    as_root = os.geteuid() == 0
    prefix: list[str] = ["runuser", "-u", "postgres", "--"] if as_root else []
    tmp = tempfile.mkdtemp(prefix="pencaker-pg-")
    data, sockdir = os.path.join(tmp, "data"), os.path.join(tmp, "sock")
    os.makedirs(sockdir)
    if as_root:
        shutil.chown(tmp, "postgres", "postgres")
        shutil.chown(sockdir, "postgres", "postgres")
    port = free_port()
    log = os.path.join(tmp, "server.log")
    try:
        subprocess.run(  # noqa: S603
            [
                *prefix,
                initdb,
                "-D",
                data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sockdir}"
            " -c fsync=on -c max_connections=200 -c shared_buffers=128MB"
        )
        subprocess.run(  # noqa: S603
            [*prefix, pg_ctl, "-D", data, "-l", log, "-o", opts, "-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/postgres",
            "PENCAKER_PG_DATA": data,
            "PENCAKER_PG_CTL": pg_ctl,
        }
        print(f"pgtmp: PostgreSQL on 127.0.0.1:{port}", flush=True)
        return subprocess.call(argv, env=env)  # noqa: S603
    finally:
        subprocess.run(  # noqa: S603
            [*prefix, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
