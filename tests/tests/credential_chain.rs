//! The default credentials chain of `Client::from_env()`: the environment, then the profile file,
//! then the server role, against an embedded gateway and a metadata stand-in, both on 127.0.0.1.
//!
//! These tests change the process environment, so they live in their own test binary and take a
//! lock. Every environment they set disables the server role or points it at 127.0.0.1, and this
//! crate's build of ncp-runtime (feature `metadata-loopback-only`) refuses any other origin:
//! `a_default_chain_in_this_build_refuses_any_metadata_origin_but_loopback` proves it.

use std::path::PathBuf;

use ncp_apis::vpc;
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{Client, Credentials, CredentialsError, Error};
use ncp_tests::{Canned, TestServer};

static ENV: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Every variable the chain and the endpoint read.
const VARS: [&str; 9] = [
    "NCLOUD_ACCESS_KEY",
    "NCLOUD_ACCESS_KEY_ID",
    "NCLOUD_SECRET_KEY",
    "NCLOUD_SECRET_ACCESS_KEY",
    "NCLOUD_PROFILE",
    "NCLOUD_API_GW",
    "NCLOUD_SITE",
    "NCLOUD_METADATA_API_ENDPOINT",
    "NCLOUD_METADATA_DISABLED",
];

const ROLE_KEY: &str = "ncp_iam_BPASKR-RoleAccessKey";
const ROLE_SECRET: &str = "RoleSecretKey-DoNotLeak";
const FILE_KEY: &str = "ncp_iam_BPAMKR-FileAccessKey";

/// Clears every NCP variable, disables the server role, points `HOME` at a fresh directory holding
/// `configure` when given, then sets `pairs` (which may turn the server role back on, aimed at
/// 127.0.0.1). Call with the `ENV` lock held.
fn set_env(pairs: &[(&str, &str)], configure: Option<&str>) -> PathBuf {
    let home = std::env::temp_dir().join(format!(
        "ncp-rs-chain-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(home.join(".ncloud")).unwrap();
    if let Some(text) = configure {
        std::fs::write(home.join(".ncloud").join("configure"), text).unwrap();
    }
    // SAFETY: every test of this binary holds `ENV` while it reads or writes the environment.
    unsafe {
        for var in VARS {
            std::env::remove_var(var);
        }
        std::env::set_var("HOME", &home);
        std::env::set_var("NCLOUD_METADATA_DISABLED", "true");
        for (name, value) in pairs {
            std::env::set_var(name, value);
        }
    }
    home
}

/// A gateway on 127.0.0.1 that accepts `access`/`secret`.
async fn gateway(access: &str, secret: &str) -> MockGateway {
    MockGateway::builder()
        .product(&vpc::SCHEMA)
        .credentials(access, secret)
        .start()
        .await
}

async fn list_vpcs(client: &Client) -> Result<(), Error> {
    vpc::VpcClient::new(client)
        .get_vpc_list(vpc::GetVpcListRequest::new())
        .await
        .map(|_| ())
}

/// Scripts the stand-in to name a role, then issue the role's key.
fn issue_role_key(metadata: &TestServer) {
    metadata.respond(Canned::raw(200, "text/plain", "role-1"));
    metadata.respond(Canned::json(
        200,
        serde_json::json!({
            "Code": "Success",
            "AccessKeyId": ROLE_KEY,
            "SecretAccessKey": ROLE_SECRET,
            "Expiration": "2099-01-01T00:00:00Z",
        }),
    ));
}

#[tokio::test]
async fn the_environment_and_the_profile_come_before_the_server_role() {
    let _env = ENV.lock().await;
    let metadata = TestServer::start().await;
    let origin = metadata.origin();
    let role_on = [
        ("NCLOUD_METADATA_DISABLED", ""),
        ("NCLOUD_METADATA_API_ENDPOINT", origin.as_str()),
    ];

    // The environment.
    let env_gateway = gateway("ENV-ACCESS", "ENV-SECRET").await;
    let api_gw = env_gateway.origin();
    let mut pairs = role_on.to_vec();
    pairs.extend([
        ("NCLOUD_ACCESS_KEY", "ENV-ACCESS"),
        ("NCLOUD_SECRET_KEY", "ENV-SECRET"),
        ("NCLOUD_API_GW", api_gw.as_str()),
    ]);
    let home = set_env(&pairs, None);
    let client = Client::from_env().unwrap();
    list_vpcs(&client).await.unwrap();
    assert_eq!(
        client.credentials().map(Credentials::access_key),
        Some("ENV-ACCESS")
    );
    std::fs::remove_dir_all(home).unwrap();

    // The profile file, environment keys unset.
    let file_gateway = gateway(FILE_KEY, "FileSecret").await;
    let api_gw = file_gateway.origin();
    let mut pairs = role_on.to_vec();
    pairs.push(("NCLOUD_API_GW", api_gw.as_str()));
    let configure = format!(
        "[DEFAULT]\nncloud_access_key_id = {FILE_KEY}\nncloud_secret_access_key = FileSecret\n"
    );
    let home = set_env(&pairs, Some(&configure));
    let client = Client::from_env().unwrap();
    list_vpcs(&client).await.unwrap();
    assert_eq!(
        client.credentials().map(Credentials::access_key),
        Some(FILE_KEY)
    );
    std::fs::remove_dir_all(home).unwrap();
    assert!(
        metadata.requests().is_empty(),
        "keys were found before the server role"
    );

    // A profile file with the gateway only, no keys anywhere: the server role's keys.
    let role_gateway = gateway(ROLE_KEY, ROLE_SECRET).await;
    let configure = format!("[DEFAULT]\nncloud_api_url = {}\n", role_gateway.origin());
    let home = set_env(&role_on, Some(&configure));
    let client = Client::from_env().unwrap();
    assert!(client.credentials().is_none(), "the keys are the role's");
    assert!(
        metadata.requests().is_empty(),
        "building the client sends nothing"
    );
    issue_role_key(&metadata);
    list_vpcs(&client).await.unwrap();
    list_vpcs(&client.clone()).await.unwrap();
    let paths: Vec<String> = metadata
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/latest/meta-data/iam/security-credentials",
            "/latest/meta-data/iam/security-credentials/role-1"
        ],
        "one fetch, shared by the clone"
    );
    assert_eq!(role_gateway.requests().len(), 2);
    let printed = format!("{client:?}");
    assert!(
        printed.contains(ROLE_KEY) && !printed.contains(ROLE_SECRET),
        "{printed}"
    );
    std::fs::remove_dir_all(home).unwrap();
}

