//! `ListRooms` returning 1,000 rooms from a loopback server: calls per second through our
//! generated client and through `aws-sdk-chime`, side by side in one run. Both sign with
//! SigV4, send over plain HTTP/1.1 to the same server and parse the same body.
//!
//! Run: `cargo bench --manifest-path benches/sdk-compare/Cargo.toml` (BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generated::chime::{self, Chime};
use generated::runtime::client::{Config, Credentials};
use sdk_compare::{list_rooms_body, serve_fixed, ACCOUNT_ID};

const ROOMS: usize = 1_000;

fn ours(endpoint: &str) -> chime::Client {
    chime::Client::new(
        Config::new()
            .with_region("us-east-1")
            .with_endpoint_url(endpoint)
            .with_credentials(Credentials::new("AKIDBENCH", "secret")),
    )
}

fn sdk(endpoint: &str) -> aws_sdk_chime::Client {
    use aws_sdk_chime::config::{BehaviorVersion, Credentials, Region};
    let config = aws_sdk_chime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDBENCH", "secret", None, None, "bench"))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_chime::Client::from_conf(config)
}

fn list_rooms(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let addr = runtime
        .block_on(serve_fixed(list_rooms_body(ROOMS)))
        .expect("loopback server");
    let endpoint = format!("http://{addr}");
    let (ours, sdk) = (ours(&endpoint), sdk(&endpoint));

    // Both clients see the whole page before they are timed.
    let page = runtime
        .block_on(ours.list_rooms(chime::ListRoomsRequest::new(ACCOUNT_ID.to_owned())))
        .expect("our client lists the rooms");
    assert_eq!(page.rooms.map(|r| r.len()), Some(ROOMS));
    let page = runtime
        .block_on(sdk.list_rooms().account_id(ACCOUNT_ID).send())
        .expect("the SDK lists the rooms");
    assert_eq!(page.rooms().len(), ROOMS);

    let mut group = c.benchmark_group("ListRooms (1,000 rooms, loopback)");
    group.throughput(Throughput::Elements(1));
    group.bench_function("generated", |b| {
        b.to_async(&runtime).iter(|| async {
            let page = ours
                .list_rooms(chime::ListRoomsRequest::new(ACCOUNT_ID.to_owned()))
                .await
                .expect("listed");
            page.rooms.map_or(0, |r| r.len())
        })
    });
    group.bench_function("aws-sdk-chime", |b| {
        b.to_async(&runtime).iter(|| async {
            let page = sdk
                .list_rooms()
                .account_id(ACCOUNT_ID)
                .send()
                .await
                .expect("listed");
            page.rooms().len()
        })
    });
    group.finish();
}

criterion_group!(benches, list_rooms);
criterion_main!(benches);
