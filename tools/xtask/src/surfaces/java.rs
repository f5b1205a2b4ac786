//! Java: `CloseCodes.java` (the standard codes and the limits as `int` constants) and one
//! `enum` file per enum of the model, with its C ABI numbers, its text and `fromNumber`.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{lower_first, EnumModel, Lang, Member, Model, Text, NOTE};

pub fn files(model: &Model) -> Vec<(PathBuf, String)> {
    let mut files = vec![(path("CloseCodes"), close_codes(model))];
    for e in model.enums_in(Lang::Java) {
        let p = prose(e);
        files.push((path(p.type_name), java_enum(e, &p)));
    }
    files
}

/// Where a generated Java type lives: one public type per file, as Java requires.
fn path(type_name: &str) -> PathBuf {
    format!("bindings/java/src/main/java/dev/wsclose/{type_name}.java").into()
}

/// A Java string literal; anything outside printable ASCII becomes a `\uXXXX` escape.
fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for unit in text.encode_utf16() {
        match unit {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(unit as u8)),
            _ => {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out.push('"');
    out
}

/// Text for a Javadoc comment: no `*/`, no `@` tags, HTML-safe.
fn doc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("*/", "*&#47;")
        .replace('@', "{@literal @}")
}

fn header() -> String {
    format!("// {NOTE}\npackage dev.wsclose;\n\n")
}

