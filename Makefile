# The handbook's build. `make` builds the generator and the handbook; `make test` runs every test.
SWIFT ?= swift
CONFIGURATION ?= debug
HANDBOOK := .build/$(CONFIGURATION)/handbook
OUTPUT ?= public
BROWSER_VENV ?= .build/browser-venv
SITE_CHECKS ?= ../shared/tools/site-checks
EPUBCHECK_JAR ?= /usr/share/java/epubcheck.jar

.PHONY: all handbook generator deps browser-deps epub-deps epubcheck test unit-tests browser-tests fuzz fuzz-smoke lint-workflows site-checks init-site-checks knowledge-base-checks check serve clean

all: handbook

## Build the generator, then the handbook into $(OUTPUT)/.
handbook: generator
	$(HANDBOOK) build --output $(OUTPUT)

generator: deps
	$(SWIFT) build -c $(CONFIGURATION) --product handbook

## Check the content without writing anything.
check: generator
	$(HANDBOOK) check

## Preview with live reload on http://127.0.0.1:8000.
serve: generator
	$(HANDBOOK) serve

## Every test: Swift unit and integration tests, then browser tests on the built handbook.
test: deps browser-deps epub-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) handbook
	$(MAKE) epubcheck
	$(MAKE) browser-tests
	$(MAKE) fuzz-smoke
	$(MAKE) lint-workflows

## Fuzz front matter, Markdown, links and the search index with libFuzzer + ASan: `make fuzz SECONDS=600`.
SECONDS ?= 600
fuzz: deps
	scripts/fuzz.sh $(SECONDS)

## A one-minute fuzz run, part of `make test`.
fuzz-smoke: deps
	scripts/fuzz.sh 60

## Validate the GitHub workflows against their schema.
lint-workflows: browser-deps
	$(BROWSER_VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

## The handbook's EPUB through epubcheck: any error or warning fails.
epubcheck: epub-deps
	java -jar $(EPUBCHECK_JAR) --failonwarnings $(OUTPUT)/handbook.epub

unit-tests: deps
	$(SWIFT) test

browser-tests: browser-deps
	HANDBOOK_SITE=$(OUTPUT) HANDBOOK_BINARY=$(HANDBOOK) $(BROWSER_VENV)/bin/python -m pytest -q Tests/Browser

## The external checkers (HTML validity, links under a subpath, accessibility) on the built handbook.
site-checks: handbook
	$(SITE_CHECKS)/setup.sh
	$(SITE_CHECKS)/check-html $(OUTPUT)
	$(SITE_CHECKS)/check-links $(OUTPUT) --subpath /handbook/
	$(SITE_CHECKS)/check-a11y $(OUTPUT) --color-scheme both

## The same checkers on what a newcomer gets: `handbook init` in an empty folder outside the
## repository, built with no Theme/ (the built-in theme), then removed.
init-site-checks: generator
	$(SITE_CHECKS)/setup.sh
	@site="$$(mktemp -d)"; trap 'rm -rf "$$site"' EXIT; set -e; \
	handbook="$(abspath $(HANDBOOK))"; \
	echo "handbook init $$site/notes"; \
	"$$handbook" init "$$site/notes"; \
	cd "$$site/notes"; \
	test ! -e Theme; \
	"$$handbook" build; \
	$(abspath $(SITE_CHECKS))/check-html public; \
	$(abspath $(SITE_CHECKS))/check-links public --subpath /notes/; \
	$(abspath $(SITE_CHECKS))/check-a11y public --color-scheme both

## The same checkers on Markdown folders written for GitHub, not for this generator
## (Tests/HandbookTests/Fixtures/knowledge-bases): each built as it is, from a copy, and
## checked as if hosted under a subpath.
knowledge-base-checks: generator epub-deps
	$(SITE_CHECKS)/setup.sh
	@for name in flat nested; do \
	  site="$$(mktemp -d)"; set -e; \
	  cp -R "Tests/HandbookTests/Fixtures/knowledge-bases/$$name" "$$site/$$name"; \
	  echo "handbook build --content . in a copy of $$name"; \
	  (cd "$$site/$$name" && "$(abspath $(HANDBOOK))" build --content . --output public); \
	  $(SITE_CHECKS)/check-html "$$site/$$name/public"; \
	  $(SITE_CHECKS)/check-links "$$site/$$name/public" --subpath /docs/; \
	  $(SITE_CHECKS)/check-a11y "$$site/$$name/public" --color-scheme both; \
	  printf 'offline: true\n' > "$$site/offline.yml"; \
	  (cd "$$site/$$name" && "$(abspath $(HANDBOOK))" build --content . --config ../offline.yml --output ../book >/dev/null); \
	  java -jar $(EPUBCHECK_JAR) --failonwarnings "$$site/book/handbook.epub"; \
	  rm -rf "$$site"; \
	done

## System libraries: libcmark (and pkg-config to find it).
deps:
	@scripts/install-deps.sh

## Headless Chromium and a Python environment with selenium and pytest, for the browser tests.
browser-deps:
	@scripts/install-browser-deps.sh $(BROWSER_VENV)

## epubcheck and a Java runtime, for the EPUB check.
epub-deps:
	@scripts/install-epub-deps.sh

clean:
	rm -rf .build $(OUTPUT)

include bench/bench.mk
