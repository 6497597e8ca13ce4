"""Build survey answers that hit an exact NRR, so tests can aim at grade boundaries."""

from __future__ import annotations

from fractions import Fraction

from pencaker.surveys.ikm import ELEMENT_CODES


def answers_for_nrr(nrr: Fraction) -> list[int]:
    """``q`` answers (q = the denominator) whose mean is exactly ``nrr``."""
    assert 1 <= nrr <= 4, nrr
    p, q = nrr.numerator, nrr.denominator
    base, extra = divmod(p, q)
    return [base + 1] * extra + [base] * (q - extra)


def respondents_for_nrrs(nrrs: dict[str, Fraction]) -> list[dict[str, list[int | None]]]:
    """Respondents whose element NRRs are exactly ``nrrs``; elements answered by fewer
    respondents are left blank for the rest (a missing answer does not count)."""
    columns = {code: answers_for_nrr(nrrs[code]) for code in ELEMENT_CODES}
    size = max(len(values) for values in columns.values())
    return [
        {code: [values[i] if i < len(values) else None] for code, values in columns.items()}
        for i in range(size)
    ]


def respondents_for_converted(converted: str) -> list[dict[str, list[int | None]]]:
    """Respondents whose exact converted IKM is ``converted`` (every element equal)."""
    nrr = Fraction(converted) / 25
    return respondents_for_nrrs(dict.fromkeys(ELEMENT_CODES, nrr))
