//! `Client::from_env()` follows `NCLOUD_API_GW` like NCP's own tools, and explicit builder
//! settings win. The environment is process-wide, so this binary holds this one test.

use ncp_apis::vpc;
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{Client, Endpoint, Site};

#[tokio::test]
async fn the_gateway_url_comes_from_ncloud_api_gw_unless_the_builder_says() {
    let gateway = MockGateway::builder()
        .product(&vpc::SCHEMA)
        .credentials("ENV-ACCESS", "ENV-SECRET")
        .start()
        .await;
    let home = std::env::temp_dir().join(format!("ncp-env-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    // SAFETY: the only test of this binary; nothing else reads the environment meanwhile.
    unsafe {
        std::env::set_var("HOME", &home);
        // The keys above come first anyway; the server role is off so that no chain built here
        // could ever reach for a metadata service.
        std::env::set_var("NCLOUD_METADATA_DISABLED", "true");
        std::env::set_var("NCLOUD_ACCESS_KEY", "ENV-ACCESS");
        std::env::set_var("NCLOUD_SECRET_KEY", "ENV-SECRET");
        std::env::set_var("NCLOUD_SITE", "gov");
        std::env::set_var("NCLOUD_API_GW", gateway.origin());
    }
    let client = Client::from_env().unwrap();
    assert!(matches!(client.endpoint(), Endpoint::Override(o) if o.as_str() == gateway.origin()));
    vpc::VpcClient::new(&client)
        .get_vpc_list(vpc::GetVpcListRequest::new())
        .await
        .unwrap();
    assert_eq!(
        gateway.requests().len(),
        1,
        "the call went to NCLOUD_API_GW"
    );

    let explicit = Client::builder().site(Site::Fin).build().unwrap();
    assert!(
        matches!(explicit.endpoint(), Endpoint::Site(Site::Fin)),
        "the builder wins"
    );

    unsafe { std::env::set_var("NCLOUD_API_GW", "https://ncloud.apigw.gov-ntruss.com") };
    let gov = Client::from_env().unwrap();
    assert!(matches!(gov.endpoint(), Endpoint::Site(Site::Gov)));

    unsafe { std::env::set_var("NCLOUD_API_GW", "gopher://nowhere") };
    let err = Client::from_env().unwrap_err().to_string();
    assert!(
        err.contains("NCLOUD_API_GW"),
        "the error names the variable: {err}"
    );
    std::fs::remove_dir_all(&home).unwrap();
}
