//! The standard retry strategy (spec client-guidance/retries.md): a maximum number of
//! attempts, exponential backoff with full jitter, and a retry quota (a token bucket
//! shared by a client's calls) that stops retries while a service keeps failing.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

/// Retry settings. The defaults are the standard mode's: 3 attempts, 1 s base, 20 s cap,
/// a 500-token quota, 14 tokens a retry, 5 a throttling retry, 1 back per success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1: no retries).
    pub max_attempts: u32,
    /// The backoff scale: before retry `n` (from 0) the wait is a random share of
    /// `base × 2ⁿ` for throttling errors, `base × 2ⁿ × 0.05` for others.
    pub base_delay: Duration,
    /// No backoff is longer.
    pub max_backoff: Duration,
    /// The retry quota's capacity (and initial tokens).
    pub quota_capacity: u32,
    /// Tokens a retry after a non-throttling failure takes.
    pub retry_cost: u32,
    /// Tokens a retry after a throttling error takes.
    pub throttling_retry_cost: u32,
    /// Tokens a success puts back.
    pub success_refund: u32,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            base_delay: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota_capacity: 500,
            retry_cost: 14,
            throttling_retry_cost: 5,
            success_refund: 1,
        }
    }
}

impl RetryConfig {
    /// No retries: one attempt.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// The wait before retry number `retry` (0 for the first), for a share `jitter` in
    /// `[0, 1)` of the exponential backoff.
    pub fn backoff(&self, retry: u32, throttling: bool, jitter: f64) -> Duration {
        let exponential = self.base_delay.as_secs_f64() * 2f64.powi(retry.min(62) as i32);
        let scaled = if throttling {
            exponential
        } else {
            exponential * 0.05
        };
        let capped = scaled.min(self.max_backoff.as_secs_f64());
        Duration::from_secs_f64(capped * jitter.clamp(0.0, 1.0))
    }
}

/// Why an attempt is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// A throttling error (`@retryable(throttling: true)`, a throttling code, HTTP 429).
    Throttling,
    /// A modeled `@retryable` error.
    Retryable,
    /// A transient server status (500, 502, 503, 504) or a transient error code.
    Transient,
    /// The connection failed.
    Transport,
    /// The attempt timed out.
    Timeout,
}

impl RetryReason {
    /// Whether the cheaper throttling cost and the longer backoff apply.
    pub fn is_throttling(self) -> bool {
        self == RetryReason::Throttling
    }
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryReason::Throttling => "throttling",
            RetryReason::Retryable => "retryable error",
            RetryReason::Transient => "transient error",
            RetryReason::Transport => "transport error",
            RetryReason::Timeout => "timeout",
        })
    }
}

/// Error codes that mean throttling, whatever the model says.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient failures.
pub const TRANSIENT_CODES: &[&str] =
    &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// HTTP statuses of transient failures.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Why an error response may be retried: modeled traits first, then its code, then its
/// status; `None` when it may not.
pub fn classify_response(
    throttling: bool,
    retryable: bool,
    code: Option<&str>,
    status: u16,
) -> Option<RetryReason> {
    if throttling || code.is_some_and(|c| THROTTLING_CODES.contains(&c)) || status == 429 {
        Some(RetryReason::Throttling)
    } else if retryable {
        Some(RetryReason::Retryable)
    } else if code.is_some_and(|c| TRANSIENT_CODES.contains(&c))
        || TRANSIENT_STATUSES.contains(&status)
    {
        Some(RetryReason::Transient)
    } else {
        None
    }
}

/// The retry quota: a token bucket shared by a client's calls.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<u32>,
    config: RetryConfig,
}

impl RetryQuota {
    /// A full bucket for `config`.
    pub fn new(config: RetryConfig) -> Self {
        RetryQuota {
            tokens: Mutex::new(config.quota_capacity),
            config,
        }
    }

    /// Takes the cost of a retry for `reason`; `false` (nothing taken) when the bucket
    /// holds too few tokens.
    pub fn acquire(&self, reason: RetryReason) -> bool {
        let cost = if reason.is_throttling() {
            self.config.throttling_retry_cost
        } else {
            self.config.retry_cost
        };
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        if *tokens < cost {
            return false;
        }
        *tokens -= cost;
        true
    }

    /// Puts back the refund of a success, up to the capacity.
    pub fn record_success(&self) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        *tokens = (*tokens + self.config.success_refund).min(self.config.quota_capacity);
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A random share in `[0, 1)` for jitter: 53 random bits of a UUID v4, from the
/// platform's randomness as idempotency tokens are (std's hasher keys, the other source at
/// hand, are fixed on wasm32-unknown-unknown).
pub fn jitter() -> f64 {
    const BITS: u32 = 53;
    // The low 62 bits of a v4 UUID are random (the version and variant bits are above).
    let random = uuid::Uuid::new_v4().as_u128() as u64 & ((1u64 << BITS) - 1);
    random as f64 / (1u64 << BITS) as f64
}
