#!/usr/bin/env bash
# Release size of the same program, examples/examples/rooms_client.rs, on our generated
# crate (build-apps/ours) and on aws-sdk-chime + aws-sdk-ivschat + aws-config
# (build-apps/sdk). Both are built with the same profile: Cargo's `release` as the
# environment leaves it (e.g. CARGO_PROFILE_RELEASE_LTO=true applies to both), each in its
# own build-apps/*/target; both binaries are then stripped of all symbols (`strip`).
# Prints a Markdown table (BENCHMARKS.md); the unstripped binaries stay in place for
# `nm --size-sort`.
#
#   NICE=n  niceness of the builds (default 10: the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/build-apps"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
declare -A unstripped stripped text
for app in ours sdk; do
    nice -n "${NICE:-10}" cargo build --quiet --release --manifest-path "$app/Cargo.toml" --target-dir "$app/target"
    bin="$app/target/release/rooms_client"
    strip -o "$out/$app" "$bin"
    unstripped[$app]=$(stat -c %s "$bin")
    stripped[$app]=$(stat -c %s "$out/$app")
    # `size`'s first column: machine code and read-only data.
    text[$app]=$(size "$out/$app" | awk 'NR == 2 { print $1 }')
    echo "$app: $PWD/$bin" >&2
done
# 1234567 → 1,234,567 B (BENCHMARKS.md's style, whatever the locale).
bytes() { echo "$1 B" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }
echo "| program | stripped | of which text (\`size\`) | unstripped |"
echo "| --- | --- | --- | --- |"
for app in ours sdk; do
    echo "| $app | $(bytes "${stripped[$app]}") | $(bytes "${text[$app]}") | $(bytes "${unstripped[$app]}") |"
done
printf 'ours ÷ SDK, stripped: %.2f× (goal ≤ 0.5×)\n' "$(echo "scale=4; ${stripped[ours]} / ${stripped[sdk]}" | bc)"
