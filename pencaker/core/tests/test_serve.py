"""`make run`'s path end to end: migrate, seed the demo, start gunicorn + the task worker,
serve the Indonesian home page, and let the demo job seeker log in; with another `PORT`,
the links in the emails it writes and the QR code on the demo card open on that port."""

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
from email import message_from_bytes, policy
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_listening(port: int, proc: subprocess.Popen, attempts: int = 1500) -> None:
    # Readiness, not speed: `serve` collects the static files first, slow on a loaded machine.
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


# --- `PORT=8123 make run`: links in emails and the card's QR code open on that port ------

ROOT = Path(__file__).resolve().parents[3]
LINK = re.compile(r"https?://[^\s\"'<>]+")


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_for_background_work(db_path, proc: subprocess.Popen, attempts: int = 1200) -> str:
    """Until the worker has rendered the demo card and emptied the outbox; returns the
    card's stored PDF name."""
    for _ in range(attempts):
        if proc.poll() is not None:
            raise AssertionError(f"make run exited early with {proc.returncode}")
        with sqlite3.connect(db_path) as db:
            pdf = db.execute("SELECT pdf FROM cards_card WHERE status = 'active'").fetchone()
            pending = db.execute(
                "SELECT count(*) FROM notifications_notification WHERE status = 'pending'"
            ).fetchone()[0]
        if pdf and pdf[0] and pending == 0:
            return pdf[0]
        try:
            proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            pass
    raise AssertionError("the demo card was not rendered or the outbox was not emptied")


def _scan_qr(pdf, folder) -> list[str]:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
        timeout=120,
    )
    (image,) = folder.glob("page*.png")
    scanned = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scanned.returncode == 0, f"no QR code decoded (exit {scanned.returncode})"
    return [line for line in scanned.stdout.splitlines() if line]


def _email_links(mail_dir) -> dict[str, list[str]]:
    links = {}
    for path in sorted(mail_dir.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain", "html")).get_content()
        links[f"{path.name}: {message['Subject']}"] = LINK.findall(body)
    return links


@pytest.mark.embedded
def test_make_run_on_port_8123_links_the_emails_and_the_card_qr_to_that_port(
    embedded_env, tmp_path
):
    # 8123 as in the issue; another free port if a parallel run holds it (same property).
    port = 8123 if _port_is_free(8123) else _free_port()
    env = {k: v for k, v in embedded_env.items() if k not in {"SITE_URL", "HOST", "EMAIL_HOST"}}
    env.update({"PORT": str(port), "WEB_CONCURRENCY": "1"})
    env.pop("MAKEFLAGS", None)
    log = (tmp_path / "make-run.log").open("w")
    stack = subprocess.Popen(
        # This interpreter's environment, already installed: make only runs the stack.
        ["make", "--no-print-directory", "-o", ".venv/.installed", "run"]
        + [f"BIN={os.path.dirname(sys.executable)}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_listening(port, stack, attempts=1800)
        pdf_name = _wait_for_background_work(tmp_path / "pencaker.sqlite3", stack)

        links = _email_links(tmp_path / "mail")
        assert len(links) >= 3, links  # the request's status emails and the survey invitation
        assert all(found for found in links.values()), links
        elsewhere = {
            name: [u for u in found if not u.startswith(base)] for name, found in links.items()
        }
        assert {name: found for name, found in elsewhere.items() if found} == {}

        (qr_url,) = _scan_qr(tmp_path / "media" / pdf_name, tmp_path)
        assert qr_url.startswith(f"{base}kartu/v/")
        with urllib.request.urlopen(qr_url, timeout=30) as opened:  # noqa: S310 - loopback
            assert opened.status == 200
        survey = next(u for found in links.values() for u in found if "/survei/" in u)
        with urllib.request.urlopen(survey, timeout=30) as opened:  # noqa: S310
            assert opened.status == 200
    finally:
        os.killpg(stack.pid, signal.SIGINT)
        try:
            stack.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)
            stack.wait(timeout=10)
        log.close()
