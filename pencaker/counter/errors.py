from enum import StrEnum


class CounterErrorCode(StrEnum):
    CLOSED_DAY = "counter_closed_day"
    DAY_OUT_OF_RANGE = "counter_day_out_of_range"
    FULL = "counter_full"
    INVALID_CONTACT = "counter_invalid_contact"
    INVALID_IDEMPOTENCY_KEY = "counter_invalid_idempotency_key"
    INVALID_NAME = "counter_invalid_name"
    INVALID_SERVICE = "counter_invalid_service"
    NOT_FOUND = "counter_not_found"
    NOT_STAFF = "counter_not_staff"
    QUEUE_EMPTY = "counter_queue_empty"
    WRONG_STATE = "counter_wrong_state"
