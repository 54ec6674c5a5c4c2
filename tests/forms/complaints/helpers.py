import datetime
import uuid
from zoneinfo import ZoneInfo

import time_machine

from forms.complaints.services import complaint_submit

from .conftest import VALID_NIK, kecamatan

WITA = ZoneInfo("Asia/Makassar")


def wita(*args):
    return datetime.datetime(*args, tzinfo=WITA)


def new_complaint(at=None, *, place="Balikpapan Kota", category="pengaduan", email="ani.warga@example.org", **extra):
    """A web-form complaint filed at `at` (WITA), straight through the service the form uses."""
    fields = {
        "category": category,
        "kecamatan": kecamatan(place),
        "service": None,
        "application": None,
        "message": "Petugas tidak ada di loket.",
        "name": "Ani Lestari",
        "email": email,
        "mobile": "",
        "nik": VALID_NIK,
        "attachment": None,
        "complainant": None,
        "submission_token": uuid.uuid4(),
        **extra,
    }
    if at is None:
        return complaint_submit(**fields)
    with time_machine.travel(at, tick=False):
        return complaint_submit(**fields)
