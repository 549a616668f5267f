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

use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::vocabulary::{AppKind, CertificateKind, FilingType, Operation, SubjectKind};

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
    /// Predicates about one person (`age`, `is_legal_representative`,
    /// `is_principal`, `from_other_province`).
    Person,
    /// Predicates about one website (`website_domain_count`,
    /// `website_name_differs_from_subject_name`,
    /// `website_name_unrelated_to_subject`).
    Website,
    /// Predicates about one domain (`held_by_legal_representative`), and
    /// possibly about its website.
    Domain,
    /// Predicates about one app (`app_kinds`).
    App,
}

/// Every predicate of the vocabulary; all given ones must hold.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Predicates {
    // The application.
    /// The order's operation is one of these (an application without one
    /// is a first filing).
    pub(crate) operations: Option<Vec<Operation>>,
    /// The filing type is this one.
    pub(crate) filing_type: Option<FilingType>,
    /// The subject kind is one of these.
    pub(crate) subject_kinds: Option<Vec<SubjectKind>>,
    /// The subject's certificate is of one of these kinds.
    pub(crate) certificate_kinds: Option<Vec<CertificateKind>>,
    /// Some website is commercial (`true`), or none is (`false`).
    pub(crate) commercial: Option<bool>,
    /// The personal filer holds a resident ID card of another province.
    pub(crate) non_local: Option<bool>,
    /// The subject is an individual business (个体工商户): its credit code's
    /// first two characters are `92` [I].
    pub(crate) individual_business: Option<bool>,
    /// The principal is (`true`) or is not (`false`) the legal
    /// representative; an entity that does not name both is neither.
    pub(crate) principal_is_legal_representative: Option<bool>,
    /// The legal representative's certificate is of one of these kinds.
    pub(crate) legal_representative_certificate_kinds: Option<Vec<CertificateKind>>,
    /// The subject's name contains one of these words.
    pub(crate) subject_name_contains: Option<Vec<String>>,
    /// The number of websites.
    pub(crate) website_count: Option<Range>,
    /// The number of apps (apps, mini programs and quick apps).
    pub(crate) app_count: Option<Range>,
    /// The number of domains of all websites.
    pub(crate) domain_count: Option<Range>,
    /// The number of distinct domain names without their public suffix
    /// (`abc.com` and `abc.cn` are one: `abc`).
    pub(crate) domain_prefix_count: Option<Range>,
    /// The number of websites on record (`existing.websites`; none for a
    /// first filing).
    pub(crate) recorded_website_count: Option<Range>,
    /// The number of the subject's websites once the order is through: the
    /// websites on record and the order's websites without a filing number.
    pub(crate) subject_website_count: Option<Range>,
    // One person.
    /// The person's age in whole years, from the birth date in the number
    /// of their certificate; a person whose age is unknown is in no band.
    pub(crate) age: Option<Range>,
    /// The person is (`true`) or is not (`false`) the legal representative.
    pub(crate) is_legal_representative: Option<bool>,
    /// The person is (`true`) or is not (`false`) the principal.
    pub(crate) is_principal: Option<bool>,
    /// The person holds a resident ID card of another province than the
    /// filing province (`true`) or of the filing province (`false`), read
    /// from the ID number's region code (for a personal filer, as for
    /// `non_local`: from the certificate address first); any other
    /// certificate is neither.
    pub(crate) from_other_province: Option<bool>,
    // One website.
    /// The number of the website's domains.
    pub(crate) website_domain_count: Option<Range>,
    /// The website's name is not the subject's name.
    pub(crate) website_name_differs_from_subject_name: Option<bool>,
    /// The website's name is (`true`) or is not (`false`) unrelated to the
    /// subject's name: it shares nothing with its short name, as the rule
    /// `names.unrelated_to_subject` reads it (entity filings; unknown for a
    /// short name that cannot be read).
    pub(crate) website_name_unrelated_to_subject: Option<bool>,
    // One domain.
    /// The domain's holder is the legal representative (by name).
    pub(crate) held_by_legal_representative: Option<bool>,
    // One app.
    /// The app is of one of these kinds.
    pub(crate) app_kinds: Option<Vec<AppKind>>,
}

