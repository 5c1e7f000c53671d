//! End to end on loopback: a generated-client send (sign, send, read, decode, with the retry and
//! timeout machinery in the path) against a hand-written reqwest call doing the same work (same
//! body, same headers, same decode), one call at a time and 64 in flight.
//!
//! Two baselines: the bare hand-written call (the targets are measured against it), and the same
//! call with reqwest's own 30 s request timeout, which isolates what any timeout costs under
//! tokio: registering a timer wakes the runtime's driver (an eventfd write) whenever the driver
//! has no timer deadline pending, which shows as extra futex and write syscalls at 64 in flight.
//!
//! `LOOPBACK_ONLY=ncp-rs` (or `baseline`, `baseline-timeout`) runs 1,500 batches of 64 calls of
//! one side and exits: a workload for `perf stat`, `perf record` or `strace -c -f`.

#![allow(deprecated)]

mod support;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine as _;
use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use ncp_apis::sens_friendtalk::{FriendTalkClient, SendMessagesRequest};
use sha2::Sha256;
use support::*;

const IN_FLIGHT: usize = 64;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A keep-alive HTTP/1.1 server that answers every request with the same 202 body.
async fn serve(answer: Bytes) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let answer = answer.clone();
                    async move {
                        // Read the whole request, as a real server would.
                        let _ = req.into_body().collect().await;
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .status(202)
                                .header("content-type", "application/json;charset=UTF-8")
                                .body(Full::new(answer))
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
    addr
}

/// The hand-written call: the same body, headers and decode as the generated client.
#[derive(Clone)]
struct Hand {
    http: reqwest::Client,
    url: Arc<str>,
    path: Arc<str>,
    keyed: Hmac<Sha256>,
}

impl Hand {
    async fn send(&self) -> HandSendResponse {
        let body = serde_json::to_vec(&hand_send(1)).unwrap();
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
            .to_string();
        let mut mac = self.keyed.clone();
        mac.update(format!("POST {}\n{timestamp}\n{ACCESS}", self.path).as_bytes());
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        let response = self
            .http
            .post(&*self.url)
            .header("x-ncp-apigw-timestamp", timestamp)
            .header("x-ncp-iam-access-key", ACCESS)
            .header("x-ncp-apigw-signature-v2", signature)
            .header("accept", "application/json")
            .header("content-type", "application/json; charset=utf-8")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 202);
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
    }
}

fn request() -> SendMessagesRequest {
    generated_send(1)
}

