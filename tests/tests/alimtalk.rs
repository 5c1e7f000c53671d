//! SENS AlimTalk v2 against real HTTP servers on 127.0.0.1: the recording server checks method,
//! target, signature and body against NCP's reference (its request examples where it has them),
//! the embedded gateway checks what it receives like NCP would. Header sizes are EUC-KR bytes
//! (16 at most), failover sizes SENS SMS's.

use std::time::Duration;

use ncp_apis::sens_alimtalk::*;
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{CallOptions, Error, ErrorFormat, RetryPolicy, WaitOptions};
use ncp_tests::{Canned, TestServer};
use serde_json::json;

const SERVICE_ID: &str = "ncp:kkobizmsg:kr:123456789012:sens";
const BASE: &str = "/alimtalk/v2/services/ncp:kkobizmsg:kr:123456789012:sens";
const RESERVE_ID: &str = "RBAA-1764064805000-1234-12345678-ERsezZLD";

async fn setup() -> (TestServer, AlimTalkClient) {
    let server = TestServer::start().await;
    let client = AlimTalkClient::new(&server.client(), SERVICE_ID);
    (server, client)
}

fn accepted(request_id: &str) -> Canned {
    Canned::json(
        202,
        json!({"requestId": request_id, "requestTime": "2026-11-25T10:00:00.123", "statusCode": "202",
               "statusName": "success",
               "messages": [{"messageId": "aa724ca6-1b2c-4d3e-8f90-66dfc1a700e7", "countryCode": "82",
                             "to": "01012345678", "content": "Order 1234 has shipped.",
                             "requestStatusCode": "A000", "requestStatusName": "success",
                             "requestStatusDesc": "성공", "useSmsFailover": true}]}),
    )
}

fn invalid(err: Error) -> (String, String) {
    match err {
        Error::InvalidRequest { field, reason, .. } => (field, reason),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

fn assert_no_body(request: &ncp_tests::Recorded) {
    assert!(
        request.body.is_empty(),
        "unexpected body {:?}",
        request.body
    );
    assert_eq!(request.header("content-type"), None);
}

fn items(n: usize) -> Vec<Item> {
    (0..n)
        .map(|i| Item::new(format!("item{i}"), format!("{i}")))
        .collect()
}

/// An item-list message with a web-link and a delivery button and LMS failover.
fn full_message() -> Message {
    Message::new("01012345678", "Order 1234 has shipped.")
        .country_code("82")
        .header_content("주문 안내")
        .item_highlight(ItemHighlight::new("Order 1234", "2 items"))
        .item(
            ItemList::new(vec![
                Item::new("Book", "Rust in Action"),
                Item::new("Pen", "Blue, 3 pieces"),
            ])
            .summary(ItemSummary::new("Total", "₩ 32,000")),
        )
        .buttons([
            Button::new(ButtonType::WebLink, "Order details")
                .link_mobile("https://m.example.com/orders/1234")
                .link_pc("https://www.example.com/orders/1234"),
            Button::new(ButtonType::DeliverySearch, "배송 조회"),
            Button::new(ButtonType::AppLink, "Open the app")
                .scheme_ios("example://orders/1234")
                .scheme_android("example://orders/1234"),
        ])
        .use_sms_failover(true)
        .failover_config(
            FailoverConfig::new()
                .r#type(FailoverType::Lms)
                .from("0212345678")
                .subject("주문 안내")
                .content("Order 1234 has shipped."),
        )
}

#[tokio::test]
async fn send_posts_buttons_item_list_and_failover_as_documented_and_decodes_the_202() {
    let (server, client) = setup().await;
    server.respond(accepted("0-ESA-202611-2514340-0"));
    let request = SendMessagesRequest::new(
        "@sample",
        "ORDER_SHIPPED",
        vec![
            full_message(),
            Message::new("01087654321", "Your code is 1234").title("1234"),
        ],
    );
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
            "plusFriendId": "@sample",
            "templateCode": "ORDER_SHIPPED",
            "messages": [{
                "countryCode": "82",
                "to": "01012345678",
                "content": "Order 1234 has shipped.",
                "headerContent": "주문 안내",
                "itemHighlight": {"title": "Order 1234", "description": "2 items"},
                "item": {
                    "list": [{"title": "Book", "description": "Rust in Action"},
                             {"title": "Pen", "description": "Blue, 3 pieces"}],
                    "summary": {"title": "Total", "description": "₩ 32,000"}
                },
                "buttons": [
                    {"type": "WL", "name": "Order details", "linkMobile": "https://m.example.com/orders/1234",
                     "linkPc": "https://www.example.com/orders/1234"},
                    {"type": "DS", "name": "배송 조회"},
                    {"type": "AL", "name": "Open the app", "schemeIos": "example://orders/1234",
                     "schemeAndroid": "example://orders/1234"}
                ],
                "useSmsFailover": true,
                "failoverConfig": {"type": "LMS", "from": "0212345678", "subject": "주문 안내",
                                   "content": "Order 1234 has shipped."}
            }, {
                "to": "01087654321", "title": "1234", "content": "Your code is 1234"
            }]
        })
    );

    assert_eq!(result.request_id, "0-ESA-202611-2514340-0");
    assert_eq!(result.status_name, RequestStatus::Success);
    let first = &result.messages[0];
    assert_eq!(first.request_status_code, "A000");
    assert_eq!(first.request_status_name, RequestStatusName::Success);
    assert_eq!(first.use_sms_failover, Some(true));
}

