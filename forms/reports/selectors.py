"""The service report, computed once per request; the page, the XLSX and the PDF render this same object."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from forms.office.report_sections import ReportScope, Section, report_sections


@dataclass
class ServiceReport:
    scope: ReportScope
    period: str
    service: str
    kecamatan: str
    generated_at: datetime
    generated_by: str
    sections: list[Section]

    @property
    def generated_label(self) -> str:
        office_time = timezone.localtime(self.generated_at, timezone.get_default_timezone())
        return f"{date_format(office_time, 'j F Y H:i')} WITA"


def service_report_build(*, scope: ReportScope, labels: dict[str, str], user) -> ServiceReport:
    """Every registered section for `scope`, with the scope in words and who asked for it when."""
    return ServiceReport(
        scope=scope,
        period=labels["period"],
        service=labels["service"],
        kecamatan=labels["kecamatan"],
        generated_at=timezone.now(),
        generated_by=user.get_full_name() or user.get_username(),
        sections=report_sections(scope),
    )
