from django.urls import path

from pencaker.seekers import views

app_name = "seekers"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("identitas/", views.identity, name="identity"),
    path("alamat/", views.address, name="address"),
    path("kontak/", views.contact, name="contact"),
    path("pendidikan/", views.education, name="education"),
    path("pendidikan/<int:pk>/ubah/", views.education_edit, name="education_edit"),
    path("pendidikan/<int:pk>/hapus/", views.education_remove, name="education_remove"),
    path("pelatihan/", views.training, name="training"),
    path("pelatihan/<int:pk>/hapus/", views.training_remove, name="training_remove"),
    path("pengalaman/", views.experience, name="experience"),
    path("pengalaman/<int:pk>/ubah/", views.experience_edit, name="experience_edit"),
    path("pengalaman/<int:pk>/hapus/", views.experience_remove, name="experience_remove"),
    path("keahlian/", views.skills, name="skills"),
    path("keahlian/<int:pk>/hapus/", views.skill_remove, name="skill_remove"),
    path("bahasa/", views.languages, name="languages"),
    path("bahasa/<int:pk>/hapus/", views.language_remove, name="language_remove"),
    path("preferensi/", views.preferences, name="preferences"),
    path("disabilitas/", views.disability, name="disability"),
    path("riwayat/", views.history, name="history"),
    path("unduh-data/", views.data_download, name="data_download"),
    path("staf/", views.staff_seeker_list, name="staff_seeker_list"),
    path("staf/<int:pk>/", views.staff_seeker_detail, name="staff_seeker_detail"),
    path("staf/konflik-nik/", views.staff_nik_conflicts, name="staff_nik_conflicts"),
]
