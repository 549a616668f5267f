//! Conditions: the small typed vocabulary rule data uses to say when a
//! rule, a material or a step applies (`when = { filing_type = "entity" }`).
//!
//! A condition is a table of predicates that must all hold; an empty table
//! always holds. Keys are checked when the rule set loads, so a misspelt
//! predicate is a [`RuleError`](crate::RuleError) with its file and line,
//! never a silently false rule.

use serde::Deserialize;

use crate::vocabulary::{FilingType, SubjectKind};

/// When something applies: every given predicate must hold.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Condition {
    /// The filing type is this one.
    filing_type: Option<FilingType>,
    /// The subject kind is one of these.
    subject_kinds: Option<Vec<SubjectKind>>,
    /// Some website is commercial (`true`), or none is (`false`).
    commercial: Option<bool>,
}

/// What conditions are evaluated against: facts about the application,
/// computed once per validation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Facts {
    pub(crate) subject_kind: Option<SubjectKind>,
    pub(crate) commercial: bool,
}

impl Condition {
    pub(crate) fn holds(&self, facts: &Facts) -> bool {
        let filing_type = facts.subject_kind.map(SubjectKind::filing_type);
        self.filing_type.is_none_or(|t| filing_type == Some(t))
            && self
                .subject_kinds
                .as_ref()
                .is_none_or(|kinds| facts.subject_kind.is_some_and(|k| kinds.contains(&k)))
            && self.commercial.is_none_or(|c| c == facts.commercial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(toml: &str) -> Result<Condition, toml::de::Error> {
        toml::from_str(toml)
    }

    #[test]
    fn predicates_combine_with_and() {
        let entity = Facts {
            subject_kind: Some(SubjectKind::Enterprise),
            commercial: true,
        };
        assert!(condition("").unwrap().holds(&entity));
        assert!(condition("filing_type = 'entity'").unwrap().holds(&entity));
        assert!(!condition("filing_type = 'personal'").unwrap().holds(&entity));
        assert!(
            condition("subject_kinds = ['government', 'enterprise']\ncommercial = true")
                .unwrap()
                .holds(&entity)
        );
        assert!(!condition("subject_kinds = ['government']").unwrap().holds(&entity));
        assert!(!condition("filing_type = 'entity'").unwrap().holds(&Facts::default()));
    }

    #[test]
    fn misspelt_predicates_are_errors() {
        let err = condition("filing_typ = 'entity'").unwrap_err();
        assert!(err.message().contains("unknown field `filing_typ`"), "{err}");
        assert!(condition("filing_type = 'company'").is_err());
    }
}
