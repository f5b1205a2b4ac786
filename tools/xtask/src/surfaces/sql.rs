//! The rule book as SQL: one file per dialect (`sql/wsclose.<dialect>.sql`, and the same text in
//! the Python package for `wsclose sql --dialect NAME` and `wsclose.duckdb.register`).
//!
//! Nothing here restates a rule. Every function is the core evaluated over all 65,536 codes and
//! compressed into maximal runs of equal answers, written as one `CASE` (its first branch maps a
//! code outside 0..65535 to NULL; a NULL code matches no branch and gives NULL), so a generated
//! function and the core agree on every code by construction, and the tests run each dialect
//! that can run here over every code.

use std::fmt::Write as _;
use std::path::PathBuf;

use wsclose::{CloseCode, Profile};

/// A SQL dialect and how it defines a scalar function from one expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    PostgreSql,
    ClickHouse,
    Spark,
    BigQuery,
    Snowflake,
    Trino,
}

impl Dialect {
    pub const ALL: [Dialect; 7] = [
        Dialect::DuckDb,
        Dialect::PostgreSql,
        Dialect::ClickHouse,
        Dialect::Spark,
        Dialect::BigQuery,
        Dialect::Snowflake,
        Dialect::Trino,
    ];

    /// The name `wsclose sql --dialect` takes (and sqlglot's name of the dialect).
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::PostgreSql => "postgres",
            Dialect::ClickHouse => "clickhouse",
            Dialect::Spark => "spark",
            Dialect::BigQuery => "bigquery",
            Dialect::Snowflake => "snowflake",
            Dialect::Trino => "trino",
        }
    }

    const fn title(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB macros",
            Dialect::PostgreSql => "PostgreSQL IMMUTABLE SQL functions (inlined by the planner)",
            Dialect::ClickHouse => "ClickHouse SQL user-defined functions (lambdas)",
            Dialect::Spark => "Spark SQL temporary SQL functions (Spark 3.4 and later)",
            Dialect::BigQuery => "BigQuery temporary SQL functions (run them in the same script or session)",
            Dialect::Snowflake => "Snowflake SQL user-defined functions",
            Dialect::Trino => "Trino SQL routines (in a catalog that stores functions)",
        }
    }

    fn sql_type(self, ty: Ty) -> &'static str {
        match (self, ty) {
            (Dialect::PostgreSql, Ty::Code) | (Dialect::Trino, Ty::Code) => "bigint",
            (Dialect::Spark, Ty::Code) => "BIGINT",
            (Dialect::BigQuery, Ty::Code) => "INT64",
            (Dialect::Snowflake, Ty::Code) => "NUMBER",
            (Dialect::PostgreSql, Ty::Text) => "text",
            (Dialect::Trino, Ty::Text) => "varchar",
            (Dialect::Spark, Ty::Text) | (Dialect::BigQuery, Ty::Text) => "STRING",
            (Dialect::Snowflake, Ty::Text) => "VARCHAR",
            (Dialect::PostgreSql, Ty::Bool) | (Dialect::Trino, Ty::Bool) => "boolean",
            (Dialect::BigQuery, Ty::Bool) | (Dialect::Spark, Ty::Bool) | (Dialect::Snowflake, Ty::Bool) => {
                "BOOLEAN"
            }
            (Dialect::DuckDb, _) | (Dialect::ClickHouse, _) => "",
        }
    }

    /// `CREATE ... name(params) ... AS body`.
    fn define(self, out: &mut String, name: &str, params: &[(&str, Ty)], returns: Ty, body: &str) {
        let names: Vec<&str> = params.iter().map(|(p, _)| *p).collect();
        let typed: Vec<String> = params
            .iter()
            .map(|(p, ty)| format!("{p} {}", self.sql_type(*ty)))
            .collect();
        let (names, typed) = (names.join(", "), typed.join(", "));
        let ret = self.sql_type(returns);
        let _ = match self {
            Dialect::DuckDb => writeln!(out, "CREATE OR REPLACE MACRO {name}({names}) AS\n{body};"),
            // A single-SELECT body of an IMMUTABLE SQL function is inlined by the planner.
            Dialect::PostgreSql => writeln!(
                out,
                "CREATE OR REPLACE FUNCTION {name}({typed}) RETURNS {ret}\n\
                 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\nSELECT\n{body}\n$$;"
            ),
            Dialect::ClickHouse => {
                writeln!(out, "CREATE OR REPLACE FUNCTION {name} AS ({names}) ->\n{body};")
            }
            Dialect::Spark => {
                writeln!(
                    out,
                    "CREATE OR REPLACE TEMPORARY FUNCTION {name}({typed}) RETURNS {ret}\nRETURN\n{body};"
                )
            }
            Dialect::BigQuery => writeln!(
                out,
                "CREATE TEMP FUNCTION {name}({typed}) RETURNS {ret} AS (\n{body}\n);"
            ),
            Dialect::Snowflake => {
                writeln!(
                    out,
                    "CREATE OR REPLACE FUNCTION {name}({typed}) RETURNS {ret} AS\n$$\n{body}\n$$;"
                )
            }
            Dialect::Trino => writeln!(
                out,
                "CREATE OR REPLACE FUNCTION {name}({typed}) RETURNS {ret}\nRETURN\n{body};"
            ),
        };
        out.push('\n');
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Code,
    Text,
    Bool,
}

/// A SQL literal.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Null,
    Text(&'static str),
    Bool(bool),
}

impl Value {
    fn sql(&self) -> String {
        match self {
            Value::Null => "NULL".into(),
            Value::Text(text) => format!("'{}'", text.replace('\'', "''")),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
        }
    }
}

