//! `beian` checks a China ICP filing application (网站备案, and App备案 for
//! apps, mini programs and quick apps) before it is submitted, the way an
//! access provider's first review (初审) and the provincial communications
//! administration (管局) would, and says what is wrong, where, why, and
//! what to prepare.
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
//!   websites with their domains, the [apps](#apps-mini-programs-and-quick-apps)
//!   with their platforms, and the hosting. It is read from JSON with
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
//!   checked and found in text: ICP filing numbers (`京ICP备11018762号-1`,
//!   with the kind of service they were issued for: `-2A` an app, `-3X` a
//!   mini program, `-4K` a quick app), ICP licence numbers (`粤B2-20090059`)
//!   and public-security filing numbers (`京公网安备11010502030143号`).
//! - [`app`]: the identifiers of apps: Android package names
//!   ([`app::AndroidPackageName`]), iOS bundle IDs ([`app::BundleId`]),
//!   HarmonyOS bundle names, mini program ids, signing-certificate
//!   fingerprints ([`app::Fingerprint`]: MD5, SHA-1, SHA-256, normalised)
//!   and public keys.
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
//! # Operations
//!
//! Most orders a provider takes act on a filing already on record: a new
//! website of a filed subject, a filed website moved to this provider, a
//! change, a cancellation. An application names its [`Operation`]
//! (`operation`, a first filing when absent) and carries the filing on record
//! in [`Existing`] (`existing`: the subject's number, the recorded subject and
//! its websites and apps with their numbers, domains, managers and access
//! providers).
//! What each operation holds, which rules of a first filing check its new
//! data, its materials and steps are rule data (`rules/operations.toml`);
//! each province's change and access rules are the `[operations]` of its
//! file. Every number is read with [`number`], and must be one of the
//! record's (`operation.unknown_number`); what an add or access order gives
//! must equal the record (`operation.record_mismatch`, the recorded value
//! masked); the province, the subject's certificate number and the domains
//! of a filed website never grow (`operation.immutable_field`).
//!
//! ```
//! use beian::{Application, Severity, validate};
//!
//! let order = |name: &str| -> Application {
//!     let json = match name {
//!         "add_website" => include_str!("../examples/applications/add_website.json"),
//!         "add_access" => include_str!("../examples/applications/add_access.json"),
//!         "change_subject" => include_str!("../examples/applications/change_subject.json"),
//!         "change_website" => include_str!("../examples/applications/change_website.json"),
//!         "change_filing" => include_str!("../examples/applications/change_filing.json"),
//!         "cancel_subject" => include_str!("../examples/applications/cancel_subject.json"),
//!         "cancel_website" => include_str!("../examples/applications/cancel_website.json"),
//!         _ => include_str!("../examples/applications/cancel_access.json"),
//!     };
//!     Application::from_json(json).unwrap()
//! };
//! // One order of each kind, each ready to submit.
//! for name in ["add_website", "add_access", "change_subject", "change_website", "change_filing",
//!              "cancel_subject", "cancel_website", "cancel_access"] {
//!     let report = validate(&order(name));
//!     assert!(report.is_ok(), "{name}: {:?}", report.findings);
//!     assert_eq!(order(name).operation().as_str(), name);
//! }
//!
//! // An access order: the SMS goes to the manager of each website accessed.
//! let report = validate(&order("add_access"));
//! let sms = report.steps.iter().find(|s| &*s.id == "sms_verification").unwrap();
//! assert_eq!(sms.recipients, ["/websites/0/manager"]);
//!
//! // ... and its data must equal the record: here the recorded mobile differs.
//! let mut access = order("add_access");
//! let recorded = access.existing.as_mut().unwrap().subject.as_mut().unwrap();
//! recorded.principal.as_mut().unwrap().mobile = "13700001111".into();
//! let report = validate(&access);
//! let f = report.errors().next().unwrap();
//! assert_eq!((f.code.as_str(), f.path.as_str()), ("operation.record_mismatch", "/subject/principal/mobile"));
//! assert_eq!(f.params["recorded"], "137****1111");
//!
//! // A cancellation has no materials, and cancelling access has no SMS.
//! let report = validate(&order("cancel_access"));
//! assert!(report.materials.is_empty());
//! assert!(report.steps.iter().all(|s| &*s.id != "sms_verification"));
//!
//! // Cancelling the last access of a website leaves an empty filing (空壳).
//! let mut cancel = order("cancel_access");
//! cancel.existing.as_mut().unwrap().websites[0].access_providers = vec!["tencent".into()];
//! let report = validate(&cancel);
//! assert_eq!(report.findings[0].code.as_str(), "operation.leaves_empty_subject");
//! assert_eq!(report.findings[0].severity, Severity::Warning);
//!
//! // Zhejiang lets a person become only the enterprise they represent.
//! let mut change = order("change_subject");
//! let recorded = change.existing.as_mut().unwrap().subject.as_mut().unwrap();
//! recorded.certificate.as_mut().unwrap().number = "330106198805050011".into();
//! let report = validate(&change);
//! assert_eq!(report.errors().next().unwrap().code.as_str(), "operation.not_allowed_in_province");
//! ```
//!
//! Apps are services of an order as websites are: the record lists them in
//! [`Existing::apps`] ([`RecordedApp`]), numbered with their kind letter
//! under the subject's serials (`-2A` an app, `-3X` a mini program, `-4K` a
//! quick app), and an order names a filed app by its `icp_number` in
//! `apps`. A number must be one of the record's apps, of the app's kind;
//! the last service cancelled, website or app, leaves an empty subject.
//!
//! ```
//! use beian::{App, Application, RecordedApp, validate};
//!
//! let json = include_str!("../examples/applications/cancel_website.json");
//! let mut order = Application::from_json(json).unwrap();
//! // The subject also has an app on record, after its two websites.
//! order.existing.as_mut().unwrap().apps.push(RecordedApp {
//!     name: "小明记账".into(),
//!     icp_number: "浙ICP备2024000001号-3A".into(),
//!     access_providers: vec!["aliyun".into()],
//!     ..RecordedApp::default()
//! });
//! // Cancel the app, by its number alone, instead of a website.
//! order.websites.clear();
//! order.apps = vec![App { icp_number: "浙ICP备2024000001号-3A".into(), ..App::default() }];
//! assert!(validate(&order).is_ok());
//!
//! // A website's number names no app.
//! order.apps[0].icp_number = "浙ICP备2024000001号-2".into();
//! let report = validate(&order);
//! let f = report.errors().next().unwrap();
//! assert_eq!((f.code.as_str(), f.path.as_str()), ("operation.unknown_number", "/apps/0/icp_number"));
//! assert_eq!(f.params["problem"], "it is the number of a website, not of an app");
//! ```

