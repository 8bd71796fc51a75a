#!/usr/bin/env bash
# Render speed, side by side in one run (a measurement, not a test): the release
# `lectern render notebooks` as a whole process (the chapter's pages, the three that build GPT
# models included, running in parallel child processes), and `jupyter nbconvert --execute` of the
# chapter's notebook with PyTorch 2.13, tiktoken reading GPT-2's vocabulary from this
# repository's Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken. Wall time and peak memory of each
# come from /usr/bin/time -v ("maximum resident set size" is the largest single process among
# the command and the children it waits for: the notebook's kernel, but not lectern's page
# processes, which end after it);
# "all at once" is the largest sum of the resident memory of the command and its children,
# sampled every 50 ms (pages running in parallel add up).
#
# usage: scripts/bench-chapter.sh [NOTEBOOK] [LECTERN]
#   NOTEBOOK  ch04.ipynb of rasbt/LLMs-from-scratch (Apache-2.0), with previous_chapters.py
#             beside it (the notebook imports MultiHeadAttention from it). It is not committed:
#               git clone --depth 1 https://github.com/rasbt/LLMs-from-scratch /tmp/LLMs-from-scratch
#               scripts/bench-chapter.sh /tmp/LLMs-from-scratch/ch04/01_main-chapter-code/ch04.ipynb
#             Without it (or without jupyter and torch, below) only lectern runs, and the script says so.
#   LECTERN   the release build (default .build/static/release/lectern, from `make release`)
#   PAGES     (environment) the folder to render, default notebooks
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
pages=${PAGES:-notebooks}
venv=${VENV:-/tmp/lectern-bench-venv}
vocabulary=$PWD/Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken

[[ -x "$lectern" ]] || { echo "bench-chapter: no release lectern at $lectern; run 'make release'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-chapter: /usr/bin/time is missing (Debian package 'time')" >&2; exit 2; }
[[ -d "$pages" ]] || { echo "bench-chapter: no folder of pages at '$pages'" >&2; exit 2; }
# Why nbconvert cannot run, if it cannot (then only lectern is measured).
skip=""
if [[ -z "$notebook" ]]; then
    skip="no NOTEBOOK given (see the usage at the top of $0)"
elif [[ ! -f "$notebook" ]]; then
    skip="the notebook '$notebook' was not found"
elif [[ ! -f "$(dirname "$notebook")/previous_chapters.py" ]]; then
    skip="$(dirname "$notebook")/previous_chapters.py is missing (the notebook imports it)"
elif [[ ! -x "$venv/bin/jupyter" ]] || ! "$venv/bin/python" -c 'import torch, tiktoken, nbconvert' 2>/dev/null; then
    skip="no jupyter, torch and tiktoken in $venv (see the set-up lines at the top of $0)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "$skip" ]]; then
mkdir -p "$work/notebook"
cp "$(dirname "$notebook")/previous_chapters.py" "$work/notebook/"
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
fi

# The largest sum of resident memory of process $1 and its descendants, sampled every 50 ms
# until it ends (KiB). Only shell builtins in the loop (and one sleep): the sampling must not load
# the two cores it measures.
sample_memory() {
    local pid=$1 peak=0 now member key value unit task file
    local -a members found
    while kill -0 "$pid" 2>/dev/null; do
        now=0
        members=("$pid")
        for ((i = 0; i < ${#members[@]}; i++)); do
            member=${members[i]}
            # Children, from every thread (a page's child is started by a worker thread).
            for file in /proc/"$member"/task/*/children; do
                # The file has no newline: read reports end of input having filled the array.
                found=()
                { read -r -a found < "$file"; } 2>/dev/null || true
                members+=("${found[@]}")
            done
            # A process may end between the listing and the reading.
            { while read -r key value unit; do
                [[ $key == VmRSS: ]] && now=$((now + value))
            done < /proc/"$member"/status; } 2>/dev/null || true
        done
        (( now > peak )) && peak=$now
        sleep 0.05
    done
    echo "$peak"
}

# Runs a command under /usr/bin/time -v; prints "seconds peak-KiB all-at-once-KiB exit-status".
measure() {
    local log=$1; shift
    local status=0
    /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>&1 &
    local pid=$!
    local together
    together=$(sample_memory "$pid")
    wait "$pid" || status=$?
    local wall peak
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log.time")
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
    echo "$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }') $peak $together $status"
}

echo "machine: $(nproc) cores, $(uname -m); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lectern: $lectern, pages: $pages ($(ls "$pages"/*.md | wc -l) pages)"
if [[ -z "$skip" ]]; then
    echo "python:  $("$venv/bin/python" -c 'import torch, tiktoken, nbconvert; print(f"torch {torch.__version__}, tiktoken {tiktoken.__version__}, nbconvert {nbconvert.__version__}")')"
else
    echo "nbconvert skipped: $skip"
fi
echo

read -r l_wall l_peak l_all l_status < <(measure "$work/lectern" "$lectern" render "$pages" --no-cache --output-dir "$work/output")
# The cached renders run in the temporary folder, so the cell cache (.lectern/cache, relative to
# the working folder) starts empty there: the first fills it, the second reads it, and the
# repository's own cache is neither read nor written.
cached_render() { (cd "$work" && measure "$work/$1" "$lectern_path" render "$pages_path" --output-dir "$work/output-cached"); }
lectern_path=$(realpath "$lectern")
pages_path=$(realpath "$pages")
read -r c_wall c_peak c_all c_status < <(cached_render lectern-cached)
read -r c2_wall c2_peak c2_all c2_status < <(cached_render lectern-cached2)
if [[ -z "$skip" ]]; then
    read -r n_wall n_peak n_all n_status < <(measure "$work/nbconvert" "$venv/bin/jupyter" nbconvert --execute --to notebook \
        --ExecutePreprocessor.timeout=1200 --output-dir "$work/executed" "$work/notebook/ch04.ipynb")
fi

printf '%-58s %9s %12s %13s %6s\n' "command" "wall (s)" "peak (MiB)" "all at once" "exit"
row() { printf '%-58s %9s %12.1f %13.1f %6s\n' "$1" "$2" "$(echo "$3" | awk '{ print $1 / 1024 }')" "$(echo "$4" | awk '{ print $1 / 1024 }')" "$5"; }
row "lectern render $pages --no-cache" "$l_wall" "$l_peak" "$l_all" "$l_status"
row "lectern render $pages (cache filled, then read)" "$c_wall / $c2_wall" "$c2_peak" "$c2_all" "$c2_status"
if [[ -z "$skip" ]]; then
    row "jupyter nbconvert --execute --to notebook ch04.ipynb" "$n_wall" "$n_peak" "$n_all" "$n_status"
fi
echo
echo "pages rendered: $(ls "$work"/output/*.html 2>/dev/null | grep -vc '/index.html$' || true)"
for name in lectern nbconvert; do
    [[ -f "$work/$name.time" ]] || continue
    if ! grep -q '^[[:space:]]*Exit status: 0' "$work/$name.time"; then
        echo "--- $name failed; its output:"
        tail -20 "$work/$name.out"
    fi
done
