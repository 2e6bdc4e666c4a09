# The two commands of the README, `make run` and `make test`, and a few helpers.
# Both create the virtual environment on first use; nothing else needs installing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
# translations: German names of the regions, themes and target groups (English is the source);
# part_translations: partners, result indicators and further links in the other languages.
SEED := partners regions themes target_groups measures prerequisites measure_links indicators lineage translations part_translations
# Local development: debug on, SQLite unless DATABASE_URL says otherwise.
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run test venv migrate seed lint format check clean bench messages reliability

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(DEV_ENV) $(MANAGE) migrate --noinput

seed: migrate
	$(DEV_ENV) $(MANAGE) loaddata $(SEED)

# The site and, beside it, the mail worker that delivers the outbox (to this console in
# debug); the worker stops when the site stops, however it stops.
run: seed
	$(DEV_ENV) $(MANAGE) deliver_mail & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

# One test process per core (TEST_WORKERS=0 runs them in this process); tests that
# start servers or share Redis run on one worker together (tests/conftest.py).
TEST_WORKERS ?= auto
test: venv
	$(DEV_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# The benchmark (bench/run.py): PostgreSQL databases of 1,000 to 100,000 measures, gunicorn
# with production settings, wrk. Needs PostgreSQL, Redis and wrk on this machine; writes
# bench/results.md. BENCH_ARGS="--sizes 1000 --duration 5" for a quick look.
bench: venv
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The long reliability runs, left out of `make test` (pytest marker "reliability"): 50
# connections for 60 s at 10,000 measures (bench/load.py) and a 10 s database outage on a
# private PostgreSQL cluster, both behind gunicorn with production settings. Needs the
# PostgreSQL server programs and a server on 127.0.0.1:5432, Redis and wrk; about 5 minutes.
reliability: venv
	$(DEV_ENV) $(BIN)/pytest -p no:cacheprovider -m reliability -s tests/reliability

check: venv
	$(DEV_ENV) $(MANAGE) check
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

lint: check

# Translations: collect the marked strings into locale/<lang>/LC_MESSAGES/django.po,
# then compile them. The compiled .mo files are committed, so a fresh clone serves
# translated pages without gettext; run this after changing a marked string and
# commit both files.
MESSAGE_LANGUAGES := -l de -l fi -l pl -l es
MESSAGE_IGNORE := --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'staticfiles/*' --ignore 'media/*'
messages: venv
	$(DEV_ENV) $(MANAGE) makemessages $(MESSAGE_LANGUAGES) --add-location file $(MESSAGE_IGNORE)
	$(DEV_ENV) $(MANAGE) compilemessages $(MESSAGE_IGNORE)

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
