"""Start the production app server (gunicorn) and the background task worker together.

Used by ``make run`` for the embedded default; in production run the two as separate
services (see README).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run gunicorn and the task worker on $HOST:$PORT until interrupted."

    def add_arguments(self, parser):
        # The same settings build SITE_URL in the embedded default, so the links in emails
        # and on cards point at the address served here.
        parser.add_argument("--host", default=settings.SERVE_HOST)
        parser.add_argument("--port", default=str(settings.SERVE_PORT))
        parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "2"))
        # Load shedding (ADR 0009): each worker runs more threads than it admits requests
        # (PENCAKER_MAX_IN_FLIGHT), so the spare threads answer 503 + Retry-After at once;
        # the listen backlog bounds what waits in the kernel.
        parser.add_argument("--threads", default=os.environ.get("WEB_THREADS", "8"))
        parser.add_argument("--backlog", default=os.environ.get("WEB_BACKLOG", "256"))
        parser.add_argument(
            "--max-in-flight", default=os.environ.get("PENCAKER_MAX_IN_FLIGHT", "4")
        )
        # Several hosts sharing one STATIC_ROOT collect it once at release time
        # (deploy/systemd, scripts/cluster): two collectstatic runs at once would race.
        parser.add_argument("--skip-collectstatic", action="store_true")

    def handle(
        self,
        *args,
        host: str,
        port: str,
        workers: str,
        threads: str,
        backlog: str,
        max_in_flight: str,
        skip_collectstatic: bool = False,
        **options,
    ):
        # Hashed, brotli/gzip-compressed static files for whitenoise (quick when unchanged).
        if not settings.DEBUG and not skip_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "PENCAKER_MAX_IN_FLIGHT": str(max_in_flight),
            # The children derive SITE_URL (when not set) from the address actually served.
            "HOST": str(host),
            "PORT": str(port),
        }
        web = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable,
                "-m",
                "gunicorn",
                "pencaker.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--backlog",
                str(backlog),
                "--timeout",
                "60",
                "--graceful-timeout",
                "20",
                "--access-logfile",
                "-",
                # No query strings and no tokens in the access log (core.logging).
                "--logger-class",
                "pencaker.core.logging.GunicornAccessLogger",
            ],
            env=env,
        )
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "pencaker.manage", "db_worker", "--interval", "1"],
            env=env,
        )
        scheduler = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "pencaker.manage", "run_scheduler"],
            env=env,
        )
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Pencaker is running at http://{host}:{port}/"))
        self.stdout.write(f"Outgoing email is written as .eml files to {settings.EMAIL_OUTBOX_DIR}")
        if (settings.PENCAKER_SMS_GATEWAY or "").endswith(".FileGateway"):
            self.stdout.write(
                f"SMS/WhatsApp messages (sign-up codes too) are written to "
                f"{settings.PENCAKER_SMS_OUTBOX_FILE}"
            )
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        self.stdout.write("Press Ctrl+C to stop.")
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                if any(proc.poll() is not None for proc in (web, worker, scheduler)):
                    break
                time.sleep(0.5)
        finally:
            for proc in (web, worker, scheduler):
                if proc.poll() is None:
                    proc.terminate()
            for proc in (web, worker, scheduler):
                try:
                    proc.wait(timeout=25)
                except subprocess.TimeoutExpired:
                    proc.kill()
        code = web.returncode or worker.returncode or scheduler.returncode or 0
        if code and not stopping:
            sys.exit(code)
