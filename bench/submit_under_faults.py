"""Citizens' submissions under faults: N citizens apply at once, two uploads each, against gunicorn, PostgreSQL and
moto's S3 server; first plainly, then while a gunicorn worker is killed, then while S3 refuses connections. By hand:

    .venv/bin/python bench/submit_under_faults.py [--citizens 200] [--workers 4] [--outage 10]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, as in CI). Builds its own throwaway database `bench_faults`,
dropped at the end, and starts moto and gunicorn on free local ports, stopped at the end; nothing else is touched
and nothing leaves 127.0.0.1. As behind the office's load balancer, gunicorn trusts one X-Forwarded-For hop and
each citizen comes from their own address (`--shared-address`: all from one, as behind a carrier's NAT). A citizen
whose submission fails (dropped connection, 5xx page) submits the same form again with the same one-time token, a
few times with a growing pause, as a browser's back-and-resend would.

After each scenario it reconciles what the citizens were told with what was kept: receipts, Application and
ApplicationDocument rows, objects under the private prefix, orphans (objects no row names) and lost submissions
(receipts with no row). Orphans are counted raw first; then, if there are any, private_orphans_sweep runs as the
hourly job would an hour later, and "left" counts what it could not remove. Exits 1 unless, in every scenario,
every citizen got a receipt, the receipts are the rows, each row has its two documents and nothing is left.
"""

import argparse
import io
import os
import random
import re
import secrets
import selectors
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import django
import psycopg
import requests
from PIL import Image
from psycopg import sql
from pypdf import PdfWriter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
DATABASE = os.environ.get("BENCH_DATABASE", "bench_faults")  # another name when two runs share a server
BUCKET = "bench-faults"
PRIVATE_PREFIX = "private/"  # the private storage's `location`
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_S3_REGION_NAME": "us-east-1"}
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "bench.fault_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),  # this run's throwaway database and sessions only
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",  # the status e-mails go nowhere
        "LOG_LEVEL": "WARNING",
    }
)

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.db.models import Max  # noqa: E402

from forms.constants import ApplicationFieldType, DeliveryMethod  # noqa: E402
from forms.models import Application, ApplicationDocument, ApplicationFormPage, CitizenProfile  # noqa: E402
from services.models import Kecamatan  # noqa: E402

FORM_SLUG = "hilang"  # KTP-el lost: identity fields, two documents, pickup or courier
LOGIN_PATH = "/akun/login/"
RECEIPT = re.compile(r"/permohonan/([A-Z]+-\d{4}-[0-9A-Z]+)/tanda-terima/")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
ATTEMPTS = 8  # a citizen's tries at one request; the pauses between them grow to 8 s, about 45 s in all
TIMEOUT = (10, 300)  # connect, read: as long as a browser waits, for 200 requests queued behind a few workers
FAULT_AFTER = 0.25  # the fault starts once this share of the citizens hold a receipt
FORM_REFUSED = "form shown again with errors (bench bug)"


def _jpeg(kib=0) -> bytes:
    out = io.BytesIO()
    if kib:
        # Noise does not compress: a photo of about `kib` KiB, as a phone camera sends.
        side = int((kib * 1024 / 0.9) ** 0.5)  # noise at quality 90: about 0.9 bytes a pixel
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="JPEG", quality=90)
    else:
        Image.new("RGB", (120, 80), (200, 40, 40)).save(out, format="JPEG", quality=85)
    return out.getvalue()


def _pdf(kib=0) -> bytes:
    if kib:
        # A scanned page: one noise image of about `kib` KiB in a PDF.
        out = io.BytesIO()
        Image.open(io.BytesIO(_jpeg(int(kib * 1.1)))).save(out, format="PDF", quality=90)
        return out.getvalue()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _uploads(kib=0):
    return [("ktp-hilang.jpg", _jpeg(kib), "image/jpeg"), ("kartu-keluarga.pdf", _pdf(kib), "application/pdf")]


UPLOADS = _uploads()


# --- processes and the database ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_recreate():
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))


