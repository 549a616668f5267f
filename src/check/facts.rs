//! When a condition holds: the facts about an application that the
//! conditions of the rule data are tested against, computed once per
//! validation (the costly ones when first needed), and `holds` on the
//! condition types of the rule language. The rule language says what a
//! condition is; this module says when it holds.

use std::cell::OnceCell;

use crate::application::{App, Application, Domain, Website};
use crate::check::person::same_person;
use crate::check::subject::Origin;
use crate::check::{MAX_APPS, MAX_DOMAINS, MAX_WEBSITES};
use crate::domain::DomainName;
use crate::identity::Uscc;
use crate::province::Province;
use crate::rules::condition::Condition;
use crate::rules::condition::Predicates;
use crate::rules::condition::TargetCondition;
use crate::rules::domains::DomainRules;
use crate::rules::names::NameRules;
use crate::rules::subject::SubjectRules;
use crate::text::folded_eq;
use crate::vocabulary::{CertificateKind, FilingType, Operation, SubjectKind};

impl Predicates {
    fn holds(&self, facts: &Facts<'_>, on: On<'_>) -> bool {
        let filing_type = facts.subject_kind.map(SubjectKind::filing_type);
        let kind_in = |kinds: &Option<Vec<CertificateKind>>, kind: Option<CertificateKind>| {
            kinds
                .as_ref()
                .is_none_or(|kinds| kind.is_some_and(|k| kinds.contains(&k)))
        };
        let application = self
            .operations
            .as_ref()
            .is_none_or(|ops| ops.contains(&facts.operation))
            && self.filing_type.is_none_or(|t| filing_type == Some(t))
            && self
                .subject_kinds
                .as_ref()
                .is_none_or(|kinds| facts.subject_kind.is_some_and(|k| kinds.contains(&k)))
            && kind_in(&self.certificate_kinds, facts.certificate_kind())
            && self.commercial.is_none_or(|c| c == facts.commercial)
            && self.non_local.is_none_or(|b| b == facts.non_local())
            && self.individual_business.is_none_or(|b| b == facts.individual_business)
            && self
                .principal_is_legal_representative
                .is_none_or(|b| facts.principal_is_legal_representative == Some(b))
            && kind_in(
                &self.legal_representative_certificate_kinds,
                facts.legal_representative_certificate_kind(),
            )
            && self
                .subject_name_contains
                .as_ref()
                .is_none_or(|words| facts.subject_name_contains(words))
            && self.website_count.is_none_or(|r| r.contains(facts.website_count))
            && self.app_count.is_none_or(|r| r.contains(facts.app_count))
            && self.domain_count.is_none_or(|r| r.contains(facts.domain_count))
            && self
                .domain_prefix_count
                .is_none_or(|r| r.contains(facts.domain_prefix_count()))
            && self
                .recorded_website_count
                .is_none_or(|r| r.contains(facts.recorded_website_count))
            && self
                .subject_website_count
                .is_none_or(|r| r.contains(facts.subject_website_count));
        if !application {
            return false;
        }
        let person = match on {
            On::Person(p) => Some(p),
            _ => None,
        };
        let website = match on {
            On::Website(w) | On::Domain(w, _) => Some(w),
            _ => None,
        };
        let domain = match on {
            On::Domain(_, d) => Some(d),
            _ => None,
        };
        let app = match on {
            On::App(a) => Some(a),
            _ => None,
        };
        self.age
            .is_none_or(|r| person.and_then(|p| p.age).is_some_and(|age| r.contains(age)))
            && self
                .is_legal_representative
                .is_none_or(|b| person.and_then(|p| p.legal_representative) == Some(b))
            && self
                .is_principal
                .is_none_or(|b| person.and_then(|p| p.principal) == Some(b))
            && self
                .from_other_province
                .is_none_or(|b| person.and_then(|p| p.from_other_province) == Some(b))
            && self.website_domain_count.is_none_or(|r| {
                website.is_some_and(|w| r.contains(u32::try_from(w.domains.len().min(MAX_DOMAINS)).unwrap_or(0)))
            })
            && self
                .website_name_differs_from_subject_name
                .is_none_or(|b| website.and_then(|w| facts.name_differs(w)) == Some(b))
            && self
                .website_name_unrelated_to_subject
                .is_none_or(|b| website.and_then(|w| facts.name_unrelated(w)).map(|(u, _)| u) == Some(b))
            && self
                .held_by_legal_representative
                .is_none_or(|b| domain.and_then(|d| facts.held_by_legal_representative(d)) == Some(b))
            && self
                .app_kinds
                .as_ref()
                .is_none_or(|kinds| app.and_then(|a| a.kind).is_some_and(|k| kinds.contains(&k)))
    }
}

