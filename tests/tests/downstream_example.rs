// A downstream crate testing its own NCP code against the embedded gateway, offline.
// Its Cargo.toml:
//
//     [dev-dependencies]
//     ncp-apis = { version = "0.1", features = ["mock", "wsc", "sens-sms"] }
//     tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

use ncp_apis::runtime::mock::{Fault, MockGateway};
use ncp_apis::sens_sms::{self as sms, MessageType, ReserveStatus, SmsClient};
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

/// More code under test: an appointment reminder, reserved by SMS and cancelled with the
/// appointment (only while SENS has not started sending it).
async fn reserve_reminder(
    client: &SmsClient,
    to: &str,
    at: &str,
) -> Result<String, ncp_apis::Error> {
    let text = format!("[Clinic] Your appointment is at {at}.");
    let reminder = sms::SendMessagesRequest::new(
        MessageType::Sms,
        "0212345678",
        text,
        vec![sms::Message::new(to)],
    )
    .reserve_time(at)
    .reserve_time_zone("Asia/Seoul");
    Ok(client.send_messages(reminder).await?.request_id)
}

async fn cancel_reminder(client: &SmsClient, reservation: &str) -> Result<bool, ncp_apis::Error> {
    let status = client
        .get_reservation_status(sms::GetReservationStatusRequest::new(reservation))
        .await?;
    if status.reserve_status != ReserveStatus::Ready {
        return Ok(false);
    }
    client
        .cancel_reservation(sms::CancelReservationRequest::new(reservation))
        .await?;
    Ok(true)
}

#[tokio::test]
async fn a_reserved_reminder_is_cancelled() {
    let gateway = MockGateway::start(&[&sms::SCHEMA]).await;
    gateway.respond(
        "send_messages",
        &sms::SendMessagesResult::new("RSSA-reminder-1", "202", "success"),
    );
    gateway.respond(
        "get_reservation_status",
        &sms::ReservationStatus::new("RSSA-reminder-1", ReserveStatus::Ready),
    );
    let client = SmsClient::new(&gateway.client(), "ncp:sms:kr:123456789012:clinic");

    let reservation = reserve_reminder(&client, "01012345678", "2026-12-24 10:00")
        .await
        .unwrap();
    assert!(cancel_reminder(&client, &reservation).await.unwrap());

    let sent = &gateway.requests_for("send_messages")[0];
    assert_eq!(sent.json()["reserveTime"], "2026-12-24 10:00");
    assert_eq!(sent.json()["messages"][0]["to"], "01012345678");
    let cancelled = &gateway.requests_for("cancel_reservation")[0];
    assert_eq!(
        cancelled.path(),
        "/sms/v2/services/ncp:sms:kr:123456789012:clinic/reservations/RSSA-reminder-1"
    );
}

#[tokio::test]
async fn a_reminder_already_sent_is_not_cancelled() {
    let gateway = MockGateway::start(&[&sms::SCHEMA]).await;
    gateway.respond(
        "get_reservation_status",
        &sms::ReservationStatus::new("RSSA-reminder-2", ReserveStatus::Done),
    );
    let client = SmsClient::new(&gateway.client(), "ncp:sms:kr:123456789012:clinic");

    assert!(!cancel_reminder(&client, "RSSA-reminder-2").await.unwrap());
    assert!(gateway.requests_for("cancel_reservation").is_empty());
}
