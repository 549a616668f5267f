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

use jiff::civil::Date;

use crate::application::{App, Application, Domain, Website};
use crate::code::Code;
use crate::report::{Finding, Material, Params, Report, Step, document_key};
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
        let asked = if code == Code::FieldRequired {
            self.stage.holds(&path)
        } else {
            self.stage.covers(&path)
        };
        if !asked {
            return;
        }
        let under = |skipped: &String| {
            path.strip_prefix(skipped.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if code != Code::InputTooLarge && self.skipped.iter().any(under) {
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
    }

    /// Keeps the first [`MAX_PER_CODE`] findings of each code, in document
    /// order, and counts the rest in one `input.too_large` finding at the
    /// document, so that a report stays small whatever the application.
    fn bound_findings(&mut self) {
        let mut seen = vec![0usize; Code::ALL.len()];
        self.findings.retain(|f| {
            seen[f.code as usize] += 1;
            seen[f.code as usize] <= MAX_PER_CODE
        });
        let over: usize = seen.iter().map(|n| n.saturating_sub(MAX_PER_CODE)).sum();
        if over > 0 {
            let rule = &self.rules.input.too_large;
            let params =
                params! { "what" => "findings of one code", "count" => over + MAX_PER_CODE, "limit" => MAX_PER_CODE };
            let at = self
                .findings
                .partition_point(|f| f.path.is_empty() && f.code.as_str() < Code::InputTooLarge.as_str());
            self.findings.insert(
                at,
                Finding {
                    code: Code::InputTooLarge,
                    severity: rule.severity.unwrap_or(Code::InputTooLarge.default_severity()),
                    path: String::new(),
                    message: String::new(),
                    message_zh: String::new(),
                    rule: rule.id.clone(),
                    params,
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
        let ok = !self.findings.iter().any(|f| f.severity == Severity::Error);
        self.bound_findings();
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
