//! Shared pieces of the benchmarks: hand-written baseline types for a FriendTalk send, the
//! request both sides build, and a global allocator that counts.

#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

/// Counts bytes and allocations, to check that a request body is copied at most once. Counts only
/// inside [`allocations`]: shared counters updated from every thread would otherwise slow down,
/// and so distort, the timed benchmarks of the same binary.
pub struct Counting;

pub static BYTES: AtomicUsize = AtomicUsize::new(0);
pub static COUNT: AtomicUsize = AtomicUsize::new(0);
static ENABLED: AtomicBool = AtomicBool::new(false);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn count(bytes: usize) {
    if ENABLED.load(Ordering::Relaxed) {
        BYTES.fetch_add(bytes, Ordering::Relaxed);
        COUNT.fetch_add(1, Ordering::Relaxed);
    }
}

/// Bytes and allocations made by `f`.
pub fn allocations<R>(f: impl FnOnce() -> R) -> (usize, usize, R) {
    let (b0, c0) = (BYTES.load(Ordering::Relaxed), COUNT.load(Ordering::Relaxed));
    ENABLED.store(true, Ordering::SeqCst);
    let result = f();
    ENABLED.store(false, Ordering::SeqCst);
    (
        BYTES.load(Ordering::Relaxed) - b0,
        COUNT.load(Ordering::Relaxed) - c0,
        result,
    )
}

pub const SERVICE_ID: &str = "ncp:kkobizmsg:kr:2514340:sample";
pub const SECRET: &str = "ncp_iam_BPKMKR5ExampleSecretKeyExampleSecretKey";
pub const ACCESS: &str = "ncp_iam_BPAMKR5ExampleAccessKey";

/// The hand-written equivalent of the generated send request.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandSend {
    pub plus_friend_id: String,
    pub messages: Vec<HandMessage>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandMessage {
    pub to: String,
    pub content: String,
    pub buttons: Vec<HandButton>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandButton {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub link_mobile: String,
    pub link_pc: String,
}

/// The hand-written equivalent of the generated send response.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct HandSendResponse {
    pub request_id: String,
    pub request_time: String,
    pub status_code: String,
    pub status_name: String,
    pub messages: Vec<HandSentMessage>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct HandSentMessage {
    pub message_id: String,
    pub country_code: Option<String>,
    pub to: String,
    pub content: String,
    pub request_status_code: String,
    pub request_status_name: String,
    pub request_status_desc: String,
    pub use_sms_failover: bool,
}

pub fn hand_send(messages: usize) -> HandSend {
    HandSend {
        plus_friend_id: "@sample".into(),
        messages: (0..messages)
            .map(|i| HandMessage {
                to: format!("010{i:08}"),
                content: "新商品のお知らせ: 今週末まで20%オフ".into(),
                buttons: vec![HandButton {
                    kind: "WL".into(),
                    name: "詳しく見る".into(),
                    link_mobile: "https://m.example.com/sale".into(),
                    link_pc: "https://www.example.com/sale".into(),
                }],
            })
            .collect(),
    }
}

#[allow(deprecated)]
pub fn generated_send(messages: usize) -> ncp_apis::sens_friendtalk::SendMessagesRequest {
    use ncp_apis::sens_friendtalk::*;
    let messages: Vec<Message> = (0..messages)
        .map(|i| {
            Message::new(format!("010{i:08}"), "新商品のお知らせ: 今週末まで20%オフ").buttons([
                Button::new(ButtonType::WebLink, "詳しく見る")
                    .link_mobile("https://m.example.com/sale")
                    .link_pc("https://www.example.com/sale"),
            ])
        })
        .collect();
    SendMessagesRequest::new("@sample", messages)
}

/// The JSON a send answers with (`messages` accepted messages).
pub fn send_response_json(messages: usize) -> String {
    let items: Vec<serde_json::Value> = (0..messages)
        .map(|i| {
            serde_json::json!({
                "messageId": format!("9f3c2a10-0d4e-4b8a-8c1e-{i:012}"), "countryCode": "82", "to": format!("010{i:08}"),
                "content": "新商品のお知らせ", "requestStatusCode": "A000", "requestStatusName": "success",
                "requestStatusDesc": "성공", "useSmsFailover": true
            })
        })
        .collect();
    serde_json::json!({
        "requestId": "0-ESA-202611-2514340-0", "requestTime": "2026-11-23T10:00:00.123", "statusCode": "202",
        "statusName": "success", "messages": items
    })
    .to_string()
}

/// Median nanoseconds of `a` and `b`, run alternately (A B B A ...) in batches of `batch`
/// calls, so that drift on a noisy machine hits both sides alike.
pub fn interleaved<RA, RB>(
    rounds: usize,
    batch: usize,
    mut a: impl FnMut() -> RA,
    mut b: impl FnMut() -> RB,
) -> (f64, f64) {
    let (mut times_a, mut times_b) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for i in 0..rounds {
        for first in [i % 2 == 0, i % 2 != 0] {
            let started = std::time::Instant::now();
            if first {
                for _ in 0..batch {
                    std::hint::black_box(a());
                }
                times_a.push(started.elapsed().as_nanos() as f64 / batch as f64);
            } else {
                for _ in 0..batch {
                    std::hint::black_box(b());
                }
                times_b.push(started.elapsed().as_nanos() as f64 / batch as f64);
            }
        }
    }
    times_a.sort_by(f64::total_cmp);
    times_b.sort_by(f64::total_cmp);
    (times_a[rounds / 2], times_b[rounds / 2])
}
