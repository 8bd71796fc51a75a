# Lectern's two everyday commands (see README.md):
#   make lessons   set up, build, and render notebooks/ into output/
#   make test      set up, build, and run every test (what CI runs)
SWIFT ?= swift
# libssl-dev: SHA-256 for the cell cache. libxml2-dev: the HTML parser that sanitises raw HTML in
# prose. libcurl4-openssl-dev: FlyingFox (lectern preview's HTTP server) imports
# FoundationNetworking, whose static library in `make release` links libcurl.
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libssl-dev libcurl4-openssl-dev pkg-config librsvg2-bin
LECTERN := .build/debug/lectern

.PHONY: setup build lessons test release bench clean

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

# The release `lectern` (.build/static/release/lectern) has the Swift runtime and Foundation linked
# in, as a tool copied to CI machines needs: it runs without a Swift installation, and a process
# maps only the code it uses (a render peaks near 25 MiB instead of 30, and starts sooner).
release: setup
	$(SWIFT) build -c release --product lectern --static-swift-stdlib --scratch-path .build/static

# Release-build benchmarks; each figure is printed beside its reference figure.
bench: release
	@./scripts/setup.sh hyperfine time
	$(SWIFT) build -c release --product engine-bench
	$(SWIFT) build -c release --product lectern-bench
	.build/release/engine-bench
	.build/release/lectern-bench
	./scripts/bench-process.sh .build/static/release/lectern

clean:
	rm -rf .build
