#!/usr/bin/env bash
# Cold debug build, wall and CPU time, of the same program (examples/examples/rooms_client.rs)
# on our generated crate (build-apps/ours: features `chime`, `ivschat`, `client`) and on
# aws-sdk-chime + aws-sdk-ivschat + aws-config (build-apps/sdk), and of build-apps/deps-only:
# the dependencies `ours` compiles and none of its code, the floor of `ours`. Each build
# gets a fresh target directory; sources are fetched first so downloads are not timed.
# Prints one line per build, then a Markdown table of the rounds (BENCHMARKS.md).
#
#   ROUNDS=n  repeat the three builds n times, interleaved (default 1): the machine's
#             speed drifts between minutes, so compare builds of the same round.
#   NICE=n    niceness of the builds (default 10: the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/build-apps"
# The SDK first: the longest build, and the one the others are compared with.
apps=(sdk ours deps-only)
for app in "${apps[@]}"; do
    (cd "$app" && cargo fetch --quiet)
done

# Unique crates of an app's normal and build dependency tree, with their features, the
# app itself and `generated` left out. (`cargo tree` marks repeats with ` (*)`.)
tree() {
    (cd "$1" && cargo tree --offline -e normal,build --prefix none --format '{p} [{f}]') |
        sed 's/ (\*)$//' | sort -u | grep -v -E '^(build-[a-z-]+|generated) '
}
# deps-only is the floor only while it compiles exactly what `ours` does besides
# `generated`: after a change of generated/Cargo.toml, update deps-only/Cargo.toml.
if ! diff <(tree deps-only) <(tree ours) >&2; then
    echo "build-apps/deps-only no longer matches ours' dependencies (diff above: < deps-only, > ours)" >&2
    exit 1
fi
declare -A crates
for app in "${apps[@]}"; do
    crates[$app]=$(($(tree "$app" | sed 's/ \[.*\]$//' | sort -u | wc -l) + 1)) # + the app itself
done
crates[ours]=$((crates[ours] + 1)) # + generated

ratio() { printf '%.2f×' "$(echo "scale=4; $1 / $2" | bc)"; }
rows=()
for round in $(seq "${ROUNDS:-1}"); do
    declare -A wall=() cpu=()
    for app in "${apps[@]}"; do
        target="$(mktemp -d)"
        times="$(mktemp)"
        /usr/bin/time -o "$times" -f '%e %U %S' \
            env CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 \
            nice -n "${NICE:-10}" cargo build --quiet --manifest-path "$app/Cargo.toml"
        read -r w u s <"$times"
        wall[$app]=$w
        cpu[$app]=$(echo "$u + $s" | bc)
        echo "round $round, $app: ${wall[$app]} s wall, ${cpu[$app]} s CPU (user $u + system $s), ${crates[$app]} crates"
        rm -rf "$target" "$times"
    done
    rows+=("| $round | ${wall[ours]} s, ${cpu[ours]} s | ${wall[deps-only]} s, ${cpu[deps-only]} s | ${wall[sdk]} s, ${cpu[sdk]} s | $(ratio "${cpu[ours]}" "${cpu[sdk]}") | $(ratio "${cpu[deps-only]}" "${cpu[sdk]}") | $(echo "${cpu[ours]} - ${cpu[deps-only]}" | bc) s |")
done

echo
echo "| round | ours: wall, CPU | deps-only: wall, CPU | SDK: wall, CPU | ours ÷ SDK, CPU | deps-only ÷ SDK, CPU | ours − deps-only, CPU |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "Crates (cargo tree -e normal,build, each once, the program included): ours ${crates[ours]}, deps-only ${crates[deps-only]}, SDK ${crates[sdk]}"
