//! `wsclose._wsclose`: the private extension module behind the `wsclose` Python package.
//!
//! It holds no table and no rule of its own: every fact and every check comes from the `wsclose`
//! crate. What it does is conversion (Python ints, strings and buffers in, Python objects out)
//! and errors. The enums (`Category`, `Reconnect`, `CloseCode`, `PayloadErrorKind`, `Advice`,
//! `Cause`, `Engine`) are generated into `python/wsclose/_constants.py`; `Close`, `PayloadError`
//! and the `DomException` classes are defined in `python/wsclose/__init__.py`, which hands them
//! to the registry (`registry.rs`) once at import. From then on a call returns cached members of
//! those types, so `classify` builds nothing and `info` of a named code returns a cached
//! `CodeInfo`.
//!
//! The files follow the core's: `code` (one code), `payload` (Close payloads), `bulk` (arrays),
//! `profiles`, `policy`, `explain` and `browser`; `convert` and `registry` serve them all.

mod browser;
mod bulk;
mod code;
mod convert;
mod explain;
mod payload;
mod policy;
mod profiles;
mod registry;
mod stats;

use pyo3::prelude::*;

#[pymodule]
fn _wsclose(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("MAX_CLOSE_PAYLOAD", wsclose::MAX_CLOSE_PAYLOAD)?;
    module.add("MAX_REASON_LEN", wsclose::MAX_REASON_LEN)?;
    registry::add(module)?;
    code::add(module)?;
    payload::add(module)?;
    bulk::add(module)?;
    profiles::add(module)?;
    policy::add(module)?;
    explain::add(module)?;
    browser::add(module)?;
    stats::register(module)?;
    Ok(())
}
