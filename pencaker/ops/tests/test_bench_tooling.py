"""The load benchmark's small guarantees (issue 18): its reference views exist only in the
benchmark's own URL configuration, every endpoint has its wrk script, and the interleaved
ratios are computed as bench/README says. Fast; the benchmark itself is `make bench`."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, get_resolver

from bench import ratios

ROOT = Path(__file__).resolve().parents[3]
WRK = ROOT / "bench" / "wrk"


def test_production_urls_do_not_include_the_benchmark_views():
    assert settings.ROOT_URLCONF == "pencaker.urls"
    resolver = get_resolver("pencaker.urls")
    for path in ("/bench/bare", "/bench/full", "/bench/insert"):
        with pytest.raises(Resolver404):
            resolver.resolve(path)
    # No product module imports the benchmark's (this test file names them, hence tests/).
    source = "\n".join(
        p.read_text() for p in (ROOT / "pencaker").rglob("*.py") if "tests" not in p.parts
    )
    assert "bench.urls" not in source and "bench.views" not in source


def test_the_benchmark_urls_add_the_three_references_to_the_production_ones():
    resolver = get_resolver("bench.urls")
    assert resolver.resolve("/bench/bare").url_name == "bench_bare"
    assert resolver.resolve("/bench/insert").url_name == "bench_insert"
    assert (
        resolver.resolve("/healthz").func is get_resolver("pencaker.urls").resolve("/healthz").func
    )


def test_every_benchmarked_endpoint_and_reference_has_a_wrk_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    for name in [*load.REFERENCES, *load.ENDPOINTS]:
        script = WRK / f"{name}.lua"
        assert script.is_file(), name
        text = script.read_text()
        assert "common.lua" in text and "request" in text
    assert "submit" in load.ENDPOINTS
    assert "Idempotency-Key" in (WRK / "submit.lua").read_text()


def test_ratio_is_against_the_mean_of_the_neighbouring_reference_runs():
    assert ratios.ratio_to_neighbours(50, 100, 300) == 0.25
    assert ratios.ratio_to_neighbours(50, 0, 0) is None


def test_median_and_spread_skip_missing_values():
    assert ratios.median_and_spread([0.3, None, 0.1, 0.2]) == {
        "median": 0.2,
        "low": 0.1,
        "high": 0.3,
        "n": 3,
    }
    assert ratios.median_and_spread([None])["median"] is None


def test_interleaved_ratios_take_each_rounds_neighbours():
    rounds = [
        {
            "refs": [{"healthz": 100}, {"healthz": 300}, {"healthz": 200}],
            "endpoints": ["a", "b"],
            "throughput": {"a": 40, "b": 50},
        },
        {
            "refs": [{"healthz": 100}, {"healthz": 100}, {"healthz": 100}],
            "endpoints": ["a", "b"],
            "throughput": {"a": 30, "b": 10},
        },
    ]
    a = ratios.interleaved_ratios(rounds, "a", "healthz")
    b = ratios.interleaved_ratios(rounds, "b", "healthz")
    assert (a["low"], a["high"], a["median"]) == (0.2, 0.3, 0.25)
    assert (b["low"], b["high"], b["n"]) == (0.1, 0.2, 2)
