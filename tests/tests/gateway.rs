//! The embedded gateway serves every operation of every spec from the spec data alone, checks
//! what it receives like NCP would, and can be scripted by tests.

#![allow(deprecated)]

use std::collections::BTreeSet;

use ncp_apis::{sens_friendtalk as ft, vpc, vserver as vs, wsc};
use ncp_runtime::mock::{Fault, MockGateway};
use ncp_runtime::{CallOptions, Error, ErrorFormat, FilePart, RetryPolicy};

const SERVICE_ID: &str = "ncp:kkobizmsg:kr:2514340:sample";

async fn gateway() -> MockGateway {
    MockGateway::start(&[&ft::SCHEMA, &wsc::SCHEMA, &vs::SCHEMA, &vpc::SCHEMA]).await
}

fn no_retries(gateway: &MockGateway) -> ncp_runtime::Client {
    gateway
        .client_builder()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_generated_method_is_served() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID);
    let scanner = wsc::WscClient::new(&runtime);

    let message = ft::Message::new("01012345678", "hello").buttons([ft::Button::new(
        ft::ButtonType::WebLink,
        "open",
    )
    .link_mobile("https://m.example.com")
    .link_pc("https://example.com")]);
    let sent = friendtalk
        .send_messages(ft::SendMessagesRequest::new("@sample", vec![message]))
        .await
        .unwrap();
    assert!(
        !sent.messages.is_empty(),
        "a synthesized answer fills arrays"
    );
    friendtalk
        .get_send_request(ft::GetSendRequestRequest::new().request_id(sent.request_id.clone()))
        .await
        .unwrap();
    friendtalk
        .get_message(ft::GetMessageRequest::new("m-1"))
        .await
        .unwrap();
    friendtalk
        .get_reservation_status(ft::GetReservationStatusRequest::new("R-1"))
        .await
        .unwrap();
    friendtalk
        .cancel_reservation(ft::CancelReservationRequest::new("R-1"))
        .await
        .unwrap();
    friendtalk
        .list_channels(ft::ListChannelsRequest::new().page_size(10))
        .await
        .unwrap();
    let image = FilePart::from_bytes("a.png", vec![0x89, b'P', b'N', b'G']);
    friendtalk
        .upload_image(ft::UploadImageRequest::new("@sample", image).is_wide(true))
        .await
        .unwrap();
    friendtalk
        .list_images(ft::ListImagesRequest::new())
        .await
        .unwrap();
    friendtalk
        .get_image(ft::GetImageRequest::new("img-1"))
        .await
        .unwrap();
    friendtalk
        .delete_image(ft::DeleteImageRequest::new("img-1"))
        .await
        .unwrap();

    let jobs = scanner
        .get_jobs(wsc::GetJobsRequest::new(10, 1))
        .await
        .unwrap();
    let found = scanner
        .search_jobs(wsc::SearchJobsRequest::new(
            wsc::SearchType::Url,
            "target-domain.com",
            10,
            1,
        ))
        .await
        .unwrap();
    assert_eq!(jobs, found, "both answer the spec's example");
    assert_eq!(jobs.record_data.unwrap()[0].instance_no, 1_234_567_890);
    scanner
        .cancel_job(wsc::CancelJobRequest::new(1_234_567_890))
        .await
        .unwrap();
    scanner
        .stop_job(wsc::StopJobRequest::new(1_234_567_890))
        .await
        .unwrap();
    scanner
        .get_report(wsc::GetReportRequest::new(1_234_567_890))
        .await
        .unwrap();
    let job = wsc::CreateJobRequest::new(
        "https://www.ncloud.com",
        ["ALL".to_owned()],
        wsc::UserAgent::PcChrome,
        wsc::Speed::Normal,
    );
    scanner.create_job(job).await.unwrap();

    // Action-style products: every action, lists flattened, wrapped answers unwrapped.
    let server = vs::VserverClient::new(&runtime);
    let nos = || vec!["1001".to_owned()];
    assert!(
        !server
            .get_region_list(vs::GetRegionListRequest::new())
            .await
            .unwrap()
            .region_list
            .as_ref()
            .unwrap()
            .is_empty()
    );
    server
        .get_zone_list(vs::GetZoneListRequest::new().region_code("KR"))
        .await
        .unwrap();
    server
        .get_server_image_product_list(
            vs::GetServerImageProductListRequest::new()
                .platform_type_code_list(["UBD64".to_owned()]),
        )
        .await
        .unwrap();
    server
        .get_server_product_list(
            vs::GetServerProductListRequest::new().server_image_product_code("SW.VSVR"),
        )
        .await
        .unwrap();
    let listed = server
        .get_server_instance_list(
            vs::GetServerInstanceListRequest::new().server_instance_no_list(nos()),
        )
        .await
        .unwrap();
    assert_eq!(listed.total_rows, Some(1), "the gateway counts totalRows");
    server
        .get_server_instance_detail(vs::GetServerInstanceDetailRequest::new("1001"))
        .await
        .unwrap();
    let nic = vs::NetworkInterfaceParameter::new(0, ["101".to_owned()]);
    server
        .create_server_instances(vs::CreateServerInstancesRequest::new(
            "3045",
            "6611",
            vec![nic],
        ))
        .await
        .unwrap();
    server
        .start_server_instances(vs::StartServerInstancesRequest::new(nos()))
        .await
        .unwrap();
    server
        .stop_server_instances(vs::StopServerInstancesRequest::new(nos()))
        .await
        .unwrap();
    server
        .reboot_server_instances(vs::RebootServerInstancesRequest::new(nos()))
        .await
        .unwrap();
    server
        .terminate_server_instances(vs::TerminateServerInstancesRequest::new(nos()))
        .await
        .unwrap();
    server
        .get_login_key_list(vs::GetLoginKeyListRequest::new())
        .await
        .unwrap();
    server
        .create_login_key(vs::CreateLoginKeyRequest::new("ops-key"))
        .await
        .unwrap();
    server
        .delete_login_keys(vs::DeleteLoginKeysRequest::new(["ops-key".to_owned()]))
        .await
        .unwrap();
    server
        .get_access_control_group_list(vs::GetAccessControlGroupListRequest::new())
        .await
        .unwrap();
    server
        .get_block_storage_instance_list(vs::GetBlockStorageInstanceListRequest::new())
        .await
        .unwrap();
    server
        .create_block_storage_instance(vs::CreateBlockStorageInstanceRequest::new(100, "1001"))
        .await
        .unwrap();
    server
        .delete_block_storage_instances(vs::DeleteBlockStorageInstancesRequest::new([
            "2001".to_owned()
        ]))
        .await
        .unwrap();

    let network = vpc::VpcClient::new(&runtime);
    network
        .get_vpc_list(vpc::GetVpcListRequest::new().vpc_status_code(vpc::VpcStatusCode::Running))
        .await
        .unwrap();
    network
        .get_vpc_detail(vpc::GetVpcDetailRequest::new("3045"))
        .await
        .unwrap();
    network
        .create_vpc(vpc::CreateVpcRequest::new("10.0.0.0/16").vpc_name("main"))
        .await
        .unwrap();
    network
        .delete_vpc(vpc::DeleteVpcRequest::new("3045"))
        .await
        .unwrap();
    network
        .get_subnet_list(vpc::GetSubnetListRequest::new().subnet_no_list(["6611".to_owned()]))
        .await
        .unwrap();
    network
        .get_subnet_detail(vpc::GetSubnetDetailRequest::new("6611"))
        .await
        .unwrap();
    network
        .create_subnet(vpc::CreateSubnetRequest::new(
            "KR-2",
            "3045",
            "10.0.1.0/24",
            "4412",
            vpc::SubnetTypeCode::Private,
        ))
        .await
        .unwrap();
    network
        .delete_subnet(vpc::DeleteSubnetRequest::new("6611"))
        .await
        .unwrap();
    network
        .get_network_acl_list(vpc::GetNetworkAclListRequest::new())
        .await
        .unwrap();
    network
        .get_route_table_list(vpc::GetRouteTableListRequest::new())
        .await
        .unwrap();

    let served: BTreeSet<String> = gateway
        .requests()
        .iter()
        .inspect(|r| {
            assert!(
                (200..300).contains(&r.status),
                "{} {} answered {}",
                r.method,
                r.target,
                r.status
            )
        })
        .map(|r| format!("{}.{}", r.product.unwrap(), r.operation.unwrap()))
        .collect();
    // Every REST operation is called here with realistic values; the action products' hundred
    // and fifty are called by their generated self-tests (`#[ncp_api(..., self_test)]`), and
    // here only the ones whose values the tests above care about.
    let all: BTreeSet<String> = gateway.operations().into_iter().collect();
    let rest: BTreeSet<&String> = all
        .iter()
        .filter(|o| o.starts_with("FriendTalk.") || o.starts_with("Wsc."))
        .collect();
    assert!(served.iter().all(|o| all.contains(o)));
    assert!(
        rest.iter().all(|o| served.contains(*o)),
        "every REST operation was called and served"
    );
    assert_eq!(rest.len(), 16);
    assert_eq!(all.len(), 16 + 102 + 47);
}

