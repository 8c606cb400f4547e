#!/usr/bin/env bash
# Fuzzes Gongkai's hostile-input paths (fuzz/: records as JSON, record fields, HTML pages, CSV
# files, search and suggest queries) with libFuzzer through cargo-fuzz, on the stable toolchain
# (RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags). Each target runs FUZZ_SECONDS (default
# 20) from its committed seeds (fuzz/seeds/<target>) plus the corpus kept from earlier runs
# (fuzz/corpus/<target>, not committed). Fails on any crash, panic, timeout or out-of-memory,
# naming the input saved under fuzz/artifacts/<target>/; prints executions per target.
#
#   scripts/fuzz.sh                                  # every target, 20 s each
#   FUZZ_SECONDS=60 scripts/fuzz.sh query_q csv      # some targets, longer
#   FUZZ_SANITIZER=none scripts/fuzz.sh              # without AddressSanitizer (faster)
#
# Reproduce a crash: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run <target> artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-20}
sanitizer=${FUZZ_SANITIZER:-address}
all_targets=(record_json record_fields html csv query_q query_string)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

# The query targets build a small index in $TMPDIR; keep it, and the CSV target's file, in a
# directory removed afterwards.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work

cd fuzz
started=$SECONDS
echo "fuzz: building ${targets[*]} (sanitizer: $sanitizer)"
for t in "${targets[@]}"; do
    cargo fuzz build --sanitizer "$sanitizer" "$t"
done
echo "fuzz: built in $((SECONDS - started)) s"

failed=()
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    seeds=()
    [ -d "seeds/$t" ] && seeds=("seeds/$t")
    log="$work/$t.log"
    echo "fuzz: $t for $seconds s"
    status=0
    cargo fuzz run --sanitizer "$sanitizer" "$t" "corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -1)
    if [ "$status" -ne 0 ]; then
        failed+=("$t")
        echo "fuzz: $t FAILED (exit $status); last lines of its log:" >&2
        grep -v '^#[0-9]' "$log" | tail -40 >&2
        summary+=("$(printf '%-14s FAILED  %12s execs  %8s/s' "$t" "${execs:-?}" "${rate:-?}")")
    else
        summary+=("$(printf '%-14s ok      %12s execs  %8s/s  slowest input %s s' "$t" "${execs:-?}" "${rate:-?}" "${slowest:-?}")")
    fi
done

echo "fuzz: $seconds s per target, $((SECONDS - started)) s in all"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in ${failed[*]}; inputs are in fuzz/artifacts/<target>/" >&2
    exit 1
fi
