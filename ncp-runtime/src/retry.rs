//! Retries as a policy: which failures are retried, how long to wait, how many attempts, and a
//! client-wide budget so that retries cannot multiply load during an outage.
//!
//! What is retried (see [`Retry::decide`]):
//! - a connection that could not be made: the request was certainly not sent, so any operation;
//! - throttling (429, gateway codes 400/410/420), honouring `Retry-After`; transient answers
//!   (502/503/504, gateway codes 500/510, action-style return code 1000); attempt timeouts and
//!   broken connections: only when the operation is idempotent, or the caller opted in for that
//!   call, because the request may have reached NCP.
//! - a gateway rejection for a skewed clock is handled by the client (one re-signed retry).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::error::Error;

/// Default number of attempts, the first included.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Default upper bound of the first backoff; doubles with each retry.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(200);
/// Default cap of one backoff.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Tokens in a new client's retry budget (as aws-sdk's standard mode).
pub const RETRY_BUDGET_CAPACITY: u32 = 500;
/// Tokens one retry costs.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs: timeouts are the costliest failures to repeat.
pub const TIMEOUT_RETRY_COST: u32 = 10;

/// How many attempts a call may make and how long it waits between them.
///
/// Backoff is exponential with full jitter: before retry `n` the client waits a random time in
/// `[0, min(max_backoff, initial_backoff * 2^(n-1))]`, or what `Retry-After` asks if that is
/// longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryPolicy {
    /// [`DEFAULT_MAX_ATTEMPTS`] attempts, backoff from [`DEFAULT_INITIAL_BACKOFF`] up to
    /// [`DEFAULT_MAX_BACKOFF`].
    pub const fn standard() -> Self {
        Self {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
        }
    }

    /// One attempt, no retries.
    pub const fn none() -> Self {
        Self {
            max_attempts: 1,
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
        }
    }

    /// Sets the number of attempts, the first included (at least 1).
    #[must_use]
    pub const fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = if attempts == 0 { 1 } else { attempts };
        self
    }

    /// Sets the backoff bounds.
    #[must_use]
    pub const fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// The number of attempts, the first included.
    pub const fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry), with full jitter.
    pub fn delay(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        jitter(ceiling)
    }
}

/// A random duration from zero to `ceiling`.
pub(crate) fn jitter(ceiling: Duration) -> Duration {
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    if nanos == 0 {
        return Duration::ZERO;
    }
    Duration::from_nanos(random_u64() % nanos.saturating_add(1))
}

/// A random number from the standard library's per-process random hash keys: jitter needs no
/// cryptographic quality, and no dependency.
fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    );
    hasher.finish()
}

/// A client-wide token bucket: each retry takes tokens, each success gives one back. When it is
/// empty, failures are returned at once instead of retried, so that retries cannot multiply the
/// load on NCP during an outage.
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

impl RetryBudget {
    /// A full budget of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        Self {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }

    /// Takes `cost` tokens if there are that many.
    pub fn try_acquire(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Gives back `amount` tokens, up to the capacity. A full bucket (the normal case) costs one
    /// atomic load, so successful calls do not contend on it.
    pub fn refund(&self, amount: u32) {
        if self.available() >= self.capacity {
            return;
        }
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(amount).min(self.capacity))
            });
    }
}

/// Settings for one call, overriding the client's: retries, timeouts, and the opt-in to retry a
/// non-idempotent request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) skip_checks: bool,
}

impl CallOptions {
    /// No overrides.
    pub const fn new() -> Self {
        Self {
            retry: None,
            attempt_timeout: None,
            deadline: None,
            retry_non_idempotent: false,
            skip_checks: false,
        }
    }

    /// Sends requests without checking the spec's documented limits first (lengths, ranges,
    /// list sizes), for the day NCP relaxes a limit before the spec does.
    #[must_use]
    pub const fn skip_checks(mut self, skip: bool) -> Self {
        self.skip_checks = skip;
        self
    }

    /// Whether [`Self::skip_checks`] is on.
    pub const fn checks_skipped(&self) -> bool {
        self.skip_checks
    }

    /// The retry policy for this call.
    #[must_use]
    pub const fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The timeout of each attempt.
    #[must_use]
    pub const fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The time the whole call may take, retries and backoff included.
    #[must_use]
    pub const fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Allows retrying a non-idempotent operation (a send) after a failure that may have reached
    /// NCP. Only for callers that deduplicate on their side: the message may be delivered twice.
    #[must_use]
    pub const fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.retry_non_idempotent = allow;
        self
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Return the error.
    No,
    /// Retry after at least this long, paying `cost` tokens of the client's retry budget.
    After {
        /// The shortest wait: NCP's `Retry-After`, or zero (the policy's backoff may be longer).
        at_least: Duration,
        /// Tokens taken from the [`RetryBudget`]: [`RETRY_COST`], or [`TIMEOUT_RETRY_COST`] after a
        /// timeout.
        cost: u32,
    },
}

