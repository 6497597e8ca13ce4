"""What an offline verifier (a phone app with the published keys and a cached status list)
answers about a QR token: no database, no network.

1. The token's signature, with the JWK set (``tokens.token_verify``).
2. The status list's signature, with the same keys (``status_list.status_list_verify``);
   a list that does not verify is refused, never used.
3. The card version's entry in the list (its status index, claim ``"si"``): revoked,
   superseded or removed; otherwise the card's own dates (in date or expired).

The answer says how old the list is, and whether it is past its "next update" time. A
token signed before status indexes existed has no entry: the answer is from the dates
only, marked ``list_checked=False`` (the verifier should check online).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pencaker.cards.status_list import StatusList, status_list_verify
from pencaker.cards.tokens import CardClaims, token_verify


@dataclass(frozen=True)
class OfflineVerdict:
    status: str
    claims: CardClaims
    list_issued_at: dt.datetime | None = None
    list_next_update: dt.datetime | None = None
    list_age: dt.timedelta | None = None
    list_checked: bool = False
    #: The list is past its next-update time (fetch a new one when online).
    list_stale: bool = False

    def describe(self) -> str:
        lines = [f"status: {self.status}", f"card: {self.claims.number} v{self.claims.version}"]
        if self.list_issued_at is None:
            lines.append("status list: none used")
        else:
            lines.append(
                f"status list: issued {self.list_issued_at.isoformat()}, "
                f"age {age_text(self.list_age)}"
                + (" (past its next update: fetch a new list)" if self.list_stale else "")
            )
            if not self.list_checked:
                lines.append("status list: this token carries no status index (check online)")
        return "\n".join(lines)


def age_text(age: dt.timedelta | None) -> str:
    if age is None:
        return "-"
    seconds = max(0, int(age.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}d {hours}h {minutes}m"
    return f"{hours}h {minutes}m"


def verify_offline(
    token: str,
    jwks: dict[str, Any],
    status_document: Any = None,
    *,
    now: dt.datetime,
) -> OfflineVerdict:
    """Raises ``TokenError`` for a token that is not genuine and ``StatusListError`` for a
    status list that is not (or ``status_document`` is None: dates only)."""
    claims = token_verify(token, jwks)
    by_dates = "active" if claims.valid_until >= now.date() else "expired"
    if status_document is None:
        return OfflineVerdict(status=by_dates, claims=claims)
    listed: StatusList = status_list_verify(status_document, jwks)
    age = now - listed.issued_at
    common = {
        "claims": claims,
        "list_issued_at": listed.issued_at,
        "list_next_update": listed.next_update,
        "list_age": age,
        "list_stale": now > listed.next_update,
    }
    if claims.status_index is None:
        return OfflineVerdict(status=by_dates, list_checked=False, **common)
    return OfflineVerdict(
        status=listed.status_of(claims.status_index) or by_dates, list_checked=True, **common
    )
