//! `beian` checks a China ICP website filing application (网站备案) before it
//! is submitted, the way an access provider's first review (初审) and the
//! provincial communications administration (管局) would, and says what is
//! wrong, where, why, and what to prepare.
//!
//! ```
//! let json = include_str!("../examples/applications/personal.json");
//! let app = beian::Application::from_json(json)?;
//! let report = beian::validate(&app);
//! assert!(report.is_ok());
//! for finding in report.errors() {
//!     println!("{} {}: {}", finding.code, finding.path, finding.message);
//! }
//! for material in &report.materials {
//!     println!("prepare {} for {}", material.name_zh, material.concerns);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - An [`Application`] is what a filer submits: the province, the
//!   subject (a person or an organisation) with its responsible people, the
//!   websites with their domains, and the hosting. It is read from JSON with
//!   [`Application::from_json`] (or [`Application::from_slice`]): a missing
//!   field is a finding, an unknown key a warning, and a value that does not
//!   fit its field an error at its path; only text that is not a JSON object
//!   fails to parse.
//! - A [`RuleSet`] is the rule data of `rules/`: every rule a regulator or a
//!   province can change, each with its source and date, compiled once. The
//!   crate embeds one ([`RuleSet::embedded`]); an operator can load an
//!   updated copy ([`RuleSet::from_dir`]), and [`RuleSet::rule`] tells where
//!   the rule behind a finding comes from.
//! - A [`Validator`] applies a rule set on an evaluation date and returns a
//!   [`Report`]: the verdict; the [`Finding`]s, each with a stable
//!   [`Code`], a JSON Pointer path, English and Chinese messages and the
//!   rule that produced it; the [`Material`]s to prepare; the process
//!   [`Step`]s. [`validate`] is the shortcut with the embedded rules;
//!   [`Report::to_text`] renders a report for a person.
//! - [`provinces`] tabulates what each of the 31 provinces requires,
//!   generated from the rule data: the same application can pass in one
//!   province and fail in another, and get another checklist and review time.
//!
//! The identifiers of a filing are public types, useful on their own:
//!
//! - [`identity`]: resident IDs and permits ([`identity::ResidentId`]),
//!   credit codes ([`identity::Uscc`]), organisation codes, travel documents,
//!   mobile and landline numbers, e-mail addresses. Facts that change yearly
//!   (region codes, mobile prefixes) are rule data: [`RuleSet::regions`],
//!   [`RuleSet::mobile_prefixes`].
//! - [`domain`]: [`domain::DomainName`] (IDNA: Unicode and punycode are one
//!   name) and [`domain::PublicSuffixList`], which tells the registrable
//!   domain (一级域名); the rule set carries the list
//!   ([`RuleSet::public_suffix_list`]).
//! - [`number`]: the numbers a filed site shows in its footer, parsed,
//!   checked and found in text: ICP filing numbers (`京ICP备11018762号-1`),
//!   ICP licence numbers (`粤B2-20090059`) and public-security filing numbers
//!   (`京公网安备11010502030143号`).
//!
//! Validation never panics and never fails, does no I/O, and depends only on
//! the application, the rule set and the evaluation date: the same inputs
//! give byte-identical JSON. Certificate and phone numbers never appear in
//! full in a report ([`privacy`]). It takes a few microseconds for a typical
//! application (`BENCHMARKS.md` in the repository has the figures).
//!
//! # Forms: every problem at once, step by step
//!
//! A filing form posts the application after each field or step. Whatever
//! it posts, the answer is one [`Report`]: a value of the wrong type, an id
//! outside its list (`"kind": "persona"`) or a malformed date is a
//! `field.invalid` finding at its path, with what the field takes and, for
//! a near miss, the id meant (`nearest`); every other value is still
//! checked. And a form that is only half filled is validated at its
//! [`Stage`]: what a later step asks for is neither required nor reported.
//!
//! ```
//! use beian::{Application, RuleSet, Stage, Validator};
//!
//! let posted = br#"{
//!     "province": "zhejiang",
//!     "subject": { "kind": "persona" },
//!     "websites": [ { "domains": [ { "name": "xiaoming-notes.io", "real_name_verified": true } ] } ]
//! }"#;
//! let app = Application::from_slice(posted)?;
//! let report = Validator::new(&RuleSet::embedded()).stage(Stage::Prerequisites).validate(&app);
//! let problems: Vec<(&str, &str)> = report.findings.iter().map(|f| (f.code.as_str(), f.path.as_str())).collect();
//! assert!(problems.contains(&("field.invalid", "/subject/kind")));
//! assert!(problems.contains(&("domain.tld_not_approved", "/websites/0/domains/0/name")));
//! assert!(problems.contains(&("field.required", "/hosting")));
//! // The website's name is asked for at a later step: not required yet.
//! assert!(!problems.contains(&("field.required", "/websites/0/name")));
//! let invalid = report.findings.iter().find(|f| f.code.as_str() == "field.invalid").unwrap();
//! assert_eq!(invalid.params["nearest"], "personal");
//! # Ok::<(), beian::ParseError>(())
//! ```
//!
//! # Finding codes
//!
//! [`Code`] is the catalogue: every code the library reports, with its meaning and
//! default severity, and the codes added since (`website.icp_number_*` for a
//! website's existing filing number, `submission.*` for the caps some
//! provinces put on one submission). Codes are never reused; a rule set may
//! change the severity of a rule, never its code.
//!
//! # Untrusted input
//!
//! Applications come from users. The JSON parser is serde_json's; the
//! checks then look at no more than 100 websites, 100 domains per website,
//! 100 items of any other list and strings of up to 1,000 characters. What
//! is over a limit is reported as `input.too_large` and not checked further,
//! so the cost of validation stays bounded by those limits, whatever the
//! size of the input.
//!
//! Rule files are trusted configuration: they are parsed, type-checked and
//! compiled when a rule set loads, and a malformed file is a [`RuleError`]
//! naming the file and line. Loading never panics.
//!
//! # Crate features
//!
//! None is enabled by default.
//!
//! - `schemars`: [`Application`] and its parts implement
//!   `schemars::JsonSchema`, for the JSON Schema of the input (front-end
//!   forms): `cargo run --example schema --features schemars` prints it.
//! - `proptest`: the `strategy` module, [proptest] strategies for property
//!   tests of code built on this crate: valid applications for every
//!   province and filing type, and mutations that break exactly one rule
//!   with the finding they must cause.
//!
//! [proptest]: https://docs.rs/proptest

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod application;
mod check;
mod code;
pub mod domain;
pub mod identity;
pub mod number;
pub mod privacy;
mod province;
mod report;
mod rules;
mod ruleset;
mod stage;
#[cfg(feature = "proptest")]
pub mod strategy;
mod text;
mod validator;
mod vocabulary;

pub use application::{
    Application, AuthorizationCode, Certificate, CloudServer, Domain, Hosting, InvalidField, LegalRepresentative,
    ParseError, Person, PreApproval, ResidencePermit, Subject, Validity, Website,
};
pub use code::{Code, Param};
pub use province::{Province, UnknownProvince};
pub use report::{Finding, Material, Params, Report, Step};
pub use rules::{RuleError, RuleInfo, Source};
pub use ruleset::{CatalogueEntry, RuleSet};
pub use stage::Stage;
pub use validator::{Validator, validate};
pub use vocabulary::{
    Billing, CertificateKind, Content, FilingType, IssuerAccount, Language, PreApprovalCategory, Severity, SubjectKind,
    UnknownId,
};

/// The calendar date type of the API (`jiff::civil::Date`).
pub use jiff::civil::Date;

/// What each province requires of the people of a filing, and its other
/// own values, generated from the embedded rule data.
///
/// The page below is `rules/PROVINCES.md`; a test fails when it differs
/// from what the rule data generates.
#[doc = include_str!("../rules/PROVINCES.md")]
pub mod provinces {}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
