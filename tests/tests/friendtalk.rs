//! Every SENS FriendTalk v2 endpoint against a real HTTP server on 127.0.0.1: method, path,
//! query, headers, the recomputed signature and the body on the way out; a realistic body, built
//! from the reference's field tables, decoded on the way back.

// FriendTalk is deprecated (NCP ended the service); its client is still tested as documented.
#![allow(deprecated)]

use ncp_apis::sens_friendtalk::*;
use ncp_runtime::FilePart;
use ncp_tests::{Canned, TestServer};
use serde_json::json;

const SERVICE_ID: &str = "ncp:kkobizmsg:kr:2514340:sample";
const BASE: &str = "/friendtalk/v2/services/ncp:kkobizmsg:kr:2514340:sample";

async fn setup() -> (TestServer, FriendTalkClient) {
    let server = TestServer::start().await;
    let client = FriendTalkClient::new(&server.client(), SERVICE_ID);
    (server, client)
}

fn assert_no_body(request: &ncp_tests::Recorded) {
    assert!(
        request.body.is_empty(),
        "unexpected body {:?}",
        request.body
    );
    assert_eq!(request.header("content-type"), None);
}

#[tokio::test]
async fn send_messages_posts_the_documented_json_and_decodes_the_202() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        202,
        json!({
            "requestId": "0-ESA-202311-1234567-0",
            "requestTime": "2023-11-15T10:00:00.123",
            "statusCode": "202",
            "statusName": "success",
            "messages": [{
                "messageId": "d4e3e6a9-0000-4c4b-9f1f-8f3e1a2b3c4d",
                "countryCode": "82",
                "to": "01012345678",
                "content": "新商品のお知らせ",
                "requestStatusCode": "A000",
                "requestStatusName": "success",
                "requestStatusDesc": "성공",
                "useSmsFailover": true
            }]
        }),
    ));
    let message = Message::new("01012345678", "新商品のお知らせ")
        .is_ad(false)
        .country_code("82")
        .buttons([
            Button::new(ButtonType::WebLink, "詳しく見る")
                .link_mobile("https://m.example.com/new")
                .link_pc("https://www.example.com/new"),
            Button::new(ButtonType::AppLink, "アプリで開く")
                .scheme_ios("example://new")
                .scheme_android("example://new"),
        ])
        .image(MessageImage::new(
            "img-20231115-01",
            "https://www.example.com/new",
        ))
        .use_sms_failover(true)
        .failover_config(
            FailoverConfig::new()
                .r#type(FailoverType::Lms)
                .from("0212345678")
                .subject("お知らせ")
                .content("新商品が入荷しました"),
        );
    let request = SendMessagesRequest::new("@sample", vec![message])
        .reserve_time("2023-11-20 10:30")
        .reserve_time_zone("Asia/Tokyo");
    let response = client.send_messages(request).await.unwrap();

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
            "messages": [{
                "isAd": false,
                "countryCode": "82",
                "to": "01012345678",
                "content": "新商品のお知らせ",
                "buttons": [
                    {"type": "WL", "name": "詳しく見る", "linkMobile": "https://m.example.com/new", "linkPc": "https://www.example.com/new"},
                    {"type": "AL", "name": "アプリで開く", "schemeIos": "example://new", "schemeAndroid": "example://new"}
                ],
                "image": {"imageId": "img-20231115-01", "imageLink": "https://www.example.com/new"},
                "useSmsFailover": true,
                "failoverConfig": {"type": "LMS", "from": "0212345678", "subject": "お知らせ", "content": "新商品が入荷しました"}
            }],
            "reserveTime": "2023-11-20 10:30",
            "reserveTimeZone": "Asia/Tokyo"
        })
    );

    assert_eq!(response.request_id, "0-ESA-202311-1234567-0");
    assert_eq!(response.status_name, RequestStatus::Success);
    assert_eq!(
        response.messages[0].request_status_name,
        RequestStatusName::Success
    );
    assert!(response.messages[0].use_sms_failover);
    assert_eq!(response.messages[0].country_code.as_deref(), Some("82"));
}

