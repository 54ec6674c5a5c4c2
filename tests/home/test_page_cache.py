"""Anonymous public pages are the same for everyone: no cookie, public caching, kept and purged on publish.

The page cache is off in the test settings (a test's transaction never commits, so purges would never run);
these tests turn it on and run the commit callbacks the publish schedules.
"""

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forms.intake.seeding import FORMS, application_form_publish
from home.models import OfficeSettings
from portal.caching import content_changed
from services.models import DecreePage, Regulation, ServiceStandardPage, ServiceStandardRegulation
from tests.forms.conftest import make_citizen
from tests.forms.helpers import signed_in
from tests.services.factories import ServiceStandardPageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/layanan/",
    "/layanan/cetak-ktp-el/",
    "/layanan/pendaftaran-ikd/",
    "/produk-hukum/",
    "/produk-hukum/keputusan-188-46-5-disdukcapil-2024/",
    "/produk-hukum/keputusan-188-4-22-disdukcapil-2021/",
    "/cari/",
    "/cari/?q=KTP",
]
MAX_QUERIES = 12
MAX_KEPT_QUERIES = 2


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    return settings


def _every_public_page():
    """The pages above and every other live content page (the application forms need an account)."""
    pages = {page.url for page in ServiceStandardPage.objects.live()} | {page.url for page in DecreePage.objects.live()}
    return sorted(set(PUBLIC_PAGES) | pages)


