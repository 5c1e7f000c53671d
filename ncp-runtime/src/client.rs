//! The shared client: credentials, endpoint, one HTTP connection pool, timeouts. Product clients
//! generated from the specs wrap it; cloning it is cheap and shares the pool.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Method};
use tracing::Instrument as _;

use crate::body::Body;
use crate::credentials::Credentials;
use crate::error::{Error, Result, ServiceError};
use crate::key_source::{KeySource, SigningKeys};
use crate::response::Response;
use crate::retry::{CallOptions, RETRY_BUDGET_CAPACITY, Retry, RetryBudget, RetryPolicy};
use crate::server_role::ServerRole;
use crate::signer::{ACCESS_KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::site::{Endpoint, Origin, Site};
use crate::target::{ParamValue, Target};

/// What the generated code knows about an operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operation's Rust name (`send_messages`), used in errors and traces.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// Whether sending the request twice has the same effect as sending it once.
    pub idempotent: bool,
}

/// A request ready to be signed: target, extra headers, body.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Path and query.
    pub target: Target,
    /// Header parameters of the operation (not the signing headers).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Body,
}

impl Request {
    /// A request for `target` with no headers and no body.
    pub fn new(target: Target) -> Self {
        Self {
            target,
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    /// Adds a header parameter when it has a value.
    pub fn push_header(&mut self, name: &'static str, value: &(impl ParamValue + ?Sized)) {
        value.for_each_text(&mut |text| self.headers.push((name, text.to_owned())));
    }

    /// Moves the query into an `application/x-www-form-urlencoded` body: action-style APIs take
    /// the same pairs either way, and a body keeps a secret (a password) out of URLs, proxy and
    /// gateway logs. Only the path is signed then.
    pub fn query_into_form_body(&mut self) {
        self.body = Body::Form(self.target.take_query().into());
    }
}

/// Default time to establish a connection (TCP and TLS). A handshake with the gateway takes well
/// under a second; a connection that takes longer is better retried on a fresh one.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time for one attempt, from sending to the last byte of the response. Generous enough
/// for a 500 KB image upload on a slow link.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time for a whole call, retries and backoff included.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(90);
/// Default cap on a response body. NCP's largest documented responses are a few megabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// The signing headers' names, made once: a name given as text is parsed, and a non-standard one
/// copied, on every request (six allocations a call in the loopback bench).
const TIMESTAMP_NAME: HeaderName = HeaderName::from_static(TIMESTAMP_HEADER);
const ACCESS_KEY_NAME: HeaderName = HeaderName::from_static(ACCESS_KEY_HEADER);
const SIGNATURE_NAME: HeaderName = HeaderName::from_static(SIGNATURE_HEADER);
/// Fixed header values, likewise made once rather than checked and copied on every request.
const ACCEPT_JSON: HeaderValue = HeaderValue::from_static("application/json");
const CONTENT_TYPE_JSON: HeaderValue = HeaderValue::from_static("application/json; charset=utf-8");
const CONTENT_TYPE_FORM: HeaderValue =
    HeaderValue::from_static("application/x-www-form-urlencoded");
/// The gateway refuses timestamps more than 5 minutes off; a `Date` header further than this from
/// the signed timestamp is taken as the reason for a 401.
const SKEW_THRESHOLD_MS: i128 = 4 * 60 * 1000;
/// A `Date` further than this from the local clock is not believed (a broken proxy answering
/// with the epoch): learning it would break every call sharing the client.
const PLAUSIBLE_SKEW_MS: i128 = 24 * 60 * 60 * 1000;

/// The shared NCP client. See [`ClientBuilder`] for its settings.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    keys: KeySource,
    endpoint: Endpoint,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
    budget: RetryBudget,
    max_response_bytes: usize,
    /// Gateway clock minus local clock, in milliseconds, learnt from a skew rejection.
    clock_offset_ms: AtomicI64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("credentials", &inner.keys)
            .field("endpoint", &inner.endpoint)
            .field("connect_timeout", &inner.connect_timeout)
            .field("attempt_timeout", &inner.attempt_timeout)
            .field("deadline", &inner.deadline)
            .field("retry", &inner.retry)
            .field("retry_budget", &inner.budget.available())
            .field("max_response_bytes", &inner.max_response_bytes)
            .field(
                "clock_offset_ms",
                &inner.clock_offset_ms.load(Ordering::Relaxed),
            )
            .finish()
    }
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    server_role: Option<ServerRole>,
    endpoint: Option<Endpoint>,
    attempt_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: Option<RetryPolicy>,
    retry_budget: Option<u32>,
    max_response_bytes: Option<usize>,
}

