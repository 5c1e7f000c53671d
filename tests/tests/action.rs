//! The action-style APIs (Server and VPC on the VPC platform) against a real local server: the
//! flattening of lists and nested lists on the raw request target, the signature recomputed over
//! it, `responseFormatType=json`, the `{action}Response` wrapper, code objects, and
//! `responseError` in both spellings.

use ncp_apis::{vpc, vserver};
use ncp_runtime::{ErrorFormat, Site};
use ncp_tests::{Canned, TestServer};
use serde_json::json;

async fn setup() -> (TestServer, vserver::VserverClient) {
    let server = TestServer::start().await;
    let client = vserver::VserverClient::new(&server.client());
    (server, client)
}

fn server_instance(no: &str, status: &str) -> serde_json::Value {
    json!({
        "serverInstanceNo": no, "serverName": format!("web-{no}"), "serverDescription": "",
        "cpuCount": "2", "memorySize": 4294967296u64,
        "platformType": {"code": "UBD64", "codeName": "Ubuntu Desktop 64 Bit"},
        "loginKeyName": "ops-key", "publicIpInstanceNo": "", "publicIp": "",
        "serverInstanceStatus": {"code": status, "codeName": "Server run state"},
        "serverInstanceOperation": {"code": "NULL", "codeName": "Server NULL OP"},
        "serverInstanceStatusName": "running", "createDate": "2026-11-23T10:00:00+0900",
        "uptime": "2026-11-23T10:02:00+0900", "serverImageProductCode": "SW.VSVR.OS.LNX64.UBNTU.SVR2004.B050",
        "serverProductCode": "SVR.VSVR.HICPU.C002.M004.NET.SSD.B050.G002", "isProtectServerTermination": false,
        "zoneCode": "KR-2", "regionCode": "KR", "vpcNo": "3045", "subnetNo": "6611",
        "networkInterfaceNoList": ["120711"], "initScriptNo": "", "serverInstanceType": {"code": "HICPU", "codeName": "High CPU"},
        "baseBlockStorageDiskType": {"code": "NET", "codeName": "Network Storage"},
        "baseBlockStorageDiskDetailType": {"code": "SSD", "codeName": "SSD"}, "placementGroupNo": ""
    })
}

#[tokio::test]
async fn lists_are_flattened_and_the_target_matches_the_signature_vector() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!({"getServerInstanceListResponse": {
        "requestId": "8c3a1f9e-1", "returnCode": "0", "returnMessage": "success", "totalRows": 2,
        "serverInstanceList": [server_instance("1001", "RUN"), server_instance("1002", "MIGRA")]
    }})));
    let request = vserver::GetServerInstanceListRequest::new()
        .region_code("KR")
        .server_instance_no_list(["1001".to_owned(), "1002".to_owned()]);
    let response = client.get_server_instance_list(request).await.unwrap();

    let sent = server.only_request();
    // Vector 6 of shared/signature-v2-vectors.json is this exact target.
    assert_eq!(
        sent.target,
        "/vserver/v2/getServerInstanceList?regionCode=KR&serverInstanceNoList.1=1001&serverInstanceNoList.2=1002&responseFormatType=json"
    );
    assert_eq!(sent.method, "GET");
    sent.assert_signed();
    assert!(sent.body.is_empty());

    assert_eq!(response.request_id.as_deref(), Some("8c3a1f9e-1"));
    assert_eq!(response.total_rows, Some(2));
    let servers = response.server_instance_list.as_ref().unwrap();
    assert_eq!(
        servers[0].cpu_count,
        Some(2),
        "numbers sent as strings decode"
    );
    assert_eq!(servers[0].memory_size, Some(4_294_967_296));
    let status = servers[0].server_instance_status.as_ref().unwrap();
    assert_eq!(status.code, vserver::ServerInstanceStatusCode::Running);
    assert_eq!(status.code_name.as_deref(), Some("Server run state"));
    assert_eq!(
        servers[1].server_instance_status.as_ref().unwrap().code,
        vserver::ServerInstanceStatusCode::from("MIGRA"),
        "an undocumented code is kept"
    );
    assert_eq!(servers[0].platform_type.as_ref().unwrap().code, "UBD64");
}

#[tokio::test]
async fn lists_of_objects_and_nested_lists_flatten_with_one_based_indexes() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        200,
        json!({"createServerInstancesResponse": {
            "requestId": "r-2", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
            "serverInstanceList": [server_instance("2001", "INIT")]
        }}),
    ));
    let interfaces = vec![
        vserver::NetworkInterfaceParameter::new(0, ["101".to_owned(), "102".to_owned()])
            .subnet_no("6611"),
        vserver::NetworkInterfaceParameter::new(1, ["103".to_owned()])
            .network_interface_no("120799")
            .ip("10.0.1.7"),
    ];
    let request = vserver::CreateServerInstancesRequest::new("3045", "6611", interfaces)
        .region_code("KR")
        .server_image_product_code("SW.VSVR.OS.LNX64.UBNTU.SVR2004.B050")
        .server_name("web 1")
        .is_protect_server_termination(true)
        .block_device_partition_list([
            vserver::BlockDevicePartition::new("/", "50"),
            vserver::BlockDevicePartition::new("/data", "100"),
        ]);
    let created = client.create_server_instances(request).await.unwrap();
    assert_eq!(
        created.server_instance_list.as_ref().unwrap()[0].server_instance_no,
        "2001"
    );

    let sent = server.only_request();
    assert_eq!(
        sent.query(),
        "regionCode=KR&serverImageProductCode=SW.VSVR.OS.LNX64.UBNTU.SVR2004.B050&serverName=web+1\
         &isProtectServerTermination=true&vpcNo=3045&subnetNo=6611\
         &networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.subnetNo=6611\
         &networkInterfaceList.1.accessControlGroupNoList.1=101&networkInterfaceList.1.accessControlGroupNoList.2=102\
         &networkInterfaceList.2.networkInterfaceOrder=1&networkInterfaceList.2.networkInterfaceNo=120799\
         &networkInterfaceList.2.ip=10.0.1.7&networkInterfaceList.2.accessControlGroupNoList.1=103\
         &blockDevicePartitionList.1.mountPoint=%2F&blockDevicePartitionList.1.partitionSize=50\
         &blockDevicePartitionList.2.mountPoint=%2Fdata&blockDevicePartitionList.2.partitionSize=100\
         &responseFormatType=json"
    );
    assert_eq!(sent.path(), "/vserver/v2/createServerInstances");
    sent.assert_signed();
}

