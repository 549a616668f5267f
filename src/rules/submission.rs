//! What one submission may contain: the provinces' caps on the websites and
//! domains of one application (`[submission]` of the province files;
//! `submission.too_many_websites`, `submission.too_many_domains`).
//!
//! Nationally there is no cap beyond the input limits. Where a province
//! counts the websites or domains the subject already filed as well, the
//! application cannot show them: its own count is a lower bound, and the
//! rule's note says so.

use serde::Deserialize;

use crate::rules::{Condition, Load, Rule, RuleError, Tiers, rule_entry};

rule_entry! {
    /// A cap on the websites or domains of one submission.
    pub(crate) struct CapEntry {
        limit: toml::Spanned<u32>,
        #[serde(default)]
        when: Condition,
    }
}

/// The `[submission]` section of a province file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubmissionSection {
    #[serde(default)]
    pub(crate) websites: Option<Tiers<CapEntry>>,
    #[serde(default)]
    pub(crate) domains: Option<Tiers<CapEntry>>,
}

/// A cap, compiled.
#[derive(Debug)]
pub(crate) struct Cap {
    pub(crate) limit: u32,
    pub(crate) when: Condition,
    pub(crate) rule: Rule,
}

/// A province's caps on one submission, compiled.
#[derive(Debug, Default)]
pub(crate) struct ProvinceSubmissionRules {
    pub(crate) websites: Vec<Cap>,
    pub(crate) domains: Vec<Cap>,
}

impl ProvinceSubmissionRules {
    pub(crate) fn load(doc: SubmissionSection, mut load: Load<'_>) -> Result<ProvinceSubmissionRules, RuleError> {
        let file = load.file;
        let mut caps = |name: &str, tiers: Option<Tiers<CapEntry>>| {
            let mut caps = Vec::new();
            let tier_id = load.id(name);
            for (id, entry) in tiers.into_iter().flat_map(|t| t.with_ids(&tier_id)) {
                if *entry.limit.get_ref() == 0 {
                    let message = "a limit of 0 would refuse every application";
                    return Err(file.error_at(entry.limit.span(), message));
                }
                let rule = load.register_id(id, &entry)?;
                caps.push(Cap {
                    limit: entry.limit.into_inner(),
                    when: entry.when,
                    rule,
                });
            }
            Ok(caps)
        };
        Ok(ProvinceSubmissionRules {
            websites: caps("websites", doc.websites)?,
            domains: caps("domains", doc.domains)?,
        })
    }
}
