//! What downstream code writes with the generated types (issue 18, items 4 and 9): lists from any
//! iterator of convertible items, maps from pairs, integer literals beyond `i32`, and enums whose
//! `Unknown` never stands for a documented value.

#![allow(deprecated)]

use ncp_apis::sens_friendtalk::ButtonType;
use ncp_apis::sens_sms::{ListUnsubscribesRequest, MessageType};
use ncp_apis::vserver::GetServerInstanceListRequest;
use ncp_apis::wsc::{CreateJobRequest, JobStatus, Speed, UserAgent};

#[test]
fn lists_maps_and_numbers_take_what_callers_have() {
    let by_str = GetServerInstanceListRequest::new().server_instance_no_list(["101", "102"]);
    let ids: Vec<String> = vec!["101".into(), "102".into()];
    let by_vec = GetServerInstanceListRequest::new().server_instance_no_list(ids.clone());
    let by_iter =
        GetServerInstanceListRequest::new().server_instance_no_list(ids.iter().map(String::as_str));
    assert_eq!(by_str, by_vec);
    assert_eq!(by_str, by_iter);
    assert_eq!(by_str.server_instance_no_list.as_deref(), Some(&ids[..]));

    let job = CreateJobRequest::new(
        "https://example.com",
        ["ALL"],
        UserAgent::PcChrome,
        Speed::Normal,
    )
    .headers([("Cookie", "a=b"), ("Authorization", "Bearer t")]);
    let headers = job.headers.unwrap();
    assert_eq!(headers["Cookie"], "a=b");
    assert_eq!(job.vuln_items, ["ALL"]);

    // Milliseconds since the epoch: an unsuffixed literal is an i64 here, not an i32 overflow.
    let window = ListUnsubscribesRequest::new()
        .start_time(1_763_721_600_000)
        .page_size(100);
    assert_eq!(window.start_time, Some(1_763_721_600_000));
}

#[test]
fn unknown_never_holds_a_documented_value() {
    assert_eq!(ButtonType::from("WL"), ButtonType::WebLink);
    assert_eq!(MessageType::from("LMS"), MessageType::Lms);
    assert_eq!(JobStatus::from(4), JobStatus::Completed);
    match ButtonType::from("XX") {
        ButtonType::Unknown(value) => assert_eq!(value.as_str(), "XX"),
        other => panic!("expected Unknown, got {other:?}"),
    }
    match JobStatus::from(77) {
        JobStatus::Unknown(code) => assert_eq!(*code.get(), 77),
        other => panic!("expected Unknown, got {other:?}"),
    }
    // Decoding goes through the same door.
    let decoded: ButtonType = serde_json::from_str("\"WL\"").unwrap();
    assert_eq!(decoded, ButtonType::WebLink);
    assert_eq!(ButtonType::from("XX").to_string(), "XX");
}