impl Condition {
    pub(crate) fn holds(&self, facts: &Facts<'_>) -> bool {
        self.0.holds(facts, On::Application)
    }
}

impl TargetCondition {
    pub(crate) fn holds(&self, facts: &Facts<'_>, on: On<'_>) -> bool {
        self.0.holds(facts, on)
    }
}

/// What a person is, for the predicates about one person.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PersonFacts {
    /// Age in whole years, when the certificate tells it.
    pub(crate) age: Option<u32>,
    /// Whether the person is the legal representative, when known.
    pub(crate) legal_representative: Option<bool>,
    /// Whether the person is the principal, when known.
    pub(crate) principal: Option<bool>,
    /// Whether the person's resident ID card is of another province than
    /// the filing province, when the person holds one.
    pub(crate) from_other_province: Option<bool>,
}

/// The target a condition is evaluated on.
#[derive(Clone, Copy, Debug)]
pub(crate) enum On<'a> {
    Application,
    Person(PersonFacts),
    Website(&'a Website),
    Domain(&'a Website, &'a Domain),
    App(&'a App),
}

/// What conditions are evaluated against: facts about the application,
/// computed once per validation (the costly ones when first needed).
#[derive(Debug)]
pub(crate) struct Facts<'a> {
    app: &'a Application,
    domains: &'a DomainRules,
    names: &'a NameRules,
    pub(crate) subject_kind: Option<SubjectKind>,
    pub(crate) commercial: bool,
    /// Where the personal filer is from.
    pub(crate) origin: Origin,
    /// Whether the principal is the legal representative, when an entity
    /// names both.
    pub(crate) principal_is_legal_representative: Option<bool>,
    pub(crate) individual_business: bool,
    website_count: u32,
    app_count: u32,
    domain_count: u32,
    domain_prefix_count: OnceCell<u32>,
    /// What the order does.
    operation: Operation,
    /// The number of websites on record.
    recorded_website_count: u32,
    /// The websites on record and the order's new ones.
    subject_website_count: u32,
}