impl ClientBuilder {
    /// The credentials to sign with. Without this or [`Self::server_role`],
    /// [`ClientBuilder::build`] uses the default chain: the environment and the profile file
    /// ([`Credentials::from_default_chain`]), then the server role ([`ServerRole::from_env`]).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Signs with the temporary keys of this server's role, refreshed before they expire and
    /// shared by every clone of the client. [`Self::credentials`] wins when both are set.
    pub fn server_role(mut self, role: ServerRole) -> Self {
        self.server_role = Some(role);
        self
    }

    /// Sends each product's requests to its gateway on `site`. Without this or
    /// [`Self::endpoint_override`], the client follows `NCLOUD_API_GW`, then `ncloud_api_url` in
    /// the profile file, then `NCLOUD_SITE`, else [`Site::Public`].
    pub fn site(mut self, site: Site) -> Self {
        self.endpoint = Some(Endpoint::Site(site));
        self
    }

    /// Sends every request to `origin` (a proxy or a local test server).
    pub fn endpoint_override(mut self, origin: Origin) -> Self {
        self.endpoint = Some(Endpoint::Override(origin));
        self
    }

    /// Time for one attempt (default [`DEFAULT_ATTEMPT_TIMEOUT`]).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Time to establish a connection (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Time for a whole call, retries included (default [`DEFAULT_DEADLINE`]).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The retry policy of every call (default [`RetryPolicy::standard`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Tokens of the client-wide retry budget (default [`RETRY_BUDGET_CAPACITY`]).
    pub fn retry_budget(mut self, tokens: u32) -> Self {
        self.retry_budget = Some(tokens);
        self
    }

    /// Largest response body accepted (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client> {
        let keys = match (self.credentials, self.server_role) {
            (Some(credentials), _) => KeySource::Static(SigningKeys::new(credentials)?),
            (None, Some(role)) => KeySource::ServerRole(role),
            (None, None) => KeySource::default_chain()?,
        };
        let endpoint = match self.endpoint {
            Some(e) => e,
            None => crate::endpoint_config::from_env()?.unwrap_or_default(),
        };
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let attempt_timeout = self.attempt_timeout.unwrap_or(DEFAULT_ATTEMPT_TIMEOUT);
        let http = reqwest::Client::builder()
            .user_agent(concat!("ncp-rs/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(connect_timeout)
            // Each attempt's bound, from sending to the last byte of the body; a request sets
            // its own when the call's options or its deadline ask for another.
            .timeout(attempt_timeout)
            // A redirect would carry the signed request, its body and a `Referer` to whatever
            // host the answer names: a 3xx is returned as an error instead.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .build()
            .map_err(|e| Error::Config(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                keys,
                endpoint,
                connect_timeout,
                attempt_timeout,
                deadline: self.deadline.unwrap_or(DEFAULT_DEADLINE),
                retry: self.retry.unwrap_or_default(),
                budget: RetryBudget::new(self.retry_budget.unwrap_or(RETRY_BUDGET_CAPACITY)),
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                clock_offset_ms: AtomicI64::new(0),
            }),
        })
    }
}

/// A call's request and settings, as [`Client::send_with`] settles them.
struct Call {
    /// Where the request goes; its path and query are what is signed.
    url: url::Url,
    /// Header parameters of the operation.
    headers: Vec<(&'static str, String)>,
    body: Body,
    policy: RetryPolicy,
    deadline_after: Duration,
    attempt_timeout: Duration,
    /// Whether the operation may be sent again once it may have reached NCP.
    may_repeat: bool,
}

impl Client {
    /// A builder with every setting at its default.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Credentials from the default chain (the environment, the profile file, then the server
    /// role); the gateway from `NCLOUD_API_GW`, the profile file's
    /// `ncloud_api_url` or `NCLOUD_SITE`; default timeouts and retries.
    pub fn from_env() -> Result<Client> {
        Self::builder().build()
    }

    /// Where requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The fixed credentials requests are signed with; `None` when they are a server role's
    /// temporary keys, which change (see [`ServerRole::credentials`]).
    pub fn credentials(&self) -> Option<&Credentials> {
        match &self.inner.keys {
            KeySource::Static(keys) => Some(&keys.credentials),
            KeySource::ServerRole(_) => None,
        }
    }

    /// The origin of a product's gateway (`https://sens.apigw.ntruss.com`) or the override.
    pub fn origin_for(&self, product_host: &str) -> String {
        self.inner.endpoint.origin_for(product_host)
    }

    /// The origin of a product whose host label differs on some sites.
    pub fn origin_with_hosts(&self, product_host: &str, per_site: &[(Site, &str)]) -> String {
        self.inner
            .endpoint
            .origin_with_hosts(product_host, per_site)
    }

    /// Tokens left in the client-wide retry budget.
    pub fn retry_budget_available(&self) -> u32 {
        self.inner.budget.available()
    }

    /// The gateway's clock minus the local clock, as learnt from a rejected timestamp (zero until
    /// then, and again once the clocks agree). Added to every timestamp the client signs.
    pub fn clock_offset(&self) -> i64 {
        self.inner.clock_offset_ms.load(Ordering::Relaxed)
    }

    /// Signs and sends a request with the client's settings. See [`Client::send_with`].
    pub fn send<'a>(
        &'a self,
        operation: &'a Operation,
        origin: &str,
        request: Request,
    ) -> impl Future<Output = Result<Response>> + Send + use<'a> {
        self.send_with(operation, origin, request, &CallOptions::new())
    }

    /// Signs and sends a request, retrying as the policy allows, and reads its response.
    ///
    /// A non-success status is an [`Error::Service`]. A non-idempotent operation is retried only
    /// when the connection could not be made at all, or when the gateway rejected its timestamp
    /// (it never reached the product), unless `options` opt in. The call ends by its deadline,
    /// which counts from the first poll.
    ///
    /// The URL, the checks of the request and the settings in effect are settled when this is
    /// called (a request that cannot be sent is an error when the future is awaited).
    pub fn send_with<'a>(
        &'a self,
        operation: &'a Operation,
        origin: &str,
        request: Request,
        options: &CallOptions,
    ) -> impl Future<Output = Result<Response>> + Send + use<'a> {
        // Settled in a plain function and kept where the future captured it: an `async fn`
        // stores its arguments twice (as captured, and moved into its body), and a call's future
        // is what a spawned task allocates and copies.
        let settled = self.settle(operation, origin, request, options);
        async move {
            let (call, span) = match settled {
                Ok((ref call, span)) => (call, span),
                Err(error) => return Err(error),
            };
            self.attempts(operation, call).instrument(span).await
        }
    }

    /// What a call keeps across its attempts (the URL, the header parameters and body, the
    /// settings in effect) and its span.
    fn settle(
        &self,
        operation: &Operation,
        origin: &str,
        request: Request,
        options: &CallOptions,
    ) -> Result<(Call, tracing::Span)> {
        let inner = &*self.inner;
        let url = build_url(operation, origin, &request.target)?;
        check_headers(operation, &request.headers)?;
        let span = tracing::debug_span!(
            "ncp.call",
            operation = operation.name,
            method = %operation.method,
            path = url.path()
        );
        let call = Call {
            url,
            headers: request.headers,
            body: request.body,
            policy: options.retry.unwrap_or(inner.retry),
            deadline_after: options.deadline.unwrap_or(inner.deadline),
            attempt_timeout: options.attempt_timeout.unwrap_or(inner.attempt_timeout),
            may_repeat: operation.idempotent || options.retry_non_idempotent,
        };
        Ok((call, span))
    }

    /// The attempts of a call, until a response, an error not worth retrying, or the deadline.
    async fn attempts(&self, operation: &Operation, call: &Call) -> Result<Response> {
        let inner = &*self.inner;
        let deadline = instant_after(call.deadline_after);
        let mut attempt = 0;
        let mut skew_retried = false;
        loop {
            attempt += 1;
            // Fixed keys are used as they are; a server role's are fetched or refreshed when
            // due, within the call's deadline (boxed: only that path pays for its future).
            let refreshed;
            let keys = match &inner.keys {
                KeySource::Static(keys) => keys,
                KeySource::ServerRole(role) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    refreshed = tokio::time::timeout(left, Box::pin(role.current()))
                        .await
                        .map_err(|_| Error::Timeout {
                            operation: operation.name,
                            after: call.deadline_after,
                            attempts: attempt - 1,
                        })??;
                    &refreshed.keys
                }
            };
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(Error::Timeout {
                    operation: operation.name,
                    after: call.deadline_after,
                    attempts: attempt - 1,
                });
            }
            let limit = call.attempt_timeout.min(remaining);
            // When the deadline cut this attempt short, the deadline is what a timeout ends.
            let ended_by = if limit < call.attempt_timeout {
                call.deadline_after
            } else {
                limit
            };
            let signed_ms = self.signing_time_ms();
            let result = self
                .attempt(operation, call, limit, ended_by, signed_ms, keys)
                .await;
            let error = match result {
                Ok(response) => {
                    inner.budget.refund(1);
                    return Ok(response);
                }
                Err(error) => error.with_attempts(attempt),
            };
            if !skew_retried && self.learn_clock_skew(&error, signed_ms) {
                skew_retried = true;
                tracing::warn!(
                    attempt,
                    offset_ms = self.clock_offset(),
                    "gateway rejected the timestamp; re-signing with its clock"
                );
                continue;
            }
            let Retry::After { at_least, cost } = Retry::decide(&error, call.may_repeat) else {
                return Err(error);
            };
            if attempt >= call.policy.attempts() {
                return Err(error);
            }
            let delay = call.policy.delay(attempt).max(at_least);
            // Durations compared, not added to an `Instant`: `Retry-After` comes from the
            // server and could overflow one.
            if delay >= deadline.saturating_duration_since(Instant::now()) {
                tracing::debug!(attempt, ?delay, "no time left for another attempt");
                return Err(error);
            }
            if !inner.budget.try_acquire(cost) {
                tracing::warn!(attempt, "retry budget exhausted; not retrying");
                return Err(error);
            }
            tracing::debug!(attempt, ?delay, error = %error, "retrying");
            drop(error);
            // Boxed: a backoff is rare, and its timer would otherwise be part of every call's
            // future (what a spawned call allocates and copies).
            Box::pin(tokio::time::sleep(delay)).await;
        }
    }

    /// One signed attempt, bounded by `limit` from sending to the last byte of the response;
    /// `timeout` is what a timeout error names (the attempt timeout, or the call's deadline when
    /// that cut the attempt short).
    ///
    /// The bound is reqwest's own request timeout, not a `tokio::time::timeout` around this
    /// future: reqwest keeps its timer boxed outside the call's future, and the client's default
    /// is set once on the transport, so a call with the default bound adds nothing per request.
    ///
    /// Building and signing happen in [`Self::start`], a plain function called before the
    /// future is made, so that none of the builder's state nor the arguments are kept in it: a
    /// call is typically spawned as a task, whose size decides which allocator path it takes and
    /// how many bytes are copied to spawn it.
    fn attempt<'a>(
        &'a self,
        operation: &'a Operation,
        call: &Call,
        limit: Duration,
        timeout: Duration,
        signed_ms: i128,
        keys: &SigningKeys,
    ) -> impl Future<Output = Result<Response>> + Send + use<'a> {
        let started = Instant::now();
        let sent = self.start(operation, call, limit, signed_ms, keys);
        async move {
            let inner = &*self.inner;
            let failed = |error, what| {
                transport_error(operation, error, timeout, inner.connect_timeout, what)
            };
            let mut response = sent?
                .await
                .map_err(|e| failed(e, "sending the request failed"))?;
            let status = response.status().as_u16();
            let success = (200..300).contains(&status);
            let limit = inner.max_response_bytes;
            let too_large = || Error::ResponseTooLarge {
                operation: operation.name,
                limit,
            };
            let declared = response.content_length();
            if declared.is_some_and(|length| length > limit as u64) {
                return Err(too_large());
            }
            // A chunk loop rather than `Response::bytes`: its future is several hundred bytes larger,
            // and a call's future is what a spawned task allocates and copies.
            let mut body = BodyBuffer::default();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| failed(e, "reading the response failed"))?
            {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.push(chunk, declared);
            }
            let bytes = body.into_bytes();
            tracing::debug!(
                status,
                elapsed_ms = started.elapsed().as_millis() as u64,
                bytes = bytes.len(),
                "ncp response"
            );
            if !success {
                // Read from the response, which is still here: nothing of the headers is copied
                // into this future while the body arrives.
                let headers = response.headers();
                let mut error = ServiceError::from_response(operation.name, status, &bytes);
                error.retry_after = headers
                    .get(http::header::RETRY_AFTER)
                    .and_then(parse_retry_after);
                error.server_date = headers
                    .get(http::header::DATE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| httpdate::parse_http_date(v).ok());
                error.location = headers
                    .get(http::header::LOCATION)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                return Err(Error::Service(Box::new(error)));
            }
            Ok(Response::new(operation.name, status, bytes))
        }
    }

    /// Signs the request and hands it to the transport; the returned future yields the head of
    /// the response.
    fn start(
        &self,
        operation: &Operation,
        call: &Call,
        limit: Duration,
        signed_ms: i128,
        keys: &SigningKeys,
    ) -> Result<impl Future<Output = reqwest::Result<reqwest::Response>> + use<>> {
        let inner = &*self.inner;
        // Sign exactly what goes on the wire: the URL's own serialization of path and query.
        let url = &call.url;
        let path_and_query = &url[url::Position::BeforePath..url::Position::AfterQuery];
        let timestamp = signed_ms.to_string();
        let signature = keys.credentials.signer().sign(
            operation.method.as_str(),
            path_and_query,
            &timestamp,
            keys.credentials.access_key(),
        );
        // Taken as it is (base64 is always a valid value), not copied.
        let mut signature =
            HeaderValue::try_from(signature).map_err(|e| Error::Config(e.to_string()))?;
        signature.set_sensitive(true);
        let mut builder = inner
            .http
            .request(operation.method.clone(), url.clone())
            .header(TIMESTAMP_NAME, timestamp)
            .header(ACCESS_KEY_NAME, keys.access_key_header.clone())
            .header(SIGNATURE_NAME, signature)
            .header(http::header::ACCEPT, ACCEPT_JSON);
        for (name, value) in &call.headers {
            builder = builder.header(*name, value.as_str());
        }
        // The transport's default is the client's attempt timeout; only another bound (a call's
        // own attempt timeout, or a deadline closer than that) is set on the request.
        if limit != inner.attempt_timeout {
            builder = builder.timeout(limit);
        }
        builder = match &call.body {
            Body::Empty => builder,
            Body::Json(bytes) => builder
                .header(http::header::CONTENT_TYPE, CONTENT_TYPE_JSON)
                .body(bytes.clone()),
            Body::Form(bytes) => builder
                .header(http::header::CONTENT_TYPE, CONTENT_TYPE_FORM)
                .body(bytes.clone()),
            Body::Multipart(form) => {
                builder.multipart(form.to_reqwest().map_err(|e| Error::InvalidRequest {
                    operation: operation.name,
                    field: "body".to_owned(),
                    reason: format!("cannot be encoded as multipart/form-data: {e}"),
                })?)
            }
        };
        Ok(builder.send())
    }

    /// The timestamp to sign now: the local clock plus the learnt offset.
    fn signing_time_ms(&self) -> i128 {
        now_millis() + i128::from(self.inner.clock_offset_ms.load(Ordering::Relaxed))
    }

    /// When a 401 comes with a plausible `Date` too far from the timestamp that was signed,
    /// stores the offset that would have made it right and says so (the caller retries once).
    fn learn_clock_skew(&self, error: &Error, signed_ms: i128) -> bool {
        let Some(server_ms) = rejected_at(error) else {
            return false;
        };
        match learnt_offset(server_ms, signed_ms, now_millis()) {
            Some(offset) => {
                self.inner.clock_offset_ms.store(offset, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}

/// The gateway's clock (ms since the epoch) of a 401 that sent a `Date`.
fn rejected_at(error: &Error) -> Option<i128> {
    let service = error.as_service().filter(|s| s.status == 401)?;
    let server = service.server_date?;
    Some(
        server
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i128),
    )
}

/// The offset to sign with after a 401 answered at `server_ms` to a request signed at
/// `signed_ms`, the local clock being `local_ms`; `None` when the clock is not the reason.
///
/// Skew is judged against what was signed, not against the local clock, so that an offset learnt
/// earlier can be unlearnt once the local clock is corrected; an offset within the threshold is
/// zero (the clocks agree, `Date` has whole seconds); a `Date` a day or more away is not believed.
fn learnt_offset(server_ms: i128, signed_ms: i128, local_ms: i128) -> Option<i64> {
    if server_ms.abs_diff(signed_ms) < SKEW_THRESHOLD_MS.unsigned_abs() {
        return None;
    }
    let offset = server_ms - local_ms;
    if offset.unsigned_abs() >= PLAUSIBLE_SKEW_MS.unsigned_abs() {
        return None;
    }
    if offset.unsigned_abs() < SKEW_THRESHOLD_MS.unsigned_abs() {
        return Some(0);
    }
    i64::try_from(offset).ok()
}

/// Refuses a header value that cannot go on the wire (CR, LF, other control bytes) before
/// anything is sent: the transport would fail the same way on every retry.
fn check_headers(operation: &Operation, headers: &[(&'static str, String)]) -> Result<()> {
    for (name, value) in headers {
        if HeaderValue::from_str(value).is_err() {
            return Err(Error::InvalidRequest {
                operation: operation.name,
                field: (*name).to_owned(),
                reason: "holds a control character (CR, LF, ...), which a header cannot carry"
                    .to_owned(),
            });
        }
    }
    Ok(())
}

fn build_url(operation: &Operation, origin: &str, target: &Target) -> Result<url::Url> {
    let mut text =
        String::with_capacity(origin.len() + target.path().len() + target.query().len() + 1);
    text.push_str(origin);
    text.push_str(target.path());
    if !target.query().is_empty() {
        text.push('?');
        text.push_str(target.query());
    }
    url::Url::parse(&text).map_err(|e| Error::InvalidRequest {
        operation: operation.name,
        field: "path".to_owned(),
        reason: format!("does not make a valid URL: {e}"),
    })
}

/// A response body as it arrives: one chunk is kept as it is (no copy), more are gathered into
/// one buffer sized from `Content-Length` when the server sent one.
#[derive(Default)]
enum BodyBuffer {
    #[default]
    Empty,
    One(Bytes),
    Many(Vec<u8>),
}

impl BodyBuffer {
    fn len(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::One(bytes) => bytes.len(),
            Self::Many(buffer) => buffer.len(),
        }
    }

    fn push(&mut self, chunk: Bytes, declared: Option<u64>) {
        *self = match std::mem::take(self) {
            Self::Empty => Self::One(chunk),
            Self::One(first) => {
                let capacity = declared.map_or(0, |n| n as usize);
                let mut buffer = Vec::with_capacity(capacity.max(first.len() + chunk.len()));
                buffer.extend_from_slice(&first);
                buffer.extend_from_slice(&chunk);
                Self::Many(buffer)
            }
            Self::Many(mut buffer) => {
                buffer.extend_from_slice(&chunk);
                Self::Many(buffer)
            }
        };
    }

    fn into_bytes(self) -> Bytes {
        match self {
            Self::Empty => Bytes::new(),
            Self::One(bytes) => bytes,
            Self::Many(buffer) => buffer.into(),
        }
    }
}

fn transport_error(
    operation: &Operation,
    error: reqwest::Error,
    timeout: Duration,
    connect_timeout: Duration,
    what: &str,
) -> Error {
    // Checked before the timeout: a connect timeout is both, and what matters is that the
    // connection never opened, so nothing was sent (any operation may be retried).
    let connect = error.is_connect();
    if error.is_timeout() && !connect {
        return Error::Timeout {
            operation: operation.name,
            after: timeout,
            attempts: 1,
        };
    }
    let what = match (connect, error.is_timeout()) {
        (true, true) => {
            format!("could not connect within the connect timeout of {connect_timeout:?}")
        }
        // Nothing was sent: saying "sending failed" would suggest NCP may have it.
        (true, false) => "could not connect".to_owned(),
        _ => what.to_owned(),
    };
    // Without the URL: its query can hold personal data (phone numbers). Headers, and so the
    // signature, are never part of reqwest's errors.
    let error = error.without_url();
    Error::Transport {
        operation: operation.name,
        message: format!("{what}: {error}"),
        connect,
        attempts: 1,
        source: Box::new(error),
    }
}

/// The longest `Retry-After` taken as it is; longer ones are clamped (the call ends first anyway).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// A deadline that never comes, for durations too long for an `Instant` (about 30 years).
const FAR_FUTURE: Duration = Duration::from_secs(30 * 365 * 24 * 60 * 60);

/// `Retry-After` as delay-seconds or an HTTP date.
fn parse_retry_after(value: &HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if text.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty() {
        // Longer than any deadline; a number too large for `u64` is just as long.
        let seconds = text.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or_default()
            .min(MAX_RETRY_AFTER),
    )
}

/// The `Instant` `after` from now, or a distant one when that is past what `Instant` can hold
/// (`Duration::MAX` means "no deadline").
fn instant_after(after: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(after)
        .or_else(|| now.checked_add(FAR_FUTURE))
        .unwrap_or(now)
}

fn now_millis() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_chunk_body_is_kept_without_a_copy() {
        let chunk = Bytes::from_static(b"{\"requestId\":\"r\"}");
        let mut body = BodyBuffer::default();
        body.push(chunk.clone(), Some(chunk.len() as u64));
        let bytes = body.into_bytes();
        assert_eq!(bytes, chunk);
        assert_eq!(
            bytes.as_ptr(),
            chunk.as_ptr(),
            "the chunk itself, not a copy"
        );
    }

    #[test]
    fn chunks_are_gathered_in_order() {
        let mut body = BodyBuffer::default();
        assert_eq!(body.len(), 0);
        for part in ["{\"a\":", "1,", "\"b\":2}"] {
            body.push(Bytes::from(part), None);
        }
        assert_eq!(body.len(), 13);
        assert_eq!(body.into_bytes(), Bytes::from_static(b"{\"a\":1,\"b\":2}"));
        assert!(BodyBuffer::default().into_bytes().is_empty());
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        assert_eq!(
            parse_retry_after(&HeaderValue::from_static("3")),
            Some(Duration::from_secs(3))
        );
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(60));
        let parsed = parse_retry_after(&HeaderValue::from_str(&later).unwrap()).unwrap();
        assert!(
            parsed > Duration::from_secs(50) && parsed <= Duration::from_secs(60),
            "{parsed:?}"
        );
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60));
        assert_eq!(
            parse_retry_after(&HeaderValue::from_str(&past).unwrap()),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after(&HeaderValue::from_static("soon")), None);
        for huge in [
            "18446744073709551615",
            "9223372036854775807",
            "99999999999999999999999",
        ] {
            assert_eq!(
                parse_retry_after(&HeaderValue::from_static(huge)),
                Some(MAX_RETRY_AFTER)
            );
        }
    }

    #[test]
    fn any_deadline_makes_an_instant() {
        assert!(instant_after(Duration::MAX) > Instant::now());
        assert!(instant_after(Duration::ZERO) <= Instant::now());
    }

    const MIN: i128 = 60 * 1000;
    const NOW: i128 = 1_800_000_000_000;

    #[test]
    fn skew_is_judged_against_the_signed_timestamp() {
        // Local clock 10 minutes behind: learnt.
        assert_eq!(
            learnt_offset(NOW + 10 * MIN, NOW, NOW),
            Some((10 * MIN) as i64)
        );
        // An offset learnt earlier, the local clock since corrected: back to zero.
        assert_eq!(learnt_offset(NOW, NOW + 10 * MIN, NOW), Some(0));
        // Signed within the window: a genuine 401, whatever the local clock says.
        assert_eq!(learnt_offset(NOW + 10 * MIN, NOW + 10 * MIN, NOW), None);
    }

    #[test]
    fn an_implausible_date_is_not_believed() {
        assert_eq!(learnt_offset(0, NOW, NOW), None, "the epoch");
        assert_eq!(learnt_offset(NOW + 25 * 60 * MIN, NOW, NOW), None);
        assert_eq!(learnt_offset(i128::MAX, NOW, NOW), None);
    }
}