def _database_drop():
    connections.close_all()
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))


def _start(name, command, logs, env=None):
    log = (logs / f"{name}.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own venv's executables, fixed arguments
        command, cwd=REPO, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
    )
    return process


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(check, process, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}")
        try:
            if check():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.25)
    raise SystemExit(f"{what} did not answer within {timeout} s")


def _port_open(port) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def _healthy(base_url) -> bool:
    return requests.get(base_url + "/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=5).ok


def _workers(master_pid) -> list[tuple[int, str]]:
    """gunicorn's workers (the master's children) with their process state, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue
        if int(parent) == master_pid:
            found.append((int(stat.parent.name), state))
    return found


class _Pipe(socketserver.BaseRequestHandler):
    def handle(self):
        relay = self.server.relay
        try:
            upstream = socket.create_connection(("127.0.0.1", relay.target_port))
        except OSError:
            return
        relay.track(self.request, upstream)
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self.request, selectors.EVENT_READ, upstream)
                selector.register(upstream, selectors.EVENT_READ, self.request)
                while True:
                    for key, _ in selector.select():
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        key.data.sendall(data)
        except OSError:
            pass
        finally:
            relay.untrack(self.request, upstream)
            upstream.close()


class _RelayServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class S3Relay:
    """A TCP relay in front of moto that can refuse every connection for a while, as a stopped S3 endpoint would.

    Stopping moto itself would lose its in-memory bucket, leaving nothing to reconcile; SIGSTOP would hang each
    connection until gunicorn's worker timeout instead of refusing it. The relay keeps moto and its objects
    running, closes its listening port (connection refused) and resets the connections in flight.
    """

    def __init__(self, *, port, target_port):
        self.port, self.target_port = port, target_port
        self._live, self._lock, self._server = set(), threading.Lock(), None

    def track(self, *sockets):
        with self._lock:
            self._live.update(sockets)

    def untrack(self, *sockets):
        with self._lock:
            self._live.difference_update(sockets)

    def up(self):
        self._server = _RelayServer(("127.0.0.1", self.port), _Pipe)
        self._server.relay = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server = None
        with self._lock:
            live = list(self._live)
        for sock in live:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pipe, which closes it
            except OSError:
                pass


# --- the citizens ------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    receipts: set = field(default_factory=set)
    failures: Counter = field(default_factory=Counter)
    gave_up: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def receipt(self, tracking_number):
        with self.lock:
            self.receipts.add(tracking_number)

    def failure(self, kind):
        with self.lock:
            self.failures[kind] += 1

    def giving_up(self):
        with self.lock:
            self.gave_up += 1


def _error_kind(error: requests.RequestException) -> str:
    if isinstance(error, requests.Timeout):
        return "no answer in time"
    text = str(error)
    if "refused" in text.lower():
        return "connection refused"
    if any(sign in text for sign in ("RemoteDisconnected", "reset", "aborted", "Broken pipe")):
        return "connection dropped"
    return f"connection error: {type(error).__name__}"


def _pause(attempt):
    time.sleep(min(2**attempt, 8) * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not a secret


class Citizen:
    def __init__(self, *, number, email, password, base_url, form_path, answers, files, typed_name, address):
        self.number, self.email, self.password = number, email, password
        self.base_url, self.form_path = base_url, form_path
        self.answers, self.files, self.typed_name = answers, files, typed_name
        self.http = requests.Session()
        # As the load balancer and a browser would send them; production trusts X-Forwarded-Proto.
        origin = base_url.replace("http://", "https://")
        self.http.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})
        if address:
            self.http.headers["X-Forwarded-For"] = address

    def _request(self, method, path, **kwargs):
        response = self.http.request(method, self.base_url + path, allow_redirects=False, timeout=TIMEOUT, **kwargs)
        # The session and CSRF cookies are Secure; TLS would end at the load balancer, absent here.
        for cookie in self.http.cookies:
            cookie.secure = False
        return response

    def _with_retries(self, tally, step, what):
        """Run step, which returns (result, failure kind or None, whether to retry), until it succeeds or gives up."""
        for attempt in range(ATTEMPTS):
            try:
                result, kind, retry = step()
            except requests.RequestException as error:
                result, kind, retry = None, _error_kind(error), True
            if kind is None:
                return result
            tally.failure(f"{what}: {kind}")
            if not retry:
                return None
            _pause(attempt)
        return None

    def _status_kind(self, response) -> tuple[str, bool]:
        status = response.status_code
        if status == 503:
            kept = f'value="{self.typed_name}"' in response.text
            return ("HTTP 503, typed values kept" if kept else "HTTP 503, typed values lost"), True
        if status >= 500:
            return f"HTTP {status}", True
        if status == 200:
            return FORM_REFUSED, False
        return f"HTTP {status} {response.headers.get('Location', '')}".strip(), False

    def log_in(self, tally) -> bool:
        def step():
            page = self._request("GET", LOGIN_PATH)
            if page.status_code != 200:
                return (None, *self._status_kind(page))
            data = {"csrfmiddlewaretoken": CSRF.search(page.text).group(1), "login": self.email}
            response = self._request("POST", LOGIN_PATH, data={**data, "password": self.password})
            if response.status_code == 302 and response.headers["Location"] != LOGIN_PATH:
                return True, None, False
            return (None, *self._status_kind(response))

        return bool(self._with_retries(tally, step, "log in"))

    def open_form(self, tally):
        def step():
            page = self._request("GET", self.form_path)
            if page.status_code != 200:
                return (None, *self._status_kind(page))
            # The whole form in one POST, as a script client sends it: the one-time token is the client's own
            # (the step pages keep theirs in the draft).
            found = SUBMISSION_TOKEN.search(page.text)
            token = found.group(1) if found else str(uuid.uuid4())
            return (CSRF.search(page.text).group(1), token), None, False

        return self._with_retries(tally, step, "open form")

    def submit(self, tally, csrf_token, submission_token):
        # The same token on every try: a resend after a dropped connection must not make a second application.
        data = {**self.answers, "csrfmiddlewaretoken": csrf_token, "submission_token": submission_token}

        def step():
            response = self._request("POST", self.form_path, data=data, files=self.files)
            found = RECEIPT.search(response.headers.get("Location", ""))
            if response.status_code == 302 and found:
                return found.group(1), None, False
            return (None, *self._status_kind(response))

        return self._with_retries(tally, step, "submit")

    def read_receipt(self, tally, tracking_number):
        def step():
            page = self._request("GET", f"/permohonan/{tracking_number}/tanda-terima/")
            if page.status_code == 200 and tracking_number in page.text:
                return True, None, False
            return (None, *self._status_kind(page))

        self._with_retries(tally, step, "receipt page")

    def apply(self, tally, ready: threading.Barrier):
        """Open the form, wait until every citizen has it open, submit, then read the receipt."""
        try:
            form = self.open_form(tally)
        finally:
            ready.wait()
        tracking_number = self.submit(tally, *form) if form else None
        if tracking_number is None:
            tally.giving_up()
            return
        tally.receipt(tracking_number)
        self.read_receipt(tally, tracking_number)


# --- setup, faults and reconciliation ----------------------------------------------------------------------------


def _form_fields():
    """The seeded KTP-el form's path, and each field's name and type, read from the page as an editor left it."""
    page = ApplicationFormPage.objects.get(slug=FORM_SLUG)
    return page.get_url_parts()[2], [(field.clean_name, field.field_type) for field in page.get_form_fields()]


def _answers(number, kecamatan_id, fields, name):
    nik = f"647106120890{number:04d}"  # born 12 August 1990 in Balikpapan Kota, serial = the citizen's number
    values = {
        ApplicationFieldType.SINGLELINE: name,
        ApplicationFieldType.NIK: " ".join(nik[i : i + 4] for i in range(0, 16, 4)),  # typed as printed
        ApplicationFieldType.KK: f"647106010110{number:04d}",
        ApplicationFieldType.MOBILE: f"0812-{number:04d}-{number:04d}",
        ApplicationFieldType.KECAMATAN: str(kecamatan_id),
        ApplicationFieldType.DELIVERY: DeliveryMethod.PICKUP,
    }
    answers, files, uploads = {}, {}, iter(UPLOADS)
    for field_name, field_type in fields:
        if field_type == ApplicationFieldType.DOCUMENT:
            files[field_name] = next(uploads)
        elif field_type in values:
            answers[field_name] = values[field_type]
        elif field_type == ApplicationFieldType.DELIVERY_ADDRESS:
            continue  # asked only when the card goes by courier; these citizens pick it up
        else:
            raise SystemExit(f"The form's field {field_name} ({field_type}) is one the bench cannot fill.")
    answers["pernyataan"] = "on"  # the declaration, as the check-your-answers page asks for it
    if len(files) != len(UPLOADS):
        raise SystemExit(f"The bench expects a form with {len(UPLOADS)} documents; it has {len(files)}.")
    return answers, files


def _citizens_create(count, base_url, *, shared_address) -> list[Citizen]:
    """Citizens with a confirmed e-mail, as sign-up leaves them; one password hash, not one per citizen."""
    password = secrets.token_urlsafe(12)
    hashed = make_password(password)
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"warga{n:04d}", email=f"warga{n:04d}@bench.example", first_name=_name(n), password=hashed
        )
        for n in range(1, count + 1)
    )
    EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users)
    CitizenProfile.objects.bulk_create(
        CitizenProfile(user=u, full_name=u.first_name, mobile=f"+62812{n:04d}{n:04d}") for n, u in enumerate(users, 1)
    )
    form_path, fields = _form_fields()
    offices = list(Kecamatan.objects.order_by("name").values_list("pk", flat=True))
    citizens = []
    for n, user in enumerate(users, 1):
        answers, files = _answers(n, offices[n % len(offices)], fields, user.first_name)
        citizens.append(
            Citizen(
                number=n,
                email=user.email,
                password=password,
                base_url=base_url,
                form_path=form_path,
                answers=answers,
                files=files,
                typed_name=user.first_name,
                address=None if shared_address else f"10.20.{n // 256}.{n % 256}",
            )
        )
    return citizens


def _name(number):
    return f"Warga Uji {number:04d}"


def _together(citizens, task):
    threads = [threading.Thread(target=task, args=(citizen,)) for citizen in citizens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _when_receipts_reach(tally, share, citizens, done) -> bool:
    while len(tally.receipts) < share * len(citizens):
        if done.wait(0.05):
            return False
    return True


def kill_a_worker(master_pid):
    def fault(tally, citizens, done, start):
        if not _when_receipts_reach(tally, FAULT_AFTER, citizens, done):
            return "the scenario ended before the fault"
        workers = _workers(master_pid)
        running = [pid for pid, state in workers if state == "R"] or [pid for pid, _ in workers]
        victim = running[0]
        os.kill(victim, signal.SIGKILL)
        return f"SIGKILL to worker {victim} at {time.perf_counter() - start:.1f} s, {len(tally.receipts)} receipts in"

    return fault


def s3_outage(relay, seconds):
    def fault(tally, citizens, done, start):
        if not _when_receipts_reach(tally, FAULT_AFTER, citizens, done):
            return "the scenario ended before the fault"
        began, receipts = time.perf_counter() - start, len(tally.receipts)
        relay.down()
        time.sleep(seconds)
        relay.up()
        return (
            f"S3 refused connections from {began:.1f} s to {time.perf_counter() - start:.1f} s, {receipts} receipts in"
        )

    return fault


def _stored_objects(s3) -> set[str]:
    names = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=PRIVATE_PREFIX):
        names.update(item["Key"] for item in page.get("Contents", []))
    return names


@dataclass
class Outcome:
    name: str
    citizens: int
    seconds: float
    receipts: int
    rows: int
    documents: int
    objects: int
    orphans: list
    left_after_sweep: int
    lost: int
    unreceipted: int
    gave_up: int
    failures: Counter
    note: str
    fired: bool

    @property
    def holds(self) -> bool:
        # An object stored just before S3 went away cannot be deleted by its own request while S3 is still away;
        # the hourly sweep is what removes it, so that is the count that must reach 0.
        reconciled = self.lost == self.unreceipted == self.left_after_sweep == 0
        return (
            self.fired and reconciled and self.receipts == self.citizens and self.documents == len(UPLOADS) * self.rows
        )


SWEEP_AN_HOUR_LATER = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from forms.intake.orphans import ORPHAN_MIN_AGE, private_orphans_sweep
private_orphans_sweep(now=timezone.now() + ORPHAN_MIN_AGE + timedelta(minutes=1))
"""


def _sweep_as_an_hour_later(storage_env) -> None:
    """Run the hourly private_orphans_sweep as it would run an hour from now, against the same bucket."""
    subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", SWEEP_AN_HOUR_LATER], cwd=REPO, env={**os.environ, **storage_env}, check=True
    )


