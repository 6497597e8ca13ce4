"""Consent, candidates, invitations and alerts, through the services, on the database."""

from __future__ import annotations

import pytest
from django.utils import translation

from pencaker.accounts.models import Role
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.matching import alerts, selectors, services
from pencaker.matching.models import AlertItem, Invitation, MatchProfile
from pencaker.notifications.models import Notification
from pencaker.seekers import services as seeker_services

pytestmark = pytest.mark.django_db


def test_switches_are_off_by_default_and_a_seeker_without_them_is_never_a_candidate(
    seeker_factory, vacancy_factory, employer
):
    hidden = seeker_factory(discoverable=False)
    shown = seeker_factory()
    vacancy = vacancy_factory()
    row = services.match_profile_current(hidden)
    assert (row.discoverable, row.alerts_enabled) == (False, False)
    _, candidates = selectors.candidates_for_employer(employer, vacancy.pk)
    assert [c.user_id for c in candidates] == [shown.pk]


def test_switching_off_removes_the_seeker_at_once(seeker_factory, vacancy_factory, employer):
    seeker = seeker_factory()
    vacancy = vacancy_factory()
    assert len(selectors.candidates_for_employer(employer, vacancy.pk)[1]) == 1
    services.matching_settings_update(actor=seeker, discoverable=False)
    assert selectors.candidates_for_employer(employer, vacancy.pk)[1] == []


def test_candidate_shows_score_reasons_and_no_name_or_contact(
    seeker_factory, vacancy_factory, employer
):
    seeker_factory(skills=("ms excel", "pembukuan", "Word"), years=3)
    vacancy = vacancy_factory()
    with translation.override("id"):
        _, [candidate] = selectors.candidates_for_employer(employer, vacancy.pk)
    # education 25 + major 10 + skills 2/3 of 30 = 20 + certificate 0 (SIM B1)
    # + location 15 + experience 5 + occupation 0 ("Staf administrasi" vs title) …
    assert candidate.match.parts["skills"] == 20
    assert candidate.match.parts["certificates"] == 0
    assert "2 dari 3 keterampilan: Akuntansi, Microsoft Excel" in candidate.match.reasons
    assert "SIM B1" in candidate.match.missing and "Perpajakan" in candidate.match.missing
    assert candidate.education == "SMK" and candidate.major == "Akuntansi"
    assert candidate.experience_years == 3
    assert candidate.kecamatan
    assert (candidate.name, candidate.email, candidate.phone) == ("", "", "")


def test_candidates_are_ranked_best_first(seeker_factory, vacancy_factory, employer):
    weak = seeker_factory(skills=())
    strong = seeker_factory(skills=("Excel", "Akuntansi", "Perpajakan", "SIM B1"))
    vacancy = vacancy_factory()
    _, candidates = selectors.candidates_for_employer(employer, vacancy.pk)
    assert [c.user_id for c in candidates] == [strong.pk, weak.pk]
    assert candidates[0].match.score > candidates[1].match.score


def test_below_the_education_minimum_is_not_a_candidate(seeker_factory, vacancy_factory, employer):
    seeker_factory(level="SMP", major="")
    vacancy = vacancy_factory()
    assert selectors.candidates_for_employer(employer, vacancy.pk)[1] == []


def test_another_employer_and_another_office_see_no_candidates(
    seeker_factory, vacancy_factory, other_employer, other_operator, operator
):
    seeker_factory()
    vacancy = vacancy_factory()
    assert selectors.candidates_for_employer(other_employer, vacancy.pk) == (None, [])
    assert selectors.candidates_for_staff(other_operator, vacancy.pk) == (None, [])
    assert len(selectors.candidates_for_staff(operator, vacancy.pk)[1]) == 1


def test_profile_change_refreshes_the_matching_copy(
    seeker_factory, django_capture_on_commit_callbacks
):
    seeker = seeker_factory(skills=())
    with django_capture_on_commit_callbacks(execute=True):
        seeker_services.skill_add(actor=seeker, profile=seeker.seeker_profile, name="Kasir")
    assert MatchProfile.objects.get(user=seeker).skill_codes == ["kasir"]