#[tokio::test]
async fn response_error_is_mapped_in_both_spellings() {
    let (server, client) = setup().await;
    server.respond(Canned::json(
        400,
        json!({"responseError": {
            "returnCode": "1401", "returnMessage": "Not found server product."
        }}),
    ));
    server.respond(Canned::json(
        500,
        json!({"responseError": {
            "responseCode": "1000", "responseMessage": "Please try your call again later."
        }}),
    ));
    for (code, message, transient) in [
        ("1401", "Not found server product.", false),
        ("1000", "Please try your call again later.", true),
    ] {
        let err = client
            .get_zone_list(vserver::GetZoneListRequest::new())
            .await
            .unwrap_err();
        let service = err.as_service().unwrap();
        assert_eq!(service.format, ErrorFormat::Action);
        assert_eq!(
            (service.code.as_deref(), service.message.as_deref()),
            (Some(code), Some(message))
        );
        assert_eq!(service.is_transient(), transient);
    }
}

#[tokio::test]
async fn a_failing_return_code_inside_the_wrapper_is_an_error() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!({"getRegionListResponse": {
        "requestId": "r-3", "returnCode": "1000", "returnMessage": "Please try your call again later."
    }})));
    let err = client
        .get_region_list(vserver::GetRegionListRequest::new())
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (
            service.status,
            service.code.as_deref(),
            service.request_id.as_deref()
        ),
        (200, Some("1000"), Some("r-3"))
    );
}

#[tokio::test]
async fn the_private_key_of_a_new_login_key_stays_out_of_debug() {
    let (server, client) = setup().await;
    let pem =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAexample\n-----END RSA PRIVATE KEY-----";
    server.respond(Canned::json(200, json!({"createLoginKeyResponse": {
        "requestId": "r-4", "returnCode": "0", "returnMessage": "success", "keyName": "ops-key", "privateKey": pem
    }})));
    let created = client
        .create_login_key(vserver::CreateLoginKeyRequest::new("ops-key"))
        .await
        .unwrap();
    assert_eq!(created.private_key.as_ref().unwrap().expose(), pem);
    let printed = format!("{created:?}");
    assert!(!printed.contains("MIIEpAIBAAKCAQEAexample"), "{printed}");
    assert_eq!(
        server.only_request().target,
        "/vserver/v2/createLoginKey?keyName=ops-key&responseFormatType=json"
    );
}

#[tokio::test]
async fn vpc_actions_and_delete_lists() {
    let server = TestServer::start().await;
    let vpc = vpc::VpcClient::new(&server.client());
    server.respond(Canned::json(200, json!({"createSubnetResponse": {
        "requestId": "r-5", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
        "subnetList": [{"subnetNo": "6611", "vpcNo": "3045", "zoneCode": "KR-2", "subnetName": "web",
            "subnet": "10.0.1.0/24", "subnetStatus": {"code": "CREATING", "codeName": "creating"},
            "createDate": "2026-11-23T10:00:00+0900", "subnetType": {"code": "PUBLIC", "codeName": "Public"},
            "usageType": {"code": "GEN", "codeName": "General"}, "networkAclNo": "4412"}]
    }})));
    let request = vpc::CreateSubnetRequest::new(
        "KR-2",
        "3045",
        "10.0.1.0/24",
        "4412",
        vpc::SubnetTypeCode::Public,
    )
    .subnet_name("web");
    let created = vpc.create_subnet(request).await.unwrap();
    let subnet = &created.subnet_list.as_ref().unwrap()[0];
    assert_eq!(
        subnet.subnet_type.as_ref().unwrap().code,
        vpc::SubnetTypeCode::Public
    );
    assert_eq!(
        subnet.subnet_status.as_ref().unwrap().code,
        vpc::VpcStatusCode::Creating
    );
    let sent = server.only_request();
    assert_eq!(
        sent.target,
        "/vpc/v2/createSubnet?zoneCode=KR-2&vpcNo=3045&subnet=10.0.1.0%2F24&networkAclNo=4412&subnetTypeCode=PUBLIC&subnetName=web&responseFormatType=json"
    );
    sent.assert_signed();
}

#[test]
fn action_hosts_per_site() {
    let credentials = ncp_runtime::Credentials::new("ak", "sk").unwrap();
    let fin = ncp_runtime::Client::builder()
        .credentials(credentials.clone())
        .site(Site::Fin)
        .build()
        .unwrap();
    let gov = ncp_runtime::Client::builder()
        .credentials(credentials)
        .site(Site::Gov)
        .build()
        .unwrap();
    assert_eq!(
        vserver::VserverClient::new(&fin).origin(),
        "https://fin-ncloud.apigw.fin-ntruss.com"
    );
    assert_eq!(
        vpc::VpcClient::new(&gov).origin(),
        "https://ncloud.apigw.gov-ntruss.com"
    );
}
