//! A bounded load test on loopback: the generated IVS Chat server answering `GetRoom` from
//! memory, beside a minimal hyper server answering the same fixed JSON (the floor), each
//! in its own child process; one client drives both in turn and prints requests/s,
//! p50/p99 latency, errors and each server's peak RSS (`VmHWM`), then the throughput ratio.
//!
//! ```text
//! cargo run --release -p examples --example load [-- --requests 20000 --concurrency 64 --rounds 5]
//! ```
//!
//! Both servers run side by side; each round drives `--requests` requests at each, in
//! alternating order, so a noisy machine disturbs both alike. The summary gives the
//! median round's requests/s, p50/p99 over all rounds' latencies, the errors and the
//! peak RSS. Exits non-zero when any request fails. (`--serve generated|floor [JSON]` is the child
//! mode: it prints `listening on <address>` and serves until its stdin closes.)

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

const ROOM_NAME: &str = "load";

/// What to run, from the command line.
struct Options {
    requests: usize,
    concurrency: usize,
    rounds: usize,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        requests: 20_000,
        concurrency: 64,
        rounds: 5,
    };
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number: usize = value
            .parse()
            .map_err(|e| format!("{flag} `{value}`: {e}"))?;
        match flag.as_str() {
            "--requests" => options.requests = number,
            "--concurrency" => options.concurrency = number.max(1),
            "--rounds" => options.rounds = number.max(1),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--serve") => serve_child(&args[1..]),
        _ => options(&args).and_then(|o| drive(&o)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("load: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---- child: one server until stdin closes ----

fn serve_child(args: &[String]) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on {address}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let (closed, stdin_closed) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            let _ = closed.send(());
        });
        let shutdown = async {
            let _ = stdin_closed.await;
        };
        match args {
            [kind] if kind == "generated" => {
                let server = generated::ivschat::IvschatServer::new(
                    examples::rooms::IvschatRooms::default(),
                );
                generated::runtime::server::serve(listener, server, shutdown)
                    .await
                    .map_err(|e| e.to_string())
            }
            [kind, json] if kind == "floor" => {
                floor(listener, Bytes::from(json.clone()), shutdown).await
            }
            _ => Err(format!("--serve generated | floor <JSON>, not {args:?}")),
        }
    })
}

/// The floor: hyper answering every request with `json`, nothing else.
async fn floor(
    listener: tokio::net::TcpListener,
    json: Bytes,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), String> {
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return Ok(()),
        };
        let Ok((stream, _)) = accepted else { continue };
        let json = json.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |_request| {
                let json = json.clone();
                async move {
                    let response = http::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(json))
                        .map_err(|e| e.to_string())?;
                    Ok::<_, String>(response)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

// ---- parent: spawn, drive, measure ----

/// A server child process.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    address: String,
}

impl Server {
    fn spawn(args: &[&str]) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg("--serve")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start a server: {e}"))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let address = line
            .trim()
            .strip_prefix("listening on ")
            .ok_or_else(|| format!("unexpected server output {line:?}"))?
            .to_owned();
        Ok(Server {
            child,
            stdin,
            address,
        })
    }

    /// Peak resident set size so far, in KiB (`VmHWM`).
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// Closes its stdin (its shutdown signal) and waits up to 10 s, else kills it.
    fn stop(mut self) {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The figures of one server over every round.
#[derive(Default)]
struct Figures {
    /// Requests/s of each round.
    rates: Vec<f64>,
    /// Every successful request's latency.
    latencies: Vec<Duration>,
    errors: usize,
    requests: usize,
    peak_rss_kib: Option<u64>,
}

impl Figures {
    fn add(&mut self, requests: usize, latencies: Vec<Duration>, errors: usize, elapsed: Duration) {
        self.rates.push(requests as f64 / elapsed.as_secs_f64());
        self.latencies.extend(latencies);
        self.errors += errors;
        self.requests += requests;
    }

    /// The median round's requests/s.
    fn rps(&self) -> f64 {
        let mut rates = self.rates.clone();
        rates.sort_by(f64::total_cmp);
        rates.get(rates.len() / 2).copied().unwrap_or(0.0)
    }

    fn print(&mut self, name: &str) {
        self.latencies.sort_unstable();
        let rss = self
            .peak_rss_kib
            .map_or("?".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
        let rounds: Vec<String> = self.rates.iter().map(|r| format!("{r:.0}")).collect();
        println!(
            "{name:<10} {:>7.0} req/s (median; rounds {})  p50 {:.3} ms  p99 {:.3} ms  errors {}/{}  peak RSS {rss}",
            self.rps(),
            rounds.join(" "),
            percentile(&self.latencies, 0.50).as_secs_f64() * 1e3,
            percentile(&self.latencies, 0.99).as_secs_f64() * 1e3,
            self.errors,
            self.requests,
        );
    }
}

/// A request: `POST path` with a JSON body.
fn post(address: &str, path: &str, json: &str) -> http::Request<Full<Bytes>> {
    http::Request::builder()
        .method("POST")
        .uri(path)
        .header("host", address)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(json.to_owned())))
        .unwrap_or_else(|_| http::Request::new(Full::new(Bytes::new())))
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(address: &str) -> Result<Sender, String> {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .map_err(|e| format!("connect {address}: {e}"))?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    Ok(sender)
}

/// One request on `sender`: the status and body.
async fn send(
    sender: &mut Sender,
    request: http::Request<Full<Bytes>>,
) -> Result<(u16, Bytes), String> {
    sender.ready().await.map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body))
}

