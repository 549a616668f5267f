//! Prints the JSON Schema of an application (SPEC §2), for front-end forms:
//!
//! ```text
//! cargo run --example schema --features schemars
//! ```
//!
//! The schema describes the shape that parses: keys, types, ids and date
//! formats. Whether a required field is filled in is a finding of
//! `validate`, not a shape error, so the schema marks no field as required.

fn main() {
    let schema = schemars::schema_for!(beian::Application);
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("a schema serialises")
    );
}
