"""How many submissions a second the portal takes with two uploads each, and where each submission's CPU goes.

    .venv/bin/python bench/submit_rate.py [--upload-kib 1024] [--workers 2] [--clients 8] [--seconds 20]

N signed-in citizens post the KTP-el form over and over, each time with a new one-time token (as a script client
may send it; the step pages keep theirs in the draft), to gunicorn on PostgreSQL, Redis for cache, and moto's S3
server over HTTP. Each citizen posts only after its previous receipt came back, so the rate is what the server
sustains, not what a queue holds.

Besides submissions a second, p50 and p99, it prints the CPU each submission cost in every process on the
machine (gunicorn workers, moto, PostgreSQL, Redis, this client), read from /proc before and after the measured
window. On a 2-core machine those add up to the ceiling: 2,000 ms of CPU a second, divided by the sum. With
--profile and py-spy installed, one worker is sampled and its time is grouped by what it was doing.

Builds its own throwaway database `bench_rate` (dropped at the end), starts moto and gunicorn on free local ports,
and uses Redis database 13 (flushed before and after). Nothing leaves 127.0.0.1.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE", "bench_rate")
REDIS_URL = "redis://127.0.0.1:6379/13"

import submit_under_faults as faults  # noqa: E402  (sets up Django on the bench database)
from django.core.management import call_command  # noqa: E402

from forms.models import Application, ApplicationDocument  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WARM_UP_SECONDS = 3


def _cpu_seconds(pid) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _processes() -> dict[int, tuple[str, int]]:
    """Every process: its command name and parent."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        parent = int(text.rsplit(")", 1)[1].split()[1])
        found[int(stat.parent.name)] = (name, parent)
    return found


def _descendants(root, table) -> set[int]:
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (_name, parent) in table.items() if parent in frontier} - found
        found |= frontier
    return found


def _cpu_by_role(gunicorn_pid, moto_pid) -> Counter:
    table = _processes()
    roles = Counter()
    for pid in _descendants(gunicorn_pid, table):
        roles["gunicorn workers"] += _cpu_seconds(pid)
    roles["gunicorn master"] += _cpu_seconds(gunicorn_pid)
    roles["moto (S3)"] += _cpu_seconds(moto_pid) + sum(_cpu_seconds(p) for p in _descendants(moto_pid, table))
    for pid, (name, _parent) in table.items():
        if name.startswith("postgres"):
            roles["PostgreSQL"] += _cpu_seconds(pid)
        elif name.startswith("redis-server"):
            roles["Redis"] += _cpu_seconds(pid)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    roles["this client"] += usage.ru_utime + usage.ru_stime
    return roles


class Poster:
    def __init__(self, citizen, csrf_token):
        self.citizen, self.csrf_token = citizen, csrf_token
        self.times, self.errors, self.receipts = [], Counter(), 0

    def run(self, stop: threading.Event, measuring: threading.Event):
        citizen = self.citizen
        while not stop.is_set():
            data = {**citizen.answers, "csrfmiddlewaretoken": self.csrf_token, "submission_token": str(uuid.uuid4())}
            started = time.perf_counter()
            try:
                response = citizen._request("POST", citizen.form_path, data=data, files=citizen.files)
            except faults.requests.RequestException as error:
                kind = faults._error_kind(error)
            else:
                found = faults.RECEIPT.search(response.headers.get("Location", ""))
                kind = None if response.status_code == 302 and found else f"HTTP {response.status_code}"
            if not measuring.is_set() or stop.is_set():
                continue
            if kind:
                self.errors[kind] += 1
            else:
                self.receipts += 1
                self.times.append(time.perf_counter() - started)


