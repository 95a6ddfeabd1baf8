//! An in-memory rooms server: the Amazon Chime rooms operations (CreateRoom, GetRoom,
//! ListRooms, UpdateRoom, DeleteRoom, CreateRoomMembership, ListRoomMemberships,
//! DeleteRoomMembership) and the Amazon IVS Chat ones (CreateRoom, GetRoom, ListRooms,
//! UpdateRoom, DeleteRoom), both on one port.
//!
//! ```text
//! cargo run -p examples --example rooms_server -- --port 8080
//! aws chime create-room --account-id 123 --name demo \
//!     --endpoint-url http://127.0.0.1:8080 --region us-east-1
//! ```
//!
//! Prints `listening on <address>` once bound (`--port 0` picks a free port); stops
//! gracefully on Ctrl-C (or SIGTERM), letting requests in flight finish.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

const USAGE: &str = "usage: rooms_server [--port PORT] (default 8080; 0 picks a free port)";

fn port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(8080),
        [flag, value] if flag == "--port" => {
            value.parse().map_err(|e| format!("--port `{value}`: {e}"))
        }
        [flag] if flag == "--help" || flag == "-h" => Err(String::new()),
        _ => Err(format!("unexpected arguments {args:?}")),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    eprintln!("shutting down");
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = match port(&args) {
        Ok(port) => port,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {address}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(bound) => println!("listening on {bound}"),
        Err(e) => eprintln!("bound, but the address is unknown: {e}"),
    }
    match examples::rooms::serve(listener, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
