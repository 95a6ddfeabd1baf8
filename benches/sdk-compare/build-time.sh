#!/usr/bin/env bash
# Cold debug build, wall and CPU time, of the same small application on our generated
# crate (feature `client`) and on aws-sdk-chime + aws-sdk-ivschat + aws-config, and of
# `deps-only`: the dependencies `generated` compiles with `client` and none of its code,
# the floor of `ours`. Each build gets a fresh target directory; sources are fetched
# first so downloads are not timed.
set -euo pipefail
cd "$(dirname "$0")/build-apps"
for app in ours deps-only sdk; do
    (cd "$app" && cargo fetch --quiet)
done
# The machine's speed drifts between minutes, so compare builds of the same round:
# ROUNDS=n repeats the three builds n times, interleaved.
for round in $(seq "${ROUNDS:-1}"); do
    for app in ours deps-only sdk; do
        target="$(mktemp -d)"
        # `cargo tree` marks repeats with ` (*)`: strip it so each crate counts once.
        crates=$(cd "$app" && cargo tree -e normal,build --prefix none | sed 's/ (\*)$//' | sort -u | wc -l)
        /usr/bin/time -f "round $round, $app: %e s wall, %U s user + %S s system CPU, $crates crates" \
            env CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 cargo build --quiet --manifest-path "$app/Cargo.toml"
        rm -rf "$target"
    done
done
