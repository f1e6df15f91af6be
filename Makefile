# trialcite — build, test, run.  `make run` and `make test` are all a fresh Debian
# machine needs: both first run `make deps`, which installs the Debian packages it
# finds missing (as root) or names them and stops.

LUA_VERSION ?= 5.4
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
DEP_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
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

.PHONY: all deps run test check-sanitize fuzz bench install uninstall clean valgrind

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

# ---- tests --------------------------------------------------------------------
$(BUILD)/tests/%: tests/c/%.c $(LIB_OBJS) tests/c/tc_test.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/c $< $(LIB_OBJS) -o $@ $(LIBS)

test: deps
	@$(MAKE) --no-print-directory all $(C_TESTS)
	@$(LUA_ENV) $(LUA) tests/run.lua $(C_TESTS)

# ---- the main job -------------------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	@$(LUA_ENV) $(LUA) lua/trialcite/cli.lua annotate $(if $(TEXTS),$(TEXTS),--all)

# ---- benchmarks ---------------------------------------------------------------
bench: deps
	@$(MAKE) --no-print-directory all
	@$(LUA_ENV) $(LUA) tests/bench/bench.lua

# ---- install ------------------------------------------------------------------
LUA_LMOD ?= $(PREFIX)/share/lua/$(LUA_VERSION)
LUA_CMOD ?= $(PREFIX)/lib/lua/$(LUA_VERSION)
BINDIR   ?= $(PREFIX)/bin
install: all
	install -d $(DESTDIR)$(LUA_CMOD)/trialcite $(DESTDIR)$(LUA_LMOD)/trialcite \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(BINDIR)
	install -m 755 $(MODULE) $(DESTDIR)$(LUA_CMOD)/trialcite/core.so
	cd lua && find trialcite -type d -exec install -d '$(DESTDIR)$(LUA_LMOD)/{}' \; \
	  && find trialcite -type f \( -name '*.lua' -o -name '*.json' \) -exec install -m 644 '{}' '$(DESTDIR)$(LUA_LMOD)/{}' \;
	install -m 755 $(LIBRARY) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libtrialcite.so
	install -m 644 include/trialcite.h $(DESTDIR)$(PREFIX)/include/trialcite.h
	$(call write_pc,$(PREFIX),$(DESTDIR)$(PREFIX)/lib/pkgconfig/trialcite.pc)
	printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(LUA)' '$(LUA_LMOD)/trialcite/cli.lua' > $(DESTDIR)$(BINDIR)/trialcite
	chmod 755 $(DESTDIR)$(BINDIR)/trialcite

uninstall:
	rm -rf $(DESTDIR)$(LUA_CMOD)/trialcite $(DESTDIR)$(LUA_LMOD)/trialcite
	rm -f $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libtrialcite.so \
	  $(DESTDIR)$(PREFIX)/include/trialcite.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/trialcite.pc \
	  $(DESTDIR)$(BINDIR)/trialcite

clean:
	rm -rf build
