#!/usr/bin/env bash
# The test of the set-up: a clone of the repository alone (nothing beside it) passes its
# tests with the README's two commands once the pinned inputs are fetched, here from the
# reference copy standing in for the network; without the fetch, `cargo test` fails fast
# with the one line naming the command. The clone shares the main run's target directory,
# so only the workspace's own crates compile again.
#
# Usage: .ci/fresh-clone.sh MAIN_TEST_LOG (the main run's `cargo test` output, whose
# counts this run must equal).
set -euo pipefail
main="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$main/../shared" && pwd)"
main_log="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$main" "$work/repo"
cd "$work/repo"
export CARGO_TARGET_DIR="$main/target"

# Sums libtest's `test result:` lines: "passed failed ignored".
counts() {
    grep -E '^test result: ' "$1" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed; ([0-9]+) ignored.*/\1 \2 \3/' |
        awk '{p += $1; f += $2; i += $3} END {printf "%d passed, %d failed, %d ignored\n", p, f, i}'
}

echo "fresh clone without the fetch: cargo test must fail fast, naming the command"
if cargo test --workspace --all-features >"$work/unfetched.log" 2>&1; then
    echo "FAILED: the tests passed with no pinned inputs"
    exit 1
fi
if ! grep -m1 'is not in models/cache: run `cargo xtask fetch-models`' "$work/unfetched.log"; then
    tail -30 "$work/unfetched.log"
    echo "FAILED: no one-line message naming the fetch command"
    exit 1
fi

echo "fresh clone: fetch (offline, from the reference copy), codegen, test"
cargo xtask fetch-models --from "$shared"
cargo xtask codegen
cargo test --workspace --all-features 2>&1 | tee "$work/test.log"
ours="$(counts "$work/test.log")"
theirs="$(counts "$main_log")"
echo "fresh clone: $ours; main run: $theirs"
if [ "$ours" != "$theirs" ]; then
    echo "FAILED: the fresh clone's test counts differ from the main run's"
    exit 1
fi
