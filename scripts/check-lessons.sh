#!/usr/bin/env bash
# The lessons are tests too: once the renderer lands, this renders notebooks/ into a temporary
# folder, fails if it differs from the committed output/, and runs `lectern check notebooks`.
set -euo pipefail
lectern="$1"
if ! ls notebooks/*.md >/dev/null 2>&1; then
    echo "check-lessons: no pages in notebooks/ yet"
    exit 0
fi
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$lectern" render notebooks --output-dir "$fresh"
if ! diff -r output "$fresh" > "$fresh.diff"; then
    echo "check-lessons: output/ is not what the code renders; run 'make lessons' and commit:" >&2
    head -40 "$fresh.diff" >&2
    exit 1
fi
"$lectern" check notebooks
