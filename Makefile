# Global Health Partnerships: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEMO_ADMIN_USER := admin
DEMO_ADMIN_PASSWORD := demo-admin-2026

.PHONY: help run install install-test migrate messages demo test scaleout lint check pytest format bench bench-api bench-media lighthouse loadtest screenshots clean

help: ## List the targets with one line each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime dependencies

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-test: $(VENV)/.installed-test node_modules/.installed ## Also install the test and lint tools (npm: the Nu HTML Checker)

migrate: install ## Apply database migrations (SQLite by default, DATABASE_URL if set)
	$(PY) manage.py migrate --noinput

messages: install ## Compile the interface translations (locale/*/LC_MESSAGES/django.po)
	$(PY) manage.py compilemessages --ignore=.venv -v0

demo: migrate ## Load the demo content (idempotent) and the demo admin account
	$(PY) manage.py load_demo_content --admin $(DEMO_ADMIN_USER):$(DEMO_ADMIN_PASSWORD)

run: demo messages ## Install, migrate, load the demo and serve http://127.0.0.1:8000/
	@echo
	@echo "  Site:   http://127.0.0.1:8000/"
	@echo "  Admin:  http://127.0.0.1:8000/admin/  (login $(DEMO_ADMIN_USER) / $(DEMO_ADMIN_PASSWORD))"
	@echo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install-test ## ruff check and ruff format --check; djlint on the templates; lint-imports (one-way imports)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint . --check
	$(VENV)/bin/djlint . --lint
	$(VENV)/bin/lint-imports

check: install-test ## Django system checks, missing migrations, message catalogues
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py compilemessages --ignore=.venv -v0

pytest: install-test messages ## Run the test suite only (PostgreSQL, S3 endpoint, Chromium)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint check ## The whole suite: lint, checks, then every test (the scale-out drill apart: make scaleout)
	$(VENV)/bin/pytest --create-db -n 2 --dist loadfile -m "not scaleout" $(PYTEST_ARGS)

scaleout: install-test messages ## Two app servers and two workers behind HAProxy on loopback (production settings): publish, schedule, sessions, a server stopped under load (~2 min)
	@command -v haproxy >/dev/null || test -x /usr/sbin/haproxy || { echo "HAProxy is missing: apt-get install haproxy"; exit 1; }
	$(VENV)/bin/pytest -m scaleout tests/test_scaleout.py $(PYTEST_ARGS)

# djlint --reformat exits 1 when it changed a file; --check then says whether all is formatted.
format: install-test ## Format the code with ruff and the templates with djlint
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djlint . --reformat --quiet || $(VENV)/bin/djlint . --check --quiet

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/globalhealth_bench
# Benchmarks measure renders from one address: no limit on them (RENDERS_..._MINUTE=0).
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/media-bench DJANGO_SETTINGS_MODULE=config.settings.dev DEBUG=false REDIS_URL=redis://127.0.0.1:6379/5 \
	RENDERS_PER_ADDRESS_PER_MINUTE=0 SEARCHES_PER_ADDRESS_PER_MINUTE=0
BENCH_PORT := 8099
BENCH_STARTED := $(shell date +%s)

# The benchmark database, created and filled once: the demo content, then 1,000 news
# articles, 2,000 events and 100 partners in every locale (manage.py bench_data).
define BENCH_DATA
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py bench_data
endef

bench: install-test ## 25,000 pages: render time, queries, bytes at 375 px, wrk throughput; 500 registrations; the translation overview, bulk jobs and going live together (about 16 min)
	$(BENCH_DATA)
	$(BENCH_ENV) $(PY) manage.py bench_pages --port $(BENCH_PORT)
	$(BENCH_ENV) $(PY) manage.py bench_registrations --port $(BENCH_PORT)
	$(BENCH_ENV) TASKS_BACKEND=database MACHINE_TRANSLATOR=test $(PY) manage.py bench_translation_jobs
	$(BENCH_ENV) TASKS_BACKEND=database $(PY) manage.py bench_golive
	@echo "make bench: $$(( $$(date +%s) - $(BENCH_STARTED) )) s"

bench-api: install-test ## Only the wrk part of make bench: pages, API and feed under gunicorn
	$(BENCH_DATA)
	$(BENCH_ENV) $(PY) manage.py bench_load --port $(BENCH_PORT)

BENCH_S3_PORT := 8098
BENCH_S3_ENV := AWS_STORAGE_BUCKET_NAME=bench AWS_S3_ENDPOINT_URL=http://127.0.0.1:$(BENCH_S3_PORT) AWS_S3_REGION_NAME=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

