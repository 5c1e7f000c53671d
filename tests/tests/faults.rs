//! Fault injection through the embedded gateway. For every fault: the typed error or the
//! eventual success, the exact number of requests the gateway read (a send is never read twice),
//! no panic, and the call ends within its deadline.

// FriendTalk's send is the non-idempotent operation these tests lean on.
#![allow(deprecated)]

use std::time::{Duration, Instant};

use ncp_apis::sens_friendtalk::*;
use ncp_runtime::mock::{Fault, MOCK_ACCESS_KEY, MOCK_SECRET_KEY, MockGateway};
use ncp_runtime::{CallOptions, ClientBuilder, Error, ErrorFormat, RetryPolicy};

const DEADLINE: Duration = Duration::from_secs(3);
const LIST: &str = "list_channels";
const SEND: &str = "send_messages";

async fn gateway() -> MockGateway {
    MockGateway::start(&[&SCHEMA]).await
}

/// Fast backoff so the suite stays quick; attempts and deadline as a user would set them.
fn tuned(builder: ClientBuilder) -> ClientBuilder {
    builder
        .retry_policy(
            RetryPolicy::standard().backoff(Duration::from_millis(5), Duration::from_millis(40)),
        )
        .attempt_timeout(Duration::from_millis(500))
        .deadline(DEADLINE)
}

fn friendtalk(gateway: &MockGateway) -> FriendTalkClient {
    FriendTalkClient::new(
        &tuned(gateway.client_builder()).build().unwrap(),
        "ncp:kkobizmsg:kr:2514340:sample",
    )
}

fn send() -> SendMessagesRequest {
    SendMessagesRequest::new("@sample", vec![Message::new("01012345678", "hello")])
}

/// Runs a GET (idempotent) call and checks it ended by the deadline.
async fn list(client: &FriendTalkClient) -> Result<Vec<Channel>, Error> {
    let started = Instant::now();
    let result = client.list_channels(ListChannelsRequest::new()).await;
    assert!(
        started.elapsed() < DEADLINE + Duration::from_millis(500),
        "ended by its deadline"
    );
    result
}

/// Runs a send (not idempotent) and checks it ended by the deadline.
async fn send_once(client: &FriendTalkClient) -> Result<SendMessagesResponse, Error> {
    let started = Instant::now();
    let result = client.send_messages(send()).await;
    assert!(
        started.elapsed() < DEADLINE + Duration::from_millis(500),
        "ended by its deadline"
    );
    result
}

/// One fault for the GET, then success; the same fault for the send, which must not repeat.
async fn get_recovers_send_does_not(fault: Fault, get_reads: usize) -> Error {
    let gw = gateway().await;
    gw.fault(LIST, fault.clone());
    assert_eq!(list(&friendtalk(&gw)).await.unwrap().len(), 1);
    assert_eq!(gw.requests().len(), get_reads);

    let gw = gateway().await;
    gw.fault(SEND, fault);
    let err = send_once(&friendtalk(&gw)).await.unwrap_err();
    assert_eq!(gw.requests().len(), 1, "a send is read exactly once: {err}");
    err
}

#[tokio::test]
async fn http_500_is_final_for_both() {
    let gw = gateway().await;
    gw.fault(LIST, Fault::gateway_error(500, "900", "Unexpected Error"));
    gw.fault(SEND, Fault::gateway_error(500, "900", "Unexpected Error"));
    let client = friendtalk(&gw);
    let err = list(&client).await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(500), 1));
    let err = send_once(&client).await.unwrap_err();
    assert_eq!(err.as_service().unwrap().code.as_deref(), Some("900"));
    assert_eq!(gw.requests().len(), 2);
}

#[tokio::test]
async fn http_502_is_retried_for_a_get_and_not_for_a_send() {
    let err = get_recovers_send_does_not(Fault::raw(502, "text/plain", "Bad Gateway"), 2).await;
    assert_eq!((err.status(), err.attempts()), (Some(502), 1));
}

