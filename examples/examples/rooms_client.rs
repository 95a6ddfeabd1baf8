//! Creates, lists and deletes a Chime room and an IVS Chat room with the generated clients.
//!
//! ```text
//! cargo run -p examples --example rooms_client -- --account-id ACCOUNT [--endpoint-url URL]
//! ```
//!
//! Region and credentials come from the environment and `~/.aws` (`Client::from_env`).
//! With `--endpoint-url` (e.g. `http://127.0.0.1:8080`, a local server) both services
//! are called there, and when no credentials are configured placeholder ones are used (a
//! local server does not check signatures).

use std::process::ExitCode;

use generated::chime::{self, Chime};
use generated::ivschat::{self, Ivschat};
use generated::runtime::client::{Config, Credentials};

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

/// The environment's configuration; with an endpoint URL, defaults stand in for a
/// missing region or credentials (the credential chain is asked once here, so that a
/// local run without any falls back at once rather than on the first call).
async fn config(endpoint_url: Option<String>) -> Result<Config, String> {
    let Some(url) = endpoint_url else {
        return Config::from_env().map_err(|e| e.to_string());
    };
    let placeholder = |note: String, what: &str| {
        eprintln!("note: {note}\nnote: using {what} for {url}");
        Credentials::new("AKIDLOCAL", "local-secret")
    };
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => Config::new()
            .with_region("us-east-1")
            .with_credentials(placeholder(
                e.to_string(),
                "region us-east-1 and placeholder credentials",
            )),
    };
    if let Some(provider) = &config.credentials {
        if let Err(e) = provider.provide().await {
            config = config.with_credentials(placeholder(e.to_string(), "placeholder credentials"));
        }
    }
    Ok(config.with_endpoint_url(url))
}

async fn chime_rooms(config: Config, account_id: &str, name: &str) -> Result<(), String> {
    let client = chime::Client::new(config);
    let created = client
        .create_room(chime::CreateRoomRequest::new(
            account_id.to_owned(),
            name.to_owned(),
        ))
        .await
        .map_err(|e| format!("chime CreateRoom: {e}"))?;
    let room_id = created
        .room
        .and_then(|r| r.room_id)
        .ok_or("chime CreateRoom returned no room ID")?;
    println!("chime: created room {room_id}");

    let mut pages = client.list_rooms_pages(chime::ListRoomsRequest::new(account_id.to_owned()));
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| format!("chime ListRooms: {e}"))?;
        for room in page.rooms.unwrap_or_default() {
            println!(
                "chime: room {} {}",
                room.room_id.unwrap_or_default(),
                room.name.unwrap_or_default()
            );
        }
    }

    client
        .delete_room(chime::DeleteRoomRequest::new(
            account_id.to_owned(),
            room_id.clone(),
        ))
        .await
        .map_err(|e| format!("chime DeleteRoom: {e}"))?;
    println!("chime: deleted room {room_id}");
    Ok(())
}

async fn ivschat_rooms(config: Config, name: &str) -> Result<(), String> {
    let client = ivschat::Client::new(config);
    let input = ivschat::CreateRoomRequest {
        name: Some(name.to_owned()),
        ..Default::default()
    };
    let created = client
        .create_room(input)
        .await
        .map_err(|e| format!("ivschat CreateRoom: {e}"))?;
    let arn = created.arn.ok_or("ivschat CreateRoom returned no ARN")?;
    println!("ivschat: created room {arn}");

    let mut pages = client.list_rooms_pages(ivschat::ListRoomsRequest::default());
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| format!("ivschat ListRooms: {e}"))?;
        for room in page.rooms {
            println!(
                "ivschat: room {} {}",
                room.arn.unwrap_or_default(),
                room.name.unwrap_or_default()
            );
        }
    }

    match client
        .delete_room(ivschat::DeleteRoomRequest::new(arn.clone()))
        .await
    {
        Ok(()) => println!("ivschat: deleted room {arn}"),
        // A modeled error is matched by variant; anything else says its kind.
        Err(ivschat::DeleteRoomError::ResourceNotFoundException(e)) => {
            println!("ivschat: room {arn} was already gone ({e})")
        }
        Err(e) => return Err(format!("ivschat DeleteRoom: {e}")),
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
    let config = match config(args.endpoint_url).await {
        Ok(config) => config,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let chime = chime_rooms(config.clone(), &args.account_id, &args.name).await;
    let ivschat = ivschat_rooms(config, &args.name).await;
    let mut code = ExitCode::SUCCESS;
    for result in [chime, ivschat] {
        if let Err(message) = result {
            eprintln!("error: {message}");
            code = ExitCode::FAILURE;
        }
    }
    code
}
