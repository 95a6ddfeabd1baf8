//! A bounded load test on loopback: the generated IVS Chat server answering `GetRoom` from
//! memory, beside a minimal hyper server answering the same fixed JSON (the floor), each
//! in its own child process; one client drives both in turn and prints requests/s,
//! latency percentiles, the server's CPU time per request, errors and each server's peak
//! RSS (`VmHWM`), then the throughput and p99 ratios.
//!
//! ```text
//! cargo run --release -p examples --example load [-- --requests 20000 --concurrency 64 --rounds 5
//!                                                    --runtime current --event-interval 16 --pin on]
//! ```
//!
//! Both servers run side by side; each round drives `--requests` requests at each, in
//! alternating order, so a noisy machine disturbs both alike. The summary gives the
//! median round's requests/s, p50/p90/p99/p99.9 over all rounds' latencies, the errors and
//! the peak RSS. Exits non-zero when any request fails.
//!
//! Both servers get the same Tokio runtime: `--runtime current` (the default: one thread)
//! or `multi` (a worker per core), polling for I/O every `--event-interval` tasks (Tokio's
//! default is 61). The client is a single thread, so that it never time-slices against
//! itself; on Linux with two or more CPUs (`--pin on`, the default) it runs on the first
//! CPU the process may use and the servers on the others, so that the client and a busy
//! server never wait out each other's scheduler slices. BENCHMARKS.md "Tail latency" has
//! why these choices decide the tail on a small machine. (`--serve RUNTIME EVENT_INTERVAL
//! CPUS generated|floor [JSON]` is the child mode, `CPUS` a comma-separated list or `-`:
//! it prints `listening on <address>` and serves until its stdin closes.)

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
    /// The servers' runtime.
    runtime: RuntimeKind,
    /// The servers' runtime polls for I/O after this many tasks.
    event_interval: u32,
    /// Whether the client and the servers run on separate CPUs.
    pin: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        requests: 20_000,
        concurrency: 64,
        rounds: 5,
        runtime: RuntimeKind::Current,
        event_interval: 16,
        pin: true,
    };
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--runtime" => {
                options.runtime = RuntimeKind::parse(value)?;
                continue;
            }
            "--pin" => {
                options.pin = match value.as_str() {
                    "on" => true,
                    "off" => false,
                    _ => return Err(format!("--pin on | off, not `{value}`")),
                };
                continue;
            }
            _ => {}
        }
        let number: usize = value
            .parse()
            .map_err(|e| format!("{flag} `{value}`: {e}"))?;
        match flag.as_str() {
            "--requests" => options.requests = number,
            "--concurrency" => options.concurrency = number.max(1),
            "--rounds" => options.rounds = number.max(1),
            "--event-interval" => {
                options.event_interval = u32::try_from(number.max(1))
                    .map_err(|_| format!("--event-interval `{value}` is too large"))?;
            }
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

/// The servers' Tokio runtime: one thread, or a worker per core.
#[derive(Debug, Clone, Copy)]
enum RuntimeKind {
    Current,
    Multi,
}

impl RuntimeKind {
    fn parse(name: &str) -> Result<Self, String> {
        match name {
            "current" => Ok(RuntimeKind::Current),
            "multi" => Ok(RuntimeKind::Multi),
            _ => Err(format!("--runtime current | multi, not `{name}`")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            RuntimeKind::Current => "current",
            RuntimeKind::Multi => "multi",
        }
    }

    /// The runtime, polling for I/O every `event_interval` tasks.
    fn build(self, event_interval: u32) -> Result<tokio::runtime::Runtime, String> {
        let mut builder = match self {
            RuntimeKind::Current => tokio::runtime::Builder::new_current_thread(),
            RuntimeKind::Multi => tokio::runtime::Builder::new_multi_thread(),
        };
        builder
            .event_interval(event_interval)
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
    }
}

fn serve_child(args: &[String]) -> Result<(), String> {
    let [kind, event_interval, pinned, args @ ..] = args else {
        return Err("--serve RUNTIME EVENT_INTERVAL CPUS generated | floor <JSON>".to_owned());
    };
    if pinned != "-" {
        let cpus = pinned
            .split(',')
            .map(|c| c.parse().map_err(|e| format!("CPU `{c}`: {e}")))
            .collect::<Result<Vec<usize>, String>>()?;
        cpus::pin(&cpus)?;
    }
    let event_interval = event_interval
        .parse()
        .map_err(|e| format!("event interval `{event_interval}`: {e}"))?;
    let runtime = RuntimeKind::parse(kind)?.build(event_interval)?;
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

/// Which CPUs the process runs on (Linux: `sched_getaffinity`/`sched_setaffinity`).
#[cfg(target_os = "linux")]
mod cpus {
    use std::mem::{size_of, zeroed};

    /// The CPUs this process may run on (none when that cannot be read).
    pub fn allowed() -> Vec<usize> {
        // SAFETY: `cpu_set_t` is plain bits, valid zeroed; the kernel writes at most
        // `size_of::<cpu_set_t>()` bytes into it.
        let mut set: libc::cpu_set_t = unsafe { zeroed() };
        if unsafe { libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) } != 0 {
            return Vec::new();
        }
        let size = usize::try_from(libc::CPU_SETSIZE).unwrap_or(0);
        // SAFETY: `cpu` is below `CPU_SETSIZE`, the set's capacity.
        (0..size)
            .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
            .collect()
    }

    /// Confines the calling thread, and the threads it starts after, to `cpus`.
    pub fn pin(cpus: &[usize]) -> Result<(), String> {
        // SAFETY: as in `allowed`; `CPU_SET` ignores CPUs beyond the set's capacity.
        let mut set: libc::cpu_set_t = unsafe { zeroed() };
        for &cpu in cpus {
            unsafe { libc::CPU_SET(cpu, &mut set) };
        }
        if unsafe { libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set) } == 0 {
            Ok(())
        } else {
            Err(format!(
                "cannot pin to CPUs {cpus:?}: {}",
                std::io::Error::last_os_error()
            ))
        }
    }
}

/// No pinning off Linux.
#[cfg(not(target_os = "linux"))]
mod cpus {
    pub fn allowed() -> Vec<usize> {
        Vec::new()
    }

    pub fn pin(_: &[usize]) -> Result<(), String> {
        Ok(())
    }
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
    fn spawn(options: &Options, cpus: &str, args: &[&str]) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg("--serve")
            .arg(options.runtime.name())
            .arg(options.event_interval.to_string())
            .arg(cpus)
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

    /// CPU time its threads have run so far (the sum of `/proc/PID/task/*/schedstat`).
    fn cpu_time(&self) -> Option<Duration> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()?;
        let mut nanos = 0u64;
        for task in tasks.flatten() {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
            nanos += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(Duration::from_nanos(nanos))
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
    /// Each round's p99 latency.
    round_p99s: Vec<Duration>,
    /// Every successful request's latency, sorted.
    latencies: Vec<Duration>,
    errors: usize,
    requests: usize,
    /// The server's CPU time over the measured rounds.
    cpu: Duration,
    peak_rss_kib: Option<u64>,
}

impl Figures {
    fn add(
        &mut self,
        requests: usize,
        mut latencies: Vec<Duration>,
        errors: usize,
        elapsed: Duration,
    ) {
        self.rates.push(requests as f64 / elapsed.as_secs_f64());
        latencies.sort_unstable();
        self.round_p99s.push(percentile(&latencies, 0.99));
        self.latencies.extend(latencies);
        self.latencies.sort_unstable();
        self.errors += errors;
        self.requests += requests;
    }

    /// The median round's requests/s.
    fn rps(&self) -> f64 {
        let mut rates = self.rates.clone();
        rates.sort_by(f64::total_cmp);
        rates.get(rates.len() / 2).copied().unwrap_or(0.0)
    }

    /// The median round's p99, in milliseconds.
    fn round_p99_ms(&self) -> f64 {
        let mut p99s = self.round_p99s.clone();
        p99s.sort_unstable();
        p99s.get(p99s.len() / 2)
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    }

    /// The `p` quantile of the latencies, in milliseconds.
    fn ms(&self, p: f64) -> f64 {
        percentile(&self.latencies, p).as_secs_f64() * 1e3
    }

    fn print(&self, name: &str) {
        let rss = self
            .peak_rss_kib
            .map_or("?".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
        let rounds: Vec<String> = self.rates.iter().map(|r| format!("{r:.0}")).collect();
        println!(
            "{name:<10} {:>7.0} req/s (median; rounds {})  p50 {:.3}  p90 {:.3}  p99 {:.3}  p99.9 {:.3} ms  (median round's p99 {:.3} ms; rounds {})  server CPU {:.2} µs/request  errors {}/{}  peak RSS {rss}",
            self.rps(),
            rounds.join(" "),
            self.ms(0.50),
            self.ms(0.90),
            self.ms(0.99),
            self.ms(0.999),
            self.round_p99_ms(),
            self.round_p99s
                .iter()
                .map(|d| format!("{:.3}", d.as_secs_f64() * 1e3))
                .collect::<Vec<_>>()
                .join(" "),
            self.cpu.as_secs_f64() * 1e6 / self.requests.max(1) as f64,
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
    let cpu_before = server.cpu_time();
    let (latencies, errors, elapsed) =
        hammer(&server.address, options.requests, options.concurrency, body).await?;
    figures.add(options.requests, latencies, errors, elapsed);
    if let (Some(before), Some(after)) = (cpu_before, server.cpu_time()) {
        figures.cpu += after.saturating_sub(before);
    }
    Ok(())
}

/// Pins this process to the first CPU it may use and returns the others, for the servers
/// (`-` when unpinned: fewer than two CPUs, `--pin off`, or not Linux).
fn split_cpus(options: &Options) -> Result<String, String> {
    let allowed = cpus::allowed();
    match allowed.split_first() {
        Some((client, servers)) if options.pin && !servers.is_empty() => {
            cpus::pin(&[*client])?;
            let servers: Vec<String> = servers.iter().map(ToString::to_string).collect();
            Ok(servers.join(","))
        }
        _ => Ok("-".to_owned()),
    }
}

fn drive(options: &Options) -> Result<(), String> {
    let server_cpus = split_cpus(options)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let generated = Server::spawn(options, &server_cpus, &["generated"])?;
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
    let floor_server = Server::spawn(options, &server_cpus, &["floor", &room_json])?;
    println!(
        "GetRoom over loopback: {} rounds of {} requests at concurrency {} per server, each server in its own process ({} runtime, event interval {}, servers on CPUs {}); response {} bytes",
        options.rounds,
        options.requests,
        options.concurrency,
        options.runtime.name(),
        options.event_interval,
        server_cpus,
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
        "ratio      {:.2}x the floor's throughput (median rounds), {:.2}x its p99 ({:.2}x its median round's p99)",
        ours.rps() / floor.rps(),
        ours.ms(0.99) / floor.ms(0.99),
        ours.round_p99_ms() / floor.round_p99_ms()
    );
    if ours.errors + floor.errors > 0 {
        return Err(format!("{} requests failed", ours.errors + floor.errors));
    }
    Ok(())
}
