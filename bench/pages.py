"""Public pages (kept and uncached) and a signed-in citizen's form page, as shares of a trivial Django view. By hand:

    .venv/bin/python bench/pages.py [--database bench_pages] [--seconds 5] [--keep] [--only form]

Everything is served by gunicorn with the same settings (gunicorn.conf.py, 2 sync workers): the ceiling
(bench/ceiling.py), the portal with its page cache on a local Redis, and the portal with the page cache off.
Runs are interleaved (ceiling, page, ceiling, …); each page is compared with the mean of the ceiling runs on
either side of it, so the machine's drift cancels. For each run: requests per second, p50 and p99 from wrk,
the workers' CPU milliseconds per request from /proc/<pid>/stat, and the page's queries (uncached) from the test
client. Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 and redis-server. Prints, never asserts.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
TICKS = os.sysconf("SC_CLK_TCK")


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="bench_pages")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database (reused next time)")
    parser.add_argument("--only", default="", help="run only the pages whose name holds this text (e.g. form)")
    return parser.parse_args()


ARGS = _args()
ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1; TLS ends at the load balancer in production
    "DATABASE_URL": f"{POSTGRES}/{ARGS.database}",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _psql(sql):
    command = ["psql", f"{POSTGRES}/postgres", "-Atqc", sql]  # noqa: S607 - the PostgreSQL client on PATH
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603


CREATED = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{ARGS.database}'") != "1"  # noqa: S608
if CREATED:
    _psql(f'CREATE DATABASE "{ARGS.database}"')

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from forms.models import ApplicationFormPage, CitizenProfile  # noqa: E402
from portal.caching import content_changed  # noqa: E402

PUBLIC = [
    "/",
    "/layanan/",
    "/layanan/cetak-ktp-el/",
    "/layanan/pendaftaran-ikd/",
    "/produk-hukum/keputusan-188-46-5-disdukcapil-2024/",
    "/produk-hukum/keputusan-188-4-22-disdukcapil-2021/",
    "/cari/?q=KTP",
]


def _start(name, command, logs, env):
    log = open(logs / f"{name}.log", "w")  # noqa: SIM115 - open while the process runs
    return subprocess.Popen(command, cwd=REPO, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _gunicorn(name, app, logs, env=None):
    port = _free_port()
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--workers", str(ARGS.workers)]
    process = _start(name, [*command, "--bind", f"127.0.0.1:{port}", app], logs, env or {})
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()  # noqa: S310 - our own local server
            return process, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{name} did not start; see {logs}/{name}.log")


def _cpu_ticks(master_pid):
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid: a worker of this gunicorn
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(server, url, headers=(), seconds=None):
    process, base = server
    before = _cpu_ticks(process.pid)
    command = ["wrk", "-t2", f"-c{ARGS.connections}", f"-d{seconds or ARGS.seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, base + url], check=True, capture_output=True, text=True).stdout  # noqa: S603
    cpu_ms = (_cpu_ticks(process.pid) - before) * 1000 / TICKS
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "cpu": cpu_ms / max(requests, 1),
        "errors": errors,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def queries(client, url):
    """Queries of the page served without the page cache: just after a publish (nothing made from content is
    kept), then with its route and fragment kept, as "after publish/kept"."""
    counts = []
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        for fresh in (True, False):
            if fresh:
                content_changed()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            counts.append(len(captured))
    return "/".join(map(str, counts))


def _citizen_session():
    user, _ = get_user_model().objects.get_or_create(username="bench.warga", defaults={"email": "warga@bench.invalid"})
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    CitizenProfile.objects.get_or_create(user=user, defaults={"full_name": "Warga Bench", "mobile": "+6281200000000"})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client, client.cookies["sessionid"].value


def main():
    logs = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    processes = []
    try:
        if CREATED:
            print(f"Database {ARGS.database}: migrating and loading the seed content ...", flush=True)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("load_seed_content", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        redis_port = _free_port()
        redis = _start(
            "redis", ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"], logs, {}
        )
        processes.append(redis)
        time.sleep(0.5)
        redis_env = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        ceiling = _gunicorn("ceiling", "bench.ceiling:application", logs)
        kept = _gunicorn("portal-kept", "portal.wsgi", logs, redis_env)
        uncached = _gunicorn("portal-uncached", "portal.wsgi", logs, {**redis_env, "PAGE_CACHE_ENABLED": "false"})
        processes += [ceiling[0], kept[0], uncached[0]]

        client = Client(HTTP_HOST="127.0.0.1")
        citizen, session = _citizen_session()
        form = ApplicationFormPage.objects.live().get(slug="hilang").url
        gzip = ("Accept-Encoding: gzip",)
        runs = [(f"kept {url}", kept, url, gzip, queries(client, url)) for url in PUBLIC]
        runs += [(f"uncached {url}", uncached, url, gzip, queries(client, url)) for url in PUBLIC]
        citizen_counts = []
        for _ in range(2):  # the first request of a session writes when it was last seen; the next ones do not
            with CaptureQueriesContext(connection) as captured:
                assert citizen.get(form).status_code == 200
            citizen_counts.append(len(captured))
        runs.append(
            (
                f"citizen form {form}",
                uncached,
                form,
                (f"Cookie: sessionid={session}",),
                "/".join(map(str, citizen_counts)),
            )
        )
        runs = [run for run in runs if ARGS.only in run[0]]

        print(
            f"gunicorn {ARGS.workers} sync workers, wrk -t2 -c{ARGS.connections} -d{ARGS.seconds}s; "
            f"ceiling = bench/ceiling.py under the same gunicorn settings\n"
        )
        print(
            f"{'page':<64} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms':>7} {'share':>7} {'queries':>7} "
            f"{'errors':>6}"
        )
        # Every worker of every server has served each page before anything is timed: the first requests of a
        # fresh worker pay for imports and template compiling, which no steady state does.
        for _name, server, url, headers, _count in runs:
            wrk(server, url, headers, seconds=1)
        wrk(ceiling, "/", seconds=1)
        previous = wrk(ceiling, "/")
        ceilings = [previous]
        for name, server, url, headers, count in runs:
            result = wrk(server, url, headers)
            after = wrk(ceiling, "/")
            ceilings.append(after)
            base = (previous["rps"] + after["rps"]) / 2
            print(
                f"{name:<64} {result['rps']:7.0f} {result['p50']:7.2f} {result['p99']:7.2f} {result['cpu']:7.2f} "
                f"{100 * result['rps'] / base:6.1f}% {count!s:>7} {result['errors']:6d} {result['socket_errors']}",
                flush=True,
            )
            previous = after
        rates = sorted(run["rps"] for run in ceilings)
        cpu = sorted(run["cpu"] for run in ceilings)
        print(
            f"\nceiling: {len(ceilings)} runs, req/s min {rates[0]:.0f} median {rates[len(rates) // 2]:.0f} "
            f"max {rates[-1]:.0f}; CPU ms/request median {cpu[len(cpu) // 2]:.3f}"
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        if not ARGS.keep:
            connection.close()
            _psql(f'DROP DATABASE IF EXISTS "{ARGS.database}" WITH (FORCE)')
        shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
