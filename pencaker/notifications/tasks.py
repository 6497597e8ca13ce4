from django_tasks import task

from pencaker.notifications.services import notification_deliver, notifications_retry_due


@task()
def deliver_notification(notification_id: int) -> str:
    return notification_deliver(notification_id=notification_id).status


@task()
def retry_due_notifications() -> int:
    return notifications_retry_due()