impl<'a> Facts<'a> {
    pub(crate) fn new(
        app: &'a Application,
        subject_rules: &SubjectRules,
        domains: &'a DomainRules,
        names: &'a NameRules,
        province: Option<Province>,
    ) -> Facts<'a> {
        let subject = app.subject.as_ref();
        let websites = app.websites.iter().take(MAX_WEBSITES);
        let domain_count: usize = websites.clone().map(|w| w.domains.len().min(MAX_DOMAINS)).sum();
        let principal_is_legal_representative = subject
            .filter(|s| s.filing_type() == Some(FilingType::Entity))
            .and_then(|s| Some((s.principal.as_ref()?, s.legal_representative.as_ref()?)))
            .filter(|(p, l)| !p.name.trim().is_empty() && !l.name.trim().is_empty())
            .map(|(p, l)| same_person(&p.name, &p.certificate, &l.name, &l.certificate));
        let individual_business = subject
            .filter(|s| s.filing_type() == Some(FilingType::Entity))
            .and_then(|s| s.certificate.as_ref())
            .and_then(|c| Uscc::parse(&crate::text::certificate_number(&c.number)).ok())
            .is_some_and(|code| code.as_str().starts_with("92"));
        Facts {
            app,
            domains,
            names,
            subject_kind: subject.and_then(|s| s.kind),
            commercial: websites.clone().any(|w| w.commercial),
            origin: crate::check::subject::origin(subject_rules, app, province),
            principal_is_legal_representative,
            individual_business,
            website_count: u32::try_from(app.websites.len().min(MAX_WEBSITES)).unwrap_or(u32::MAX),
            app_count: u32::try_from(app.apps.len().min(MAX_APPS)).unwrap_or(u32::MAX),
            domain_count: u32::try_from(domain_count).unwrap_or(u32::MAX),
            domain_prefix_count: OnceCell::new(),
            operation: app.operation(),
            recorded_website_count: 0,
            subject_website_count: 0,
        }
        .with_order(app)
    }

    /// The facts about the order as submitted that its view (what the
    /// rules of a first filing check) leaves out: the operation and the
    /// websites on record.
    pub(crate) fn with_order(mut self, order: &Application) -> Facts<'a> {
        let recorded = order
            .existing
            .as_ref()
            .filter(|_| order.operation() != Operation::FirstFiling)
            .map_or(0, |e| e.websites.len().min(MAX_WEBSITES));
        let new = order
            .websites
            .iter()
            .take(MAX_WEBSITES)
            .filter(|w| order.operation() == Operation::FirstFiling || w.icp_number.trim().is_empty())
            .count();
        self.operation = order.operation();
        self.recorded_website_count = u32::try_from(recorded).unwrap_or(u32::MAX);
        self.subject_website_count = u32::try_from(recorded + new).unwrap_or(u32::MAX);
        self
    }

    fn certificate_kind(&self) -> Option<CertificateKind> {
        self.app.subject.as_ref()?.certificate.as_ref()?.kind
    }

    fn legal_representative_certificate_kind(&self) -> Option<CertificateKind> {
        self.app
            .subject
            .as_ref()?
            .legal_representative
            .as_ref()?
            .certificate
            .as_ref()?
            .kind
    }

    /// Whether the personal filer holds a resident ID card of another province.
    pub(crate) fn non_local(&self) -> bool {
        matches!(self.origin, Origin::OtherProvince { .. })
    }

    fn subject_name_contains(&self, words: &[String]) -> bool {
        let name = self.app.subject.as_ref().map_or("", |s| s.name.trim());
        words.iter().any(|w| name.contains(w.as_str()))
    }

    /// Whether a website's name is not the subject's (after folding);
    /// unknown when either is blank.
    fn name_differs(&self, website: &Website) -> Option<bool> {
        let subject = self.app.subject.as_ref()?.name.trim();
        let name = website.name.trim();
        (!subject.is_empty() && !name.is_empty()).then(|| !folded_eq(subject, name))
    }

    /// Whether an entity's website name is unrelated to the subject's name
    /// (see [`ShortNames::related`](crate::rules::names::ShortNames::related)), with the short name compared; unknown
    /// for a personal filing, a blank name or a short name that cannot be
    /// read.
    pub(crate) fn name_unrelated(&self, website: &Website) -> Option<(bool, String)> {
        let subject = self.app.subject.as_ref()?;
        if subject.filing_type() != Some(FilingType::Entity) || website.name.trim().is_empty() {
            return None;
        }
        let (related, short) = self.names.short_names.as_ref()?.related(&website.name, &subject.name)?;
        Some((!related, short))
    }

    /// Whether a domain's holder is the legal representative (by name);
    /// unknown without both names.
    fn held_by_legal_representative(&self, domain: &Domain) -> Option<bool> {
        let representative = self.app.subject.as_ref()?.legal_representative.as_ref()?.name.trim();
        let holder = domain.holder.trim();
        (!representative.is_empty() && !holder.is_empty()).then(|| folded_eq(representative, holder))
    }

    /// The number of distinct domain names without their public suffix.
    fn domain_prefix_count(&self) -> u32 {
        *self.domain_prefix_count.get_or_init(|| {
            let mut prefixes: Vec<String> = Vec::new();
            for w in self.app.websites.iter().take(MAX_WEBSITES) {
                for d in w.domains.iter().take(MAX_DOMAINS) {
                    let Ok(name) = DomainName::parse(d.name.trim()) else {
                        continue;
                    };
                    let split = self.domains.split(&name);
                    if let Some(label) = name.labels().rev().nth(split.suffix_labels) {
                        prefixes.push(label.to_owned());
                    }
                }
            }
            prefixes.sort_unstable();
            prefixes.dedup();
            u32::try_from(prefixes.len()).unwrap_or(u32::MAX)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::condition::{Range, Scope};
    use crate::ruleset::RuleSet;

    fn condition(toml: &str) -> Result<Condition, toml::de::Error> {
        toml::from_str(toml)
    }

    fn target(toml: &str) -> Result<TargetCondition, toml::de::Error> {
        toml::from_str(toml)
    }

    fn app(json: &str) -> Application {
        Application::from_json(json).unwrap()
    }

    const ENTITY: &str = include_str!("../../examples/applications/entity.json");
    const PERSONAL: &str = include_str!("../../examples/applications/personal.json");

    fn with_facts(json: &str, f: impl FnOnce(&Facts<'_>)) {
        let rules = RuleSet::embedded();
        let data = rules.data();
        let app = app(json);
        let facts = Facts::new(&app, &data.subject, &data.domains, &data.websites.names, app.province);
        f(&facts);
    }

    #[test]
    fn predicates_combine_with_and() {
        with_facts(ENTITY, |entity| {
            assert!(condition("").unwrap().holds(entity));
            assert!(condition("").unwrap().is_always());
            assert!(condition("filing_type = 'entity'").unwrap().holds(entity));
            assert!(!condition("filing_type = 'personal'").unwrap().holds(entity));
            assert!(
                condition("subject_kinds = ['government', 'enterprise']\ncommercial = false")
                    .unwrap()
                    .holds(entity)
            );
            assert!(!condition("subject_kinds = ['government']").unwrap().holds(entity));
            assert!(
                condition("principal_is_legal_representative = true")
                    .unwrap()
                    .holds(entity)
            );
            assert!(
                condition("website_count = { max = 1 }\ndomain_count = { min = 1, max = 1 }\napp_count = { max = 0 }")
                    .unwrap()
                    .holds(entity)
            );
            assert!(!condition("website_count = { min = 2 }").unwrap().holds(entity));
            assert!(condition("subject_name_contains = ['科技']").unwrap().holds(entity));
            assert!(condition("individual_business = false").unwrap().holds(entity));
            assert!(
                condition("legal_representative_certificate_kinds = ['resident_id_card']")
                    .unwrap()
                    .holds(entity)
            );
            assert!(condition("domain_prefix_count = { max = 1 }").unwrap().holds(entity));
        });
        with_facts(PERSONAL, |personal| {
            assert!(condition("non_local = false").unwrap().holds(personal));
            assert!(
                condition("certificate_kinds = ['resident_id_card']")
                    .unwrap()
                    .holds(personal)
            );
            // Entity-only facts are unknown for a personal filing.
            assert!(
                !condition("principal_is_legal_representative = false")
                    .unwrap()
                    .holds(personal)
            );
            assert!(
                !condition("principal_is_legal_representative = true")
                    .unwrap()
                    .holds(personal)
            );
        });
    }

    #[test]
    fn the_operation_and_the_record_are_facts_of_the_order() {
        with_facts(ENTITY, |first| {
            assert!(condition("operations = ['first_filing']").unwrap().holds(first));
            assert!(!condition("operations = ['add_website']").unwrap().holds(first));
            assert!(condition("recorded_website_count = { max = 0 }").unwrap().holds(first));
            assert!(
                condition("subject_website_count = { min = 1, max = 1 }")
                    .unwrap()
                    .holds(first)
            );
        });
        let add = include_str!("../../examples/applications/add_website.json");
        with_facts(add, |order| {
            assert!(
                condition("operations = ['add_website', 'add_access']")
                    .unwrap()
                    .holds(order)
            );
            assert!(
                condition("recorded_website_count = { min = 1, max = 1 }")
                    .unwrap()
                    .holds(order)
            );
            // The recorded website and the order's new one.
            assert!(
                condition("subject_website_count = { min = 2, max = 2 }")
                    .unwrap()
                    .holds(order)
            );
        });
        let change = include_str!("../../examples/applications/change_website.json");
        with_facts(change, |order| {
            // The order's website is the recorded one.
            assert!(
                condition("subject_website_count = { min = 1, max = 1 }")
                    .unwrap()
                    .holds(order)
            );
        });
        assert!(condition("operations = ['first_filling']").is_err());
        let c = condition("operations = ['add_website']\nrecorded_website_count = { min = 2 }").unwrap();
        assert_eq!(c.to_string(), "add_website orders; 2 or more websites on record");
    }

    #[test]
    fn targeted_predicates_hold_on_their_target() {
        with_facts(ENTITY, |facts| {
            let minor = On::Person(PersonFacts {
                age: Some(16),
                legal_representative: Some(false),
                principal: Some(false),
                from_other_province: Some(true),
            });
            let adult = On::Person(PersonFacts {
                age: Some(30),
                ..PersonFacts::default()
            });
            let band = target("age = { min = 16, max = 17 }\nis_legal_representative = false").unwrap();
            let other = target("from_other_province = true").unwrap();
            assert_eq!(other.scope(), Ok(Scope::Person));
            assert!(other.holds(facts, minor));
            assert!(!other.holds(facts, adult));
            assert_eq!(band.scope(), Ok(Scope::Person));
            assert!(band.holds(facts, minor));
            assert!(!band.holds(facts, adult));
            assert!(!band.holds(facts, On::Application));
            let website = &facts.app.websites[0];
            let differs = target("website_name_differs_from_subject_name = true").unwrap();
            assert_eq!(differs.scope(), Ok(Scope::Website));
            assert!(differs.holds(facts, On::Website(website)));
            let held = target("held_by_legal_representative = false\nwebsite_domain_count = { max = 1 }").unwrap();
            assert_eq!(held.scope(), Ok(Scope::Domain));
            assert!(held.holds(facts, On::Domain(website, &website.domains[0])));
        });
    }

    #[test]
    fn misspelt_or_misplaced_predicates_are_errors() {
        let err = condition("filing_typ = 'entity'").unwrap_err();
        assert!(err.message().contains("unknown field `filing_typ`"), "{err}");
        assert!(condition("filing_type = 'company'").is_err());
        let err = condition("age = { max = 17 }").unwrap_err();
        assert!(err.message().contains("`age` is about one person"), "{err}");
        let err = condition("website_count = { min = 3, max = 2 }").unwrap_err();
        assert!(err.message().contains("empty range"), "{err}");
        assert!(
            condition("website_count = {}")
                .unwrap_err()
                .message()
                .contains("needs `min`")
        );
        assert!(condition("website_count = { minimum = 3 }").is_err());
        let mixed = target("age = { max = 17 }\nwebsite_domain_count = { min = 2 }").unwrap();
        assert!(mixed.scope().unwrap_err().contains("`age`"));
    }

    #[test]
    fn conditions_read_as_text() {
        let c = condition("filing_type = 'personal'\nwebsite_count = { min = 6 }").unwrap();
        assert_eq!(c.to_string(), "personal filings; 6 or more websites");
        let t = target("age = { min = 16, max = 17 }").unwrap();
        assert_eq!(t.to_string(), "aged 16–17");
        assert_eq!(
            Range {
                min: None,
                max: Some(17)
            }
            .to_string(),
            "17 or fewer"
        );
        assert_eq!(
            Range {
                min: Some(1),
                max: Some(1)
            }
            .to_string(),
            "1"
        );
    }
}