#[tokio::test]
async fn gateway_503_endpoint_error() {
    let gw = gateway().await;
    gw.fault(LIST, Fault::gateway_error(503, "500", "Endpoint Error"));
    gw.fault(LIST, Fault::gateway_error(503, "500", "Endpoint Error"));
    list(&friendtalk(&gw)).await.unwrap();
    assert_eq!(gw.requests().len(), 3);

    let err =
        get_recovers_send_does_not(Fault::gateway_error(503, "500", "Endpoint Error"), 2).await;
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.status, service.format, service.code.as_deref()),
        (503, ErrorFormat::Gateway, Some("500"))
    );
}

#[tokio::test]
async fn http_504_exhausts_the_attempts_and_says_so() {
    let gw = gateway().await;
    for _ in 0..5 {
        gw.fault(LIST, Fault::gateway_error(504, "510", "Endpoint Timeout"));
    }
    let err = list(&friendtalk(&gw)).await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(504), 3));
    assert!(err.to_string().ends_with("(after 3 attempts)"), "{err}");
    assert_eq!(gw.requests().len(), 3);
}

#[tokio::test]
async fn http_429_with_retry_after_waits_that_long() {
    let gw = gateway().await;
    gw.fault(LIST, Fault::throttled(Some(1)));
    list(&friendtalk(&gw)).await.unwrap();
    let seen = gw.requests();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].received_at - seen[0].received_at;
    assert!(
        gap >= Duration::from_millis(950),
        "Retry-After: 1 honoured, waited {gap:?}"
    );
}

#[tokio::test]
async fn a_send_the_gateway_throttled_is_retried_and_accepted_once() {
    // 410 Throttle Limited and 420 Rate Limited come from the API Gateway before the product
    // sees the request: repeating the send cannot duplicate it.
    for code in ["410", "420"] {
        let gw = gateway().await;
        gw.fault(
            SEND,
            Fault::gateway_error(429, code, "Rate Limited").with_header("Retry-After", "1"),
        );
        send_once(&friendtalk(&gw)).await.unwrap();
        let seen = gw.requests();
        assert_eq!(seen.len(), 2, "{code}: throttled once, then sent");
        let accepted: Vec<_> = seen.iter().filter(|r| r.status == 202).collect();
        assert_eq!(
            accepted.len(),
            1,
            "{code}: the message was accepted exactly once"
        );
        assert!(
            seen[1].received_at - seen[0].received_at >= Duration::from_millis(950),
            "{code}: Retry-After honoured"
        );
    }
}

#[tokio::test]
async fn a_429_in_the_products_own_words_is_not_repeated_for_a_send() {
    let sens_429 = Fault::json(
        429,
        serde_json::json!({"status": 429, "errorMessage": "Too Many Requests"}),
    );
    let err = get_recovers_send_does_not(sens_429, 2).await;
    assert_eq!(err.status(), Some(429));
}

#[tokio::test]
async fn a_spent_quota_is_not_retried_for_any_operation() {
    let gw = gateway().await;
    let quota = || Fault::gateway_error(429, "400", "Quota Exceeded");
    gw.fault(LIST, quota());
    gw.fault(SEND, quota());
    let client = friendtalk(&gw);
    let err = list(&client).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(
        err.to_string().contains("quota for this API is spent"),
        "{err}"
    );
    let err = send_once(&client).await.unwrap_err();
    assert!(err.as_service().unwrap().is_quota_exceeded());
    assert_eq!(gw.requests().len(), 2, "one request each");
}

#[tokio::test]
async fn a_connection_that_never_opened_is_retried_even_for_a_send() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let later = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        MockGateway::builder()
            .product(&SCHEMA)
            .port(port)
            .start()
            .await
    });
    let runtime = tuned(ncp_runtime::Client::builder())
        .credentials(ncp_runtime::Credentials::new(MOCK_ACCESS_KEY, MOCK_SECRET_KEY).unwrap())
        .endpoint_override(
            ncp_runtime::Origin::insecure_http(&format!("http://127.0.0.1:{port}")).unwrap(),
        )
        .retry_policy(
            RetryPolicy::standard()
                .max_attempts(20)
                .backoff(Duration::from_millis(40), Duration::from_millis(80)),
        )
        .build()
        .unwrap();
    send_once(&FriendTalkClient::new(&runtime, "svc"))
        .await
        .unwrap();
    let gw = later.await.unwrap();
    assert_eq!(
        gw.requests().len(),
        1,
        "refused connections carried nothing; the send was read once"
    );
}

