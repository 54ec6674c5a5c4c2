"""The SIAK administrator's screens for joint-leave days and office closures, and the clock reading what they enter.

2026 dates relied on (holidays 0.109, country "ID"): Fri 2026-12-25 is Christmas; 9 to 31 December has no other
public holiday; 23 to 25 November are ordinary weekdays.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.menu import settings_menu
from wagtail.models import ModelLogEntry

from forms.constants import StaffRole
from forms.models import JointLeaveDay, OfficeClosure
from forms.office import clock
from services.constants import DurationUnit
from tests.conftest import give_second_factor
from tests.services.factories import ServiceStandardPageFactory

from ..factories import StaffFactory
from ..helpers import signed_in

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
SCREENS = {"joint_leave_day": (JointLeaveDay, "name"), "office_closure": (OfficeClosure, "reason")}
OTHER_ROLES = [StaffRole.OPERATOR, StaffRole.VERIFIER, StaffRole.SECTION_HEAD, StaffRole.HEAD_OF_OFFICE]


def wita(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WITA)


@pytest.fixture
def siak_admin(seeded):
    return signed_in(StaffFactory(role=StaffRole.SIAK_ADMIN))


def enter(client, screen, date, text):
    """Post the screen's add form, as the administrator does."""
    model, text_field = SCREENS[screen]
    return client.post(reverse(f"{screen}:add"), {"date": date, text_field: text})


def log_actions(row):
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk))
    return list(entries.order_by("timestamp", "pk").values_list("action", flat=True))


# --- the clock reads what the screens enter -------------------------------------------------------------------------


def test_a_standard_of_14_working_days_skips_weekends_christmas_and_joint_leave_entered_on_its_screen(siak_admin):
    standard = ServiceStandardPageFactory(duration_value=14, duration_unit=DurationUnit.WORKING_DAYS)
    received = wita(2026, 12, 9, 10)  # Wednesday, before the cut-off: the first of the 14 days

    def due():
        return clock.due_at(received, duration=standard.duration_value, unit=standard.duration_unit)

    # 9-11, 14-18, 21-24 are 12 days; Christmas and the weekend after it; 28 and 29 make 14.
    assert due() == wita(2026, 12, 29, 16)

    response = enter(siak_admin, "joint_leave_day", "2026-12-24", "Cuti bersama Hari Raya Natal")
    assert response.status_code == 302
    assert due() == wita(2026, 12, 30, 16)


def test_an_office_closure_entered_on_its_screen_moves_a_due_time_and_is_named_by_its_reason(siak_admin):
    received = wita(2026, 11, 23, 10)  # Monday
    assert clock.due_at(received, duration=3) == wita(2026, 11, 25, 16)

    response = enter(siak_admin, "office_closure", "2026-11-24", "Kantor tutup: pemadaman listrik")
    assert response.status_code == 302
    assert not clock.is_working_day(datetime.date(2026, 11, 24))
    assert clock.due_at(received, duration=3) == wita(2026, 11, 26, 16)
    assert clock.due_at(received, duration=2, unit=DurationUnit.HOURS) == wita(2026, 11, 23, 12)
    assert clock.due_at(received, duration=8, unit=DurationUnit.HOURS) == wita(2026, 11, 25, 10)
    assert clock.non_working_days(2026)[datetime.date(2026, 11, 24)] == "Kantor tutup: pemadaman listrik"


# --- the screens ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
def test_the_siak_administrator_adds_edits_and_deletes_a_day_and_each_change_is_audited(siak_admin, screen):
    model, text_field = SCREENS[screen]
    assert siak_admin.get(reverse(f"{screen}:index")).status_code == 200
    assert siak_admin.get(reverse(f"{screen}:add")).status_code == 200

    assert enter(siak_admin, screen, "2026-12-24", "Uji").status_code == 302
    row = model.objects.get(date=datetime.date(2026, 12, 24))
    edited = siak_admin.post(reverse(f"{screen}:edit", args=[row.pk]), {"date": "2026-12-31", text_field: "Uji dua"})
    assert edited.status_code == 302
    row.refresh_from_db()
    assert (row.date, getattr(row, text_field)) == (datetime.date(2026, 12, 31), "Uji dua")

    assert siak_admin.post(reverse(f"{screen}:delete", args=[row.pk])).status_code == 302
    assert not model.objects.exists()
    assert log_actions(row) == ["wagtail.create", "wagtail.edit", "wagtail.delete"]


@pytest.mark.parametrize("screen", SCREENS)
def test_a_date_already_entered_is_refused_on_the_date_field_in_indonesian(siak_admin, screen):
    model, _text_field = SCREENS[screen]
    enter(siak_admin, screen, "2026-12-24", "Pertama")

    response = enter(siak_admin, screen, "2026-12-24", "Kedua")

    assert response.status_code == 200
    assert response.context["form"].errors["date"] == ["Tanggal ini sudah dimasukkan; ubah entri tanggal tersebut."]
    assert model.objects.count() == 1


def test_the_screens_speak_indonesian_and_sit_under_settings(siak_admin):
    index = siak_admin.get(reverse("joint_leave_day:index"))
    assert "Hari cuti bersama" in index.text
    assert "Penutupan kantor" in siak_admin.get(reverse("office_closure:index")).text

    request = index.wsgi_request
    urls = {item.url for item in settings_menu.menu_items_for_request(request)}
    assert {reverse("joint_leave_day:index"), reverse("office_closure:index")} <= urls


@pytest.mark.parametrize("role", [*OTHER_ROLES, StaffRole.CONTENT_EDITOR])
@pytest.mark.parametrize("screen", SCREENS)
def test_other_roles_cannot_open_the_screens_or_enter_a_day(seeded, role, screen):
    model, _text_field = SCREENS[screen]
    client = signed_in(StaffFactory(role=role))

    for url in (reverse(f"{screen}:index"), reverse(f"{screen}:add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    enter(client, screen, "2026-12-24", "Bukan haknya")

    assert not model.objects.exists()
    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    urls = {item.url for item in settings_menu.menu_items_for_request(request)}
    assert reverse(f"{screen}:index") not in urls


@pytest.mark.parametrize("screen", SCREENS)
def test_another_roles_post_cannot_change_or_delete_a_day(seeded, screen):
    model, text_field = SCREENS[screen]
    row = model.objects.create(date=datetime.date(2026, 12, 24), **{text_field: "Tetap"})
    client = signed_in(StaffFactory(role=StaffRole.HEAD_OF_OFFICE))

    client.post(reverse(f"{screen}:edit", args=[row.pk]), {"date": "2026-12-31", text_field: "Diubah"})
    client.post(reverse(f"{screen}:delete", args=[row.pk]))

    row.refresh_from_db()
    assert (row.date, getattr(row, text_field)) == (datetime.date(2026, 12, 24), "Tetap")


@pytest.mark.parametrize("screen", SCREENS)
def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login(seeded, client, screen):
    response = client.get(reverse(f"{screen}:index"))
    assert response.status_code == 302
    assert reverse(f"{screen}:index") in response.url and "login" in response.url


def test_a_superuser_may_open_the_screens(seeded):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    give_second_factor(root)
    assert signed_in(root).get(reverse("office_closure:index")).status_code == 200
