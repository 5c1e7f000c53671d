//! ncp-rs in one run.
//!
//! `cargo run --example quickstart --all-features` starts the embedded NCP gateway on 127.0.0.1 and runs a
//! realistic scenario against it, offline and without credentials: send a FriendTalk message with
//! a button, query the send request and one message result, upload an image, list channels,
//! reserve a send and cancel it, list Web Security Checker scans and cancel one.
//!
//! `cargo run --example quickstart --all-features -- --live` runs the same calls against NCP. It needs
//! `NCLOUD_ACCESS_KEY`/`NCLOUD_SECRET_KEY` (or `~/.ncloud/configure`), and
//! `NCP_FRIENDTALK_SERVICE_ID`, `NCP_FRIENDTALK_CHANNEL` and `NCP_FRIENDTALK_TO` (the recipient: a
//! real message is sent). A WSC scan is cancelled only when `NCP_WSC_CANCEL_INSTANCE` names it.

// NCP ended FriendTalk on 2026-02-12; the spec marks it deprecated, and this example still shows it.
#![allow(deprecated)]

use std::error::Error;

use ncp_apis::runtime::mock::MockGateway;
use ncp_apis::runtime::{Client, FilePart};
use ncp_apis::sens_friendtalk::{self as friendtalk, *};
use ncp_apis::wsc::{self, WscClient};

struct Setup {
    runtime: Client,
    service_id: String,
    channel: String,
    to: String,
    wsc_cancel: Option<i64>,
    /// Kept alive for the run when offline.
    gateway: Option<MockGateway>,
}

async fn setup(live: bool) -> Result<Setup, Box<dyn Error>> {
    if live {
        let env = |name: &str| std::env::var(name).map_err(|_| format!("--live needs {name}"));
        return Ok(Setup {
            runtime: Client::from_env()?,
            service_id: env("NCP_FRIENDTALK_SERVICE_ID")?,
            channel: env("NCP_FRIENDTALK_CHANNEL")?,
            to: env("NCP_FRIENDTALK_TO")?,
            wsc_cancel: std::env::var("NCP_WSC_CANCEL_INSTANCE")
                .ok()
                .and_then(|v| v.parse().ok()),
            gateway: None,
        });
    }
    let gateway = MockGateway::start(&[&friendtalk::SCHEMA, &wsc::SCHEMA]).await;
    println!(
        "embedded NCP gateway on {} (no credentials, no network)\n",
        gateway.origin()
    );
    Ok(Setup {
        runtime: gateway.client(),
        service_id: "ncp:kkobizmsg:kr:2514340:quickstart".into(),
        channel: "@quickstart".into(),
        to: "01012345678".into(),
        wsc_cancel: Some(1_234_567_890),
        gateway: Some(gateway),
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let live = std::env::args().any(|a| a == "--live");
    let setup = setup(live).await?;
    let ft = FriendTalkClient::new(&setup.runtime, setup.service_id.clone());

    println!("1. send a FriendTalk message with a web-link button");
    let message = Message::new(setup.to.clone(), "新商品のお知らせ: 今週末まで20%オフ").buttons([
        Button::new(ButtonType::WebLink, "詳しく見る")
            .link_mobile("https://m.example.com/sale")
            .link_pc("https://www.example.com/sale"),
    ]);
    let sent = ft
        .send_messages(SendMessagesRequest::new(
            setup.channel.clone(),
            vec![message],
        ))
        .await?;
    println!(
        "   request {} is {} ({} message(s))",
        sent.request_id,
        sent.status_name,
        sent.messages.len()
    );

    println!("2. query the send request and one message result");
    let request = ft
        .get_send_request(GetSendRequestRequest::new().request_id(sent.request_id.clone()))
        .await?;
    println!(
        "   {} message(s), more pages: {}",
        request.messages.len(),
        request.has_more
    );
    if let Some(first) = sent.messages.first() {
        let result = ft
            .get_message(GetMessageRequest::new(first.message_id.clone()))
            .await?;
        println!(
            "   message {} to {}: {}",
            result.message_id, result.to, result.message_status_name
        );
    }

    println!("3. upload an image");
    let png = FilePart::from_bytes("sale.png", b"\x89PNG\r\n\x1a\n quickstart image".to_vec());
    let image = ft
        .upload_image(UploadImageRequest::new(setup.channel.clone(), png))
        .await?;
    println!(
        "   image {} at {} (wide: {})",
        image.image_id, image.image_url, image.is_wide
    );

    println!("4. list KakaoTalk channels");
    for channel in ft.list_channels(ListChannelsRequest::new()).await? {
        println!(
            "   {} {} ({})",
            channel.channel_id, channel.channel_name, channel.channel_status
        );
    }

    println!("5. reserve a send, check it, cancel it");
    let reserved = ft
        .send_messages(
            SendMessagesRequest::new(
                setup.channel.clone(),
                vec![Message::new(setup.to.clone(), "明日のお知らせ")],
            )
            .reserve_time("2026-12-24 10:00")
            .reserve_time_zone("Asia/Tokyo"),
        )
        .await?;
    let status = ft
        .get_reservation_status(GetReservationStatusRequest::new(
            reserved.request_id.clone(),
        ))
        .await?;
    println!(
        "   reservation {} at {} {}: {}",
        status.reserve_id, status.reserve_time, status.reserve_time_zone, status.reserve_status
    );
    ft.cancel_reservation(CancelReservationRequest::new(reserved.request_id))
        .await?;
    println!("   cancelled");

    println!("6. list Web Security Checker scans and cancel one");
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
