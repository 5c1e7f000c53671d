//! SENS SMS v2 against real HTTP servers on 127.0.0.1: the recording server checks method, target,
//! signature and body against NCP's reference (its request examples where it has them), the
//! embedded gateway checks what it receives like NCP would. Sizes are EUC-KR bytes: SMS 90, LMS
//! and MMS 2000, subjects 40.

use ncp_apis::sens_sms::*;
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{Blob, CallOptions, Error, ErrorFormat, RetryPolicy};
use ncp_tests::{Canned, TestServer};
use serde_json::json;

const SERVICE_ID: &str = "ncp:sms:kr:123456789012:sens";
const BASE: &str = "/sms/v2/services/ncp:sms:kr:123456789012:sens";

async fn setup() -> (TestServer, SmsClient) {
    let server = TestServer::start().await;
    let client = SmsClient::new(&server.client(), SERVICE_ID);
    (server, client)
}

fn accepted() -> Canned {
    Canned::json(
        202,
        json!({"requestId": "RSSA-1764059980535-4821-77001234-ZzdhBYsk", "requestTime": "2026-11-25T09:39:40.535",
               "statusCode": "202", "statusName": "success"}),
    )
}

/// `n` Hangul syllables: 2n bytes as SENS counts them.
fn hangul(n: usize) -> String {
    "가".repeat(n)
}

