#!/usr/bin/env python3
"""In-process CPU per request of two revisions, interleaved on one installation.

    python bench/cpu_ab.py BEFORE_REV [AFTER_REV|WORKTREE] --rounds 3 --samples 60

Makes one throwaway PostgreSQL installation (migrated and seeded in bulk by this tree's
``bench/seed_bulk.py``), exports ``BEFORE_REV`` with ``git archive`` into a temporary
folder, and runs ``bench/cpu.py`` (this tree's) with the before tree and with this work
tree on ``PYTHONPATH`` in turn, ``--rounds`` times: before, after, before, after, … so that
both see the same machine load. The two revisions must share their migrations. Prints
per kind the median over the rounds of each side's median CPU ms, and the statements.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "durability"))

from harness import manage  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

PYTHON = sys.executable


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pencaker-cpu-ab-"))
    before_tree = tmp / "before"
    before_tree.mkdir()
    archive = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "archive", args.before, "pencaker"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(before_tree)], input=archive, check=True)  # noqa: S603,S607
    data_dir = tmp / "data"
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PENCAKER_ENV"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pencaker.settings",
            "PENCAKER_DATA_DIR": str(data_dir),
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(ROOT),
        }
    )
    cluster = PgCluster()
    cluster.init()
    env["DATABASE_URL"] = cluster.url
    try:
        manage(env, "migrate", "--no-input")
        need = args.samples * args.rounds * 2 + 10
        subprocess.run(  # noqa: S603
            [PYTHON, str(ROOT / "bench" / "seed_bulk.py"), str(need), str(data_dir)],
            env=env,
            check=True,
            capture_output=True,
        )
        seeded = json.loads((data_dir / "seed.json").read_text())
        tokens = [c["token"] for c in seeded["clients"]]
        results: dict[str, list[dict]] = {"before": [], "after": []}
        for number in range(args.rounds):
            for side, tree in (("before", before_tree), ("after", ROOT)):
                chunk, tokens = tokens[: args.samples], tokens[args.samples :]
                run = subprocess.run(  # noqa: S603
                    [PYTHON, str(ROOT / "bench" / "cpu.py"), str(args.samples)],
                    env={**env, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"},
                    input=json.dumps(
                        {
                            "tokens": chunk,
                            "card": seeded["card"],
                            "operator": seeded["operator_token"],
                        }
                    ),
                    capture_output=True,
                    text=True,
                    check=True,
                )
                out = json.loads(run.stdout.strip().splitlines()[-1])
                results[side].append(out)
                print(f"[cpu-ab] round {number + 1} {side}: {json.dumps(out)}", file=sys.stderr)
        summary = {}
        for kind in results["after"][0]:
            summary[kind] = {
                side: {
                    "cpu_ms": round(statistics.median(r[kind]["cpu_ms_median"] for r in rows), 2),
                    "statements": statistics.median(r[kind]["statements"] for r in rows),
                }
                for side, rows in results.items()
            }
        print(json.dumps({"rounds": args.rounds, "samples": args.samples, "summary": summary}))
        print(
            "| per request | before CPU ms | after CPU ms | before statements | after statements |"
        )
        print("|---|---:|---:|---:|---:|")
        for kind, row in summary.items():
            print(
                f"| {kind} | {row['before']['cpu_ms']} | {row['after']['cpu_ms']} | "
                f"{row['before']['statements']} | {row['after']['statements']} |"
            )
        return 0
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
