//! `ffi-c/src/consts.rs`: Rust constants of the C ABI crate; cbindgen turns them into `#define`s
//! in `wsclose.h`.

use std::fmt::Write as _;

use super::{Model, NOTE};

pub fn consts(model: &Model) -> String {
    let mut out = format!(
        "//! {NOTE}\n//! Named constants of the C ABI; cbindgen writes them into `include/wsclose.h`.\n\n"
    );
    for code in &model.standard_codes {
        let _ = writeln!(
            out,
            "/// {} {}.\npub const WSCLOSE_{}: u16 = {};",
            code.value, code.name, code.ident, code.value
        );
    }
    for limit in &model.limits {
        let _ = write!(
            out,
            "\n/// {}\npub const WSCLOSE_{}: usize = {};\n",
            limit.doc, limit.ident, limit.value
        );
    }
    out
}