#[tokio::test]
async fn documented_limits_are_refused_before_anything_is_sent() {
    let (server, client) = setup().await;
    let send = |message: Message| SendMessagesRequest::new("@sample", "T1", vec![message]);
    let base = || Message::new("01012345678", "hi");

    // The header: 0-16 bytes, a Korean character counting 2. Nine of them are 18.
    let (field, reason) = invalid(
        client
            .send_messages(send(base().header_content("가".repeat(9))))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "messages[0].headerContent");
    assert_eq!(reason, "has 18 bytes, more than the maximum of 16");

    // An item list has 2 to 10 items.
    for (n, reason) in [
        (1, "has 1 items, fewer than the minimum of 2"),
        (11, "has 11 items, more than the maximum of 10"),
    ] {
        let (field, got) = invalid(
            client
                .send_messages(send(base().item(ItemList::new(items(n)))))
                .await
                .unwrap_err(),
        );
        assert_eq!(
            (field.as_str(), got.as_str()),
            ("messages[0].item.list", reason)
        );
    }
    // Item names: 6 characters; highlight titles: 30.
    let mut long_item = items(2);
    long_item[1] = Item::new("Seven!!", "x");
    let (field, _) = invalid(
        client
            .send_messages(send(base().item(ItemList::new(long_item))))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "messages[0].item.list[1].title");
    let (field, reason) = invalid(
        client
            .send_messages(send(
                base().item_highlight(ItemHighlight::new("a".repeat(31), "b")),
            ))
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (field.as_str(), reason.as_str()),
        (
            "messages[0].itemHighlight.title",
            "has 31 characters, more than the maximum of 30"
        )
    );

    // Buttons: 5 at most, named in 20 characters.
    let six = vec![Button::new(ButtonType::BotKeyword, "Help"); 6];
    let (field, _) = invalid(
        client
            .send_messages(send(base().buttons(six)))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "messages[0].buttons");
    let (field, _) = invalid(
        client
            .send_messages(send(
                base().buttons([Button::new(ButtonType::MessageDelivery, "x".repeat(21))]),
            ))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "messages[0].buttons[0].name");

    // Failover: subject 40 bytes, content 2000 (LMS).
    let (field, reason) = invalid(
        client
            .send_messages(send(
                base().failover_config(FailoverConfig::new().subject("가".repeat(21))),
            ))
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (field.as_str(), reason.as_str()),
        (
            "messages[0].failoverConfig.subject",
            "has 42 bytes, more than the maximum of 40"
        )
    );

    // 1-100 messages.
    let crowd = SendMessagesRequest::new("@sample", "T1", vec![base(); 101]);
    let (field, reason) = invalid(client.send_messages(crowd).await.unwrap_err());
    assert_eq!(
        (field.as_str(), reason.as_str()),
        ("messages", "has 101 items, more than the maximum of 100")
    );
    let nobody = SendMessagesRequest::new("@sample", "T1", Vec::<Message>::new());
    let (field, _) = invalid(client.send_messages(nobody).await.unwrap_err());
    assert_eq!(field, "messages");

    assert!(server.requests().is_empty(), "nothing over a limit is sent");

    // At the limits, the send goes out: 16 bytes of header, 10 items, 5 buttons.
    server.respond(accepted("0-ESA-1"));
    client
        .send_messages(send(
            base()
                .header_content("가".repeat(8))
                .item(ItemList::new(items(10)))
                .buttons(vec![Button::new(ButtonType::BotKeyword, "x".repeat(20)); 5]),
        ))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_reserved_send_is_queried_and_cancelled() {
    let (server, client) = setup().await;
    server.respond(accepted(RESERVE_ID));
    server.respond(Canned::json(
        200,
        json!({"reserveId": RESERVE_ID, "reserveTimeZone": "Asia/Seoul",
               "reserveTime": "2026-12-24T10:00:00+09:00", "reserveStatus": "READY"}),
    ));
    server.respond(Canned::empty(204));

    let reserved = client
        .send_messages(
            SendMessagesRequest::new(
                "@sample",
                "ORDER_SHIPPED",
                vec![Message::new("01012345678", "Order 1234 ships on 12/24.")],
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
    assert_eq!(status.reserve_status, ReserveStatus::Ready);
    assert_eq!(status.reserve_time, "2026-12-24T10:00:00+09:00");
    let () = client
        .cancel_reservation(CancelReservationRequest::new(reserved.request_id))
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].json()["reserveTime"], "2026-12-24 10:00");
    assert_eq!(requests[0].json()["reserveTimeZone"], "Asia/Seoul");
    // The reference's request examples for both operations.
    assert_eq!(
        (requests[1].method.as_str(), requests[1].target.as_str()),
        (
            "GET",
            &*format!("{BASE}/reservations/{RESERVE_ID}/reserve-status")
        )
    );
    assert_eq!(
        (requests[2].method.as_str(), requests[2].target.as_str()),
        ("DELETE", &*format!("{BASE}/reservations/{RESERVE_ID}"))
    );
    for r in &requests {
        r.assert_signed();
    }
    assert_no_body(&requests[1]);
    assert_no_body(&requests[2]);
}

#[tokio::test]
async fn the_reservation_waiter_polls_until_done() {
    let (server, client) = setup().await;
    for status in ["READY", "PROCESSING", "DONE"] {
        server.respond(Canned::json(
            200,
            json!({"reserveId": RESERVE_ID, "reserveTimeZone": "Asia/Seoul",
                   "reserveTime": "2026-12-24T10:00:00+09:00", "reserveStatus": status}),
        ));
    }
    let quick = WaitOptions::new()
        .min_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5));
    let done = client
        .wait_until_reservation_done(RESERVE_ID, quick)
        .await
        .unwrap();
    assert_eq!(done.reserve_status, ReserveStatus::Done);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn list_messages_refuses_queries_the_reference_rules_out_before_sending() {
    let (server, client) = setup().await;
    let (field, reason) = invalid(
        client
            .list_messages(ListMessagesRequest::new().plus_friend_id("@sample"))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestId");
    assert!(reason.contains("give one of requestId"), "{reason}");
    // A request range of more than 31 days.
    let (field, reason) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .plus_friend_id("@sample")
                    .request_start_time("2026-10-01 00:00:00")
                    .request_end_time("2026-11-01 00:00:01"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestEndTime");
    assert!(reason.contains("more than the 31 days allowed"), "{reason}");
    // A completion range of more than 24 hours.
    let (field, reason) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .plus_friend_id("@sample")
                    .complete_start_time("2026-11-24 00:00:00")
                    .complete_end_time("2026-11-25 00:00:01"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "completeEndTime");
    assert_eq!(
        reason,
        "is 86401 seconds after completeStartTime, more than the 24 hours allowed"
    );
    // Half a range, both ranges, no channel without a request id.
    let (field, _) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .request_id("r")
                    .request_start_time("2026-11-01 00:00:00"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestEndTime");
    let (field, reason) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .plus_friend_id("@sample")
                    .request_start_time("2026-11-01 00:00:00")
                    .request_end_time("2026-11-02 00:00:00")
                    .complete_start_time("2026-11-01 00:00:00")
                    .complete_end_time("2026-11-01 12:00:00"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (field.as_str(), reason.as_str()),
        (
            "completeStartTime",
            "cannot be combined with requestStartTime"
        )
    );
    let (field, _) = invalid(
        client
            .list_messages(
                ListMessagesRequest::new()
                    .request_start_time("2026-11-01 00:00:00")
                    .request_end_time("2026-11-02 00:00:00"),
            )
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "requestId");
    assert!(server.requests().is_empty(), "refused queries are not sent");

    server.respond(Canned::json(
        200,
        json!({"statusCode": "202", "statusName": "success",
               "messages": [{"requestTime": "2026-11-25T10:00:00.123", "messageId": "m-1", "countryCode": "82",
                             "to": "01012345678", "content": "Order 1234 has shipped.", "plusFriendId": "@sample",
                             "templateCode": "ORDER_SHIPPED", "requestStatusCode": "A000",
                             "requestStatusName": "success", "requestStatusDesc": "성공",
                             "messageStatusName": "processing", "useSmsFailover": "true"}],
               "pageSize": 20, "pageIndex": 0, "itemCount": 1, "hasMore": false}),
    ));
    let list = client
        .list_messages(
            ListMessagesRequest::new()
                .plus_friend_id("@sample")
                .complete_start_time("2026-11-25 00:00:00")
                .complete_end_time("2026-11-25 23:59:59")
                .message_status_name(MessageStatusName::Processing)
                .template_code("ORDER_SHIPPED")
                .page_index(0)
                .page_size(20),
        )
        .await
        .unwrap();
    let sent = server.only_request();
    // The documented format has a space; the reference asks for it URL-encoded.
    assert_eq!(
        sent.target,
        format!(
            "{BASE}/messages?plusFriendId=%40sample&completeStartTime=2026-11-25+00%3A00%3A00\
             &completeEndTime=2026-11-25+23%3A59%3A59&messageStatusName=processing\
             &templateCode=ORDER_SHIPPED&pageIndex=0&pageSize=20"
        )
    );
    sent.assert_signed();
    assert_no_body(&sent);
    let message = &list.messages[0];
    assert_eq!(
        message.message_status_name,
        Some(MessageStatusName::Processing)
    );
    assert_eq!(message.message_status_code, None, "absent while processing");
    assert_eq!(message.use_sms_failover, Some(true), "lenient boolean");
    assert_eq!(list.has_more, Some(false));
}

#[tokio::test]
async fn get_message_decodes_the_result_and_its_sms_failover() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({"requestId": "0-ESA-1", "messageId": "aa724ca6-1b2c-4d3e-8f90-66dfc1a700e7",
               "requestTime": "2026-11-25T10:00:00.123", "completeTime": "2026-11-25T10:00:05",
               "plusFriendId": "@sample", "templateCode": "ORDER_SHIPPED", "countryCode": "82",
               "to": "01012345678", "content": "Order 1234 has shipped.", "requestStatusCode": "A000",
               "requestStatusName": "success", "requestStatusDesc": "성공", "messageStatusCode": "3019",
               "messageStatusName": "fail", "messageStatusDesc": "톡 유저가 아님", "useSmsFailover": true,
               "failover": {"smsServiceId": "ncp:sms:kr:123456789012:sens", "requestStatusCode": "0",
                            "requestStatusName": "success", "messageStatus": "COMPLETED",
                            "messageStatusCode": "0"}}),
    ));
    let result = client
        .get_message(GetMessageRequest::new(
            "aa724ca6-1b2c-4d3e-8f90-66dfc1a700e7",
        ))
        .await
        .unwrap();
    let sent = server.only_request();
    // The reference's request example.
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        (
            "GET",
            &*format!("{BASE}/messages/aa724ca6-1b2c-4d3e-8f90-66dfc1a700e7")
        )
    );
    sent.assert_signed();
    assert_no_body(&sent);
    assert_eq!(result.template_code, "ORDER_SHIPPED");
    assert_eq!(result.message_status_name, Some(MessageStatusName::Fail));
    assert_eq!(result.message_status_code.as_deref(), Some("3019"));
    let failover = result.failover.unwrap();
    assert_eq!(
        failover.message_status,
        Some(FailoverMessageStatus::Completed)
    );
    assert_eq!(
        failover.request_status_name,
        Some(RequestStatusName::Success)
    );
}