/// How the Java binding declares one enum of the model: the prose around the generated members.
struct Prose {
    /// The Java type (`DomExceptionKind`).
    type_name: &'static str,
    /// `import` lines, each ending in a newline.
    imports: &'static str,
    /// The lines of the type's Javadoc.
    doc: Vec<&'static str>,
    /// The number's field and the doc of its accessor (no accessor without a doc); none when the
    /// Java enum has no number.
    number: Option<(&'static str, Option<String>)>,
    /// The text's field and the doc of its accessor (no accessor without a doc).
    text: Option<(&'static str, Option<String>)>,
    /// Hand-written methods after the accessors, each ending in a newline.
    methods: &'static [&'static str],
    /// What `fromNumber`'s doc calls a member; no `fromNumber` when none.
    from_number: Option<&'static str>,
}

const ERROR_KIND_METHODS: &[&str] = &[
    "    /** Whether an error of this kind carries the status code (not the 1-byte and over-long payloads). */\n    public boolean carriesCode() {\n        return carriesCode;\n    }\n",
    "    /** The stable result number of this kind in the C ABI, e.g. -104 for {@code INVALID_UTF8}. */\n    public int resultNumber() {\n        return resultNumber;\n    }\n",
    "    /** The core's fixed message for this kind. */\n    public String message() {\n        return message;\n    }\n",
    "    /**\n     * The close code to answer the peer with after this error (1002 or 1007), or empty for the\n     * kinds only encoding reports.\n     */\n    public OptionalInt closeCode() {\n        return closeCode == 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);\n    }\n",
    "    private static final PayloadErrorKind[] VALUES = values();\n\n    /** The kind with C ABI result number {@code resultNumber}, or empty for any other number. */\n    public static Optional<PayloadErrorKind> fromResultNumber(int resultNumber) {\n        for (PayloadErrorKind kind : VALUES) {\n            if (kind.resultNumber == resultNumber) {\n                return Optional.of(kind);\n            }\n        }\n        return Optional.empty();\n    }\n",
];

const CAUSE_METHODS: &[&str] = &[
    "    /** What happened, in a sentence (from the library). */\n    public String summary() {\n        return WsClose.causeSummary(number);\n    }\n",
    "    /** What to check to confirm or rule out this cause (from the library). */\n    public String check() {\n        return WsClose.causeCheck(number);\n    }\n",
];

const ENGINE_METHODS: &[&str] = &[
    "    /** The engine's name in lower case. */\n    @Override\n    public String toString() {\n        return engineName;\n    }\n",
];

fn number_doc(what: &str, c_enum: &str) -> Option<String> {
    Some(format!(
        "The number of this {what} in the C ABI ({{@code {c_enum}}}) and every other binding."
    ))
}

fn label_doc(example: &str) -> Option<String> {
    Some(format!("The human label, e.g. {{@code \"{example}\"}}."))
}

fn prose(e: &EnumModel) -> Prose {
    let base = Prose {
        type_name: e.name,
        imports: "",
        doc: vec![e.doc],
        number: Some(("number", None)),
        text: None,
        methods: &[],
        from_number: None,
    };
    match e.name {
        "Category" => Prose {
            doc: vec![
                "The range a close code belongs to, from {@link WsClose#classify(int)}. The constant's name is",
                "the name every binding uses (e.g. {@code OUT_OF_RANGE}); {@link #label()} is the human label.",
            ],
            number: Some(("number", number_doc("category", "enum wsclose_category"))),
            text: Some(("label", label_doc("private use"))),
            from_number: Some("category"),
            ..base
        },
        "Reconnect" => Prose {
            doc: vec![
                "What a client should do after a connection closed with a given code, from",
                "{@link WsClose#reconnect(int)}. {@link #label()} is the human label.",
            ],
            number: Some(("number", number_doc("advice", "enum wsclose_reconnect_advice"))),
            text: Some(("label", label_doc("app-defined"))),
            from_number: Some("reconnect advice"),
            ..base
        },
        "PayloadErrorKind" => Prose {
            imports: "import java.util.Optional;\nimport java.util.OptionalInt;\n",
            doc: vec![
                "Which rule a Close payload broke, as reported by {@link PayloadException#kind()}. Each kind has a",
                "stable result number (the C ABI's {@code WSCLOSE_ERR_*}), the core's fixed message and, for the",
                "kinds parsing reports, the close code to answer the peer with.",
            ],
            number: Some(("resultNumber", None)),
            text: Some(("message", None)),
            methods: ERROR_KIND_METHODS,
            ..base
        },
        "Advice" => Prose {
            doc: vec![
                "What a {@link Profile} says a client should do after a close with a code, from",
                "{@link Profile#advice(int)}. {@link #label()} is the human label.",
            ],
            number: Some(("number", number_doc("advice", "enum wsclose_advice"))),
            text: Some(("label", label_doc("unspecified"))),
            from_number: Some("advice"),
            ..base
        },
        "Intent" => Prose {
            doc: vec![
                "What a server wants a {@link Profile}'s clients to do after it closes the connection, for",
                "{@link Profile#codesFor(Intent)} and {@link Profile#checkIntent(int, Intent)}. {@link #label()} is the word.",
            ],
            number: Some(("number", number_doc("intent", "enum wsclose_intent"))),
            text: Some(("label", label_doc("retry"))),
            from_number: Some("intent"),
            ..base
        },
        "Cause" => Prose {
            doc: vec![
                "A likely cause of a close, as {@link WsClose#explain(int, Boolean)} reports it. The constant's",
                "name is the name every binding uses; {@link #summary()} and {@link #check()} come from the library.",
            ],
            number: Some(("number", number_doc("cause", "wsclose_explain"))),
            methods: CAUSE_METHODS,
            from_number: Some("cause"),
            ..base
        },
        "Engine" => Prose {
            doc: vec![
                "A browser engine of the browser model ({@link WsClose#closeEvent}, {@link WsClose#pageClose}).",
                "{@link #engineName()} is the lower-case name every binding uses.",
            ],
            number: Some((
                "number",
                Some("The number of this engine in the C ABI ({@code enum wsclose_engine}).".into()),
            )),
            text: Some((
                "engineName",
                Some("The engine's name in lower case, e.g. {@code \"firefox\"}.".into()),
            )),
            methods: ENGINE_METHODS,
            ..base
        },
        "DomException" => Prose {
            type_name: "DomExceptionKind",
            doc: vec![
                "Which exception a page's {@code ws.close(code, reason)} throws ({@link DomException#kind()}).",
            ],
            number: None,
            text: Some((
                "domName",
                Some("The exception's {@code name} as a page reads it, e.g. {@code \"SyntaxError\"}.".into()),
            )),
            ..base
        },
        _ => {
            let what = lower_first(e.name);
            Prose {
                number: Some(("number", Some(format!("The number of this {what} in the C ABI and every other binding.")))),
                text: (e.text != Text::None).then(|| ("text", Some(format!("The text of this {what}.")))),
                from_number: Some(e.name),
                ..base
            }
        }
    }
}

/// The Javadoc of a member.
fn member_doc(e: &EnumModel, m: &Member) -> String {
    if let Some((start, end)) = m.range {
        format!("{start}–{end}: {}", doc(m.description))
    } else if m.answer.is_some() {
        format!("{} ({}).", doc(m.text), m.number)
    } else if e.text == Text::None {
        format!("{} {}.", e.name, m.number)
    } else {
        doc(m.text)
    }
}

/// The lookup by number every generated Java enum has (`fromNumber`), over its `number()`.
fn from_number(type_name: &str, what: &str) -> String {
    format!(
        "    private static final {type_name}[] VALUES = values();\n\n    /**\n     * The {what} with number {{@code number}} in the C ABI and every other binding.\n     *\n     * @throws IllegalArgumentException when no {what} has that number\n     */\n    public static {type_name} fromNumber(int number) {{\n        for ({type_name} value : VALUES) {{\n            if (value.number == number) {{\n                return value;\n            }}\n        }}\n        throw new IllegalArgumentException(\"no {type_name} has the number \" + number);\n    }}\n"
    )
}

fn accessor(ty: &str, field: &str, doc: &str) -> String {
    format!("    /** {doc} */\n    public {ty} {field}() {{\n        return {field};\n    }}\n")
}

/// One enum file: the members with their numbers and text, the fields, the constructor, the
/// accessors, the hand-written methods and `fromNumber`.
fn java_enum(e: &EnumModel, p: &Prose) -> String {
    let t = p.type_name;
    let mut out = header();
    if !p.imports.is_empty() {
        let _ = writeln!(out, "{}", p.imports);
    }
    if let [line] = p.doc.as_slice() {
        let _ = writeln!(out, "/** {line} */");
    } else {
        out.push_str("/**\n");
        for line in &p.doc {
            let _ = writeln!(out, " * {line}");
        }
        out.push_str(" */\n");
    }
    let _ = writeln!(out, "public enum {t} {{");
    // (type, field) of each constructor parameter, in order.
    let mut fields: Vec<(&str, &str)> = Vec::new();
    if let Some((name, _)) = &p.number {
        fields.push(("int", name));
    }
    if let Some((name, _)) = &p.text {
        fields.push(("String", name));
    }
    if e.answers() {
        fields.extend([("int", "closeCode"), ("boolean", "carriesCode")]);
    }
    for (i, m) in e.members.iter().enumerate() {
        let mut args: Vec<String> = Vec::new();
        if p.number.is_some() {
            args.push(m.number.to_string());
        }
        if p.text.is_some() {
            args.push(string(m.text));
        }
        if let Some(answer) = m.answer {
            args.push(answer.close_code.unwrap_or(0).to_string());
            args.push(answer.carries_code.to_string());
        }
        let sep = if i + 1 == e.members.len() { ";" } else { "," };
        let _ = writeln!(
            out,
            "    /** {} */\n    {}({}){sep}",
            member_doc(e, m),
            m.ident,
            args.join(", ")
        );
    }
    let mut pieces: Vec<String> = Vec::new();
    pieces.push(
        fields
            .iter()
            .map(|(ty, f)| format!("    private final {ty} {f};\n"))
            .collect(),
    );
    let params: Vec<String> = fields.iter().map(|(ty, f)| format!("{ty} {f}")).collect();
    let assignments: String = fields
        .iter()
        .map(|(_, f)| format!("        this.{f} = {f};\n"))
        .collect();
    pieces.push(format!(
        "    {t}({}) {{\n{assignments}    }}\n",
        params.join(", ")
    ));
    if let Some((field, Some(doc))) = &p.number {
        pieces.push(accessor("int", field, doc));
    }
    if let Some((field, Some(doc))) = &p.text {
        pieces.push(accessor("String", field, doc));
    }
    pieces.extend(p.methods.iter().map(|m| m.to_string()));
    if let Some(what) = p.from_number {
        pieces.push(from_number(t, what));
    }
    let _ = write!(out, "\n{}}}\n", pieces.join("\n"));
    out
}

/// `CloseCodes.java`: the 16 standard codes and the payload limits as `int` constants.
fn close_codes(model: &Model) -> String {
    let mut out = header();
    out.push_str("/**\n * The 16 standard close codes (RFC 6455 section 7.4.1, IANA registry) and the limits of a Close\n * payload, as {@code int} constants from the wsclose core.\n */\npublic final class CloseCodes {\n    private CloseCodes() {}\n\n");
    for code in &model.standard_codes {
        let _ = writeln!(
            out,
            "    /** {} {}: {} */\n    public static final int {} = {};",
            code.value,
            code.name,
            doc(code.description),
            code.ident,
            code.value
        );
    }
    let [payload, reason] = &model.limits;
    let _ = writeln!(
        out,
        "\n    /** The largest Close payload in bytes: control frames carry at most {}. */\n    public static final int {} = {};\n\n    /** The longest reason in bytes (UTF-8) that fits beside the two-byte code. */\n    public static final int {} = {};\n}}",
        payload.value, payload.ident, payload.value, reason.ident, reason.value
    );
    out
}
