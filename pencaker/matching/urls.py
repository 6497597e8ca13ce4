from django.urls import path

from pencaker.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.recommendations, name="recommendations"),
    path("pengaturan/", views.settings_page, name="settings"),
    path("undangan/", views.invitations, name="invitations"),
    path("undangan/<int:pk>/jawab/", views.invitation_respond, name="invitation_respond"),
    path("berhenti/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("pemberi-kerja/<int:pk>/kandidat/", views.employer_candidates, name="employer_candidates"),
    path(
        "pemberi-kerja/<int:pk>/kandidat/<int:candidate_id>/undang/",
        views.employer_invite,
        name="employer_invite",
    ),
    path("petugas/<int:pk>/kandidat/", views.staff_candidates, name="staff_candidates"),
]