bench-media: install-test ## A 4000x3000 JPEG through an S3 endpoint (moto_server): upload, first and warm render
	$(BENCH_DATA)
	@$(VENV)/bin/moto_server -H 127.0.0.1 -p $(BENCH_S3_PORT) >/dev/null 2>&1 & echo $$! > .bench-moto.pid; \
	for i in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(BENCH_S3_PORT)/ && break; sleep 0.2; done; \
	$(BENCH_S3_ENV) $(PY) -c "import boto3,os;boto3.client('s3',endpoint_url=os.environ['AWS_S3_ENDPOINT_URL']).create_bucket(Bucket='bench')"; \
	$(BENCH_ENV) $(BENCH_S3_ENV) $(PY) manage.py bench_media; status=$$?; \
	kill $$(cat .bench-moto.pid); rm -f .bench-moto.pid; exit $$status

# Production settings (hashed, compressed static files) on loopback without HTTPS, on a
# database of its own with the demo content.
LIGHTHOUSE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/globalhealth_lighthouse
LIGHTHOUSE_ENV := DATABASE_URL=$(LIGHTHOUSE_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/media-lighthouse MEDIA_URL=http://127.0.0.1:8095/ \
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=lighthouse-only-$(shell date +%s)-not-a-production-secret \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
	RENDERS_PER_ADDRESS_PER_MINUTE=0 SEARCHES_PER_ADDRESS_PER_MINUTE=0

lighthouse: install-test ## Lighthouse (mobile) scores: home, article, event, partner in English and Arabic (npm)
	psql "$(dir $(LIGHTHOUSE_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(LIGHTHOUSE_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(LIGHTHOUSE_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(LIGHTHOUSE_DATABASE_URL))"
	$(LIGHTHOUSE_ENV) $(PY) manage.py migrate --noinput -v0
	$(LIGHTHOUSE_ENV) $(PY) manage.py load_demo_content -v0
	$(LIGHTHOUSE_ENV) $(PY) manage.py collectstatic --noinput -v0
	@mkdir -p media-lighthouse; $(PY) -m http.server 8095 -b 127.0.0.1 -d media-lighthouse >/dev/null 2>&1 & echo $$! > .lighthouse-media.pid; \
	$(LIGHTHOUSE_ENV) $(VENV)/bin/gunicorn config.wsgi -w 2 -b 127.0.0.1:8096 --log-level warning & echo $$! > .lighthouse-gunicorn.pid; \
	for i in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8096/healthz && break; sleep 0.2; done; \
	bin/lighthouse-report http://127.0.0.1:8096; status=$$?; \
	kill $$(cat .lighthouse-gunicorn.pid) $$(cat .lighthouse-media.pid); rm -f .lighthouse-*.pid; exit $$status

# Production settings on loopback without HTTPS, Redis as the cache, media on the local
# disk and gunicorn as the Docker image runs it, on a database of its own with the demo
# content (loaded once). LOADTEST_ARGS="--duration 30 --users 64" changes the run.
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/globalhealth_loadtest
LOADTEST_ENV := DATABASE_URL=$(LOADTEST_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/media-loadtest AWS_STORAGE_BUCKET_NAME= \
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=loadtest-only-$(shell date +%s)-not-a-production-secret \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 AXES_IPWARE_PROXY_COUNT=1 \
	REDIS_URL=redis://127.0.0.1:6379/8 WEB_CONCURRENCY=2 GUNICORN_THREADS=4 LOG_LEVEL=WARNING

loadtest: install messages ## Load test: 32 users for 60 s on a mix of pages, API and feeds in 5 languages, then under a hostile flood (wrk)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	psql "$(dir $(LOADTEST_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(LOADTEST_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(LOADTEST_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(LOADTEST_DATABASE_URL))"
	$(LOADTEST_ENV) $(PY) manage.py migrate --noinput -v0
	$(LOADTEST_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(LOADTEST_ENV) $(PY) manage.py loadtest --load-demo $(LOADTEST_ARGS)

# Production settings on loopback without HTTPS, on a database of its own with the demo
# content; media are read from media-screenshots/ by the browser itself.
SCREENSHOTS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/globalhealth_screenshots
SCREENSHOTS_ENV := DATABASE_URL=$(SCREENSHOTS_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/media-screenshots AWS_STORAGE_BUCKET_NAME= \
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=screenshots-only-$(shell date +%s)-not-a-production-secret \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
	RENDERS_PER_ADDRESS_PER_MINUTE=0 SEARCHES_PER_ADDRESS_PER_MINUTE=0

screenshots: install-test messages ## Screenshots of the demo's pages and design patterns into docs/screenshots/
	@$(PY) -m bench.fonts
	psql "$(dir $(SCREENSHOTS_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(SCREENSHOTS_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(SCREENSHOTS_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(SCREENSHOTS_DATABASE_URL))"
	$(SCREENSHOTS_ENV) $(PY) manage.py migrate --noinput -v0
	$(SCREENSHOTS_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(SCREENSHOTS_ENV) $(PY) manage.py screenshots --load-demo $(SCREENSHOTS_ARGS)
	@echo "make screenshots: $$(( $$(date +%s) - $(BENCH_STARTED) )) s"

clean: ## Remove the virtualenv, the SQLite database and local media
	rm -rf $(VENV) db.sqlite3 var media-bench media-lighthouse media-loadtest media-screenshots staticfiles node_modules
