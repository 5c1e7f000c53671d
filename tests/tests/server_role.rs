//! Server-role credentials against a stand-in of NCP's metadata service on 127.0.0.1, and an API
//! server on 127.0.0.1 that checks every request's signature against the keys the stand-in issued
//! and that the key had not expired when the request arrived.
//!
//! Nothing here reaches 169.254.169.254: every provider is built with a loopback origin, and this
//! crate enables ncp-runtime's `metadata-loopback-only` feature, which refuses any other
//! (`the_default_metadata_origin_is_refused_in_test_builds` proves it without sending anything).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use ncp_runtime::{
    Client, CredentialsError, Error, Operation, Origin, Request, RetryPolicy, ServerRole, Target,
};

const ROLE: &str = "role-7f3e";
const LIST_PATH: &str = "/latest/meta-data/iam/security-credentials";

/// An RFC 3339 UTC time with milliseconds, as a metadata service would write it.
fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap();
    let (days, seconds) = (since.as_secs() / 86_400, since.as_secs() % 86_400);
    // H. Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        since.subsec_millis()
    )
}

#[test]
fn rfc3339_helper_writes_known_dates() {
    assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        rfc3339(UNIX_EPOCH + Duration::from_millis(1_795_597_200_250)),
        "2026-11-25T09:00:00.250Z"
    );
    assert_eq!(
        rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)),
        "2000-02-29T00:00:00.000Z"
    );
}

/// A key the stand-in issued.
#[derive(Clone)]
struct Issued {
    secret: String,
    expires: SystemTime,
}

/// What the stand-in answers for the credentials of the role.
#[derive(Clone)]
enum Script {
    /// A new key valid for this long.
    Key(Duration),
    /// This status and body.
    Raw(u16, String),
}

#[derive(Default)]
struct MetadataState {
    issued: HashMap<String, Issued>,
    scripts: Vec<Script>,
    role_list: Option<(u16, String)>,
    paths: Vec<String>,
}

