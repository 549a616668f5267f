//! What the generators must respect in one province for one filing type:
//! the limits and policies of the embedded rule data that a valid
//! application cannot ignore, read from the rule set.
//!
//! The generators stay inside the strictest value of every tier (warnings
//! included, and whatever the tier's other conditions), so that a
//! generated application draws no warning either: a tier counts when its
//! condition can hold for the filing type.

use crate::province::Province;
use crate::rules::Condition;
use crate::rules::people::Role;
use crate::rules::provinces::ProvinceRules;
use crate::ruleset::{RuleData, RuleSet};
use crate::vocabulary::{CertificateKind, Content, FilingType, Operation};

/// The province's policy for a personal filer with a resident ID card of
/// another province (`[people.non_local]`).
pub(crate) use crate::rules::people::Policy as NonLocal;

/// The most websites the generators put in one application, where the
/// province's caps allow.
const MAX_WEBSITES: usize = 3;

/// The most domains the generators give one website, where the caps allow.
const MAX_DOMAINS_PER_WEBSITE: usize = 2;

/// One province and filing type, as the generators see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Profile {
    pub(crate) province: Province,
    pub(crate) filing_type: FilingType,
}

impl Profile {
    pub(crate) fn new(province: Province, filing_type: FilingType) -> Profile {
        Profile { province, filing_type }
    }

    /// Reads the embedded rule data and the province's own.
    fn read<T>(self, f: impl FnOnce(&RuleData, &ProvinceRules) -> T) -> T {
        let rules = RuleSet::embedded();
        let data = rules.data();
        f(data, data.province(self.province))
    }

    /// Whether a tier's condition can hold for a first filing of this
    /// filing type (the generators' valid applications are first filings;
    /// their orders are derived from them).
    fn may_hold(self, when: &Condition) -> bool {
        let when = &when.0;
        when.filing_type.is_none_or(|t| t == self.filing_type)
            && when
                .operations
                .as_ref()
                .is_none_or(|ops| ops.contains(&Operation::FirstFiling))
    }