#[tokio::test]
async fn a_connect_timeout_is_a_connection_that_never_opened() {
    // A loopback server that accepts TCP and never answers the TLS handshake: the connection
    // never opens, so nothing of the request was sent.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(stream);
        }
    });
    let runtime = tuned(ncp_runtime::Client::builder())
        .credentials(ncp_runtime::Credentials::new(MOCK_ACCESS_KEY, MOCK_SECRET_KEY).unwrap())
        .endpoint_override(
            ncp_runtime::Origin::https(&format!("https://127.0.0.1:{port}")).unwrap(),
        )
        .connect_timeout(Duration::from_millis(200))
        .attempt_timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let err = send_once(&FriendTalkClient::new(&runtime, "svc"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { connect: true, .. }),
        "a connect timeout is a connection that never opened: {err:?}"
    );
    assert_eq!(
        err.attempts(),
        3,
        "retried even for a send: nothing was sent"
    );
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert!(
        err.to_string().contains("200ms"),
        "names the connect timeout: {err}"
    );
}

#[tokio::test]
async fn reset_before_the_request_is_read() {
    let gw = gateway().await;
    gw.fault_next_connection(Fault::ResetBeforeRead);
    list(&friendtalk(&gw)).await.unwrap();
    assert_eq!(gw.requests().len(), 1);

    let gw = gateway().await;
    gw.fault_next_connection(Fault::ResetBeforeRead);
    let err = send_once(&friendtalk(&gw)).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                connect: false,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        gw.requests().len(),
        0,
        "the send may have been written: not sent again"
    );
}

#[tokio::test]
async fn reset_after_the_request_is_read() {
    let err = get_recovers_send_does_not(Fault::ResetAfterRead, 2).await;
    assert!(
        matches!(err, Error::Transport { connect: false, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_by_the_deadline() {
    let gw = gateway().await;
    for _ in 0..10 {
        gw.fault(LIST, Fault::NeverAnswer);
    }
    let err = list(&friendtalk(&gw)).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 3, .. }), "{err:?}");
    assert_eq!(gw.requests().len(), 3);

    let gw = gateway().await;
    gw.fault(SEND, Fault::NeverAnswer);
    let err = send_once(&friendtalk(&gw)).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert_eq!(gw.requests().len(), 1);
}

#[tokio::test]
async fn the_call_deadline_bounds_the_retries() {
    let gw = gateway().await;
    for _ in 0..10 {
        gw.fault(LIST, Fault::NeverAnswer);
    }
    let runtime = gw
        .client_builder()
        .retry_policy(
            RetryPolicy::standard()
                .max_attempts(10)
                .backoff(Duration::ZERO, Duration::ZERO),
        )
        .attempt_timeout(Duration::from_millis(300))
        .deadline(Duration::from_millis(700))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = FriendTalkClient::new(&runtime, "svc")
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(700)),
        "names the deadline that ended the call, not the truncated last attempt: {err:?}"
    );
    assert!(
        gw.requests().len() <= 3,
        "{} attempts fit in 700 ms of 300 ms each",
        gw.requests().len()
    );
}

#[tokio::test]
async fn a_truncated_body() {
    let truncated = Fault::Truncated {
        declared: 200,
        sent: br#"[{"createTime":"2023-"#.to_vec(),
    };
    let err = get_recovers_send_does_not(truncated, 2).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn a_delay_within_the_attempt_timeout_is_just_slow() {
    let gw = gateway().await;
    gw.fault(SEND, Fault::Delay(Duration::from_millis(200)));
    send_once(&friendtalk(&gw)).await.unwrap();
    assert_eq!(gw.requests().len(), 1);
}

#[tokio::test]
async fn an_html_error_page() {
    let page = "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503</h1></center></body></html>";
    let err = get_recovers_send_does_not(Fault::raw(503, "text/html", page), 2).await;
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.format, service.body.as_str()),
        (ErrorFormat::NotJson, page)
    );
}