#[tokio::test]
async fn send_messages_leaves_unset_optional_fields_out() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        202,
        json!({
            "requestId": "r", "requestTime": "2023-11-15T10:00:00.123", "statusCode": "202",
            "statusName": "processing", "messages": []
        }),
    ));
    let request = SendMessagesRequest::new("@sample", vec![Message::new("01012345678", "hi")]);
    client.send_messages(request).await.unwrap();
    assert_eq!(
        server.only_request().json(),
        json!({"plusFriendId": "@sample", "messages": [{"to": "01012345678", "content": "hi"}]})
    );
}

#[tokio::test]
async fn get_send_request_sends_every_query_parameter_in_spec_order() {
    let (server, client) = setup().await;
    // Every parameter at once breaks the reference's rules (the two time ranges exclude each
    // other), which the client checks: skipped here to see the whole query on the wire.
    let client = client.with_options(ncp_runtime::CallOptions::new().skip_checks(true));
    server.respond(Canned::json(
        200,
        json!({
            "statusCode": "202",
            "statusName": "success",
            "messages": [{
                "requestTime": "2023-11-01T09:00:00.000",
                "messageId": "m-1",
                "countryCode": "82",
                "to": "01012345678",
                "content": "hello",
                "plusFriendId": "@sample",
                "completeTime": "2023-11-01T09:00:03",
                "requestStatusCode": "A000",
                "requestStatusName": "success",
                "requestStatusDesc": "성공",
                "messageStatusCode": "0000",
                "messageStatusName": "success",
                "messageStatusDesc": "정상 발송",
                "isWide": false,
                "isAd": true,
                "useSmsFailover": true,
                "failover": {
                    "smsServiceId": "ncp:sms:kr:2514340:sample",
                    "requestId": "SMS-REQ-1",
                    "messageId": "SMS-MSG-1",
                    "requestStatusCode": "0",
                    "requestStatusName": "success",
                    "requestStatusDesc": "success",
                    "messageStatus": "COMPLETED",
                    "messageStatusCode": "0",
                    "messageStatusName": "success",
                    "messageStatusDesc": "성공"
                }
            }, {
                "requestTime": "2023-11-01T09:01:00.000",
                "messageId": "m-2",
                "to": "01099998888",
                "content": "hello",
                "plusFriendId": "@sample",
                "requestStatusCode": "A000",
                "requestStatusName": "success",
                "requestStatusDesc": "성공",
                "messageStatusName": "processing",
                "isWide": "false",
                "isAd": "true",
                "useSmsFailover": false,
                "someFieldAddedLater": {"x": 1}
            }],
            "pageSize": 100,
            "pageIndex": "0",
            "itemCount": 2,
            "hasMore": false
        }),
    ));
    let request = GetSendRequestRequest::new()
        .request_id("0-ESA-202311-1234567-0")
        .plus_friend_id("@sample")
        .request_start_time("2023-11-01T00:00:00")
        .request_end_time("2023-11-02T00:00:00")
        .complete_start_time("2023-11-01T00:00:00")
        .complete_end_time("2023-11-01T23:00:00")
        .message_id("m-1")
        .request_status_name(RequestStatusName::Success)
        .message_status_name(MessageStatusName::Processing)
        .to("01012345678")
        .page_index(0)
        .page_size(100);
    let result = client.get_send_request(request).await.unwrap();

    let sent = server.only_request();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.path(), format!("{BASE}/messages"));
    assert_eq!(
        sent.query(),
        "requestId=0-ESA-202311-1234567-0&plusFriendId=%40sample\
         &requestStartTime=2023-11-01T00%3A00%3A00&requestEndTime=2023-11-02T00%3A00%3A00\
         &completeStartTime=2023-11-01T00%3A00%3A00&completeEndTime=2023-11-01T23%3A00%3A00\
         &messageId=m-1&requestStatusName=success&messageStatusName=processing&to=01012345678\
         &pageIndex=0&pageSize=100"
    );
    sent.assert_signed();
    assert_no_body(&sent);

    assert_eq!(result.request_id, None, "absent optional field");
    assert_eq!(result.messages.len(), 2);
    let first = &result.messages[0];
    let failover = first.failover.as_ref().unwrap();
    assert_eq!(
        failover.message_status,
        Some(FailoverMessageStatus::Completed)
    );
    assert_eq!(
        failover.sms_service_id.as_deref(),
        Some("ncp:sms:kr:2514340:sample")
    );
    let second = &result.messages[1];
    assert_eq!(second.message_status_name, MessageStatusName::Processing);
    assert_eq!(second.message_status_code, None);
    assert!(
        !second.is_wide && second.is_ad,
        "booleans sent as strings decode"
    );
    assert_eq!(
        (result.page_size, result.page_index, result.item_count),
        (100, 0, 2)
    );
    assert!(!result.has_more);
}