def test_invite_accept_shares_name_and_contact(
    seeker_factory, vacancy_factory, employer, django_capture_on_commit_callbacks
):
    seeker = seeker_factory(full_name="Siti Rahmawati")
    vacancy = vacancy_factory()
    _, [candidate] = selectors.candidates_for_employer(employer, vacancy.pk)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            actor=employer, vacancy_id=vacancy.pk, candidate_id=candidate.id, message="Silakan"
        )
    assert invitation.status == "pending"
    assert Notification.objects.filter(kind="matching.invitation", recipient=seeker.email).exists()
    with pytest.raises(Conflict) as exc:
        services.invitation_send(actor=employer, vacancy_id=vacancy.pk, candidate_id=candidate.id)
    assert exc.value.code == "already_invited"
    _, [still_hidden] = selectors.candidates_for_employer(employer, vacancy.pk)
    assert still_hidden.name == "" and still_hidden.invitation == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_respond(actor=seeker, invitation_id=invitation.pk, decision="accept")
    _, [shared] = selectors.candidates_for_employer(employer, vacancy.pk)
    assert shared.name == "Siti Rahmawati" and shared.email == seeker.email
    assert Notification.objects.filter(kind="matching.invitation_accepted").count() == 1
    assert list(invitation.history.values_list("to_status", flat=True)) == ["pending", "accepted"]
    # Answering again the same way changes nothing; the other way is refused.
    services.invitation_respond(actor=seeker, invitation_id=invitation.pk, decision="accept")
    with pytest.raises(Conflict):
        services.invitation_respond(actor=seeker, invitation_id=invitation.pk, decision="decline")


def test_an_undiscoverable_seeker_cannot_be_invited(seeker_factory, vacancy_factory, employer):
    seeker = seeker_factory(discoverable=False)
    row = services.match_profile_of(seeker)
    vacancy = vacancy_factory()
    with pytest.raises(NotFound):
        services.invitation_send(actor=employer, vacancy_id=vacancy.pk, candidate_id=row.pk)
    assert not Invitation.objects.exists()


def test_invitations_are_rate_limited_per_employer_per_day(
    seeker_factory, vacancy_factory, employer, monkeypatch
):
    monkeypatch.setattr(services, "INVITES_PER_DAY", 2)
    rows = [services.match_profile_of(seeker_factory()) for _ in range(3)]
    vacancy = vacancy_factory()
    for row in rows[:2]:
        services.invitation_send(actor=employer, vacancy_id=vacancy.pk, candidate_id=row.pk)
    with pytest.raises(Conflict) as exc:
        services.invitation_send(actor=employer, vacancy_id=vacancy.pk, candidate_id=rows[2].pk)
    assert exc.value.code == "invite_limit"
    assert Invitation.objects.count() == 2


def test_only_the_invited_seeker_answers_and_only_yes_or_no(
    seeker_factory, vacancy_factory, employer
):
    seeker, other = seeker_factory(), seeker_factory()
    vacancy = vacancy_factory()
    row = services.match_profile_of(seeker)
    invitation = services.invitation_send(
        actor=employer, vacancy_id=vacancy.pk, candidate_id=row.pk
    )
    with pytest.raises(NotFound):
        services.invitation_respond(actor=other, invitation_id=invitation.pk, decision="accept")
    with pytest.raises(DomainError) as exc:
        services.invitation_respond(actor=seeker, invitation_id=invitation.pk, decision="maybe")
    assert exc.value.code == "invalid_decision"
    with pytest.raises(PermissionDenied):
        services.invitation_respond(actor=employer, invitation_id=invitation.pk, decision="accept")


def test_settings_are_for_job_seekers_only(employer):
    assert employer.role == Role.EMPLOYER
    with pytest.raises(PermissionDenied):
        services.matching_settings_update(actor=employer, discoverable=True)


# --- alerts -----------------------------------------------------------------------------