def run_scenario(name, citizens, s3, storage_env, fault=None) -> Outcome:
    print(f"  {name} ...", flush=True)
    last_row = Application.objects.aggregate(last=Max("pk"))["last"] or 0
    objects_before = _stored_objects(s3)
    tally, ready, done = Tally(), threading.Barrier(len(citizens)), threading.Event()
    start = time.perf_counter()
    note = []
    faulting = fault and threading.Thread(target=lambda: note.append(fault(tally, citizens, done, start)))
    if faulting:
        faulting.start()
    _together(citizens, lambda citizen: citizen.apply(tally, ready))
    done.set()
    if faulting:
        faulting.join()
    seconds = time.perf_counter() - start

    rows = dict(Application.objects.filter(pk__gt=last_row).values_list("tracking_number", "pk"))
    named = {PRIVATE_PREFIX + name for name in ApplicationDocument.objects.values_list("object_name", flat=True)}
    new_objects = _stored_objects(s3) - objects_before
    orphans = sorted(new_objects - named)
    left_after_sweep = 0
    if orphans:
        _sweep_as_an_hour_later(storage_env)
        left_after_sweep = len(set(orphans) & _stored_objects(s3))
    return Outcome(
        name=name,
        citizens=len(citizens),
        seconds=seconds,
        receipts=len(tally.receipts),
        rows=len(rows),
        documents=ApplicationDocument.objects.filter(application_id__in=rows.values()).count(),
        objects=len(new_objects),
        orphans=orphans,
        left_after_sweep=left_after_sweep,
        lost=len(tally.receipts - rows.keys()),
        unreceipted=len(rows.keys() - tally.receipts),
        gave_up=tally.gave_up,
        failures=tally.failures,
        note=note[0] if note else "",
        fired=not note or not note[0].startswith("the scenario ended"),
    )


