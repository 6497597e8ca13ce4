"""`make run`'s path end to end: migrate, seed the demo, start gunicorn + the task worker,
serve the Indonesian home page, and let the demo job seeker log in."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_listening(port: int, proc: subprocess.Popen, attempts: int = 300) -> None:
    for _ in range(attempts):
        if proc.poll() is not None:
            raise AssertionError(f"server exited early with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            try:
                proc.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                pass
    raise AssertionError("server did not start listening")


@pytest.fixture
def embedded_env(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "pencaker.settings", "PENCAKER_DATA_DIR": str(tmp_path)})
    return env


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "pencaker.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )


@pytest.mark.embedded
def test_make_run_serves_home_and_demo_seeker_logs_in(embedded_env, tmp_path):
    _manage(embedded_env, "migrate", "--no-input")
    seeded = _manage(embedded_env, "seed_demo")
    assert "pencaker@demo.pencaker.id" in seeded.stdout
    with sqlite3.connect(tmp_path / "pencaker.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pencaker.manage", "serve", "--port", str(port), "--workers", "1"],
        env=embedded_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_listening(port, server)
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        home = opener.open(base + "/").read().decode()
        assert 'lang="id"' in home
        assert "Kartu pencari kerja" in home

        login_page = opener.open(base + "/akun/masuk/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "pencaker@demo.pencaker.id",
                "password": "pencaker-demo-2026",
            }
        ).encode()
        request = urllib.request.Request(
            base + "/akun/masuk/", data=data, headers={"Referer": base + "/akun/masuk/"}
        )
        after = opener.open(request)
        assert after.url.rstrip("/") != base + "/akun/masuk"
        assert "sessionid" in {cookie.name for cookie in jar}
        assert "gunicorn" in _server_banner(server, port)
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in output


def _server_banner(server: subprocess.Popen, port: int) -> str:
    # The production app server, not Django's development server, owns the port.
    result = subprocess.run(
        ["ps", "-o", "args=", "--ppid", str(server.pid)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout
