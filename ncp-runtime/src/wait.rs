//! Waiters: poll an operation until the resource reaches a state, written once. The spec's
//! `[waiters.<name>]` tables say which operation to poll, where the state is in its answer, which
//! states end the wait and how long to wait between polls; the generated `wait_until_<name>`
//! methods hand that to [`wait`].

use std::future::Future;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::{Error, Result};

/// A waiter as the spec describes it.
#[derive(Debug, Clone, Copy)]
pub struct Waiter {
    /// The waiter's name (`server_instance_running`), for errors.
    pub name: &'static str,
    /// Where the state is in the answer: wire names and list indexes, dot-separated
    /// (`serverInstanceList.0.serverInstanceStatus.code`).
    pub state: &'static str,
    /// States that end the wait successfully.
    pub success: &'static [&'static str],
    /// States that end it with [`Error::Waiter`].
    pub failure: &'static [&'static str],
    /// Whether a resource that is no longer there (no state in the answer) is success, as it is
    /// for a waiter on deletion.
    pub gone_is_success: bool,
    /// The first delay between polls; later ones grow towards `max_delay`.
    pub min_delay: Duration,
    /// The longest delay between polls.
    pub max_delay: Duration,
    /// How long the whole wait may take.
    pub timeout: Duration,
}

/// Per-call changes to a waiter's delays and timeout.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct WaitOptions {
    min_delay: Option<Duration>,
    max_delay: Option<Duration>,
    timeout: Option<Duration>,
}

impl WaitOptions {
    /// The spec's delays and timeout.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first delay between polls.
    #[must_use]
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self
    }

    /// The longest delay between polls.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }

    /// How long the whole wait may take (any duration; `Duration::MAX` waits for ever).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// Polls with `poll` until the state at `waiter.state` is a success state (returning that answer)
/// or a failure state, or until the timeout ([`Error::Waiter`] naming the last state seen). Delays
/// between polls double from `min_delay` to `max_delay`, each jittered between half and all of
/// it. An error from a poll ends the wait with that error (each poll already retries as its
/// operation allows). Dropping the future stops polling.
pub async fn wait<O, F, Fut>(waiter: &Waiter, options: WaitOptions, mut poll: F) -> Result<O>
where
    O: Serialize,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O>>,
{
    let min = options.min_delay.unwrap_or(waiter.min_delay);
    let max = options.max_delay.unwrap_or(waiter.max_delay).max(min);
    let timeout = options.timeout.unwrap_or(waiter.timeout);
    let start = tokio::time::Instant::now();
    let mut delay = min;
    let mut last: Option<String> = None;
    loop {
        let answer = poll().await?;
        let state = state_of(&answer, waiter.state);
        match &state {
            Some(s) if waiter.success.contains(&s.as_str()) => return Ok(answer),
            Some(s) if waiter.failure.contains(&s.as_str()) => {
                return Err(waiter_error(
                    waiter,
                    state.clone(),
                    format!("reached the failure state `{s}`"),
                ));
            }
            None if waiter.gone_is_success => return Ok(answer),
            _ => {}
        }
        last = state.or(last);
        let elapsed = start.elapsed();
        let pause = jittered(delay);
        if elapsed.saturating_add(pause) >= timeout {
            let seen = last
                .as_deref()
                .map_or("no state yet".to_owned(), |s| format!("last state `{s}`"));
            return Err(waiter_error(
                waiter,
                last.clone(),
                format!("not done within {timeout:?} ({seen})"),
            ));
        }
        tokio::time::sleep(pause).await;
        delay = delay.saturating_mul(2).min(max);
    }
}

fn waiter_error(waiter: &Waiter, last_state: Option<String>, reason: String) -> Error {
    Error::Waiter {
        waiter: waiter.name,
        last_state,
        reason,
    }
}

/// A delay between half and all of `delay`: waiters of many clients do not poll in step.
fn jittered(delay: Duration) -> Duration {
    let half = delay / 2;
    half + crate::retry::jitter(delay - half)
}

