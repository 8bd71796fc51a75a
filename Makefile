# Lectern's two everyday commands (see README.md):
#   make lessons   set up, build, and render notebooks/ into output/
#   make test      set up, build, and run every test (what CI runs)
SWIFT ?= swift
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
LECTERN := .build/debug/lectern

.PHONY: setup build lessons test bench clean

# Installs the Debian packages the build needs when any is missing.
setup:
	@./scripts/setup.sh $(DEBIAN_PACKAGES)

build: setup
	$(SWIFT) build --product lectern

lessons: build
	$(LECTERN) render notebooks --output-dir output

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@./scripts/check-lessons.sh $(LECTERN)

# Release-build benchmarks; each figure is printed beside its reference figure.
bench: setup
	@./scripts/setup.sh hyperfine time
	$(SWIFT) build -c release --product engine-bench
	$(SWIFT) build -c release --product lectern-bench
	$(SWIFT) build -c release --product lectern
	.build/release/engine-bench
	.build/release/lectern-bench
	./scripts/bench-process.sh .build/release/lectern

clean:
	rm -rf .build
