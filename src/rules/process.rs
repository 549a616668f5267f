//! The filing process (备案流程) and its time limits (`rules/process.toml`,
//! with the provinces' own limits).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rules::{Condition, File, Registry, Rule, RuleError, rule_entry};
rule_entry! {
    /// A step of the process.
    pub(crate) struct StepEntry {
        id: String,
        name: String,
        name_zh: String,
        #[serde(default)]
        working_days: Option<u32>,
        #[serde(default)]
        max_working_days: Option<u32>,
        #[serde(default)]
        max_hours: Option<u32>,
        #[serde(default)]
        max_days: Option<u32>,
        #[serde(default)]
        when: Condition,
    }
}

rule_entry! {
    /// A province's own time limits for a step.
    pub(crate) struct StepLimits {
        #[serde(default)]
        working_days: Option<u32>,
        #[serde(default)]
        max_working_days: Option<u32>,
        #[serde(default)]
        max_hours: Option<u32>,
        #[serde(default)]
        max_days: Option<u32>,
    }
}

/// A step of the filing process and its time limit.
///
/// As in [`Material`](crate::Material), the id and names are shared with the
/// rule set. Later versions may add fields (hence `#[non_exhaustive]`);
/// build one with [`Step::new`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
#[non_exhaustive]
pub struct Step {
    /// The step id, e.g. `authority_review`.
    pub id: Arc<str>,
    /// English name.
    pub name: Arc<str>,
    /// Chinese name.
    pub name_zh: Arc<str>,
    /// The usual duration in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// The longest the step may take, in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_working_days: Option<u32>,
    /// The longest the step may take, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours: Option<u32>,
    /// The longest the step may take, in calendar days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days: Option<u32>,
    /// Of the SMS verification: the JSON Pointers of the people who receive
    /// a code (the principal, each website manager; one code per person),
    /// in the order or, for a cancellation, in its `existing` record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
}

impl Step {
    /// A step without time limits: its id and its English and Chinese names.
    /// Set the limits on the fields.
    ///
    /// ```
    /// let mut step = beian::Step::new("authority_review", "review by the administration", "管局审核");
    /// step.max_working_days = Some(20);
    /// ```
    pub fn new(id: impl Into<Arc<str>>, name: impl Into<Arc<str>>, name_zh: impl Into<Arc<str>>) -> Step {
        Step {
            id: id.into(),
            name: name.into(),
            name_zh: name_zh.into(),
            working_days: None,
            max_working_days: None,
            max_hours: None,
            max_days: None,
            recipients: Vec::new(),
        }
    }
}

/// A step, compiled.
#[derive(Debug)]
pub(crate) struct StepRule {
    pub(crate) step: Step,
    pub(crate) when: Condition,
    #[allow(dead_code)] // kept for provenance: `RuleSet::rule` reads the registry
    pub(crate) rule: Rule,
}

/// The national process.
#[derive(Debug)]
pub(crate) struct ProcessRules {
    pub(crate) steps: Vec<StepRule>,
}

impl ProcessRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<ProcessRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            steps: Vec<StepEntry>,
        }
        let doc: Doc = file.parse()?;
        let mut steps: Vec<StepRule> = Vec::new();
        for entry in doc.steps {
            if steps.iter().any(|s| *s.step.id == *entry.id) {
                let line = file.line_of_id(&entry.id);
                let message = format!("the step `{}` is defined twice", entry.id);
                return Err(match line {
                    Some(line) => file.error_at_line(line, message),
                    None => file.error(message),
                });
            }
            let rule = file.register(registry, format!("process.steps.{}", entry.id), &entry)?;
            steps.push(StepRule {
                step: Step {
                    id: entry.id.into(),
                    name: entry.name.into(),
                    name_zh: entry.name_zh.into(),
                    working_days: entry.working_days,
                    max_working_days: entry.max_working_days,
                    max_hours: entry.max_hours,
                    max_days: entry.max_days,
                    recipients: Vec::new(),
                },
                when: entry.when,
                rule,
            });
        }
        Ok(ProcessRules { steps })
    }

    /// The national limit in working days of a step.
    #[cfg(test)]
    pub(crate) fn max_working_days(&self, id: &str) -> Option<u32> {
        let step = &self.steps.iter().find(|s| *s.step.id == *id)?.step;
        step.max_working_days.or(step.working_days)
    }

    /// Whether a step with this id exists.
    pub(crate) fn has_step(&self, id: &str) -> bool {
        self.steps.iter().any(|s| *s.step.id == *id)
    }
}
