// Runs a wasm32-wasip1 program (a test binary) under Node's WASI preview1 host, node:wasi:
// the cargo runner of .ci/wasm.sh (CARGO_TARGET_WASM32_WASIP1_RUNNER). Arguments after the
// .wasm file are the program's; its exit code is ours. No filesystem is preopened: the
// sans-IO tests need none.
import { readFile } from "node:fs/promises";
import { argv, env, exit } from "node:process";
import { WASI } from "node:wasi";

const [file, ...args] = argv.slice(2);
if (!file) {
    console.error("usage: node wasi-run.mjs PROGRAM.wasm [ARGS...]");
    exit(2);
}
const wasi = new WASI({ version: "preview1", args: [file, ...args], env, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, {
    wasi_snapshot_preview1: wasi.wasiImport,
});
exit(wasi.start(instance));
