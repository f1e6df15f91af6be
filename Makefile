# trialcite — build, test, run.  `make run` and `make test` are all a fresh Debian
# machine needs: both first run `make deps`, which installs the Debian packages it
# finds missing (as root) or names them and stops.

# The Lua version: given, else that of the headers in LUA_INCDIR (LuaRocks passes it,
# with no version), else 5.4.
ifeq ($(origin LUA_VERSION),undefined)
ifneq ($(strip $(LUA_INCDIR)),)
LUA_VERSION := $(shell awk -F'"' '/define LUA_VERSION_MAJOR/ { M = $$2 } /define LUA_VERSION_MINOR/ { m = $$2 } \
                 END { if (M != "") print M "." m }' '$(LUA_INCDIR)/lua.h' 2>/dev/null)
endif
endif
ifeq ($(strip $(LUA_VERSION)),)
ifneq ($(strip $(LUA_INCDIR)),)
$(error no Lua version in $(LUA_INCDIR)/lua.h (LUA_INCDIR): trialcite builds for Lua 5.3 or 5.4)
endif
override LUA_VERSION := 5.4
endif
ifeq ($(filter 5.3 5.4,$(LUA_VERSION)),)
$(error trialcite builds for Lua 5.3 or 5.4, not "$(LUA_VERSION)" (LUA_VERSION, or the lua.h in LUA_INCDIR))
endif
ifeq ($(LUA_VERSION),5.4)
BUILD       ?= build
else
BUILD       ?= build/$(LUA_VERSION)
endif
LUA         ?= lua$(LUA_VERSION)
PKG_CONFIG  ?= pkg-config
CC          ?= cc
PREFIX      ?= /usr/local
DESTDIR     ?=
SHARED      ?= ../shared
TEXTS       ?= $(wildcard $(SHARED)/seeds/*.txt)

# Debian packages: pkg-config module or command -> package.
DEB_PACKAGES = pkg-config liblua$(LUA_VERSION)-dev lua$(LUA_VERSION) libcurl4-openssl-dev libcjson-dev

PKGS        = lua$(LUA_VERSION) libcurl libcjson
# LUA_INCDIR (LuaRocks sets it) names the Lua headers instead of pkg-config.
ifneq ($(strip $(LUA_INCDIR)),)
DEP_CFLAGS  = -I$(LUA_INCDIR) $(shell $(PKG_CONFIG) --cflags libcurl libcjson 2>/dev/null)
else
DEP_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
endif
DEP_LIBS    = $(shell $(PKG_CONFIG) --libs libcurl libcjson 2>/dev/null)

OPT        ?= -O2 -g
WARN        = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS     ?=
ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -fPIC -fvisibility=hidden \
              -Iinclude -Iplugin -I$(BUILD)/gen $(DEP_CFLAGS) $(CFLAGS)
LDFLAGS    ?=
LIBS        = $(DEP_LIBS) -lm -lpthread

SONAME      = libtrialcite.so.0
LIB_SRCS    = $(sort $(wildcard plugin/tc_*.c))
LUA_SRCS    = $(sort $(wildcard plugin/lua_*.c))
DATA_FILES  = $(sort $(wildcard plugin/data/*.json))
LIB_OBJS    = $(LIB_SRCS:plugin/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/tc_bundled.o
LUA_OBJS    = $(LUA_SRCS:plugin/%.c=$(BUILD)/obj/%.o)
MODULE      = $(BUILD)/trialcite/core.so
LIBRARY     = $(BUILD)/$(SONAME)
C_TESTS     = $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/c/test_*.c)))
HEADERS     = include/trialcite.h $(wildcard plugin/*.h)

LUA_ENV     = LUA_CPATH='$(abspath $(BUILD))/?.so;;' \
              LUA_PATH='$(abspath lua)/?.lua;$(abspath lua)/?/init.lua;$(abspath tests)/?.lua;;' \
              TRIALCITE_SEEDS='$(abspath $(SHARED))/seeds'

.PHONY: all deps run test check-sanitize check-threads fuzz bench bench-base install uninstall clean valgrind test-hosts-build cdef labels deps-hosts

all: $(MODULE) $(LIBRARY) $(BUILD)/libtrialcite.so $(BUILD)/trialcite.pc

# ---- dependencies -------------------------------------------------------------
deps:
	@missing=""; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	command -v $(LUA) >/dev/null 2>&1 || missing="$$missing lua$(LUA_VERSION)"; \
	$(PKG_CONFIG) --exists lua$(LUA_VERSION) 2>/dev/null || missing="$$missing liblua$(LUA_VERSION)-dev"; \
	$(PKG_CONFIG) --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev"; \
	$(PKG_CONFIG) --exists libcjson 2>/dev/null || missing="$$missing libcjson-dev"; \
	command -v $(CC) >/dev/null 2>&1 || missing="$$missing gcc"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing || exit 1; \
	  else \
	    echo "deps: missing Debian packages:$$missing"; \
	    echo "deps: install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# ---- library and module -------------------------------------------------------
$(BUILD)/obj/%.o: plugin/%.c $(HEADERS) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/tc_bundled.o: $(BUILD)/gen/tc_bundled.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/tc_bundled.c: $(BUILD)/tools/embed $(DATA_FILES) | $(BUILD)/gen
	$(BUILD)/tools/embed $@ $(DATA_FILES)

$(BUILD)/tools/embed: plugin/tools/embed.c | $(BUILD)/tools
	$(CC) -O1 -Wall -Wextra $< -o $@

$(MODULE): $(LIB_OBJS) $(LUA_OBJS) | $(BUILD)/trialcite
	$(CC) -shared $(LDFLAGS) -o $@ $^ $(LIBS)

$(LIBRARY): $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libtrialcite.so: $(LIBRARY)
	ln -sf $(SONAME) $@

# pkg-config file for the prefix given (written again by install with its PREFIX).
TC_VERSION_STR = $(shell sed -n 's/^#define TC_VERSION "\(.*\)"/\1/p' include/trialcite.h)
define write_pc
	@printf '%s\n' 'prefix=$(1)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/include' '' \
	  'Name: trialcite' 'Description: citations, statistics and trial records from clinical-trial appraisals' \
	  'Version: $(TC_VERSION_STR)' 'Requires.private: libcurl libcjson' \
	  'Libs: -L$${libdir} -ltrialcite' 'Cflags: -I$${includedir}' > $(2)
endef

$(BUILD)/trialcite.pc: Makefile include/trialcite.h | $(BUILD)
	$(call write_pc,$(PREFIX),$@)

$(BUILD) $(BUILD)/obj $(BUILD)/gen $(BUILD)/tools $(BUILD)/tests $(BUILD)/trialcite:
	mkdir -p $@

# LuaJIT's declarations are generated from the header (lua/trialcite/cdef.lua, kept in
# the repository so that a checkout works as a Neovim plugin without a build step);
# tests/test_ffi_layout.lua fails when they differ from what this writes.
cdef: deps
	$(LUA) lua/trialcite/tools/cdef.lua include/trialcite.h lua/trialcite/cdef.lua

# The report's labels for a trial's design and population come from the schema
# (lua/trialcite/schema_labels.lua, kept in the repository like cdef.lua); tests/test_report.lua
# fails when it differs from what this writes.
labels: all
	@$(LUA_ENV) $(LUA) lua/trialcite/tools/schema_labels.lua plugin/data/schema/trial.schema.json lua/trialcite/schema_labels.lua

# ---- tests --------------------------------------------------------------------
$(BUILD)/tests/%: tests/c/%.c $(LIB_OBJS) tests/c/tc_test.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/c $< $(LIB_OBJS) -o $@ $(LIBS)
# test_jsonw includes the cJSON-tree serialisers it compares the writer with.
$(BUILD)/tests/test_jsonw: tests/c/ref_doc_json.c tests/c/ref_lookup_json.c

# The resolver's loopback test server (issue 5); its path reaches the Lua tests and
# benches through TRIALCITE_TEST_HTTPD.
HTTPD       = $(BUILD)/tests/httpd
LUA_ENV    += TRIALCITE_TEST_HTTPD='$(abspath $(HTTPD))' TRIALCITE_TEST_FIXTURES='$(abspath tests/server/fixtures)'
$(HTTPD): tests/server/httpd.c | $(BUILD)/tests
	$(CC) -std=c11 -O1 -Wall -Wextra $< -o $@ -lpthread

# The hosts (tests/test_pandoc.lua): Debian 12's pandoc embeds Lua 5.3, so `make test`
# also builds the module for Lua 5.3 into $(BUILD)/5.3 when liblua5.3-dev is installed
# (not in sanitizer builds: pandoc cannot load an instrumented module); the pandoc tests
# skip, visibly, without it or without pandoc.
LUA53_BUILD = $(BUILD)/5.3
LUA_ENV    += TRIALCITE_BUILD='$(abspath $(BUILD))' TRIALCITE_BUILD53='$(abspath $(LUA53_BUILD))'
test-hosts-build:
	@if [ "$(LUA_VERSION)" = 5.4 ] && [ -z "$(findstring sanitize,$(CFLAGS))" ] \
	    && $(PKG_CONFIG) --exists lua5.3 2>/dev/null; then \
	  $(MAKE) --no-print-directory LUA_VERSION=5.3 LUA_INCDIR= BUILD='$(LUA53_BUILD)' '$(LUA53_BUILD)/trialcite/core.so' >/dev/null || exit 1; \
	fi

# The hosts the tests drive (LuaJIT, Neovim, pandoc, Lua 5.3) are installed as root when
# missing, best effort: without them their tests skip visibly.  HOST_DEPS=no opts out.
HOST_DEPS  ?= yes
HOST_PKGS   = luajit:luajit nvim:neovim pandoc:pandoc lua5.3:lua5.3 lua5.3-dev:liblua5.3-dev
deps-hosts:
	@[ "$(HOST_DEPS)" = yes ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || exit 0; \
	missing=""; for pc in $(HOST_PKGS); do c=$${pc%%:*}; p=$${pc#*:}; \
	  if [ "$$c" = lua5.3-dev ]; then $(PKG_CONFIG) --exists lua5.3 2>/dev/null || missing="$$missing $$p"; \
	  else command -v $$c >/dev/null 2>&1 || missing="$$missing $$p"; fi; done; \
	[ -z "$$missing" ] && exit 0; echo "deps: installing the test hosts:$$missing"; \
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } \
	  || echo "deps: could not install$$missing; their tests will skip"

test: deps deps-hosts
	@$(MAKE) --no-print-directory all $(C_TESTS) $(HTTPD)
	@$(MAKE) --no-print-directory test-hosts-build
	@$(LUA_ENV) $(LUA) tests/run.lua $(C_TESTS)

# ---- the main job -------------------------------------------------------------
# Every cited reference of both bundled appraisals (bundled data only; with the seed
# texts present, their verbatim citing sentences too).  Headers go to stderr.
run: deps
	@$(MAKE) --no-print-directory all >&2
	@echo "trialcite: annotating the bundled appraisals$(if $(TEXTS), with the texts in $(SHARED)/seeds, (no seed texts: bundled index only))" >&2
	@$(LUA_ENV) $(LUA) lua/trialcite/cli.lua annotate $(if $(TEXTS),$(TEXTS),--all)

# ---- benchmarks ---------------------------------------------------------------
BENCH_C     = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard tests/bench/bench_*.c)))
BENCH_LUA   = $(sort $(wildcard tests/bench/bench*.lua))

$(BUILD)/bench/%: tests/bench/%.c tests/bench/bench_util.h $(LIB_OBJS) | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $< $(LIB_OBJS) -o $@ $(LIBS)

$(BUILD)/bench:
	mkdir -p $@

# bench_batch compares a seed-sized parse with the library as it was before issue 14
# (commit BENCH_BASE), built from git into $(BUILD)/bench/base, in the same run; best
# effort: without git or that commit the bench says so and leaves the comparison out.
BENCH_BASE     ?= 35f5a71
BENCH_BASE_LIB  = $(BUILD)/bench/base/build/$(SONAME)
LUA_ENV        += TRIALCITE_BENCH_BASE='$(abspath $(BENCH_BASE_LIB))' TRIALCITE_BENCH_BASE_REV='$(BENCH_BASE)' \
                  TRIALCITE_BENCH_DIR='$(abspath $(BUILD))/bench'
bench-base:
	@[ -f $(BENCH_BASE_LIB) ] || { rm -rf $(BUILD)/bench/base && mkdir -p $(BUILD)/bench/base \
	  && git archive $(BENCH_BASE) 2>/dev/null | tar -x -C $(BUILD)/bench/base 2>/dev/null \
	  && $(MAKE) --no-print-directory -C $(BUILD)/bench/base BUILD=build LUA_VERSION=5.4 LUA_INCDIR= CFLAGS= LDFLAGS= \
	       build/$(SONAME) >/dev/null 2>&1 \
	  || echo "bench: the baseline $(BENCH_BASE) could not be built (no git checkout?)"; }

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_C) $(HTTPD) bench-base
	@for b in $(BENCH_C); do echo "== $$b"; $(LUA_ENV) TRIALCITE_LUA=$(LUA) $$b || exit 1; done
	@for b in $(BENCH_LUA); do echo "== $$b"; $(LUA_ENV) $(LUA) $$b || exit 1; done

# ---- install ------------------------------------------------------------------
LUA_LMOD ?= $(PREFIX)/share/lua/$(LUA_VERSION)
LUA_CMOD ?= $(PREFIX)/lib/lua/$(LUA_VERSION)
BINDIR   ?= $(PREFIX)/bin
# INSTALL_CLIB=no leaves out the C library, header and pkg-config file (LuaRocks,
# which installs only the Lua module and the command, sets it).
INSTALL_CLIB ?= yes
install: all
	install -d $(DESTDIR)$(LUA_CMOD)/trialcite $(DESTDIR)$(LUA_LMOD)/trialcite $(DESTDIR)$(BINDIR)
	install -m 755 $(MODULE) $(DESTDIR)$(LUA_CMOD)/trialcite/core.so
	cd lua && find trialcite -type d -exec install -d '$(DESTDIR)$(LUA_LMOD)/{}' \; \
	  && find trialcite -type f \( -name '*.lua' -o -name '*.json' \) -exec install -m 644 '{}' '$(DESTDIR)$(LUA_LMOD)/{}' \;
ifeq ($(INSTALL_CLIB),yes)
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 $(LIBRARY) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libtrialcite.so
	install -m 644 include/trialcite.h $(DESTDIR)$(PREFIX)/include/trialcite.h
	$(call write_pc,$(PREFIX),$(DESTDIR)$(PREFIX)/lib/pkgconfig/trialcite.pc)
endif
	@# The command is a Lua script: it finds the CLI on package.path (as LuaRocks'
	@# wrapper sets it), else where this install put it.
	printf '%s\n' '#!/usr/bin/env $(LUA)' \
	  'local cli = package.searchpath("trialcite.cli", package.path) or "$(LUA_LMOD)/trialcite/cli.lua"' \
	  'dofile(cli)' > $(DESTDIR)$(BINDIR)/trialcite
	chmod 755 $(DESTDIR)$(BINDIR)/trialcite

uninstall:
	rm -rf $(DESTDIR)$(LUA_CMOD)/trialcite $(DESTDIR)$(LUA_LMOD)/trialcite
	rm -f $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libtrialcite.so \
	  $(DESTDIR)$(PREFIX)/include/trialcite.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/trialcite.pc \
	  $(DESTDIR)$(BINDIR)/trialcite

clean:
	rm -rf build

# ---- hardening (issue 6): sanitizers, valgrind, fuzzing --------------------------
# `make check-sanitize` runs `make test` again in $(SAN_BUILD) with ASan+UBSan: every
# object, the Lua module, the C tests (and whatever else `test` builds) get the
# sanitizer flags, and the tests run under an instrumented Lua interpreter
# ($(SAN_BUILD)/lua-san, below).  Leak detection stays on everywhere.
SAN_BUILD   ?= build/asan
SAN_FLAGS    = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_PRELOAD  = $(strip $(foreach l,libasan.so libubsan.so,$(shell p=$$($(CC) -print-file-name=$(l)); [ -f "$$p" ] && echo "$$p")))
SAN_OPTIONS  = TRIALCITE_UNDER_SANITIZER=1 ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1 \
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# `make valgrind` runs the Lua suite (normal build) under valgrind; the C tests run
# natively (valgrind does not follow children).  The Lua tests see
# TRIALCITE_UNDER_VALGRIND=1 and may skip what only starts servers or subprocesses.
VALGRIND     ?= valgrind
VALGRIND_CMD  = $(VALGRIND) -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30
# `make fuzz FUZZ_SECONDS=N` builds tests/fuzz/fuzz_*.c with clang into $(FUZZ_BUILD)
# and runs each N seconds on a corpus built there (never in the source tree).
FUZZ_BUILD   ?= build/fuzz
FUZZ_SECONDS ?= 30
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS_ALL   = $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
# Harnesses whose code under test has not landed yet are left out.
FUZZERS      ?= $(foreach f,$(FUZZERS_ALL),$(if $(or $(filter-out fuzz_csl fuzz_bibtex,$(f)),$(and $(filter fuzz_csl,$(f)),$(wildcard plugin/tc_csl.c)),$(and $(filter fuzz_bibtex,$(f)),$(wildcard plugin/tc_bibtex.c))),$(f)))

check-sanitize: deps
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) $(SAN_BUILD)/lua-san
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) OPT='-O1 -g' CFLAGS='$(SAN_FLAGS)' \
	  LDFLAGS='$(SAN_FLAGS)' LUA='$(abspath $(SAN_BUILD))/lua-san' test

# `make check-threads`: the C tests that run several threads at once (documents in
# shares, batches, many documents), built in $(TSAN_BUILD) with ThreadSanitizer.
TSAN_BUILD  ?= build/tsan
TSAN_TESTS   = test_statsplit test_batch test_threads
check-threads: deps
	@$(MAKE) --no-print-directory BUILD=$(TSAN_BUILD) OPT='-O1 -g' CFLAGS='-fsanitize=thread' \
	  LDFLAGS='-fsanitize=thread' $(TSAN_TESTS:%=$(TSAN_BUILD)/tests/%)
	@p=0; f=0; for t in $(TSAN_TESTS); do \
	  if TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(TSAN_BUILD)/tests/$$t >$(TSAN_BUILD)/tests/$$t.log 2>&1; \
	  then p=$$((p + 1)); echo "ok $$t under ThreadSanitizer"; \
	  else f=$$((f + 1)); echo "not ok $$t under ThreadSanitizer:"; tail -n 30 $(TSAN_BUILD)/tests/$$t.log; fi; \
	done; echo "$$p passed, $$f failed"; [ $$f = 0 ]

# The interpreter: tests/c/lua_san.c, itself instrumented (no LD_PRELOAD, which would
# reach, and can hang, the programs the tests start), behind a wrapper that sets the
# sanitizer options.  `make check-sanitize SAN_LUA=preload` preloads the runtimes into
# the system lua$(LUA_VERSION) instead.
SAN_LUA ?= instrumented
$(SAN_BUILD)/lua-san: Makefile tests/c/lua_san.c
	@mkdir -p $(@D)
ifeq ($(SAN_LUA),preload)
	@{ echo '#!/bin/sh'; echo '# lua with the sanitizer runtimes preloaded (make check-sanitize)'; \
	  echo 'LD_PRELOAD="$(SAN_PRELOAD)$${LD_PRELOAD:+ $$LD_PRELOAD}" $(SAN_OPTIONS) exec lua$(LUA_VERSION) "$$@"'; } > $@
else
	$(CC) -std=c11 -O1 -g $(SAN_FLAGS) $(shell $(PKG_CONFIG) --cflags lua$(LUA_VERSION)) tests/c/lua_san.c \
	  -o $@.bin $(shell $(PKG_CONFIG) --libs lua$(LUA_VERSION))
	@{ echo '#!/bin/sh'; echo '# the instrumented interpreter with the sanitizer options (make check-sanitize)'; \
	  echo '$(SAN_OPTIONS) exec "$(abspath $@).bin" "$$@"'; } > $@
endif
	@chmod 755 $@

valgrind: deps
	@command -v $(VALGRIND) >/dev/null 2>&1 || { echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
	@$(MAKE) --no-print-directory $(BUILD)/lua-valgrind
	@$(MAKE) --no-print-directory LUA='$(abspath $(BUILD))/lua-valgrind' test \
	  || { echo "valgrind: 0 passed, 1 failed (see the valgrind report above)"; exit 1; }

$(BUILD)/lua-valgrind: Makefile
	@mkdir -p $(@D)
	@{ echo '#!/bin/sh'; echo '# lua under valgrind (make valgrind)'; \
	  echo 'TRIALCITE_UNDER_VALGRIND=1 exec $(VALGRIND_CMD) lua$(LUA_VERSION) "$$@"'; } > $@
	@chmod 755 $@

fuzz: deps
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "fuzz: $(FUZZ_CC) not installed (apt-get install clang libclang-rt-14-dev)"; exit 1; }
	@$(MAKE) -s --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT='-O1 -g' CFLAGS='$(FUZZ_FLAGS)' \
	  $(FUZZERS:%=$(FUZZ_BUILD)/bin/%)
	@fail=0; for f in $(FUZZERS); do \
	  bash tests/fuzz/corpus.sh $$f $(FUZZ_BUILD)/corpus-$$f '$(abspath $(SHARED))/seeds' || exit 1; \
	  echo "fuzz: $$f for $(FUZZ_SECONDS)s"; \
	  mkdir -p $(FUZZ_BUILD)/artifacts-$$f; \
	  if $(FUZZ_BUILD)/bin/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	       -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts-$$f/ \
	       $$( [ -f tests/fuzz/$$f.dict ] && echo -dict=tests/fuzz/$$f.dict ) \
	       $(FUZZ_BUILD)/corpus-$$f > $(FUZZ_BUILD)/$$f.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|cov:' $(FUZZ_BUILD)/$$f.log | tail -3; \
	  else fail=$$((fail+1)); tail -60 $(FUZZ_BUILD)/$$f.log; echo "fuzz: $$f FAILED, inputs in $(FUZZ_BUILD)/artifacts-$$f"; fi; \
	done; \
	n=$$(echo $(FUZZERS) | wc -w); echo "$$((n-fail)) passed, $$fail failed"; [ $$fail = 0 ]

# The harnesses, linked by the sub-make above (BUILD=$(FUZZ_BUILD), CC=clang).
$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -Itests/fuzz $< $(LIB_OBJS) -o $@ $(LIBS)

# test_fuzz_regress replays tests/fuzz/regress/NAME/* through each harness's entry point
# in a normal build; it includes the harness sources, so it depends on them.
TC_HAVE_FLAGS = $(if $(wildcard plugin/tc_csl.c),-DTC_HAVE_CSL) $(if $(wildcard plugin/tc_bibtex.c),-DTC_HAVE_BIBTEX) \
                $(if $(and $(wildcard plugin/tc_annotate.c),$(wildcard tests/fuzz/fuzz_annotate.c)),-DTC_HAVE_ANNOTATE)
$(BUILD)/tests/test_fuzz_regress: tests/c/test_fuzz_regress.c $(wildcard tests/fuzz/*.c tests/fuzz/*.h) $(LIB_OBJS) tests/c/tc_test.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(TC_HAVE_FLAGS) -Itests/c -Itests/fuzz $< $(LIB_OBJS) -o $@ $(LIBS)

# test_threads also runs separate Lua states, so it links the binding and liblua.
$(BUILD)/tests/test_threads: tests/c/test_threads.c $(LIB_OBJS) $(LUA_OBJS) tests/c/tc_test.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/c $< $(LIB_OBJS) $(LUA_OBJS) -o $@ $(LIBS) $(shell $(PKG_CONFIG) --libs lua$(LUA_VERSION))

# `make check-globals`: no writable global or static data in the library objects beyond
# the one-time initialisation of libcurl (issue 6: separate Lua states in separate
# threads).  Lists what it finds; GLOBALS_OK names the allowed symbols.
GLOBALS_OK ?= global_once global_rc
.PHONY: check-globals
check-globals: all
	@found=$$(for f in $(LIB_OBJS) $(LUA_OBJS); do objdump -t $$f | \
	  awk -v f=$$(basename $$f) '$$0 ~ / (\.data|\.bss|\.tbss|\.tdata)[ \t]/ && $$0 !~ /\.data\.rel\.ro/ && $$NF !~ /^\./ {print f": "$$NF}'; done); \
	bad=$$(printf '%s\n' "$$found" | grep -v -w -e '^$$' $(GLOBALS_OK:%=-e %) || true); \
	printf '%s\n' "$$found" | grep -v '^$$' | sed 's/^/check-globals: allowed: /' | grep -w $(GLOBALS_OK:%=-e %) || true; \
	if [ -n "$$bad" ]; then printf '%s\n' "$$bad" | sed 's/^/check-globals: writable global state: /'; echo "0 passed, 1 failed"; exit 1; fi; \
	echo "1 passed, 0 failed"
