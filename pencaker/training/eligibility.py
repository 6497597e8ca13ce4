"""Eligibility rules of a programme: explicit objects, each evaluated with a message.

The office switches rules on per programme (``Programme.rules``). Before registering a
seeker sees every rule that applies, met or not, and why. Two rules cannot be checked
from records (being in formal education, holding an office that Kartu Prakerja excludes):
the seeker declares them when registering and the declaration is stored with its time;
until then they show as "to declare".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards.choices import CardStatus
from pencaker.cards.selectors import card_current_of_holder
from pencaker.seekers.choices import EducationLevel
from pencaker.seekers.models import JobSeekerProfile
from pencaker.training.choices import PriorityGroup, RegistrationStatus, Rule
from pencaker.training.models import Programme, Registration

MET = "met"
UNMET = "unmet"
DECLARE = "declare"

#: Registrations that count as having taken part in a programme.
TOOK_PART = (RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED)

LEVELS = [level.value for level in EducationLevel]


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: str
    state: str  # MET, UNMET or DECLARE
    message: str

    @property
    def met(self) -> bool:
        return self.state == MET

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class PastProgramme:
    title: str
    year: int


@dataclass(frozen=True)
class SeekerFacts:
    """What the rules read about a seeker, gathered once (``facts_for``)."""

    has_profile: bool = False
    birth_date: dt.date | None = None
    village_code: str = ""
    education_levels: Sequence[str] = ()
    has_disability: bool = False
    card_status: str = ""
    same_kind: Sequence[PastProgramme] = field(default_factory=tuple)
    declared: bool = False


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _region_code(programme: Programme) -> str:
    office = programme.office
    return office.region_id or office.code


def _region_name(programme: Programme) -> str:
    office = programme.office
    return office.region.name if office.region is not None else office.name


class AgeRule:
    code = Rule.AGE

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        label = self.label(programme)
        if facts.birth_date is None:
            return RuleResult(
                self.code, label, UNMET, _("Your date of birth is not in your profile yet.")
            )
        age = _age(facts.birth_date, today)
        ok = age >= programme.age_min and (programme.age_max is None or age <= programme.age_max)
        if ok:
            message = _("You are %(age)s years old.") % {"age": age}
        elif programme.age_max is None:
            message = _("You are %(age)s years old; this programme is for ages %(min)s and over.")
            message %= {"age": age, "min": programme.age_min}
        else:
            message = _("You are %(age)s years old; this programme is for ages %(min)s to %(max)s.")
            message %= {"age": age, "min": programme.age_min, "max": programme.age_max}
        return RuleResult(self.code, label, MET if ok else UNMET, message)

    @staticmethod
    def label(programme: Programme) -> str:
        if programme.age_max is None:
            return _("Aged %(min)s or over") % {"min": programme.age_min}
        return _("Aged %(min)s to %(max)s") % {"min": programme.age_min, "max": programme.age_max}


class DomicileRule:
    code = Rule.DOMICILE

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        region = _region_name(programme)
        label = _("Lives in %(region)s") % {"region": region}
        if not facts.village_code:
            return RuleResult(
                self.code, label, UNMET, _("Your address in your profile is not complete yet.")
            )
        if facts.village_code.startswith(_region_code(programme) + "."):
            return RuleResult(
                self.code, label, MET, _("Your address is in %(region)s.") % {"region": region}
            )
        return RuleResult(
            self.code,
            label,
            UNMET,
            _("Your address in your profile is outside %(region)s.") % {"region": region},
        )


class EducationRule:
    code = Rule.EDUCATION

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        wanted = programme.min_education
        wanted_label = str(EducationLevel(wanted).label) if wanted else ""
        label = _("Education at least %(level)s") % {"level": wanted_label}
        if not wanted:
            return RuleResult(self.code, label, MET, _("Any education is accepted."))
        levels = [lv for lv in facts.education_levels if lv in LEVELS]
        if not levels:
            return RuleResult(
                self.code, label, UNMET, _("Your profile has no education entry yet.")
            )
        best = max(levels, key=LEVELS.index)
        best_label = str(EducationLevel(best).label)
        if LEVELS.index(best) >= LEVELS.index(wanted):
            return RuleResult(
                self.code,
                label,
                MET,
                _("Your highest education is %(level)s.") % {"level": best_label},
            )
        return RuleResult(
            self.code,
            label,
            UNMET,
            _("Your highest education is %(level)s; this programme asks for %(wanted)s.")
            % {"level": best_label, "wanted": wanted_label},
        )


class ActiveCardRule:
    code = Rule.ACTIVE_CARD

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        label = _("An active AK/1 card")
        if facts.card_status == CardStatus.ACTIVE:
            return RuleResult(self.code, label, MET, _("Your AK/1 card is active."))
        if not facts.card_status:
            message = _("You have no AK/1 card yet. Request it from your card page.")
        else:
            message = _("Your AK/1 card is not active (%(status)s). Renew it from your card page.")
            message %= {"status": str(CardStatus(facts.card_status).label)}
        return RuleResult(self.code, label, UNMET, message)


class DeclarationRule:
    """A rule the seeker declares: shown as "to declare" until the registration records it."""

    def __init__(self, code: str) -> None:
        self.code = code

    def label_text(self) -> str:
        if self.code == Rule.NOT_IN_EDUCATION:
            return _("Not in formal education (school or university)")
        return _(
            "Not a civil servant (PNS/ASN), TNI, Polri, DPRD member, village official or "
            "BUMN/BUMD director or commissioner"
        )

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        if facts.declared:
            return RuleResult(
                self.code, self.label_text(), MET, _("You declared this when you registered.")
            )
        return RuleResult(
            self.code,
            self.label_text(),
            DECLARE,
            _("You declare this when you register; a false declaration cancels your place."),
        )


class RepeatRule:
    code = Rule.REPEAT

    def evaluate(self, programme: Programme, facts: SeekerFacts, today: dt.date) -> RuleResult:
        years = programme.repeat_years
        label = _("At most one programme of this kind in %(years)s years") % {"years": years}
        recent = [p for p in facts.same_kind if p.year > today.year - years]
        if not recent:
            return RuleResult(
                self.code,
                label,
                MET,
                _(
                    "You have not taken part in a programme of this kind in the last %(years)s years."
                )
                % {"years": years},
            )
        last = recent[0]
        return RuleResult(
            self.code,
            label,
            UNMET,
            _("You took part in %(title)s in %(year)s; you can join again after %(next)s.")
            % {"title": last.title, "year": last.year, "next": last.year + years},
        )


RULES: dict[str, Any] = {
    Rule.AGE: AgeRule(),
    Rule.DOMICILE: DomicileRule(),
    Rule.EDUCATION: EducationRule(),
    Rule.ACTIVE_CARD: ActiveCardRule(),
    Rule.NOT_IN_EDUCATION: DeclarationRule(Rule.NOT_IN_EDUCATION),
    Rule.NOT_OFFICIAL: DeclarationRule(Rule.NOT_OFFICIAL),
    Rule.REPEAT: RepeatRule(),
}

DECLARATION_RULES = frozenset({Rule.NOT_IN_EDUCATION, Rule.NOT_OFFICIAL})


def programme_rules(programme: Programme) -> list[str]:
    """The programme's rules in the order of ``choices.Rule`` (unknown codes dropped)."""
    chosen = set(programme.rules or [])
    return [rule.value for rule in Rule if rule.value in chosen]