    /// The roles of the responsible people of this filing type.
    fn roles(self) -> &'static [Role] {
        match self.filing_type {
            FilingType::Personal => &[Role::Filer],
            _ => &[Role::Principal, Role::Manager],
        }
    }

    /// The most domains of one submission (`[submission.domains]`).
    pub(crate) fn max_domains(self) -> usize {
        self.read(|_, p| {
            let caps = p.submission.domains.iter().filter(|c| self.may_hold(&c.when));
            caps.map(|c| c.limit as usize).min().unwrap_or(usize::MAX)
        })
    }

    /// The province's cap on the websites of one submission, where it is
    /// below what the generators would put in one (`[submission.websites]`).
    pub(crate) fn website_cap(self) -> Option<usize> {
        self.read(|_, p| {
            let caps = p.submission.websites.iter().filter(|c| self.may_hold(&c.when));
            caps.map(|c| c.limit as usize).min().filter(|cap| *cap < MAX_WEBSITES)
        })
    }

    /// The most websites the generators put in one application: 3, or the
    /// province's cap (`[submission.websites]`, `[submission.domains]`).
    pub(crate) fn max_websites(self) -> usize {
        self.website_cap().unwrap_or(MAX_WEBSITES).min(self.max_domains())
    }

    /// The most domains the generators give one website: 2, or the
    /// national or the province's cap (`[domains.per_website]`), or the
    /// national limit of a new website (`[domains.per_new_website]`, a
    /// warning the valid applications do not break).
    pub(crate) fn max_domains_per_website(self) -> usize {
        self.read(|data, p| {
            let own = p.domains.per_website.iter().filter(|(_, when, _)| self.may_hold(when));
            own.map(|(limit, _, _)| *limit as usize)
                .chain([
                    data.domains.per_website.0 as usize,
                    data.domains.per_new_website.0 as usize,
                ])
                .chain([MAX_DOMAINS_PER_WEBSITE])
                .min()
                .unwrap_or(MAX_DOMAINS_PER_WEBSITE)
        })
    }

    /// The content this filing type may declare without a pre-approval
    /// (`rules/content.toml`: open to personal filings; for entities,
    /// neither needing a pre-approval nor restricted), before the
    /// province's refusals.
    fn declarable(self, data: &RuleData) -> Vec<Content> {
        let content = &data.websites.content;
        Content::ALL
            .iter()
            .copied()
            .filter(|c| {
                let rule = content.content(*c);
                match self.filing_type {
                    FilingType::Personal => rule.open_to_personal,
                    _ => rule.pre_approval.is_none() && !rule.abolished,
                }
            })
            .collect()
    }

    /// Whether the province refuses a content to this filing type
    /// (`[websites.content]`), and whether a `refused` list names it.
    fn refusal(self, p: &ProvinceRules, content: Content) -> Option<bool> {
        let restrictions = p.websites.content.iter().filter(|r| self.may_hold(&r.when));
        let mut refused = None;
        for r in restrictions {
            if r.refused.contains(&content) {
                return Some(true);
            }
            if !r.only.is_empty() && !r.only.contains(&content) {
                refused = Some(false);
            }
        }
        refused
    }

    /// The service content a website may declare without a pre-approval
    /// (`[content]`, and the province's `[websites.content]` refusals).
    pub(crate) fn content(self) -> Vec<Content> {
        self.read(|data, p| {
            let mut all = self.declarable(data);
            all.retain(|c| self.refusal(p, *c).is_none());
            all
        })
    }

    /// Content the province refuses to this filing type (for a mutation),
    /// if there is some the filing type may otherwise declare: the first a
    /// `refused` list names, else the last outside an `only` list.
    pub(crate) fn refused_content(self) -> Option<Content> {
        self.read(|data, p| {
            let declarable = self.declarable(data);
            let refused = |named: bool| {
                declarable
                    .iter()
                    .copied()
                    .filter(move |c| self.refusal(p, *c) == Some(named))
            };
            refused(true).next().or_else(|| refused(false).next_back())
        })
    }

    /// Whether the principal must be the legal representative
    /// (`[people.principal_is_legal_representative]`, any severity).
    pub(crate) fn principal_must_be_legal_representative(self) -> bool {
        self.read(|_, p| !p.people.principal_is_legal_representative.is_empty())
    }

    /// Whether, the principal not being the legal representative, each
    /// website manager must be the principal (`[people.manager_is_principal]`).
    pub(crate) fn manager_must_be_principal(self) -> bool {
        self.read(|_, p| p.people.manager_is_principal.is_some())
    }

    /// Whether each website manager must be another person than the
    /// principal and the legal representative
    /// (`[people.manager_is_not_principal]`).
    pub(crate) fn manager_must_not_be_principal(self) -> bool {
        self.read(|_, p| p.people.manager_is_not_principal.is_some())
    }

    /// Whether the province requires an emergency phone of the personal
    /// filer (`filer`) or of an entity's principal and managers
    /// (`[people.emergency_phone]`).
    pub(crate) fn emergency_phone_required(self) -> bool {
        self.read(|_, p| {
            p.people
                .emergency_phone
                .as_ref()
                .is_some_and(|(roles, _)| self.roles().iter().any(|r| roles.contains(r)))
        })
    }

    /// The policy for a personal filer from another province.
    pub(crate) fn non_local(self) -> NonLocal {
        self.read(|_, p| p.people.non_local.policy)
    }

    /// Whether the province sets a minimum age for the personal filer
    /// (none where a tier for the filer says `min_age = 0`).
    pub(crate) fn filer_has_minimum_age(self) -> bool {
        self.read(|_, p| {
            !p.people
                .age
                .iter()
                .any(|a| a.roles.contains(&Role::Filer) && a.min_age == 0)
        })
    }

    /// Whether non-enterprise units must file with an organisation code
    /// (`[certificates.subject_kinds]` of the province allowing only it).
    pub(crate) fn units_file_with_organization_code(self) -> bool {
        self.read(|_, p| {
            p.certificates
                .subject_kinds
                .iter()
                .any(|r| r.only == [CertificateKind::OrganizationCode])
        })
    }
}
