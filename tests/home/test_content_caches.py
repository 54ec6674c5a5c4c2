"""What is kept across requests from published content (routes, the site, view restrictions, page fragments) is
never older than the content: every change moves the content version (portal.caching, home.cache_purge).

These run with the page cache off, as a signed-in visitor's or a cookie-bearing request is served.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from home.models import OfficeSettings
from services.models import ServiceStandardPage
from tests.forms.conftest import make_citizen
from tests.forms.helpers import lost_card_form, signed_in
from tests.home.test_page_cache import _grow_content

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    response.sql = [query["sql"] for query in queries]
    return response, len(queries)


def test_a_kept_page_is_served_with_no_query_and_an_unpublished_one_is_gone_at_once(seeded):
    client = Client()
    standard = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    url = standard.url
    client.get(url)
    response, count = _queries(client, url)
    assert response.status_code == 200 and count == 0
    standard.unpublish()
    assert client.get(url).status_code == 404
    assert standard.title not in client.get("/layanan/").content.decode()


def test_a_page_made_private_after_it_was_kept_asks_for_a_login(seeded):
    client = Client()
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    client.get(standard.url)
    client.get("/")
    PageViewRestriction.objects.create(page=standard, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(standard.url)
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert client.get("/").status_code == 200  # its parents stay public


def test_a_fragment_kept_while_signed_in_carries_nothing_of_the_visitor(seeded):
    citizen = signed_in(make_citizen("ani@example.org", "Ani Lestari"))
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el").url
    mine = citizen.get(standard).content.decode()
    assert "Ani Lestari" in mine or 'href="/permohonan/"' in mine  # the header is the citizen's own
    anonymous, count = _queries(Client(), standard)
    body = anonymous.content.decode()
    assert count == 0  # the anonymous visitor got the fragment the citizen's request kept
    assert "Ani Lestari" not in body and "ani@example.org" not in body
    assert 'href="/permohonan/"' not in body and "csrfmiddlewaretoken" not in body


def test_a_changed_site_is_looked_up_again(seeded):
    client = Client()
    client.get("/")

    def site_lookups():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return sum('"wagtailcore_site"' in query["sql"] for query in queries)

    assert site_lookups() == 0
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Portal Uji"
    site.save()
    assert site_lookups() >= 1  # the kept lookup went with the content version (and Wagtail's root paths)
    assert site_lookups() == 0


def test_search_results_are_kept_per_query_and_page_until_content_changes(seeded):
    client = Client()
    first, _ = _queries(client, "/cari/?q=KTP")
    again, count = _queries(client, "/cari/?q=KTP")
    assert count == 0 and again.content == first.content, again.sql
    other, count = _queries(client, "/cari/?q=IKD")
    assert count > 0 and other.content != first.content
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    standard.unpublish()
    assert standard.title not in client.get("/cari/?q=KTP").content.decode()


def _breadcrumbs(body):
    start = body.index('<nav class="breadcrumbs')
    return body[start : body.index("</nav>", start)]


def test_the_shell_kept_for_signed_in_citizens_follows_a_published_title_and_the_office_settings(
    seeded, django_capture_on_commit_callbacks
):
    citizen = signed_in(make_citizen("ani@example.org", "Ani Lestari"))
    url = lost_card_form().url
    standard = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    assert standard.title in _breadcrumbs(citizen.get(url).content.decode())  # kept from here on

    standard.title = "Cetak Ulang KTP Elektronik"
    with django_capture_on_commit_callbacks(execute=True):
        standard.save_revision().publish()
    assert "Cetak Ulang KTP Elektronik" in _breadcrumbs(citizen.get(url).content.decode())

    office = OfficeSettings.for_site(Site.objects.get(is_default_site=True))
    office.address = "Jl. Jenderal Sudirman No. 1 (uji)"
    with django_capture_on_commit_callbacks(execute=True):
        office.save()
    assert "Jl. Jenderal Sudirman No. 1 (uji)" in citizen.get(url).content.decode()


def test_a_citizens_form_step_asks_the_database_four_times_and_stays_flat_as_content_grows(seeded):
    # Their session (the database's sessions here; Redis in production), their account, their draft, and their
    # profile with their last application's NIK for the offer to fill it in: nothing made from content.
    citizen = signed_in(make_citizen("ani@example.org", "Ani Lestari"))
    url = lost_card_form().url
    citizen.get(url)
    response, count = _queries(citizen, url)
    assert response.status_code == 200
    assert count <= 4, response.sql
    _grow_content(seeded)  # more regulations, variants with their forms, standards
    citizen.get(url)
    assert _queries(citizen, url)[1] == count
