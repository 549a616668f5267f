//! Conditions: the small typed vocabulary rule data uses to say when a
//! rule, a material or a step applies (`when = { filing_type = "entity" }`).
//!
//! A condition is a table of predicates that must all hold; an empty table
//! always holds. Keys and values are checked when the rule set loads, so a
//! misspelt predicate or an unknown value is a [`RuleError`](crate::RuleError)
//! with its file and line, never a silently false rule.
//!
//! Most predicates are about the application as a whole (the filing type,
//! the subject, counts of websites and domains). A few are about one person,
//! one website or one domain: they are evaluated on the target of a material
//! requirement (`for = "people"`, `"websites"`, `"domains"` …), and only
//! there; a [`Condition`] used anywhere else refuses them when it loads, and
//! a [`TargetCondition`] is checked against its requirement's target.

use std::cell::OnceCell;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::application::{Application, Domain, Website};
use crate::domain::{DomainName, DomainRules};
use crate::identity::Uscc;
use crate::person::same_person;
use crate::province::Province;
use crate::subject::{Origin, SubjectRules};
use crate::text::folded_eq;
use crate::validator::{MAX_DOMAINS, MAX_WEBSITES};
use crate::vocabulary::{CertificateKind, FilingType, SubjectKind};

/// An inclusive range of whole numbers (counts, ages in years):
/// `{ min = 6 }`, `{ max = 17 }`, `{ min = 16, max = 17 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) min: Option<u32>,
    pub(crate) max: Option<u32>,
}

impl Range {
    pub(crate) fn contains(self, n: u32) -> bool {
        self.min.is_none_or(|m| n >= m) && self.max.is_none_or(|m| n <= m)
    }
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            #[serde(default)]
            min: Option<u32>,
            #[serde(default)]
            max: Option<u32>,
        }
        let doc = Doc::deserialize(deserializer)?;
        match (doc.min, doc.max) {
            (None, None) => Err(serde::de::Error::custom("a range needs `min`, `max` or both")),
            (Some(min), Some(max)) if min > max => Err(serde::de::Error::custom(format!(
                "an empty range: `min` ({min}) is greater than `max` ({max})"
            ))),
            (min, max) => Ok(Range { min, max }),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a}–{b}"),
            (Some(a), None) => write!(f, "{a} or more"),
            (None, Some(b)) => write!(f, "{b} or fewer"),
            (None, None) => f.write_str("any"),
        }
    }
}

/// What a condition is evaluated on, besides the application: the kind of
/// target its predicates need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scope {
    /// Only predicates about the application.
    Application,
    /// Predicates about one person (`age`, `is_legal_representative`, `is_principal`).
    Person,
    /// Predicates about one website (`website_domain_count`, `website_name_differs_from_subject_name`).
    Website,
    /// Predicates about one domain (`held_by_legal_representative`), and
    /// possibly about its website.
    Domain,
}

/// Every predicate of the vocabulary; all given ones must hold.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Predicates {
    // The application.
    /// The filing type is this one.
    filing_type: Option<FilingType>,
    /// The subject kind is one of these.
    subject_kinds: Option<Vec<SubjectKind>>,
    /// The subject's certificate is of one of these kinds.
    certificate_kinds: Option<Vec<CertificateKind>>,
    /// Some website is commercial (`true`), or none is (`false`).
    commercial: Option<bool>,
    /// The personal filer holds a resident ID card of another province.
    non_local: Option<bool>,
    /// The subject is an individual business (个体工商户): its credit code's
    /// first two characters are `92` [I].
    individual_business: Option<bool>,
    /// The principal is (`true`) or is not (`false`) the legal
    /// representative; an entity that does not name both is neither.
    principal_is_legal_representative: Option<bool>,
    /// The legal representative's certificate is of one of these kinds.
    legal_representative_certificate_kinds: Option<Vec<CertificateKind>>,
    /// The subject's name contains one of these words.
    subject_name_contains: Option<Vec<String>>,
    /// The number of websites.
    website_count: Option<Range>,
    /// The number of domains of all websites.
    domain_count: Option<Range>,
    /// The number of distinct domain names without their public suffix
    /// (`abc.com` and `abc.cn` are one: `abc`).
    domain_prefix_count: Option<Range>,
    // One person.
    /// The person's age in whole years, from the birth date in the number
    /// of their certificate; a person whose age is unknown is in no band.
    age: Option<Range>,
    /// The person is (`true`) or is not (`false`) the legal representative.
    is_legal_representative: Option<bool>,
    /// The person is (`true`) or is not (`false`) the principal.
    is_principal: Option<bool>,
    // One website.
    /// The number of the website's domains.
    website_domain_count: Option<Range>,
    /// The website's name is not the subject's name.
    website_name_differs_from_subject_name: Option<bool>,
    // One domain.
    /// The domain's holder is the legal representative (by name).
    held_by_legal_representative: Option<bool>,
}