#[tokio::test]
async fn get_send_request_matches_the_signature_vector_target() {
    // The query of vector 4 of shared/signature-v2-vectors.json, produced by the generated client.
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "statusCode": "202", "statusName": "success", "messages": [],
            "pageSize": 100, "pageIndex": 0, "itemCount": 0, "hasMore": false
        }),
    ));
    let request = GetSendRequestRequest::new()
        .plus_friend_id("@sample")
        .request_start_time("2023-11-01T00:00:00")
        .request_end_time("2023-11-02T00:00:00")
        .page_index(0)
        .page_size(100);
    client.get_send_request(request).await.unwrap();
    let sent = server.only_request();
    assert_eq!(
        sent.target,
        "/friendtalk/v2/services/ncp:kkobizmsg:kr:2514340:sample/messages?plusFriendId=%40sample&requestStartTime=2023-11-01T00%3A00%3A00&requestEndTime=2023-11-02T00%3A00%3A00&pageIndex=0&pageSize=100"
    );
    sent.assert_signed();
}

#[tokio::test]
async fn get_message_decodes_a_full_result_and_keeps_unknown_enum_values() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "messageId": "m-1",
            "requestId": "0-ESA-202311-1234567-0",
            "requestTime": "2023-11-15T10:00:00.123",
            "completeTime": "2023-11-15T10:00:02",
            "plusFriendId": "@sample",
            "countryCode": "82",
            "to": "01012345678",
            "content": "新商品のお知らせ",
            "requestStatusCode": "A000",
            "requestStatusName": "success",
            "requestStatusDesc": "성공",
            "messageStatusCode": "3022",
            "messageStatusName": "fail",
            "messageStatusDesc": "NoSendAvailableTimeException",
            "isWide": true,
            "isAd": false,
            "imageId": "img-1",
            "imageName": "new.png",
            "imageUrl": "https://mud-kage.kakao.com/img-1.png",
            "imageLink": "https://www.example.com/new",
            "useSmsFailover": true,
            "failover": {
                "requestStatusCode": "E4009",
                "requestStatusName": "fail",
                "messageStatus": "SOMETHING_NEW"
            }
        }),
    ));
    let result = client
        .get_message(GetMessageRequest::new("m-1"))
        .await
        .unwrap();
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("GET", &*format!("{BASE}/messages/m-1"))
    );
    sent.assert_signed();
    assert_no_body(&sent);
    assert_eq!(result.message_status_name, MessageStatusName::Fail);
    assert_eq!(result.message_status_code.as_deref(), Some("3022"));
    assert!(result.is_wide);
    assert_eq!(
        result.image_url.as_deref(),
        Some("https://mud-kage.kakao.com/img-1.png")
    );
    let failover = result.failover.unwrap();
    assert_eq!(
        failover.message_status,
        Some(FailoverMessageStatus::from("SOMETHING_NEW"))
    );
    assert_eq!(failover.request_status_code.as_deref(), Some("E4009"));
}

