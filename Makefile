# skola — the two commands: `make run` and `make test`.
# Both install missing Debian packages first (apt-get; sudo when not root).

BUILD ?= build
CMAKE_FLAGS ?=
BIN := $(BUILD)/skola
PACKAGES := cmake gcc make pkg-config gettext libncurses-dev libsqlite3-dev \
            libcsv-dev libcmocka-dev libutf8proc-dev nettle-dev libqrencode-dev tmux sqlite3 \
            groff-base man-db dpkg-dev libxlsxwriter-dev
ifeq ($(CI),true)
CMAKE_FLAGS += -DSKOLA_WERROR=ON
endif
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test bench clean format po deb

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(BIN) demo --if-new
	$(BIN)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A Debian package of the build, in $(BUILD)/deb/ (CPack; Depends from dpkg-shlibdeps).
deb: build
	cd $(BUILD) && cpack -G DEB -B deb

bench: build
	bench/run

# Refresh the message template from the sources and merge it into po/lv.po.
po:
	xgettext --from-code=UTF-8 -k -k_ -kN_ -kC_:1c,2 -kngettext:1,2 -kdngettext:2,3 -c --package-name=skola \
	  -o po/skola.pot $$(git ls-files 'forms/*.[ch]' 'storage/*.[ch]' 'core/*.[ch]' 'tui/*.[ch]' 'cli/*.[ch]')
	msgmerge --quiet --update --backup=none --no-fuzzy-matching po/lv.po po/skola.pot

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)
