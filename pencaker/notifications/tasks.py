from django_tasks import task

from pencaker.notifications.services import (
    notification_deliver,
    notifications_deliver_many,
    notifications_retry_due,
)


@task()
def deliver_notification(notification_id: int) -> str:
    notification = notification_deliver(notification_id=notification_id)
    return notification.status if notification is not None else "erased"


@task()
def retry_due_notifications() -> int:
    return notifications_retry_due()


@task()
def deliver_notifications(notification_ids: list[int]) -> dict[str, int]:
    """Deliver a batch queued by ``notification_queue_bulk``."""
    return notifications_deliver_many(notification_ids=notification_ids)