#[tokio::test]
async fn an_empty_200_where_json_was_expected() {
    let gw = gateway().await;
    gw.fault(LIST, Fault::raw(200, "application/json", ""));
    let err = list(&friendtalk(&gw)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(gw.requests().len(), 1, "a decode failure is not retried");
}

#[tokio::test]
async fn invalid_utf8() {
    let gw = gateway().await;
    gw.fault(
        LIST,
        Fault::raw(
            200,
            "application/json",
            vec![b'[', b'"', 0xff, 0xfe, b'"', b']'],
        ),
    );
    let err = list(&friendtalk(&gw)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(gw.requests().len(), 1);
}

#[tokio::test]
async fn a_50_mb_body_is_refused_with_or_without_a_length() {
    let gw = gateway().await;
    let big = vec![b' '; 50 * 1024 * 1024];
    gw.fault(LIST, Fault::raw(200, "application/json", big.clone()));
    gw.fault(
        LIST,
        Fault::Unframed {
            status: 200,
            body: big,
        },
    );
    let client = FriendTalkClient::new(
        &tuned(gw.client_builder())
            .attempt_timeout(Duration::from_secs(2))
            .build()
            .unwrap(),
        "svc",
    );
    for _ in 0..2 {
        let err = client
            .list_channels(ListChannelsRequest::new())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::ResponseTooLarge {
                    limit: ncp_runtime::DEFAULT_MAX_RESPONSE_BYTES,
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert_eq!(gw.requests().len(), 2, "not retried");
}

#[tokio::test]
async fn a_large_body_in_many_chunks_is_read_whole_with_or_without_a_length() {
    let gw = gateway().await;
    // About 1.5 MB: it reaches the client in many reads, framed by Content-Length or by the
    // connection closing.
    let channels: Vec<serde_json::Value> = (0..8000)
        .map(|i| {
            serde_json::json!({
                "createTime": "2025-04-01T09:00:00", "updateTime": "2026-10-01T12:00:00",
                "serviceId": "ncp:kkobizmsg:kr:2514340:sample", "channelId": format!("@channel{i}"),
                "channelName": "サンプルストア", "channelStatus": "ACTIVE", "useSmsFailover": true,
            })
        })
        .collect();
    let body = serde_json::to_vec(&channels).unwrap();
    assert!(body.len() > 1_000_000);
    gw.fault(LIST, Fault::raw(200, "application/json", body.clone()));
    gw.fault(LIST, Fault::Unframed { status: 200, body });
    let client = friendtalk(&gw);
    for _ in 0..2 {
        let listed = list(&client).await.unwrap();
        assert_eq!(listed.len(), 8000);
        assert_eq!(listed[7999].channel_id, "@channel7999");
    }
}

#[tokio::test]
async fn a_skewed_clock_is_learnt_from_the_gateway_and_retried_once() {
    let gw = gateway().await;
    gw.set_clock_offset(600_000);
    let client = friendtalk(&gw);
    send_once(&client).await.unwrap();
    list(&client).await.unwrap();
    let seen = gw.requests();
    let statuses: Vec<u16> = seen.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [401, 202, 200],
        "one rejected send, its re-signed retry, then a call that needs no retry"
    );
    let ahead_ms = (std::time::SystemTime::now() + Duration::from_secs(600))
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i128;
    for r in &seen[1..] {
        let stamp: i128 = r.header("x-ncp-apigw-timestamp").unwrap().parse().unwrap();
        assert!(
            (stamp - ahead_ms).abs() < 5_000,
            "signed with the gateway's clock"
        );
    }
    assert!(client.runtime().clock_offset() > 590_000);
}

#[tokio::test]
async fn a_genuine_401_is_not_retried() {
    let gw = gateway().await;
    let now = httpdate::fmt_http_date(std::time::SystemTime::now());
    gw.fault(
        LIST,
        Fault::gateway_error(401, "200", "Authentication Failed").with_header("Date", &now),
    );
    let err = list(&friendtalk(&gw)).await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(401), 1));
    assert_eq!(gw.requests().len(), 1);
}

#[tokio::test]
async fn the_retry_budget_stops_retries_during_an_outage() {
    let gw = gateway().await;
    for _ in 0..10 {
        gw.fault(LIST, Fault::gateway_error(503, "500", "Endpoint Error"));
    }
    let runtime = tuned(gw.client_builder()).retry_budget(10).build().unwrap();
    let client = FriendTalkClient::new(&runtime, "svc");
    assert_eq!(
        list(&client).await.unwrap_err().attempts(),
        3,
        "two retries of 5 tokens"
    );
    assert_eq!(runtime.retry_budget_available(), 0);
    assert_eq!(
        list(&client).await.unwrap_err().attempts(),
        1,
        "budget empty: no retry"
    );
    assert_eq!(gw.requests().len(), 4);
}

#[tokio::test]
async fn per_call_options_override_the_client() {
    let gw = gateway().await;
    gw.fault(SEND, Fault::gateway_error(503, "500", "Endpoint Error"));
    let client = friendtalk(&gw).with_options(CallOptions::new().retry_non_idempotent(true));
    send_once(&client).await.unwrap();
    assert_eq!(
        gw.requests().len(),
        2,
        "the caller opted in to repeat the send"
    );

    let gw = gateway().await;
    gw.fault(LIST, Fault::gateway_error(503, "500", "Endpoint Error"));
    let client = friendtalk(&gw).with_options(CallOptions::new().retry(RetryPolicy::none()));
    assert_eq!(list(&client).await.unwrap_err().attempts(), 1);
    assert_eq!(gw.requests().len(), 1);
}

/// A redirect is never followed: the signed request, its body and a `Referer` would go to the
/// host the answer names, and that host's answer would pass for the gateway's.
#[tokio::test]
async fn a_redirect_is_an_error_and_is_not_followed() {
    let other = ncp_tests::TestServer::start().await;
    other.respond(ncp_tests::Canned::json(202, serde_json::json!({})));
    other.respond(ncp_tests::Canned::json(202, serde_json::json!({})));
    let location = format!("{}/friendtalk/v2/services/x/messages", other.origin());
    for status in [301, 302, 303, 307, 308] {
        let gw = gateway().await;
        gw.fault(
            SEND,
            Fault::raw(status, "text/plain", "moved").with_header("Location", &location),
        );
        let err = send_once(&friendtalk(&gw)).await.unwrap_err();
        let service = err.as_service().expect("a 3xx is a service error");
        assert_eq!(service.status, status);
        assert_eq!(service.location.as_deref(), Some(location.as_str()));
        assert!(err.to_string().contains(&location), "{err}");
        assert_eq!(gw.requests().len(), 1);
        assert!(gw.requests()[0].header("referer").is_none());
    }
    assert!(
        other.requests().is_empty(),
        "the other host received nothing"
    );
}

fn epoch_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Runs `n` sends at once on one client; returns how many succeeded.
async fn concurrent_sends(client: &FriendTalkClient, n: usize) -> usize {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let client = client.clone();
        tasks.spawn(async move { client.send_messages(send()).await.is_ok() });
    }
    let mut ok = 0;
    while let Some(result) = tasks.join_next().await {
        ok += usize::from(result.unwrap());
    }
    ok
}

