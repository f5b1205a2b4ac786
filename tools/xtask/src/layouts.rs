//! Struct layouts and result numbers of the C ABI, for every binding that lays out memory
//! itself, generated from `include/wsclose.h` (cbindgen's rendering of `ffi-c`'s own
//! `#[repr(C)]` definitions).
//!
//! The header is read, not parsed in general: it is machine-written, and only the few C types
//! the ABI uses are accepted (fixed-width integers, `size_t`, pointers, the `uint8_t` enum
//! typedefs and arrays sized by a `#define`). `bool` is refused: integers, never `bool`, cross
//! the ABI. From the fields the C layout rules give size, alignment and offsets for two data
//! models, LP64 (x86-64, AArch64: `size_t` and pointers 8 bytes) and wasm32 (4 bytes; 64-bit
//! integers are 8-aligned there too). The files emitted:
//!
//! - `ffi-c/src/layout_generated.rs`: compile-time assertions, one block per pointer width, so
//!   the host build proves the LP64 numbers and `make wasm-build` the wasm32 ones;
//! - `bindings/go/abi_generated.go`: wasm32 layouts (the wazero route) and the result numbers;
//! - `bindings/java/.../Abi.java`: LP64 layouts (JNA and FFM) and the result numbers;
//! - `bindings/js/src/abi.generated.ts`: wasm32 layouts and the result numbers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A data model: the size (and alignment) of `size_t` and of a pointer.
#[derive(Clone, Copy)]
struct Model {
    pointer: usize,
}

const LP64: Model = Model { pointer: 8 };
const WASM32: Model = Model { pointer: 4 };

/// One field: its C type (scalar name or `*`), its array length (1 for a scalar) and name.
struct Field {
    name: String,
    ctype: String,
    count: usize,
}

struct Struct {
    name: String,
    fields: Vec<Field>,
}

/// Size, alignment and field offsets of one struct in one model.
struct Layout {
    size: usize,
    align: usize,
    offsets: Vec<(String, usize)>,
}

/// What the generators need from the header.
pub struct Abi {
    structs: Vec<Struct>,
    /// The `uint8_t`/`int32_t` typedef of each enum.
    enum_types: BTreeMap<String, String>,
    /// `enum wsclose_result`, in header order.
    results: Vec<(String, i64)>,
    /// `enum wsclose_received` (what `wsclose_browser_close_event` was given), in header order.
    received: Vec<(String, i64)>,
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
            out.push(' ');
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
            out.push('\n');
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

impl Abi {
    /// Reads `include/wsclose.h`; panics with the reason on anything it does not expect.
    pub fn read(root: &Path) -> Abi {
        let path = root.join("include/wsclose.h");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Abi::parse(&text)
    }

    fn parse(header: &str) -> Abi {
        let text = strip_comments(header);
        let mut defines = BTreeMap::new();
        let mut enum_types = BTreeMap::new();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let ["#define", name, value] = words[..] {
                if let Ok(value) = value.parse::<i64>() {
                    defines.insert(name.to_string(), value);
                }
            }
            // `typedef uint8_t wsclose_category;` (the C branch of cbindgen's enum typedefs).
            if let ["typedef", ctype, name] = words[..] {
                if let Some(name) = name.strip_suffix(';') {
                    enum_types.insert(name.to_string(), ctype.to_string());
                }
            }
        }
        let mut structs = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("typedef struct ") {
            let after = &rest[start + "typedef struct ".len()..];
            let (name, body) = after.split_once('{').expect("typedef struct NAME {");
            let (body, tail) = body.split_once('}').expect("a struct body ends with }");
            let name = name.trim().to_string();
            let fields = body
                .split(';')
                .map(|decl| decl.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|decl| !decl.is_empty())
                .map(|decl| parse_field(&name, &decl, &defines))
                .collect();
            structs.push(Struct { name, fields });
            rest = tail;
        }
        let enum_values = |name: &str| -> Vec<(String, i64)> {
            let start = text
                .find(&format!("enum {name}"))
                .unwrap_or_else(|| panic!("enum {name}"));
            let body = text[start..].split_once('{').expect("enum body").1;
            let body = body.split_once('}').expect("enum body end").0;
            body.split(',')
                .map(str::trim)
                .filter(|entry| !entry.is_empty())
                .map(|entry| {
                    let (name, value) = entry.split_once('=').expect("NAME = VALUE");
                    let value = value.trim().parse::<i64>().expect("an integer enumerator");
                    (name.trim().to_string(), value)
                })
                .collect::<Vec<_>>()
        };
        let results = enum_values("wsclose_result");
        let received = enum_values("wsclose_received");
        assert!(
            !structs.is_empty() && !results.is_empty(),
            "no structs or results in the header"
        );
        Abi {
            structs,
            enum_types,
            results,
            received,
        }
    }