/// Maximal runs `(first, last, value)` of equal answers of `f` over every code, in order.
fn runs(f: impl Fn(CloseCode) -> Value) -> Vec<(u16, u16, Value)> {
    let mut out: Vec<(u16, u16, Value)> = Vec::new();
    for code in 0..=u16::MAX {
        let value = f(CloseCode::new(code));
        match out.last_mut() {
            Some((_, last, previous)) if *previous == value => *last = code,
            _ => out.push((code, code, value)),
        }
    }
    out
}

/// One `CASE` over `code`: NULL outside 0..65535, then one branch per run (`code <= last`, the
/// runs being in order), runs of NULL left to the missing ELSE. `indent` prefixes every line.
fn case(code: &str, f: impl Fn(CloseCode) -> Value, indent: &str) -> String {
    let runs = runs(f);
    let mut out = format!("{indent}CASE\n{indent}  WHEN {code} < 0 OR {code} > 65535 THEN NULL\n");
    let count = runs.len();
    for (index, (first, last, value)) in runs.iter().enumerate() {
        let test = if index + 1 == count {
            format!("{code} >= {first}") // the last run ends at 65535
        } else {
            format!("{code} <= {last}")
        };
        if *value == Value::Null && index + 1 == count {
            continue;
        }
        let _ = writeln!(out, "{indent}  WHEN {test} THEN {}", value.sql());
    }
    let _ = write!(out, "{indent}END");
    out
}

/// A `CASE` over a few named codes (`CASE WHEN code = 1000 THEN ...`), for answers that are NULL
/// for most codes (names).
fn case_named(code: &str, f: impl Fn(CloseCode) -> Value, indent: &str) -> String {
    let mut out = format!("{indent}CASE\n");
    for value in 0..=u16::MAX {
        let answer = f(CloseCode::new(value));
        if answer != Value::Null {
            let _ = writeln!(out, "{indent}  WHEN {code} = {value} THEN {}", answer.sql());
        }
    }
    let _ = write!(out, "{indent}END");
    out
}

/// The functions, in the order of every file: (name, doc, returns, body of `code`).
fn code_functions() -> Vec<(&'static str, &'static str, Ty, String)> {
    let c = "code";
    vec![
        (
            "wsclose_category",
            "the category label: unused, standard, reserved, registered, private use, out of range",
            Ty::Text,
            case(c, |code| Value::Text(code.category().label()), "  "),
        ),
        (
            "wsclose_name",
            "the standard or IANA-registered name, or NULL",
            Ty::Text,
            case_named(c, |code| code.name().map_or(Value::Null, Value::Text), "  "),
        ),
        (
            "wsclose_sendable",
            "whether the code may appear in a Close frame on the wire",
            Ty::Bool,
            case(c, |code| Value::Bool(code.is_sendable()), "  "),
        ),
        (
            "wsclose_local_only",
            "whether the code is only ever reported locally (1005, 1006, 1015)",
            Ty::Bool,
            case(c, |code| Value::Bool(code.is_local_only()), "  "),
        ),
        (
            "wsclose_browser_closeable",
            "whether a browser's WebSocket.close(code) accepts it",
            Ty::Bool,
            case(c, |code| Value::Bool(code.is_browser_closeable()), "  "),
        ),
        (
            "wsclose_ok",
            "whether the code means the connection ended cleanly, as intended",
            Ty::Bool,
            case(c, |code| Value::Bool(code.is_ok()), "  "),
        ),
        (
            "wsclose_reconnect",
            "the standard's reconnect advice: never, backoff, app-defined",
            Ty::Text,
            case(c, |code| Value::Text(code.reconnect().label()), "  "),
        ),
    ]
}

fn advice_body() -> String {
    let mut out = String::from("  CASE profile\n");
    for profile in Profile::ALL {
        let inner = case("code", |code| Value::Text(profile.advice(code).label()), "      ");
        let _ = writeln!(out, "    WHEN '{}' THEN\n{inner}", profile.name());
    }
    out.push_str("  END");
    out
}

pub fn file(dialect: Dialect) -> String {
    let mut out = String::new();
    let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
    let _ = writeln!(
        out,
        "-- wsclose: WebSocket close codes as SQL, {}.\n\
         -- {}\n\
         -- Each function is the wsclose core evaluated over every code 0..65535; a NULL code, or one\n\
         -- outside 0..65535, gives NULL. `wsclose sql --dialect {}` prints this file.\n\
         -- wsclose_advice(profile, code): what the clients of a protocol do after the code: stop,\n\
         -- retry, resume, unspecified; NULL for a profile it does not know. Profiles: {}.\n",
        dialect.title(),
        super::NOTE,
        dialect.name(),
        names.join(", "),
    );
    for (name, doc, returns, body) in code_functions() {
        let _ = writeln!(out, "-- {name}(code): {doc}.");
        dialect.define(&mut out, name, &[("code", Ty::Code)], returns, &body);
    }
    let _ = writeln!(
        out,
        "-- wsclose_advice(profile, code): a profile's advice after the code."
    );
    dialect.define(
        &mut out,
        "wsclose_advice",
        &[("profile", Ty::Text), ("code", Ty::Code)],
        Ty::Text,
        &advice_body(),
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

pub fn files() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for dialect in Dialect::ALL {
        let text = file(dialect);
        files.push((format!("sql/wsclose.{}.sql", dialect.name()).into(), text.clone()));
        files.push((
            format!("py/python/wsclose/_sql/{}.sql", dialect.name()).into(),
            text,
        ));
    }
    files
}
