#!/usr/bin/env bash
# Run every fuzz target (or those named) for SECONDS each and print one line per target:
# executions, crashes, timeouts. Needs the nightly toolchain and cargo-fuzz (installed here if
# missing). Usage: fuzz/run.sh SECONDS [TARGET...]   e.g. fuzz/run.sh 3600 time
# FUZZ_DEV=1 builds the targets unoptimised (a cold build in about 6 minutes instead of 15-30; fewer
# executions per second): what CI uses for its short run of every target (.ci/run).
# Exit 1 if any target crashed or timed out; the failing input is kept in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}; shift
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
bash ./seed.sh >/dev/null
# No sanitizer: the code under test is safe Rust; libFuzzer still finds panics, overflows
# (debug assertions on), hangs (-timeout) and runaway memory (-rss_limit_mb).
# One build of every target (cargo fuzz build takes one target or all).
# an unoptimised build runs 10-30 times slower: a longer per-input limit, so only hangs time out
profile=(); timeout=10
if [ "${FUZZ_DEV:-0}" = 1 ]; then profile=(--dev); timeout=120; fi
cargo +nightly fuzz build "${profile[@]}" --sanitizer none --debug-assertions 2>&1 | tail -2
status=0
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t" "corpus/$t"
  log=$(mktemp)
  if cargo +nightly fuzz run "${profile[@]}" --sanitizer none --debug-assertions "$t" "corpus/$t" -- \
      -max_total_time="$secs" -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED; status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  crashes=$(ls "artifacts/$t" | grep -c '^crash-' || true)
  timeouts=$(ls "artifacts/$t" | grep -c '^timeout-' || true)
  echo "$t: $result, $execs executions in ${secs}s, crashes $crashes, timeouts $timeouts"
  [ "$result" = ok ] || tail -30 "$log"
  rm -f "$log"
done
exit $status
