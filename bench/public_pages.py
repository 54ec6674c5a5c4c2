"""Throughput of the public pages against a trivial view, and their query counts. Run by hand:

    .venv/bin/python bench/public_pages.py [--seconds 3]

Uses the development database (run `make setup` first); prints ratios, never asserts.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DJANGO_DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from bench.measure import count_queries, throughput  # noqa: E402

PATHS = [
    "/",
    "/layanan/",
    "/layanan/cetak-ktp-el/",
    "/layanan/pendaftaran-ikd/",
    "/produk-hukum/keputusan-188-46-5-disdukcapil-2024/",
    "/produk-hukum/keputusan-188-4-22-disdukcapil-2021/",
    "/cari/?q=KTP",
]
BASELINE = "/healthz"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    base = throughput(client, BASELINE, args.seconds)
    print(f"{'path':<55} {'req/s':>8} {'vs /healthz':>11} {'queries':>8} {'KiB':>6}")
    print(f"{BASELINE:<55} {base:8.0f} {1:11.2f}")
    for path in PATHS:
        response, queries = count_queries(client, path)
        rate = throughput(client, path, args.seconds)
        size = len(response.content) / 1024
        print(f"{path:<55} {rate:8.0f} {rate / base:11.2f} {queries:8d} {size:6.1f}")


if __name__ == "__main__":
    main()