#[tokio::test]
async fn documented_statuses_and_envelopes() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID);
    friendtalk
        .send_messages(ft::SendMessagesRequest::new(
            "@s",
            vec![ft::Message::new("010", "hi")],
        ))
        .await
        .unwrap();
    friendtalk
        .delete_image(ft::DeleteImageRequest::new("img-1"))
        .await
        .unwrap();
    wsc::WscClient::new(&runtime)
        .cancel_job(wsc::CancelJobRequest::new(1))
        .await
        .unwrap();
    let statuses: Vec<u16> = gateway.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [202, 204, 200]);
}

#[tokio::test]
async fn bad_signatures_and_unknown_keys_are_401_with_the_gateway_body() {
    let gateway = gateway().await;
    let wrong = gateway
        .client_builder()
        .credentials(
            ncp_runtime::Credentials::new(ncp_runtime::mock::MOCK_ACCESS_KEY, "not-the-secret")
                .unwrap(),
        )
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = ft::FriendTalkClient::new(&wrong, "svc")
        .list_images(ft::ListImagesRequest::new())
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.status, service.format, service.code.as_deref()),
        (401, ErrorFormat::Gateway, Some("200"))
    );
    assert!(
        service
            .details
            .as_deref()
            .unwrap()
            .contains("signature does not match"),
        "{service:?}"
    );
}

