//! Waiters against the embedded gateway: the gateway answers a scripted sequence of states and
//! the waiter polls until the spec's success state, a failure, or its timeout. Delays are cut to
//! milliseconds per call; their growth and jitter are unit-tested on tokio's paused clock in
//! `ncp-runtime` (`wait.rs`).

use std::time::Duration;

use ncp_apis::{vpc, vserver as vs};
use ncp_runtime::mock::MockGateway;
use ncp_runtime::{Error, WaitOptions};
use serde_json::{Value, json};

fn quick() -> WaitOptions {
    WaitOptions::new()
        .min_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

fn server(code: &str) -> Value {
    json!({"serverInstanceList": [{"serverInstanceNo": "1001", "serverInstanceStatus": {"code": code, "codeName": code}}], "totalRows": 1})
}

#[tokio::test]
async fn a_created_server_is_awaited_through_its_states() {
    let gateway = MockGateway::start(&[&vs::SCHEMA]).await;
    for code in ["INIT", "CREAT", "CREAT", "RUN"] {
        gateway.respond_once("get_server_instance_list", &server(code));
    }
    let client = vs::VserverClient::new(&gateway.client());
    let running = client
        .wait_until_server_instance_running("1001", quick())
        .await
        .unwrap();
    let status = running.server_instance_list.as_ref().unwrap()[0]
        .server_instance_status
        .as_ref()
        .unwrap();
    assert_eq!(status.code, vs::ServerInstanceStatusCode::Running);
    let polls = gateway.requests_for("get_server_instance_list");
    assert_eq!(polls.len(), 4, "one poll per state, none after RUN");
    assert!(
        polls
            .iter()
            .all(|r| r.target.contains("serverInstanceNoList.1=1001")),
        "every poll asks for the one server"
    );
}

#[tokio::test]
async fn the_timeout_names_the_last_state_seen() {
    let gateway = MockGateway::start(&[&vs::SCHEMA]).await;
    gateway.respond("get_server_instance_list", &server("NSTOP"));
    let client = vs::VserverClient::new(&gateway.client());
    let error = client
        .wait_until_server_instance_running("1001", quick().timeout(Duration::from_millis(100)))
        .await
        .unwrap_err();
    match &error {
        Error::Waiter {
            waiter, last_state, ..
        } => {
            assert_eq!(*waiter, "server_instance_running");
            assert_eq!(last_state.as_deref(), Some("NSTOP"));
        }
        other => panic!("expected a waiter error, got {other:?}"),
    }
    assert!(error.to_string().contains("last state `NSTOP`"), "{error}");
}

#[tokio::test]
async fn a_terminated_server_is_done_when_it_is_gone() {
    let gateway = MockGateway::start(&[&vs::SCHEMA]).await;
    gateway.respond_once("get_server_instance_list", &server("TERMT"));
    gateway.respond_once(
        "get_server_instance_list",
        &json!({"serverInstanceList": [], "totalRows": 0}),
    );
    let client = vs::VserverClient::new(&gateway.client());
    client
        .wait_until_server_instance_terminated("1001", quick())
        .await
        .unwrap();
    assert_eq!(gateway.requests_for("get_server_instance_list").len(), 2);
}

#[tokio::test]
async fn a_poll_that_fails_ends_the_wait_with_ncps_error() {
    let gateway = MockGateway::start(&[&vpc::SCHEMA]).await;
    gateway.fault(
        "get_vpc_list",
        ncp_runtime::mock::Fault::gateway_error(403, "210", "Permission Denied"),
    );
    let client = vpc::VpcClient::new(&gateway.client());
    let error = client
        .wait_until_vpc_running("3045", quick())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Service(_)), "{error:?}");
}

#[tokio::test]
async fn vpcs_subnets_and_volumes_have_waiters_too() {
    let gateway = MockGateway::start(&[&vpc::SCHEMA, &vs::SCHEMA]).await;
    gateway.respond_once(
        "get_vpc_list",
        &json!({"vpcList": [{"vpcNo": "3045", "vpcStatus": {"code": "CREATING", "codeName": "creating"}}]}),
    );
    gateway.respond_once(
        "get_vpc_list",
        &json!({"vpcList": [{"vpcNo": "3045", "vpcStatus": {"code": "RUN", "codeName": "run"}}]}),
    );
    gateway.respond_once(
        "get_subnet_list",
        &json!({"subnetList": [{"subnetNo": "6611", "subnetStatus": {"code": "RUN", "codeName": "run"}}]}),
    );
    gateway.respond_once(
        "get_block_storage_instance_list",
        &json!({"blockStorageInstanceList": [{"blockStorageInstanceNo": "7746", "blockStorageInstanceStatus": {"code": "ATTAC", "codeName": "attached"}}]}),
    );
    let network = vpc::VpcClient::new(&gateway.client());
    network
        .wait_until_vpc_running("3045", quick())
        .await
        .unwrap();
    network
        .wait_until_subnet_running("6611", quick())
        .await
        .unwrap();
    let servers = vs::VserverClient::new(&gateway.client());
    servers
        .wait_until_block_storage_attached("7746", quick())
        .await
        .unwrap();
    assert_eq!(gateway.requests_for("get_vpc_list").len(), 2);
}

#[tokio::test]
async fn a_kubernetes_cluster_is_awaited_until_it_runs() {
    use ncp_apis::vnks;
    let gateway = MockGateway::start(&[&vnks::SCHEMA]).await;
    for status in ["CREATING", "CREATING", "RUNNING"] {
        gateway.respond_once(
            "get_cluster",
            &json!({"cluster": {"uuid": "c-1", "name": "k8s", "status": status}}),
        );
    }
    let client = vnks::VnksClient::new(&gateway.client());
    let cluster = client
        .wait_until_cluster_running("c-1", quick())
        .await
        .unwrap();
    assert_eq!(
        cluster.cluster.as_ref().unwrap().status.as_deref(),
        Some("RUNNING")
    );
    let polls = gateway.requests_for("get_cluster");
    assert_eq!(polls.len(), 3);
    assert!(polls.iter().all(|r| r.target == "/vnks/v2/clusters/c-1"));
}

#[tokio::test]
async fn a_load_balancer_is_awaited_until_it_is_used() {
    use ncp_apis::vloadbalancer as lb;
    let gateway = MockGateway::start(&[&lb::SCHEMA]).await;
    for code in ["INIT", "USED"] {
        gateway.respond_once(
            "get_load_balancer_instance_list",
            &json!({"loadBalancerInstanceList": [{"loadBalancerInstanceNo": "77", "loadBalancerInstanceStatus": {"code": code, "codeName": code}}]}),
        );
    }
    let client = lb::VloadbalancerClient::new(&gateway.client());
    client
        .wait_until_load_balancer_instance_used("77", quick())
        .await
        .unwrap();
    let polls = gateway.requests_for("get_load_balancer_instance_list");
    assert_eq!(polls.len(), 2);
    assert!(polls[0].target.contains("loadBalancerInstanceNoList.1=77"));
}
