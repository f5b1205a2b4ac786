//! `include/wsclose_constants.hpp`: the C++ layer's codes, limits and enums (snake_case like the
//! standard library), with `const_name()` for each enum (and `name()` for the enums whose text is
//! a name the outside world uses), the default reconnect policy's settings and the profiles'
//! facts the C ABI has no function for (title, subprotocols, the codes and ranges each names);
//! `wsclose.hpp` includes it.

use std::fmt::Write as _;

use wsclose::Profile;

use super::{EnumModel, Lang, Member, Model, Text, NOTE};

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
        "Advice" => (
            "advice".to_string(),
            format!(
                "{} (the numbers of `enum wsclose_advice`)",
                e.doc.trim_end_matches('.')
            ) + ".",
        ),
        "Cause" => (
            "cause".to_string(),
            format!(
                "{} (the cause numbers of `wsclose_explain`)",
                e.doc.trim_end_matches('.')
            ) + ".",
        ),
        "Intent" => (
            "intent".to_string(),
            format!(
                "{} (the numbers of `enum wsclose_intent`)",
                e.doc.trim_end_matches('.')
            ) + ".",
        ),
        "Engine" => (
            "engine".to_string(),
            format!(
                "{} (the numbers of `enum wsclose_engine`)",
                e.doc.trim_end_matches('.')
            ) + ".",
        ),
        "DomException" => (
            "dom_exception".to_string(),
            format!(
                "{} (`wsclose.hpp` pairs each with its C result, `WSCLOSE_ERR_INVALID_ACCESS`…)",
                e.doc.trim_end_matches('.')
            ) + ".",
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
        None if member.text.is_empty() => member.description.to_string(),
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
    let t = &p.type_name;
    let values: Vec<String> = e.members.iter().map(|m| format!("{t}::{}", ident(m))).collect();
    let _ = writeln!(
        out,
        "/// Every {t}, in the order of their numbers.\ninline constexpr {t} {t}_values[] = {{{}}};\n",
        values.join(", ")
    );
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
    if e.text == Text::Name {
        let example = e.members.last().map_or("", |m| m.text);
        let _ = writeln!(
            out,
            "/// The name the outside world uses (\"{example}\"); empty for other numbers.\nconstexpr std::string_view name({t} value) noexcept {{\n  switch (value) {{"
        );
        for m in &e.members {
            let _ = writeln!(out, "    case {t}::{}: return \"{}\";", ident(m), m.text);
        }
        out.push_str("  }\n  return {};\n}\n\n");
    }
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

/// The default reconnect policy's settings and the limit on overrides.
fn policy(out: &mut String, model: &Model) {
    let d = model.policy_defaults;
    let o = &model.policy_max_overrides;
    let _ = writeln!(
        out,
        "/// {}\ninline constexpr std::size_t {} = {};\n",
        o.doc,
        o.ident.to_ascii_lowercase(),
        o.value
    );
    let max = d
        .max_attempts
        .map_or_else(|| "std::nullopt".to_string(), |n| format!("{n}u"));
    let _ = writeln!(
        out,
        "/// The settings of the default reconnect policy (`wsclose_policy_init`).\nnamespace policy_defaults {{\n/// The backoff base in milliseconds.\ninline constexpr std::uint64_t base_ms = {};\n/// The backoff cap in milliseconds.\ninline constexpr std::uint64_t cap_ms = {};\n/// The attempt limit (std::nullopt: none).\ninline constexpr std::optional<std::uint32_t> max_attempts = {max};\n/// Whether a code whose advice is unspecified is retried.\ninline constexpr bool retry_unspecified = {};\n}}  // namespace policy_defaults\n",
        d.base_ms, d.cap_ms, d.retry_unspecified
    );
}

/// `discord-gateway` → `discord_gateway`.
fn profile_ident(name: &str) -> String {
    name.replace(['-', '.'], "_")
}

/// The profiles in the order of the C ABI's indexes, with what the ABI has no function for.
fn profiles(out: &mut String, model: &Model) {
    out.push_str(
        "/// A range of close codes, `first` to `last` inclusive.\nstruct code_range {\n  std::uint16_t first;\n  std::uint16_t last;\n};\n\n",
    );
    let _ = writeln!(
        out,
        "/// How many profiles there are (`wsclose_profile_count()`).\ninline constexpr std::size_t profile_count = {};\n",
        model.profiles.len()
    );
    out.push_str(
        "namespace detail {\n/// One profile's facts, at its C ABI index.\nstruct profile_facts {\n  std::string_view name;\n  std::string_view title;\n  const std::string_view *subprotocols;\n  std::size_t subprotocol_count;\n  const std::uint16_t *codes;\n  std::size_t code_count;\n  const code_range *ranges;\n  std::size_t range_count;\n};\n\n",
    );
    let mut rows = Vec::new();
    for p in &model.profiles {
        let core = Profile::by_name(p.name).expect("a model profile is a core profile");
        let id = profile_ident(p.name);
        let list = |out: &mut String, kind: &str, ty: &str, items: Vec<String>| -> String {
            if items.is_empty() {
                return "nullptr, 0".to_string();
            }
            let _ = writeln!(
                out,
                "inline constexpr {ty} {kind}_{id}[] = {{{}}};",
                items.join(", ")
            );
            format!("{kind}_{id}, {}", items.len())
        };
        let subprotocols = list(
            out,
            "subprotocols",
            "std::string_view",
            p.subprotocols.iter().map(|s| format!("{s:?}")).collect(),
        );
        let codes = list(
            out,
            "codes",
            "std::uint16_t",
            core.codes()
                .iter()
                .map(|c| c.code().as_u16().to_string())
                .collect(),
        );
        let ranges = list(
            out,
            "ranges",
            "code_range",
            core.ranges()
                .iter()
                .map(|r| format!("{{{}, {}}}", r.first().as_u16(), r.last().as_u16()))
                .collect(),
        );
        rows.push(format!(
            "    {{{:?}, {:?}, {subprotocols}, {codes}, {ranges}}},",
            p.name, p.title
        ));
    }
    let _ = writeln!(
        out,
        "\n/// The profiles in name order (the C ABI's indexes).\ninline constexpr profile_facts profiles[profile_count] = {{\n{}\n}};\n}}  // namespace detail\n",
        rows.join("\n")
    );
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
    policy(&mut out, model);
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
    let _ = writeln!(
        out,
        "/// How many causes `explain` knows; no explanation has more.\ninline constexpr std::size_t cause_count = {};\n",
        model.enum_named("Cause").members.len()
    );
    profiles(&mut out, model);
    out.push_str("}  // namespace wsclose\n\n#endif  // WSCLOSE_CONSTANTS_HPP\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The profile table is in the C ABI's index order (name order), and every enum the C++
    /// layer wraps is declared with its C numbers.
    #[test]
    fn the_header_declares_every_enum_and_the_profiles_in_index_order() {
        let header = header(&Model::from_core());
        for decl in [
            "enum class advice : std::uint8_t {\n  stop = 0,",
            "enum class engine : std::uint8_t {\n  chromium = 0,",
            "enum class dom_exception : std::uint8_t {\n  invalid_access = 0,",
            "enum class cause : std::uint8_t {",
            "inline constexpr engine engine_values[] = {engine::chromium, engine::firefox};",
            "constexpr std::string_view name(dom_exception value) noexcept {",
        ] {
            assert!(header.contains(decl), "missing: {decl}");
        }
        let table = &header[header.find("profiles[profile_count] = {").expect("the table")..];
        let mut at = 0;
        for profile in Profile::ALL {
            let row = format!("    {{{:?}, {:?},", profile.name(), profile.title());
            let found = table[at..]
                .find(&row)
                .unwrap_or_else(|| panic!("{row} out of order"));
            at += found + row.len();
        }
    }
}
