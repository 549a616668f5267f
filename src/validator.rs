//! The validator: applies a compiled rule set to an application, running
//! the checks of every family in order.

use std::sync::LazyLock;

use jiff::civil::Date;

use crate::application::Application;
use crate::check::{self, Context};
use crate::report::Report;
use crate::rules::operations::Checked;
use crate::ruleset::RuleSet;
use crate::stage::Stage;

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
    stage: Stage,
}

impl Validator {
    /// A validator for this rule set, evaluating on the application's
    /// `as_of` date or, without one, on today's date in China (UTC+8).
    pub fn new(rules: &RuleSet) -> Validator {
        Validator {
            rules: rules.clone(),
            as_of: None,
            stage: Stage::Complete,
        }
    }

    /// Validates a form as far as it has been filled: at a `stage`, what
    /// belongs to a later stage is not required and not reported, and the
    /// materials are those known so far. [`Stage::Complete`], the default,
    /// checks everything.
    ///
    /// ```
    /// use beian::{Application, RuleSet, Stage, Validator};
    ///
    /// // The first screen of a form: province, kind of subject, domain, hosting.
    /// let seed = Application::from_json(r#"{
    ///     "province": "zhejiang",
    ///     "subject": { "kind": "personal" },
    ///     "as_of": "2026-11-27",
    ///     "websites": [ { "domains": [ { "name": "xiaoming-notes.cn", "holder": "王小明",
    ///                                    "real_name_verified": true, "expires_on": "2027-10-01" } ] } ],
    ///     "hosting": { "kind": "cloud_server", "region": "ap-shanghai", "billing": "prepaid",
    ///                  "purchased_months": 12, "expires_on": "2027-11-01" }
    /// }"#)?;
    /// let rules = RuleSet::embedded();
    /// let first_screen = Validator::new(&rules).stage(Stage::Prerequisites).validate(&seed);
    /// assert!(first_screen.is_ok(), "{first_screen:?}");
    /// // The same form, checked as a whole, still lacks the subject and the website.
    /// assert!(!Validator::new(&rules).validate(&seed).is_ok());
    ///
    /// // A `.io` domain is refused on the first screen already.
    /// let mut refused = seed.clone();
    /// refused.websites[0].domains[0].name = "xiaoming-notes.io".into();
    /// let report = Validator::new(&rules).stage(Stage::Prerequisites).validate(&refused);
    /// assert_eq!(report.errors().next().unwrap().code.as_str(), "domain.tld_not_approved");
    /// # Ok::<(), beian::ParseError>(())
    /// ```
    pub fn stage(mut self, stage: Stage) -> Validator {
        self.stage = stage;
        self
    }

    /// Fixes the evaluation date, overriding the application's `as_of`.
    ///
    /// Evaluation dates lie in the years 1 to 9999, which reports write as
    /// `YYYY-MM-DD` and read back; an earlier date is taken as 0001-01-01.
    ///
    /// ```
    /// use beian::{Application, Report, RuleSet, Validator};
    ///
    /// let early = jiff::civil::date(-9999, 1, 1);
    /// let report = Validator::new(&RuleSet::embedded()).as_of(early).validate(&Application::default());
    /// assert_eq!(report.as_of, jiff::civil::date(1, 1, 1));
    /// let again: Report = serde_json::from_str(&report.to_json())?;
    /// assert_eq!(again, report);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn as_of(mut self, date: Date) -> Validator {
        self.as_of = Some(date.max(jiff::civil::date(1, 1, 1)));
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
        // Measured before any rule reads it: the checks read a copy within
        // the limits when something is over.
        let over = check::limits::over(app);
        let limited;
        let app = if over.is_empty() {
            app
        } else {
            limited = check::limits::within(app, &over);
            &limited
        };
        let data = self.rules.data();
        let operation = data.operations.of(app.operation());
        // The rules of a first filing check the order's new data.
        let view = check::operation::view(app, operation);
        let mut cx = Context::new(data, app, &view, over, as_of, self.stage);
        check::input::check(&mut cx);
        check::number::check(&mut cx);
        check::operation::check(&mut cx);
        check::subject::check(&mut cx);
        check::certificate::check(&mut cx);
        check::person::check(&mut cx);
        check::name::check(&mut cx);
        check::content::check(&mut cx);
        check::domain::check(&mut cx);
        if operation.checks(Checked::Submission) {
            check::submission::check(&mut cx);
        }
        check::hosting::check(&mut cx);
        let materials = check::operation::materials(&cx, check::materials::checklist(&cx));
        let steps = check::operation::steps(&cx, check::process::steps(&cx));
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