/// The gateway's clock moves ahead, back to the machine's (as after an NTP correction), and to
/// the epoch (a broken proxy): the offset follows the first two and ignores the third, and a
/// genuine 401 is never re-signed.
#[tokio::test]
async fn a_learnt_clock_offset_follows_the_gateway_and_ignores_the_epoch() {
    let gw = gateway().await;
    let client = friendtalk(&gw);
    gw.set_clock_offset(600_000);
    assert_eq!(concurrent_sends(&client, 4).await, 4);
    assert!(client.runtime().clock_offset() > 590_000);

    gw.set_clock_offset(0);
    assert_eq!(
        concurrent_sends(&client, 4).await,
        4,
        "the offset is unlearnt"
    );
    assert_eq!(client.runtime().clock_offset(), 0);

    let before = gw.requests().len();
    gw.set_clock_offset(-epoch_ms());
    assert_eq!(concurrent_sends(&client, 4).await, 0);
    assert_eq!(
        gw.requests().len() - before,
        4,
        "an epoch Date is not retried"
    );
    assert_eq!(client.runtime().clock_offset(), 0, "nor learnt");

    gw.set_clock_offset(0);
    assert_eq!(
        concurrent_sends(&client, 4).await,
        4,
        "the client still works"
    );
}

/// With an offset learnt, a 401 whose signed time was within the window is not retried.
#[tokio::test]
async fn a_genuine_401_is_not_retried_once_an_offset_is_learnt() {
    let gw = gateway().await;
    let client = friendtalk(&gw);
    gw.set_clock_offset(600_000);
    list(&client).await.unwrap();
    let before = gw.requests().len();
    let gateway_now = std::time::SystemTime::now() + Duration::from_secs(600);
    gw.fault(
        LIST,
        Fault::gateway_error(401, "200", "Authentication Failed")
            .with_header("Date", &httpdate::fmt_http_date(gateway_now)),
    );
    let err = list(&client).await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(401), 1));
    assert_eq!(gw.requests().len() - before, 1);
}

