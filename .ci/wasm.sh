#!/usr/bin/env bash
# CI, WebAssembly: the generated crate's types and codecs build for wasm32-unknown-unknown
# (browsers, workers) and wasm32-wasip1, the client's core (`client-core`: no hyper,
# rustls or tokio runtime) builds for wasm32-unknown-unknown, and the sans-IO round trips
# and the client-core tests (tests/wasm) run on wasm32-wasip1.
#
# The runner is Node's WASI preview1 host (node:wasi, .ci/wasi-run.mjs): Node 20 is on the
# CI machine, so running costs no download and no build (wasmtime-cli would compile for
# long; wasmtime's PyPI wheel would be a download of its own). Without Node the script
# installs Debian's `nodejs`.
#
# `.ci/wasm.sh --size` also prints the size of the release wasm32-unknown-unknown build of
# tests/wasm/src/bin/create_room.rs, raw and after `wasm-opt -Oz` (binaryen from npm,
# installed under target/): the figures in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

# The wasm tests crate is hand-written (.ci/run checks the others).
cargo fmt -p wasm-tests --check

targets=(wasm32-unknown-unknown wasm32-wasip1)
if ! failure="$(rustup target add "${targets[@]}" 2>&1)"; then
    echo "wasm: skipped (rustup cannot install ${targets[*]}: $(tail -n 1 <<<"$failure"))"
    exit 0
fi

# Node >= 20 runs WASI without a flag; Debian's (18) needs it, and 20 still accepts it.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 18 ]; then
    echo "wasm: installing Debian's nodejs for the WASI runner"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq nodejs >/dev/null
fi
export CARGO_TARGET_WASM32_WASIP1_RUNNER="node --no-warnings --experimental-wasi-unstable-preview1 $PWD/.ci/wasi-run.mjs"

# Types and the restJson1 codecs, both services, both targets.
for target in "${targets[@]}"; do
    cargo build -p generated --features chime,ivschat,http --target "$target"
done

# The client's core without a transport or runtime of its own.
cargo build -p generated --features chime,ivschat,client-core --target wasm32-unknown-unknown

# Sans-IO round trips (chime, ivschat) and the client's core with a plugged transport and
# timer, run under the WASI runtime.
cargo test -p wasm-tests --target wasm32-wasip1

if [ "${1:-}" = "--size" ]; then
    cargo build --release -p wasm-tests --bin create_room --target wasm32-unknown-unknown
    probe=target/wasm32-unknown-unknown/release/create_room.wasm
    tools=target/wasm-tools
    if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
        npm install --no-audit --no-fund --silent --prefix "$tools" binaryen@132
    fi
    "$tools/node_modules/.bin/wasm-opt" -Oz "$probe" -o "$tools/create_room.opt.wasm"
    echo "wasm size: $(stat -c %s "$probe") bytes release, $(stat -c %s "$tools/create_room.opt.wasm") bytes after wasm-opt -Oz"
fi
