//! `bindings/go/constants_generated.go`, gofmt-clean: the codes (`NormalClosure CloseCode = 1000`),
//! limits, one `const` block per enum (`Category*`, `Reconnect*`, `Kind*`, …) and the tables the
//! package's methods read (labels, constant names, messages, answer codes).

use std::fmt::Write as _;

use super::{camel, lower_first, EnumModel, Lang, Member, Model, Text, NOTE};

/// How the Go package declares one enum of the model.
struct Prose {
    /// The Go type (`PayloadErrorKind`).
    type_name: &'static str,
    /// What the constants' names start with (`Kind`).
    prefix: &'static str,
    /// The comment above the `const` block.
    comment: &'static str,
}

fn prose(e: &EnumModel) -> Prose {
    let (prefix, comment) = match e.name {
        "Category" => ("Category", "The six ranges of the close code space."),
        "Reconnect" => ("Reconnect", "The reconnect advice."),
        "PayloadErrorKind" => (
            "Kind",
            "The payload error kinds; each value is the kind's stable C result number.",
        ),
        "Advice" => (
            "Advice",
            "The advice of a profile (Profile.Advice, ReconnectPolicy overrides).",
        ),
        "Intent" => (
            "Intent",
            "What a server intends its close to make a profile's clients do (Profile.CodesFor, Profile.CheckIntent).",
        ),
        "Cause" => (
            "Cause",
            "The likely causes Explain reports; Summary and Check come from the library.",
        ),
        "Engine" => ("Engine", "The browser engines the browser model knows."),
        "DomException" => ("Dom", "The exceptions a page's ws.close() throws."),
        _ => (e.name, e.doc),
    };
    Prose {
        type_name: e.name,
        prefix,
        comment,
    }
}

/// A part of the file, in order.
enum Part {
    /// Enums that declare their constants together, each followed by its tables after them all.
    Enums(&'static [&'static str]),
    /// `policyMaxOverrides`.
    PolicyMaxOverrides,
}

/// The order of the file: the code API declares its three enums' constants before their tables;
/// every other enum has its tables right after its constants. An enum of the model that is not
/// listed here follows at the end.
const LAYOUT: &[Part] = &[
    Part::Enums(&["Category", "Reconnect", "PayloadErrorKind"]),
    Part::Enums(&["Advice"]),
    Part::Enums(&["Intent"]),
    Part::Enums(&["Cause"]),
    Part::PolicyMaxOverrides,
    Part::Enums(&["Engine"]),
    Part::Enums(&["DomException"]),
];

/// A Go identifier: `camel` with Go's initialisms upper-cased (`InvalidUtf8` → `InvalidUTF8`,
/// `TlsHandshake` → `TLSHandshake`).
fn go_ident(const_name: &str) -> String {
    const INITIALISMS: [(&str, &str); 2] = [("Utf8", "UTF8"), ("Tls", "TLS")];
    INITIALISMS
        .iter()
        .fold(camel(const_name), |ident, (from, to)| ident.replace(from, to))
}

/// One `const ( … )` block: each entry is (doc comment, name, type, value). Each constant has
/// its own doc comment line, so gofmt aligns nothing.
fn const_block(out: &mut String, entries: &[(String, String, &str, String)]) {
    out.push_str("const (\n");
    for (doc, name, ty, value) in entries {
        let _ = writeln!(out, "\t// {doc}\n\t{name} {ty} = {value}");
    }
    out.push_str(")\n\n");
}

fn member_doc(e: &EnumModel, ident: &str, m: &Member) -> String {
    match (m.range, e.text) {
        (Some((start, end)), _) => format!("{ident}: {start}–{end} ({}).", m.text),
        (None, Text::Label | Text::Message) => format!("{ident}: {}.", m.text),
        (None, Text::Name) => format!("{ident} is {}.", m.text),
        (None, Text::None) => format!("{ident} is {} {}.", e.name.to_ascii_lowercase(), m.ident),
    }
}

/// The enum's constants (`CategoryUnused Category = 0`).
fn constants(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let _ = writeln!(out, "// {}", p.comment);
    let entries: Vec<_> = e
        .members
        .iter()
        .map(|m| {
            let ident = format!("{}{}", p.prefix, go_ident(&m.ident));
            (member_doc(e, &ident, m), ident, p.type_name, m.number.to_string())
        })
        .collect();
    const_block(out, &entries);
}

