//! `py/python/wsclose/_constants.py`: the enum classes themselves, so that mypy and readers see
//! every member; the facts (labels, phrases, predicates, messages) are set on the members at
//! import from the core.

use std::fmt::Write as _;

use super::{EnumModel, Lang, Member, Model, Text, NOTE};

/// What a member's value is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Value {
    /// The C ABI number (`enum.IntEnum`).
    Number,
    /// The constant name (`enum.StrEnum`).
    Ident,
    /// The text (`enum.StrEnum`).
    Text,
}

/// How the Python package declares one enum of the model.
struct Prose {
    /// The class docstring (a multi-line one ends in a newline and the indentation).
    doc: &'static str,
    /// The annotated attributes `wsclose/__init__.py` sets, with their docstrings.
    attrs: &'static [(&'static str, &'static str)],
    value: Value,
}

fn prose(e: &EnumModel) -> Prose {
    let base = Prose {
        doc: e.doc,
        attrs: &[],
        value: Value::Number,
    };
    match e.name {
        "Category" => Prose {
            doc: "The range a close code belongs to; the numbers are those of the core and the C header.",
            attrs: &[
                ("label: str", "A short human label, e.g. ``\"private use\"``."),
                ("description: str", "What codes in this range are for."),
                ("range: builtins.range", "The codes in this category, e.g. ``range(4000, 5000)``."),
            ],
            ..base
        },
        "Reconnect" => Prose {
            attrs: &[("label: str", "A short human label, e.g. ``\"app-defined\"``.")],
            ..base
        },
        "CloseCode" => Prose {
            doc: "The close codes the core names, in the manner of :class:`http.HTTPStatus`: the sixteen\n    standard codes and the IANA-registered ones with a name. Every fact is a plain attribute.\n    ",
            attrs: &[
                ("phrase: str", "The name, e.g. ``\"Going Away\"``."),
                ("description: str", "What the code means, in a sentence or two."),
                ("category: Category", ""),
                ("sendable: bool", "May appear in a Close frame on the wire."),
                ("local_only: bool", "Only ever reported to the application, never sent."),
                ("browser_closeable: bool", "Accepted by a browser's ``WebSocket.close(code)``."),
                ("ok: bool", "The connection ended normally."),
                ("reconnect: Reconnect", "Whether a client should reconnect after this code."),
            ],
            ..base
        },
        "PayloadErrorKind" => Prose {
            doc: "Which rule a Close payload broke; the values are the constant names of every language.",
            attrs: &[
                ("message: str", "The fixed message of the kind, the same in every language."),
                ("result_number: int", "The stable C result number (-101...)."),
                (
                    "close_code: CloseCode | None",
                    "The code to close the connection with, or ``None`` for the kinds only encoding reports.",
                ),
            ],
            value: Value::Ident,
        },
        "Advice" => Prose {
            doc: "What a client should do after a close, as a protocol profile sees it; the numbers are those of\n    the core and the C header.\n    ",
            attrs: &[
                ("label: str", "The word of the profile data files, e.g. ``\"resume\"``."),
                (
                    "reconnects: bool | None",
                    "Whether the client reconnects: ``False`` for ``STOP``, ``None`` for ``UNSPECIFIED``.",
                ),
            ],
            ..base
        },
        "Intent" => Prose {
            doc: "What a server wants a profile's clients to do after it closes the connection\n    (:meth:`Profile.codes_for`, :meth:`Profile.check_intent`); the numbers are those of the core and the C header.\n    ",
            attrs: &[("label: str", "The word for the intent, e.g. ``\"stop\"``.")],
            ..base
        },
        "Cause" => Prose {
            doc: "One likely cause of a close, as listed by :func:`wsclose.explain`; the numbers are those of the\n    core and the C header.\n    ",
            attrs: &[
                ("summary: str", "What happened, in a sentence."),
                ("check: str", "What to check to confirm or rule out this cause."),
            ],
            ..base
        },
        "Engine" => Prose {
            doc: "A browser engine whose WebSocket behaviour the core models; the values are the engines' names.",
            value: Value::Text,
            ..base
        },
        _ => base,
    }
}

fn member_doc(e: &EnumModel, m: &Member) -> Option<String> {
    match (m.range, e.text) {
        (Some((start, end)), _) => Some(format!("{start}-{end} ({}).", m.text)),
        (None, Text::Label | Text::Message) => Some(format!("{}.", m.text)),
        (None, Text::Name | Text::None) => None,
    }
}

/// One class: docstring, annotated attributes, members with their docstrings.
fn class(out: &mut String, e: &EnumModel) {
    let p = prose(e);
    let base = if p.value == Value::Number {
        "IntEnum"
    } else {
        "StrEnum"
    };
    let _ = write!(
        out,
        "\n\nclass {}(enum.{base}):\n    \"\"\"{}\"\"\"\n\n",
        e.name, p.doc
    );
    for (attr, doc) in p.attrs {
        let _ = writeln!(out, "    {attr}");
        if !doc.is_empty() {
            let _ = writeln!(out, "    \"\"\"{doc}\"\"\"");
        }
    }
    if !p.attrs.is_empty() {
        out.push('\n');
    }
    for m in &e.members {
        let value = match p.value {
            Value::Number => m.number.to_string(),
            Value::Ident => format!("\"{}\"", m.ident),
            Value::Text => format!("\"{}\"", m.text),
        };
        let _ = writeln!(out, "    {} = {value}", m.ident);
        if let Some(doc) = member_doc(e, m) {
            let _ = writeln!(out, "    \"\"\"{doc}\"\"\"");
        }
    }
}

pub fn constants(model: &Model) -> String {
    let enums: Vec<&EnumModel> = model.enums_in(Lang::Python).collect();
    let mut names: Vec<&str> = enums.iter().map(|e| e.name).collect();
    names.sort_unstable();
    let mut out = format!(
        "\"\"\"{NOTE}\n\nThe members of wsclose's enums and its limits. `wsclose/__init__.py` sets each member's facts\n(labels, phrases, descriptions, predicates, messages) at import, from the core.\n\"\"\"\n\nfrom __future__ import annotations\n\nimport builtins\nimport enum\nfrom typing import Final\n\n__all__ = [\n"
    );
    for name in model.limits.iter().map(|l| l.ident).chain(names) {
        let _ = writeln!(out, "    \"{name}\",");
    }
    out.push_str("]\n\n");
    for limit in &model.limits {
        let doc = match limit.ident {
            "MAX_REASON_LEN" => "The longest reason (in UTF-8 bytes) that fits beside the two-byte code.",
            _ => &limit.doc,
        };
        let _ = writeln!(
            out,
            "{}: Final[int] = {}\n\"\"\"{doc}\"\"\"",
            limit.ident, limit.value
        );
    }
    for e in enums {
        class(&mut out, e);
    }
    out
}