/// The text at `path` in `answer`'s JSON form: strings as they are, numbers and booleans as
/// written; `None` when the path leads nowhere (an empty list: the resource is gone).
pub(crate) fn state_of<O: Serialize>(answer: &O, path: &str) -> Option<String> {
    let mut value = serde_json::to_value(answer).ok()?;
    for step in path.split('.').filter(|s| !s.is_empty()) {
        value = match value {
            Value::Object(mut map) => map.remove(step)?,
            Value::Array(mut items) => {
                let index: usize = step.parse().ok()?;
                (index < items.len()).then(|| items.swap_remove(index))?
            }
            _ => return None,
        };
    }
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use serde_json::json;

    use super::*;

    const RUNNING: Waiter = Waiter {
        name: "server_running",
        state: "serverInstanceList.0.serverInstanceStatus.code",
        success: &["RUN"],
        failure: &["TERMT"],
        gone_is_success: false,
        min_delay: Duration::from_secs(5),
        max_delay: Duration::from_secs(20),
        timeout: Duration::from_secs(300),
    };

    fn server(code: Option<&str>) -> Value {
        match code {
            Some(code) => {
                json!({"serverInstanceList": [{"serverInstanceStatus": {"code": code, "codeName": "x"}}]})
            }
            None => json!({"serverInstanceList": []}),
        }
    }

    /// Polls a scripted sequence of states, recording when (on tokio's clock) each poll ran.
    async fn run(
        waiter: &Waiter,
        states: &[Option<&str>],
        options: WaitOptions,
    ) -> (Result<Value>, Vec<Duration>) {
        let start = tokio::time::Instant::now();
        let script: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(
            states.iter().rev().map(|s| server(*s)).collect(),
        ));
        let times = Arc::new(Mutex::new(Vec::new()));
        let result = wait(waiter, options, || {
            let script = script.clone();
            let times = times.clone();
            async move {
                times.lock().unwrap().push(start.elapsed());
                Ok(script
                    .lock()
                    .unwrap()
                    .pop()
                    .unwrap_or_else(|| server(Some("CREAT"))))
            }
        })
        .await;
        let times = times.lock().unwrap().clone();
        (result, times)
    }

    #[tokio::test(start_paused = true)]
    async fn polls_through_the_states_with_growing_jittered_delays() {
        let (result, times) = run(
            &RUNNING,
            &[Some("INIT"), Some("CREAT"), Some("CREAT"), Some("RUN")],
            WaitOptions::new(),
        )
        .await;
        assert_eq!(
            state_of(&result.unwrap(), RUNNING.state).as_deref(),
            Some("RUN")
        );
        assert_eq!(times.len(), 4);
        let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
        // Delays 5, 10, 20 s, each jittered into [half, all].
        for (gap, ceiling) in gaps.iter().zip([5, 10, 20]) {
            let ceiling = Duration::from_secs(ceiling);
            assert!(
                *gap >= ceiling / 2 && *gap <= ceiling,
                "{gap:?} within [{:?}, {ceiling:?}]",
                ceiling / 2
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_state_ends_the_wait_naming_it() {
        let (result, times) =
            run(&RUNNING, &[Some("INIT"), Some("TERMT")], WaitOptions::new()).await;
        match result {
            Err(Error::Waiter {
                waiter,
                last_state,
                reason,
            }) => {
                assert_eq!(waiter, "server_running");
                assert_eq!(last_state.as_deref(), Some("TERMT"));
                assert!(reason.contains("failure state `TERMT`"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(times.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn the_timeout_ends_the_wait_with_the_last_state_seen() {
        let options = WaitOptions::new().timeout(Duration::from_secs(60));
        let (result, times) = run(&RUNNING, &[], options).await;
        match result {
            Err(Error::Waiter {
                last_state, reason, ..
            }) => {
                assert_eq!(last_state.as_deref(), Some("CREAT"));
                assert!(reason.contains("within 60s"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(*times.last().unwrap() <= Duration::from_secs(60));
        assert!(times.len() >= 3, "{times:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_gone_resource_is_success_for_a_deletion_waiter_and_not_otherwise() {
        let deleted = Waiter {
            name: "server_terminated",
            success: &[],
            failure: &[],
            gone_is_success: true,
            ..RUNNING
        };
        let (result, times) = run(&deleted, &[Some("RUN"), None], WaitOptions::new()).await;
        assert!(result.is_ok());
        assert_eq!(times.len(), 2);
        // For a creation waiter, not listed yet is not done.
        let (result, times) = run(&RUNNING, &[None, Some("RUN")], WaitOptions::new()).await;
        assert!(result.is_ok());
        assert_eq!(times.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_error_ends_the_wait_and_options_override_the_spec() {
        let options = WaitOptions::new()
            .min_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(1))
            .timeout(Duration::MAX);
        let (result, times) = run(
            &RUNNING,
            &[Some("INIT"), Some("INIT"), Some("RUN")],
            options,
        )
        .await;
        assert!(result.is_ok());
        assert!(
            times
                .windows(2)
                .all(|w| w[1] - w[0] <= Duration::from_secs(1))
        );
        let failing: Result<Value> = wait(&RUNNING, WaitOptions::new(), || async {
            Err(Error::InvalidRequest {
                operation: "op",
                field: "f".into(),
                reason: "r".into(),
            })
        })
        .await;
        assert!(matches!(failing, Err(Error::InvalidRequest { .. })));
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_the_wait_stops_polling() {
        let polls = Arc::new(Mutex::new(0u32));
        let counter = polls.clone();
        let waiting = wait(&RUNNING, WaitOptions::new(), move || {
            let counter = counter.clone();
            async move {
                *counter.lock().unwrap() += 1;
                Ok(server(Some("CREAT")))
            }
        });
        // Cancelled (by a caller's timeout) after about three polls...
        let cancelled = tokio::time::timeout(Duration::from_secs(30), waiting).await;
        assert!(cancelled.is_err());
        let at_cancel = *polls.lock().unwrap();
        assert!((2..=4).contains(&at_cancel), "{at_cancel} polls in 30 s");
        // ... nothing polls any more, however long the clock runs.
        tokio::time::sleep(Duration::from_secs(600)).await;
        assert_eq!(*polls.lock().unwrap(), at_cancel);
    }

    #[test]
    fn states_are_read_by_wire_names_and_indexes() {
        let answer = json!({"a": [{"b": {"code": "RUN"}}, {"b": {"code": 3}}], "flag": true});
        assert_eq!(state_of(&answer, "a.0.b.code").as_deref(), Some("RUN"));
        assert_eq!(state_of(&answer, "a.1.b.code").as_deref(), Some("3"));
        assert_eq!(state_of(&answer, "flag").as_deref(), Some("true"));
        assert_eq!(state_of(&answer, "a.2.b.code"), None);
        assert_eq!(state_of(&answer, "a.x"), None);
    }
}