fn string_array(out: &mut String, name: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.map(|s| format!("{s:?}")).collect();
    let _ = writeln!(out, "var {name} = [...]string{{{}}}\n", items.join(", "));
}

/// The tables the methods read: labels and constant names, names, a count, or an error kind's facts.
fn tables(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let lower = lower_first(e.name);
    match e.text {
        Text::Label => {
            string_array(
                out,
                &format!("{lower}Labels"),
                e.members.iter().map(|m| m.text.to_string()),
            );
            string_array(
                out,
                &format!("{lower}ConstNames"),
                e.members.iter().map(|m| m.ident.clone()),
            );
        }
        Text::Name => string_array(
            out,
            &format!("{lower}Names"),
            e.members.iter().map(|m| m.text.to_string()),
        ),
        Text::None => {
            let _ = writeln!(out, "const {lower}Count = {}\n", e.members.len());
        }
        Text::Message => {
            let facts = format!("{}Facts", lower.strip_suffix("Kind").unwrap_or(&lower));
            let _ = writeln!(
                out,
                "type {facts} struct {{\n\tconstName   string\n\tmessage     string\n\tanswerCode  CloseCode // 0: none\n\tcarriesCode bool      // the error carries the status code\n}}\n\nvar {lower}s = map[{}]{facts}{{",
                p.type_name
            );
            let keys: Vec<String> = e
                .members
                .iter()
                .map(|m| format!("{}{}:", p.prefix, go_ident(&m.ident)))
                .collect();
            let width = keys.iter().map(String::len).max().unwrap_or(0);
            for (key, m) in keys.iter().zip(&e.members) {
                let answer = m.answer.expect("an error kind has an answer");
                let _ = writeln!(
                    out,
                    "\t{key:<width$} {{{:?}, {:?}, {}, {}}},",
                    m.ident,
                    m.text,
                    answer.close_code.unwrap_or(0),
                    answer.carries_code
                );
            }
            out.push_str("}\n\n");
        }
    }
}

pub fn constants_file(model: &Model) -> String {
    let mut out = format!(
        "// Code generated by xtask from the wsclose core. DO NOT EDIT.\n// {NOTE}\n\npackage wsclose\n\n"
    );
    out.push_str("// The 16 standard close codes (RFC 6455 §7.4.1, IANA registry).\n");
    let entries: Vec<_> = model
        .standard_codes
        .iter()
        .map(|code| {
            let ident = go_ident(code.ident);
            (
                format!("{ident} is {} {}.", code.value, code.name),
                ident,
                "CloseCode",
                code.value.to_string(),
            )
        })
        .collect();
    const_block(&mut out, &entries);
    let entries: Vec<_> = model
        .limits
        .iter()
        .map(|limit| {
            let ident = camel(limit.ident);
            (
                format!("{ident} is {}", lower_first(&limit.doc)),
                ident,
                "int",
                limit.value.to_string(),
            )
        })
        .collect();
    const_block(&mut out, &entries);
    let enums: Vec<&EnumModel> = model.enums_in(Lang::Go).collect();
    let listed: Vec<&str> = LAYOUT
        .iter()
        .flat_map(|part| match part {
            Part::Enums(names) => names.to_vec(),
            Part::PolicyMaxOverrides => Vec::new(),
        })
        .collect();
    let unlisted: Vec<Vec<&str>> = enums
        .iter()
        .filter(|e| !listed.contains(&e.name))
        .map(|e| vec![e.name])
        .collect();
    let parts = LAYOUT
        .iter()
        .map(|part| match part {
            Part::Enums(names) => Some(names.to_vec()),
            Part::PolicyMaxOverrides => None,
        })
        .chain(unlisted.into_iter().map(Some));
    for part in parts {
        let Some(names) = part else {
            let _ = writeln!(
                out,
                "// policyMaxOverrides is how many codes a ReconnectPolicy can override (WSCLOSE_POLICY_MAX_OVERRIDES).\nconst policyMaxOverrides = {}\n",
                model.policy_max_overrides.value
            );
            continue;
        };
        let group: Vec<&EnumModel> = names
            .iter()
            .filter_map(|n| enums.iter().copied().find(|e| e.name == *n))
            .collect();
        for e in &group {
            constants(&mut out, e);
        }
        for e in &group {
            tables(&mut out, e);
        }
    }
    // The last table ends the file without a blank line after it.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