def test_every_public_page_sets_no_cookie_and_may_be_kept_by_anyone(seeded, page_cache_on):
    client = Client()
    for url in _every_public_page():
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
        assert not client.cookies, url
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "max-age=300" in cache_control, url
        # The page varies on the language cookie alone; never on the browser's Accept-Language.
        assert "accept-language" not in response["Vary"].lower(), url
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode(), url


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(seeded, page_cache_on):
    client = Client()
    for url in PUBLIC_PAGES:
        assert client.get(url)["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert len(queries) == 0, url


def test_publishing_a_change_to_a_standard_purges_its_page_and_the_next_visit_shows_it(
    seeded, page_cache_on, django_capture_on_commit_callbacks
):
    client = Client()
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    for url in (standard.url, "/layanan/", "/", "/cari/?q=KTP"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    other = ServiceStandardPage.objects.get(slug="pendaftaran-ikd").url
    client.get(other)

    with django_capture_on_commit_callbacks(execute=True):
        standard.title = "Cetak KTP-el (judul baru)"
        standard.save_revision().publish()

    response = client.get(standard.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Cetak KTP-el (judul baru)" in response.content.decode()
    # Its parent's listing, the home and search showed the old title: they go too; an unrelated standard stays.
    for url in ("/layanan/", "/", "/cari/?q=KTP"):
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert client.get(other)["X-Page-Cache"] == "hit"


def test_unpublishing_a_standard_removes_its_kept_page(seeded, page_cache_on, django_capture_on_commit_callbacks):
    client = Client()
    standard = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    url = standard.url
    client.get(url)
    client.get("/layanan/")
    with django_capture_on_commit_callbacks(execute=True):
        standard.unpublish()
    assert client.get(url).status_code == 404
    assert standard.title not in client.get("/layanan/").content.decode()


def test_a_regulation_published_again_purges_the_standards_that_cite_it(
    seeded, page_cache_on, django_capture_on_commit_callbacks
):
    client = Client()
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    regulation = standard.legal_basis.first().regulation
    client.get(standard.url)
    with django_capture_on_commit_callbacks(execute=True):
        regulation.title = "Judul peraturan yang diperbarui"
        regulation.save_revision().publish()
    assert "Judul peraturan yang diperbarui" in client.get(standard.url).content.decode()


def test_changing_the_office_details_purges_every_page(seeded, page_cache_on, django_capture_on_commit_callbacks):
    client = Client()
    for url in PUBLIC_PAGES:
        client.get(url)
    office = OfficeSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        office.phone = "(0542) 000-1234"
        office.save()
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "(0542) 000-1234" in response.content.decode(), url


def test_a_signed_in_visitors_page_is_never_kept_nor_served_from_the_cache(seeded, page_cache_on):
    citizen = signed_in(make_citizen("ani@example.org", "Ani Lestari"))
    anonymous = Client()
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el").url

    # The citizen's own pages carry personal data: no-store, never kept, however often they are read.
    for _ in range(2):
        mine = citizen.get("/permohonan/")
        assert mine.status_code == 200 and "no-store" in mine["Cache-Control"]
        assert not mine.has_header("X-Page-Cache")

    # A public page read while signed in shows the citizen's menu: private to them, and never given to others.
    signed_in_page = citizen.get(standard)
    assert "private" in signed_in_page["Cache-Control"] and not signed_in_page.has_header("X-Page-Cache")
    assert 'href="/permohonan/"' in signed_in_page.content.decode()
    assert 'href="/permohonan/"' not in anonymous.get(standard).content.decode()
    # And a kept anonymous copy is not served to the signed-in citizen.
    assert not citizen.get(standard).has_header("X-Page-Cache")


def test_a_page_with_a_form_that_needs_a_csrf_token_is_never_kept(seeded, page_cache_on):
    client = Client()
    for _ in range(2):
        response = client.get("/lacak/")
        assert response.status_code == 200
        assert not response.has_header("X-Page-Cache")
        assert "public" not in response.get("Cache-Control", "")


def test_the_language_link_switches_without_a_form_and_each_language_is_kept_apart(seeded, page_cache_on):
    client = Client()
    indonesian = client.get("/layanan/")
    assert 'href="/bahasa/en/?next=/layanan/"' in indonesian.content.decode()
    response = client.get("/bahasa/en/", {"next": "/layanan/"})
    assert response.status_code == 302 and response["Location"] == "/layanan/"
    english = client.get("/layanan/")
    assert english["Content-Language"] == "en" and english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()
    assert client.get("/bahasa/id/", {"next": "https://evil.example/"})["Location"] == "/"
    assert client.get("/layanan/")["Content-Language"] == "id"


def test_public_pages_are_gzipped_but_pages_with_a_csrf_token_are_not(seeded, page_cache_on):
    client = Client()
    response = client.get("/layanan/cetak-ktp-el/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Cetak Kartu Tanda Penduduk" in gzip.decompress(response.content).decode()
    assert "accept-encoding" in response["Vary"].lower()
    # BREACH: a secret (the CSRF token) beside reflected input is never compressed.
    form = client.get("/lacak/", headers={"accept-encoding": "gzip"})
    assert not form.has_header("Content-Encoding")


def _query_counts(client):
    """Per page: queries just after a publish (nothing made from content is kept), and with it kept."""
    counts = {}
    for url in _every_public_page():
        client.get(url)  # templates load once per process, as on a running server
        measured = []
        for empty in (True, False):
            if empty:
                content_changed()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            sql = [query["sql"] for query in queries]
            assert not any(q.startswith(("BEGIN", "SAVEPOINT", "COMMIT")) for q in sql), (
                url,
                "a GET opened a transaction",
            )
            measured.append(len(sql))
        counts[url] = tuple(measured)
    return counts


def _grow_content(seeded):
    """Many more regulations, variants with their forms, standards and pages than the seed has."""
    for standard in ServiceStandardPage.objects.live():
        for number in range(1, 9):
            regulation = Regulation.objects.create(
                kind="perda", number=f"{standard.pk}{number}", year=2030, designation=f"Perda {number}", title="Uji"
            )
            ServiceStandardRegulation.objects.create(page=standard, regulation=regulation)
        standard.save_revision().publish()
    ktp = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    spec = next(spec for spec in FORMS if spec["service"] == "cetak-ktp-el")
    for number in range(6):
        ktp.variants.append(("variant", {"name": f"Varian {number}", "code": f"v{number}", "requirements": []}))
        application_form_publish(
            service=ktp, spec={**spec, "slug": f"varian-{number}", "variant": f"v{number}", "prefix": f"V{number}"}
        )
    ktp.save_revision().publish()
    for _ in range(8):
        ServiceStandardPageFactory()


def test_public_pages_make_at_most_twelve_queries_and_stay_flat_as_content_grows(seeded):
    client = Client()
    before = _query_counts(client)
    assert max(cold for cold, _ in before.values()) <= MAX_QUERIES, sorted(before.items())
    # Kept routes and fragments leave a content page next to nothing; search runs its query every time.
    content = {url: kept for url, (_, kept) in before.items() if not url.startswith("/cari/")}
    assert max(content.values()) <= MAX_KEPT_QUERIES, content
    _grow_content(seeded)
    after = _query_counts(client)
    assert max(cold for cold, _ in after.values()) <= MAX_QUERIES, after
    assert {url: after[url] for url in before} == before
