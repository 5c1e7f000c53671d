//! Error paths against a real local server: every failure is a typed error that keeps what NCP
//! said, nothing panics, nothing is sent twice, and no secret leaks into what can be printed.

// FriendTalk is deprecated (NCP ended the service); its client is still tested as documented.
#![allow(deprecated)]

use ncp_apis::sens_friendtalk::*;
use ncp_runtime::{Error, ErrorFormat};
use ncp_tests::{Canned, SECRET_KEY, TestServer};
use serde_json::json;

async fn setup() -> (TestServer, FriendTalkClient) {
    let server = TestServer::start().await;
    let client = FriendTalkClient::new(&server.client(), "ncp:kkobizmsg:kr:2514340:sample");
    (server, client)
}

fn send_request() -> SendMessagesRequest {
    SendMessagesRequest::new("@sample", vec![Message::new("01012345678", "hello")])
}

fn assert_no_secret(text: &str, signature: Option<&str>) {
    assert!(!text.contains(SECRET_KEY), "secret key leaked: {text}");
    if let Some(signature) = signature {
        assert!(!text.contains(signature), "signature leaked: {text}");
    }
}

#[tokio::test]
async fn gateway_401_keeps_code_message_and_details() {
    let (server, client) = setup().await;
    server.respond(Canned::json(401, json!({"error": {
        "errorCode": "200", "message": "Authentication Failed", "details": "Invalid authentication information."
    }})));
    let err = client
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap_err();
    let service = err.as_service().expect("a service error");
    assert_eq!(service.status, 401);
    assert_eq!(service.format, ErrorFormat::Gateway);
    assert_eq!(service.code.as_deref(), Some("200"));
    assert_eq!(service.message.as_deref(), Some("Authentication Failed"));
    assert_eq!(
        err.to_string(),
        "list_channels: NCP answered HTTP 401, code 200: Authentication Failed (Invalid authentication information.)"
    );
    let signature = server
        .only_request()
        .header("x-ncp-apigw-signature-v2")
        .unwrap()
        .to_owned();
    assert_no_secret(&format!("{err} {err:?}"), Some(&signature));
}

#[tokio::test]
async fn sens_404_is_a_service_error() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        404,
        json!({
            "status": 404, "errorMessage": "Not Found", "errors": ["messageId m-404 does not exist"]
        }),
    ));
    let err = client
        .get_message(GetMessageRequest::new("m-404"))
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!((service.status, service.format), (404, ErrorFormat::Sens));
    assert_eq!(service.errors, ["messageId m-404 does not exist"]);
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn html_500_keeps_the_raw_body_and_a_send_is_not_repeated() {
    let (server, client) = setup().await;
    let page =
        "<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>";
    server.respond(Canned::raw(500, "text/html", page));
    let err = client.send_messages(send_request()).await.unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.status, service.format),
        (500, ErrorFormat::NotJson)
    );
    assert_eq!(service.body, page);
    assert_eq!(server.requests().len(), 1, "a send is sent exactly once");
}

#[tokio::test]
async fn gateway_503_on_a_send_is_seen_exactly_once() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        503,
        json!({"error": {"errorCode": "500", "message": "Endpoint Error"}}),
    ));
    let err = client.send_messages(send_request()).await.unwrap_err();
    assert_eq!(err.as_service().unwrap().code.as_deref(), Some("500"));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn invalid_json_truncated_json_and_empty_bodies_are_decode_errors() {
    let (server, client) = setup().await;
    server.respond(Canned::raw(200, "application/json", "{not json"));
    server.respond(Canned::raw(
        200,
        "application/json",
        r#"{"imageId":"img-1","imageName":"a.p"#,
    ));
    server.respond(Canned::empty(200));
    server.respond(Canned::raw(
        200,
        "application/json",
        vec![b'"', 0xff, 0xfe, b'"'],
    ));
    for _ in 0..4 {
        let err = client
            .get_image(GetImageRequest::new("img-1"))
            .await
            .unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("expected a decode error, got {err:?}")
        };
        assert_eq!(decode.status, 200);
        assert_eq!(decode.operation, "get_image");
    }
    let err = {
        server.respond(Canned::empty(200));
        client
            .get_image(GetImageRequest::new("img-1"))
            .await
            .unwrap_err()
    };
    assert!(
        err.to_string().contains("the body is empty; expected JSON"),
        "{err}"
    );
}

#[tokio::test]
async fn a_wrong_field_type_names_the_field() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!({
        "items": [{"imageId": "img-1", "imageName": "a.png", "imageUrl": "u", "isWide": "sometimes", "createTime": "t"}],
        "pageIndex": 0, "pageSize": 20, "itemCount": 1, "totalCount": 1
    })));
    let err = client
        .list_images(ListImagesRequest::new())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "items[0].isWide");
    assert!(
        err.to_string()
            .starts_with("list_images: cannot decode the HTTP 200 response at `items[0].isWide`"),
        "{err}"
    );
}

#[tokio::test]
async fn a_missing_required_field_names_the_field() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({
            "reserveId": "R-1", "reserveTime": "2023-11-20 10:30", "reserveTimeZone": "Asia/Seoul"
        }),
    ));
    let err = client
        .get_reservation_status(GetReservationStatusRequest::new("R-1"))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("missing field `reserveStatus`"),
        "{err}"
    );
}

#[tokio::test]
async fn a_response_over_the_cap_is_refused() {
    let server = TestServer::start().await;
    let runtime = ncp_runtime::Client::builder()
        .credentials(ncp_runtime::Credentials::new(ncp_tests::ACCESS_KEY, SECRET_KEY).unwrap())
        .endpoint_override(ncp_runtime::Origin::insecure_http(&server.origin()).unwrap())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let client = FriendTalkClient::new(&runtime, "svc");
    server.respond(Canned::raw(200, "application/json", vec![b' '; 4096]));
    let err = client
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1024, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let server = TestServer::start().await;
    let runtime = server.client();
    drop(server);
    let client = FriendTalkClient::new(&runtime, "svc");
    let err = client
        .list_channels(ListChannelsRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_no_secret(&format!("{err} {err:?} {runtime:?} {client:?}"), None);
}
