from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("permohonan/<str:tracking_number>/dokumen-terbit/", views.download, name="download"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
]
