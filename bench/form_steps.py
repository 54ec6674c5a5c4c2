"""Each step page of the seeded application forms, and their check pages: HTML and CSS bytes, queries, outside
requests. By hand (or `make bench-steps`):

    .venv/bin/python bench/form_steps.py [--database bench_steps] [--keep]

A signed-in citizen walks each form through the test client on PostgreSQL, step by step (the courier path, so that
the address step is measured too), and every page is weighed as a phone downloads it: the HTML plus every
stylesheet it links (print.css included), and the scripts it loads, each once. The budget (issue 16): under 30 KB
of HTML and CSS together per step and no request to another host; tests/forms/intake/test_step_page_budget.py
asserts it on every run of the suite, this prints the table.
"""

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
POSTGRES = "postgresql://postgres@127.0.0.1:5432"


def _psql(sql):
    command = ["psql", f"{POSTGRES}/postgres", "-Atqc", sql]  # noqa: S607 - the PostgreSQL client on PATH
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603


if __name__ == "__main__":
    # Run by hand: a database of its own, set up before Django is; imported by the tests, Django is set up already.
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="bench_steps")
    parser.add_argument("--keep", action="store_true", help="keep the database (reused next time)")
    ARGS = parser.parse_args()
    CREATED = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{ARGS.database}'") != "1"  # noqa: S608
    if CREATED:
        _psql(f'CREATE DATABASE "{ARGS.database}"')
    os.environ.update({"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": f"{POSTGRES}/{ARGS.database}"})
    import django

    django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfWriter  # noqa: E402

from forms.intake.steps import form_plan  # noqa: E402
from forms.models import ApplicationDraft, ApplicationFormPage, CitizenProfile  # noqa: E402
from services.models import Kecamatan  # noqa: E402

BUDGET_BYTES = 30 * 1024
_LINKS = re.compile(r"<(?:link|script|img|iframe|source)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"", re.IGNORECASE)
_STYLESHEETS = re.compile(r"<link\b[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", re.IGNORECASE)
_SCRIPTS = re.compile(r"<script\b[^>]*src=\"([^\"]+)\"", re.IGNORECASE)


def _static_bytes(url: str) -> int:

    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    return Path(found).stat().st_size if found else 0


def page_weight(html: str) -> dict:
    """Bytes of the HTML, of its stylesheets and of its scripts, and the addresses it would load from elsewhere."""
    outside = sorted({url for url in _LINKS.findall(html) if urlsplit(url).netloc or url.startswith("//")})
    css = sum(_static_bytes(url) for url in dict.fromkeys(_STYLESHEETS.findall(html)))
    js = sum(_static_bytes(url) for url in dict.fromkeys(_SCRIPTS.findall(html)))
    html_bytes = len(html.encode())
    return {"html": html_bytes, "css": css, "js": js, "html_css": html_bytes + css, "outside": outside}


def _main():

    repo = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(repo))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="bench_steps")
    parser.add_argument("--keep", action="store_true", help="keep the database (reused next time)")
    args = parser.parse_args()
    postgres = "postgresql://postgres@127.0.0.1:5432"

    def psql(sql):
        command = ["psql", f"{postgres}/postgres", "-Atqc", sql]  # noqa: S607 - the PostgreSQL client on PATH
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603

    created = psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'") != "1"  # noqa: S608
    if created:
        psql(f'CREATE DATABASE "{args.database}"')
    os.environ.update({"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": f"{postgres}/{args.database}"})

    django.setup()

    try:
        call_command("migrate", verbosity=0)
        call_command("load_seed_content", verbosity=0)
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            rows = _walk()
    finally:
        if not ARGS.keep:
            connection.close()
            _psql(f'DROP DATABASE IF EXISTS "{ARGS.database}"')
    print(f"{'page':58} {'HTML':>7} {'CSS':>6} {'HTML+CSS':>9} {'JS':>6} {'queries':>8}  outside")
    for row in rows:
        flag = "" if row["html_css"] < BUDGET_BYTES and not row["outside"] else "  OVER BUDGET"
        print(
            f"{row['page']:58} {row['html']:>7} {row['css']:>6} {row['html_css']:>9} {row['js']:>6} "
            f"{row['queries']:>8}  {', '.join(row['outside']) or '-'}{flag}"
        )


def _walk():

    user, _ = get_user_model().objects.get_or_create(username="bench.steps", defaults={"email": "bench@example.org"})
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    CitizenProfile.objects.get_or_create(user=user, defaults={"full_name": "Warga Bench", "mobile": "+6281234567890"})
    ApplicationDraft.objects.filter(applicant=user).delete()
    client = Client()
    client.force_login(user)
    rows = []
    for page in ApplicationFormPage.objects.live().order_by("path"):
        rows.extend(step_pages_walk(client, page))
    return rows


def step_pages_walk(client, page, *, answers=None):
    """GET each step the courier path asks, weigh it, post it filled in; then the check page. One row per page."""

    office = Kecamatan.objects.order_by("name").first()
    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    pdf = blank.getvalue()
    filled = {
        "singleline": "Warga Bench",
        "nik": "6471065208900003",
        "kk": "6471060101100007",
        "mobile": "081234567890",
        "kecamatan": str(office.pk),
        "delivery": "courier",
        "delivery_address": "Jl. Jenderal Sudirman No. 1, RT 05",
        "multiline": "Jl. Jenderal Sudirman No. 1, RT 05",
        "checkbox": "on",
        **(answers or {}),
    }
    plan = form_plan(page)
    rows = []
    url = page.url
    for _guard in range(len(plan.steps) + 2):
        rows.append(_measure(client, url))
        if url == page.check_url():
            break
        step = plan.step(int(url.rstrip("/").rsplit("/", 1)[-1])) if "/langkah/" in url else plan.steps[0]
        data = {}
        for name in step.names:
            kind = plan.types[name]
            if kind == "document":
                data[name] = SimpleUploadedFile(f"{name}.pdf", pdf, "application/pdf")
            elif kind in filled:
                data[name] = filled[kind]
            elif kind == "visit_date":
                data[name] = _first_bookable_day(client, page.step_url(step.number), name)
        response = client.post(page.step_url(step.number), data)
        if response.status_code != 302:
            raise SystemExit(f"{page.url} step {step.number} did not go on: {response.content[:400]!r}")
        url = response["Location"]
    return rows


def _first_bookable_day(client, url, name):
    html = client.get(url).content.decode()
    select = html.split(f'name="{name}"', 1)[1]
    return re.search(r'<option value="(\d{4}-\d\d-\d\d)"', select).group(1)


def _measure(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured.captured_queries)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return {"page": url, "queries": queries, **page_weight(response.content.decode())}


if __name__ == "__main__":
    _main()
