"""Read by gunicorn when started from the project folder (``gunicorn pencaker.wsgi``).

Access lines without query strings and with tokens in paths masked: see
``pencaker.core.logging``.
"""

logger_class = "pencaker.core.logging.GunicornAccessLogger"
