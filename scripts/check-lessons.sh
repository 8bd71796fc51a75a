#!/usr/bin/env bash
# The lessons are tests too: this renders notebooks/ into a temporary folder, fails if it differs
# from the committed output/, and checks every published number (`lectern check notebooks`).
set -euo pipefail
lectern="$1"
if ! ls notebooks/*.md >/dev/null 2>&1; then
    echo "check-lessons: no pages in notebooks/ yet"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fresh="$work/output"
"$lectern" render notebooks --output-dir "$fresh"
if ! diff -r output "$fresh" > "$work/diff"; then
    echo "check-lessons: output/ is not what the code renders; run 'make lessons' and commit:" >&2
    head -40 "$work/diff" >&2
    exit 1
fi
# The render has just stored every page's outputs in the cell cache under this build's
# identity: check compares those with the published numbers instead of running each page
# (the 124M-parameter pages) a second time.
"$lectern" check notebooks --cached
