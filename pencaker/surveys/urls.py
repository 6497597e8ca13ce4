from django.urls import path

from pencaker.surveys import views

app_name = "surveys"

urlpatterns = [
    path("isi/<str:token>/", views.answer, name="answer"),
    path("terima-kasih/", views.thanks, name="thanks"),
    path("kios/", views.kiosk, name="kiosk"),
    path("kios/mulai/", views.kiosk_start, name="kiosk_start"),
    path("kios/selesai/", views.kiosk_stop, name="kiosk_stop"),
    path("periode/", views.period_list, name="period_list"),
    path("periode/<int:pk>/", views.results, name="results"),
    path("periode/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("periode/<int:pk>/kertas/", views.paper_entry, name="paper_entry"),
    path("periode/<int:pk>/saran/", views.suggestions, name="suggestions"),
    path("periode/<int:pk>/pengolahan.xlsx", views.export_xlsx, name="export_xlsx"),
    path("periode/<int:pk>/laporan.pdf", views.export_pdf, name="export_pdf"),
    path("periode/<int:pk>/tindak-lanjut/tambah/", views.followup_add, name="followup_add"),
    path("tindak-lanjut/<int:pk>/ubah/", views.followup_edit, name="followup_edit"),
    path("tindak-lanjut/<int:pk>/hapus/", views.followup_delete, name="followup_delete"),
    path("pertanyaan/", views.question_list, name="questions"),
    path("pertanyaan/tambah/<str:element>/", views.question_add, name="question_add"),
    path("pertanyaan/<int:pk>/ubah/", views.question_edit, name="question_edit"),
    path("pertanyaan/<int:pk>/hentikan/", views.question_retire, name="question_retire"),
    path("hasil/", views.public_results, name="public_results"),
]