#[tokio::test]
async fn a_disabled_server_role_leaves_no_credentials_found() {
    let _env = ENV.lock().await;
    let home = set_env(&[], None);
    let err = Client::from_env().unwrap_err();
    assert!(
        matches!(err, Error::Credentials(CredentialsError::NotFound { .. })),
        "{err:?}"
    );
    std::fs::remove_dir_all(home).unwrap();
}

#[tokio::test]
async fn a_default_chain_in_this_build_refuses_any_metadata_origin_but_loopback() {
    let _env = ENV.lock().await;
    // The server role on, at its default origin 169.254.169.254: building the client would send
    // nothing anyway, and this build refuses the origin before any call could.
    let home = set_env(&[("NCLOUD_METADATA_DISABLED", "false")], None);
    let err = Client::from_env().unwrap_err().to_string();
    assert!(err.contains("loopback"), "{err}");
    std::fs::remove_dir_all(home).unwrap();

    for origin in [
        "http://169.254.169.254",
        "http://[::ffff:a9fe:a9fe]",
        "http://localhost:8080",
        "http://192.0.2.1:80",
    ] {
        let home = set_env(
            &[
                ("NCLOUD_METADATA_DISABLED", "0"),
                ("NCLOUD_METADATA_API_ENDPOINT", origin),
            ],
            None,
        );
        let err = Client::from_env().unwrap_err().to_string();
        assert!(
            err.contains("loopback") && err.contains("NCLOUD_METADATA_API_ENDPOINT"),
            "{origin}: {err}"
        );
        std::fs::remove_dir_all(home).unwrap();
    }
}

#[tokio::test]
async fn invalid_server_role_variables_are_errors_naming_them() {
    let _env = ENV.lock().await;
    let home = set_env(&[("NCLOUD_METADATA_DISABLED", "perhaps")], None);
    let err = Client::from_env().unwrap_err();
    assert!(
        matches!(err, Error::Credentials(CredentialsError::Invalid { .. })),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("NCLOUD_METADATA_DISABLED"),
        "{err}"
    );
    std::fs::remove_dir_all(home).unwrap();

    let home = set_env(
        &[
            ("NCLOUD_METADATA_DISABLED", "false"),
            ("NCLOUD_METADATA_API_ENDPOINT", "http://127.0.0.1:1/latest"),
        ],
        None,
    );
    let err = Client::from_env().unwrap_err().to_string();
    assert!(
        err.contains("NCLOUD_METADATA_API_ENDPOINT") && err.contains("host and port only"),
        "{err}"
    );
    std::fs::remove_dir_all(home).unwrap();
}
