# The portal's tasks. `make html` and `make test` are the quick start; both set up
# .venv on first use (python3 -m venv, then the project editable with its test extras).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
# Pagefind (PyPI pagefind[bin]) indexes the article bodies of the built site for search/;
# `sdg-portal index` runs it and puts its filter indexes in order (the same bytes every build).
PAGEFIND := $(BIN)/sdg-portal index
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
PELICANOPTS ?=

STAMP := $(VENV)/.installed

.PHONY: html test serve publish clean venv help

help:
	@echo "make html     build the portal from content/ into output/"
	@echo "make test     run the whole test suite"
	@echo "make serve    build, serve on http://localhost:$(PORT) and rebuild on change"
	@echo "make publish  build for publishing with publishconf.py (strict)"
	@echo "make clean    remove output/ and caches"

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

html: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)
	$(PAGEFIND) $(OUTPUTDIR)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTESTOPTS)

serve: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS) -e SDG_SEARCH_INDEX=true --autoreload --listen --port $(PORT)

publish: $(STAMP)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)
	$(PAGEFIND) $(OUTPUTDIR)

clean:
	rm -rf $(OUTPUTDIR) cache .pytest_cache
