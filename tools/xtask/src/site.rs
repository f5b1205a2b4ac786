//! Pages of the documentation site generated from the core: `docs/browser-cases.md`, what a
//! Chromium page and a Firefox page see for every case of the differential's event corpus,
//! grouped by what the server sent.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use wsclose::{parse_close_payload, CloseEvent, Engine, Received, Reply};

use crate::differential::unhex;

/// What a page sees, in words, relative to what the server sent (`sent`: the code and reason of a
/// well-formed payload), so that inputs the engines treat alike share a row:
/// `the code sent and its reason, clean; echoes them`, `1006, not clean, error first; sends nothing`.
fn seen(event: &CloseEvent<'_>, sent: Option<(u16, &str)>) -> String {
    let same_code = sent.is_some_and(|(code, _)| code == event.code);
    let code = if same_code {
        "the code sent".to_string()
    } else {
        event.code.to_string()
    };
    let reason = match sent {
        _ if event.reason.is_empty() => "",
        Some((_, reason)) if reason == event.reason => " and its reason",
        _ => " and a reason",
    };
    let reply = match event.reply {
        None => "sends nothing".to_string(),
        Some(Reply::Empty) => "sends an empty Close".to_string(),
        Some(Reply::Close { code, reason: r }) if code == event.code && r == event.reason => {
            "echoes them".to_string()
        }
        Some(Reply::Close { code, .. }) => format!("sends {code}"),
    };
    format!(
        "{code}{reason}, {}{}; {reply}",
        if event.was_clean { "clean" } else { "not clean" },
        if event.error_fired { ", `error` first" } else { "" },
    )
}

/// The group a server's input belongs to, in the order the page shows them.
fn group(received: Received<'_>) -> (u8, String) {
    match received {
        Received::Dropped | Received::Reset => (0, "No Close frame".into()),
        Received::Payload(bytes) => match parse_close_payload(bytes) {
            Ok(close) if bytes.is_empty() => (1, format!("An empty payload ({})", close.code().as_u16())),
            Ok(close) => {
                let code = close.code();
                let kind = if code.is_local_only() {
                    "a code only ever reported locally (1005, 1006, 1015)".to_string()
                } else if code.is_sendable() {
                    format!("a sendable code ({})", code.category().label())
                } else {
                    format!("a code no endpoint may send ({})", code.category().label())
                };
                (2, format!("A well-formed payload with {kind}"))
            }
            Err(err) => (3, format!("A malformed payload: {}", err.message())),
        },
    }
}

fn input(received: Received<'_>) -> String {
    match received {
        Received::Dropped => "TCP closed (FIN)".into(),
        Received::Reset => "TCP reset (RST)".into(),
        Received::Payload([]) => "(empty)".into(),
        Received::Payload(bytes) if bytes.len() > 12 => {
            format!("`{}…` ({} bytes)", crate::hex(&bytes[..8]), bytes.len())
        }
        Received::Payload(bytes) => format!("`{}`", crate::hex(bytes)),
    }
}

/// A group of inputs (its order, its title) and what the two engines show (Chromium, Firefox).
type Group = (u8, String);
type Answers = (String, String);

/// `corpus`: the text of `tests/differential/parse.txt` (one payload per line, hex).
pub fn browser_cases_md(corpus: &str) -> String {
    let payloads: Vec<Vec<u8>> = corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(unhex)
        .collect();
    let mut inputs = vec![Received::Dropped, Received::Reset];
    inputs.extend(payloads.iter().map(|p| Received::Payload(p)));
    // group -> (chromium, firefox) -> inputs
    let mut groups: BTreeMap<Group, BTreeMap<Answers, Vec<String>>> = BTreeMap::new();
    let (mut cases, mut differ) = (0usize, 0usize);
    for received in inputs {
        let sent = match received {
            Received::Payload(bytes) if !bytes.is_empty() => parse_close_payload(bytes).ok(),
            _ => None,
        };
        let sent = sent.as_ref().map(|close| (close.code().as_u16(), close.reason()));
        let answers = (
            seen(&Engine::Chromium.close_event(received), sent),
            seen(&Engine::Firefox.close_event(received), sent),
        );
        groups
            .entry(group(received))
            .or_default()
            .entry(answers)
            .or_default()
            .push(input(received));
    }
    let mut body = String::new();
    for ((_, title), rows) in &groups {
        let _ = writeln!(body, "\n## {title}\n");
        let _ = writeln!(
            body,
            "| the server sends | Chromium shows the page | Firefox shows the page | |"
        );
        let _ = writeln!(body, "|---|---|---|---|");
        for ((chromium, firefox), examples) in rows {
            cases += 1;
            let mark = if chromium == firefox {
                ""
            } else {
                differ += 1;
                "**differ**"
            };
            let shown: Vec<&str> = examples.iter().take(4).map(String::as_str).collect();
            let more = if examples.len() > shown.len() {
                format!(" and {} more", examples.len() - shown.len())
            } else {
                String::new()
            };
            let _ = writeln!(
                body,
                "| {}{more} | {chromium} | {firefox} | {mark} |",
                shown.join(", ")
            );
        }
    }
    let total = 2 + payloads.len();
    format!(
        "<!-- Generated by `make generate` (tools/xtask/src/site.rs) from the core's browser model. Do not edit. -->\n\
         # Chromium and Firefox, case by case\n\n\
         What a page's `close` event says, and what the browser sends back, for each of the {total} inputs of the\n\
         differential's event corpus (`tests/differential/parse.txt`, plus a TCP close and a TCP reset), from\n\
         the core's browser model (`core/src/browser.rs`), which `make test-e2e` checks against real\n\
         Chromium and Firefox for every input. Inputs with the same answers share a row: {cases} cases,\n\
         and the two engines differ in {differ} of them. [What a page sees](browser.md) explains why.\n{body}",
    )
}
