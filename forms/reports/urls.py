from django.urls import path

from . import views

app_name = "service_report"
urlpatterns = [
    path("", views.report_page, name="index"),
    path("unduh.xlsx", views.report_xlsx_download, name="xlsx"),
    path("unduh.pdf", views.report_pdf_download, name="pdf"),
]