#[tokio::test]
async fn reservation_status_and_cancel() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "reserveId": "R-20231115-0001",
            "reserveTimeZone": "Asia/Seoul",
            "reserveTime": "2023-11-20 10:30",
            "reserveStatus": "READY"
        }),
    ));
    server.respond(Canned::empty(204));
    let status = client
        .get_reservation_status(GetReservationStatusRequest::new("R-20231115-0001"))
        .await
        .unwrap();
    assert_eq!(status.reserve_status, ReserveStatus::Ready);
    assert_eq!(status.reserve_time, "2023-11-20 10:30");
    let () = client
        .cancel_reservation(CancelReservationRequest::new("R-20231115-0001"))
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].target,
        format!("{BASE}/reservations/R-20231115-0001/reserve-status")
    );
    assert_eq!(requests[1].method, "DELETE");
    // Vector 5 of shared/signature-v2-vectors.json has this target.
    assert_eq!(
        requests[1].target,
        format!("{BASE}/reservations/R-20231115-0001")
    );
    for r in &requests {
        r.assert_signed();
        assert_no_body(r);
    }
}

#[tokio::test]
async fn list_channels_decodes_a_top_level_array() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!([
            {
                "createTime": "2023-01-10T12:00:00",
                "updateTime": "2023-06-01T08:30:00",
                "serviceId": SERVICE_ID,
                "channelId": "@sample",
                "channelName": "サンプル",
                "channelStatus": "ACTIVE",
                "useSmsFailover": true
            },
            {
                "createTime": "2022-05-01T00:00:00",
                "serviceId": SERVICE_ID,
                "channelId": "@old",
                "channelName": "旧チャンネル",
                "channelStatus": "PENDING_DELETE",
                "useSmsFailover": false,
                "isDormant": false
            }
        ]),
    ));
    let channels = client
        .list_channels(ListChannelsRequest::new().page_size(50).page_index(1))
        .await
        .unwrap();
    let sent = server.only_request();
    assert_eq!(
        sent.target,
        format!("{BASE}/channels?pageSize=50&pageIndex=1")
    );
    sent.assert_signed();
    assert_eq!(channels.len(), 2);
    assert_eq!(channels[0].channel_status, ChannelStatus::Active);
    assert_eq!(
        channels[0].update_time.as_deref(),
        Some("2023-06-01T08:30:00")
    );
    assert_eq!(channels[1].channel_status, ChannelStatus::PendingDelete);
    assert_eq!(channels[1].update_time, None);
}

#[tokio::test]
async fn list_channels_without_paging_sends_no_query() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!([])));
    assert!(
        client
            .list_channels(ListChannelsRequest::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(server.only_request().target, format!("{BASE}/channels"));
}

#[tokio::test]
async fn upload_image_sends_multipart_form_data() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "imageId": "img-20231115-01",
            "imageName": "wide.png",
            "imageUrl": "https://mud-kage.kakao.com/wide.png",
            "isWide": true,
            "createTime": "2023-11-15T10:00:00.000"
        }),
    ));
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
        .iter()
        .copied()
        .chain((0..=255u8).cycle().take(4096))
        .collect();
    let request = UploadImageRequest::new("@sample", FilePart::from_bytes("wide.png", png.clone()))
        .is_wide(true);
    let image = client.upload_image(request).await.unwrap();
    assert!(image.is_wide);
    assert_eq!(image.image_id, "img-20231115-01");

    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("POST", &*format!("{BASE}/images"))
    );
    sent.assert_signed();
    let content_type = sent.header("content-type").unwrap().to_owned();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let boundary = multer::parse_boundary(&content_type).unwrap();
    let body = sent.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field.name().unwrap().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let ct = field.content_type().map(|m| m.to_string());
        let data = field.bytes().await.unwrap();
        parts.push((name, file_name, ct, data));
    }
    assert_eq!(parts.len(), 3);
    assert_eq!(
        (parts[0].0.as_str(), &*parts[0].3),
        ("plusFriendId", &b"@sample"[..])
    );
    assert_eq!(parts[1].0, "imageFile");
    assert_eq!(parts[1].1.as_deref(), Some("wide.png"));
    assert_eq!(parts[1].2.as_deref(), Some("image/png"));
    assert_eq!(&*parts[1].3, &png[..]);
    assert_eq!(
        (parts[2].0.as_str(), &*parts[2].3),
        ("isWide", &b"true"[..])
    );
}

