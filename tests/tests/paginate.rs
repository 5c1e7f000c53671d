//! Paginators against the embedded gateway, in NCP's three paging dialects: action-style
//! `pageNo`/`pageSize` with `totalRows` (Server), SENS `pageIndex`/`pageSize` with `hasMore` or
//! `totalCount` (FriendTalk), Web Security Checker `page`/`limit` with `total_cnt`. Each case
//! checks the items, that the walk asks for exactly the pages it needs, and what it asked with.

#![allow(deprecated)]

use futures_util::{StreamExt, TryStreamExt};
use ncp_apis::{sens_friendtalk as ft, vserver as vs, wsc};
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{Error, Paginated};
use serde_json::{Value, json};

const SERVICE_ID: &str = "ncp:kkobizmsg:kr:2514340:sample";

async fn gateway() -> MockGateway {
    MockGateway::start(&[&ft::SCHEMA, &wsc::SCHEMA, &vs::SCHEMA]).await
}

/// The value of a query parameter of a recorded request.
fn query(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

// ---- action style: pageNo (from 1), pageSize, totalRows ------------------------------------

fn servers(from: usize, count: usize, total: usize) -> Value {
    let list: Vec<Value> = (from..from + count)
        .map(|n| json!({"serverInstanceNo": n.to_string(), "serverName": format!("web-{n}")}))
        .collect();
    json!({"serverInstanceList": list, "totalRows": total})
}

async fn walk_servers(pages: &[Value], size: Option<i64>) -> (Vec<String>, Vec<(String, String)>) {
    let gateway = gateway().await;
    for page in pages {
        gateway.respond_once("get_server_instance_list", page);
    }
    let client = vs::VserverClient::new(&gateway.client());
    let mut request = vs::GetServerInstanceListRequest::new();
    if let Some(size) = size {
        request = request.page_size(size);
    }
    let names: Vec<String> = client
        .paginate(request)
        .items()
        .map_ok(|s| s.server_name.unwrap_or_default())
        .try_collect()
        .await
        .unwrap();
    let asked = gateway
        .requests_for("get_server_instance_list")
        .iter()
        .map(|r| {
            let page = query(&r.target, "pageNo").unwrap_or_default();
            let size = query(&r.target, "pageSize").unwrap_or_default();
            (page, size)
        })
        .collect();
    (names, asked)
}

#[tokio::test]
async fn action_style_no_servers_is_one_request() {
    let (names, asked) = walk_servers(&[servers(0, 0, 0)], Some(2)).await;
    assert!(names.is_empty());
    assert_eq!(asked, [("1".into(), "2".into())]);
}

#[tokio::test]
async fn action_style_one_short_page() {
    let (names, asked) = walk_servers(&[servers(0, 1, 1)], Some(2)).await;
    assert_eq!(names, ["web-0"]);
    assert_eq!(asked.len(), 1);
}

#[tokio::test]
async fn action_style_exactly_full_pages_stop_at_total_rows() {
    let (names, asked) = walk_servers(&[servers(0, 2, 4), servers(2, 2, 4)], Some(2)).await;
    assert_eq!(names, ["web-0", "web-1", "web-2", "web-3"]);
    assert_eq!(
        asked,
        [("1".into(), "2".into()), ("2".into(), "2".into())],
        "no third request"
    );
}

#[tokio::test]
async fn action_style_many_pages() {
    let pages: Vec<Value> = (0..5)
        .map(|p| servers(p * 2, if p == 4 { 1 } else { 2 }, 9))
        .collect();
    let (names, asked) = walk_servers(&pages, Some(2)).await;
    assert_eq!(names.len(), 9);
    let numbers: Vec<&str> = asked.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
}

#[tokio::test]
async fn action_style_without_a_page_size_takes_one_answer() {
    let (names, asked) = walk_servers(&[servers(0, 3, 3)], None).await;
    assert_eq!(names.len(), 3);
    assert_eq!(asked, [("1".into(), String::new())]);
}

#[tokio::test]
async fn a_server_repeating_a_page_ends_in_an_error() {
    let gateway = gateway().await;
    for _ in 0..3 {
        gateway.respond_once("get_server_instance_list", &servers(0, 2, 10));
    }
    let client = vs::VserverClient::new(&gateway.client());
    let results: Vec<_> = client
        .paginate(vs::GetServerInstanceListRequest::new().page_size(2))
        .pages()
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    match &results[1] {
        Err(Error::Pagination {
            operation,
            page,
            reason,
        }) => {
            assert_eq!((*operation, *page), ("get_server_instance_list", 2));
            assert!(reason.contains("same items"), "{reason}");
        }
        other => panic!("expected a pagination error, got {other:?}"),
    }
    assert_eq!(
        gateway.requests().len(),
        2,
        "the walk stops at the repeated page"
    );
}

#[tokio::test]
async fn each_page_is_a_normal_call_whose_errors_reach_the_caller() {
    let gateway = gateway().await;
    gateway.respond_once("get_server_instance_list", &servers(0, 2, 4));
    let client = vs::VserverClient::new(&gateway.client());
    let mut pages = Box::pin(
        client
            .paginate(vs::GetServerInstanceListRequest::new().page_size(2))
            .pages(),
    );
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.total_rows, Some(4));
    gateway.fault(
        "get_server_instance_list",
        ncp_runtime::mock::Fault::gateway_error(403, "210", "Permission Denied"),
    );
    match pages.next().await {
        Some(Err(Error::Service(e))) => assert_eq!(e.status, 403),
        other => panic!("expected NCP's 403, got {other:?}"),
    }
    let asked: Vec<_> = gateway
        .requests_for("get_server_instance_list")
        .iter()
        .map(|r| query(&r.target, "pageNo").unwrap())
        .collect();
    assert_eq!(asked, ["1", "2"]);
}

