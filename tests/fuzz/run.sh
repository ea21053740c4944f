#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60) on its seed
# corpus, as many at a time as there are cores.  Build first:
#   CC=clang cmake -S . -B build-fuzz -DRP_FUZZ=ON -DBUILD_TESTING=OFF && cmake --build build-fuzz -j
# Usage: tests/fuzz/run.sh [BUILD_DIR] ; crashes land in BUILD_DIR/fuzz-crashes/.
# Every crash found becomes a regression case in tests/hostile/.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
export ROLEPRESS_DATADIR=$src
export LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0
export ASAN_OPTIONS=fast_unwind_on_malloc=0:malloc_context_size=64:detect_leaks=1
mkdir -p "$build/fuzz-crashes"

# One target on a copy of its seed corpus; its exit status in $build/fuzz-$t.rc.
fuzz_one() {
    local t=$1 work rc=0
    work=$(mktemp -d)
    cp "$src/tests/fuzz/corpus/$t/"* "$work/"
    "$build/tests/fuzz/fuzz_$t" "$work" -max_total_time="$seconds" -max_len=65536 \
        -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -dict="$src/tests/fuzz/xml.dict" \
        -artifact_prefix="$build/fuzz-crashes/$t-" >"$build/fuzz-$t.log" 2>&1 || rc=$?
    echo "$rc" >"$build/fuzz-$t.rc"
    rm -rf "$work"
}

# As many targets at a time as there are cores (each is one process).
targets=(blueprint layout pipeline content)
jobs=$(nproc)
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    fuzz_one "$t" &
done
wait

status=0
for t in "${targets[@]}"; do
    echo "fuzz_$t: ${seconds}s"
    if [ "$(cat "$build/fuzz-$t.rc")" != 0 ]; then
        echo "fuzz_$t FAILED; see $build/fuzz-$t.log"
        tail -40 "$build/fuzz-$t.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|Done" "$build/fuzz-$t.log" | tail -2
    fi
done
exit $status
