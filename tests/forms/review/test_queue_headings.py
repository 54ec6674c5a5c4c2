"""The queue's columns and its CSV header are Indonesian: no "Masked nik" or "Overdue flag" (issue 17)."""

import csv
import io
import re

import pytest
from django.conf import settings

from ..dispatch.conftest import counter_application
from ..helpers import office_staff, signed_in

pytestmark = pytest.mark.django_db
QUEUE_CSV = "/admin/permohonan/?export=csv"


def test_queue_columns_and_csv_header_have_indonesian_names(seeded):
    staff = office_staff()
    counter_application(staff["operator"])
    client = signed_in(staff["operator"])

    page = client.get("/admin/permohonan/").content.decode()
    headings = [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]
    assert "NIK (disamarkan)" in headings and "Lewat tenggat" in headings, headings
    assert not any(word in page for word in ("Masked nik", "Overdue flag", "Search…", "Sort by '"))

    export = client.get(QUEUE_CSV)
    header = next(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert "NIK (disamarkan)" in header and "Masked nik" not in header
    # Every heading differs from the English one, but for words the two languages share.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = next(csv.reader(io.StringIO(b"".join(client.get(QUEUE_CSV).streaming_content).decode())))
    assert "NIK (masked)" in english and len(english) == len(header)
    assert [id_ for id_, en in zip(header, english, strict=True) if id_ == en] == ["Kecamatan", "Status"]
