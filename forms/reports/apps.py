from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The office's service report (Laporan Pelayanan Kependudukan) for any period, service and kecamatan."""

    name = "forms.reports"
    label = "reports"
    verbose_name = _("Service reports")

    def ready(self):
        # Each room adds its own section in a report_sections.py module; the report gathers them. The forms app's
        # rooms are sub-packages of one app, so its applications' sections sit one level down, in its review room.
        autodiscover_modules("report_sections", "review.report_sections")