#[tokio::test]
async fn upload_image_reads_a_file_from_disk() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "imageId": "img-2", "imageName": "logo.jpg", "imageUrl": "https://x/logo.jpg",
            "isWide": "false", "createTime": "2023-11-15T10:00:00.000"
        }),
    ));
    let path = std::env::temp_dir().join(format!("ncp-rs-upload-{}.jpg", std::process::id()));
    std::fs::write(&path, b"\xff\xd8\xff\xe0jpeg-bytes").unwrap();
    let file = FilePart::from_path(&path).await.unwrap();
    std::fs::remove_file(&path).unwrap();
    let image = client
        .upload_image(UploadImageRequest::new("@sample", file))
        .await
        .unwrap();
    assert!(!image.is_wide);
    let body = server.only_request().body;
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("filename=\"ncp-rs-upload-"), "{text}");
    assert!(text.contains("Content-Type: image/jpeg"), "{text}");
    assert!(
        !text.contains("isWide"),
        "unset optional parts are left out: {text}"
    );
}

#[tokio::test]
async fn list_get_and_delete_images() {
    let (server, client) = setup().await;
    let image = json!({
        "imageId": "img-1", "imageName": "a.png", "imageUrl": "https://mud-kage.kakao.com/a.png",
        "isWide": false, "createTime": "2023-11-15T10:00:00.000"
    });
    server.respond(Canned::json(200, json!({
        "items": [image.clone(), {
            "imageId": "img-2", "imageName": "b.png", "imageUrl": "https://mud-kage.kakao.com/b.png",
            "isWide": true, "createTime": "2023-11-16T10:00:00.000"
        }],
        "pageIndex": 0, "pageSize": 20, "itemCount": 2, "totalCount": 42,
        "hasPrevious": false, "hasNext": true
    })));
    server.respond(Canned::json(200, image));
    server.respond(Canned::empty(204));

    let list = client
        .list_images(ListImagesRequest::new().page_index(0).page_size(20))
        .await
        .unwrap();
    assert_eq!(
        (list.items.len(), list.total_count, list.item_count),
        (2, 42, 2)
    );
    assert!(list.items[1].is_wide);
    let one = client
        .get_image(GetImageRequest::new("img-1"))
        .await
        .unwrap();
    assert_eq!(one.image_name, "a.png");
    client
        .delete_image(DeleteImageRequest::new("img-1"))
        .await
        .unwrap();

    let requests = server.requests();
    let lines: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("GET", &*format!("{BASE}/images?pageIndex=0&pageSize=20")),
            ("GET", &*format!("{BASE}/images/img-1")),
            ("DELETE", &*format!("{BASE}/images/img-1")),
        ]
    );
    for r in &requests {
        r.assert_signed();
        assert_no_body(r);
    }
}

#[tokio::test]
async fn path_parameters_are_encoded_and_empty_ones_refused() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!({
        "imageId": "a b/c", "imageName": "x", "imageUrl": "u", "isWide": false, "createTime": "t"
    })));
    client
        .get_image(GetImageRequest::new("a b/c"))
        .await
        .unwrap();
    let sent = server.only_request();
    assert_eq!(sent.target, format!("{BASE}/images/a%20b%2Fc"));
    sent.assert_signed();

    let err = client
        .delete_image(DeleteImageRequest::new(""))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ncp_runtime::Error::InvalidRequest { ref field, .. } if field == "imageId"),
        "{err}"
    );
    let no_service = FriendTalkClient::new(client.runtime(), "");
    let err = no_service
        .list_images(ListImagesRequest::new())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`serviceId` is empty"), "{err}");
    assert_eq!(
        server.requests().len(),
        1,
        "refused requests are never sent"
    );
}