//! # Apps, mini programs and quick apps
//!
//! Since September 2023 an app, mini program or quick app offered in
//! mainland China is filed like a website (App备案), through the access
//! provider, before it is published in the stores (先备案后上架). An
//! application lists them in [`Application::apps`], beside its websites or
//! alone: each [`App`] has its kind ([`AppKind`]), its name, the
//! [`Platform`]s it runs on with their identifier, the public key of the
//! signing certificate and its fingerprint (App特征信息), the domains it
//! calls (at any level), its content and pre-approvals, its responsible
//! person (App负责人, checked as a website manager is) and its icon size.
//!
//! The rules are those of `rules/apps.toml`, each with its source: the
//! website name rules that apply to apps, and generic names, marketing
//! words and one name across platforms; each platform's identifier in its
//! form and the fingerprint its form takes (MD5 for Android, SHA-1 for
//! iOS); the domain rules that concern a domain in use; the icon within
//! 100 KB. Findings carry `app.*` codes, the twins of the website codes
//! where a website rule applies (`app.name_too_short`,
//! `app.domain_tld_not_approved`, `app.icp_number_service_kind` …).
//!
//! ```
//! use beian::{AppKind, Code, PlatformKind};
//!
//! let json = include_str!("../examples/applications/personal-apps.json");
//! let mut application = beian::Application::from_json(json)?;
//! assert!(application.websites.is_empty()); // apps alone make an application
//! let app = &application.apps[0];
//! assert_eq!((app.kind, app.name.as_str()), (Some(AppKind::App), "小明记账"));
//! assert_eq!(app.platforms[1].platform, Some(PlatformKind::Ios));
//! assert!(beian::validate(&application).is_ok());
//!
//! // A generic name, the iOS certificate's SHA-1 given as its MD5, and a
//! // website's number on the app.
//! let app = &mut application.apps[0];
//! app.name = "计算器".into();
//! app.platforms[0].name.clear();
//! app.platforms[1].name.clear();
//! app.platforms[0].signature_md5 = "98:06:B6:7A:34:73:16:5A:ED:C1:3B:80:84:2B:A7:3B:79:83:88:4C".into();
//! app.icp_number = "浙ICP备2025131364号-1".into();
//! let report = beian::validate(&application);
//! let found: Vec<(Code, &str)> = report.errors().map(|f| (f.code, f.path.as_str())).collect();
//! assert_eq!(
//!     found,
//!     [
//!         (Code::AppNameGeneric, "/apps/0/name"),
//!         (Code::AppSignatureFormat, "/apps/0/platforms/0/signature_md5"),
//!         (Code::AppIcpNumberServiceKind, "/apps/0/icp_number"),
//!     ]
//! );
//! # Ok::<(), beian::ParseError>(())
//! ```
//!
//! The report's materials add the app icon and the app managers'
//! certificates, and its steps end with publishing the app, its number
//! shown in its settings or about page.
//!
//! # The contract, the codes, the cookbook
//!
//! - [`contract`] is the contract of the crate with its users: the keys of
//!   an application, the report's JSON and its guarantees, the finding
//!   codes, the command line, what stays stable.
//! - [`Code`] is the catalogue of finding codes: for every code its id,
//!   default severity, meaning, parameters and message templates;
//!   [`RuleSet::catalogue`] is the same as data. Codes are never reused; a
//!   rule set may change the severity of a rule, never its code. Besides
//!   the codes of a first filing there are `website.icp_number_*` (a
//!   website's existing filing number), `submission.*` (the caps some
//!   provinces put on one submission), `operation.*` (orders on a filing
//!   on record) and `app.*` (apps, mini programs and quick apps).
//! - [`cookbook`] has recipes, each a tested example: an HTTP handler that
//!   returns the report, updated rules, a fixed date, a form step by step,
//!   messages in both languages (and one's own), parsing one identifier,
//!   scanning a footer, re-validating every stored filing.
//!
//! # The command line
//!
//! The repository's `beian-cli` package is the `beian` command
//! (`cargo install --path cli`): `beian validate` checks application files
//! or JSON Lines (one report per line, on all cores), `beian number` checks
//! filing numbers or finds them in a page, and `beian rules` prints the code
//! catalogue (`beian rules codes --format json`), the provinces and one rule,
//! and exports the embedded rule files to edit. The [`contract`] has its
//! options and exit statuses.
//!
//! # Untrusted input
//!
//! Applications come from users, and the library is built to take them from
//! anyone:
//!
//! - **Reading.** [`Application::from_json`] parses with serde_json (which
//!   limits nesting) into a JSON tree, then reads the model from it; a value
//!   that does not fit is taken out and reported (`field.invalid`), at most
//!   100 of them one by one. A list where an object belongs is invalid, never
//!   read position by position.
//! - **Limits.** The checks look at no more than 100 websites, 100 apps,
//!   100 domains per website, 100 items of any other list, and strings and
//!   keys of up to 1,000 characters. The application is measured before any
//!   rule reads it (a string's bytes first, so measuring a 50 MB value costs
//!   what a short one does); what is over a limit is reported once as
//!   `input.too_large` with its length, never repeated, and read by no rule:
//!   the checks read a copy in which it is empty or cut to the limit. The
//!   cost of [`Validator::validate`] is therefore bounded by the limits, not
//!   by the size of the input (`BENCHMARKS.md` has the figures: a 50 MB value
//!   costs about what the personal sample does).
//! - **The report.** It lists at most 100 findings of one code (the first in
//!   document order) and at most 100 materials of one kind (the first in
//!   the checklist's order, e.g. the certificates of the first 100 domains);
//!   the rest of each are counted in an `input.too_large` finding at the
//!   document (`what`: `findings of one code`, `materials of one kind`). A
//!   finding the report would not list is counted without being built, so
//!   that the cost of a report does not grow with its repetitions; an error
//!   among them still makes the report not `ok`. Certificate and phone numbers appear only masked, and
//!   no finding adds a digit the mask hides (a region code, a birth date);
//!   a phone number inside an echoed e-mail address is masked too.
//!   [`Report::to_text`] escapes control characters from the input.
//! - **Dates.** Evaluation dates lie in the years 1 to 9999, so that every
//!   report reads back.
//!
//! Rule files are configuration, read from a directory an operator
//! controls, and still checked as input: each must be a regular file of at
//! most 4 MiB (a FIFO or a device is refused before it is opened); they are
//! parsed, type-checked and compiled when a rule set loads, and a malformed
//! file is a [`RuleError`] naming the file and line. Loading never panics.
//!
//! # Crate features
//!
//! None is enabled by default.
//!
//! - `schemars`: [`Application`] and [`Report`], with their parts,
//!   implement `schemars::JsonSchema`, for the JSON Schema of the input
//!   (front-end forms) and of the output (an OpenAPI document):
//!   `cargo run --example schema --features schemars -- application` (or
//!   `report`) prints it. Its descriptions are plain text.
//! - `proptest`: the `strategy` module, [proptest] strategies for property
//!   tests of code built on this crate: valid applications (with apps) for
//!   every province and filing type, and mutations that break exactly one
//!   rule with the finding they must cause.
//!
//! # Versions
//!
//! The crate follows semantic versioning; the [`contract`] says what is
//! public. The enums that regulators, providers or later versions extend
//! (the vocabularies such as [`SubjectKind`] and [`PreApprovalCategory`],
//! [`Code`], [`Language`]) and the output types ([`Report`], [`Finding`],
//! [`Material`], [`Step`], [`CatalogueEntry`], [`Param`]) are
//! `#[non_exhaustive]`: match them with a `_` arm, and build the output
//! types with their constructors ([`Report::new`], [`Finding::new`],
//! [`Material::new`], [`Step::new`]). [`Severity`] and [`FilingType`] are
//! exhaustive: their values are part of the contract.
//!
//! The application model ([`Application`], [`Subject`], [`Website`] …) is
//! plain data that users build, with public fields and [`Default`]: build
//! it with `..Default::default()` (as in the example of [`Application`]),
//! which keeps code compiling when a minor version adds an optional field.
//! Those structs are not `#[non_exhaustive]`, which would forbid struct
//! literals outside the crate altogether.
//!
//! The minimum supported Rust version is 1.88 (the `rust-version` of
//! `Cargo.toml`). Raising it is a minor-version change, announced in the
//! changelog, and happens only when a dependency or a language feature the
//! crate needs requires it.
//!
//! [proptest]: https://docs.rs/proptest

#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod app;
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
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategy;
mod text;
mod validator;
mod vocabulary;

pub use application::{
    App, Application, AuthorizationCode, Certificate, CloudServer, Domain, Existing, Hosting, InvalidField,
    LegalRepresentative, ParseError, Person, Platform, PreApproval, RecordedApp, RecordedWebsite, ResidencePermit,
    Subject, Validity, Website,
};
pub use code::{Code, Param};
pub use province::{Province, UnknownProvince};
pub use report::{Finding, Material, Params, Report, Step};
pub use rules::{RuleError, RuleInfo, Source};
pub use ruleset::{CatalogueEntry, RuleSet};
pub use stage::Stage;
pub use text::visible;
pub use validator::{Validator, validate};
pub use vocabulary::{
    AppKind, Billing, CertificateKind, Content, FilingType, IssuerAccount, Language, Operation, PlatformKind,
    PreApprovalCategory, Severity, SubjectKind, UnknownId,
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

#[doc = include_str!("doc/contract.md")]
pub mod contract {}

#[doc = include_str!("doc/cookbook.md")]
pub mod cookbook {}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
