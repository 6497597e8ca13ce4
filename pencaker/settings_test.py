"""Settings for the test suite: the embedded defaults in a throwaway data folder."""

import os
import tempfile

os.environ.setdefault("PENCAKER_DATA_DIR", tempfile.mkdtemp(prefix="pencaker-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

from pencaker.settings import *  # noqa: E402,F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Argon2 is the production hasher (asserted in accounts tests); a fast one keeps tests quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests render pages without running collectstatic: the sources, found where they are
# (pencaker.public.tests.test_static_assets collects and serves the real thing).
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Many tests write closed days straight through the ORM (factories), which a per-process
# calendar cache would not see between tests; the cache's own tests turn it on.
PENCAKER_OFFICE_CALENDAR_CACHE_SECONDS = 0

# SQLite tests use a file database like the embedded default (WAL, IMMEDIATE, busy
# timeout) instead of Django's shared-cache in-memory one, whose table locks fail at once
# instead of waiting: the concurrency tests run real threads against it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-pencaker.sqlite3")}  # noqa: F405

# The browser tests' live server answers a page's parallel requests (a review page's
# document thumbnails, rendered by pdftoppm) on one loaded machine: a request waits for a
# free slot instead of being shed after 100 ms (the load-shedding tests set their own).
PENCAKER_QUEUE_WAIT_MS = 10_000