    /// Size and alignment of one element of `ctype`.
    fn scalar(&self, ctype: &str, model: Model) -> (usize, usize) {
        match ctype {
            "uint8_t" | "int8_t" => (1, 1),
            "uint16_t" | "int16_t" => (2, 2),
            "uint32_t" | "int32_t" => (4, 4),
            "uint64_t" | "int64_t" => (8, 8),
            "size_t" | "*" => (model.pointer, model.pointer),
            "bool" => panic!("a bool field in include/wsclose.h: integers, never bool, cross the ABI"),
            other => match self.enum_types.get(other) {
                Some(base) if base != other => self.scalar(base, model),
                _ => panic!("layouts: unknown C type {other:?} in include/wsclose.h"),
            },
        }
    }

    fn layout(&self, s: &Struct, model: Model) -> Layout {
        let (mut offset, mut align) = (0usize, 1usize);
        let mut offsets = Vec::new();
        for field in &s.fields {
            let (size, field_align) = self.scalar(&field.ctype, model);
            offset = offset.next_multiple_of(field_align);
            offsets.push((field.name.clone(), offset));
            offset += size * field.count;
            align = align.max(field_align);
        }
        Layout {
            size: offset.next_multiple_of(align),
            align,
            offsets,
        }
    }
}

fn parse_field(owner: &str, decl: &str, defines: &BTreeMap<String, i64>) -> Field {
    let (decl, count) = match decl.split_once('[') {
        Some((head, bound)) => {
            let bound = bound.trim_end_matches(']').trim();
            let count = bound
                .parse::<i64>()
                .ok()
                .or_else(|| defines.get(bound).copied())
                .unwrap_or_else(|| panic!("layouts: {owner}: array bound {bound:?} is no number or #define"));
            (
                head.trim(),
                usize::try_from(count).expect("a positive array bound"),
            )
        }
        None => (decl, 1),
    };
    let pointer = decl.contains('*');
    let words: Vec<&str> = decl
        .split(|c: char| c.is_whitespace() || c == '*')
        .filter(|w| !w.is_empty())
        .collect();
    let (name, type_words) = words
        .split_last()
        .unwrap_or_else(|| panic!("layouts: {owner}: field {decl:?}"));
    let ctype = if pointer {
        "*".to_string()
    } else {
        type_words
            .iter()
            .filter(|w| **w != "const")
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Field {
        name: (*name).to_string(),
        ctype,
        count,
    }
}

const GENERATED: &str =
    "Generated by `make generate` (tools/xtask/src/layouts.rs) from include/wsclose.h. Do not edit.";

/// `wsclose_close_event` -> `CloseEvent`; `reply_reason_len` -> `ReplyReasonLen`.
fn camel(name: &str) -> String {
    name.trim_start_matches("wsclose_")
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn rust(abi: &Abi) -> String {
    let mut out = format!("//! {GENERATED}\n//! The struct layouts every binding relies on, proved at compile time for both data models:\n//! the host build checks LP64, `make wasm-build` checks wasm32.\n");
    for (cfg, model, label) in [("64", LP64, "LP64 (x86-64, AArch64)"), ("32", WASM32, "wasm32")] {
        let _ = writeln!(
            out,
            "\n/// {label}.\n#[cfg(target_pointer_width = \"{cfg}\")]\nconst _: () = {{"
        );
        let _ = writeln!(out, "    use core::mem::{{align_of, offset_of, size_of}};");
        for s in &abi.structs {
            let layout = abi.layout(s, model);
            let name = &s.name;
            let _ = writeln!(out, "    assert!(size_of::<crate::{name}>() == {});", layout.size);
            let _ = writeln!(
                out,
                "    assert!(align_of::<crate::{name}>() == {});",
                layout.align
            );
            for (field, offset) in &layout.offsets {
                let _ = writeln!(
                    out,
                    "    assert!(offset_of!(crate::{name}, {field}) == {offset});"
                );
            }
        }
        out.push_str("};\n");
    }
    out
}

/// A Go `const` block as gofmt writes it: the `=` of consecutive lines aligned.
fn go_block(out: &mut String, comment: &str, entries: &[(String, String)]) {
    let width = entries.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let _ = writeln!(out, "\n// {comment}\nconst (");
    for (name, value) in entries {
        let _ = writeln!(out, "\t{name:width$} = {value}");
    }
    out.push_str(")\n");
}

fn go(abi: &Abi) -> String {
    let mut out = String::from(
        "// Code generated by `make generate` (tools/xtask/src/layouts.rs) from include/wsclose.h. DO NOT EDIT.\n\npackage wsclose\n",
    );
    let results: Vec<(String, String)> = abi
        .results
        .iter()
        .map(|(name, value)| {
            let short = name.trim_start_matches("WSCLOSE_").trim_start_matches("ERR_");
            let go_name = if short == "OK" {
                "OK".to_string()
            } else {
                camel(&short.to_ascii_lowercase())
            };
            (format!("result{go_name}"), format!("int32({value})"))
        })
        .collect();
    go_block(
        &mut out,
        "Result numbers of the C ABI (enum wsclose_result).",
        &results,
    );
    let received: Vec<(String, String)> = abi
        .received
        .iter()
        .map(|(name, value)| {
            let short = name.trim_start_matches("WSCLOSE_RECEIVED_").to_ascii_lowercase();
            (format!("received{}", camel(&short)), format!("uint32({value})"))
        })
        .collect();
    go_block(
        &mut out,
        "What wsclose_browser_close_event was given (enum wsclose_received).",
        &received,
    );
    for s in &abi.structs {
        let layout = abi.layout(s, WASM32);
        let prefix = format!("wasm32{}", camel(&s.name));
        let mut entries = vec![
            (format!("{prefix}Size"), layout.size.to_string()),
            (format!("{prefix}Align"), layout.align.to_string()),
        ];
        for (field, offset) in &layout.offsets {
            entries.push((format!("{prefix}{}", camel(field)), offset.to_string()));
        }
        go_block(
            &mut out,
            &format!("struct {} in wasm32: size, alignment, byte offsets.", s.name),
            &entries,
        );
    }
    out
}

fn java(abi: &Abi) -> String {
    let mut out = format!(
        "// {GENERATED}\npackage dev.wsclose;\n\n/**\n * Numbers of the C ABI ({{@code include/wsclose.h}}) that both routes of {{@link Native}} use: the\n * result numbers, and the size, alignment and byte offsets of each struct in the LP64 layout\n * (x86-64, AArch64), computed by xtask from the header and proved by ffi-c's compile-time checks.\n */\nfinal class Abi {{\n    private Abi() {{}}\n\n"
    );
    for (name, value) in &abi.results {
        let _ = writeln!(
            out,
            "    /** {{@code {name}}}. */\n    static final int {} = {value};",
            name.trim_start_matches("WSCLOSE_")
        );
    }
    for (name, value) in &abi.received {
        let short = name.trim_start_matches("WSCLOSE_");
        let _ = writeln!(
            out,
            "    /** {{@code {name}}}. */\n    static final int {short} = {value};"
        );
    }
    for s in &abi.structs {
        let layout = abi.layout(s, LP64);
        let prefix = s.name.trim_start_matches("wsclose_").to_ascii_uppercase();
        let _ = writeln!(
            out,
            "\n    /** {{@code struct {}}}: size, alignment, offsets. */",
            s.name
        );
        let _ = writeln!(out, "    static final int {prefix}_SIZE = {};", layout.size);
        let _ = writeln!(out, "    static final int {prefix}_ALIGN = {};", layout.align);
        for (field, offset) in &layout.offsets {
            let field = field.trim_start_matches('_').to_ascii_uppercase();
            let _ = writeln!(out, "    static final int {prefix}_{field} = {offset};");
        }
    }
    out.push_str("}\n");
    out
}

fn typescript(abi: &Abi) -> String {
    let mut out = format!("// {GENERATED}\n\n/** The wasm32 layouts of the C ABI's structs: size, alignment and byte offsets. */\nexport const WASM32 = {{\n");
    for s in &abi.structs {
        let layout = abi.layout(s, WASM32);
        let offsets: Vec<String> = layout.offsets.iter().map(|(f, o)| format!("{f}: {o}")).collect();
        let _ = writeln!(
            out,
            "  {}: {{ size: {}, align: {}, offsets: {{ {} }} }},",
            s.name,
            layout.size,
            layout.align,
            offsets.join(", ")
        );
    }
    out.push_str("} as const;\n\n/** The result numbers of the C ABI (`enum wsclose_result`). */\nexport const RESULT = {\n");
    for (name, value) in &abi.results {
        let _ = writeln!(out, "  {}: {value},", name.trim_start_matches("WSCLOSE_"));
    }
    out.push_str(
        "} as const;\n\n/** What `wsclose_browser_close_event` was given (`enum wsclose_received`). */\n",
    );
    out.push_str("export const RECEIVED = {\n");
    for (name, value) in &abi.received {
        let _ = writeln!(
            out,
            "  {}: {value},",
            name.trim_start_matches("WSCLOSE_RECEIVED_")
        );
    }
    out.push_str("} as const;\n");
    out
}

/// Every generated file of this module, for `xtask write` / `xtask check`.
pub fn files(root: &Path) -> Vec<(PathBuf, String)> {
    let abi = Abi::read(root);
    vec![
        ("ffi-c/src/layout_generated.rs".into(), rust(&abi)),
        ("bindings/go/abi_generated.go".into(), go(&abi)),
        (
            "bindings/java/src/main/java/dev/wsclose/Abi.java".into(),
            java(&abi),
        ),
        ("bindings/js/src/abi.generated.ts".into(), typescript(&abi)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_rules_match_a_c_compiler() {
        let abi = Abi::parse(
            "#define N 3\ntypedef uint8_t e;\ntypedef struct s {\n  uint16_t a;\n  e b;\n  const char *p; /* x */\n  size_t n;\n  uint16_t arr[N];\n  uint64_t w;\n} s;\nenum wsclose_result { WSCLOSE_OK = 0, WSCLOSE_ERR_X = -201 };\nenum wsclose_received { A = 0 };\n",
        );
        let lp64 = abi.layout(&abi.structs[0], LP64);
        assert_eq!((lp64.size, lp64.align), (40, 8));
        let offsets: Vec<usize> = lp64.offsets.iter().map(|(_, o)| *o).collect();
        assert_eq!(offsets, [0, 2, 8, 16, 24, 32]);
        let wasm = abi.layout(&abi.structs[0], WASM32);
        let offsets: Vec<usize> = wasm.offsets.iter().map(|(_, o)| *o).collect();
        assert_eq!(offsets, [0, 2, 4, 8, 12, 24]);
        assert_eq!((wasm.size, wasm.align), (32, 8));
        assert_eq!(
            abi.results,
            [("WSCLOSE_OK".to_string(), 0), ("WSCLOSE_ERR_X".to_string(), -201)]
        );
    }

    #[test]
    #[should_panic(expected = "never bool")]
    fn a_bool_field_is_refused() {
        let abi = Abi::parse("typedef struct s { bool b; } s;\nenum wsclose_result { WSCLOSE_OK = 0 };\nenum wsclose_received { A = 0 };\n");
        let _ = abi.layout(&abi.structs[0], LP64);
    }
}
