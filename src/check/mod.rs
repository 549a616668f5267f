//! The checks: one module per family, each reading the application and the
//! whole rule data through one [`Context`] and recording findings in it.
//!
//! The layer rule: a file under `check/` imports the model (the
//! application and the ground types), `rules/`, `ruleset/` and `report`,
//! and never `validator`, which runs the checks in order. The checks read
//! across families (the subject check reads certificates and people, the
//! hosting check reads the process), so the context holds the rule data of
//! every family. When a rule's condition holds is decided in [`facts`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::application::person::{PersonAt, Responsible, Within};
use crate::application::{App, Application, Domain, Website};
use crate::code::Code;
use crate::report::{DocumentKey, Finding, Material, Params, Report, Step, document_key};
use crate::rules::Rule;
use crate::rules::operations::OperationRules;
use crate::rules::provinces::ProvinceRules;
use crate::ruleset::RuleData;
use crate::stage::Stage;
use crate::vocabulary::{FilingType, Operation, Severity};

pub(crate) mod app;
pub(crate) mod certificate;
pub(crate) mod content;
pub(crate) mod domain;
pub(crate) mod facts;
pub(crate) mod hosting;
pub(crate) mod input;
pub(crate) mod limits;
pub(crate) mod materials;
pub(crate) mod name;
pub(crate) mod number;
pub(crate) mod operation;
pub(crate) mod person;
pub(crate) mod process;
pub(crate) mod subject;
pub(crate) mod submission;

use facts::Facts;
pub(crate) use limits::{MAX_APPS, MAX_CHARS, MAX_DOMAINS, MAX_LIST, MAX_PER_CODE, MAX_WEBSITES, Over};

/// The people the checks read: those of the websites and apps within the
/// limits.
const PEOPLE: Within = Within {
    websites: MAX_WEBSITES,
    apps: MAX_APPS,
};

/// The state of one validation: the inputs and the findings so far.
pub(crate) struct Context<'a> {
    pub(crate) rules: &'a RuleData,
    /// What the rules of a first filing check: the order's new data (see
    /// [`operation::view`]); the order itself for a first filing.
    pub(crate) app: &'a Application,
    /// The order as submitted.
    pub(crate) order: &'a Application,
    /// What the order does.
    pub(crate) operation: Operation,
    /// The rules of that operation.
    pub(crate) operation_rules: &'a OperationRules,
    pub(crate) as_of: Date,
    /// How much of the application the form has asked for so far.
    pub(crate) stage: Stage,
    /// What the application has over the limits, until reported.
    pub(crate) over: Vec<Over>,
    pub(crate) facts: Facts<'a>,
    findings: Vec<Finding>,
    /// Per code, how its findings stand against [`MAX_PER_CODE`].
    tally: Vec<Tally>,
    /// Paths, as written, of values over a limit or invalid: nothing at or
    /// under them is reported.
    skipped: Vec<String>,
}

