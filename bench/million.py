"""The staff side at a million applications: builds them with their timelines in PostgreSQL, then times every queue
filter, sort and search for an operator and a verifier (p50), and a quarter's city-wide report. By hand:

    .venv/bin/python bench/million.py --database bench_million [--applications 1000000] [--keep]

The database is created (migrated and seeded) when missing and dropped at the end unless --keep. Rows are made by
one INSERT … SELECT … FROM generate_series per table, so a million applications and ~6.5 million timeline rows take
minutes, not hours. Timings go through Django's test client, as a request from a signed-in officer would. Prints,
never asserts.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
POSTGRES = "postgresql://postgres@127.0.0.1:5432"


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="bench_million")
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="requests per screen; the median is printed")
    parser.add_argument("--report-runs", type=int, default=3, help="times the quarter's report is built")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it next time)")
    return parser.parse_args()


ARGS = _args()
os.environ["DATABASE_URL"] = f"{POSTGRES}/{ARGS.database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"
os.environ["STAFF_MFA_REQUIRED"] = "false"  # time the screens, not the second factor


def _psql(sql, database="postgres"):
    # The PostgreSQL client on PATH, as testing.md's recipes use; the SQL is this script's own.
    command = ["psql", f"{POSTGRES}/{database}", "-Atqc", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603


def _database_ensure():
    if _psql(f"SELECT 1 FROM pg_database WHERE datname = '{ARGS.database}'") != "1":
        _psql(f'CREATE DATABASE "{ARGS.database}"')
        return True
    return False


CREATED = _database_ensure()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402

from forms.constants import StaffRole  # noqa: E402
from forms.intake.report_times import report_times_fill  # noqa: E402
from forms.intake.step_time import step_minutes_fill_sql  # noqa: E402
from forms.intake.tracking import tracking_number_new  # noqa: E402
from forms.models import Application, ApplicationFormPage, StaffProfile  # noqa: E402
from forms.office.report_sections import (  # noqa: E402
    _SECTIONS,
    REPORT_QUERY_SETTINGS,
    ReportScope,
    planner_settings,
    report_sections,
    section_build,
)
from forms.office.roles import staff_roles_ensure  # noqa: E402
from services.models import Kecamatan  # noqa: E402

NAMES = (
    "Ani Budi Citra Dewi Eko Fajar Gita Hadi Indah Joko Kartika Lestari Made Nur Oki Putri Rina Sari Tono Umar "
    "Wati Yanti Zainal Agus Bayu Dian Fitri Hendra Iwan Kurnia"
).split()
FAMILY = "Santoso Wijaya Pratama Saputra Hidayat Nugroho Kusuma Siregar Lubis Sitompul Rahman Hakim Halim Tan".split()
# A card's path from submission to archive (forms.constants.TRANSITIONS): (from, to, recorded SOP step).
CARD_PATH = [
    ("", "submitted", None),
    ("submitted", "accepted", 9),
    ("accepted", "siak_entered", 10),
    ("siak_entered", "print_approved", 11),
    ("print_approved", "ready_for_pickup", None),
    ("ready_for_pickup", "handed_over", None),
    ("handed_over", "archived", 16),
]
OPEN_STAGES = ["submitted", "accepted", "siak_entered", "print_approved"]


def _lit(value):
    return "'" + str(value).replace("'", "''") + "'"


def _sql_array(values):
    return "ARRAY[" + ",".join(_lit(value) for value in values) + "]"


def generate(count):
    """A million applications over two years, the last month's still moving; each with its timeline."""
    forms = list(ApplicationFormPage.objects.live().filter(processing="card"))
    services = {form.pk: form.get_parent().specific for form in forms}
    n = len(forms)
    pick = lambda column: "(ARRAY[" + ",".join(column(form) for form in forms) + f"])[1 + g % {n}]"  # noqa: E731
    recent = "now() - interval '30 days'"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM intake_application")
        offset = cursor.fetchone()[0]
        cursor.execute(
            f"""
            INSERT INTO intake_application (
                id, form_data, submit_time, tracking_number, service_title, variant_code, variant_name, status,
                status_changed_at, applicant_name, nik, kk_number, mobile, delivery_method, delivery_address,
                submission_token, version, updated_at, kecamatan_id, page_id, service_id, due_at, processing,
                siak_reference, channel, contact_email, nik_digest, promised_duration, promised_duration_unit,
                return_count, resubmission_count)
            SELECT
                {offset} + g, '{{}}'::jsonb, t.submitted,
                'BEN-' || to_char(t.submitted, 'YYYY') || '-' || ({offset} + g),
                {pick(lambda f: _lit(services[f.pk].title))},
                {pick(lambda f: _lit(f.variant_code))}, {pick(lambda f: _lit(f.title))},
                CASE WHEN t.submitted < {recent} THEN (CASE WHEN g % 50 = 0 THEN 'rejected'
                                                          WHEN g % 50 = 1 THEN 'returned' ELSE 'archived' END)
                     ELSE ({_sql_array(OPEN_STAGES + ["ready_for_pickup", "handed_over"])})[1 + (g / 6) % 6] END,
                t.submitted + interval '3 hours',
                ({_sql_array(NAMES)})[1 + g % {len(NAMES)}] || ' '
                    || ({_sql_array(FAMILY)})[1 + (g / 7) % {len(FAMILY)}],
                '6471' || lpad((g % 100000000)::text, 12, '0'), '', '', 'pickup', '',
                md5(({offset} + g)::text || 'token')::uuid, 1, t.submitted, 1 + g % 6,
                {pick(lambda f: str(f.pk))}, {pick(lambda f: str(services[f.pk].pk))},
                t.submitted + interval '1 day', 'card', '', CASE WHEN g % 10 < 7 THEN 'online' ELSE 'counter' END,
                '', '', 1, 'working_days', CASE WHEN g % 50 = 1 THEN 1 ELSE 0 END, 0
            FROM generate_series(1, {count}) AS g,
                 LATERAL (SELECT now() - interval '730 days' * (1 - g::float / {count}) AS submitted) AS t
            """
        )
        steps = "VALUES " + ",".join(
            f"({i}, '{source}', '{target}', {step if step is not None else 'NULL'})"
            for i, (source, target, step) in enumerate(CARD_PATH, start=1)
        )
        stage = (
            "CASE a.status WHEN 'submitted' THEN 1 WHEN 'accepted' THEN 2 WHEN 'siak_entered' THEN 3 "
            "WHEN 'print_approved' THEN 4 WHEN 'ready_for_pickup' THEN 5 WHEN 'handed_over' THEN 6 "
            "WHEN 'archived' THEN 7 ELSE 1 END"
        )
        cursor.execute(
            f"""
            INSERT INTO intake_statuschange (from_status, to_status, at, note, sop_step, application_id, opened_at)
            SELECT s.source, s.target, a.submit_time + (s.n - 1) * interval '47 minutes', '', s.step, a.id,
                   CASE WHEN s.n > 1 THEN a.submit_time + (s.n - 1) * interval '47 minutes' - interval '12 minutes' END
            FROM intake_application a JOIN ({steps}) AS s(n, source, target, step) ON s.n <= {stage}
            WHERE a.id > {offset}
            """
        )
        # A rejected or returned case ends on its own step after the submission.
        cursor.execute(
            f"""
            INSERT INTO intake_statuschange (from_status, to_status, at, note, sop_step, application_id)
            SELECT 'submitted', a.status, a.submit_time + interval '2 hours', '',
                   CASE WHEN a.status = 'returned' THEN 9 END, a.id
            FROM intake_application a WHERE a.id > {offset} AND a.status IN ('rejected', 'returned')
            """
        )
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('intake_application', 'id'), {offset + count})")
    # Each step's waiting and working minutes, as the timeline keeps them: counted by PostgreSQL itself.
    filling = time.perf_counter()
    step_minutes_fill_sql(after=offset)
    print(f"Counted each step's minutes in {time.perf_counter() - filling:.0f} s", flush=True)
    # And the clock stop and return counts status_change_record keeps on each application.
    filling = time.perf_counter()
    report_times_fill(after=offset)
    print(f"Filled the report's kept columns in {time.perf_counter() - filling:.0f} s", flush=True)
    with connection.cursor() as cursor:
        # VACUUM as well: it sets the visibility map, so the report reads a quarter from its covering indexes alone
        # (as autovacuum would in time on a live database). One statement each: VACUUM runs outside a transaction.
        cursor.execute("VACUUM ANALYZE intake_application")
        cursor.execute("VACUUM ANALYZE intake_statuschange")
        cursor.execute("SELECT count(*) FROM intake_statuschange")
        changes = cursor.fetchone()[0]
    print(f"Built {count:,} applications and {changes:,} timeline rows in {time.perf_counter() - started:.0f} s")