// ---- SENS: pageIndex (from 0), pageSize, hasMore or totalCount -----------------------------

fn images(from: usize, count: usize, total: usize) -> Value {
    let items: Vec<Value> = (from..from + count)
        .map(|n| json!({"imageId": format!("img-{n}"), "imageName": "a.png", "imageUrl": "https://example.com/a.png", "isWide": false, "createTime": "2026-11-23T10:00:00.000"}))
        .collect();
    json!({"items": items, "pageIndex": 0, "pageSize": 2, "itemCount": count, "totalCount": total})
}

#[tokio::test]
async fn sens_pages_count_from_zero_and_stop_at_the_total() {
    for (pages, expected, requests) in [
        (vec![images(0, 0, 0)], 0, 1),
        (vec![images(0, 1, 1)], 1, 1),
        (vec![images(0, 2, 4), images(2, 2, 4)], 4, 2),
        (
            vec![images(0, 2, 5), images(2, 2, 5), images(4, 1, 5)],
            5,
            3,
        ),
    ] {
        let gateway = gateway().await;
        for page in &pages {
            gateway.respond_once("list_images", page);
        }
        let client = ft::FriendTalkClient::new(&gateway.client(), SERVICE_ID);
        let ids: Vec<String> = client
            .paginate(ft::ListImagesRequest::new().page_size(2))
            .items()
            .map_ok(|i| i.image_id)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids.len(), expected);
        let asked: Vec<String> = gateway
            .requests_for("list_images")
            .iter()
            .map(|r| query(&r.target, "pageIndex").unwrap())
            .collect();
        let wanted: Vec<String> = (0..requests).map(|i: usize| i.to_string()).collect();
        assert_eq!(asked, wanted, "{expected} images");
    }
}

fn sends(from: usize, count: usize, more: bool) -> Value {
    let messages: Vec<Value> = (from..from + count)
        .map(|n| json!({"messageId": format!("m-{n}"), "requestTime": "2026-11-23T10:00:00.123", "countryCode": "82", "to": "01012345678", "content": "hi", "plusFriendId": "@sample", "requestStatusCode": "A000", "requestStatusName": "success", "requestStatusDesc": "ok", "messageStatusCode": "0000", "messageStatusName": "success", "messageStatusDesc": "ok", "completeTime": "2026-11-23T10:00:02", "isWide": false, "isAd": false, "useSmsFailover": false}))
        .collect();
    json!({"requestId": "r-1", "statusCode": "202", "statusName": "success", "messages": messages, "pageSize": 2, "pageIndex": 0, "itemCount": count, "hasMore": more})
}

#[tokio::test]
async fn sens_has_more_decides_even_on_a_full_page() {
    let gateway = gateway().await;
    for page in [sends(0, 2, true), sends(2, 2, false)] {
        gateway.respond_once("get_send_request", &page);
    }
    let client = ft::FriendTalkClient::new(&gateway.client(), SERVICE_ID);
    let request = ft::GetSendRequestRequest::new()
        .request_id("r-1")
        .page_size(2);
    assert_eq!(request.page(), None);
    let count = client
        .paginate(request)
        .items()
        .try_collect::<Vec<_>>()
        .await
        .unwrap()
        .len();
    assert_eq!(count, 4);
    assert_eq!(gateway.requests_for("get_send_request").len(), 2);
}

// ---- Web Security Checker: page (from 1), limit, total_cnt -----------------------------

fn scans(from: usize, count: usize, total: usize) -> Value {
    let jobs: Vec<Value> = (from..from + count)
        .map(|n| json!({"instanceNo": n, "url": format!("https://site-{n}.example.com")}))
        .collect();
    json!({"total_cnt": total, "record_data": jobs})
}

#[tokio::test]
async fn wsc_pages_from_one_with_the_callers_limit_and_start() {
    for (start, pages, expected, first_asked) in [
        (None, vec![scans(0, 0, 0)], 0, 1),
        (None, vec![scans(0, 3, 3)], 3, 1),
        (None, vec![scans(0, 3, 6), scans(3, 3, 6)], 6, 1),
        (Some(3), vec![scans(6, 3, 10), scans(9, 1, 10)], 4, 3),
    ] {
        let gateway = gateway().await;
        for page in &pages {
            gateway.respond_once("get_jobs", page);
        }
        let client = wsc::WscClient::new(&gateway.client());
        let request = wsc::GetJobsRequest::new(3, start.unwrap_or(1));
        let jobs: Vec<_> = client
            .paginate(request)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(jobs.len(), expected);
        let asked: Vec<(String, String)> = gateway
            .requests_for("get_jobs")
            .iter()
            .map(|r| {
                (
                    query(&r.target, "page").unwrap(),
                    query(&r.target, "limit").unwrap(),
                )
            })
            .collect();
        assert_eq!(asked.len(), pages.len(), "one request per page, none extra");
        assert_eq!(asked[0], (first_asked.to_string(), "3".to_string()));
    }
}
