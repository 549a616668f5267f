//! The checks: one module per family, each reading the application and the
//! whole rule data through one [`Context`] and recording findings in it.
//!
//! The layer rule: a file under `check/` imports the model (the
//! application and the ground types), `rules/`, `ruleset/` and `report`,
//! and never `validator`, which runs the checks in order. The checks read
//! across families (the subject check reads certificates and people, the
//! hosting check reads the process), so the context holds the rule data of
//! every family. When a rule's condition holds is decided in [`facts`].

use jiff::civil::Date;

use crate::application::{App, Application, Domain, Website};
use crate::code::Code;
use crate::report::{Finding, Material, Params, Report, Step, document_key};
use crate::rules::Rule;
use crate::rules::provinces::ProvinceRules;
use crate::ruleset::RuleData;
use crate::vocabulary::{FilingType, Severity};

pub(crate) mod app;
pub(crate) mod certificate;
pub(crate) mod content;
pub(crate) mod domain;
pub(crate) mod facts;
pub(crate) mod hosting;
pub(crate) mod input;
mod limits;
pub(crate) mod materials;
pub(crate) mod name;
pub(crate) mod number;
pub(crate) mod person;
pub(crate) mod process;
pub(crate) mod subject;
pub(crate) mod submission;

use facts::Facts;
pub(crate) use limits::{MAX_APPS, MAX_CHARS, MAX_DOMAINS, MAX_LIST, MAX_WEBSITES};

/// The state of one validation: the inputs and the findings so far.
pub(crate) struct Context<'a> {
    pub(crate) rules: &'a RuleData,
    pub(crate) app: &'a Application,
    pub(crate) as_of: Date,
    pub(crate) facts: Facts<'a>,
    findings: Vec<Finding>,
    /// Paths of values over a limit: nothing at or under them is reported.
    skipped: Vec<String>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(rules: &'a RuleData, app: &'a Application, as_of: Date) -> Context<'a> {
        let facts = Facts::new(app, &rules.subject, &rules.domains, app.province);
        Context {
            rules,
            app,
            as_of,
            facts,
            findings: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// The filing type, when the subject kind is known.
    pub(crate) fn filing_type(&self) -> Option<FilingType> {
        self.app.filing_type()
    }

    /// The rules of the filing province, when there is one.
    pub(crate) fn province(&self) -> Option<&'a ProvinceRules> {
        let rules = self.rules;
        self.app.province.map(|p| rules.province(p))
    }

    /// The websites within the limit, with their indices.
    pub(crate) fn websites(&self) -> impl Iterator<Item = (usize, &'a Website)> + use<'a> {
        let app = self.app;
        app.websites.iter().take(MAX_WEBSITES).enumerate()
    }

    /// The apps within the limit, with their indices.
    pub(crate) fn apps(&self) -> impl Iterator<Item = (usize, &'a App)> + use<'a> {
        let app = self.app;
        app.apps.iter().take(MAX_APPS).enumerate()
    }

    /// An app's domains within the limit, with their indices.
    pub(crate) fn app_domains(app: &'a App) -> impl Iterator<Item = (usize, &'a Domain)> {
        app.domains.iter().take(MAX_DOMAINS).enumerate()
    }

    /// A website's domains within the limit, with their indices.
    pub(crate) fn domains(website: &'a Website) -> impl Iterator<Item = (usize, &'a Domain)> {
        website.domains.iter().take(MAX_DOMAINS).enumerate()
    }

    /// Stops reporting anything at or under `path`, a value over a limit.
    pub(crate) fn skip(&mut self, path: String) {
        self.skipped.push(path);
    }

    /// Records a finding.
    pub(crate) fn flag(&mut self, code: Code, path: impl Into<String>, rule: &Rule, params: Params) {
        let path = path.into();
        let under = |skipped: &String| {
            path.strip_prefix(skipped.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if code != Code::InputTooLarge && self.skipped.iter().any(under) {
            return;
        }
        let (message, message_zh) = self.rules.messages.render(code, &params);
        self.findings.push(Finding {
            code,
            severity: rule.severity.unwrap_or(code.default_severity()),
            path,
            message,
            message_zh,
            rule: rule.id.clone(),
            params,
        });
    }

    pub(crate) fn into_report(mut self, materials: Vec<Material>, steps: Vec<Step>) -> Report {
        self.findings
            .sort_by_cached_key(|f| (document_key(&f.path), f.code.as_str()));
        Report {
            ok: !self.findings.iter().any(|f| f.severity == Severity::Error),
            as_of: self.as_of,
            province: self.app.province,
            filing_type: self.filing_type(),
            ruleset: self.rules.version.clone(),
            findings: self.findings,
            materials,
            steps,
        }
    }
}

/// Builds finding parameters: `params! { "suffix" => "io", "days" => 30 }`.
macro_rules! params {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut params = $crate::code::Params::new();
        $( params.insert($key.to_owned(), serde_json::Value::from($value)); )*
        params
    }};
}
pub(crate) use params;
