"""Every step of the seeded forms, and the check page, stays under 30 KB of HTML and CSS with nothing from elsewhere."""

import pytest

from bench.form_steps import BUDGET_BYTES, step_pages_walk
from forms.models import ApplicationFormPage

from ..helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["hilang", "rusak", "perubahan-data"])
def test_each_step_page_fits_the_budget_and_loads_nothing_from_elsewhere(citizen, slug):
    rows = step_pages_walk(signed_in(citizen), ApplicationFormPage.objects.get(slug=slug))
    # The courier path: identity, documents, kecamatan and delivery, the address step, then the check page.
    assert [row["page"].rsplit("/", 2)[-2] for row in rows] == [slug, "2", "3", "4", "periksa"]
    for row in rows:
        assert row["html_css"] < BUDGET_BYTES, row
        assert row["outside"] == [], row
        assert row["queries"] < 40, row
