"""WSGI entry of the benchmark server: ``/bench/bare`` goes to a Django handler without
any middleware, everything else to the normal handler (full middleware stack).

    gunicorn bench.wsgi:application   # with DJANGO_SETTINGS_MODULE=bench.settings
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402
from django.core.handlers.exception import convert_exception_to_response  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

django.setup(set_prefix=False)


class BareHandler(WSGIHandler):
    """Django's request handling (request object, URL resolution, view, response) with an
    empty middleware chain, whatever ``settings.MIDDLEWARE`` says."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        get_response = self._get_response_async if is_async else self._get_response
        self._middleware_chain = convert_exception_to_response(get_response)


BARE_PATH = "/bench/bare"
_bare = BareHandler()
_full = WSGIHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return _bare(environ, start_response)
    return _full(environ, start_response)
