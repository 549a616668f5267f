//! The filing process (备案流程) and its time limits (`rules/process.toml`,
//! with the provinces' own limits).

use crate::check::Context;
use crate::report::Step;

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
    let overrides = cx
        .province()
        .filter(|_| cx.operation_rules.province_limits)
        .map(|p| p.steps.as_slice())
        .unwrap_or_default();
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
