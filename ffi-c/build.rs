//! Link arguments for the shared library: the soname `libwsclose.so.0`. rustc exports only the
//! `#[no_mangle]` items of a cdylib (`wsclose_*`), and the test `tests/c/check-exports.sh`
//! verifies that with `nm -D`. There is no version script of our own: rustc passes the linker an
//! anonymous one already, and GNU ld refuses a second one beside it (rustc 1.85 does; the MSRV
//! build in `make test-msrv` proves the link works there).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libwsclose.so.0");
    }
}