def report(outcomes):
    head = (
        f"{'scenario':<16} {'citizens':>8} {'receipts':>8} {'rows':>5} {'docs':>5} {'objects':>7} {'orphans':>7} "
        f"{'swept':>5} {'left':>4} {'lost':>5} {'no receipt':>10} {'gave up':>7} {'seconds':>7}  holds"
    )
    print("\n" + head)
    for o in outcomes:
        print(
            f"{o.name:<16} {o.citizens:8d} {o.receipts:8d} {o.rows:5d} {o.documents:5d} {o.objects:7d} "
            f"{len(o.orphans):7d} {len(o.orphans) - o.left_after_sweep:5d} {o.left_after_sweep:4d} "
            f"{o.lost:5d} {o.unreceipted:10d} {o.gave_up:7d} {o.seconds:7.1f}  "
            f"{'yes' if o.holds else 'NO'}"
        )
    print("\nfaults and orphans:")
    for o in outcomes:
        if o.note:
            print(f"  {o.name}: {o.note}")
        for key in o.orphans[:5]:
            print(f"  {o.name}: orphan {key}")
    print("\nclient-side failures (each retried with the same form and token, unless a bench bug):")
    failures = [(o.name, kind, count) for o in outcomes for kind, count in sorted(o.failures.items())]
    for name, kind, count in failures:
        print(f"  {name:<16} {kind:<48} {count:5d}")
    if not failures:
        print("  none")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--outage", type=float, default=10.0, help="seconds S3 refuses connections")
    parser.add_argument("--shared-address", action="store_true", help="every citizen behind one address")
    parser.add_argument("--upload-kib", type=int, default=0, help="each upload's size (0: a few KiB)")
    parser.add_argument("--plain-only", action="store_true", help="only the scenario without faults")
    args = parser.parse_args()
    if args.upload_kib:
        UPLOADS[:] = _uploads(args.upload_kib)
        print("uploads: " + ", ".join(f"{name} {len(content) // 1024} KiB" for name, content, _type in UPLOADS))
    logs = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    processes, relay, holds = [], None, False
    try:
        started = time.perf_counter()
        print(f"Database {DATABASE}: migrating and loading the seed content ...", flush=True)
        _database_recreate()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_seed_content", verbosity=0)
        print(f"  ready after {time.perf_counter() - started:.0f} s", flush=True)

        moto_port, relay_port, app_port = _free_port(), _free_port(), _free_port()
        moto = _start("moto", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)], logs)
        processes.append(moto)
        _wait_for(lambda: _port_open(moto_port), moto, "moto_server")
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{moto_port}",
            aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=S3_CREDENTIALS["AWS_S3_REGION_NAME"],
        )
        s3.create_bucket(Bucket=BUCKET)
        relay = S3Relay(port=relay_port, target_port=moto_port)
        relay.up()

        s3_env = {
            **S3_CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{relay_port}",
            "ALLAUTH_TRUSTED_PROXY_COUNT": "0" if args.shared_address else "1",
        }
        gunicorn = _start(
            "gunicorn",
            [str(BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{app_port}", "--workers", str(args.workers)],
            logs,
            env=s3_env,
        )
        processes.append(gunicorn)
        base_url = f"http://127.0.0.1:{app_port}"
        _wait_for(lambda: _healthy(base_url), gunicorn, "gunicorn")

        citizens = _citizens_create(args.citizens, base_url, shared_address=args.shared_address)
        print(f"{len(citizens)} citizens log in at once ...", flush=True)
        logins = Tally()
        login_start = time.perf_counter()
        signed_in = []
        _together(citizens, lambda citizen: citizen.log_in(logins) and signed_in.append(citizen))
        print(
            f"  {len(signed_in)} logged in after {time.perf_counter() - login_start:.1f} s; failures: "
            f"{dict(logins.failures) or 'none'}"
        )
        if len(signed_in) != len(citizens):
            raise SystemExit("Not every citizen could log in; the scenarios would not mean anything.")

        print(f"Each scenario: {len(citizens)} citizens open the KTP-el form, then all submit it with two uploads.")
        outcomes = [run_scenario("plain", citizens, s3, s3_env)]
        if not args.plain_only:
            outcomes += [
                run_scenario("worker killed", citizens, s3, s3_env, kill_a_worker(gunicorn.pid)),
                run_scenario(f"S3 down {args.outage:g} s", citizens, s3, s3_env, s3_outage(relay, args.outage)),
            ]
        report(outcomes)
        plain = outcomes[0]
        print(f"\nplain: {plain.receipts / plain.seconds:.1f} submissions per second on {args.workers} workers")
        holds = all(outcome.holds for outcome in outcomes)
        print(f"\n{'Reconciled' if holds else 'Does NOT reconcile'}; {time.perf_counter() - started:.0f} s in all.")
    finally:
        for process in reversed(processes):
            _stop(process)
        if relay is not None:
            relay.down()
        _database_drop()
        if holds:
            shutil.rmtree(logs, ignore_errors=True)
        else:
            print(f"gunicorn's and moto's logs are kept in {logs}")
    sys.exit(0 if holds else 1)


if __name__ == "__main__":
    main()
