//! The filing process (备案流程) and its time limits (`rules/process.toml`,
//! with the provinces' own limits).

use serde::Deserialize;

use crate::report::Step;
use crate::rules::{Condition, File, Registry, Rule, RuleError, rule_entry};
use crate::validator::Context;

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

/// A step, compiled.
#[derive(Debug)]
struct StepRule {
    step: Step,
    when: Condition,
    #[allow(dead_code)] // kept for provenance: `RuleSet::rule` reads the registry
    rule: Rule,
}

/// The national process.
#[derive(Debug)]
pub(crate) struct ProcessRules {
    steps: Vec<StepRule>,
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
                return Err(file.error(format!("the step `{}` is defined twice", entry.id)));
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

/// The most working days a step may take for this application in the
/// filing province: its `max_working_days`, else its `working_days` (the
/// province's own limits first); `None` when the step does not apply or has
/// no limit in working days.
pub(crate) fn working_days(cx: &Context<'_>, id: &str) -> Option<u32> {
    let step = cx
        .rules
        .process
        .steps
        .iter()
        .find(|s| *s.step.id == *id && s.when.holds(&cx.facts))?;
    let own = cx
        .province()
        .and_then(|p| p.steps.iter().find(|(step_id, _, _)| step_id == id))
        .map(|(_, limits, _)| limits);
    own.and_then(|l| l.max_working_days)
        .or(step.step.max_working_days)
        .or(own.and_then(|l| l.working_days))
        .or(step.step.working_days)
}

/// The steps that apply to this application, with the province's limits.
pub(crate) fn steps(cx: &Context<'_>) -> Vec<Step> {
    let overrides = cx.province().map(|p| p.steps.as_slice()).unwrap_or_default();
    cx.rules
        .process
        .steps
        .iter()
        .filter(|s| s.when.holds(&cx.facts))
        .map(|s| {
            let mut step = s.step.clone();
            if let Some((_, limits, _)) = overrides.iter().find(|(id, _, _)| **id == *step.id) {
                step.working_days = limits.working_days.or(step.working_days);
                step.max_working_days = limits.max_working_days.or(step.max_working_days);
                step.max_hours = limits.max_hours.or(step.max_hours);
                step.max_days = limits.max_days.or(step.max_days);
            }
            step
        })
        .collect()
}