/// `count` minimal messages: 101 is one more than a send takes.
fn messages(count: usize) -> Vec<ft::Message> {
    (0..count)
        .map(|i| ft::Message::new(format!("010{i}"), "hi"))
        .collect()
}

#[tokio::test]
async fn requests_that_break_the_spec_are_400_naming_the_field() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    // The client refuses these itself (next test); skipping its checks shows the gateway does too.
    let skip = CallOptions::new().skip_checks(true);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID).with_options(skip);
    let too_many = messages(101);
    let err = friendtalk
        .send_messages(ft::SendMessagesRequest::new("@s", too_many))
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!((service.status, service.format), (400, ErrorFormat::Sens));
    assert_eq!(service.errors, ["messages: 101 items, at most 100 allowed"]);

    let odd_button =
        ft::Message::new("010", "hi").buttons([ft::Button::new(ft::ButtonType::from("XX"), "b")]);
    let err = friendtalk
        .send_messages(ft::SendMessagesRequest::new("@s", vec![odd_button]))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().errors,
        ["messages[0].buttons[0].type: expected ButtonType value, found a string"]
    );

    let err = friendtalk
        .list_channels(ft::ListChannelsRequest::new().page_size(500))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().errors,
        ["pageSize: 500 is above the maximum 100"]
    );

    let err = wsc::WscClient::new(&runtime)
        .with_options(skip)
        .get_jobs(wsc::GetJobsRequest::new(0, 1))
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.status, service.format),
        (400, ErrorFormat::Gateway),
        "envelope products answer like the gateway"
    );
    assert!(
        service
            .details
            .as_deref()
            .unwrap()
            .contains("limit: 0 is below the minimum 1"),
        "{service:?}"
    );
}

