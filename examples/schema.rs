//! Prints the JSON Schema of an application (the input, for front-end
//! forms) or of a report (the output, e.g. for an OpenAPI document):
//!
//! ```text
//! cargo run --example schema --features schemars [application|report]
//! ```
//!
//! The application schema describes the shape that parses: keys, types, ids
//! and date formats. Whether a required field is filled in is a finding of
//! `validate`, not a shape error, so the schema marks no field as required.

use std::process::ExitCode;

fn main() -> ExitCode {
    let schema = match std::env::args().nth(1).as_deref() {
        None | Some("application") => schemars::schema_for!(beian::Application),
        Some("report") => schemars::schema_for!(beian::Report),
        Some(other) => {
            eprintln!("error: unknown schema `{other}`: use application or report");
            return ExitCode::from(2);
        }
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("a schema serialises")
    );
    ExitCode::SUCCESS
}