def _median_ms(client, url, params, runs):
    """The median time, rendered as a server renders (the test environment's instrumented templates copy every
    context and cost a third more); then one more request with the context, for the rows it lists."""
    times = []
    teardown_test_environment()
    try:
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, params, response.status_code)
    finally:
        setup_test_environment()
    return statistics.median(times), client.get(url, params)


def _queries(client, url, params):
    """The request's queries and their SQL time: the part of a screen that grows with the data."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return len(queries), sum(float(query["time"]) for query in queries) * 1000


def queue_screens(sample):
    today = date.today()
    screens = [
        ("opens (open cases by due time)", {}),
        ("all cases", {"cases": "all"}),
        ("finished cases", {"cases": "finished"}),
        ("overdue", {"overdue": "true"}),
        ("not overdue", {"overdue": "false"}),
        ("status submitted", {"status": "submitted"}),
        ("status archived", {"status": "archived"}),
        ("processing card", {"processing": "card"}),
        ("variant hilang", {"variant_code": "hilang"}),
        ("kecamatan 6", {"kecamatan": "6"}),
        ("service", {"service": str(sample.service_id)}),
        (
            "submitted last 7 days",
            {"submit_time_after": str(today - timedelta(days=7)), "submit_time_before": str(today)},
        ),
        ("tracking number (exact)", {"q": sample.tracking_number}),
        ("name search", {"q": sample.applicant_name.split()[0]}),
        ("page 50", {"p": "50"}),
    ]
    for column in ("tracking_number", "applicant_name", "status", "due_at", "kecamatan", "variant_name"):
        screens += [(f"sort {column}", {"ordering": column}), (f"sort -{column}", {"ordering": f"-{column}"})]
    return screens


def _staff(username, role, kecamatan=None):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", "is_staff": True}
    )
    if created:
        user.groups.add(Group.objects.get(name=role))
        if kecamatan:
            StaffProfile.objects.create(user=user, kecamatan=kecamatan)
    return user


def staff_timings(runs):
    officers = {
        "operator.kota": _staff("operator.kota", StaffRole.OPERATOR, Kecamatan.objects.get(name="Balikpapan Kota")),
        "verifikator": _staff("verifikator", StaffRole.VERIFIER),
    }
    queue = reverse("intake_application:index")
    sample = Application.objects.filter(status="submitted", kecamatan_id=6).order_by("-id").first()
    sample.tracking_number = tracking_number_new("KTP", sample.submit_time.year)
    sample.save(update_fields=["tracking_number"])
    print(
        f"\n{'queue screen':<36} {'operator p50 ms':>15} {'verifier p50 ms':>15} {'queries':>7} "
        f"{'SQL ms (op/ver)':>15} {'rows':>5}"
    )
    worst = 0.0
    for name, params in queue_screens(sample):
        cells, sql = [], []
        for username in ("operator.kota", "verifikator"):
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(officers[username])
            client.get(queue, params)  # warm
            median, response = _median_ms(client, queue, params, runs)
            cells.append(median)
            rows = len(response.context["object_list"])
            count, sql_ms = _queries(client, queue, params)
            sql.append(sql_ms)
        worst = max(worst, *cells)
        print(f"{name:<36} {cells[0]:15.0f} {cells[1]:15.0f} {count:7d} {sql[0]:7.0f}/{sql[1]:<7.0f} {rows:5d}")
    # "Kasus saya": each officer holds a working day's cases among the million.
    mine = reverse("intake_application:mine")
    cells = []
    for user in officers.values():
        held = Application.objects.filter(status="submitted").order_by("-id")[:40].values_list("pk", flat=True)
        Application.objects.filter(pk__in=list(held)).update(holder=user)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(mine)
        median, _response = _median_ms(client, mine, {}, runs)
        cells.append(median)
        Application.objects.filter(holder=user).update(holder=None)
    worst = max(worst, *cells)
    print(f"{'Kasus saya (40 held)':<36} {cells[0]:15.0f} {cells[1]:15.0f}")
    print(f"{'slowest queue screen':<36} {worst:15.0f} ms (target <= 150 ms)")

    end = date.today()
    quarter = ReportScope(start=end - timedelta(days=91), end=end)
    timings = []
    for _ in range(ARGS.report_runs):
        started = time.perf_counter()
        report_sections(quarter)
        timings.append(time.perf_counter() - started)
    for _order, builder in _SECTIONS:
        started = time.perf_counter()
        with planner_settings(**REPORT_QUERY_SETTINGS):  # as report_sections runs each
            section_build(builder, [quarter])
        print(f"  section {builder.__module__}.{builder.__name__}: {time.perf_counter() - started:.2f} s")
    cohort = Application.objects.filter(submit_time__date__gte=quarter.start).count()
    print(
        f"\nReport, city-wide, {quarter.start} to {quarter.end} ({cohort:,} applications): "
        f"median {statistics.median(timings):.2f} s of {len(timings)} (target <= 2 s)"
    )
    report_page(officers["verifikator"])


def report_page(user):
    """The last whole quarter's city-wide report as the head of office opens it: the page through the test client,
    with whatever it shows beside the sections (the previous quarter, the 12-month trends)."""
    today = date.today()
    number = (today.month - 1) // 3  # the quarter before this one
    year = today.year if number else today.year - 1
    params = {"period": "quarter", "year": str(year), "quarter": str(number or 4), "kecamatan": "", "service": ""}
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("service_report:index")
    client.get(url, params)  # warm
    median, _response = _median_ms(client, url, params, ARGS.report_runs)
    count, sql_ms = _queries(client, url, params)
    print(
        f"Report page, city-wide, quarter {number or 4} of {year}: median {median / 1000:.2f} s of "
        f"{ARGS.report_runs}, {count} queries, {sql_ms / 1000:.2f} s of SQL (target <= 2 s)"
    )


def main():
    setup_test_environment()  # the test client then hands back each response's context (the rows listed)
    try:
        if CREATED:
            print(f"Database {ARGS.database}: migrating and loading the seed content ...", flush=True)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("load_seed_content", verbosity=0)
            call_command("load_example_service", verbosity=0)
            staff_roles_ensure()
        existing = Application.objects.count()
        if existing < ARGS.applications:
            generate(ARGS.applications - existing)
        staff_timings(ARGS.runs)
    finally:
        if not ARGS.keep:
            connection.close()
            _psql(f'DROP DATABASE IF EXISTS "{ARGS.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
