import pytest

from pencaker.core.audit import audit_record
from pencaker.core.models import AuditEvent


@pytest.mark.django_db
def test_audit_rows_cannot_be_changed_or_deleted():
    event = audit_record(actor=None, action="test.action", data={"k": 1})
    event.action = "other"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.get().action == "test.action"