fn invalid(err: Error) -> (String, String) {
    match err {
        Error::InvalidRequest { field, reason, .. } => (field, reason),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[tokio::test]
async fn an_sms_is_posted_as_documented_and_the_202_decoded() {
    let (server, client) = setup().await;
    server.respond(accepted());
    let request = SendMessagesRequest::new(
        MessageType::Sms,
        "0212345678",
        "[NCP] 인증번호는 123456 입니다",
        vec![
            Message::new("01012345678"),
            Message::new("01087654321").content("[NCP] 인증번호는 654321 입니다"),
        ],
    )
    .content_type(ContentType::General)
    .country_code("82");
    let result = client.send_messages(request).await.unwrap();

    let sent = server.only_request();
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.target, format!("{BASE}/messages"));
    assert_eq!(
        sent.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    sent.assert_signed();
    assert_eq!(
        sent.json(),
        json!({
            "type": "SMS",
            "contentType": "COMM",
            "countryCode": "82",
            "from": "0212345678",
            "content": "[NCP] 인증번호는 123456 입니다",
            "messages": [
                {"to": "01012345678"},
                {"to": "01087654321", "content": "[NCP] 인증번호는 654321 입니다"}
            ]
        })
    );
    assert_eq!(
        result.request_id,
        "RSSA-1764059980535-4821-77001234-ZzdhBYsk"
    );
    assert_eq!(result.status_code, "202");
    assert_eq!(
        result.request_time.as_deref(),
        Some("2026-11-25T09:39:40.535")
    );
}

#[tokio::test]
async fn the_message_type_sets_the_byte_limits_and_nothing_over_them_is_sent() {
    let (server, client) = setup().await;
    // 45 Hangul syllables are 90 bytes: the most an SMS carries.
    let sms = |content: String, messages: Vec<Message>| {
        SendMessagesRequest::new(MessageType::Sms, "0212345678", content, messages)
    };
    let (field, reason) = invalid(
        client
            .send_messages(sms(hangul(46), vec![Message::new("01012345678")]))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "content");
    assert_eq!(reason, "has 92 bytes, more than the maximum of 90");

    // A recipient's own content has the same limit, named by its path.
    let (field, reason) = invalid(
        client
            .send_messages(sms(
                "hi".into(),
                vec![
                    Message::new("01012345678"),
                    Message::new("01087654321").content(format!("{}a", hangul(45))),
                ],
            ))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "messages[1].content");
    assert_eq!(reason, "has 91 bytes, more than the maximum of 90");
    assert!(server.requests().is_empty(), "nothing over a limit is sent");

    // The same text is a valid LMS (up to 2000 bytes), whose subject has 40 bytes at most.
    server.respond(accepted());
    let lms = SendMessagesRequest::new(
        MessageType::Lms,
        "0212345678",
        hangul(1000),
        vec![Message::new("01012345678").content(hangul(46))],
    )
    .subject(hangul(20));
    client.send_messages(lms).await.unwrap();
    assert_eq!(server.requests().len(), 1);

    let too_long = SendMessagesRequest::new(
        MessageType::Lms,
        "0212345678",
        format!("{}a", hangul(1000)),
        vec![Message::new("01012345678")],
    );
    let (field, reason) = invalid(client.send_messages(too_long).await.unwrap_err());
    assert_eq!(
        (field.as_str(), reason.as_str()),
        ("content", "has 2001 bytes, more than the maximum of 2000")
    );
    let long_subject = SendMessagesRequest::new(
        MessageType::Mms,
        "0212345678",
        "hi",
        vec![Message::new("01012345678").subject(format!("{}a", hangul(20)))],
    );
    let (field, _) = invalid(client.send_messages(long_subject).await.unwrap_err());
    assert_eq!(field, "messages[0].subject");

    let nobody =
        SendMessagesRequest::new(MessageType::Sms, "0212345678", "hi", Vec::<Message>::new());
    let (field, _) = invalid(client.send_messages(nobody).await.unwrap_err());
    assert_eq!(field, "messages");
    let crowd = SendMessagesRequest::new(
        MessageType::Sms,
        "0212345678",
        "hi",
        vec![Message::new("01012345678"); 101],
    );
    let (field, reason) = invalid(client.send_messages(crowd).await.unwrap_err());
    assert_eq!(
        (field.as_str(), reason.as_str()),
        ("messages", "has 101 items, more than the maximum of 100")
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_mms_uploads_its_image_as_base64_json_then_sends_the_file_id() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({"fileId": "ZTVmNjk4ZjItMDM2Zi00NDY2", "createTime": "2026-11-25T09:30:00.000",
               "expireTime": "2026-12-01T09:30:00.000"}),
    ));
    server.respond(accepted());
    let jpeg: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xd9";
    let path = std::env::temp_dir().join(format!("ncp-sms-{}.jpg", std::process::id()));
    std::fs::write(&path, jpeg).unwrap();
    let body = Blob::from_path(&path).await.unwrap();
    std::fs::remove_file(&path).unwrap();

    let file = client
        .upload_file(UploadFileRequest::new("G0ufjqMy3wBpCucJenTaU.jpg", body))
        .await
        .unwrap();
    let request = SendMessagesRequest::new(
        MessageType::Mms,
        "0212345678",
        "새 상품 안내",
        vec![Message::new("01012345678")],
    )
    .subject("[NCP] 안내")
    .files([MessageFile::new(file.file_id.clone())]);
    client.send_messages(request).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, format!("{BASE}/files"));
    requests[0].assert_signed();
    // The reference's example, with a real image in place of its elided base64.
    assert_eq!(
        requests[0].json(),
        json!({"fileName": "G0ufjqMy3wBpCucJenTaU.jpg", "fileBody": "/9j/4AAQSkZJRgD/2Q=="})
    );
    assert_eq!(
        requests[1].json()["files"],
        json!([{"fileId": "ZTVmNjk4ZjItMDM2Zi00NDY2"}])
    );
    assert_eq!(requests[1].json()["type"], "MMS");
}

