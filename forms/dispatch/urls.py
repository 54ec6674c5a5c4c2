from django.urls import path

from . import views

app_name = "dispatch"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:office_pk>/", views.queue, name="queue"),
    path("<int:office_pk>/blanko/", views.ledger, name="ledger"),
    path("<int:office_pk>/surat-keterangan/<int:pk>/", views.certificate, name="certificate"),
    path("<int:office_pk>/serah-terima/", views.hand_over_list, name="hand_over_list"),
    path("<int:office_pk>/serah-terima/<int:pk>/", views.hand_over, name="hand_over"),
    path("<int:office_pk>/berita-acara/", views.manifests, name="manifests"),
    path("berita-acara/<int:pk>/", views.manifest, name="manifest"),
    path("berita-acara/<int:pk>/pdf/", views.manifest_pdf, name="manifest_pdf"),
]
