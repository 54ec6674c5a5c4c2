from django.core.management import call_command
from wagtail.models import Page, Revision, Site, Workflow

from home.models import HomePage, OfficeSettings
from services.models import (
    ComplaintChannel,
    ComplaintChannelSet,
    DecreePage,
    Kecamatan,
    Regulation,
    ServiceStandardPage,
    SopActivity,
)


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "regulations": Regulation.objects.count(),
        "channel_sets": ComplaintChannelSet.objects.count(),
        "channels": ComplaintChannel.objects.count(),
        "kecamatan": Kecamatan.objects.count(),
        "sop_activities": SopActivity.objects.count(),
        "workflows": Workflow.objects.count(),
        "office_settings": OfficeSettings.objects.count(),
    }


def test_seed_loader_creates_everything_once(seeded):
    assert ServiceStandardPage.objects.live().count() == 2
    assert DecreePage.objects.live().count() == 2
    assert Regulation.objects.filter(live=True).count() == 5
    assert ComplaintChannelSet.objects.count() == 1
    assert Kecamatan.objects.count() == 6
    assert SopActivity.objects.count() == 15
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_running_the_seed_loader_twice_changes_nothing(seeded):
    before = _counts()
    call_command("load_seed_content", verbosity=0)
    call_command("load_seed_content", verbosity=0)
    assert _counts() == before


def test_seed_loader_keeps_an_editors_change(seeded):
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    standard.product = "KTP Elektronik (diubah editor)"
    standard.save_revision().publish()
    call_command("load_seed_content", verbosity=0)
    assert ServiceStandardPage.objects.get(slug="cetak-ktp-el").product == "KTP Elektronik (diubah editor)"


def test_both_standards_share_one_complaint_channel_record_and_the_regulations(seeded):
    ktp, ikd = ServiceStandardPage.objects.order_by("path")
    assert ktp.complaint_channels_id == ikd.complaint_channels_id
    assert [r.pk for r in ktp.regulations] == [r.pk for r in ikd.regulations]


def test_kecamatan_codes_follow_the_nik_prefix(seeded):
    assert dict(Kecamatan.objects.values_list("region_code", "name")) == {
        "64.71.01": "Balikpapan Timur",
        "64.71.02": "Balikpapan Barat",
        "64.71.03": "Balikpapan Utara",
        "64.71.04": "Balikpapan Tengah",
        "64.71.05": "Balikpapan Selatan",
        "64.71.06": "Balikpapan Kota",
    }
    assert Kecamatan.objects.get(name="Balikpapan Kota").nik_prefix == "647106"


def test_sop_activities_carry_actor_and_standard_minutes(seeded):
    sop = DecreePage.objects.get(number="188.4/22/DISDUKCAPIL/2021")
    rows = list(sop.sop_activities.values_list("number", "actor", "standard_minutes"))
    assert [number for number, _, _ in rows] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16]
    assert dict((n, m) for n, _, m in rows)[10] == 5
    assert dict((n, a) for n, a, _ in rows)[14] == "head_of_office"
    assert sop.sop_total_minutes == 34