#[tokio::test]
async fn an_image_over_300_kb_is_refused_before_upload() {
    let (server, client) = setup().await;
    let big = Blob::from(vec![0u8; 300 * 1024 + 1]);
    assert_eq!(format!("{big:?}"), "Blob(307201 bytes)");
    let (field, reason) = invalid(
        client
            .upload_file(UploadFileRequest::new("big.jpg", big))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "fileBody");
    assert_eq!(reason, "has 307201 bytes, more than the maximum of 307200");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_reserved_send_is_queried_and_cancelled() {
    let (server, client) = setup().await;
    server.respond(accepted());
    server.respond(Canned::json(
        200,
        json!({"reserveId": "RSSA-1764059980535-4821-77001234-ZzdhBYsk", "reserveTimeZone": "Asia/Seoul",
               "reserveTime": "2026-12-24T10:00:00+09:00", "reserveStatus": "SKIP"}),
    ));
    server.respond(Canned::empty(204));

    let reserved = client
        .send_messages(
            SendMessagesRequest::new(
                MessageType::Sms,
                "0212345678",
                "12/24 10:00 예약 안내",
                vec![Message::new("01012345678")],
            )
            .reserve_time("2026-12-24 10:00")
            .reserve_time_zone("Asia/Seoul"),
        )
        .await
        .unwrap();
    let status = client
        .get_reservation_status(GetReservationStatusRequest::new(
            reserved.request_id.clone(),
        ))
        .await
        .unwrap();
    assert_eq!(status.reserve_status, ReserveStatus::Skip);
    let () = client
        .cancel_reservation(CancelReservationRequest::new(reserved.request_id))
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].json()["reserveTime"], "2026-12-24 10:00");
    assert_eq!(requests[0].json()["reserveTimeZone"], "Asia/Seoul");
    assert_eq!(
        (requests[1].method.as_str(), requests[1].target.as_str()),
        (
            "GET",
            "/sms/v2/services/ncp:sms:kr:123456789012:sens/reservations/RSSA-1764059980535-4821-77001234-ZzdhBYsk/reserve-status"
        )
    );
    assert_eq!(
        (requests[2].method.as_str(), requests[2].target.as_str()),
        (
            "DELETE",
            "/sms/v2/services/ncp:sms:kr:123456789012:sens/reservations/RSSA-1764059980535-4821-77001234-ZzdhBYsk"
        )
    );
    for r in &requests {
        r.assert_signed();
    }
    assert!(requests[2].body.is_empty());
}

