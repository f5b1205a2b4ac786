//! JavaScript: the facts as frozen `as const` objects and their type aliases, in one TypeScript
//! file of the npm package `wsclose` (bindings/js/src/generated.ts; tsc emits its `.d.ts`).
//! Unlike the other languages' emitters, this one names the enums of the model it writes.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{EnumModel, Model, NOTE};

pub fn files(model: &Model) -> Vec<(PathBuf, String)> {
    vec![("bindings/js/src/generated.ts".into(), typescript(model))]
}

/// `null` for a kind without an answer code (the kinds only encoding reports), else the code.
fn js_answer(code: Option<u16>) -> String {
    code.map_or_else(|| "null".to_string(), |code| code.to_string())
}

/// The members' texts as a list of string literals.
fn texts(e: &EnumModel) -> String {
    e.members
        .iter()
        .map(|m| format!("{:?}", m.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The facts as frozen `as const` objects. Each object doubles as a type of its values
/// (`Category`, `Reconnect`, `PayloadErrorKind`).
fn typescript(model: &Model) -> String {
    let konst = " as const";
    let category = model.enum_named("Category");
    let reconnect = model.enum_named("Reconnect");
    let mut out = format!("// {NOTE}\n\n");
    out.push_str("/** The 16 standard close codes (RFC 6455 §7.4.1, IANA registry). */\nexport const CloseCode = Object.freeze({\n");
    for code in &model.standard_codes {
        let _ = writeln!(
            out,
            "  /** {} {} */\n  {}: {},",
            code.value, code.name, code.ident, code.value
        );
    }
    let _ = writeln!(out, "}}{konst});\n");
    let [payload, reason] = &model.limits;
    let _ = writeln!(
        out,
        "/** The most bytes a Close frame payload may have. */\nexport const {} = {};\n/** The most bytes of reason that fit next to the code. */\nexport const {} = {};\n",
        payload.ident, payload.value, reason.ident, reason.value
    );
    out.push_str("/** The six ranges of the close code space: constant name to number. */\nexport const Category = Object.freeze({\n");
    for m in &category.members {
        let _ = writeln!(out, "  /** {} */\n  {}: {},", m.text, m.ident, m.number);
    }
    let _ = writeln!(out, "}}{konst});");
    out.push_str(
        "/** A category number. */\nexport type Category = (typeof Category)[keyof typeof Category];\n",
    );
    let _ = writeln!(
        out,
        "\n/** Human labels of the categories, by number. */\nexport const CATEGORY_LABELS = Object.freeze([{}]{konst});\n",
        texts(category)
    );
    out.push_str(
        "/** The reconnect advice: constant name to number. */\nexport const Reconnect = Object.freeze({\n",
    );
    for m in &reconnect.members {
        let _ = writeln!(out, "  /** {} */\n  {}: {},", m.text, m.ident, m.number);
    }
    let _ = writeln!(out, "}}{konst});");
    out.push_str("/** A reconnect advice number. */\nexport type Reconnect = (typeof Reconnect)[keyof typeof Reconnect];\n");
    let _ = writeln!(
        out,
        "\n/** Human labels of the reconnect advice, by number. */\nexport const RECONNECT_LABELS = Object.freeze([{}]{konst});\n",
        texts(reconnect)
    );
    out.push_str("/**\n * Payload error kinds: the stable result number of the C ABI, the core's fixed message, and the\n * code to answer a peer with (`null` for the kinds only encoding reports), and whether an error of\n * the kind carries the status code.\n */\nexport const PAYLOAD_ERROR_KINDS = Object.freeze({\n");
    for m in &model.enum_named("PayloadErrorKind").members {
        let answer = m.answer.expect("an error kind has an answer");
        let _ = writeln!(
            out,
            "  {}: Object.freeze({{ result: {}, message: {:?}, closeCode: {}, carriesCode: {} }}),",
            m.ident,
            m.number,
            m.text,
            js_answer(answer.close_code),
            answer.carries_code
        );
    }
    let _ = writeln!(out, "}}{konst});");
    out.push_str("/** The constant name of a payload error kind, e.g. `\"INVALID_UTF8\"`. */\nexport type PayloadErrorKind = keyof typeof PAYLOAD_ERROR_KINDS;\n");
    js_profile_facts(model, &mut out);
    out
}

/// The enums of profiles, the reconnect policy, `explain` and the browser model (constant name
/// to the C ABI's number), the labels of the advice, the engines' names, the profiles' names,
/// titles and subprotocols in the ABI's index order, the policy's override capacity and the
/// default policy's settings.
fn js_profile_facts(model: &Model, out: &mut String) {
    let advice = model.enum_named("Advice");
    let engine = model.enum_named("Engine");
    let enums = [
        ("A profile's reconnect advice", "An advice number", advice),
        (
            "What a server wants a profile's clients to do after its close",
            "An intent number",
            model.enum_named("Intent"),
        ),
        (
            "The likely causes of a close that `explain` names",
            "A cause number",
            model.enum_named("Cause"),
        ),
        (
            "The browser engines of the browser model",
            "An engine number",
            engine,
        ),
    ];
    for (what, type_doc, e) in enums {
        let name = e.name;
        let _ = writeln!(
            out,
            "\n/** {what}: constant name to number. */\nexport const {name} = Object.freeze({{"
        );
        for m in &e.members {
            let doc = if m.text.is_empty() { m.description } else { m.text };
            let _ = writeln!(out, "  /** {doc} */\n  {}: {},", m.ident, m.number);
        }
        let _ = writeln!(
            out,
            "}} as const);\n/** {type_doc}. */\nexport type {name} = (typeof {name})[keyof typeof {name}];"
        );
    }
    for (name, doc, e) in [
        ("ADVICE_LABELS", "Human labels of the advice, by number.", advice),
        ("ENGINE_NAMES", "The engines' names, by number.", engine),
    ] {
        let _ = writeln!(
            out,
            "\n/** {doc} */\nexport const {name} = Object.freeze([{}] as const);",
            texts(e)
        );
    }
    let _ = writeln!(
        out,
        "\n/**\n * The profiles in name order (the order of the C ABI's profile indexes): name, title and the\n * `Sec-WebSocket-Protocol` tokens that select each.\n */"
    );
    out.push_str("export const PROFILES = Object.freeze([\n");
    for p in &model.profiles {
        let tokens = p
            .subprotocols
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "  Object.freeze({{ name: {:?}, title: {:?}, subprotocols: Object.freeze([{tokens}] as const) }}),",
            p.name, p.title
        );
    }
    out.push_str("] as const);\n/** A profile name, e.g. `\"discord-gateway\"`. */\nexport type ProfileName = (typeof PROFILES)[number][\"name\"];\n");
    let max = &model.policy_max_overrides;
    let _ = writeln!(
        out,
        "\n/** How many codes one reconnect policy can override (the C ABI's `wsclose_policy` holds that many). */\nexport const {} = {};",
        max.ident, max.value
    );
    let defaults = &model.policy_defaults;
    let max_attempts = defaults
        .max_attempts
        .map_or_else(|| "null".to_string(), |n| n.to_string());
    let _ = writeln!(
        out,
        "\n/** The settings of the library's default reconnect policy (`wsclose_policy_init`). */\nexport const POLICY_DEFAULTS = Object.freeze({{ baseMs: {}n, capMs: {}n, maxAttempts: {max_attempts}, retryUnspecified: {} }} as const);",
        defaults.base_ms, defaults.cap_ms, defaults.retry_unspecified
    );
}
