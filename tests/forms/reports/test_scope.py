"""The service report follows the one office scope: an operator's report is their own kecamatan's, never another's."""

import pytest

from .conftest import REPORT, as_user
from .data import plan, plans_create, wita

pytestmark = pytest.mark.django_db
FEBRUARY = {"period": "month", "year": "2026", "month": "2"}


@pytest.mark.parametrize("url", [REPORT, REPORT + "unduh.xlsx", REPORT + "unduh.pdf"])
def test_an_operator_of_kota_asking_for_utaras_report_is_refused_and_sees_only_kota(pages, kecamatan, staff, url):
    kota, utara = kecamatan["Balikpapan Kota"], kecamatan["Balikpapan Utara"]
    plans_create([plan(pages["ktp"], kota.pk, wita(2026, 2, 2, 9)), plan(pages["ktp"], utara.pk, wita(2026, 2, 2, 9))])
    client = as_user(staff["operator"])
    xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}  # a script's request: a plain 403, no redirect
    refused = client.get(url, {**FEBRUARY, "kecamatan": str(utara.pk)}, **xhr)
    assert refused.status_code == 403
    assert utara.name.encode() not in refused.content
    # Asking for nothing in particular, the operator gets their own office's report, pinned there.
    response = client.get(REPORT, FEBRUARY)
    report = response.context["report"]
    assert report.scope.kecamatan_id == kota.pk
    assert report.sections[0].tables[1].rows == [[kota.name, 1, 0, 1], ["Jumlah", 1, 0, 1]]
    assert list(response.context["form"].fields["kecamatan"].queryset) == [kota]
