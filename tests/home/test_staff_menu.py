"""One "Laporan" menu holds the office's service report and Wagtail's reports (issue 17)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import give_second_factor
from tests.forms.helpers import office_staff, signed_in

pytestmark = pytest.mark.django_db


def _main_menu(user):
    html = signed_in(user).get("/admin/").content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    module = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return module["_args"][0]


def _items(menu):
    return [(item["_args"][0]["name"], item["_args"][0]["label"]) for item in menu]


def _submenu(menu, name):
    item = next(item for item in menu if item["_args"][0]["name"] == name)
    return _items(item["_args"][1])


def test_the_office_report_and_wagtails_reports_share_one_laporan_menu(seeded):
    staff = office_staff()
    for who in ("operator", "head_of_office", "editor"):
        menu = _main_menu(staff[who])
        top = _items(menu)
        labels = [label for _name, label in top]
        assert "Reports" not in labels and "service-report" not in [name for name, _label in top]
        if who == "editor":
            continue  # no office role: no service report, and Wagtail's own reports as before
        assert labels.count("Laporan") == 1, top
        inside = _submenu(menu, "reports")
        assert inside[0] == ("service-report", "Laporan pelayanan")
        assert "Riwayat situs" in [label for _name, label in inside]


def test_an_administrator_reads_wagtails_reports_in_indonesian(seeded):
    admin = get_user_model().objects.create_superuser("administrator", "administrator@example.org", "x")
    give_second_factor(admin)
    menu = _main_menu(admin)
    assert [label for name, label in _items(menu) if name == "reports"] == ["Laporan"]
    inside = [label for _name, label in _submenu(menu, "reports")]
    assert {"Halaman terkunci", "Alur kerja", "Tugas alur kerja", "Riwayat situs"} <= set(inside)
    assert not {"Reports", "Locked pages", "Workflows", "Aging pages"} & set(inside)
