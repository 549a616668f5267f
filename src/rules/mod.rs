//! Rule data: everything a regulator or a province can change, read from the
//! TOML files under `rules/`, one module per file, over the rule language.
//!
//! The language is [`file`] (reading a file, with located errors),
//! [`source`] (rule entries, their sources and the registry of rule ids),
//! [`condition`] (when a rule applies), [`messages`] and [`tiers`]. Each of
//! the other modules compiles one rule file (`certificates.rs` reads
//! `rules/certificates.toml`, `provinces.rs` a `rules/provinces/*.toml`).
//!
//! The layer rule: a file under `rules/` imports the ground types (the
//! application, provinces, identifiers, domains, numbers, text), the rule
//! language and other rule files, and never `ruleset`, `report`, `check` or
//! `validator`. What rule data *is* lives here; when a condition *holds* and
//! what a check reports live in `check/`.

pub(crate) mod apps;
pub(crate) mod certificates;
pub(crate) mod condition;
pub(crate) mod content;
pub(crate) mod domains;
mod error;
pub(crate) mod file;
pub(crate) mod hosting;
pub(crate) mod input;
pub(crate) mod materials;
pub(crate) mod messages;
pub(crate) mod names;
pub(crate) mod numbers;
pub(crate) mod operations;
pub(crate) mod people;
pub(crate) mod process;
pub(crate) mod provinces;
pub(crate) mod source;
pub(crate) mod subject;
pub(crate) mod submission;
pub(crate) mod tiers;
pub(crate) mod websites;
pub(crate) mod words;

pub(crate) use condition::{Condition, Scope, TargetCondition};
pub use error::RuleError;
pub(crate) use file::{File, Load};
pub(crate) use messages::Messages;
pub(crate) use source::{Meta, Registry, Rule, SourceDate, SourceRef, Sourced, rule_entry};
pub use source::{RuleInfo, Source};
pub(crate) use tiers::Tiers;
