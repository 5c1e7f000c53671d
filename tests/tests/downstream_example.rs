// A downstream crate testing its own NCP code against the embedded gateway, offline.
// Its Cargo.toml:
//
//     [dev-dependencies]
//     ncp-apis = { version = "0.1", features = ["mock"] }
//     tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

use ncp_apis::runtime::mock::{Fault, MockGateway};
use ncp_apis::wsc::{self, JobStatus, SearchJobsRequest, SearchType, WscClient};

/// The code under test: cancels every pending scan and says how many it cancelled.
async fn cancel_pending_scans(client: &WscClient) -> Result<usize, ncp_apis::Error> {
    let pending =
        SearchJobsRequest::new(SearchType::All, "", 100, 1).status_code(JobStatus::Pending);
    let jobs = client
        .search_jobs(pending)
        .await?
        .record_data
        .unwrap_or_default();
    for job in &jobs {
        client
            .cancel_job(wsc::CancelJobRequest::new(job.instance_no))
            .await?;
    }
    Ok(jobs.len())
}

#[tokio::test]
async fn cancels_every_pending_scan() {
    let gateway = MockGateway::start(&[&wsc::SCHEMA]).await;
    let pending = vec![
        wsc::Job::new(101).memo("nightly"),
        wsc::Job::new(102).memo("weekly"),
    ];
    gateway.respond(
        "search_jobs",
        &wsc::JobList::new().total_cnt(2).record_data(pending),
    );
    let client = WscClient::new(&gateway.client());

    assert_eq!(cancel_pending_scans(&client).await.unwrap(), 2);

    let search = &gateway.requests_for("search_jobs")[0];
    assert_eq!(search.json()["statusCode"], 2);
    let cancelled: Vec<String> = gateway
        .requests_for("cancel_job")
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        cancelled,
        ["/api/v1/jobs/101/cancel", "/api/v1/jobs/102/cancel"]
    );
}

#[tokio::test]
async fn reports_ncp_errors() {
    let gateway = MockGateway::start(&[&wsc::SCHEMA]).await;
    gateway.fault(
        "search_jobs",
        Fault::gateway_error(401, "200", "Authentication Failed"),
    );
    let client = WscClient::new(&gateway.client());

    let err = cancel_pending_scans(&client).await.unwrap_err();
    assert_eq!(
        err.as_service().unwrap().message.as_deref(),
        Some("Authentication Failed")
    );
    assert!(gateway.requests_for("cancel_job").is_empty());
}