impl<'a> Context<'a> {
    /// A context for checking `order`, already within the limits (`over`
    /// is what it was measured to have over them), whose data the rules of
    /// a first filing see as `app` (see [`operation::view`]).
    pub(crate) fn new(
        rules: &'a RuleData,
        order: &'a Application,
        app: &'a Application,
        over: Vec<Over>,
        as_of: Date,
        stage: Stage,
    ) -> Context<'a> {
        let facts =
            Facts::new(app, &rules.subject, &rules.domains, &rules.websites.names, app.province).with_order(order);
        let operation = order.operation();
        Context {
            rules,
            app,
            order,
            operation,
            operation_rules: rules.operations.of(operation),
            as_of,
            stage,
            over,
            facts,
            findings: Vec::new(),
            tally: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// The filing type, when the subject kind is known (for an order
    /// without a subject, the recorded subject's).
    pub(crate) fn filing_type(&self) -> Option<FilingType> {
        self.order.filing_type()
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

    /// The order's websites within the limit, with their indices (the same
    /// as [`websites`](Context::websites) unless the operation's websites
    /// are not checked like a first filing's).
    pub(crate) fn order_websites(&self) -> impl Iterator<Item = (usize, &'a Website)> + use<'a> {
        let order = self.order;
        order.websites.iter().take(MAX_WEBSITES).enumerate()
    }

    /// The order's apps within the limit, with their indices (the same as
    /// [`apps`](Context::apps) unless the operation's services are not
    /// checked like a first filing's).
    pub(crate) fn order_apps(&self) -> impl Iterator<Item = (usize, &'a App)> + use<'a> {
        let order = self.order;
        order.apps.iter().take(MAX_APPS).enumerate()
    }

    /// The apps within the limit, with their indices.
    pub(crate) fn apps(&self) -> impl Iterator<Item = (usize, &'a App)> + use<'a> {
        let app = self.app;
        app.apps.iter().take(MAX_APPS).enumerate()
    }

    /// Where the people of the application are, in document order, within
    /// the limits (see [`people`](crate::application::person::people)).
    pub(crate) fn people(&self) -> impl Iterator<Item = PersonAt> + use<'a> {
        crate::application::person::people(self.app, PEOPLE)
    }

    /// The responsible people with contact data, in document order, within
    /// the limits (see [`responsible`](crate::application::person::responsible)).
    pub(crate) fn responsible(&self) -> impl Iterator<Item = Responsible<'a>> + use<'a> {
        crate::application::person::responsible(self.app, PEOPLE)
    }

    /// An app's domains within the limit, with their indices.
    pub(crate) fn app_domains(app: &'a App) -> impl Iterator<Item = (usize, &'a Domain)> {
        app.domains.iter().take(MAX_DOMAINS).enumerate()
    }

    /// A website's domains within the limit, with their indices.
    pub(crate) fn domains(website: &'a Website) -> impl Iterator<Item = (usize, &'a Domain)> {
        website.domains.iter().take(MAX_DOMAINS).enumerate()
    }

    /// Stops reporting anything at or under `path` of the model, a value
    /// over a limit.
    pub(crate) fn skip(&mut self, path: String) {
        let path = self.as_written(path);
        self.skip_as_written(path);
    }

    /// [`skip`](Context::skip) for a path of the document as written.
    pub(crate) fn skip_as_written(&mut self, path: String) {
        self.skipped.push(path);
    }

    /// Records a finding at a path of the model.
    pub(crate) fn flag(&mut self, code: Code, path: impl Into<String>, rule: &Rule, params: Params) {
        let path = self.as_written(path.into());
        self.flag_as_written(code, path, rule, params);
    }

    /// The path in the document as written of a path of the model (they
    /// differ after an invalid item was taken out of a list).
    fn as_written(&self, path: String) -> String {
        match self.order.source_path(&path) {
            Cow::Owned(written) => written,
            Cow::Borrowed(_) => path,
        }
    }

    /// [`flag`](Context::flag) at a path of the document as written: the
    /// paths the reader recorded (unknown keys, invalid values).
    pub(crate) fn flag_as_written(&mut self, code: Code, path: String, rule: &Rule, params: Params) {
        if self.accounted_as_written(code, &path, rule) {
            return;
        }
        // The messages are rendered for the findings the report keeps.
        self.findings.push(Finding {
            code,
            severity: rule.severity.unwrap_or(code.default_severity()),
            path,
            message: String::new(),
            message_zh: String::new(),
            rule: rule.id.clone(),
            params,
        });
        self.tally_mut(code).kept += 1;
    }

    /// Whether a finding of `code` at `path` (of the model) is accounted
    /// for without being built: the stage does not ask for it, it lies under
    /// a value over a limit, or the report will not list it because
    /// [`MAX_PER_CODE`] findings of its code come before it in the document
    /// (then it is counted). A check that flags many values can ask first
    /// and spare building the finding's params.
    pub(crate) fn accounted(&mut self, code: Code, path: &str, rule: &Rule) -> bool {
        match self.order.source_path(path) {
            Cow::Owned(written) => self.accounted_as_written(code, &written, rule),
            Cow::Borrowed(_) => self.accounted_as_written(code, path, rule),
        }
    }

    fn accounted_as_written(&mut self, code: Code, path: &str, rule: &Rule) -> bool {
        let asked = if code == Code::FieldRequired {
            self.stage.holds(path)
        } else {
            self.stage.covers(path)
        };
        if !asked {
            return true;
        }
        let under = |skipped: &String| {
            path.strip_prefix(skipped.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if code != Code::InputTooLarge && self.skipped.iter().any(under) {
            return true;
        }
        if self.tally.get(code as usize).is_none_or(|t| t.kept < MAX_PER_CODE) {
            return false;
        }
        // Sorted by document position, the report keeps the first
        // MAX_PER_CODE of a code (sorting is stable): a finding at or after
        // the last position of those already kept is not listed.
        let findings = &self.findings;
        let tally = &mut self.tally[code as usize];
        let last = tally.last.get_or_insert_with(|| {
            let keys = findings
                .iter()
                .filter(|f| f.code == code)
                .map(|f| document_key(&f.path));
            keys.max().unwrap_or_default()
        });
        if document_key(path) < *last {
            return false;
        }
        tally.cut += 1;
        tally.cut_error |= rule.severity.unwrap_or(code.default_severity()) == Severity::Error;
        true
    }

    fn tally_mut(&mut self, code: Code) -> &mut Tally {
        if self.tally.len() <= code as usize {
            self.tally.resize_with(Code::ALL.len(), Tally::default);
        }
        &mut self.tally[code as usize]
    }

    /// Keeps the first [`MAX_PER_CODE`] findings of each code, in document
    /// order, and the first [`MAX_PER_CODE`] materials of each kind, in the
    /// checklist's order; counts the rest of each in one `input.too_large`
    /// finding at the document, so that a report stays small whatever the
    /// application.
    fn bound(&mut self, materials: &mut Vec<Material>) {
        let mut seen = vec![0usize; Code::ALL.len()];
        self.findings.retain(|f| {
            seen[f.code as usize] += 1;
            seen[f.code as usize] <= MAX_PER_CODE
        });
        let cut: usize = self.tally.iter().map(|t| t.cut).sum();
        let findings = seen.iter().map(|n| n.saturating_sub(MAX_PER_CODE)).sum::<usize>() + cut;
        let mut kinds: HashMap<Arc<str>, usize> = HashMap::new();
        materials.retain(|m| {
            let n = kinds.entry(m.id.clone()).or_default();
            *n += 1;
            *n <= MAX_PER_CODE
        });
        let materials = kinds.values().map(|n| n.saturating_sub(MAX_PER_CODE)).sum::<usize>();
        let at = self
            .findings
            .partition_point(|f| f.path.is_empty() && f.code.as_str() < Code::InputTooLarge.as_str());
        let rule = &self.rules.input.too_large;
        let counts = [("materials of one kind", materials), ("findings of one code", findings)];
        for (what, over) in counts.into_iter().filter(|(_, over)| *over > 0) {
            self.findings.insert(
                at,
                Finding {
                    code: Code::InputTooLarge,
                    severity: rule.severity.unwrap_or(Code::InputTooLarge.default_severity()),
                    path: String::new(),
                    message: String::new(),
                    message_zh: String::new(),
                    rule: rule.id.clone(),
                    params: params! { "what" => what, "count" => over + MAX_PER_CODE, "limit" => MAX_PER_CODE },
                },
            );
        }
    }

    pub(crate) fn into_report(mut self, mut materials: Vec<Material>, steps: Vec<Step>) -> Report {
        for material in &mut materials {
            material.concerns = self.as_written(std::mem::take(&mut material.concerns));
        }
        materials.retain(|m| self.stage.holds(&m.concerns));
        self.findings
            .sort_by_cached_key(|f| (document_key(&f.path), f.code.as_str()));
        let ok =
            !self.findings.iter().any(|f| f.severity == Severity::Error) && !self.tally.iter().any(|t| t.cut_error);
        self.bound(&mut materials);
        for f in &mut self.findings {
            (f.message, f.message_zh) = self.rules.messages.render(f.code, &f.params);
        }
        Report {
            ok,
            as_of: self.as_of,
            province: self.order.province,
            filing_type: self.order.filing_type(),
            ruleset: self.rules.version.clone(),
            findings: self.findings,
            materials,
            steps,
        }
    }
}

/// How the findings of one code stand against [`MAX_PER_CODE`].
#[derive(Default)]
struct Tally {
    /// Findings recorded.
    kept: usize,
    /// The document position of the last of them, once they are
    /// [`MAX_PER_CODE`].
    last: Option<DocumentKey>,
    /// Findings after that position: counted, not recorded.
    cut: usize,
    /// Whether one of those is an error.
    cut_error: bool,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;

    /// The report of findings flagged in `order` (indices of paths), and
    /// what it must be: all of them sorted, the first `MAX_PER_CODE` of the
    /// code listed, the rest counted.
    fn bounded(order: &[usize], errors_from: usize) -> (Report, Vec<String>, usize) {
        let rules = RuleSet::embedded();
        let app = Application::default();
        let mut cx = Context::new(
            rules.data(),
            &app,
            &app,
            Vec::new(),
            Date::constant(2026, 1, 1),
            Stage::Complete,
        );
        let warning = Rule {
            severity: Some(Severity::Warning),
            ..rules.data().domains.name.clone()
        };
        let error = Rule {
            severity: Some(Severity::Error),
            ..warning.clone()
        };
        let path = |i: usize| format!("/websites/{}/domains/{}/name", i / 100, i % 100);
        for (n, &i) in order.iter().enumerate() {
            let rule = if n >= errors_from { &error } else { &warning };
            let params = params! { "domain" => path(i), "reason" => "test" };
            if !cx.accounted(Code::DomainInvalid, &path(i), rule) {
                cx.flag(Code::DomainInvalid, path(i), rule, params);
            }
        }
        let mut expected: Vec<usize> = order.to_vec();
        expected.sort_unstable();
        let listed = expected.iter().take(MAX_PER_CODE).map(|&i| path(i)).collect();
        (cx.into_report(Vec::new(), Vec::new()), listed, order.len())
    }

    #[test]
    fn a_code_lists_its_first_findings_in_document_order_and_counts_all() {
        let forward: Vec<usize> = (0..250).collect();
        let backward: Vec<usize> = (0..250).rev().collect();
        // Saturated early with late paths, then earlier ones arrive.
        let mixed: Vec<usize> = (100..200).chain(0..50).chain(200..250).chain(50..100).collect();
        for order in [forward, backward, mixed] {
            for errors_from in [0, 249, usize::MAX] {
                let (report, listed, count) = bounded(&order, errors_from);
                let paths: Vec<&str> = report
                    .findings
                    .iter()
                    .filter(|f| f.code == Code::DomainInvalid)
                    .map(|f| f.path.as_str())
                    .collect();
                assert_eq!(paths, listed);
                let total = &report.findings[0];
                assert_eq!((total.code, total.path.as_str()), (Code::InputTooLarge, ""));
                assert_eq!(total.params["count"], count);
                // An error among the findings not listed still fails the report.
                assert_eq!(report.ok, errors_from == usize::MAX, "{errors_from}");
            }
        }
    }
}
