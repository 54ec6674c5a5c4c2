"""What a reader sees: every component of both standards, both decrees, and the links between them."""

import html
import re
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.caching import content_changed
from services import seed_content as seed
from services.models import DecreePage, Regulation, ServiceStandardPage, ServiceStandardRegulation


def _text(response) -> str:
    body = response.content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _standard_text(client, slug):
    response = client.get(ServiceStandardPage.objects.get(slug=slug).url)
    assert response.status_code == 200
    return _text(response)


@pytest.mark.parametrize("standard", seed.STANDARDS, ids=lambda s: s["slug"])
def test_standard_page_shows_every_service_delivery_component(client, seeded, standard):
    text = _standard_text(client, standard["slug"])
    for variant in standard["variants"]:
        assert variant["name"] in text
        for requirement in variant["requirements"]:
            assert requirement in text
        for _channel, steps in variant["procedures"]:
            for step in steps:
                assert step in text
    assert "1 hari kerja" in text
    assert "Tanpa dipungut biaya (Rp. 0)" in text
    assert standard["product"] in text
    for _kind, value in seed.COMPLAINT_CHANNELS["channels"]:
        assert value in text


@pytest.mark.parametrize("standard", seed.STANDARDS, ids=lambda s: s["slug"])
def test_standard_page_shows_every_internal_management_component(client, seeded, standard):
    text = _standard_text(client, standard["slug"])
    for regulation in seed.REGULATIONS:
        assert f"{regulation['designation']} tentang {regulation['title']}" in text
    for key in ("facilities", "competencies", "safety_guarantees", "evaluation"):
        for item in standard[key]:
            assert item in text, key
    assert standard["supervision_internal"] in text
    assert standard["supervision_external"] in text
    assert "Operator Pelaksana" in text
    for role, _count in standard["staffing"]:
        assert f"{role} satu orang" in text
    assert standard["service_guarantee"] in text


def test_ktp_el_page_splits_online_and_walk_in_steps_and_names_all_fourteen_components(client, seeded):
    text = _standard_text(client, "cetak-ktp-el")
    assert "Secara daring" in text and "Secara luring" in text
    for heading in (
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Jangka Waktu Pelayanan",
        "Biaya",
        "Produk Pelayanan",
        "Penanganan Pengaduan, Saran, dan Masukan",
        "Dasar Hukum",
        "Sarana dan Prasarana/Fasilitas",
        "Kompetensi Pelaksana",
        "Pengawasan Internal dan Eksternal",
        "Jumlah Pelaksana",
        "Jaminan Pelayanan",
        "Jaminan Keamanan dan Keselamatan Pelayanan",
        "Evaluasi Kinerja Penyelenggara",
    ):
        assert heading in text


def test_whatsapp_and_email_channels_are_tappable_links(client, seeded):
    body = client.get(ServiceStandardPage.objects.get(slug="pendaftaran-ikd").url).content.decode()
    assert 'href="https://wa.me/6281645609 09"'.replace(" ", "") in body
    assert 'href="mailto:capil.balikpapan@gmail.com"' in body


def test_guideline_decree_shows_decisions_roles_equipment_and_blank_card_rules(client, seeded):
    decree = DecreePage.objects.get(number=seed.GUIDELINE_DECREE["number"])
    text = _text(client.get(decree.url))
    data = seed.GUIDELINE_DECREE
    for item in data["considerations"] + data["legal_bases"] + [data["observing"], data["signatory_name"]]:
        assert item in text
    for label, decision, items in data["decisions"]:
        assert label in text and decision in text
        for item in items:
            assert item in text
    guideline = data["guideline"]
    for role, holder, duties in guideline["roles"]:
        assert role in text and holder in text
        for duty in duties:
            assert duty in text
    for item in guideline["equipment"]["items"] + guideline["blank_card_rules"]:
        assert item in text
    assert "Januari 2024" in text


def test_sop_decree_shows_the_activity_table(client, seeded):
    decree = DecreePage.objects.get(number=seed.SOP_DECREE["number"])
    body = client.get(decree.url).content.decode()
    rows = re.findall(r"<tr><td>(\d+)</td><th scope=\"row\">([^<]+)</th>", body)
    assert [(int(n), a) for n, a in rows] == [(n, a) for n, a, *_ in seed.SOP_DECREE["activities"]]
    text = _text(client.get(decree.url))
    assert "5 menit" in text and "2 menit" in text and "34 menit" in text
    assert "HASBULLAH HELMI, AP., M.Si." in text and "4 Januari 2021" in text


def test_each_standard_links_to_its_decree_and_each_decree_links_back(client, seeded):
    guideline = DecreePage.objects.get(number=seed.GUIDELINE_DECREE["number"])
    sop = DecreePage.objects.get(number=seed.SOP_DECREE["number"])
    for standard in ServiceStandardPage.objects.all():
        body = client.get(standard.url).content.decode()
        assert f'href="{guideline.url}"' in body and f'href="{sop.url}"' in body
        for decree in (guideline, sop):
            assert f'href="{standard.url}"' in client.get(decree.url).content.decode()


def test_a_reader_reaches_both_standards_both_decrees_and_the_sop_by_links_from_home(client, seeded):
    seen, queue = set(), ["/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), url  # forms and accounts redirect to the login
        for href in re.findall(r'href="([^"#?]+)"', response.content.decode()):
            parsed = urlparse(href)
            if not parsed.netloc and href.startswith("/") and not href.startswith(("/static/", "/admin/")):
                queue.append(href)
    wanted = {page.url for page in ServiceStandardPage.objects.all()} | {page.url for page in DecreePage.objects.all()}
    assert wanted <= seen


def test_breadcrumbs_lead_back_home(client, seeded):
    body = client.get(ServiceStandardPage.objects.get(slug="cetak-ktp-el").url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs[^>]*>(.*?)</nav>', body, re.S).group(1)
    assert 'href="/"' in crumbs and 'href="/layanan/"' in crumbs and 'aria-current="page"' in crumbs


def test_unpublished_standard_is_not_public(client, seeded):
    standard = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    url = standard.url
    standard.unpublish()
    assert client.get(url).status_code == 404
    assert standard.title not in client.get("/layanan/").content.decode()


def test_standard_page_query_count_stays_flat_as_regulations_grow(client, seeded):
    page = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    client.get(page.url)
    content_changed()  # the page as first served after a publish, with nothing made from content kept
    with CaptureQueriesContext(connection) as before:
        client.get(page.url)
    for number in (3, 4, 5):
        regulation = Regulation.objects.create(
            kind="perda", number=str(number), year=2030, designation=f"Perda No. {number} Tahun 2030", title="Uji"
        )
        ServiceStandardRegulation.objects.create(page=page, regulation=regulation)
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        body = client.get(page.url).content.decode()  # the publish moved the content version: nothing kept
    assert "Perda No. 5 Tahun 2030 tentang Uji" in body
    assert len(after) == len(before)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(page.url).content.decode() == body
    assert len(kept) == 0