/// A path or base-path parameter of `.` or `..` would change the route (URL parsing removes dot
/// segments) and be signed for the new one: refused before anything is sent.
#[tokio::test]
async fn dot_segment_parameters_are_refused_before_sending() {
    let gw = gateway().await;
    let client = friendtalk(&gw);
    for id in [".", ".."] {
        let err = client
            .cancel_reservation(CancelReservationRequest::new(id))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err}");
        let service = FriendTalkClient::new(client.runtime(), id);
        let err = service
            .delete_image(DeleteImageRequest::new("img-1"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err}");
    }
    assert!(gw.requests().is_empty(), "nothing was sent");
}

/// A `Retry-After` too large for an `Instant` ends the call with the 429/503, without a panic.
#[tokio::test]
async fn a_huge_retry_after_ends_the_call_without_a_panic() {
    for (status, code) in [(429, "420"), (503, "500")] {
        for huge in ["18446744073709551615", "9223372036854775807"] {
            let gw = gateway().await;
            gw.fault(
                LIST,
                Fault::gateway_error(status, code, "busy").with_header("Retry-After", huge),
            );
            let err = list(&friendtalk(&gw)).await.unwrap_err();
            assert_eq!(err.status(), Some(status));
            assert_eq!(gw.requests().len(), 1, "no wait past the deadline");
        }
    }
}

/// `Duration::MAX` as a deadline or attempt timeout means "no limit", not a panic.
#[tokio::test]
async fn a_deadline_of_duration_max_is_accepted() {
    let gw = gateway().await;
    let options = CallOptions::new()
        .deadline(Duration::MAX)
        .attempt_timeout(Duration::MAX);
    friendtalk(&gw)
        .with_options(options)
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap();
    let runtime = tuned(gw.client_builder())
        .deadline(Duration::MAX)
        .attempt_timeout(Duration::MAX)
        .build()
        .unwrap();
    FriendTalkClient::new(&runtime, "ncp:kkobizmsg:kr:2514340:sample")
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap();
}

/// A header value with CR or LF is the caller's mistake: refused by name, nothing sent, no retry
/// and no retry budget spent.
#[tokio::test]
async fn a_header_with_cr_or_lf_is_refused_before_sending() {
    let server = ncp_tests::TestServer::start().await;
    let client = ncp_runtime::Client::builder()
        .credentials(
            ncp_runtime::Credentials::new(ncp_tests::ACCESS_KEY, ncp_tests::SECRET_KEY).unwrap(),
        )
        .endpoint_override(ncp_runtime::Origin::insecure_http(&server.origin()).unwrap())
        .build()
        .unwrap();
    let operation = ncp_runtime::Operation {
        name: "get_thing",
        method: ncp_runtime::__private::Method::GET,
        idempotent: true,
    };
    for bad in ["a\r\nX-Injected: 1", "a\nb", "a\rb"] {
        let mut request = ncp_runtime::Request::new(ncp_runtime::Target::new("/things"));
        request.push_header("x-trace", bad);
        let err = client
            .send(&operation, &server.origin(), request)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest { field, .. } if field == "x-trace"),
            "{err}"
        );
    }
    assert!(server.requests().is_empty());
    assert_eq!(
        client.retry_budget_available(),
        ncp_runtime::RETRY_BUDGET_CAPACITY
    );
}