impl Predicates {
    /// The target the predicates need, or the two predicates that cannot
    /// share a target.
    fn scope(&self) -> Result<Scope, (&'static str, &'static str)> {
        let person = [
            ("age", self.age.is_some()),
            ("is_legal_representative", self.is_legal_representative.is_some()),
            ("is_principal", self.is_principal.is_some()),
        ];
        let website = [
            ("website_domain_count", self.website_domain_count.is_some()),
            (
                "website_name_differs_from_subject_name",
                self.website_name_differs_from_subject_name.is_some(),
            ),
        ];
        let domain = [(
            "held_by_legal_representative",
            self.held_by_legal_representative.is_some(),
        )];
        let first = |group: &[(&'static str, bool)]| group.iter().find(|(_, present)| *present).map(|(n, _)| *n);
        match (first(&person), first(&website), first(&domain)) {
            (Some(p), Some(other), _) | (Some(p), None, Some(other)) => Err((p, other)),
            (Some(_), None, None) => Ok(Scope::Person),
            (None, _, Some(_)) => Ok(Scope::Domain),
            (None, Some(_), None) => Ok(Scope::Website),
            (None, None, None) => Ok(Scope::Application),
        }
    }

    /// The first predicate that needs a target, if any.
    fn targeted(&self) -> Option<&'static str> {
        [
            ("age", self.age.is_some()),
            ("is_legal_representative", self.is_legal_representative.is_some()),
            ("is_principal", self.is_principal.is_some()),
            ("website_domain_count", self.website_domain_count.is_some()),
            (
                "website_name_differs_from_subject_name",
                self.website_name_differs_from_subject_name.is_some(),
            ),
            (
                "held_by_legal_representative",
                self.held_by_legal_representative.is_some(),
            ),
        ]
        .into_iter()
        .find(|(_, present)| *present)
        .map(|(name, _)| name)
    }

    fn holds(&self, facts: &Facts<'_>, on: On<'_>) -> bool {
        let filing_type = facts.subject_kind.map(SubjectKind::filing_type);
        let kind_in = |kinds: &Option<Vec<CertificateKind>>, kind: Option<CertificateKind>| {
            kinds
                .as_ref()
                .is_none_or(|kinds| kind.is_some_and(|k| kinds.contains(&k)))
        };
        let application = self.filing_type.is_none_or(|t| filing_type == Some(t))
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
            && self.domain_count.is_none_or(|r| r.contains(facts.domain_count))
            && self
                .domain_prefix_count
                .is_none_or(|r| r.contains(facts.domain_prefix_count()));
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
        self.age
            .is_none_or(|r| person.and_then(|p| p.age).is_some_and(|age| r.contains(age)))
            && self
                .is_legal_representative
                .is_none_or(|b| person.and_then(|p| p.legal_representative) == Some(b))
            && self
                .is_principal
                .is_none_or(|b| person.and_then(|p| p.principal) == Some(b))
            && self.website_domain_count.is_none_or(|r| {
                website.is_some_and(|w| r.contains(u32::try_from(w.domains.len().min(MAX_DOMAINS)).unwrap_or(0)))
            })
            && self
                .website_name_differs_from_subject_name
                .is_none_or(|b| website.and_then(|w| facts.name_differs(w)) == Some(b))
            && self
                .held_by_legal_representative
                .is_none_or(|b| domain.and_then(|d| facts.held_by_legal_representative(d)) == Some(b))
    }
}

impl fmt::Display for Predicates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(items: &[T]) -> String {
            items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        }
        let not = |b: bool| if b { "" } else { "not " };
        let mut parts: Vec<String> = Vec::new();
        if let Some(t) = self.filing_type {
            parts.push(format!("{t} filings"));
        }
        if let Some(k) = &self.subject_kinds {
            parts.push(format!("subject kind {}", list(k)));
        }
        if let Some(k) = &self.certificate_kinds {
            parts.push(format!("certificate {}", list(k)));
        }
        if let Some(b) = self.commercial {
            parts.push(format!("{}commercial", not(b)));
        }
        if let Some(b) = self.non_local {
            parts.push(if b { "non-local filer" } else { "local filer" }.into());
        }
        if let Some(b) = self.individual_business {
            parts.push(format!("{}an individual business", not(b)));
        }
        if let Some(b) = self.principal_is_legal_representative {
            parts.push(format!("principal {}the legal representative", not(b)));
        }
        if let Some(k) = &self.legal_representative_certificate_kinds {
            parts.push(format!("legal representative with {}", list(k)));
        }
        if let Some(w) = &self.subject_name_contains {
            parts.push(format!("subject name with {}", list(w)));
        }
        if let Some(r) = self.website_count {
            parts.push(format!("{r} websites"));
        }
        if let Some(r) = self.domain_count {
            parts.push(format!("{r} domains"));
        }
        if let Some(r) = self.domain_prefix_count {
            parts.push(format!("{r} distinct domain names"));
        }
        if let Some(r) = self.age {
            parts.push(format!("aged {r}"));
        }
        if let Some(b) = self.is_legal_representative {
            parts.push(format!("{}the legal representative", not(b)));
        }
        if let Some(b) = self.is_principal {
            parts.push(format!("{}the principal", not(b)));
        }
        if let Some(r) = self.website_domain_count {
            parts.push(format!("{r} domains on the website"));
        }
        if let Some(b) = self.website_name_differs_from_subject_name {
            parts.push(
                if b {
                    "website name not the subject's"
                } else {
                    "website name the subject's"
                }
                .into(),
            );
        }
        if let Some(b) = self.held_by_legal_representative {
            parts.push(format!("{}held by the legal representative", not(b)));
        }
        if parts.is_empty() {
            f.write_str("always")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}

/// A condition about the application as a whole. The predicates about one
/// person, website or domain are refused when it loads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Condition(Predicates);

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let predicates = Predicates::deserialize(deserializer)?;
        if let Some(name) = predicates.targeted() {
            return Err(serde::de::Error::custom(format!(
                "`{name}` is about one person, website or domain: only a material requirement for such a target can use it"
            )));
        }
        Ok(Condition(predicates))
    }
}

