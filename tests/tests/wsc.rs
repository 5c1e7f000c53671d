//! Every Web Security Checker operation against a real HTTP server on 127.0.0.1: method, path,
//! query, the recomputed signature and the body on the way out; the `returnCode` envelope, numbers
//! sent as strings and integer error codes on the way back.

use ncp_apis::wsc::*;
use ncp_runtime::{Error, ErrorFormat};
use ncp_tests::{Canned, TestServer};
use serde_json::json;

async fn setup() -> (TestServer, WscClient) {
    let server = TestServer::start().await;
    let client = WscClient::new(&server.client());
    (server, client)
}

fn success(resources: serde_json::Value) -> Canned {
    Canned::json(
        200,
        json!({
            "returnCode": "0", "returnDesc": "Request Success", "returnMessage": "Success", "resources": resources
        }),
    )
}

/// The searchJobs sample of the cancelJob page (shared/seeds/000_8bba84f7e52b9a6e.txt).
fn seed_job_list() -> serde_json::Value {
    json!({
        "total_cnt": 1,
        "total_page_cnt": 1,
        "current_start_page": 1,
        "current_end_page": 1,
        "record_data": [{
            "instanceNo": "1234567890",
            "start_date": "2024-07-31 00:00:00",
            "end_date": "",
            "status": "予約",
            "progress": null,
            "start_url": "http://target-domain.com",
            "crawl_cnt": "",
            "scan_cnt": "",
            "memo": "Wsc Sample",
            "result_button": "cancel",
            "result_desc": "",
            "rescan_button": "",
            "slave_data": null
        }]
    })
}

fn assert_seed_job_list(list: &JobList) {
    assert_eq!(list.total_cnt, Some(1));
    let records = list.record_data.as_ref().unwrap();
    let job = &records[0];
    assert_eq!(
        job.instance_no, 1_234_567_890,
        "a number sent as a string decodes"
    );
    assert_eq!(job.crawl_cnt, None, "an empty string is absent");
    assert_eq!(job.progress, None);
    assert_eq!(job.status.as_deref(), Some("予約"));
    assert_eq!(job.start_url.as_deref(), Some("http://target-domain.com"));
    assert!(job.slave_data.is_none(), "null is absent");
}

#[tokio::test]
async fn get_jobs_sends_limit_and_page_and_unwraps_resources() {
    let (server, client) = setup().await;
    server.respond(success(seed_job_list()));
    let list = client.get_jobs(GetJobsRequest::new(10, 1)).await.unwrap();
    assert_seed_job_list(&list);
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("GET", "/api/v1/jobs?limit=10&page=1")
    );
    sent.assert_signed();
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn search_jobs_posts_the_documented_body_with_null_status() {
    let (server, client) = setup().await;
    server.respond(success(seed_job_list()));
    server.respond(success(json!({"total_cnt": "0", "record_data": []})));
    let request = SearchJobsRequest::new(SearchType::Url, "target-domain.com", 10, 1);
    let list = client.search_jobs(request).await.unwrap();
    assert_seed_job_list(&list);
    let pending =
        SearchJobsRequest::new(SearchType::All, "", 20, 2).status_code(JobStatus::Pending);
    let empty = client.search_jobs(pending).await.unwrap();
    assert_eq!(empty.total_cnt, Some(0));

    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("POST", "/api/v1/jobs/search")
    );
    assert_eq!(
        requests[0].header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        requests[0].json(),
        json!({
            "searchType": "url", "searchKeyword": "target-domain.com", "statusCode": null, "limit": 10, "page": 1
        })
    );
    assert_eq!(
        requests[1].json(),
        json!({
            "searchType": "", "searchKeyword": "", "statusCode": 2, "limit": 20, "page": 2
        })
    );
    for r in &requests {
        r.assert_signed();
    }
}

#[tokio::test]
async fn cancel_job_decodes_the_seed_success_and_error_examples() {
    let (server, client) = setup().await;
    // The seed's success example.
    server.respond(Canned::json(200, json!({
        "returnCode": "0", "returnDesc": "Request Success", "returnMessage": "Success", "resources": null
    })));
    // The seed's error example, for an invalid instanceId.
    server.respond(Canned::json(
        400,
        json!({"error": {"errorCode": 901, "message": "API Call Fail"}}),
    ));
    // The same body under HTTP 200 is an error too.
    server.respond(Canned::json(
        200,
        json!({"error": {"errorCode": 901, "message": "API Call Fail"}}),
    ));

    let () = client
        .cancel_job(CancelJobRequest::new(1_234_567_890))
        .await
        .unwrap();
    for status in [400, 200] {
        let err = client
            .cancel_job(CancelJobRequest::new(42))
            .await
            .unwrap_err();
        let service = err.as_service().unwrap_or_else(|| panic!("{err:?}"));
        assert_eq!(
            (service.status, service.format),
            (status, ErrorFormat::Gateway)
        );
        assert_eq!(service.code.as_deref(), Some("901"));
        assert_eq!(service.message.as_deref(), Some("API Call Fail"));
    }
    let requests = server.requests();
    let lines: Vec<_> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("PATCH", "/api/v1/jobs/1234567890/cancel"),
            ("PATCH", "/api/v1/jobs/42/cancel"),
            ("PATCH", "/api/v1/jobs/42/cancel"),
        ]
    );
    for r in &requests {
        r.assert_signed();
        assert!(r.body.is_empty());
    }
    // Vector 1 of shared/signature-v2-vectors.json signs this very target.
    assert_eq!(requests[0].target, "/api/v1/jobs/1234567890/cancel");
}

