# Two entry points for a fresh Debian machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup browser clamav lint ci clean bench bench-tools bench-pages bench-million bench-submit bench-steps

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Migrate and load the seed content and demo accounts; each step is safe to repeat.
setup: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_seed_content
	$(PY) manage.py load_example_service
	$(PY) manage.py load_demo_accounts

# The web server, one task worker (messages, Wagtail's own tasks, the jobs) and the scheduler; Ctrl+C stops all three.
run: setup
	@trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 1 & WORKER=$$!; \
	$(PY) manage.py jobs_schedule & SCHEDULER=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's chromium; Playwright never downloads one.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends chromium; }; }

# The upload virus-scan tests start Debian's clamd with a one-signature (EICAR) database; no freshclam download.
clamav:
	@command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clamav-daemon >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clamav-daemon; }; }

# Each xdist worker gets its own test database, moto server and clamd.
TEST_WORKERS ?= 2
test: install browser clamav
	$(PY) -m pytest -q -n $(TEST_WORKERS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

ci:
	.ci/run

# wrk (the load generator) and redis-server (the shared page cache) come from Debian.
bench-tools:
	@command -v wrk >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y --no-install-recommends wrk redis-server >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends wrk redis-server; }; }

# Every benchmark needs PostgreSQL on 127.0.0.1:5432; each builds and drops its own database.
CITIZENS ?= 200
APPLICATIONS ?= 1000000
UPLOAD_KIB ?= 0
SECONDS_PER_RUN ?= 5
bench: bench-pages bench-steps bench-million bench-submit bench-rate

# Public pages, kept and uncached, and a citizen's form page, as shares of a trivial view (interleaved runs).
bench-pages: install bench-tools
	$(PY) bench/pages.py --seconds $(SECONDS_PER_RUN)

# Each step page of the seeded forms: HTML and CSS bytes, queries, requests to other hosts (budget: < 30 KB, none).
bench-steps: install
	$(PY) bench/form_steps.py

# The staff queue and the report at a million applications.
bench-million: install
	$(PY) bench/million.py --applications $(APPLICATIONS)

# Submissions under a killed worker and an S3 outage.
bench-submit: install
	$(PY) bench/submit_under_faults.py --citizens $(CITIZENS) --upload-kib $(UPLOAD_KIB)

# Submissions a second with two 1 MB uploads, each one's CPU by process, and where one worker's time goes (py-spy).
RATE_WORKERS ?= 2
bench-rate: install bench-tools
	$(PY) bench/submit_rate.py --upload-kib 1024 --workers $(RATE_WORKERS) --profile cpu

clean:
	rm -rf $(VENV) staticfiles
