//! Link arguments for the shared library: the soname `libwsclose.so.0` and a version script
//! (`wsclose.map`) that exports only the `wsclose_*` functions. rustc already hides everything
//! but the `#[no_mangle]` items of a cdylib; the script states the same rule to the linker, and
//! the test `tests/c/check-exports.sh` verifies the outcome with `nm -D`.

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo:rerun-if-changed=wsclose.map");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={dir}/wsclose.map");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libwsclose.so.0");
    }
}
