"""Settings of the load benchmark's server only: production settings plus the benchmark's
URL configuration (``bench.urls``: the three reference views in front of every production
address). ``bench/load.py`` selects this module (``DJANGO_SETTINGS_MODULE=bench.settings``)
when it starts its own gunicorn; nothing in ``pencaker/`` imports it, and
``pencaker.urls`` never includes the reference views
(``pencaker/ops/tests/test_bench_urls.py``).
"""

from pencaker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
