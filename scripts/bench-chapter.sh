#!/usr/bin/env bash
# Render speed, side by side in one run (a measurement, not a test): the release
# `lectern render notebooks` as a whole process, and `jupyter nbconvert --execute` of the
# chapter's notebook with PyTorch 2.13, tiktoken reading GPT-2's vocabulary from this
# repository's Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken. Wall time and peak memory of each
# come from /usr/bin/time -v ("maximum resident set size" is the largest single process among
# the command and the children it waits for: a page's child process, the notebook's kernel).
#
# usage: scripts/bench-chapter.sh NOTEBOOK [LECTERN]
#   NOTEBOOK  ch04.ipynb of rasbt/LLMs-from-scratch (Apache-2.0), with previous_chapters.py
#             beside it (the notebook imports MultiHeadAttention from it). It is not committed:
#               git clone --depth 1 https://github.com/rasbt/LLMs-from-scratch /tmp/LLMs-from-scratch
#               scripts/bench-chapter.sh /tmp/LLMs-from-scratch/ch04/01_main-chapter-code/ch04.ipynb
#   LECTERN   the release build (default .build/static/release/lectern, from `make release`)
#
# Python: a virtual environment using the system's torch 2.13.0+cpu (VENV, default
# /tmp/lectern-bench-venv):
#   python3 -m venv --system-site-packages /tmp/lectern-bench-venv
#   /tmp/lectern-bench-venv/bin/pip install nbconvert ipykernel tiktoken matplotlib
#
# The notebook runs from a copy in a temporary folder with one cell put first: it makes
# tiktoken.get_encoding("gpt2") an Encoding built from the committed vocabulary file with GPT-2's
# split pattern and <|endoftext|> = 50256, so nothing is downloaded (the cell's time counts).
# lectern renders with --no-cache (every page runs, as the notebook's every cell does) into a
# temporary folder; a second, cached render is shown for reference.
set -euo pipefail
cd "$(dirname "$0")/.."

notebook=${1:-}
lectern=${2:-.build/static/release/lectern}
venv=${VENV:-/tmp/lectern-bench-venv}
vocabulary=$PWD/Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken

if [[ -z "$notebook" || ! -f "$notebook" ]]; then
    sed -n '9,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    echo "bench-chapter: give the path of ch04.ipynb (not found: '${notebook}')" >&2
    exit 2
fi
helpers="$(dirname "$notebook")/previous_chapters.py"
[[ -f "$helpers" ]] || { echo "bench-chapter: $helpers is missing (the notebook imports it)" >&2; exit 2; }
[[ -x "$lectern" ]] || { echo "bench-chapter: no release lectern at $lectern; run 'make release'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-chapter: /usr/bin/time is missing (Debian package 'time')" >&2; exit 2; }
[[ -x "$venv/bin/jupyter" ]] || { echo "bench-chapter: no jupyter in $venv; see the set-up lines at the top of $0" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/notebook"
cp "$helpers" "$work/notebook/"
"$venv/bin/python" - "$notebook" "$work/notebook/ch04.ipynb" "$vocabulary" <<'PY'
import json, sys
source, target, vocabulary = sys.argv[1:]
notebook = json.load(open(source, encoding="utf-8"))
cell = f'''# Added by scripts/bench-chapter.sh: GPT-2's encoding from a local vocabulary file.
import base64, tiktoken
with open({vocabulary!r}, "rb") as file:
    _ranks = {{base64.b64decode(token): int(rank) for token, rank in (line.split() for line in file if line.strip())}}
_gpt2 = tiktoken.Encoding(
    name="gpt2",
    pat_str=r"""'(?:[sdmt]|ll|ve|re)| ?\\p{{L}}++| ?\\p{{N}}++| ?[^\\s\\p{{L}}\\p{{N}}]++|\\s++$|\\s+(?!\\S)|\\s""",
    mergeable_ranks=_ranks,
    special_tokens={{"<|endoftext|>": 50256}},
    explicit_n_vocab=50257,
)
_get_encoding = tiktoken.get_encoding
tiktoken.get_encoding = lambda name: _gpt2 if name == "gpt2" else _get_encoding(name)
'''
notebook["cells"].insert(0, {"cell_type": "code", "execution_count": None, "id": "bench-local-gpt2",
                             "metadata": {}, "outputs": [], "source": cell})
json.dump(notebook, open(target, "w", encoding="utf-8"))
PY

# Runs a command under /usr/bin/time -v; prints "seconds peak-KiB exit-status".
measure() {
    local log=$1; shift
    local status=0
    /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>&1 || status=$?
    local wall peak
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log.time")
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
    echo "$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }') $peak $status"
}

echo "machine: $(nproc) cores, $(uname -m); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lectern: $lectern"
echo "python:  $("$venv/bin/python" -c 'import torch, tiktoken, nbconvert; print(f"torch {torch.__version__}, tiktoken {tiktoken.__version__}, nbconvert {nbconvert.__version__}")')"
echo

read -r l_wall l_peak l_status < <(measure "$work/lectern" "$lectern" render notebooks --no-cache --output-dir "$work/output")
read -r c_wall c_peak c_status < <(measure "$work/lectern-cached" "$lectern" render notebooks --output-dir "$work/output-cached")
read -r c2_wall c2_peak c2_status < <(measure "$work/lectern-cached2" "$lectern" render notebooks --output-dir "$work/output-cached")
read -r n_wall n_peak n_status < <(measure "$work/nbconvert" "$venv/bin/jupyter" nbconvert --execute --to notebook \
    --ExecutePreprocessor.timeout=1200 --output-dir "$work/executed" "$work/notebook/ch04.ipynb")

printf '%-58s %9s %12s %6s\n' "command" "wall (s)" "peak (MiB)" "exit"
row() { printf '%-58s %9s %12.1f %6s\n' "$1" "$2" "$(echo "$3" | awk '{ print $1 / 1024 }')" "$4"; }
row "lectern render notebooks --no-cache" "$l_wall" "$l_peak" "$l_status"
row "lectern render notebooks (cache filled, then read)" "$c_wall / $c2_wall" "$c2_peak" "$c2_status"
row "jupyter nbconvert --execute --to notebook ch04.ipynb" "$n_wall" "$n_peak" "$n_status"
echo
echo "pages rendered: $(ls "$work"/output/*.html 2>/dev/null | grep -vc '/index.html$' || true)"
for name in lectern nbconvert; do
    if ! grep -q '^[[:space:]]*Exit status: 0' "$work/$name.time"; then
        echo "--- $name failed; its output:"
        tail -20 "$work/$name.out"
    fi
done
