//! The secret key and the signatures never appear in what can be printed: Debug of the clients
//! and credentials, Display and Debug of every error (with their sources), and the tracing output
//! of failing, retried calls.

#![allow(deprecated)]

use std::time::Duration;

use ncp_apis::sens_friendtalk::*;
use ncp_runtime::mock::{
    Fault, MOCK_ACCESS_KEY as ACCESS_KEY, MOCK_SECRET_KEY as SECRET_KEY, MockGateway,
};
use ncp_runtime::{Credentials, RetryPolicy};
use ncp_tests::Captured;

fn describe(error: &ncp_runtime::Error) -> String {
    let mut text = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        text.push_str(&format!("{s}\n{s:?}\n"));
        source = s.source();
    }
    text
}

#[tokio::test(flavor = "current_thread")]
async fn no_secret_or_signature_in_debug_errors_or_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockGateway::start(&[&SCHEMA]).await;
    let faults = [
        Fault::gateway_error(401, "200", "Authentication Failed"),
        Fault::gateway_error(503, "500", "Endpoint Error"),
        Fault::gateway_error(503, "500", "Endpoint Error"),
        Fault::gateway_error(503, "500", "Endpoint Error"),
        Fault::raw(200, "application/json", "{\"broken\""),
        Fault::ResetAfterRead,
        Fault::ResetAfterRead,
        Fault::ResetAfterRead,
    ];
    for fault in faults {
        server.fault("list_channels", fault);
    }
    let runtime = server
        .client_builder()
        .retry_policy(
            RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let client = FriendTalkClient::new(&runtime, "ncp:kkobizmsg:kr:2514340:sample");
    let mut errors = Vec::new();
    for _ in 0..4 {
        errors.push(
            client
                .list_channels(ListChannelsRequest::new())
                .await
                .unwrap_err(),
        );
    }
    let dead = MockGateway::start(&[&SCHEMA]).await;
    let unreachable = dead
        .client_builder()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    drop(dead);
    errors.push(
        FriendTalkClient::new(&unreachable, "svc")
            .list_channels(ListChannelsRequest::new())
            .await
            .unwrap_err(),
    );
    errors.push(
        ncp_runtime::Credentials::new("", SECRET_KEY)
            .unwrap_err()
            .into(),
    );
    errors.push(
        ncp_runtime::Credentials::from_lookup(|name| match name {
            "NCLOUD_ACCESS_KEY" => Some(ACCESS_KEY.into()),
            "NCLOUD_SECRET_KEY" => Some(SECRET_KEY.into()),
            "NCLOUD_SECRET_ACCESS_KEY" => Some(format!("{SECRET_KEY}-other")),
            _ => None,
        })
        .unwrap_err()
        .into(),
    );

    let signatures: Vec<String> = server
        .requests()
        .iter()
        .map(|s| s.header("x-ncp-apigw-signature-v2").unwrap().to_owned())
        .collect();
    assert!(signatures.len() >= 5, "{signatures:?}");

    let mut printed = format!(
        "{runtime:?}\n{runtime:#?}\n{client:?}\n{:?}\n{:?}\n",
        Credentials::new(ACCESS_KEY, SECRET_KEY).unwrap(),
        runtime.credentials()
    );
    for error in &errors {
        printed.push_str(&describe(error));
    }
    let traces = captured.text();
    assert!(
        traces.contains("retrying"),
        "the retries were traced:\n{traces}"
    );
    assert!(
        printed.contains(ACCESS_KEY),
        "the access key is not secret and helps debugging"
    );
    for text in [&printed, &traces] {
        assert!(!text.contains(SECRET_KEY), "secret key leaked:\n{text}");
        for signature in &signatures {
            assert!(
                !text.contains(signature.as_str()),
                "signature {signature} leaked:\n{text}"
            );
        }
    }
}

/// A private key NCP hands out (`secret = true` in the spec) stays out of errors too: when such an
/// answer fails to decode, the error keeps where and why, not the body.
#[tokio::test]
async fn a_secret_in_an_answer_that_fails_to_decode_is_not_kept() {
    use ncp_apis::vserver::{CreateLoginKeyRequest, SCHEMA as VSERVER, VserverClient};
    const PRIVATE_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA";
    let server = MockGateway::start(&[&VSERVER]).await;
    // keyName is an object where a string is documented: the decode fails, with the private key
    // already in the body.
    let body = serde_json::json!({"createLoginKeyResponse": {
        "requestId": "r-1", "returnCode": "0", "returnMessage": "success",
        "privateKey": PRIVATE_KEY, "keyName": {"unexpected": true},
    }});
    server.fault(
        "create_login_key",
        Fault::raw(200, "application/json", body.to_string()),
    );
    let client = VserverClient::new(&server.client());
    let error = client
        .create_login_key(CreateLoginKeyRequest::new("my-key"))
        .await
        .unwrap_err();
    let ncp_runtime::Error::Decode(decode) = &error else {
        panic!("expected a decode error: {error:?}");
    };
    assert_eq!(decode.path, "createLoginKeyResponse.keyName");
    let printed = describe(&error);
    assert!(
        !printed.contains(PRIVATE_KEY),
        "private key leaked:\n{printed}"
    );
    assert!(!decode.body.contains(PRIVATE_KEY));
}
