#!/usr/bin/env bash
# Build every fuzz target as a coverage-guided libFuzzer binary on the *stable* toolchain (the
# sanitizer-coverage flags cargo-fuzz passes are stable; only AddressSanitizer would need nightly,
# and safe Rust does not need it), then run each over its seed corpus and dictionary.
#
#   fuzz/smoke.sh                 build, then a short smoke run per target (what CI does)
#   FUZZ_SECONDS=300 fuzz/smoke.sh text html   longer runs of some targets
#   FUZZ_MAX_LEN=4096 ...          shorter inputs (more runs a second for the slow parsers)
#
# New inputs found are kept in fuzz/target/corpus/<target> (not in the repo's seed corpus);
# crashes are written to fuzz/artifacts/<target>/ and make the script fail. Each run's setup is a
# release build with coverage instrumentation: a few minutes the first time.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTFLAGS="--cfg fuzzing -Cdebug-assertions -Coverflow-checks \
 -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares"
export CARGO_TARGET_DIR="$PWD/target"
# Comparison tracing only in our own crates (see rustc-cov.sh).
export RUSTC_WRAPPER="$PWD/rustc-cov.sh"
# An explicit --target keeps the flags off build scripts and proc macros (as cargo-fuzz does).
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --bins --quiet --target "$host"
bin="target/$host/release"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(load text html docx csv pdf cache report_cache saved_index config state query indicators panel)
fi
seconds="${FUZZ_SECONDS:-10}"
for t in "${targets[@]}"; do
  if [[ ! -x "$bin/$t" || ! -d "corpus/$t" || ! -f "dict/$t.dict" ]]; then
    echo "fuzz $t: the target, its seed corpus (corpus/$t) or its dictionary (dict/$t.dict) is missing"; exit 1
  fi
  # Only this run's findings count (a fixed crash stays in corpus/<target> as a regression seed).
  rm -rf "artifacts/$t"
  mkdir -p "target/corpus/$t" "artifacts/$t"
  echo "fuzz $t: ${seconds}s"
  "$bin/$t" "target/corpus/$t" "corpus/$t" -dict="dict/$t.dict" \
    -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>&1 |
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+[[:space:]]+DONE|==[0-9]+== ERROR|SUMMARY|panicked)' || true
  if compgen -G "artifacts/$t/crash-*" >/dev/null || compgen -G "artifacts/$t/oom-*" >/dev/null \
     || compgen -G "artifacts/$t/timeout-*" >/dev/null; then
    echo "fuzz $t: found a failing input in fuzz/artifacts/$t"; exit 1
  fi
done
