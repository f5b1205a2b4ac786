//! Prints a profile's advice for every close code, one line per code 0..=65535:
//! `code<TAB>ADVICE` (`Advice::const_name`, e.g. `RETRY`). Used by `tests/profiles-js/`, which
//! compares the lines with what the real reference clients do (`make test-profiles-js`).
//!
//! ```text
//! cargo run -q --release -p wsclose --example profile_advice -- graphql-transport-ws
//! ```

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use wsclose::{CloseCode, Profile};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name] = args.as_slice() else {
        eprintln!("usage: profile_advice PROFILE_NAME");
        return ExitCode::from(2);
    };
    let Some(profile) = Profile::by_name(name) else {
        let known: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
        eprintln!("unknown profile {name:?}; known: {}", known.join(", "));
        return ExitCode::from(2);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for value in 0..=u16::MAX {
        let advice = profile.advice(CloseCode::new(value));
        if writeln!(out, "{value}\t{}", advice.const_name()).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
