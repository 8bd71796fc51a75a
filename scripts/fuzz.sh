#!/usr/bin/env bash
# Builds the libFuzzer target over page parsing and cells (Sources/lectern-fuzz) and runs it.
#
#   scripts/fuzz.sh [RUNS] [WORK-DIR] [more libFuzzer flags…]
#
# RUNS defaults to 1000000 (-runs=-1 runs until stopped); WORK-DIR to .build-fuzz/work, which
# keeps the growing corpus (corpus/), the seeds (seeds/, from notebooks/ and Tests/) and any
# crash, timeout or out-of-memory input (artifacts/). One job: the machine's other work keeps
# its cores. See docs/fuzzing.md for replaying and minimising a finding.
set -euo pipefail
runs="${1:-1000000}"
work="${2:-.build-fuzz/work}"
shift $(( $# < 2 ? $# : 2 ))

# -parse-as-library leaves `main` to libFuzzer; LECTERN_FUZZER compiles the fuzzer entry point
# instead of the replaying `@main`. A scratch path of its own keeps the instrumented build
# apart from .build.
swift build -c release --product lectern-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DLECTERN_FUZZER
fuzzer=".build-fuzz/release/lectern-fuzz"

mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$work/seeds"
python3 scripts/fuzz-seeds.py "$work/seeds"

# Swift's own backtracer would take the crash signal from libFuzzer, which then saves no input.
export SWIFT_BACKTRACE=enable=no
# Inputs of up to 8 KiB (a page); 10 s per input at most, although each page has a 0.1 s
# budget (the target itself stops at 1.5 s, see LECTERN_FUZZ_OVERRUN_MS); 2 GiB of memory,
# although each page has a 16 MiB budget. One worker process at a time (-fork=1) so that a
# finding is saved and the run goes on to the count.
exec "$fuzzer" "$work/corpus" "$work/seeds" \
    -runs="$runs" -max_len="${FUZZ_MAX_LEN:-8192}" -timeout=10 -rss_limit_mb=2048 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -dict=scripts/fuzz.dict -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@"
