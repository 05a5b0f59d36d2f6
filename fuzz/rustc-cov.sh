#!/usr/bin/env bash
# RUSTC_WRAPPER for the fuzz build: comparison tracing only in our own crates. Tracing every
# comparison in third-party code (encoding detection, zlib, the PDF parser) took 70% of each run
# and cut executions three- to fourfold, while its guidance is wanted where our parsers branch.
# Edge coverage stays everywhere, so new paths through a dependency still count.
rustc=$1; shift
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${CARGO_MANIFEST_DIR:-}" in
  "$root" | "$root"/*) exec "$rustc" "$@" ;;
esac
args=()
for a in "$@"; do
  [[ $a == -Cllvm-args=-sanitizer-coverage-trace-compares ]] || args+=("$a")
done
exec "$rustc" "${args[@]}"