#[tokio::test]
async fn channels_keep_the_documented_misspelled_status() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!([
            {"createTime": "2025-04-01T09:00:00.000", "updateTime": "2026-10-01T12:00:00.000", "serviceId": SERVICE_ID,
             "channelId": "@sample", "channelName": "Sample Store", "channelStatus": "ACTIVE", "useSmsFailover": true,
             "failoverServiceId": "ncp:sms:kr:123456789012:sens", "failoverTelNo": "0212345678", "isBlock": false},
            {"createTime": "2024-01-01T09:00:00.000", "serviceId": SERVICE_ID, "channelId": "@old",
             "channelName": "Old", "channelStatus": "DELETING_PERMANETLY", "useSmsFailover": false,
             "isBlock": "true", "isDormant": true},
            {"createTime": "2024-01-01T09:00:00.000", "serviceId": SERVICE_ID, "channelId": "@new",
             "channelName": "New", "channelStatus": "SUSPENDED", "useSmsFailover": false, "isBlock": false}
        ]),
    ));
    let channels = client
        .list_channels(ListChannelsRequest::default())
        .await
        .unwrap();
    let sent = server.only_request();
    // The reference's request example: no query.
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("GET", &*format!("{BASE}/channels"))
    );
    sent.assert_signed();
    assert_no_body(&sent);
    assert_eq!(channels.len(), 3);
    assert_eq!(channels[0].channel_status, ChannelStatus::Active);
    assert_eq!(channels[0].failover_tel_no.as_deref(), Some("0212345678"));
    assert_eq!(
        channels[1].channel_status,
        ChannelStatus::DeletingPermanently
    );
    assert_eq!(
        channels[1].channel_status.to_string(),
        "DELETING_PERMANETLY"
    );
    assert!(channels[1].is_block);
    assert_eq!(channels[1].is_dormant, Some(true));
    assert_eq!(
        channels[2].channel_status,
        ChannelStatus::from("SUSPENDED"),
        "an undocumented status is kept"
    );
}