impl Condition {
    pub(crate) fn holds(&self, facts: &Facts<'_>) -> bool {
        self.0.holds(facts, On::Application)
    }

    /// Whether the condition always holds.
    #[cfg(test)]
    pub(crate) fn is_always(&self) -> bool {
        self.to_string() == "always"
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A condition of a material requirement: any predicate, the ones about a
/// person, website or domain evaluated on the requirement's target.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct TargetCondition(Predicates);

impl TargetCondition {
    /// The kind of target the condition needs, or an explanation of why
    /// no target fits it.
    pub(crate) fn scope(&self) -> Result<Scope, String> {
        self.0
            .scope()
            .map_err(|(a, b)| format!("`{a}` (about a person) and `{b}` cannot be evaluated on one target"))
    }

    pub(crate) fn holds(&self, facts: &Facts<'_>, on: On<'_>) -> bool {
        self.0.holds(facts, on)
    }
}

impl fmt::Display for TargetCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
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
}

/// The target a condition is evaluated on.
#[derive(Clone, Copy, Debug)]
pub(crate) enum On<'a> {
    Application,
    Person(PersonFacts),
    Website(&'a Website),
    Domain(&'a Website, &'a Domain),
}

/// What conditions are evaluated against: facts about the application,
/// computed once per validation (the costly ones when first needed).
#[derive(Debug)]
pub(crate) struct Facts<'a> {
    app: &'a Application,
    domains: &'a DomainRules,
    pub(crate) subject_kind: Option<SubjectKind>,
    pub(crate) commercial: bool,
    /// Where the personal filer is from.
    pub(crate) origin: Origin,
    /// Whether the principal is the legal representative, when an entity
    /// names both.
    pub(crate) principal_is_legal_representative: Option<bool>,
    pub(crate) individual_business: bool,
    website_count: u32,
    domain_count: u32,
    domain_prefix_count: OnceCell<u32>,
}

impl<'a> Facts<'a> {
    pub(crate) fn new(
        app: &'a Application,
        subject_rules: &SubjectRules,
        domains: &'a DomainRules,
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
            .and_then(|c| Uscc::parse(&crate::certificate::normalise(&c.number)).ok())
            .is_some_and(|code| code.as_str().starts_with("92"));
        Facts {
            app,
            domains,
            subject_kind: subject.and_then(|s| s.kind),
            commercial: websites.clone().any(|w| w.commercial),
            origin: crate::subject::origin(subject_rules, app, province),
            principal_is_legal_representative,
            individual_business,
            website_count: u32::try_from(app.websites.len().min(MAX_WEBSITES)).unwrap_or(u32::MAX),
            domain_count: u32::try_from(domain_count).unwrap_or(u32::MAX),
            domain_prefix_count: OnceCell::new(),
        }
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
    use crate::RuleSet;

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
        let facts = Facts::new(&app, &data.subject, &data.domains, app.province);
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
                condition("website_count = { max = 1 }\ndomain_count = { min = 1, max = 1 }")
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
    fn targeted_predicates_hold_on_their_target() {
        with_facts(ENTITY, |facts| {
            let minor = On::Person(PersonFacts {
                age: Some(16),
                legal_representative: Some(false),
                principal: Some(false),
            });
            let adult = On::Person(PersonFacts {
                age: Some(30),
                ..PersonFacts::default()
            });
            let band = target("age = { min = 16, max = 17 }\nis_legal_representative = false").unwrap();
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
