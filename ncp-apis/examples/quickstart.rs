//! ncp-rs in one run.
//!
//! `cargo run --example quickstart --all-features` starts the embedded NCP gateway on 127.0.0.1 and runs a
//! realistic scenario against it, offline and without credentials: send an SMS, upload an image and
//! send it by MMS, reserve an LMS and cancel it, look up a send's messages and one result; then the
//! deprecated FriendTalk calls (NCP ended the service), an AlimTalk with a button and SMS failover,
//! and Web Security Checker scans.
//!
//! `cargo run --example quickstart --all-features -- --live` runs the SMS and WSC calls against NCP.
//! It needs `NCLOUD_ACCESS_KEY`/`NCLOUD_SECRET_KEY` (or `~/.ncloud/configure`), and
//! `NCP_SMS_SERVICE_ID`, `NCP_SMS_FROM` (a caller number registered in the SENS console) and
//! `NCP_SMS_TO` (the recipient: real messages are sent). A WSC scan is cancelled only when
//! `NCP_WSC_CANCEL_INSTANCE` names it. FriendTalk and AlimTalk run offline only.

// NCP ended FriendTalk on 2026-02-12; the spec marks it deprecated, and this example still shows it.
#![allow(deprecated)]

use std::error::Error;

use ncp_apis::runtime::mock::MockGateway;
use ncp_apis::runtime::{Blob, Client, Credentials, FilePart};
use ncp_apis::sens_alimtalk as alimtalk;
use ncp_apis::sens_friendtalk as friendtalk;
use ncp_apis::sens_sms::{self as sms, MessageType, SmsClient};
use ncp_apis::wsc::{self, WscClient};

struct Setup {
    runtime: Client,
    sms_service_id: String,
    from: String,
    to: String,
    wsc_cancel: Option<i64>,
    /// Kept alive for the run when offline.
    gateway: Option<MockGateway>,
}

async fn setup(live: bool) -> Result<Setup, Box<dyn Error>> {
    if live {
        let env = |name: &str| std::env::var(name).map_err(|_| format!("--live needs {name}"));
        return Ok(Setup {
            // Keys from the environment or ~/.ncloud/configure only: this example never asks a
            // metadata service for a server role's keys.
            runtime: Client::builder()
                .credentials(Credentials::from_default_chain()?)
                .build()?,
            sms_service_id: env("NCP_SMS_SERVICE_ID")?,
            from: env("NCP_SMS_FROM")?,
            to: env("NCP_SMS_TO")?,
            wsc_cancel: std::env::var("NCP_WSC_CANCEL_INSTANCE")
                .ok()
                .and_then(|v| v.parse().ok()),
            gateway: None,
        });
    }
    let gateway = MockGateway::start(&[
        &sms::SCHEMA,
        &friendtalk::SCHEMA,
        &alimtalk::SCHEMA,
        &wsc::SCHEMA,
    ])
    .await;
    println!(
        "embedded NCP gateway on {} (no credentials, no network)\n",
        gateway.origin()
    );
    Ok(Setup {
        runtime: gateway.client(),
        sms_service_id: "ncp:sms:kr:123456789012:quickstart".into(),
        from: "0212345678".into(),
        to: "01012345678".into(),
        wsc_cancel: Some(1_234_567_890),
        gateway: Some(gateway),
    })
}