#[tokio::test]
async fn the_client_refuses_what_the_spec_forbids_before_sending() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID);
    let invalid = |err: Error| match err {
        Error::InvalidRequest {
            operation,
            field,
            reason,
        } => (operation, field, reason),
        other => panic!("expected an invalid request, got {other:?}"),
    };
    let too_many = messages(101);
    let err = friendtalk
        .send_messages(ft::SendMessagesRequest::new("@s", too_many))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err),
        (
            "send_messages",
            "messages".to_owned(),
            "has 101 items, more than the maximum of 100".to_owned()
        )
    );
    let err = friendtalk
        .list_channels(ft::ListChannelsRequest::new().page_size(500))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err).1,
        "pageSize",
        "the wire name of the field is named"
    );
    let err = wsc::WscClient::new(&runtime)
        .get_jobs(wsc::GetJobsRequest::new(0, 1))
        .await
        .unwrap_err();
    assert_eq!(
        invalid(err).2,
        "is 0, below the minimum of 1",
        "the rule and the value"
    );
    assert!(gateway.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn cross_field_rules_are_checked_by_the_client_and_by_the_gateway() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID);
    let too_long = || {
        ft::GetSendRequestRequest::new()
            .plus_friend_id("@s")
            .request_start_time("2026-10-01T00:00:00")
            .request_end_time("2026-11-02T00:00:00")
    };
    // The client: nothing sent.
    match friendtalk.get_send_request(too_long()).await.unwrap_err() {
        Error::InvalidRequest { field, reason, .. } => {
            assert_eq!(field, "requestEndTime");
            assert!(reason.contains("more than the 31 days allowed"), "{reason}");
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
    let missing = ft::GetSendRequestRequest::new().plus_friend_id("@s");
    let err = friendtalk.get_send_request(missing).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("give one of requestId, or requestStartTime + requestEndTime"),
        "{err}"
    );
    assert!(gateway.requests().is_empty());
    // The gateway, from the same rules.
    let unchecked = friendtalk.with_options(CallOptions::new().skip_checks(true));
    let err = unchecked.get_send_request(too_long()).await.unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(service.status, 400);
    assert!(
        service.errors[0].starts_with("requestEndTime: is "),
        "{:?}",
        service.errors
    );
    // A request that keeps the rules passes both.
    friendtalk
        .get_send_request(
            ft::GetSendRequestRequest::new()
                .plus_friend_id("@s")
                .complete_start_time("2026-11-01T00:00:00")
                .complete_end_time("2026-11-01T23:00:00"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn canned_typed_responses_and_per_operation_faults() {
    let gateway = gateway().await;
    let runtime = no_retries(&gateway);
    let friendtalk = ft::FriendTalkClient::new(&runtime, SERVICE_ID);
    let image = ft::Image::new(
        "img-7",
        "logo.png",
        "https://example.com/logo.png",
        true,
        "2026-11-23T10:00:00",
    );
    gateway.respond("get_image", &image);
    gateway.fault(
        "get_image",
        Fault::gateway_error(503, "500", "Endpoint Error"),
    );
    let err = friendtalk
        .get_image(ft::GetImageRequest::new("img-7"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        friendtalk
            .get_image(ft::GetImageRequest::new("img-7"))
            .await
            .unwrap(),
        image
    );

    let job = wsc::Job::new(42).memo("canned");
    gateway.respond_once(
        "get_jobs",
        &wsc::JobList::new().record_data(vec![job.clone()]),
    );
    let scanner = wsc::WscClient::new(&runtime);
    let first = scanner
        .get_jobs(wsc::GetJobsRequest::new(1, 1))
        .await
        .unwrap();
    assert_eq!(
        first.record_data.unwrap(),
        [job],
        "the envelope is added around canned data"
    );
    let second = scanner
        .get_jobs(wsc::GetJobsRequest::new(1, 1))
        .await
        .unwrap();
    assert_eq!(
        second.record_data.unwrap()[0].instance_no,
        1_234_567_890,
        "back to the spec's example"
    );
}

#[tokio::test]
async fn the_gateway_clock_can_be_skewed() {
    let gateway = gateway().await;
    gateway.set_clock_offset(10 * 60 * 1000);
    let friendtalk = ft::FriendTalkClient::new(&gateway.client(), SERVICE_ID);
    friendtalk
        .list_images(ft::ListImagesRequest::new())
        .await
        .unwrap();
    let statuses: Vec<u16> = gateway.requests().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [401, 200],
        "rejected once, then signed with the gateway's clock"
    );
}

#[tokio::test]
async fn unknown_routes_are_404_with_the_gateway_body() {
    // A gateway that serves only WSC: a FriendTalk call has no route there.
    let gateway = MockGateway::start(&[&wsc::SCHEMA]).await;
    let err = ft::FriendTalkClient::new(&no_retries(&gateway), SERVICE_ID)
        .list_images(ft::ListImagesRequest::new())
        .await
        .unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.status, service.format, service.code.as_deref()),
        (404, ErrorFormat::Gateway, Some("300"))
    );
    assert!(
        service
            .details
            .as_deref()
            .unwrap()
            .contains("no operation for GET /friendtalk/v2/services/"),
        "{service:?}"
    );
    assert_eq!(gateway.requests().len(), 1);
    assert_eq!(gateway.requests()[0].operation, None);
}

#[tokio::test]
async fn an_empty_path_parameter_never_leaves_the_client() {
    let gateway = gateway().await;
    let err = ft::FriendTalkClient::new(&no_retries(&gateway), "")
        .list_images(ft::ListImagesRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(gateway.requests().is_empty());
}

#[tokio::test]
async fn limits_inside_flattened_query_lists_are_checked_too() {
    use ncp_apis::vloadbalancer as lb;
    let gateway = MockGateway::start(&[&vs::SCHEMA, &lb::SCHEMA]).await;
    let runtime = no_retries(&gateway);
    // The client refuses both itself; skipping its checks shows the gateway does too.
    let skip = CallOptions::new().skip_checks(true);

    let six = [
        "10.0.0.11",
        "10.0.0.12",
        "10.0.0.13",
        "10.0.0.14",
        "10.0.0.15",
        "10.0.0.16",
    ];
    let err = vs::VserverClient::new(&runtime)
        .with_options(skip)
        .assign_secondary_ips(vs::AssignSecondaryIpsRequest::new("77").secondary_ip_list(six))
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().message.as_deref(),
        Some("Invalid request: secondaryIpList: 6 items, at most 5 allowed")
    );

    let listener = lb::LoadBalancerListenerParameter::new("tg-1").port(70_000);
    let err = lb::VloadbalancerClient::new(&runtime)
        .with_options(skip)
        .create_load_balancer_instance(
            lb::CreateLoadBalancerInstanceRequest::new(
                lb::LoadBalancerTypeCode::Application,
                "vpc-1",
            )
            .subnet_no_list(["sn-1"])
            .load_balancer_listener_list([listener]),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.as_service().unwrap().message.as_deref(),
        Some("Invalid request: loadBalancerListenerList.1.port: 70000 is above the maximum 65534")
    );
}
