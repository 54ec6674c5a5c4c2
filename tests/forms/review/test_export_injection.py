"""Staff CSV exports are inert: a cell a spreadsheet would run as a formula is prefixed with a quote (OWASP)."""

import csv
import io

import pytest
from django.test import Client

from forms.models import Application
from forms.office.spreadsheets import cell_neutralise
from services.models import Kecamatan

from ..complaints.helpers import new_complaint
from ..conftest import make_citizen
from ..helpers import lost_card_form, lost_card_post, office_staff, signed_in, tracking_from

pytestmark = pytest.mark.django_db
FORMULA_NAME = '=HYPERLINK("http://evil.example","klik")'


@pytest.fixture
def staff(seeded):
    return office_staff()


def _csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_formula_sign_up_name_is_neutralised_in_the_queue_csv(staff):
    citizen = make_citizen("formula@example.org", FORMULA_NAME)
    client = Client()
    client.force_login(citizen)
    number = tracking_from(client.post(lost_card_form().url, lost_card_post()))
    assert Application.objects.get(tracking_number=number).applicant_name == FORMULA_NAME

    rows = _csv_rows(signed_in(staff["verifier"]).get("/admin/permohonan/?export=csv"))
    row = next(row for row in rows if row[0] == number)
    assert row[1] == "'" + FORMULA_NAME
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_a_formula_kecamatan_name_is_neutralised_in_the_complaints_csv(staff):
    # Kecamatan names are editable snippets, and they are exported in the complaints' CSV.
    Kecamatan.objects.filter(name="Balikpapan Kota").update(name="@SUM(1+1)*cmd|' /C calc'!A0")
    complaint = new_complaint(place="@SUM(1+1)*cmd|' /C calc'!A0")
    rows = _csv_rows(signed_in(staff["section_head"]).get("/admin/pengaduan/?export=csv"))
    row = next(row for row in rows if row[0] == complaint.tracking_number)
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in row


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_prefixed(start):
    assert cell_neutralise(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("value", ["Ani Lestari", "KTP-2026-7QX4M2K", "6471********0003", "", 42, None, -3])
def test_ordinary_cells_are_left_as_they_are(value):
    assert cell_neutralise(value) == value