/// `total` copies of `make()` sent over `concurrency` keep-alive connections.
async fn hammer(
    address: &str,
    total: usize,
    concurrency: usize,
    body: &str,
) -> Result<(Vec<Duration>, usize, Duration), String> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    let started = Instant::now();
    for _ in 0..concurrency {
        let (next, address, body) = (Arc::clone(&next), address.to_owned(), body.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let mut sender = match connect(&address).await {
                Ok(s) => s,
                Err(_) => return (latencies, usize::MAX),
            };
            while next.fetch_add(1, Ordering::Relaxed) < total {
                let t = Instant::now();
                match send(&mut sender, post(&address, "/GetRoom", &body)).await {
                    Ok((200, _)) => latencies.push(t.elapsed()),
                    _ => {
                        errors += 1;
                        // A failed connection is replaced; a bad status keeps it.
                        if sender.is_closed() {
                            match connect(&address).await {
                                Ok(s) => sender = s,
                                Err(_) => return (latencies, errors),
                            }
                        }
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    let mut errors = 0usize;
    for task in tasks {
        let (l, e) = task.await.map_err(|e| e.to_string())?;
        if e == usize::MAX {
            return Err("a client could not connect".to_owned());
        }
        latencies.extend(l);
        errors += e;
    }
    Ok((latencies, errors, started.elapsed()))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// One round at `server`, added to `figures`.
async fn measure(
    server: &Server,
    options: &Options,
    body: &str,
    figures: &mut Figures,
) -> Result<(), String> {
    let (latencies, errors, elapsed) =
        hammer(&server.address, options.requests, options.concurrency, body).await?;
    figures.add(options.requests, latencies, errors, elapsed);
    Ok(())
}

fn drive(options: &Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let generated = Server::spawn(&["generated"])?;
    let (arn, room_json) = runtime.block_on(async {
        let mut sender = connect(&generated.address).await?;
        let create = format!("{{\"name\":\"{ROOM_NAME}\"}}");
        let (status, body) = send(
            &mut sender,
            post(&generated.address, "/CreateRoom", &create),
        )
        .await?;
        if status != 200 {
            return Err(format!("CreateRoom answered {status}: {body:?}"));
        }
        let created: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        let arn = created["arn"].as_str().ok_or("no arn")?.to_owned();
        let get = format!("{{\"identifier\":\"{arn}\"}}");
        let (status, body) = send(&mut sender, post(&generated.address, "/GetRoom", &get)).await?;
        if status != 200 {
            return Err(format!("GetRoom answered {status}: {body:?}"));
        }
        Ok::<_, String>((arn, String::from_utf8_lossy(&body).into_owned()))
    })?;
    let body = format!("{{\"identifier\":\"{arn}\"}}");
    let floor_server = Server::spawn(&["floor", &room_json])?;
    println!(
        "GetRoom over loopback: {} rounds of {} requests at concurrency {} per server, each server in its own process; response {} bytes",
        options.rounds,
        options.requests,
        options.concurrency,
        room_json.len()
    );
    let (mut ours, mut floor) = (Figures::default(), Figures::default());
    let result = runtime.block_on(async {
        // Warm-up (connections, allocator), not counted.
        for server in [&generated, &floor_server] {
            hammer(&server.address, 1_000, options.concurrency, &body).await?;
        }
        for round in 0..options.rounds {
            if round % 2 == 0 {
                measure(&floor_server, options, &body, &mut floor).await?;
                measure(&generated, options, &body, &mut ours).await?;
            } else {
                measure(&generated, options, &body, &mut ours).await?;
                measure(&floor_server, options, &body, &mut floor).await?;
            }
        }
        Ok::<_, String>(())
    });
    ours.peak_rss_kib = generated.peak_rss_kib();
    floor.peak_rss_kib = floor_server.peak_rss_kib();
    generated.stop();
    floor_server.stop();
    result?;
    floor.print("floor");
    ours.print("generated");
    println!(
        "ratio      {:.2}x the floor's throughput (median rounds)",
        ours.rps() / floor.rps()
    );
    if ours.errors + floor.errors > 0 {
        return Err(format!("{} requests failed", ours.errors + floor.errors));
    }
    Ok(())
}
