from pencaker.applications.models import ApplicationStatusChange
from pencaker.cards.models import CardStatusChange
from pencaker.core.models import AppendOnlyModel, StatusChange


def test_both_status_histories_are_core_status_changes_on_their_own_tables():
    for model, subject, table in (
        (ApplicationStatusChange, "application", "applications_applicationstatuschange"),
        (CardStatusChange, "card", "cards_cardstatuschange"),
    ):
        assert issubclass(model, StatusChange) and issubclass(model, AppendOnlyModel)
        assert model._meta.db_table == table
        assert model._meta.ordering == ["at", "id"]
        names = {f.name for f in model._meta.get_fields()}
        assert {subject, "from_status", "to_status", "actor", "at", "note"} <= names
        assert model._meta.get_field(subject).remote_field.related_name == "history"


def test_status_change_reads_as_subject_and_transition():
    assert str(CardStatusChange(card_id=7, from_status="", to_status="active")) == "7: - → active"
    row = ApplicationStatusChange(application_id=3, from_status="submitted", to_status="in_review")
    assert str(row) == "3: submitted → in_review"