def needs_declaration(programme: Programme) -> bool:
    return any(code in DECLARATION_RULES for code in programme_rules(programme))


def facts_for(user: Any, programme: Programme, *, declared: bool = False) -> SeekerFacts:
    profile = (
        JobSeekerProfile.objects.filter(user=user).prefetch_related("education").first()
        if getattr(user, "pk", None)
        else None
    )
    if profile is None:
        return SeekerFacts(declared=declared)
    rules = set(programme_rules(programme))
    card = card_current_of_holder(user) if Rule.ACTIVE_CARD in rules else None
    same_kind = _same_kind(user, programme) if Rule.REPEAT in rules else []
    return SeekerFacts(
        has_profile=True,
        birth_date=profile.birth_date,
        village_code=profile.village_id or "",
        education_levels=[e.level for e in profile.education.all()],
        has_disability=bool(profile.has_disability),
        card_status=card.status if card else "",
        same_kind=same_kind,
        declared=declared,
    )


def _same_kind(user: Any, programme: Programme) -> list[PastProgramme]:
    """The seeker's past participations in this programme or one of the same kind, newest
    first."""
    kind = (programme.kind or "").strip().lower()
    past = (
        Registration.objects.filter(seeker=user, status__in=TOOK_PART)
        .select_related("wave__programme")
        .order_by("-registered_at")
    )
    return [
        PastProgramme(title=r.wave.programme.title, year=r.registered_at.year)
        for r in past
        if r.wave.programme_id == programme.pk
        or (kind and r.wave.programme.kind.strip().lower() == kind)
    ]


def evaluate(
    programme: Programme, facts: SeekerFacts, *, today: dt.date | None = None
) -> list[RuleResult]:
    today = today or timezone.localdate()
    return [RULES[code].evaluate(programme, facts, today) for code in programme_rules(programme)]


def all_met_or_declarable(results: Sequence[RuleResult]) -> bool:
    return all(r.state != UNMET for r in results)


def priority_groups_open(programme: Programme, facts: SeekerFacts) -> list[tuple[str, str]]:
    """The priority groups the seeker may claim: ``(code, label)``. Disability comes from
    the profile; a PHK claim needs a document; an office-named group is declared."""
    out: list[tuple[str, str]] = []
    for code in programme.priority_groups or []:
        if code == PriorityGroup.DISABILITY and facts.has_disability:
            out.append((code, str(PriorityGroup.DISABILITY.label)))
        elif code == PriorityGroup.PHK:
            out.append((code, str(PriorityGroup.PHK.label)))
        elif code == PriorityGroup.OFFICE and programme.priority_office_label:
            out.append((code, programme.priority_office_label))
    return out
