//! `examples/examples/rooms_client.rs` written on the AWS SDK for Rust: creates, lists and
//! deletes a Chime room and an IVS Chat room. Same command line, same output, same
//! fallbacks; only the client library differs, so the two builds (`build-time.sh`) and
//! release binaries (`size.sh`) can be compared.
//!
//! ```text
//! cargo run --release -- --account-id ACCOUNT [--endpoint-url URL]
//! ```

use std::process::ExitCode;

use aws_config::meta::region::RegionProviderChain;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_chime::config::Credentials;
use aws_sdk_chime::error::{DisplayErrorContext, SdkError};
use aws_sdk_ivschat::operation::delete_room::DeleteRoomError;

const USAGE: &str =
    "usage: rooms_client --account-id ACCOUNT [--endpoint-url URL] [--name ROOM_NAME]";

/// The command line.
struct Args {
    account_id: String,
    endpoint_url: Option<String>,
    name: String,
}

fn parse_args() -> Result<Args, String> {
    let mut account_id = None;
    let mut endpoint_url = None;
    let mut name = "example-room".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--account-id" => account_id = Some(value()?),
            "--endpoint-url" => endpoint_url = Some(value()?),
            "--name" => name = value()?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(Args {
        account_id: account_id.ok_or(format!("--account-id is required\n{USAGE}"))?,
        endpoint_url,
        name,
    })
}

/// The default chain's configuration; with an endpoint URL, defaults stand in for a
/// missing region or credentials (as rooms_client's `config`).
async fn config(endpoint_url: Option<String>) -> SdkConfig {
    let Some(url) = endpoint_url else {
        return aws_config::load_defaults(BehaviorVersion::latest()).await;
    };
    let region = RegionProviderChain::default_provider().or_else("us-east-1");
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        .endpoint_url(url.clone());
    let chain = aws_config::default_provider::credentials::default_provider().await;
    if let Err(e) = chain.provide_credentials().await {
        eprintln!(
            "note: {}\nnote: using placeholder credentials for {url}",
            DisplayErrorContext(e)
        );
        loader = loader.credentials_provider(Credentials::new(
            "AKIDLOCAL",
            "local-secret",
            None,
            None,
            "placeholder",
        ));
    }
    loader.load().await
}

async fn chime_rooms(config: &SdkConfig, account_id: &str, name: &str) -> Result<(), String> {
    let client = aws_sdk_chime::Client::new(config);
    let created = client
        .create_room()
        .account_id(account_id)
        .name(name)
        .send()
        .await
        .map_err(|e| format!("chime CreateRoom: {}", DisplayErrorContext(e)))?;
    let room_id = created
        .room()
        .and_then(|r| r.room_id())
        .ok_or("chime CreateRoom returned no room ID")?
        .to_owned();
    println!("chime: created room {room_id}");

    let mut pages = client
        .list_rooms()
        .account_id(account_id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| format!("chime ListRooms: {}", DisplayErrorContext(e)))?;
        for room in page.rooms() {
            println!(
                "chime: room {} {}",
                room.room_id().unwrap_or_default(),
                room.name().unwrap_or_default()
            );
        }
    }

    client
        .delete_room()
        .account_id(account_id)
        .room_id(&room_id)
        .send()
        .await
        .map_err(|e| format!("chime DeleteRoom: {}", DisplayErrorContext(e)))?;
    println!("chime: deleted room {room_id}");
    Ok(())
}

async fn ivschat_rooms(config: &SdkConfig, name: &str) -> Result<(), String> {
    let client = aws_sdk_ivschat::Client::new(config);
    let created = client
        .create_room()
        .name(name)
        .send()
        .await
        .map_err(|e| format!("ivschat CreateRoom: {}", DisplayErrorContext(e)))?;
    let arn = created
        .arn()
        .ok_or("ivschat CreateRoom returned no ARN")?
        .to_owned();
    println!("ivschat: created room {arn}");

    let mut pages = client.list_rooms().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| format!("ivschat ListRooms: {}", DisplayErrorContext(e)))?;
        for room in page.rooms() {
            println!(
                "ivschat: room {} {}",
                room.arn().unwrap_or_default(),
                room.name().unwrap_or_default()
            );
        }
    }

    // Transport and other non-modeled failures become `DeleteRoomError::Unhandled`.
    let deleted = client.delete_room().identifier(&arn).send().await;
    match deleted.map_err(SdkError::into_service_error) {
        Ok(_) => println!("ivschat: deleted room {arn}"),
        // A modeled error is matched by variant; anything else says its kind.
        Err(DeleteRoomError::ResourceNotFoundException(e)) => {
            println!("ivschat: room {arn} was already gone ({e})")
        }
        Err(e) => return Err(format!("ivschat DeleteRoom: {}", DisplayErrorContext(e))),
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let config = config(args.endpoint_url).await;
    let chime = chime_rooms(&config, &args.account_id, &args.name).await;
    let ivschat = ivschat_rooms(&config, &args.name).await;
    let mut code = ExitCode::SUCCESS;
    for result in [chime, ivschat] {
        if let Err(message) = result {
            eprintln!("error: {message}");
            code = ExitCode::FAILURE;
        }
    }
    code
}
