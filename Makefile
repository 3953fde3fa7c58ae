# Set-up is one step: the virtual environment is (re)built whenever pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint fuzz stress bench check-report clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## the main job on the bundled data
	$(BIN)/ntm progress --year 2024

# The store's PostgreSQL tests run against a real server that the suite starts and stops itself
# (tests/pgserver.py): the server's binaries are installed first if missing.
test: $(STAMP)
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The readers of submitted files fuzzed for ten minutes on a fresh seed (`make test` runs the
# same fuzzer for about 20 s on a fixed one); a failing case is saved under build/fuzz-failures/.
fuzz: $(STAMP)
	NTM_FUZZ_SECONDS=600 NTM_FUZZ_SEED=random $(BIN)/pytest -s tests/test_fuzz.py -k every_mutated

# Ctrl-C and SIGTERM during a 2,000-form import, through a pseudo-terminal, 50 times each way
# (`make test` runs a few).
stress: $(STAMP)
	NTM_INTERRUPT_TRIALS=50 $(BIN)/pytest tests/test_interrupt.py

bench: $(STAMP)
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_analysis.py

# The README's monthly cycle on the bundled data, then the report opened by LibreOffice:
# converted headless to PDF and its pages to PNG (installs LibreOffice if missing); then the
# same month's HTML page in headless Chromium, to PNG and PDF (installs Chromium if missing).
DEMO := build/demo
check-report: $(STAMP)
	@command -v soffice >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils; }
	@command -v pdftoppm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	export NTM_STORE=$(DEMO)/returns.sqlite NTM_TODAY=2024-07-04; \
	$(BIN)/ntm template --period 2024-06 --out $(DEMO)/forms && \
	$(BIN)/python examples/fill_forms.py $(DEMO)/forms $(DEMO)/returns && \
	{ $(BIN)/ntm import $(DEMO)/returns --errors $(DEMO)/errors >/dev/null || true; } && \
	NTM_TODAY=2024-07-10 $(BIN)/ntm report --period 2024-06 --out $(DEMO)/reports
	soffice --headless --convert-to pdf --outdir $(DEMO)/reports $(DEMO)/reports/2024-06_bao-cao-ntm.xlsx
	pdftoppm -png -r 90 $(DEMO)/reports/2024-06_bao-cao-ntm.pdf $(DEMO)/reports/page
	@ls $(DEMO)/reports
	@# the same month as one HTML page, opened by headless Chromium: full-page screenshots at a
	@# phone's width (390 px) and a desktop's (1280 px), and printed to PDF (A4, the print style)
	@command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; }
	@fc-list | grep -qi 'Noto Serif' || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core
	NTM_STORE=$(DEMO)/returns.sqlite NTM_TODAY=2024-07-10 \
	  $(BIN)/ntm report --period 2024-06 --format html --out $(DEMO)/reports
	$(BIN)/python examples/render_page.py $(DEMO)/reports/2024-06_bao-cao-ntm.html $(DEMO)/reports 390 1280

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
	find src tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
