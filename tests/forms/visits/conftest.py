import datetime
import uuid
import zoneinfo

import pytest
import time_machine

from forms.constants import StaffRole
from forms.models import ApplicationFormPage
from services.models import Kecamatan
from tests.forms.conftest import make_citizen
from tests.forms.helpers import make_staff, office_staff

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# Wednesday 12 August 2026: the window runs to 26 August and holds a weekend, 17 August and 25 August (Maulid).
WEDNESDAY = datetime.datetime(2026, 8, 12, 10, 0, tzinfo=WITA)
d = datetime.date
THURSDAY = d(2026, 8, 13)


def at(moment):
    """Frozen office time (WITA) for the whole block, every thread included."""
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def wednesday():
    with at(WEDNESDAY) as traveller:
        yield traveller


def ikd_page():
    return ApplicationFormPage.objects.get(slug="pesan-kunjungan")


def _field_name(label_start):
    return next(f.clean_name for f in ikd_page().get_form_fields() if f.label.startswith(label_start))


def ikd_post(*, kecamatan="Balikpapan Kota", day=THURSDAY, **overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "nama_lengkap": "Ani Lestari",
        "nik": "6471065208900003",
        "nomor_hp": "0812-3456-7890",
        "kecamatan": str(Kecamatan.objects.get(name=kecamatan).pk) if kecamatan else "",
        "tanggal_kunjungan": day.isoformat() if isinstance(day, datetime.date) else day,
        _field_name("Saya memiliki smartphone"): "on",
        "pernyataan": "on",
    }
    data.update(overrides)
    return data


def office(name):
    return Kecamatan.objects.get(name=name)


@pytest.fixture
def visit_staff(seeded):
    return {**office_staff(), "operator_two": make_staff("op.kota2", StaffRole.OPERATOR, "Balikpapan Kota")}


def citizens(count, prefix="warga"):
    return [make_citizen(f"{prefix}{i}@example.org", f"Warga {i}") for i in range(count)]
