"""Survey pages: the public questionnaire (invitation link), the office kiosk, staff entry
of paper questionnaires, staff results per period (with the trend chart, the follow-up plan
and the XLSX/PDF exports) and the public published results. One module per area."""

from pencaker.surveys.views.followups import followup_add, followup_delete, followup_edit
from pencaker.surveys.views.kiosk import kiosk, kiosk_start, kiosk_stop
from pencaker.surveys.views.periods import (
    export_pdf,
    export_xlsx,
    paper_entry,
    period_list,
    publish,
    results,
)
from pencaker.surveys.views.public import answer, public_results, thanks
from pencaker.surveys.views.questions import (
    question_add,
    question_edit,
    question_list,
    question_retire,
)
from pencaker.surveys.views.suggestions import suggestions

__all__ = [
    "answer",
    "export_pdf",
    "export_xlsx",
    "followup_add",
    "followup_delete",
    "followup_edit",
    "kiosk",
    "kiosk_start",
    "kiosk_stop",
    "paper_entry",
    "period_list",
    "public_results",
    "publish",
    "question_add",
    "question_edit",
    "question_list",
    "question_retire",
    "suggestions",
    "results",
    "thanks",
]
