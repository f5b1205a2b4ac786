//! `include/wsclose_constants.hpp`: the C++ layer's codes, limits and enums (snake_case like the
//! standard library), with `const_name()` for each enum; `wsclose.hpp` includes it.

use std::fmt::Write as _;

use super::{EnumModel, Lang, Member, Model, NOTE};

/// How the C++ layer declares one enum of the model.
struct Prose {
    /// The C++ type (`reconnect_advice`).
    type_name: String,
    /// The doc comment of the type.
    doc: String,
    /// The underlying type.
    repr: &'static str,
    /// The constant name `const_name()`'s doc shows as an example.
    example: String,
}

fn prose(e: &EnumModel) -> Prose {
    let (type_name, doc) = match e.name {
        "Category" => (
            "category".to_string(),
            "The range a close code belongs to (the numbers of `enum wsclose_category`).".to_string(),
        ),
        "Reconnect" => (
            "reconnect_advice".to_string(),
            "What a client should do after a close (the numbers of `enum wsclose_reconnect_advice`)."
                .to_string(),
        ),
        "PayloadErrorKind" => (
            "payload_error_kind".to_string(),
            "What was wrong with a Close payload; the values are the stable C result numbers.".to_string(),
        ),
        _ => (snake(e.name), e.doc.to_string()),
    };
    let example = match e.name {
        "PayloadErrorKind" => "INVALID_UTF8".to_string(),
        _ => e.members.last().map(|m| m.ident.clone()).unwrap_or_default(),
    };
    let repr = if e.members.iter().all(|m| (0..=255).contains(&m.number)) {
        "std::uint8_t"
    } else {
        "std::int32_t"
    };
    Prose {
        type_name,
        doc,
        repr,
        example,
    }
}

/// `PayloadErrorKind` → `payload_error_kind`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// A C++ identifier for a member: `OUT_OF_RANGE` → `out_of_range`; a C++ keyword (`PRIVATE`)
/// takes the snake-cased text instead (`private use` → `private_use`).
fn ident(member: &Member) -> String {
    const KEYWORDS: [&str; 6] = ["private", "public", "protected", "default", "delete", "new"];
    let ident = member.ident.to_ascii_lowercase();
    if KEYWORDS.contains(&ident.as_str()) {
        member.text.replace([' ', '-'], "_")
    } else {
        ident
    }
}

fn member_doc(member: &Member) -> String {
    match member.range {
        Some((start, end)) => format!("{start}–{end} ({})", member.text),
        None => member.text.to_string(),
    }
}

/// The `enum class` of one enum.
fn enum_class(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let _ = writeln!(out, "/// {}\nenum class {} : {} {{", p.doc, p.type_name, p.repr);
    for m in &e.members {
        let _ = writeln!(out, "  {} = {},  ///< {}", ident(m), m.number, member_doc(m));
    }
    out.push_str("};\n\n");
}

/// `const_name()` of one enum, and for error kinds the lookup by result number and `carries_code()`.
fn functions(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let t = &p.type_name;
    let _ = writeln!(
        out,
        "/// The constant name used in every language (\"{}\"); empty for other numbers.\nconstexpr std::string_view const_name({t} value) noexcept {{\n  switch (value) {{",
        p.example
    );
    for m in &e.members {
        let _ = writeln!(out, "    case {t}::{}: return \"{}\";", ident(m), m.ident);
    }
    out.push_str("  }\n  return {};\n}\n\n");
}

fn answer_functions(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let t = &p.type_name;
    let _ = writeln!(
        out,
        "/// The {} whose C result number is `result`, if any.\nconstexpr std::optional<{t}> {t}_from_result(std::int32_t result) noexcept {{\n  switch (result) {{",
        t.replace('_', " ")
    );
    for m in &e.members {
        let _ = writeln!(out, "    case {}: return {t}::{};", m.number, ident(m));
    }
    out.push_str("    default: return std::nullopt;\n  }\n}\n\n");
    let _ = writeln!(
        out,
        "/// Whether an error of this kind carries the status code (not the 1-byte and over-long payloads).\nconstexpr bool carries_code({t} value) noexcept {{\n  switch (value) {{"
    );
    for m in &e.members {
        let carries = m.answer.is_some_and(|a| a.carries_code);
        let _ = writeln!(out, "    case {t}::{}: return {carries};", ident(m));
    }
    out.push_str("  }\n  return false;\n}\n\n");
}

pub fn header(model: &Model) -> String {
    let mut out = format!(
        "// {NOTE}\n// Named constants and enums of the C++ layer; wsclose.hpp includes this file.\n#ifndef WSCLOSE_CONSTANTS_HPP\n#define WSCLOSE_CONSTANTS_HPP\n\n#include <cstddef>\n#include <cstdint>\n#include <optional>\n#include <string_view>\n\nnamespace wsclose {{\n\n/// The 16 standard close codes (RFC 6455 §7.4.1, IANA registry).\nnamespace codes {{\n"
    );
    for code in &model.standard_codes {
        let _ = writeln!(
            out,
            "/// {} {}.\ninline constexpr std::uint16_t {} = {};",
            code.value,
            code.name,
            code.ident.to_ascii_lowercase(),
            code.value
        );
    }
    out.push_str("}  // namespace codes\n\n");
    for limit in &model.limits {
        let _ = writeln!(
            out,
            "/// {}\ninline constexpr std::size_t {} = {};",
            limit.doc,
            limit.ident.to_ascii_lowercase(),
            limit.value
        );
    }
    out.push('\n');
    let enums: Vec<&EnumModel> = model.enums_in(Lang::Cpp).collect();
    for e in &enums {
        enum_class(&mut out, e);
    }
    for e in &enums {
        functions(&mut out, e);
    }
    for e in enums.iter().filter(|e| e.answers()) {
        answer_functions(&mut out, e);
    }
    out.push_str("}  // namespace wsclose\n\n#endif  // WSCLOSE_CONSTANTS_HPP\n");
    out
}