fn loopback(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let addr = rt.block_on(serve(Bytes::from(send_response_json(1))));
    let origin = format!("http://{addr}");
    let runtime = ncp_runtime::Client::builder()
        .credentials(ncp_runtime::Credentials::new(ACCESS, SECRET).unwrap())
        .endpoint_override(ncp_runtime::Origin::insecure_http(&origin).unwrap())
        .build()
        .unwrap();
    let generated = FriendTalkClient::new(&runtime, SERVICE_ID);
    let path: Arc<str> = format!("/friendtalk/v2/services/{SERVICE_ID}/messages").into();
    let hand = Hand {
        http: reqwest::Client::new(),
        url: format!("{origin}{path}").into(),
        path,
        keyed: Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap(),
    };
    // Both sides do the same work and get the same answer.
    let (a, b) = rt.block_on(async {
        (
            generated.send_messages(request()).await.unwrap(),
            hand.send().await,
        )
    });
    assert_eq!(
        (a.request_id.as_str(), a.messages.len()),
        (b.request_id.as_str(), b.messages.len())
    );

    // The same hand-written call, with the same per-request bound as the client's default.
    let hand_timeout = Hand {
        http: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap(),
        ..hand.clone()
    };

    if let Ok(side) = std::env::var("LOOPBACK_ONLY") {
        rt.block_on(async {
            for _ in 0..1500 {
                match side.as_str() {
                    "ncp-rs" => {
                        in_flight(generated.clone(), |client| async move {
                            client.send_messages(request()).await.unwrap()
                        })
                        .await
                    }
                    "baseline" => in_flight(hand.clone(), |h| async move { h.send().await }).await,
                    "baseline-timeout" => {
                        in_flight(hand_timeout.clone(), |h| async move { h.send().await }).await
                    }
                    other => {
                        eprintln!(
                            "LOOPBACK_ONLY={other}: expected ncp-rs, baseline or baseline-timeout"
                        );
                        std::process::exit(2);
                    }
                }
            }
        });
        std::process::exit(0);
    }

    // What a spawned call costs in task memory: the future tokio allocates and copies.
    println!(
        "alloc: call future ncp-rs {} bytes, baseline {} bytes (size of the future a spawned call allocates)",
        std::mem::size_of_val(&generated.send_messages(request())),
        std::mem::size_of_val(&hand.send()),
    );

    // Allocations per call, client and server together (the server's share is the same on both
    // sides), averaged over sequential calls.
    let calls = 1000;
    let per_call = |(bytes, count, ()): (usize, usize, ())| {
        (bytes as f64 / calls as f64, count as f64 / calls as f64)
    };
    let (ours_bytes, ours_count) = per_call(allocations(|| {
        rt.block_on(async {
            for _ in 0..calls {
                generated.send_messages(request()).await.unwrap();
            }
        })
    }));
    let (theirs_bytes, theirs_count) = per_call(allocations(|| {
        rt.block_on(async {
            for _ in 0..calls {
                hand.send().await;
            }
        })
    }));
    println!(
        "alloc: loopback call ncp-rs {ours_count:.1} allocations / {ours_bytes:.0} bytes, baseline {theirs_count:.1} / {theirs_bytes:.0} (per call, client and server)"
    );

    // Ratios measured interleaved (A B B A ...), so that drift on a noisy machine hits both
    // sides alike; scripts/bench-report reads these lines.
    let pairs = 3000;
    let (ours, theirs) = rt.block_on(interleaved(
        pairs,
        || generated.send_messages(request()),
        || hand.send(),
    ));
    println!(
        "ratio: loopback-latency ncp-rs {ours:.1} us, baseline {theirs:.1} us, ratio {:.3} ({pairs} interleaved pairs)",
        ours / theirs
    );
    let batches = 200;
    let per_second = |micros: f64| IN_FLIGHT as f64 / micros * 1e6;
    for (name, baseline) in [("baseline", &hand), ("baseline-timeout", &hand_timeout)] {
        let (ours, theirs) = rt.block_on(interleaved(
            batches,
            || {
                in_flight(generated.clone(), |client| async move {
                    client.send_messages(request()).await.unwrap()
                })
            },
            || in_flight(baseline.clone(), |hand| async move { hand.send().await }),
        ));
        println!(
            "ratio: loopback-64-in-flight ncp-rs {:.0} calls/s, {name} {:.0} calls/s, ratio {:.3} ({batches} interleaved batches)",
            per_second(ours),
            per_second(theirs),
            per_second(ours) / per_second(theirs)
        );
    }

    let mut latency = c.benchmark_group("loopback-latency");
    latency.bench_function("ncp-rs", |bench| {
        bench
            .to_async(&rt)
            .iter(|| async { generated.send_messages(request()).await.unwrap() })
    });
    latency.bench_function("baseline", |bench| {
        bench.to_async(&rt).iter(|| async { hand.send().await })
    });
    latency.finish();

    let mut throughput = c.benchmark_group("loopback-64-in-flight");
    throughput.throughput(criterion::Throughput::Elements(IN_FLIGHT as u64));
    throughput.bench_function("ncp-rs", |bench| {
        bench.to_async(&rt).iter(|| async {
            let calls: Vec<_> = (0..IN_FLIGHT)
                .map(|_| {
                    let client = generated.clone();
                    tokio::spawn(async move { client.send_messages(request()).await.unwrap() })
                })
                .collect();
            for call in calls {
                call.await.unwrap();
            }
        })
    });
    throughput.bench_function("baseline", |bench| {
        bench.to_async(&rt).iter(|| async {
            let calls: Vec<_> = (0..IN_FLIGHT)
                .map(|_| {
                    let hand = hand.clone();
                    tokio::spawn(async move { hand.send().await })
                })
                .collect();
            for call in calls {
                call.await.unwrap();
            }
        })
    });
    throughput.finish();
}

/// Median microseconds of `a` and `b`, run alternately in A B B A order.
async fn interleaved<A, B, FA, FB, RA, RB>(pairs: usize, a: A, b: B) -> (f64, f64)
where
    A: Fn() -> FA,
    B: Fn() -> FB,
    FA: std::future::Future<Output = RA>,
    FB: std::future::Future<Output = RB>,
{
    let (mut times_a, mut times_b) = (Vec::with_capacity(pairs), Vec::with_capacity(pairs));
    for i in 0..pairs {
        for first in [i % 2 == 0, i % 2 != 0] {
            let started = std::time::Instant::now();
            if first {
                std::hint::black_box(a().await);
                times_a.push(started.elapsed().as_secs_f64() * 1e6);
            } else {
                std::hint::black_box(b().await);
                times_b.push(started.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    (median(&mut times_a), median(&mut times_b))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `IN_FLIGHT` calls at once and waits for all.
async fn in_flight<C, F, Fut, R>(client: C, call: F)
where
    C: Clone + Send + 'static,
    F: Fn(C) -> Fut,
    Fut: std::future::Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let calls: Vec<_> = (0..IN_FLIGHT)
        .map(|_| tokio::spawn(call(client.clone())))
        .collect();
    for call in calls {
        call.await.unwrap();
    }
}

criterion_group!(benches, loopback);
criterion_main!(benches);