#[tokio::test]
async fn templates_are_listed_by_channel_with_their_details() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!([{"createTime": "2026-03-02T10:00:00.000", "channelId": "@sample", "templateCode": "ORDER_SHIPPED",
                "templateName": "Order shipped", "categoryCode": "004001", "categoryName": "배송상태",
                "messageType": "EX", "emphasizeType": "ITEM_LIST", "content": "Order #{order} has shipped.",
                "comments": [{"commentId": 7, "content": "승인", "status": "APR", "createTime": "2026-03-04T15:30:00.000"}],
                "templateInspectionStatus": "COMPLETE", "templateStatus": "ACTIVE",
                "buttons": [{"order": 1, "type": "DS", "name": "배송 조회"},
                            {"order": 2, "type": "WL", "name": "Order details",
                             "linkMobile": "https://m.example.com/orders", "linkPc": "https://www.example.com/orders"}]}]),
    ));
    server.respond(Canned::json(200, json!([])));
    let templates = client
        .list_templates(ListTemplatesRequest::new("@sample"))
        .await
        .unwrap();
    let filtered = client
        .list_templates(
            ListTemplatesRequest::new("@sample")
                .template_code("ORDER_SHIPPED")
                .template_name("Order")
                .page_size(50)
                .page_index(1),
        )
        .await
        .unwrap();
    assert!(filtered.is_empty());

    let requests = server.requests();
    // The reference's request example: `@` sent as `%40`.
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("GET", &*format!("{BASE}/templates?channelId=%40sample"))
    );
    assert_eq!(
        requests[1].target,
        format!(
            "{BASE}/templates?channelId=%40sample&templateCode=ORDER_SHIPPED&templateName=Order&pageSize=50&pageIndex=1"
        )
    );
    for r in &requests {
        r.assert_signed();
        assert_no_body(r);
    }
    let template = &templates[0];
    assert_eq!(template.message_type, TemplateMessageType::ExtraInfo);
    assert_eq!(
        template.template_inspection_status,
        Some(TemplateInspectionStatus::Complete)
    );
    assert_eq!(template.template_status, Some(TemplateStatus::Active));
    let buttons = template.buttons.as_ref().unwrap();
    assert_eq!(buttons[0].r#type, ButtonType::DeliverySearch);
    assert_eq!(buttons[1].order, Some(2));
    assert_eq!(template.comments.as_ref().unwrap()[0].comment_id, Some(7));

    let (field, _) = invalid(
        client
            .list_templates(ListTemplatesRequest::new("@sample").page_size(101))
            .await
            .unwrap_err(),
    );
    assert_eq!(field, "pageSize");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn sens_errors_keep_their_status_and_message() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        400,
        json!({"status": 400, "errorMessage": "Invalid template", "errors": ["templateCode: not approved"]}),
    ));
    let err = client
        .send_messages(SendMessagesRequest::new(
            "@sample",
            "NOT_APPROVED",
            vec![Message::new("01012345678", "hi")],
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Service(_)), "{err:?}");
    let service = err.as_service().expect("a service error");
    assert_eq!((service.status, service.format), (400, ErrorFormat::Sens));
    assert_eq!(service.message.as_deref(), Some("Invalid template"));
    assert_eq!(service.errors, ["templateCode: not approved"]);
}

