"""JSON log lines. Records carry ids and codes only: never a NIK, a name or an email.

Paths are the one place personal data slips into logs: a staff search puts a NIK, an
email or a name in the query string, and the password-reset and verification links carry
a live token (the verification token even holds the email). Every path that reaches a log
line — gunicorn's access log (``GunicornAccessLogger``), Django's own request and server
messages (``JsonFormatter``) — goes through ``path_for_log`` first: no query string, the
tokens replaced by ``***``.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from gunicorn.glogging import Logger as _GunicornLogger

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {"message", "asctime"}

MASK = "***"
# (pattern, replacement) for the path segments that are secrets.
_SECRET_SEGMENTS = [
    (re.compile(r"(/akun/atur-sandi/)(?!selesai/)[^/\s?\"']+/[^/\s?\"']+"), rf"\g<1>{MASK}/{MASK}"),
    (re.compile(r"(/akun/verifikasi/)(?!kirim-ulang/)[^/\s?\"']+"), rf"\g<1>{MASK}"),
    (re.compile(r"(/kartu/v/)[^/\s?\"']+"), rf"\g<1>{MASK}"),
]
_QUERY = re.compile(r"\?[^\s\"']*")


def path_for_log(path: str) -> str:
    """``path`` without its query string and with the secret segments masked."""
    path = (path or "").split("?", 1)[0].split("#", 1)[0]
    for pattern, replacement in _SECRET_SEGMENTS:
        path = pattern.sub(replacement, path)
    return path


def text_for_log(text: str) -> str:
    """Free text of a log message (``"Not Found: /akun/verifikasi/…"``, a request line)
    with every query string removed and every secret segment masked."""
    text = _QUERY.sub("", text)
    for pattern, replacement in _SECRET_SEGMENTS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": text_for_log(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key != "request":
                if isinstance(value, str):
                    value = text_for_log(value)
                data[key] = (
                    value if isinstance(value, str | int | float | bool | None) else str(value)
                )
        if record.exc_info:
            data["exc"] = text_for_log(self.formatException(record.exc_info))
        return json.dumps(data, ensure_ascii=False)


class GunicornAccessLogger(_GunicornLogger):
    """gunicorn's logger whose access lines hold masked paths without query strings, for
    the request line (``%(r)s``), the path (``%(U)s``), the query (``%(q)s``, empty) and
    the referrer (``%(f)s``). Used by ``pencaker serve`` and the root ``gunicorn.conf.py``."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = "{} {} {}".format(
            environ.get("REQUEST_METHOD", "-"),
            path_for_log(environ.get("RAW_URI") or environ.get("PATH_INFO") or ""),
            environ.get("SERVER_PROTOCOL", "-"),
        )
        atoms["U"] = path_for_log(environ.get("PATH_INFO") or "")
        atoms["q"] = ""
        referer = environ.get("HTTP_REFERER")
        if referer:
            atoms["f"] = text_for_log(referer)
        for key in list(atoms):
            if key.startswith("{") and key.endswith("}i"):
                atoms[key] = text_for_log(str(atoms[key]))
        return atoms
