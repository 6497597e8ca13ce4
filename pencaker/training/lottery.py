"""The public lottery of a wave and the selection order of every method.

The lottery (docs/adr/0028-training-programmes-and-lottery.md), as anyone can recompute it:

- at the close the wave publishes its registrants as pseudonymous ids with their priority
  flag, and ``commitment`` = SHA-256 (hex) of a 32-byte random seed;
- at the draw the seed is revealed as 64 lowercase hex characters;
- each registrant's key is ``SHA-256(seed_hex + ":" + id)`` (UTF-8, hex digest);
- priority registrants in ascending key order take up to ``priority_quota`` places; the
  remaining places go to everyone not yet selected in ascending key order; the waiting
  list is the rest in the same order.

This module is pure (no database): the draw service, the public JSON and
``training_draw_verify`` all call the same functions.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEED_RE = re.compile(r"^[0-9a-f]{64}$")


def seed_new() -> str:
    return secrets.token_bytes(32).hex()


def commitment_of(seed_hex: str) -> str:
    """SHA-256 (hex) of the 32 bytes the seed's hex spells."""
    return hashlib.sha256(bytes.fromhex(seed_hex)).hexdigest()


def key_of(seed_hex: str, public_id: str) -> str:
    return hashlib.sha256(f"{seed_hex}:{public_id}".encode()).hexdigest()


@dataclass(frozen=True)
class Order:
    selected: list[str]
    waiting: list[str]


def select_in_order(
    ordered: Sequence[tuple[str, bool]], *, quota: int, priority_quota: int
) -> Order:
    """``ordered`` is every registrant ``(id, priority)`` in the method's order (ascending
    key for a lottery, registration time for first come first served, best score for
    score). Priority registrants take up to ``priority_quota`` places first; the remaining
    places go to everyone not yet selected in the same order; the rest wait in that order."""
    priority_quota = min(priority_quota, quota)
    selected: list[str] = []
    chosen: set[str] = set()
    for public_id, priority in ordered:
        if len(selected) >= priority_quota:
            break
        if priority:
            selected.append(public_id)
            chosen.add(public_id)
    rest = [public_id for public_id, _priority in ordered if public_id not in chosen]
    free = max(quota - len(selected), 0)
    return Order(selected=selected + rest[:free], waiting=rest[free:])


def lottery_order(
    registrants: Iterable[tuple[str, bool]], *, seed_hex: str, quota: int, priority_quota: int
) -> Order:
    ordered = sorted(registrants, key=lambda r: key_of(seed_hex, r[0]))
    return select_in_order(ordered, quota=quota, priority_quota=priority_quota)


def record_verify(record: Mapping[str, Any]) -> list[str]:
    """Recompute a published draw record; return what does not match (empty: it matches)."""
    problems: list[str] = []
    try:
        seed = record["seed"]
        commitment = record["commitment"]
        quota = int(record["quota"])
        priority_quota = int(record["priority_quota"])
        registrants = [(str(r["id"]), bool(r["priority"])) for r in record["registrants"]]
        selected = [str(i) for i in record["selected"]]
        waiting = [str(i) for i in record["waiting"]]
    except (KeyError, TypeError, ValueError) as exc:
        return [f"the record is incomplete: {exc!r}"]
    if not isinstance(seed, str) or not SEED_RE.match(seed):
        return ["the seed is not 64 lowercase hex characters (not drawn yet?)"]
    if commitment_of(seed) != commitment:
        problems.append("SHA-256 of the seed does not equal the commitment")
    if len({r[0] for r in registrants}) != len(registrants):
        problems.append("a registrant id appears twice")
    order = lottery_order(registrants, seed_hex=seed, quota=quota, priority_quota=priority_quota)
    if order.selected != selected:
        problems.append("the selected list differs from the recomputed order")
    if order.waiting != waiting:
        problems.append("the waiting list differs from the recomputed order")
    return problems
