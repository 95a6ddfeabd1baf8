//! Helpers of the wasm32 tests (`tests/`), which run under a WASI runtime in CI
//! (`.ci/wasm.sh`) and natively under `cargo test`; `src/bin/create_room.rs` is the size
//! probe of BENCHMARKS.md. Everything here builds for wasm32 without threads.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// How often [`block_on`] polls before it gives up.
const POLL_LIMIT: usize = 1_000;

/// Runs `future` to completion by polling it, for futures that only wait on futures that
/// are ready when polled (the tests' transports and timers answer at once): no threads,
/// no runtime, so it runs on wasm32-wasip1 as natively.
///
/// # Panics
/// When the future is still pending after many polls (it waits on something that never
/// wakes it).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..POLL_LIMIT {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
    panic!("the future is still pending after {POLL_LIMIT} polls");
}

/// Asserts `token` is a canonical, lower-case UUID version 4 (RFC 9562 variant): what an
/// unset `@idempotencyToken` member is sent as, from the platform's randomness.
///
/// # Panics
/// When it is not.
pub fn assert_uuid_v4(token: &str) {
    assert_eq!(token.len(), 36, "{token}");
    for (i, c) in token.char_indices() {
        if [8, 13, 18, 23].contains(&i) {
            assert_eq!(c, '-', "{token}");
        } else {
            assert!(c.is_ascii_digit() || ('a'..='f').contains(&c), "{token}");
        }
    }
    assert_eq!(&token[14..15], "4", "version nibble of {token}");
    assert!(
        ["8", "9", "a", "b"].contains(&&token[19..20]),
        "variant nibble of {token}"
    );
}
