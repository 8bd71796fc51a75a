#!/usr/bin/env bash
# Whole-process benchmarks (issue goals are for the whole `lectern` process, start-up included):
# rendering the shortcut-connections lesson (goal ≤ 25 ms wall, ≤ 30 MiB peak) and checking
# 100 copies of it (goal ≤ 1 s on 2 cores). Needs hyperfine and GNU time (`make bench` installs them).
set -euo pipefail
lectern="$1"
lesson=notebooks/shortcut-connections.md
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== whole process =="
hyperfine -N --warmup 5 --runs 40 --export-json "$scratch/render.json" \
    "$lectern render $lesson --output-dir $scratch/out" > /dev/null
peak_kib=$(/usr/bin/time -f %M "$lectern" render "$lesson" --output-dir "$scratch/out" 2>&1 >/dev/null | tail -1)

mkdir "$scratch/hundred"
for i in $(seq -w 0 99); do cp "$lesson" "$scratch/hundred/page-$i.md"; done
hyperfine -N --warmup 1 --runs 10 --export-json "$scratch/check.json" \
    "$lectern check $scratch/hundred" > /dev/null

python3 - "$scratch/render.json" "$scratch/check.json" "$peak_kib" <<'PY'
import json, sys
render = json.load(open(sys.argv[1]))["results"][0]
check = json.load(open(sys.argv[2]))["results"][0]
peak_mib = int(sys.argv[3]) / 1024
print(f"render {'notebooks/shortcut-connections.md'}: mean {render['mean']*1e3:.1f} ms, min {render['min']*1e3:.1f} ms "
      f"(goal ≤ 25 ms; jupyter nbconvert --execute: 4870 ms, {4870 / (render['mean']*1e3):.0f}x)")
print(f"render peak memory: {peak_mib:.1f} MiB (goal ≤ 30 MiB; jupyter nbconvert: 775 MiB, {775 / peak_mib:.0f}x)")
print(f"check 100 pages: mean {check['mean']:.3f} s, min {check['min']:.3f} s (goal ≤ 1 s on 2 cores)")
PY