impl Retry {
    /// Classifies a failed attempt. `may_repeat` is whether the request may be sent again after
    /// it may have reached NCP (idempotent operation, or the caller's opt-in).
    pub fn decide(error: &Error, may_repeat: bool) -> Retry {
        let retry = |at_least, cost| Retry::After { at_least, cost };
        match error {
            // Never connected: the request was not sent, whatever the operation.
            Error::Transport { connect: true, .. } => retry(Duration::ZERO, RETRY_COST),
            // A spent quota does not come back within a call.
            Error::Service(e) if e.is_quota_exceeded() => Retry::No,
            // The gateway refused the request before the product saw it: safe for a send too.
            Error::Service(e) if e.is_gateway_throttling() => {
                retry(e.retry_after.unwrap_or_default(), RETRY_COST)
            }
            _ if !may_repeat => Retry::No,
            Error::Transport { .. } => retry(Duration::ZERO, RETRY_COST),
            Error::Timeout { .. } => retry(Duration::ZERO, TIMEOUT_RETRY_COST),
            Error::Service(e) if e.is_throttling() => {
                retry(e.retry_after.unwrap_or_default(), RETRY_COST)
            }
            Error::Service(e) if e.is_transient() => {
                retry(e.retry_after.unwrap_or_default(), RETRY_COST)
            }
            _ => Retry::No,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    fn service(status: u16, body: &str) -> Error {
        Error::Service(Box::new(ServiceError::from_response(
            "op",
            status,
            body.as_bytes(),
        )))
    }

    fn transport(connect: bool) -> Error {
        Error::Transport {
            operation: "op",
            message: "x".into(),
            connect,
            attempts: 1,
            source: "x".into(),
        }
    }

    #[test]
    fn gateway_throttling_is_retried_for_sends_and_a_spent_quota_never() {
        let after = |e: &Error, may| matches!(Retry::decide(e, may), Retry::After { .. });
        for code in ["410", "420"] {
            let throttled = service(
                429,
                &format!(r#"{{"error":{{"errorCode":"{code}","message":"Rate Limited"}}}}"#),
            );
            assert!(after(&throttled, false), "{code}: the product never saw it");
            assert!(after(&throttled, true), "{code}");
        }
        let quota = service(
            429,
            r#"{"error":{"errorCode":"400","message":"Quota Exceeded"}}"#,
        );
        assert!(
            !after(&quota, true),
            "a spent quota is not retried, even for a GET"
        );
        assert!(!after(&quota, false));
        assert!(
            quota.to_string().contains("quota for this API is spent"),
            "{quota}"
        );
        // A 429 in the product's own words (SENS) reached the product: a send is not repeated.
        let sens = service(429, r#"{"status":429,"errorMessage":"Too Many Requests"}"#);
        assert!(!after(&sens, false));
        assert!(after(&sens, true));
    }

    #[test]
    fn classifies_what_ncp_documents_as_transient() {
        let after = |e: &Error, may| matches!(Retry::decide(e, may), Retry::After { .. });
        for status in [429, 502, 503, 504] {
            assert!(after(&service(status, ""), true), "{status}");
            assert!(
                !after(&service(status, ""), false),
                "{status}: a send is not repeated"
            );
        }
        assert!(after(
            &service(
                400,
                r#"{"error":{"errorCode":"420","message":"Rate Limited"}}"#
            ),
            true
        ));
        assert!(after(
            &service(
                500,
                r#"{"error":{"errorCode":"510","message":"Endpoint Timeout"}}"#
            ),
            true
        ));
        assert!(after(
            &service(
                400,
                r#"{"responseError":{"returnCode":"1000","returnMessage":"Please try again"}}"#
            ),
            true
        ));
        for status in [400, 401, 404, 500] {
            assert!(!after(&service(status, ""), true), "{status} is final");
        }
        assert!(
            after(&transport(true), false),
            "not connected: safe for a send"
        );
        assert!(!after(&transport(false), false));
        assert!(after(&transport(false), true));
        let timeout = Error::Timeout {
            operation: "op",
            after: Duration::from_secs(1),
            attempts: 1,
        };
        assert_eq!(
            Retry::decide(&timeout, true),
            Retry::After {
                at_least: Duration::ZERO,
                cost: TIMEOUT_RETRY_COST
            }
        );
    }

    #[test]
    fn retry_after_is_kept() {
        let mut e = ServiceError::from_response("op", 429, b"");
        e.retry_after = Some(Duration::from_secs(2));
        assert_eq!(
            Retry::decide(&Error::Service(Box::new(e)), true),
            Retry::After {
                at_least: Duration::from_secs(2),
                cost: RETRY_COST
            }
        );
    }

    #[test]
    fn backoff_is_jittered_below_an_exponential_ceiling() {
        let policy =
            RetryPolicy::standard().backoff(Duration::from_millis(100), Duration::from_millis(350));
        for _ in 0..200 {
            assert!(policy.delay(1) <= Duration::from_millis(100));
            assert!(policy.delay(2) <= Duration::from_millis(200));
            assert!(policy.delay(3) <= Duration::from_millis(350));
            assert!(policy.delay(30) <= Duration::from_millis(350));
        }
        let distinct: std::collections::HashSet<_> = (0..50).map(|_| policy.delay(3)).collect();
        assert!(distinct.len() > 10, "jitter varies: {distinct:?}");
        assert_eq!(RetryPolicy::none().delay(1), Duration::ZERO);
        assert_eq!(RetryPolicy::standard().max_attempts(0).attempts(), 1);
    }

    #[test]
    fn the_budget_runs_dry_and_refills() {
        let budget = RetryBudget::new(12);
        assert!(budget.try_acquire(RETRY_COST));
        assert!(budget.try_acquire(RETRY_COST));
        assert!(!budget.try_acquire(RETRY_COST), "2 tokens left");
        budget.refund(100);
        assert_eq!(budget.available(), 12, "never above capacity");
    }
}
