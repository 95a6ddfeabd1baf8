//! Connection hygiene of `runtime::server::serve_with` on 127.0.0.1 (issue 18): a client
//! that sends half a request head, one that sends nothing, and one whose body stalls are
//! cut off within their timeouts; a flood of idle connections at the cap does not keep a
//! well-behaved client from being served, and a slow reader still gets all of a long
//! response. Timeouts are shortened to a few hundred milliseconds; every socket has a 10 s
//! read timeout, so nothing hangs.

use std::convert::Infallible;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use generated::ivschat::IvschatServer;
use generated::runtime::server::{serve_with, Response, ServerConfig, TimedBody};

const SHORT: Duration = Duration::from_millis(300);

/// Runs `test` with the address of an IVS Chat rooms server under `config`, then stops it.
fn with_server(config: ServerConfig, test: impl FnOnce(SocketAddr)) {
    let server = IvschatServer::with_config(examples::rooms::IvschatRooms::default(), config);
    with_service(config, server, test);
}

/// Runs `test` with the address of `service` served under `config`, then stops it.
fn with_service<S>(config: ServerConfig, service: S, test: impl FnOnce(SocketAddr))
where
    S: tower_service::Service<http::Request<TimedBody>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = runtime.spawn(serve_with(listener, service, config, async {
        let _ = stopped.await;
    }));
    test(address);
    let _ = stop.send(());
    runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), serving).await })
        .expect("the server stops")
        .expect("joined")
        .expect("served");
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
}

/// Reads until the server closes the connection: what it sent, and how long that took.
fn until_closed(stream: &mut TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        start.elapsed(),
    )
}

const GOOD: &[u8] = b"POST /CreateRoom HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
content-length: 17\r\nconnection: close\r\n\r\n{\"name\":\"lobby\"}\n";

#[test]
fn slow_header_clients_are_disconnected_within_the_header_timeout() {
    let config = ServerConfig::default()
        .header_read_timeout(SHORT)
        .idle_timeout(Duration::from_secs(30));
    with_server(config, |address| {
        // As in the issue: many clients that each send half a request line and header.
        let start = Instant::now();
        let mut slow: Vec<TcpStream> = (0..50).map(|_| connect(address)).collect();
        for client in &mut slow {
            client
                .write_all(b"POST /CreateRoom HTTP/1.1\r\nhost: x\r\n")
                .expect("half a head");
        }
        for client in &mut slow {
            let (answer, _) = until_closed(client);
            assert!(!answer.contains("200 OK"), "{answer}");
        }
        let took = start.elapsed();
        println!(
            "{} slow header clients all closed after {took:?}",
            slow.len()
        );
        assert!(took < SHORT + Duration::from_secs(2), "{took:?}");
    });
}

#[test]
fn a_silent_connection_is_closed_within_the_idle_timeout() {
    let config = ServerConfig::default()
        .header_read_timeout(Duration::from_secs(30))
        .idle_timeout(SHORT);
    with_server(config, |address| {
        let mut silent = connect(address);
        let (answer, took) = until_closed(&mut silent);
        println!("silent client closed after {took:?}");
        assert!(answer.is_empty(), "{answer}");
        assert!(took < SHORT + Duration::from_secs(2), "{took:?}");
        // A kept-alive connection after its response is closed the same way.
        let mut kept = connect(address);
        let request = b"POST /ListRooms HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
content-length: 2\r\n\r\n{}";
        kept.write_all(request).expect("request");
        let (answer, took) = until_closed(&mut kept);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(took < SHORT + Duration::from_secs(2), "{took:?}");
    });
}

#[test]
fn a_stalled_body_is_answered_408_within_the_body_timeout() {
    let config = ServerConfig::default().body_read_timeout(SHORT);
    with_server(config, |address| {
        let mut stalled = connect(address);
        stalled
            .write_all(
                b"POST /CreateRoom HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n\
content-length: 17\r\n\r\n{\"na",
            )
            .expect("part of a body");
        let start = Instant::now();
        let mut answer = [0_u8; 512];
        let n = stalled.read(&mut answer).expect("an answer");
        let took = start.elapsed();
        let answer = String::from_utf8_lossy(&answer[..n]);
        println!("stalled body answered after {took:?}");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("RequestTimeoutException"), "{answer}");
        assert!(took < SHORT + Duration::from_secs(2), "{took:?}");
    });
}

#[test]
fn idle_connections_at_the_cap_do_not_keep_a_good_client_out() {
    const CAP: usize = 4;
    let config = ServerConfig::default()
        .max_connections(CAP)
        .header_read_timeout(SHORT)
        .idle_timeout(SHORT);
    with_server(config, |address| {
        let flood: Vec<TcpStream> = (0..CAP * 4).map(|_| connect(address)).collect();
        let start = Instant::now();
        let mut good = connect(address);
        good.write_all(GOOD).expect("request");
        let (answer, took) = until_closed(&mut good);
        println!(
            "good client served after {took:?} behind {} idle connections (cap {CAP})",
            flood.len()
        );
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        // It waited for idle connections to be cut off, and no longer than a few rounds
        // of the timeouts (the flood is four times the cap).
        assert!(start.elapsed() < Duration::from_secs(8), "{took:?}");
        for mut idle in flood {
            let (answer, _) = until_closed(&mut idle);
            assert!(!answer.contains("200"), "{answer}");
        }
    });
}

/// Answers every request with `LONG` bytes.
#[derive(Clone)]
struct Long;

const LONG: usize = 8 << 20;

impl tower_service::Service<http::Request<TimedBody>> for Long {
    type Response = Response;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<TimedBody>) -> Self::Future {
        let body = bytes::Bytes::from(vec![b'x'; LONG]);
        std::future::ready(Ok(http::Response::new(http_body_util::Full::new(body))))
    }
}

#[test]
fn a_slow_reader_gets_all_of_a_long_response_past_the_header_timeout() {
    // The response is handed over at once (no request in flight), then written for
    // longer than the header-read timeout: that is not a wait for the next head.
    let config = ServerConfig::default()
        .header_read_timeout(SHORT)
        .idle_timeout(SHORT);
    with_service(config, Long, |address| {
        let mut reader = connect(address);
        reader
            .write_all(b"GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            .expect("request");
        let start = Instant::now();
        let mut received = Vec::new();
        let mut chunk = vec![0_u8; 64 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let took = start.elapsed();
        println!("{} bytes read in {took:?}", received.len());
        assert!(took > SHORT * 2, "the read was not slow: {took:?}");
        let head_end = received
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        assert_eq!(received.len() - head_end - 4, LONG, "the whole body");
    });
}
