//! The materials checklist (备案材料): which documents to prepare, for whom
//! (`rules/materials.toml`, and the `[[materials]]` requirements of the
//! province files).
//!
//! A requirement names a material, its target (`for`: the subject, the
//! legal representative, the principal, each website manager, each
//! responsible person, each website, each domain, each pre-approval) and a
//! condition (`when`). The predicates of the condition about one person,
//! website or domain are evaluated on each instance of the target, so that
//! `for = "people"` with `when = { age = { max = 17 } }` lists a guardian's
//! consent for each minor. The checklist has the national requirements
//! first, then the province's, each material once per path.

use crate::application::person::PersonAt;
use crate::application::{Certificate, LegalRepresentative, Person};
use crate::check::facts::{On, PersonFacts};
use crate::check::person::{age_of, same_person};
use crate::check::subject::Origin;
use crate::check::{Context, MAX_LIST};
use crate::identity::ResidentId;
use crate::report::Material;
use crate::rules::materials::Target;
use crate::vocabulary::{CertificateKind, FilingType};

/// The checklist for this application, each material once per target.
pub(crate) fn checklist(cx: &Context<'_>) -> Vec<Material> {
    let rules = &cx.rules.materials;
    let own = cx.province().map(|p| p.materials.as_slice()).unwrap_or_default();
    let mut out: Vec<Material> = Vec::new();
    // What is listed already, so that the list is built in linear time.
    let mut listed: std::collections::HashSet<(std::sync::Arc<str>, String)> = std::collections::HashSet::new();
    for requirement in rules.requirements.iter().chain(own) {
        let material = &requirement.material;
        each_target(cx, requirement.target, &mut |at, on| {
            if !requirement.when.holds(&cx.facts, on) {
                return;
            }
            let path = at.path();
            if listed.insert((material.id.clone(), path.clone())) {
                out.push(Material {
                    id: material.id.clone(),
                    concerns: path,
                    name: material.name.clone(),
                    name_zh: material.name_zh.clone(),
                });
            }
        });
    }
    out
}

/// Where a target instance is; its path is only built when it is listed.
#[derive(Clone, Copy)]
enum At {
    Person(PersonAt),
    Website(usize),
    App(usize),
    Domain(usize, usize),
    PreApproval(usize, usize),
    AppPreApproval(usize, usize),
}

impl At {
    fn path(self) -> String {
        match self {
            At::Person(at) => at.path(),
            At::Website(i) => format!("/websites/{i}"),
            At::App(i) => format!("/apps/{i}"),
            At::Domain(i, j) => format!("/websites/{i}/domains/{j}"),
            At::PreApproval(i, j) => format!("/websites/{i}/pre_approvals/{j}"),
            At::AppPreApproval(i, j) => format!("/apps/{i}/pre_approvals/{j}"),
        }
    }
}