/// SENS SMS: SMS, MMS with an image, a reserved LMS cancelled, and the results of a send.
async fn text_messages(setup: &Setup) -> Result<(), Box<dyn Error>> {
    let sms = SmsClient::new(&setup.runtime, setup.sms_service_id.clone());
    let to = || vec![sms::Message::new(setup.to.clone())];

    println!("1. send an SMS (at most 90 bytes, checked before sending)");
    let sent = sms
        .send_messages(sms::SendMessagesRequest::new(
            MessageType::Sms,
            setup.from.clone(),
            "[ncp-rs] 인증번호는 123456 입니다",
            to(),
        ))
        .await?;
    println!("   request {} is {}", sent.request_id, sent.status_name);

    println!("2. upload a JPG and send it by MMS");
    let jpeg = Blob::from(&b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 quickstart \xff\xd9"[..]);
    let file = sms
        .upload_file(sms::UploadFileRequest::new("sale.jpg", jpeg))
        .await?;
    let mms = sms::SendMessagesRequest::new(
        MessageType::Mms,
        setup.from.clone(),
        "이번 주말까지 20% 할인",
        to(),
    )
    .subject("[ncp-rs] 세일 안내")
    .files([sms::MessageFile::new(file.file_id.clone())]);
    let sent_mms = sms.send_messages(mms).await?;
    println!(
        "   file {} sent in request {}",
        file.file_id, sent_mms.request_id
    );

    println!("3. reserve an LMS, check it, cancel it");
    let reserved = sms
        .send_messages(
            sms::SendMessagesRequest::new(
                MessageType::Lms,
                setup.from.clone(),
                "내일 10시 예약 안내",
                to(),
            )
            .reserve_time("2026-12-24 10:00")
            .reserve_time_zone("Asia/Seoul"),
        )
        .await?;
    let status = sms
        .get_reservation_status(sms::GetReservationStatusRequest::new(
            reserved.request_id.clone(),
        ))
        .await?;
    println!(
        "   reservation {}: {}",
        status.reserve_id, status.reserve_status
    );
    sms.cancel_reservation(sms::CancelReservationRequest::new(reserved.request_id))
        .await?;
    println!("   cancelled");

    println!("4. the messages of the first send, and one delivery result");
    let list = sms
        .list_messages(sms::ListMessagesRequest::new().request_id(sent.request_id))
        .await?;
    if let Some(first) = list.messages.first() {
        let result = sms
            .get_message(sms::GetMessageRequest::new(first.message_id.clone()))
            .await?;
        for m in result.messages {
            println!(
                "   message to {}: {} {}",
                m.to.unwrap_or_default(),
                m.status.map(|s| s.to_string()).unwrap_or_default(),
                m.status_name.unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// SENS FriendTalk (deprecated: NCP ended the service), offline only.
async fn friendtalk_messages(setup: &Setup) -> Result<(), Box<dyn Error>> {
    use friendtalk::*;
    let ft = FriendTalkClient::new(&setup.runtime, "ncp:kkobizmsg:kr:2514340:quickstart");

    println!("5. (deprecated) send a FriendTalk message with a web-link button, upload an image");
    let message = Message::new(setup.to.clone(), "新商品のお知らせ: 今週末まで20%オフ").buttons([
        Button::new(ButtonType::WebLink, "詳しく見る")
            .link_mobile("https://m.example.com/sale")
            .link_pc("https://www.example.com/sale"),
    ]);
    let sent = ft
        .send_messages(SendMessagesRequest::new("@quickstart", vec![message]))
        .await?;
    println!(
        "   request {} is {} ({} message(s))",
        sent.request_id,
        sent.status_name,
        sent.messages.len()
    );
    let png = FilePart::from_bytes("sale.png", b"\x89PNG\r\n\x1a\n quickstart image".to_vec());
    let image = ft
        .upload_image(UploadImageRequest::new("@quickstart", png))
        .await?;
    println!("   image {} at {}", image.image_id, image.image_url);
    Ok(())
}

/// SENS AlimTalk: a template's message with a button and SMS failover, offline only.
async fn alimtalk_messages(setup: &Setup) -> Result<(), Box<dyn Error>> {
    use alimtalk::*;
    let at = AlimTalkClient::new(&setup.runtime, "ncp:kkobizmsg:kr:123456789012:quickstart");

    println!("6. send an AlimTalk with a delivery-tracking button and SMS failover");
    let message = Message::new(setup.to.clone(), "Order 1234 has shipped.")
        .buttons([Button::new(ButtonType::DeliverySearch, "Track")])
        .use_sms_failover(true)
        .failover_config(
            FailoverConfig::new()
                .r#type(FailoverType::Sms)
                .from(setup.from.clone())
                .content("Order 1234 has shipped."),
        );
    let sent = at
        .send_messages(SendMessagesRequest::new(
            "@quickstart",
            "ORDER_SHIPPED",
            vec![message],
        ))
        .await?;
    println!(
        "   request {} is {} ({} message(s), failover {})",
        sent.request_id,
        sent.status_name,
        sent.messages.len(),
        sent.messages
            .first()
            .and_then(|m| m.use_sms_failover)
            .unwrap_or_default()
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let live = std::env::args().any(|a| a == "--live");
    let setup = setup(live).await?;
    text_messages(&setup).await?;
    if !live {
        friendtalk_messages(&setup).await?;
        alimtalk_messages(&setup).await?;
    }

    println!("7. list Web Security Checker scans and cancel one");
    let scanner = WscClient::new(&setup.runtime);
    let jobs = scanner.get_jobs(wsc::GetJobsRequest::new(10, 1)).await?;
    for job in jobs.record_data.unwrap_or_default() {
        println!(
            "   scan {} of {}: {}",
            job.instance_no,
            job.start_url.unwrap_or_default(),
            job.status.unwrap_or_default()
        );
    }
    match setup.wsc_cancel {
        Some(instance) => {
            scanner
                .cancel_job(wsc::CancelJobRequest::new(instance))
                .await?;
            println!("   cancelled scan {instance}");
        }
        None => println!("   (set NCP_WSC_CANCEL_INSTANCE to cancel a pending scan)"),
    }

    if let Some(gateway) = &setup.gateway {
        println!(
            "\nthe gateway checked and answered {} signed requests:",
            gateway.requests().len()
        );
        for r in gateway.requests() {
            println!("   {} {} -> {}", r.method, r.path(), r.status);
        }
    }
    Ok(())
}