def test_publishing_sends_one_digest_to_matching_seekers_with_alerts_only(
    seeker_factory, vacancy_factory, django_capture_on_commit_callbacks
):
    fits = seeker_factory(discoverable=False, alerts=True, skills=("Excel", "Akuntansi"))
    weak = seeker_factory(discoverable=False, alerts=True, level="SMA", major="IPA", skills=())
    no_alerts = seeker_factory(skills=("Excel", "Akuntansi"))
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_factory()
    digests = Notification.objects.filter(kind="matching.digest")
    assert [n.recipient for n in digests] == [fits.email]
    assert not digests.filter(recipient__in=[weak.email, no_alerts.email]).exists()
    assert "Staf Administrasi Keuangan" in digests[0].body
    assert "/cocok/berhenti/" in digests[0].body
    # A second vacancy the same day waits for tomorrow's digest.
    with django_capture_on_commit_callbacks(execute=True):
        second = vacancy_factory(title="Kasir Administrasi")
    assert digests.count() == 1
    waiting = AlertItem.objects.get(vacancy=second, user=fits)
    assert waiting.sent_on is None
    import datetime as dt

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert alerts.digests_send(day=tomorrow).sent == 1
    assert Notification.objects.filter(kind="matching.digest").count() == 2
    assert alerts.digests_send(day=tomorrow).sent == 0


def test_rerunning_the_alert_task_sends_nothing_twice(seeker_factory, vacancy_factory):
    seeker_factory(discoverable=False, alerts=True)
    vacancy = vacancy_factory()
    alerts.vacancy_alerts_run(vacancy_id=vacancy.pk)
    alerts.digests_send()
    alerts.vacancy_alerts_run(vacancy_id=vacancy.pk)
    alerts.digests_send()
    assert Notification.objects.filter(kind="matching.digest").count() == 1
    assert AlertItem.objects.count() == 1


def test_a_seeker_without_verified_email_gets_the_digest_by_sms(seeker_factory, vacancy_factory):
    seeker = seeker_factory(discoverable=False, alerts=True)
    type(seeker).objects.filter(pk=seeker.pk).update(email_verified_at=None)
    vacancy = vacancy_factory()
    alerts.vacancy_alerts_run(vacancy_id=vacancy.pk)
    alerts.digests_send()
    [digest] = Notification.objects.filter(kind="matching.digest")
    assert (digest.channel, digest.recipient) == ("sms", seeker.phone)
    assert "/cocok/berhenti/" in digest.body


def test_unsubscribe_token_switches_alerts_off_and_a_forged_one_is_refused(seeker_factory):
    seeker = seeker_factory(discoverable=False, alerts=True)
    token = services.unsubscribe_token(seeker)
    services.alerts_unsubscribe(token=token)
    assert MatchProfile.objects.get(user=seeker).alerts_enabled is False
    services.alerts_unsubscribe(token=token)  # twice: nothing changes
    with pytest.raises(NotFound):
        services.alerts_unsubscribe(token=token[:-2] + "xx")


def test_switching_alerts_off_before_the_digest_sends_nothing(seeker_factory, vacancy_factory):
    seeker = seeker_factory(discoverable=False, alerts=True)
    vacancy = vacancy_factory()
    alerts.vacancy_alerts_run(vacancy_id=vacancy.pk)
    services.matching_settings_update(actor=seeker, alerts_enabled=False)
    alerts.digests_send()
    assert not Notification.objects.filter(kind="matching.digest").exists()


def test_digests_of_many_seekers_are_queued_together_each_with_its_key(
    seeker_factory, vacancy_factory, django_capture_on_commit_callbacks, monkeypatch
):
    import datetime as dt

    from django.core import mail

    monkeypatch.setattr(alerts, "CHUNK", 2)  # three chunks of digests
    seekers = [seeker_factory(discoverable=False, alerts=True) for _ in range(5)]
    vacancy = vacancy_factory()
    alerts.vacancy_alerts_run(vacancy_id=vacancy.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.digests_send().sent == 5
    day = dt.date.today().isoformat()
    keys = set(
        Notification.objects.filter(kind="matching.digest").values_list("dedupe_key", flat=True)
    )
    assert keys == {f"matching_digest:{s.pk}:{day}" for s in seekers}
    assert sorted(m.to[0] for m in mail.outbox if "/cocok/berhenti/" in m.body) == sorted(
        s.email for s in seekers
    )
    assert alerts.digests_send().sent == 0