/// Calls `f` with each instance of a target, in document order.
fn each_target<'a>(cx: &Context<'a>, target: Target, f: &mut dyn FnMut(At, On<'a>)) {
    let Some(subject) = &cx.app.subject else { return };
    let personal = subject.filing_type() == Some(FilingType::Personal);
    let legal = subject.legal_representative.as_ref().filter(|_| !personal);
    let principal = subject.principal.as_ref();
    let person = |name: &str, certificate: &Option<Certificate>, is_principal: Option<bool>| {
        On::Person(PersonFacts {
            age: age_of(certificate, cx.as_of),
            legal_representative: is(legal, name, certificate),
            principal: is_principal,
            from_other_province: from_other_province(cx, certificate),
        })
    };
    // The personal filer is from where the residence rules say (the
    // certificate address first).
    let filer = || {
        let mut on = person(&subject.name, &subject.certificate, Some(true));
        if let On::Person(facts) = &mut on {
            facts.from_other_province = match cx.facts.origin {
                Origin::Local => Some(false),
                Origin::OtherProvince { .. } => Some(true),
                Origin::WithoutAddress(_) | Origin::Unknown => None,
            };
        }
        on
    };
    // Each distinct website manager, where first seen.
    let managers = || {
        let mut seen: Vec<&Person> = Vec::new();
        cx.websites().filter_map(move |(i, w)| {
            let m = w.manager.as_ref()?;
            if seen
                .iter()
                .any(|s| same_person(&s.name, &s.certificate, &m.name, &m.certificate))
            {
                return None;
            }
            seen.push(m);
            Some((i, m))
        })
    };
    // Each distinct app manager who is no website manager, where first seen.
    let app_managers = || {
        let mut seen: Vec<&Person> = cx.websites().filter_map(|(_, w)| w.manager.as_ref()).collect();
        cx.apps().filter_map(move |(i, a)| {
            let m = a.manager.as_ref()?;
            if seen
                .iter()
                .any(|s| same_person(&s.name, &s.certificate, &m.name, &m.certificate))
            {
                return None;
            }
            seen.push(m);
            Some((i, m))
        })
    };
    let is_principal = |m: &Person| {
        principal
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| same_person(&p.name, &p.certificate, &m.name, &m.certificate))
    };
    let manager = |m: &Person| person(&m.name, &m.certificate, is_principal(m));
    let as_principal = |p: &Person| person(&p.name, &p.certificate, Some(true));
    match target {
        Target::Subject => f(At::Person(PersonAt::Subject), On::Application),
        Target::LegalRepresentative => {
            if let Some(l) = legal {
                let on = On::Person(PersonFacts {
                    age: age_of(&l.certificate, cx.as_of),
                    legal_representative: Some(true),
                    principal: cx.facts.principal_is_legal_representative,
                    from_other_province: from_other_province(cx, &l.certificate),
                });
                f(At::Person(PersonAt::LegalRepresentative), on);
            }
        }
        Target::Principal => match (principal, personal) {
            (Some(p), _) => f(At::Person(PersonAt::Principal), as_principal(p)),
            (None, true) => f(At::Person(PersonAt::Subject), filer()),
            (None, false) => {}
        },
        Target::Managers => {
            for (i, m) in managers() {
                f(At::Person(PersonAt::Manager(i)), manager(m));
            }
        }
        Target::AppManagers => {
            for (i, m) in app_managers() {
                f(At::Person(PersonAt::AppManager(i)), manager(m));
            }
        }
        Target::People if personal => f(At::Person(PersonAt::Subject), filer()),
        Target::People => {
            if let Some(p) = principal {
                f(At::Person(PersonAt::Principal), as_principal(p));
            }
            for (i, m) in managers() {
                if is_principal(m) != Some(true) {
                    f(At::Person(PersonAt::Manager(i)), manager(m));
                }
            }
            for (i, m) in app_managers() {
                if is_principal(m) != Some(true) {
                    f(At::Person(PersonAt::AppManager(i)), manager(m));
                }
            }
        }
        Target::Websites => {
            for (i, w) in cx.websites() {
                f(At::Website(i), On::Website(w));
            }
        }
        Target::Apps => {
            for (i, a) in cx.apps() {
                f(At::App(i), On::App(a));
            }
        }
        Target::Domains => {
            for (i, w) in cx.websites() {
                for (j, d) in Context::domains(w) {
                    f(At::Domain(i, j), On::Domain(w, d));
                }
            }
        }
        Target::PreApprovals => {
            for (i, w) in cx.websites() {
                // A list over the limit is `input.too_large` and not checked further.
                if w.pre_approvals.len() <= MAX_LIST {
                    for j in 0..w.pre_approvals.len() {
                        f(At::PreApproval(i, j), On::Website(w));
                    }
                }
            }
            for (i, a) in cx.apps() {
                if a.pre_approvals.len() <= MAX_LIST {
                    for j in 0..a.pre_approvals.len() {
                        f(At::AppPreApproval(i, j), On::App(a));
                    }
                }
            }
        }
    }
}

/// Whether a resident ID card is of another province than the filing
/// province (by the region code of its number); unknown for any other
/// certificate, a number that does not parse, or no filing province.
fn from_other_province(cx: &Context<'_>, certificate: &Option<Certificate>) -> Option<bool> {
    let province = cx.app.province?;
    let certificate = certificate.as_ref()?;
    if certificate.kind != Some(CertificateKind::ResidentIdCard) {
        return None;
    }
    let number = crate::text::certificate_number(&certificate.number);
    let from = ResidentId::parse(&number).ok()?.province()?;
    Some(from != province)
}

/// Whether a person is the legal representative; unknown without one.
fn is(legal: Option<&LegalRepresentative>, name: &str, certificate: &Option<Certificate>) -> Option<bool> {
    legal
        .filter(|l| !l.name.trim().is_empty() && !name.trim().is_empty())
        .map(|l| same_person(&l.name, &l.certificate, name, certificate))
}
