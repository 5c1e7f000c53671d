//! Secret inputs (a login key's private key, a CIFS password) never travel in a URL: an
//! action-style operation that takes one is sent as POST with its parameters in a form body, which
//! NCP's gateway accepts and whose signature covers the path only; `Debug` of the request, the
//! tracing output and errors never show the secret.

use ncp_apis::{vnas, vserver};
use ncp_runtime::mock::MockGateway;
use ncp_tests::{Canned, Captured, TestServer};
use serde_json::json;

const PEM: &str =
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0s3cr3t\n-----END RSA PRIVATE KEY-----";

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

#[tokio::test]
async fn a_private_key_goes_in_a_signed_form_body_not_in_the_url() {
    let server = TestServer::start().await;
    server.respond(Canned::json(
        200,
        json!({"getRootPasswordResponse": {"requestId": "r", "returnCode": "0", "returnMessage": "success",
               "totalRows": 1, "rootPassword": "p@ssw0rd"}}),
    ));
    let client = vserver::VserverClient::new(&server.client());
    let request = vserver::GetRootPasswordRequest::new("1234567", PEM).region_code("KR");
    assert!(
        !format!("{request:?}").contains("s3cr3t"),
        "Debug shows no secret"
    );
    let answer = client.get_root_password(request).await.unwrap();
    assert_eq!(answer.root_password.as_ref().unwrap().expose(), "p@ssw0rd");

    let sent = server.only_request();
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.target, "/vserver/v2/getRootPassword",
        "no query at all"
    );
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // Signed over the path alone, as NCP's gateway checks a form POST.
    sent.assert_signed();
    assert_eq!(
        form_pairs(&sent.body),
        [
            ("regionCode".to_owned(), "KR".to_owned()),
            ("serverInstanceNo".to_owned(), "1234567".to_owned()),
            ("privateKey".to_owned(), PEM.to_owned()),
            ("responseFormatType".to_owned(), "json".to_owned()),
        ]
    );
}

#[tokio::test]
async fn secrets_inside_flattened_lists_move_the_whole_request_to_the_body() {
    let server = TestServer::start().await;
    server.respond(Canned::json(
        200,
        json!({"getRootPasswordServerInstanceListResponse": {"requestId": "r", "returnCode": "0",
               "returnMessage": "success", "totalRows": 0, "rootPasswordServerInstanceList": []}}),
    ));
    let client = vserver::VserverClient::new(&server.client());
    let servers = vec![vserver::RootPasswordServerInstanceParameter::new("1").private_key(PEM)];
    client
        .get_root_password_server_instance_list(
            vserver::GetRootPasswordServerInstanceListRequest::new(servers),
        )
        .await
        .unwrap();
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("POST", "/vserver/v2/getRootPasswordServerInstanceList")
    );
    let pairs = form_pairs(&sent.body);
    assert!(pairs.contains(&(
        "rootPasswordServerInstanceList.1.privateKey".to_owned(),
        PEM.to_owned()
    )));
}

#[tokio::test(flavor = "current_thread")]
async fn the_embedded_gateway_takes_the_form_and_nothing_prints_the_password() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let gateway = MockGateway::start(&[&vnas::SCHEMA]).await;
    let client = vnas::VnasClient::new(&gateway.client());
    let create = || {
        vnas::CreateNasVolumeInstanceRequest::new(500, vnas::VolumeAllotmentProtocolTypeCode::Cifs)
            .cifs_user_name("winuser01")
            .cifs_user_password("Pw!secret42")
    };
    client.create_nas_volume_instance(create()).await.unwrap();
    let served = &gateway.requests_for("create_nas_volume_instance")[0];
    assert_eq!(served.method, "POST");
    assert_eq!(served.target, "/vnas/v2/createNasVolumeInstance");
    assert!(
        form_pairs(&served.body)
            .contains(&("cifsUserPassword".to_owned(), "Pw!secret42".to_owned()))
    );

    // A failing call: its error and the traces of the attempt show no password.
    gateway.fault(
        "create_nas_volume_instance",
        ncp_runtime::mock::Fault::gateway_error(401, "200", "Authentication Failed"),
    );
    let error = client
        .create_nas_volume_instance(create())
        .await
        .unwrap_err();
    let text = format!("{error}\n{error:?}\n{:?}", create());
    let traces = captured.text();
    for printed in [&text, &traces] {
        assert!(!printed.contains("Pw!secret42"), "{printed}");
    }
    assert!(
        traces.contains("create_nas_volume_instance"),
        "the traces name the call"
    );
}