/// Sends `request` to the gateway on a raw connection and returns what it answered, up to the
/// close (empty when it closed without an answer).
async fn raw_exchange(gw: &MockGateway, request: Vec<u8>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = gw.origin().trim_start_matches("http://").to_owned();
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    // Written on its own: the gateway may answer (and close) before reading it all.
    let writing = tokio::spawn(async move {
        let _ = writer.write_all(&request).await;
        writer
    });
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(20), reader.read_to_end(&mut answer));
    let _ = read.await.expect("the gateway ends the exchange");
    drop(writing.await);
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_of(answer: &str) -> &str {
    answer.split(' ').nth(1).unwrap_or("")
}

/// A declared chunk size over the limit is answered 413 before anything is buffered, and a size
/// of `u64::MAX` does not panic the connection.
#[tokio::test]
async fn a_huge_chunk_size_is_answered_413() {
    let gw = gateway().await;
    for size in ["40000000", "ffffffffffffffff", "1000001"] {
        let head = format!(
            "POST /friendtalk/v2/services/x/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\nabc"
        );
        let answer = raw_exchange(&gw, head.into_bytes()).await;
        assert_eq!(status_of(&answer), "413", "{size}: {answer}");
    }
    let answer = raw_exchange(
        &gw,
        b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n".to_vec(),
    )
    .await;
    assert_eq!(status_of(&answer), "413", "{answer}");
}

/// A request head over 64 KiB is answered 431 without reading the rest of it.
#[tokio::test]
async fn a_huge_request_head_is_answered_431() {
    let gw = gateway().await;
    for size in [100 * 1024, 8 * 1024 * 1024] {
        let mut head = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        head.resize(head.len() + size, b'a');
        head.extend_from_slice(b"\r\n\r\n");
        let answer = raw_exchange(&gw, head).await;
        assert_eq!(status_of(&answer), "431", "{size}");
    }
}

/// A timestamp that overflows a subtraction is a 401 with the gateway's body, not a dead task.
#[tokio::test]
async fn an_extreme_timestamp_is_a_401() {
    let gw = gateway().await;
    for stamp in [
        "-170141183460469231731687303715884105728",
        "170141183460469231731687303715884105727",
    ] {
        let request = format!(
            "GET /friendtalk/v2/services/x/channels HTTP/1.1\r\nx-ncp-apigw-timestamp: {stamp}\r\n\r\n"
        );
        let answer = raw_exchange(&gw, request.into_bytes()).await;
        assert_eq!(status_of(&answer), "401", "{answer}");
        assert!(answer.contains("Authentication Failed"), "{answer}");
    }
}

/// What is not a request is answered 400, as a real gateway does.
#[tokio::test]
async fn a_malformed_request_is_answered_400() {
    let gw = gateway().await;
    for request in [
        &b"NONSENSE\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n",
    ] {
        let answer = raw_exchange(&gw, request.to_vec()).await;
        assert_eq!(status_of(&answer), "400", "{request:?}: {answer}");
    }
}

/// A half-sent request is closed after the idle timeout; dropping the gateway closes the
/// connections it still holds.
#[tokio::test]
async fn idle_connections_are_closed_and_do_not_outlive_the_gateway() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let gw = MockGateway::builder()
        .product(&SCHEMA)
        .idle_timeout(Duration::from_millis(200))
        .start()
        .await;
    let answer = raw_exchange(&gw, b"GET / HTTP/1.1\r\nHost: x\r\n".to_vec()).await;
    assert_eq!(answer, "", "closed without an answer");

    let gw = gateway().await;
    let address = gw.origin().trim_start_matches("http://").to_owned();
    let mut held = Vec::new();
    for _ in 0..50 {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        held.push(stream);
    }
    // Lets the gateway accept them all before it goes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(gw);
    for mut stream in held {
        let mut byte = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut byte))
            .await
            .expect("closed when the gateway was dropped");
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    }
}

/// A connection that never opened says so, rather than that sending failed.
#[tokio::test]
async fn a_refused_connection_says_it_could_not_connect() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let runtime = ncp_runtime::Client::builder()
        .credentials(ncp_runtime::Credentials::new(MOCK_ACCESS_KEY, MOCK_SECRET_KEY).unwrap())
        .endpoint_override(
            ncp_runtime::Origin::insecure_http(&format!("http://127.0.0.1:{port}")).unwrap(),
        )
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = FriendTalkClient::new(&runtime, "svc")
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { connect: true, .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("could not connect"), "{text}");
    assert!(!text.contains("sending the request failed"), "{text}");
}