/// The stand-in metadata service.
struct Metadata {
    origin: String,
    state: Arc<Mutex<MetadataState>>,
    max_in_flight: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Metadata {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Metadata {
    /// Issues keys valid for `lifetime`, each answer after `delay`.
    async fn start(lifetime: Duration, delay: Duration) -> Metadata {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(MetadataState::default()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let (s, f, m) = (state.clone(), in_flight, max_in_flight.clone());
        let task = tokio::spawn(async move {
            let counter = AtomicUsize::new(0);
            let counter = Arc::new(counter);
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (state, in_flight, max_in_flight, counter) =
                    (s.clone(), f.clone(), m.clone(), counter.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (state, in_flight, max_in_flight, counter) = (
                            state.clone(),
                            in_flight.clone(),
                            max_in_flight.clone(),
                            counter.clone(),
                        );
                        async move {
                            let path = req.uri().path().to_owned();
                            state.lock().unwrap().paths.push(path.clone());
                            let (status, body) = if path == LIST_PATH {
                                let list = state.lock().unwrap().role_list.clone();
                                list.unwrap_or((200, ROLE.to_owned()))
                            } else if path == format!("{LIST_PATH}/{ROLE}") {
                                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                                max_in_flight.fetch_max(now, Ordering::SeqCst);
                                tokio::time::sleep(delay).await;
                                let script = {
                                    let mut state = state.lock().unwrap();
                                    if state.scripts.is_empty() {
                                        Script::Key(lifetime)
                                    } else {
                                        state.scripts.remove(0)
                                    }
                                };
                                let answer = match script {
                                    Script::Raw(status, body) => (status, body),
                                    Script::Key(lifetime) => {
                                        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                                        let access = format!("ncp_iam_BPASKR{n:04}RoleKey");
                                        let secret = format!("RoleSecret{n:04}-DoNotLeak");
                                        let expires = SystemTime::now() + lifetime;
                                        state.lock().unwrap().issued.insert(
                                            access.clone(),
                                            Issued {
                                                secret: secret.clone(),
                                                expires,
                                            },
                                        );
                                        let body = serde_json::json!({
                                            "Code": "Success",
                                            "LastUpdated": rfc3339(SystemTime::now()),
                                            "Type": "NCP-HMAC",
                                            "AccessKeyId": access,
                                            "SecretAccessKey": secret,
                                            "Expiration": rfc3339(expires),
                                        });
                                        (200, body.to_string())
                                    }
                                };
                                in_flight.fetch_sub(1, Ordering::SeqCst);
                                answer
                            } else {
                                (404, "not found".to_owned())
                            };
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(status)
                                    .body(Full::new(Bytes::from(body)))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Metadata {
            origin,
            state,
            max_in_flight,
            task,
        }
    }

    fn role(&self) -> ServerRole {
        self.role_with(|b| b)
    }

    fn role_with(
        &self,
        f: impl FnOnce(ncp_runtime::ServerRoleBuilder) -> ncp_runtime::ServerRoleBuilder,
    ) -> ServerRole {
        f(ServerRole::builder().origin(&self.origin))
            .build()
            .unwrap()
    }

    fn issued(&self) -> HashMap<String, Issued> {
        self.state.lock().unwrap().issued.clone()
    }

    fn credential_fetches(&self) -> usize {
        let role_path = format!("{LIST_PATH}/{ROLE}");
        let state = self.state.lock().unwrap();
        state.paths.iter().filter(|p| **p == role_path).count()
    }

    fn script(&self, script: Script) {
        self.state.lock().unwrap().scripts.push(script);
    }
}

/// What the API server saw: the access key, whether the signature matched a key the stand-in
/// issued, and whether that key was unexpired on arrival.
#[derive(Debug, Clone)]
struct Seen {
    access_key: String,
    signature_ok: bool,
    unexpired: bool,
}

struct Api {
    origin: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Api {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Api {
    async fn start(metadata: &Metadata) -> Api {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (keys, record) = (metadata.state.clone(), seen.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (keys, record) = (keys.clone(), record.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (keys, record) = (keys.clone(), record.clone());
                        async move {
                            let arrived = SystemTime::now();
                            let header = |name| {
                                req.headers()
                                    .get(name)
                                    .and_then(|v: &hyper::header::HeaderValue| v.to_str().ok())
                                    .unwrap_or_default()
                                    .to_owned()
                            };
                            let access = header("x-ncp-iam-access-key");
                            let issued = keys.lock().unwrap().issued.get(&access).cloned();
                            let target = req.uri().path_and_query().unwrap().as_str().to_owned();
                            let (signature_ok, unexpired) = match issued {
                                Some(key) => (
                                    ncp_tests::sign(
                                        &key.secret,
                                        req.method().as_str(),
                                        &target,
                                        &header("x-ncp-apigw-timestamp"),
                                        &access,
                                    ) == header("x-ncp-apigw-signature-v2"),
                                    arrived < key.expires,
                                ),
                                None => (false, false),
                            };
                            record.lock().unwrap().push(Seen {
                                access_key: access,
                                signature_ok,
                                unexpired,
                            });
                            let status = if signature_ok && unexpired { 200 } else { 401 };
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(status)
                                    .header("content-type", "application/json")
                                    .body(Full::new(Bytes::from_static(b"{}")))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Api { origin, seen, task }
    }

    fn client(&self, role: ServerRole) -> Client {
        Client::builder()
            .server_role(role)
            .endpoint_override(Origin::insecure_http(&self.origin).unwrap())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

const PING: Operation = Operation {
    name: "ping",
    method: hyper::Method::GET,
    idempotent: true,
};

async fn ping(client: &Client) -> Result<(), Error> {
    let origin = client.origin_for("api");
    client
        .send(&PING, &origin, Request::new(Target::new("/api/v1/ping")))
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_calls_share_one_fetch() {
    let metadata = Metadata::start(Duration::from_secs(3600), Duration::from_millis(150)).await;
    let api = Api::start(&metadata).await;
    let client = api.client(metadata.role());
    let calls: Vec<_> = (0..32)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { ping(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(metadata.credential_fetches(), 1, "one fetch for 32 callers");
    assert_eq!(metadata.max_in_flight.load(Ordering::SeqCst), 1);
    let seen = api.seen();
    assert_eq!(seen.len(), 32);
    assert!(
        seen.iter().all(|s| s.signature_ok && s.unexpired),
        "{seen:?}"
    );
    assert!(
        client.credentials().is_none(),
        "the keys change: no fixed credentials"
    );
    // Later calls use the cached key.
    ping(&client).await.unwrap();
    assert_eq!(metadata.credential_fetches(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_expiring_during_a_burst_are_refreshed_once_each_and_never_used_expired() {
    // Keys live 3 s and are refreshed 1.5 s before they expire; 8 tasks call for 5 s.
    let metadata = Metadata::start(Duration::from_secs(3), Duration::from_millis(100)).await;
    let api = Api::start(&metadata).await;
    let client = api.client(metadata.role_with(|b| b.refresh_before(Duration::from_millis(1500))));
    let until = tokio::time::Instant::now() + Duration::from_secs(5);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut calls = 0;
                while tokio::time::Instant::now() < until {
                    ping(&client).await.expect("every call succeeds");
                    calls += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                calls
            })
        })
        .collect();
    let mut calls = 0;
    for task in tasks {
        calls += task.await.unwrap();
    }
    let seen = api.seen();
    assert_eq!(seen.len(), calls);
    assert!(
        seen.iter().all(|s| s.signature_ok && s.unexpired),
        "every request was signed with an issued key before it expired"
    );
    let issued = metadata.issued();
    let used: std::collections::HashSet<_> = seen.iter().map(|s| s.access_key.clone()).collect();
    assert!(
        issued.len() >= 3,
        "refreshed as keys came due, got {} keys",
        issued.len()
    );
    assert_eq!(
        metadata.max_in_flight.load(Ordering::SeqCst),
        1,
        "one refresh in flight at a time"
    );
    assert_eq!(
        metadata.credential_fetches(),
        issued.len(),
        "no fetch beyond the keys it needed"
    );
    assert!(
        used.len() >= 3,
        "the clones switched keys together: {used:?}"
    );
}

#[tokio::test]
async fn a_failed_refresh_keeps_a_valid_key_and_an_expired_one_is_never_used() {
    // Keys live 4 s, are due for refresh 2 s before expiry and are not used in their last
    // second; then the metadata service fails.
    let metadata = Metadata::start(Duration::from_secs(4), Duration::ZERO).await;
    let api = Api::start(&metadata).await;
    let client = api.client(metadata.role_with(|b| b.refresh_before(Duration::from_secs(2))));
    ping(&client).await.unwrap();
    for _ in 0..10 {
        metadata.script(Script::Raw(500, "internal error".into()));
    }
    tokio::time::sleep(Duration::from_millis(2300)).await;
    // Due for refresh, the refresh fails, the key is still good: the call goes through.
    ping(&client).await.unwrap();
    assert_eq!(metadata.credential_fetches(), 2);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // The key is now expired (or within its margin): an error, not a request with it.
    let err = ping(&client).await.unwrap_err();
    assert!(
        matches!(err, Error::Credentials(CredentialsError::Metadata { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    let seen = api.seen();
    assert_eq!(seen.len(), 2, "no request with an expired key");
    assert!(seen.iter().all(|s| s.signature_ok && s.unexpired));
}

#[tokio::test]
async fn errors_and_debug_never_show_the_secret() {
    let metadata = Metadata::start(Duration::from_secs(3600), Duration::ZERO).await;
    let api = Api::start(&metadata).await;
    let role = metadata.role();
    let client = api.client(role.clone());
    ping(&client).await.unwrap();
    let issued = metadata.issued();
    let (access, key) = issued.iter().next().unwrap();
    let printed = format!("{client:?} {client:#?} {role:?}");
    assert!(printed.contains(access.as_str()), "{printed}");
    assert!(!printed.contains(&key.secret), "{printed}");

    // Answers that are not what NCP documents, each holding a secret: the errors leave it out.
    let secret = "LeakedSecretFromMetadata";
    for body in [
        format!(r#"{{"AccessKeyId":"AK1","SecretAccessKey":"{secret}","Expiration":"soon"}}"#),
        format!(r#"{{"AccessKeyId":"AK1","SecretAccessKey":"{secret}"}}"#),
        format!(
            r#"{{"AccessKeyId":"AK1","SecretAccessKey":"{secret}","Expiration":"2001-01-01T00:00:00Z"}}"#
        ),
        format!(
            r#"{{"AccessKeyId":"AK1","SecretAccessKey":"{secret} x","Expiration":"2099-01-01T00:00:00Z"}}"#
        ),
        format!(r#"{{"AccessKeyId":7,"SecretAccessKey":"{secret}""#),
        format!(r#"{{"Code":"Failure","Message":"role detached","SecretAccessKey":"{secret}"}}"#),
    ] {
        let metadata = Metadata::start(Duration::from_secs(3600), Duration::ZERO).await;
        metadata.script(Script::Raw(200, body.clone()));
        let client = api.client(metadata.role());
        let err = ping(&client).await.unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(
            matches!(err, Error::Credentials(CredentialsError::Metadata { .. })),
            "{body}: {text}"
        );
        assert!(!text.contains(secret), "{body}: {text}");
        assert!(text.contains(&metadata.origin), "{text}");
        assert_eq!(metadata.credential_fetches(), 1);
    }
    assert_eq!(
        api.seen().len(),
        1,
        "no request was signed with a bad answer"
    );
}

#[tokio::test]
async fn no_role_and_no_service_are_clear_errors() {
    let metadata = Metadata::start(Duration::from_secs(3600), Duration::ZERO).await;
    metadata.state.lock().unwrap().role_list = Some((404, "not found".into()));
    let api = Api::start(&metadata).await;
    let err = ping(&api.client(metadata.role())).await.unwrap_err();
    assert!(err.to_string().contains("no role is assigned"), "{err}");

    // A loopback port nobody listens on: refused at once, reported as "not on an NCP server?".
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let role = ServerRole::builder()
        .origin(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let err = ping(&api.client(role)).await.unwrap_err();
    assert!(err.to_string().contains("cannot connect"), "{err}");
    assert!(api.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_in_flight_does_not_hold_up_callers_with_a_usable_key() {
    // Each key takes 1 s to issue and lives 4 s: due for refresh 2 s before it expires, not used
    // in its last second.
    let metadata = Metadata::start(Duration::from_secs(4), Duration::from_secs(1)).await;
    let api = Api::start(&metadata).await;
    let client = api.client(metadata.role_with(|b| b.refresh_before(Duration::from_secs(2))));
    ping(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2200)).await;
    // Due: this call refreshes, and waits the second the new key takes.
    let refreshing = {
        let client = client.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            ping(&client).await.unwrap();
            started.elapsed()
        })
    };
    // Well inside the second the refresh takes, and after the spawned call has started it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Meanwhile the old key is still usable: this call goes on with it.
    let started = std::time::Instant::now();
    ping(&client).await.unwrap();
    let waited = started.elapsed();
    let refreshed_after = refreshing.await.unwrap();
    assert!(
        waited < Duration::from_millis(700),
        "a caller with a usable key did not wait for the refresh: {waited:?}"
    );
    assert!(
        refreshed_after >= Duration::from_millis(900),
        "the refreshing caller waited for its key: {refreshed_after:?}"
    );
    let seen = api.seen();
    let keys: Vec<&str> = seen.iter().map(|s| s.access_key.as_str()).collect();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter().all(|s| s.signature_ok && s.unexpired),
        "{seen:?}"
    );
    assert_eq!(keys[1], keys[0], "the second call used the old key");
    assert_ne!(keys[2], keys[0], "the refreshing call used the new key");
    assert_eq!(metadata.credential_fetches(), 2);
}

#[tokio::test]
async fn a_configured_role_is_asked_directly() {
    let metadata = Metadata::start(Duration::from_secs(3600), Duration::ZERO).await;
    let api = Api::start(&metadata).await;
    ping(&api.client(metadata.role_with(|b| b.role(ROLE))))
        .await
        .unwrap();
    let paths = metadata.state.lock().unwrap().paths.clone();
    assert_eq!(paths, [format!("{LIST_PATH}/{ROLE}")]);
}

#[test]
fn the_default_metadata_origin_is_refused_in_test_builds() {
    // Only validation: nothing is sent by building a provider.
    for origin in [
        ncp_runtime::DEFAULT_METADATA_ORIGIN,
        "http://169.254.169.254:80",
        "http://[::ffff:169.254.169.254]",
        "http://metadata.local",
        "http://localhost:1",
    ] {
        let err = ServerRole::builder().origin(origin).build().unwrap_err();
        assert!(err.to_string().contains("loopback"), "{origin}: {err}");
    }
    let err = ServerRole::builder().build().unwrap_err();
    assert!(err.to_string().contains("loopback"), "{err}");
    let err = ServerRole::from_lookup(|_| None).unwrap_err();
    assert!(err.to_string().contains("loopback"), "{err}");
}