def _profile_groups(flame_file: Path) -> list[tuple[str, float]]:
    """py-spy's collapsed stacks, grouped by the innermost frame we can name a cause for."""
    groups = [
        ("JPEG/PNG decode and re-encode (Pillow)", re.compile(r"PIL/|_reencode_image")),
        ("PDF rewrite (pypdf)", re.compile(r"pypdf/")),
        ("S3 PUT/HEAD (boto3, botocore, urllib3)", re.compile(r"botocore/|boto3/|s3transfer/|storages/")),
        ("waiting on PostgreSQL", re.compile(r"psycopg/")),
        ("request body parsing (multipart)", re.compile(r"multipartparser|django/http/request")),
        ("templates (the redirect's messages, none)", re.compile(r"django/template/")),
        ("sessions", re.compile(r"contrib/sessions/")),
        ("ORM (Python)", re.compile(r"django/db/")),
        ("libmagic and hashing", re.compile(r"magic/|hashlib|_sha256")),
    ]
    totals, overall = Counter(), 0
    for line in flame_file.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        count = int(count)
        overall += count
        frames = stack.split(";")
        if "gunicorn/" in frames[-1]:
            totals["idle: waiting for the next request"] += count
            continue
        for label, pattern in groups:
            if any(pattern.search(frame) for frame in frames):
                totals[label] += count
                break
        else:
            totals["everything else (Django, Wagtail, the portal)"] += count
    return [(label, 100 * count / overall) for label, count in totals.most_common()] if overall else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload-kib", type=int, default=1024, help="each upload's size")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=8, help="citizens posting at once")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the measured window")
    parser.add_argument(
        "--profile",
        choices=("wall", "cpu"),
        help="sample one worker with py-spy (if installed): all its time (waits included), or only its CPU",
    )
    parser.add_argument("--profile-out", type=Path, help="also keep py-spy's collapsed stacks in this file")
    args = parser.parse_args()
    faults.UPLOADS[:] = faults._uploads(args.upload_kib)
    print("uploads: " + ", ".join(f"{name} {len(content) // 1024} KiB" for name, content, _t in faults.UPLOADS))
    logs = Path(tempfile.mkdtemp(prefix="bench-rate-"))
    processes, ok = [], False
    subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=False, capture_output=True)  # noqa: S607
    try:
        print(f"Database {faults.DATABASE}: migrating and loading the seed content ...", flush=True)
        faults._database_recreate()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_seed_content", verbosity=0)

        moto_port, app_port = faults._free_port(), faults._free_port()
        moto = faults._start("moto", [str(faults.BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)], logs)
        processes.append(moto)
        faults._wait_for(lambda: faults._port_open(moto_port), moto, "moto_server")
        s3 = faults.boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{moto_port}",
            aws_access_key_id=faults.S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=faults.S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=faults.S3_CREDENTIALS["AWS_S3_REGION_NAME"],
        )
        s3.create_bucket(Bucket=faults.BUCKET)
        env = {
            **faults.S3_CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": faults.BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
            "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
            "REDIS_URL": REDIS_URL,
        }
        command = [str(faults.BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{app_port}"]
        gunicorn = faults._start("gunicorn", [*command, "--workers", str(args.workers)], logs, env=env)
        processes.append(gunicorn)
        base_url = f"http://127.0.0.1:{app_port}"
        faults._wait_for(lambda: faults._healthy(base_url), gunicorn, "gunicorn")

        citizens = faults._citizens_create(args.clients, base_url, shared_address=False)
        tally = faults.Tally()
        posters = []
        for citizen in citizens:
            if not citizen.log_in(tally):
                raise SystemExit(f"citizen {citizen.number} could not log in: {dict(tally.failures)}")
            form = citizen.open_form(tally)
            if not form:
                raise SystemExit(f"citizen {citizen.number} could not open the form: {dict(tally.failures)}")
            posters.append(Poster(citizen, form[0]))

        stop, measuring = threading.Event(), threading.Event()
        threads = [threading.Thread(target=p.run, args=(stop, measuring), daemon=True) for p in posters]
        for thread in threads:
            thread.start()
        time.sleep(WARM_UP_SECONDS)
        spy = None
        if args.profile and shutil.which("py-spy", path=str(faults.BIN)):
            worker = sorted(_descendants(gunicorn.pid, _processes()))[0]
            spy = subprocess.Popen(  # noqa: S603
                [
                    str(faults.BIN / "py-spy"),
                    "record",
                    "--pid",
                    str(worker),
                    "--format",
                    "raw",
                    "--nonblocking",
                    *(["--idle"] if args.profile == "wall" else []),
                    "--duration",
                    str(int(args.seconds)),
                    "--output",
                    str(logs / "worker.txt"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        before, started = _cpu_by_role(gunicorn.pid, moto.pid), time.perf_counter()
        measuring.set()
        time.sleep(args.seconds)
        after, elapsed = _cpu_by_role(gunicorn.pid, moto.pid), time.perf_counter() - started
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        receipts = sum(p.receipts for p in posters)
        errors = sum((p.errors for p in posters), Counter())
        times = sorted(t for p in posters for t in p.times)
        rows = Application.objects.count()
        documents = ApplicationDocument.objects.count()
        objects = sum(
            page.get("KeyCount", 0)
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=faults.BUCKET, Prefix=faults.PRIVATE_PREFIX)
        )
        rate = receipts / elapsed
        print(
            f"\n{args.clients} citizens, {args.workers} sync workers, {elapsed:.1f} s measured "
            f"after {WARM_UP_SECONDS} s of warm-up"
        )
        print(f"  submissions: {receipts} ({rate:.1f} per second), errors: {dict(errors) or 'none'}")
        if times:
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"  p50 {statistics.median(times) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
        print(f"  kept in all (warm-up included): {rows} applications, {documents} documents, {objects} objects")
        print("\nCPU per submission, by process:")
        total = 0.0
        for role in sorted(after, key=lambda r: after[r] - before[r], reverse=True):
            per = (after[role] - before[role]) / max(receipts, 1) * 1000
            total += per
            print(f"  {role:<20} {per:7.1f} ms")
        print(f"  {'all':<20} {total:7.1f} ms")
        cores = os.cpu_count() or 1
        print(
            f"  {cores} cores: at most {cores * 1000 / total:.1f} submissions per second if the CPU is the limit;"
            f" the run used {sum(after.values()) - sum(before.values()):.1f} of {cores * elapsed:.1f} CPU seconds"
        )
        if spy is not None:
            spy.wait(timeout=args.seconds + 60)
            flame = logs / "worker.txt"
            if flame.exists():
                what = "wall time, waits included" if args.profile == "wall" else "CPU time only"
                print(f"\nOne worker, sampled by py-spy ({what}):")
                for label, share in _profile_groups(flame):
                    print(f"  {share:5.1f} %  {label}")
                if args.profile_out:
                    shutil.copy(flame, args.profile_out)
        ok = not errors and documents == 2 * rows and objects == documents
    finally:
        for process in reversed(processes):
            faults._stop(process)
        faults._database_drop()
        subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=False, capture_output=True)  # noqa: S607
        if ok:
            shutil.rmtree(logs, ignore_errors=True)
        else:
            print(f"gunicorn's and moto's logs are kept in {logs}")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