impl Predicates {
    /// The target the predicates need, or the two predicates that cannot
    /// share a target.
    fn scope(&self) -> Result<Scope, (&'static str, &'static str)> {
        let person = [
            ("age", self.age.is_some()),
            ("is_legal_representative", self.is_legal_representative.is_some()),
            ("is_principal", self.is_principal.is_some()),
            ("from_other_province", self.from_other_province.is_some()),
        ];
        let website = [
            ("website_domain_count", self.website_domain_count.is_some()),
            (
                "website_name_differs_from_subject_name",
                self.website_name_differs_from_subject_name.is_some(),
            ),
            (
                "website_name_unrelated_to_subject",
                self.website_name_unrelated_to_subject.is_some(),
            ),
        ];
        let domain = [(
            "held_by_legal_representative",
            self.held_by_legal_representative.is_some(),
        )];
        let app = [("app_kinds", self.app_kinds.is_some())];
        let first = |group: &[(&'static str, bool)]| group.iter().find(|(_, present)| *present).map(|(n, _)| *n);
        if let Some(a) = first(&app) {
            return match first(&person).or(first(&website)).or(first(&domain)) {
                Some(other) => Err((a, other)),
                None => Ok(Scope::App),
            };
        }
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
            ("from_other_province", self.from_other_province.is_some()),
            ("website_domain_count", self.website_domain_count.is_some()),
            (
                "website_name_differs_from_subject_name",
                self.website_name_differs_from_subject_name.is_some(),
            ),
            (
                "website_name_unrelated_to_subject",
                self.website_name_unrelated_to_subject.is_some(),
            ),
            (
                "held_by_legal_representative",
                self.held_by_legal_representative.is_some(),
            ),
            ("app_kinds", self.app_kinds.is_some()),
        ]
        .into_iter()
        .find(|(_, present)| *present)
        .map(|(name, _)| name)
    }
}

impl fmt::Display for Predicates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(items: &[T]) -> String {
            items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        }
        let not = |b: bool| if b { "" } else { "not " };
        let mut parts: Vec<String> = Vec::new();
        if let Some(o) = &self.operations {
            parts.push(format!("{} orders", list(o)));
        }
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
        if let Some(r) = self.app_count {
            parts.push(format!("{r} apps"));
        }
        if let Some(r) = self.domain_count {
            parts.push(format!("{r} domains"));
        }
        if let Some(r) = self.domain_prefix_count {
            parts.push(format!("{r} distinct domain names"));
        }
        if let Some(r) = self.recorded_website_count {
            parts.push(format!("{r} websites on record"));
        }
        if let Some(r) = self.subject_website_count {
            parts.push(format!("{r} websites of the subject with the order's"));
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
        if let Some(b) = self.from_other_province {
            parts.push(
                if b {
                    "resident ID of another province"
                } else {
                    "resident ID of the province"
                }
                .into(),
            );
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
        if let Some(b) = self.website_name_unrelated_to_subject {
            parts.push(
                if b {
                    "website name unrelated to the subject's"
                } else {
                    "website name related to the subject's"
                }
                .into(),
            );
        }
        if let Some(b) = self.held_by_legal_representative {
            parts.push(format!("{}held by the legal representative", not(b)));
        }
        if let Some(k) = &self.app_kinds {
            parts.push(format!("app kind {}", list(k)));
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
pub(crate) struct Condition(pub(crate) Predicates);

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let predicates = Predicates::deserialize(deserializer)?;
        if let Some(name) = predicates.targeted() {
            return Err(serde::de::Error::custom(format!(
                "`{name}` is about one person, website, domain or app: only a material requirement for such a target can use it"
            )));
        }
        Ok(Condition(predicates))
    }
}

impl Condition {
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
pub(crate) struct TargetCondition(pub(crate) Predicates);

impl TargetCondition {
    /// The kind of target the condition needs, or an explanation of why
    /// no target fits it.
    pub(crate) fn scope(&self) -> Result<Scope, String> {
        self.0
            .scope()
            .map_err(|(a, b)| format!("`{a}` and `{b}` cannot be evaluated on one target"))
    }
}

impl fmt::Display for TargetCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
