from django.urls import path

from forms.intake import views

app_name = "intake"

urlpatterns = [
    path("permohonan/", views.application_list, name="application_list"),
    path("permohonan/<str:tracking_number>/", views.application_detail, name="application_detail"),
    path("permohonan/<str:tracking_number>/tanda-terima/", views.application_receipt, name="application_receipt"),
    path(
        "permohonan/<str:tracking_number>/tanda-terima.pdf",
        views.application_receipt_pdf,
        name="application_receipt_pdf",
    ),
    path("permohonan/<str:tracking_number>/perbaiki/", views.application_correct, name="application_correct"),
    path("permohonan/<str:tracking_number>/dokumen/<int:pk>/", views.document_download, name="document_download"),
    path("lacak/", views.tracking, name="tracking"),
    path("akun/data-saya/", views.my_data, name="my_data"),
    path("akun/hapus-akun/", views.account_erase, name="account_erase"),
]