#[tokio::test]
async fn list_messages_needs_a_request_id_or_a_time_range_of_at_most_30_days() {
    let (server, client) = setup().await;
    let (field, reason) = invalid(
        client
            .list_messages(ListMessagesRequest::new())
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestId");
    assert!(reason.contains("give one of requestId"), "{reason}");
    let (field, reason) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .request_start_time("2026-10-01 00:00:00")
                    .request_end_time("2026-11-01 00:00:00"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestEndTime");
    assert!(reason.contains("more than the 30 days allowed"), "{reason}");
    assert!(server.requests().is_empty());

    server.respond(Canned::json(
        200,
        json!({"requestId": "RSSA-1", "statusCode": "202", "statusName": "success",
               "messages": [{"messageId": "f574d3f0-1a2b-4c3d-8e9f-daa31f50eaf5", "requestTime": "2026-11-25 09:39:40",
                             "contentType": "AD", "countryCode": "82", "from": "0212345678", "to": "01012345678"}]}),
    ));
    let list = client
        .list_messages(
            ListMessagesRequest::new()
                .complete_start_time("2026-11-25 00:00:00")
                .complete_end_time("2026-11-25 23:59:59")
                .kind(MessageType::Lms),
        )
        .await
        .unwrap();
    assert_eq!(
        list.messages[0].content_type,
        Some(ContentType::Advertising)
    );
    let sent = server.only_request();
    // The documented format has a space; the reference asks for it URL-encoded (form encoding,
    // `+`), and the signature covers the target as sent.
    assert_eq!(
        sent.target,
        format!(
            "{BASE}/messages?completeStartTime=2026-11-25+00%3A00%3A00&completeEndTime=2026-11-25+23%3A59%3A59&type=LMS"
        )
    );
    sent.assert_signed();
}

#[tokio::test]
async fn opt_out_numbers_travel_as_the_documented_json_arrays() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!([{"clientTelNo": "01011112222", "registerType": "M", "registerTime": "2025-11-26T10:11:59.271"},
               {"clientTelNo": "01033334444", "registerType": "M", "registerTime": "2025-11-26T10:11:59.271"}]),
    ));
    server.respond(Canned::json(
        200,
        json!([{"clientTelNo": "01011112222", "registerType": "C", "registerTime": "2025-11-26T10:11:59.271"}]),
    ));
    server.respond(Canned::empty(204));
    let numbers = || {
        vec![
            UnsubscribeNumber::new("01011112222"),
            UnsubscribeNumber::new("01033334444"),
        ]
    };
    let added = client
        .add_unsubscribes(AddUnsubscribesRequest::new(numbers()))
        .await
        .unwrap();
    assert_eq!(added[1].register_type, Some(RegisterType::Manual));
    let listed = client
        .list_unsubscribes(
            ListUnsubscribesRequest::new()
                .start_time(1_763_721_600_000)
                .end_time(1_763_808_000_000),
        )
        .await
        .unwrap();
    assert_eq!(listed[0].register_type, Some(RegisterType::Call));
    let () = client
        .delete_unsubscribes(DeleteUnsubscribesRequest::new(numbers()))
        .await
        .unwrap();

    let requests = server.requests();
    // The reference's register and delete examples: a bare array of numbers.
    let documented = json!([{"clientTelNo": "01011112222"}, {"clientTelNo": "01033334444"}]);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        (
            "POST",
            "/sms/v2/services/ncp:sms:kr:123456789012:sens/unsubscribes"
        )
    );
    assert_eq!(requests[0].json(), documented);
    // The reference's list example.
    assert_eq!(
        requests[1].target,
        format!("{BASE}/unsubscribes?startTime=1763721600000&endTime=1763808000000")
    );
    assert_eq!(requests[2].method, "DELETE");
    assert_eq!(requests[2].target, format!("{BASE}/unsubscribes"));
    assert_eq!(
        requests[2].header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(requests[2].json(), documented);
    for r in &requests {
        r.assert_signed();
    }

    let crowd = vec![UnsubscribeNumber::new("01011112222"); 1001];
    let (field, _) = invalid(
        client
            .delete_unsubscribes(DeleteUnsubscribesRequest::new(crowd))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "numbers");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn sens_errors_keep_their_status_and_message() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        400,
        json!({"status": 400, "errorMessage": "Invalid request body", "errors": ["from: not registered"]}),
    ));
    let err = client
        .send_messages(SendMessagesRequest::new(
            MessageType::Sms,
            "0212345678",
            "hi",
            vec![Message::new("01012345678")],
        ))
        .await
        .unwrap_err();
    let service = err.as_service().expect("a service error");
    assert_eq!((service.status, service.format), (400, ErrorFormat::Sens));
    assert_eq!(service.message.as_deref(), Some("Invalid request body"));
    assert_eq!(service.errors, ["from: not registered"]);
}

#[tokio::test]
async fn the_embedded_gateway_applies_the_same_byte_limits_per_message_type() {
    let gateway = MockGateway::start(&[&SCHEMA]).await;
    let runtime = gateway
        .client_builder()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let client = SmsClient::new(&runtime, SERVICE_ID);
    let unchecked = client.with_options(CallOptions::new().skip_checks(true));
    let send = |kind, content: String| {
        SendMessagesRequest::new(
            kind,
            "0212345678",
            "hi",
            vec![Message::new("01012345678").content(content)],
        )
    };
    let err = unchecked
        .send_messages(send(MessageType::Sms, hangul(46)))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().errors,
        ["messages[0].content: 92 bytes, at most 90 allowed"]
    );
    unchecked
        .send_messages(send(MessageType::Lms, hangul(46)))
        .await
        .unwrap();
    let err = unchecked
        .upload_file(UploadFileRequest::new(
            "a.jpg",
            Blob::from(vec![1u8; 307_201]),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().errors,
        ["fileBody: 307201 bytes, at most 307200 allowed"]
    );
    client
        .add_unsubscribes(AddUnsubscribesRequest::new(vec![UnsubscribeNumber::new(
            "01011112222",
        )]))
        .await
        .unwrap();
    let err = unchecked
        .delete_unsubscribes(DeleteUnsubscribesRequest::new(
            Vec::<UnsubscribeNumber>::new(),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().errors,
        ["body: 0 items, at least 1 required"]
    );
}
