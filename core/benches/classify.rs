//! `make bench`: wsclose against tungstenite, its Rust peer, in the same run, on a random mix of
//! valid and invalid codes (fixed seed) so the branch predictor cannot learn the sequence.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;
use wsclose::{classify, classify_many, facts_many, parse_close_payload, CloseCode, Fact};

/// Half uniform over all 65,536 values, a quarter standard codes, a quarter 3000–4999.
fn random_codes(n: usize) -> Vec<u16> {
    let mut rng = fastrand::Rng::with_seed(0x5EED_C105E);
    (0..n)
        .map(|_| match rng.u8(0..4) {
            0 | 1 => rng.u16(..),
            2 => rng.u16(1000..=1015),
            _ => rng.u16(3000..=4999),
        })
        .collect()
}

const PER_ITER: usize = 4096;

// Every function under test is called through a non-inlined wrapper, as a caller in another
// crate or through an FFI would call it, so the loop cannot fold the predicate into itself.
#[inline(never)]
fn ws_classify(code: u16) -> u32 {
    classify(code) as u32
}
#[inline(never)]
fn ws_is_sendable(code: u16) -> u32 {
    CloseCode::new(code).is_sendable() as u32
}
#[inline(never)]
fn ws_is_local_only(code: u16) -> u32 {
    CloseCode::new(code).is_local_only() as u32
}
#[inline(never)]
fn ws_is_browser_closeable(code: u16) -> u32 {
    CloseCode::new(code).is_browser_closeable() as u32
}
#[inline(never)]
fn ws_is_ok(code: u16) -> u32 {
    CloseCode::new(code).is_ok() as u32
}
#[inline(never)]
fn ws_reconnect(code: u16) -> u32 {
    CloseCode::new(code).reconnect() as u32
}
#[inline(never)]
fn tungstenite_from(code: u16) -> u32 {
    matches!(TungsteniteCode::from(code), TungsteniteCode::Bad(_)) as u32
}
#[inline(never)]
fn tungstenite_is_allowed(code: u16) -> u32 {
    TungsteniteCode::from(code).is_allowed() as u32
}

/// Benchmarks each non-inlined function with a direct call; the ids are read back by
/// scripts/bench_report.py.
macro_rules! per_call_group {
    ($c:expr, $codes:expr, $($id:literal => $function:ident),+ $(,)?) => {{
        let mut group = $c.benchmark_group("per_call");
        group.throughput(Throughput::Elements(PER_ITER as u64));
        $(
            group.bench_function($id, |b| {
                // The slice goes through `black_box` once per iteration; each call stays a real
                // call (`#[inline(never)]`), so nothing is hoisted or folded.
                b.iter(|| black_box(&$codes).iter().map(|&code| $function(code)).sum::<u32>())
            });
        )+
        group.finish();
    }};
}

fn per_call(c: &mut Criterion) {
    let codes = random_codes(PER_ITER);
    per_call_group!(c, codes,
        "wsclose::classify" => ws_classify,
        "tungstenite::CloseCode::from" => tungstenite_from,
        "wsclose::is_sendable" => ws_is_sendable,
        "tungstenite::is_allowed" => tungstenite_is_allowed,
        "wsclose::is_local_only" => ws_is_local_only,
        "wsclose::is_browser_closeable" => ws_is_browser_closeable,
        "wsclose::is_ok" => ws_is_ok,
        "wsclose::reconnect" => ws_reconnect,
    );
}

fn bulk(c: &mut Criterion) {
    const N: usize = 1 << 20;
    let codes = random_codes(N);
    let mut out = vec![0u8; N];
    let mut group = c.benchmark_group("bulk");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("wsclose::classify_many", |b| {
        b.iter(|| classify_many(black_box(&codes), black_box(&mut out)).unwrap())
    });
    for fact in Fact::ALL {
        group.bench_function(format!("wsclose::facts_many/{}", fact.const_name()), |b| {
            b.iter(|| facts_many(fact, black_box(&codes), black_box(&mut out)).unwrap())
        });
    }
    // The floor: a plain u16 -> u8 copy of the same arrays.
    group.bench_function("u16_to_u8_copy", |b| {
        b.iter(|| {
            for (slot, &code) in black_box(&mut out).iter_mut().zip(black_box(&codes)) {
                *slot = code as u8;
            }
        })
    });
    group.finish();
}

fn payload(c: &mut Criterion) {
    let codes = random_codes(PER_ITER);
    let payloads: Vec<Vec<u8>> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let mut payload = code.to_be_bytes().to_vec();
            payload.extend_from_slice(if i % 3 == 0 {
                "server shutting down \u{e9}".as_bytes()
            } else {
                b"bye"
            });
            payload
        })
        .collect();
    let mut group = c.benchmark_group("payload");
    group.throughput(Throughput::Elements(PER_ITER as u64));
    group.bench_function("wsclose::parse_close_payload", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter(|p| parse_close_payload(black_box(p)).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, per_call, bulk, payload);
criterion_main!(benches);
