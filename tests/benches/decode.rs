//! Response decoding of a large list: 1,000 images, through the generated types and the
//! runtime's decoder (lenient scalars, error paths) against plain serde structs.

#![allow(deprecated)]

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use ncp_apis::sens_friendtalk::ImageList;
use serde::Deserialize;
use std::hint::black_box;

mod support;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct HandImageList {
    items: Vec<HandImage>,
    page_index: i64,
    page_size: i64,
    item_count: i64,
    total_count: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct HandImage {
    image_id: String,
    image_name: String,
    image_url: String,
    is_wide: bool,
    create_time: String,
}

fn body(images: usize) -> Bytes {
    let items: Vec<serde_json::Value> = (0..images)
        .map(|i| {
            serde_json::json!({
                "imageId": format!("img-20261123-{i:05}"), "imageName": format!("image-{i}.png"),
                "imageUrl": format!("https://mud-kage.kakao.com/dn/sample/image-{i}.png"),
                "isWide": i % 3 == 0, "createTime": "2026-11-23T10:00:00.000"
            })
        })
        .collect();
    let json = serde_json::json!({"items": items, "pageIndex": 0, "pageSize": images, "itemCount": images, "totalCount": images});
    Bytes::from(json.to_string())
}

fn decode(c: &mut Criterion) {
    let body = body(1000);
    let response = ncp_runtime::Response::new("list_images", 200, body.clone());
    assert_eq!(response.json::<ImageList>().unwrap().items.len(), 1000);
    let (ours, theirs) = support::interleaved(
        200,
        5,
        || response.json::<ImageList>().unwrap(),
        || serde_json::from_slice::<HandImageList>(&body).unwrap(),
    );
    println!(
        "ratio: decode-1000-images ncp-rs {:.1} us, baseline {:.1} us, ratio {:.3} (200 interleaved rounds)",
        ours / 1e3,
        theirs / 1e3,
        ours / theirs
    );

    let mut group = c.benchmark_group("decode-1000-images");
    group.throughput(criterion::Throughput::Bytes(body.len() as u64));
    group.bench_function("ncp-rs", |b| {
        b.iter(|| black_box(response.json::<ImageList>().unwrap()))
    });
    group.bench_function("baseline", |b| {
        b.iter(|| black_box(serde_json::from_slice::<HandImageList>(&body).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
