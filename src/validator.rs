//! The validator: applies a compiled rule set to an application.

use std::sync::LazyLock;

use jiff::civil::Date;

use crate::application::{Application, Domain, Website};
use crate::code::Code;
use crate::province::ProvinceRules;
use crate::report::{Finding, Params, Report, document_key};
use crate::rules::{Facts, Rule, RuleData, RuleSet};
use crate::vocabulary::{FilingType, Severity};
use crate::{certificate, domain, hosting, input, materials, number, person, process, subject, submission, website};

/// Validates applications against a rule set, on a fixed or current date.
///
/// Building a validator is cheap: the rule set was compiled when it was
/// loaded, and `validate` does no parsing or compiling. A validator is
/// `Send + Sync`; share one across threads.
///
/// ```
/// use beian::{Application, RuleSet, Validator};
/// use jiff::civil::date;
///
/// let validator = Validator::new(&RuleSet::embedded()).as_of(date(2026, 11, 27));
/// let report = validator.validate(&Application::default());
/// assert_eq!(report.as_of, date(2026, 11, 27));
/// assert!(!report.is_ok());
/// ```
#[derive(Clone, Debug)]
pub struct Validator {
    rules: RuleSet,
    as_of: Option<Date>,
}

impl Validator {
    /// A validator for this rule set, evaluating on the application's
    /// `as_of` date or, without one, on today's date in China (UTC+8).
    pub fn new(rules: &RuleSet) -> Validator {
        Validator {
            rules: rules.clone(),
            as_of: None,
        }
    }

    /// Fixes the evaluation date, overriding the application's `as_of`.
    pub fn as_of(mut self, date: Date) -> Validator {
        self.as_of = Some(date);
        self
    }

    /// The rule set this validator applies.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Validates an application. Never panics and never fails: every problem
    /// in the application is a finding of the report.
    pub fn validate(&self, app: &Application) -> Report {
        let as_of = self.as_of.or(app.as_of).unwrap_or_else(today_in_china);
        let mut cx = Context::new(self.rules.data(), app, as_of);
        input::check(&mut cx);
        subject::check(&mut cx);
        certificate::check(&mut cx);
        person::check(&mut cx);
        website::check(&mut cx);
        domain::check(&mut cx);
        submission::check(&mut cx);
        hosting::check(&mut cx);
        number::check(&mut cx);
        let materials = materials::checklist(&cx);
        let steps = process::steps(&cx);
        cx.into_report(materials, steps)
    }
}

/// Validates an application with the embedded rule set, on the
/// application's `as_of` date or else today's date in China (UTC+8).
///
/// ```
/// let app = beian::Application::from_json(include_str!("../examples/applications/personal.json"))?;
/// let report = beian::validate(&app);
/// assert!(report.is_ok(), "{:#?}", report.findings);
/// # Ok::<(), beian::ParseError>(())
/// ```
pub fn validate(app: &Application) -> Report {
    static DEFAULT: LazyLock<Validator> = LazyLock::new(|| Validator::new(&RuleSet::embedded()));
    DEFAULT.validate(app)
}

fn today_in_china() -> Date {
    jiff::tz::Offset::constant(8).to_datetime(jiff::Timestamp::now()).date()
}

/// The most websites, domains per website, items in any other list, and
/// characters in any string that are checked (SPEC §4, `input.too_large`).
pub(crate) const MAX_WEBSITES: usize = 100;
pub(crate) const MAX_DOMAINS: usize = 100;
pub(crate) const MAX_LIST: usize = 100;
pub(crate) const MAX_CHARS: usize = 1000;

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
    fn new(rules: &'a RuleData, app: &'a Application, as_of: Date) -> Context<'a> {
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

    fn into_report(mut self, materials: Vec<crate::Material>, steps: Vec<crate::Step>) -> Report {
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
        let mut params = $crate::report::Params::new();
        $( params.insert($key.to_owned(), serde_json::Value::from($value)); )*
        params
    }};
}
pub(crate) use params;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Validator>();
    }

    #[test]
    fn the_evaluation_date_is_the_validators_then_the_applications() {
        let mut app = Application {
            as_of: Some(jiff::civil::date(2025, 1, 2)),
            ..Application::default()
        };
        let rules = RuleSet::embedded();
        assert_eq!(
            Validator::new(&rules).validate(&app).as_of,
            jiff::civil::date(2025, 1, 2)
        );
        let fixed = Validator::new(&rules).as_of(jiff::civil::date(2024, 3, 4));
        assert_eq!(fixed.validate(&app).as_of, jiff::civil::date(2024, 3, 4));
        app.as_of = None;
        let today = Validator::new(&rules).validate(&app).as_of;
        assert!((today - today_in_china()).get_days().abs() <= 1);
    }
}
