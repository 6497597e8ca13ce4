from django.urls import path

from pencaker.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<str:kind>/unggah/", views.document_upload_view, name="upload"),
    path("berkas/<int:version_id>/", views.document_file, name="file"),
    path("berkas/<int:version_id>/gambar-kecil/", views.document_thumbnail, name="thumbnail"),
]