#[tokio::test]
async fn the_embedded_gateway_refuses_the_same_limits_and_rules() {
    let gateway = MockGateway::start(&[&SCHEMA]).await;
    let runtime = gateway
        .client_builder()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let client = AlimTalkClient::new(&runtime, SERVICE_ID);
    let unchecked = client.with_options(CallOptions::new().skip_checks(true));
    let send = |message: Message| SendMessagesRequest::new("@sample", "T1", vec![message]);

    // A valid send is answered with the spec's example.
    let sent = client.send_messages(send(full_message())).await.unwrap();
    assert_eq!(sent.status_name, RequestStatus::Success);

    let errors = |err: Error| err.as_service().expect("a service error").errors.clone();
    let err = unchecked
        .send_messages(send(
            Message::new("01012345678", "hi").header_content("가".repeat(9)),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        errors(err),
        ["messages[0].headerContent: 18 bytes, at most 16 allowed"]
    );
    let err = unchecked
        .send_messages(send(
            Message::new("01012345678", "hi").item(ItemList::new(items(1))),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        errors(err),
        ["messages[0].item.list: 1 items, at least 2 required"]
    );
    let err = unchecked
        .send_messages(send(Message::new("01012345678", "hi").buttons(vec![
            Button::new(ButtonType::AddChannel, "채널 추가");
            6
        ])))
        .await
        .unwrap_err();
    assert_eq!(
        errors(err),
        ["messages[0].buttons: 6 items, at most 5 allowed"]
    );
    let err = unchecked
        .list_messages(
            ListMessagesRequest::new()
                .plus_friend_id("@sample")
                .complete_start_time("2026-11-24 00:00:00")
                .complete_end_time("2026-11-25 00:00:01"),
        )
        .await
        .unwrap_err();
    let errors_seen = errors(err);
    assert_eq!(errors_seen.len(), 1);
    assert!(
        errors_seen[0].starts_with(
            "completeEndTime: is 86401 seconds after completeStartTime, more than the"
        ),
        "{errors_seen:?}"
    );
    let err = unchecked
        .list_messages(
            ListMessagesRequest::new()
                .request_id("0-ESA-1")
                .page_size(0),
        )
        .await
        .unwrap_err();
    assert_eq!(errors(err).len(), 1);

    // Every other operation answers its example.
    let list = client
        .list_messages(ListMessagesRequest::new().request_id("0-ESA-1"))
        .await
        .unwrap();
    assert_eq!(list.messages.len(), 1);
    let status = client
        .get_reservation_status(GetReservationStatusRequest::new(RESERVE_ID))
        .await
        .unwrap();
    assert_eq!(status.reserve_status, ReserveStatus::Ready);
    client
        .cancel_reservation(CancelReservationRequest::new(RESERVE_ID))
        .await
        .unwrap();
    let channels = client
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap();
    assert_eq!(channels[0].channel_id, "@sample");
    let templates = client
        .list_templates(ListTemplatesRequest::new("@sample"))
        .await
        .unwrap();
    assert_eq!(templates[0].template_code, "ORDER_SHIPPED");
}