#[tokio::test]
async fn a_failing_return_code_is_an_error_with_code_and_message() {
    let (server, client) = setup().await;
    server.respond(Canned::json(200, json!({
        "returnCode": "160332", "returnDesc": "Request Fail", "returnMessage": "Invalid parameter", "resources": null
    })));
    let err = client.stop_job(StopJobRequest::new(7)).await.unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(
        (service.format, service.code.as_deref()),
        (ErrorFormat::ReturnCode, Some("160332"))
    );
    assert_eq!(
        err.to_string(),
        "stop_job: NCP answered HTTP 200, code 160332: Invalid parameter"
    );
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("PATCH", "/api/v1/jobs/7/stop")
    );
    sent.assert_signed();
}

#[tokio::test]
async fn stop_job_succeeds_on_return_code_zero() {
    let (server, client) = setup().await;
    server.respond(success(serde_json::Value::Null));
    client
        .stop_job(StopJobRequest::new(1_234_567_890))
        .await
        .unwrap();
    assert_eq!(server.only_request().target, "/api/v1/jobs/1234567890/stop");
}

#[tokio::test]
async fn get_report_decodes_mixed_case_keys() {
    let (server, client) = setup().await;
    server.respond(success(json!({
        "report_date": "2024/07/31 03:10:00",
        "Target_Info": "http://target-domain.com",
        "Crawl_Time": "2024/07/31 00:00:00~2024/07/31 01:00:00",
        "Scan_Time": "2024/07/31 01:00:00~2024/07/31 03:10:00",
        "Excluded_Url": "",
        "Login_Info": "",
        "Vulnerability_Category": "XSS, SQL Injection",
        "User_Agent": "PC Chrome",
        "Memo": "Wsc Sample",
        "Scanned_Domain_List": ["target-domain.com"],
        "Not_Scanned_Domain_List": [],
        "Classify_byRisk_Level": {"Total": "3", "High": 1, "Medium": "1", "Low": 1},
        "Classify_byRisk_Domain": {"target-domain.com": {"High": 1, "Medium": 1, "Low": 1}},
        "Some_Field_Added_Later": true
    })));
    let report = client
        .get_report(GetReportRequest::new(1_234_567_890))
        .await
        .unwrap();
    assert_eq!(
        report.target_info.as_deref(),
        Some("http://target-domain.com")
    );
    assert_eq!(
        report.scanned_domain_list.as_deref(),
        Some(&["target-domain.com".to_owned()][..])
    );
    let counts = report.classify_by_risk_level.unwrap();
    assert_eq!(
        (counts.total, counts.high, counts.medium, counts.low),
        (Some(3), Some(1), Some(1), Some(1))
    );
    assert_eq!(
        report.classify_by_risk_domain.unwrap()["target-domain.com"]["High"],
        1
    );
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("GET", "/api/v1/jobs/1234567890/report")
    );
    sent.assert_signed();
}

#[tokio::test]
async fn get_report_decode_errors_name_the_field_inside_resources() {
    let (server, client) = setup().await;
    server.respond(success(json!({"Classify_byRisk_Level": {"Total": "many"}})));
    let err = client
        .get_report(GetReportRequest::new(1))
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "resources.Classify_byRisk_Level.Total");
}

#[tokio::test]
async fn create_job_puts_the_pascal_case_body_and_is_sent_once() {
    let (server, client) = setup().await;
    server.respond(success(json!({"instanceNo": "1234567891"})));
    server.respond(Canned::json(
        503,
        json!({"error": {"errorCode": "500", "message": "Endpoint Error"}}),
    ));
    let request = CreateJobRequest::new(
        "https://www.ncloud.com",
        ["ALL".to_owned()],
        UserAgent::PcChrome,
        Speed::Normal,
    )
    .exclude_url(["https://www.ncloud.com/events".to_owned()])
    .headers([(
        "Cookie".to_owned(),
        "JSESSIONID=AB123123123123ASAS".to_owned(),
    )])
    .memo("上半期セキュリティ診断")
    .master_instance_no("1234111231");
    let created = client.create_job(request.clone()).await.unwrap();
    assert_eq!(created["instanceNo"], "1234567891");
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("PUT", "/api/v1/job")
    );
    sent.assert_signed();
    assert_eq!(
        sent.json(),
        json!({
            "StartUrl": "https://www.ncloud.com",
            "ExcludeUrl": ["https://www.ncloud.com/events"],
            "Headers": {"Cookie": "JSESSIONID=AB123123123123ASAS"},
            "VulnItems": ["ALL"],
            "UserAgent": "PC Chrome",
            "Speed": "1",
            "Memo": "上半期セキュリティ診断",
            "MasterInstanceNo": "1234111231"
        })
    );

    let err = client.create_job(request).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        server.requests().len(),
        2,
        "a billable create is sent exactly once per call"
    );
}

#[test]
fn integer_status_codes_keep_unknown_values() {
    assert_eq!(
        serde_json::from_value::<JobStatus>(json!(91)).unwrap(),
        JobStatus::Canceled
    );
    assert_eq!(
        serde_json::from_value::<JobStatus>(json!("13")).unwrap(),
        JobStatus::UrlCollectionRunning
    );
    assert_eq!(
        serde_json::from_value::<JobStatus>(json!(77)).unwrap(),
        JobStatus::from(77)
    );
    assert_eq!(serde_json::to_value(JobStatus::Stopped).unwrap(), json!(93));
    assert_eq!(JobStatus::KNOWN.len(), 11);
    assert_eq!(
        serde_json::from_value::<UserAgent>(json!("Safari")).unwrap(),
        UserAgent::from("Safari")
    );
}
