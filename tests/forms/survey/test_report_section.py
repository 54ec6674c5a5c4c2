"""The survey's section of the service report: registered at order 80, the scope's index, withheld when small."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from forms.office.report_sections import _SECTIONS, ReportScope, report_sections
from forms.survey.report_sections import survey_section
from services.models import Kecamatan, ServiceStandardPage

from .helpers import make_responses
from .test_index import WORKED_EXAMPLE

pytestmark = pytest.mark.django_db
WITA = timezone.get_fixed_timezone(8 * 60)
Q3 = {"start": date(2026, 7, 1), "end": date(2026, 9, 30)}


def test_the_section_is_registered_at_order_80():
    assert (80, survey_section) in _SECTIONS


def test_the_section_gives_index_grade_respondents_and_the_nine_means_for_the_scope(seeded):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    ktp = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    make_responses(WORKED_EXAMPLE, answered_at=datetime(2026, 8, 3, tzinfo=WITA), service=ktp, kecamatan=kota)
    make_responses([(1,) * 9] * 5, answered_at=datetime(2026, 8, 3, tzinfo=WITA), kecamatan=kota)  # no service
    with translation.override("id"):
        section = survey_section(ReportScope(**Q3, service_id=ktp.pk, kecamatan_id=kota.pk))
        assert section.key == "survey" and section.title == "Survei Kepuasan Masyarakat (SKM)"
        summary, elements = section.tables
        assert summary.columns == ["Responden", "Indeks", "Mutu pelayanan"]
        assert summary.rows == [[10, Decimal("83.33"), "B (Baik)"]]
    assert [row[2] for row in elements.rows] == [
        Decimal(v) for v in ["3.50", "3.20", "3.00", "4.00", "3.30", "3.40", "3.60", "2.90", "3.10"]
    ]
    [chart] = section.charts
    assert chart.bars[0] == ("Persyaratan", 3.5) and len(chart.bars) == 9

    everyone = survey_section(ReportScope(**Q3))
    assert everyone.tables[0].rows[0][:2] == [15, Decimal("63.89")]  # (300 + 45) / 135 * 25 = 63.888...
    assert survey_section(ReportScope(**Q3)) in [s for s in report_sections(ReportScope(**Q3)) if s.key == "survey"]


def test_a_scope_with_few_respondents_withholds_the_figures(seeded):
    make_responses([(2,) * 9] * 3, answered_at=datetime(2026, 8, 3, tzinfo=WITA))
    section = survey_section(ReportScope(**Q3))
    assert section.tables[0].rows == [[3, None, None]]
    assert all(row[2] is None and row[3] is None for row in section.tables[1].rows)
    assert section.charts == []
