"""The holder on the staff screens: the queue's column, "Kasus saya", the review page's notice and buttons."""

import re

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.review.holding import case_take

from ..dispatch.conftest import counter_application
from ..helpers import make_staff, office_staff, signed_in

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"
MINE = "/admin/permohonan/saya/"


@pytest.fixture
def staff(seeded):
    return office_staff()


def _headings(page):
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]


def test_an_operator_takes_a_case_finds_it_in_my_cases_and_hands_it_back(staff):
    application = counter_application(staff["operator"])
    client = signed_in(staff["operator"])
    review = f"{QUEUE}review/{application.pk}/"
    assert "Belum ada yang memegang kasus ini" in client.get(review).content.decode()
    assert application.tracking_number not in client.get(MINE).content.decode()

    page = client.post(f"{review}ambil/", follow=True).content.decode()
    assert "Kasus ini sekarang Anda pegang." in page and "Anda memegang kasus ini sejak" in page
    mine = client.get(MINE).content.decode()
    assert application.tracking_number in mine and "<h1" in mine and "Kasus saya" in mine

    page = client.post(f"{review}lepas/", {"note": "Dialihkan"}, follow=True).content.decode()
    assert "Kasus sudah kembali ke antrean." in page
    assert application.tracking_number not in client.get(MINE).content.decode()
    assert list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="intake.case_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["intake.case_take", "intake.case_hand_back"]


def test_my_cases_lists_only_the_users_own_by_due_time(staff):
    later, sooner, others = (counter_application(staff["operator"]) for _ in range(3))
    now = timezone.now()
    for application, hours in ((later, 5), (sooner, 1), (others, 2)):
        type(application).objects.filter(pk=application.pk).update(due_at=now + timezone.timedelta(hours=hours))
    for application in (later, sooner):
        case_take(application=application, by=staff["operator"])
    case_take(application=others, by=make_staff("op.kota.dua", "Operator", "Balikpapan Kota"))
    page = signed_in(staff["operator"]).get(MINE).content.decode()
    assert others.tracking_number not in page
    assert page.index(sooner.tracking_number) < page.index(later.tracking_number)


def test_the_queue_shows_who_holds_each_case_under_an_indonesian_heading(staff):
    held, free = counter_application(staff["operator"]), counter_application(staff["operator"])
    staff["operator"].first_name = "Sari"
    staff["operator"].save()
    case_take(application=held, by=staff["operator"])
    page = signed_in(staff["verifier"]).get(QUEUE).content.decode()
    assert "Pemegang kasus" in _headings(page)
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{held.tracking_number}(?:(?!</tr>).)*</tr>", page, re.S).group(0)
    assert "Sari" in row
    assert free.tracking_number in page


def test_opening_a_case_someone_else_holds_says_who_since_when_and_offers_no_take(staff):
    application = counter_application(staff["operator"])
    case_take(application=application, by=staff["operator"])
    colleague = make_staff("op.kota.dua", "Operator", "Balikpapan Kota")
    response = signed_in(colleague).get(f"{QUEUE}review/{application.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"op\.kota memegang kasus ini sejak \d{1,2} \w+ \d{4} \d\d:\d\d WITA\.", page)
    assert "Ambil kasus ini" not in page and "Kembalikan ke antrean" not in page
    # Pressing it anyway is refused and says so; the holder stays.
    refused = signed_in(colleague).post(f"{QUEUE}review/{application.pk}/ambil/", follow=True).content.decode()
    assert "Hanya kepala satuan kerja yang dapat mengalihkannya." in refused
    application.refresh_from_db()
    assert application.holder == staff["operator"]


def test_a_head_of_unit_reassigns_a_held_case_explicitly_from_the_review_page(staff):
    application = counter_application(staff["operator"])
    case_take(application=application, by=staff["operator"])
    colleague = make_staff("op.kota.dua", "Operator", "Balikpapan Kota", first_name="Dewi")
    client = signed_in(staff["section_head"])
    page = client.get(f"{QUEUE}review/{application.pk}/").content.decode()
    assert "Alihkan kepada" in page and "Dewi · Balikpapan Kota" in page
    assert "op.utara" not in page  # an operator of another kecamatan is not offered
    client.post(f"{QUEUE}review/{application.pk}/tugaskan/", {"officer": colleague.pk})  # no explicit reassign
    application.refresh_from_db()
    assert application.holder == staff["operator"]
    page = client.post(
        f"{QUEUE}review/{application.pk}/tugaskan/", {"officer": colleague.pk, "reassign": "1"}, follow=True
    ).content.decode()
    assert "Ditugaskan kepada Dewi." in page
    application.refresh_from_db()
    assert application.holder == colleague


def test_my_cases_is_in_the_menu_of_the_roles_that_hold_cases(staff):
    assert '"/admin/permohonan/saya/"' in signed_in(staff["operator"]).get("/admin/").content.decode()
    assert '"/admin/permohonan/saya/"' in signed_in(staff["verifier"]).get("/admin/").content.decode()
    assert "/admin/permohonan/saya/" not in signed_in(staff["siak_admin"]).get("/admin/").content.decode()
