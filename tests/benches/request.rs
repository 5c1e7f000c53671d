//! Request preparation: building, serializing and signing a 100-message FriendTalk send, with
//! the generated types against hand-written serde structs doing the same work.

#![allow(deprecated)]

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use ncp_apis::sens_friendtalk::FriendTalkClient;
use ncp_runtime::{Body, Signer};
use sha2::Sha256;
use std::hint::black_box;
use support::*;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MESSAGES: usize = 100;
const TIMESTAMP: &str = "1700000000999";

fn client() -> FriendTalkClient {
    let runtime = ncp_runtime::Client::builder()
        .credentials(ncp_runtime::Credentials::new(ACCESS, SECRET).unwrap())
        .endpoint_override(ncp_runtime::Origin::insecure_http("http://127.0.0.1:9").unwrap())
        .build()
        .unwrap();
    FriendTalkClient::new(&runtime, SERVICE_ID)
}

fn prepare_generated(client: &FriendTalkClient, signer: &Signer) -> (usize, String) {
    let request = generated_send(MESSAGES);
    let http = client.send_messages_request(&request).unwrap();
    let Body::Json(body) = &http.body else {
        unreachable!()
    };
    let signature = signer.sign("POST", http.target.path(), TIMESTAMP, ACCESS);
    (body.len(), signature)
}

fn prepare_by_hand(keyed: &Hmac<Sha256>) -> (usize, String) {
    let request = hand_send(MESSAGES);
    let body = serde_json::to_vec(&request).unwrap();
    let path = format!("/friendtalk/v2/services/{SERVICE_ID}/messages");
    let mut mac = keyed.clone();
    mac.update(format!("POST {path}\n{TIMESTAMP}\n{ACCESS}").as_bytes());
    use base64::Engine as _;
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    (body.len(), signature)
}

fn request(c: &mut Criterion) {
    let client = client();
    let signer = Signer::new(SECRET.as_bytes());
    let keyed = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();

    // The serialized bodies must be the same document for the comparison to mean anything.
    let generated = client.send_messages_request(&generated_send(3)).unwrap();
    let Body::Json(generated_body) = &generated.body else {
        unreachable!()
    };
    let generated_json: serde_json::Value = serde_json::from_slice(generated_body).unwrap();
    assert_eq!(generated_json, serde_json::to_value(hand_send(3)).unwrap());

    // Allocation report (read by scripts/bench-report): the body's bytes against what was allocated.
    let body_only = allocations(|| client.send_messages_request(&generated_send(MESSAGES)));
    let build_only = allocations(|| generated_send(MESSAGES));
    let (body_len, _) = prepare_generated(&client, &signer);
    println!(
        "alloc: ncp-rs serialize+target: {} bytes in {} allocations for a {body_len}-byte body ({:.2}x the body)",
        body_only.0 - build_only.0,
        body_only.1 - build_only.1,
        (body_only.0 - build_only.0) as f64 / body_len as f64
    );
    let hand_build = allocations(|| hand_send(MESSAGES));
    let hand_all = allocations(|| {
        let r = hand_send(MESSAGES);
        serde_json::to_vec(&r).unwrap()
    });
    println!(
        "alloc: baseline serialize: {} bytes in {} allocations ({:.2}x the body)",
        hand_all.0 - hand_build.0,
        hand_all.1 - hand_build.1,
        (hand_all.0 - hand_build.0) as f64 / body_len as f64
    );

    let (ours, theirs) = interleaved(
        200,
        20,
        || prepare_generated(&client, &signer),
        || prepare_by_hand(&keyed),
    );
    println!(
        "ratio: request-100-messages ncp-rs {:.1} us, baseline {:.1} us, ratio {:.3} (200 interleaved rounds)",
        ours / 1e3,
        theirs / 1e3,
        ours / theirs
    );

    // The spec's limits are checked before a request is built; the same preparation with the
    // checks skipped measures what they cost (target: at most 5 %).
    let unchecked = client.with_options(ncp_runtime::CallOptions::new().skip_checks(true));
    let (checked_ns, unchecked_ns) = interleaved(
        200,
        20,
        || prepare_generated(&client, &signer),
        || prepare_generated(&unchecked, &signer),
    );
    println!(
        "ratio: request-100-messages checked {:.1} us, unchecked {:.1} us, ratio {:.3} (200 interleaved rounds; target <= 1.05)",
        checked_ns / 1e3,
        unchecked_ns / 1e3,
        checked_ns / unchecked_ns
    );

    let mut group = c.benchmark_group("request-100-messages");
    group.bench_function("ncp-rs", |b| {
        b.iter(|| black_box(prepare_generated(&client, &signer)))
    });
    group.bench_function("baseline", |b| {
        b.iter(|| black_box(prepare_by_hand(&keyed)))
    });
    group.finish();
}

criterion_group!(benches, request);
criterion_main!(benches);
