//! Signature v2: the runtime's signer against the bare floor, `hmac` + `sha2` + `base64` over the
//! same string, keyed once (the least work the computation allows) and keyed per call (what
//! hand-written code usually does).

use base64::Engine as _;
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use ncp_runtime::Signer;
use sha2::Sha256;
use std::hint::black_box;

mod support;

const SECRET: &str = "ncp_iam_BPKMKR5ExampleSecretKeyExampleSecretKey";
const ACCESS: &str = "ncp_iam_BPAMKR5ExampleAccessKey";
const TARGET: &str = "/friendtalk/v2/services/ncp:kkobizmsg:kr:2514340:sample/messages?plusFriendId=%40sample&requestStartTime=2023-11-01T00%3A00%3A00&requestEndTime=2023-11-02T00%3A00%3A00&pageIndex=0&pageSize=100";
const TIMESTAMP: &str = "1700000000999";

fn signing(c: &mut Criterion) {
    let signer = Signer::new(SECRET.as_bytes());
    let keyed = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    let floor = || {
        let message = format!(
            "{} {}\n{}\n{}",
            black_box("GET"),
            black_box(TARGET),
            black_box(TIMESTAMP),
            black_box(ACCESS)
        );
        let mut mac = keyed.clone();
        mac.update(message.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    };
    let (ours, theirs) = support::interleaved(
        400,
        200,
        || signer.sign("GET", TARGET, TIMESTAMP, ACCESS),
        &floor,
    );
    println!(
        "ratio: signing ncp-rs {ours:.0} ns, floor {theirs:.0} ns, ratio {:.3} (400 interleaved rounds)",
        ours / theirs
    );

    let mut group = c.benchmark_group("signing");
    group.bench_function("ncp-rs", |b| {
        b.iter(|| {
            signer.sign(
                black_box("GET"),
                black_box(TARGET),
                black_box(TIMESTAMP),
                black_box(ACCESS),
            )
        })
    });
    group.bench_function("floor", |b| b.iter(&floor));
    group.bench_function("floor-rekeyed", |b| {
        b.iter(|| {
            let message = format!(
                "{} {}\n{}\n{}",
                black_box("GET"),
                black_box(TARGET),
                black_box(TIMESTAMP),
                black_box(ACCESS)
            );
            let mut mac = Hmac::<Sha256>::new_from_slice(black_box(SECRET).as_bytes()).unwrap();
            mac.update(message.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        })
    });
    group.finish();
}

criterion_group!(benches, signing);
criterion_main!(benches);
