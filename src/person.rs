//! People checks: the responsible persons a filing needs (法定代表人,
//! 主体负责人, 网站负责人) and, for a personal filing, that they are the filer;
//! their age; their contact data (`rules/people.toml`, `rules/contacts.toml`).
//!
//! The people with contact data are the personal filer (at `/subject`), the
//! principal and each website manager. Two of them are the same person when
//! their certificate numbers are equal (or, without numbers, their names):
//! the same person may repeat a mobile or e-mail address, different people
//! may not. A malformed value is reported where it first appears, not again
//! where it is repeated.

use std::collections::BTreeMap;

use crate::application::{Certificate, Person, Subject};
use crate::code::Code;
use crate::identity::{
    EmailAddress, ForeignPermanentResidentId, LandlineNumber, MobileNumber, MobilePrefixes, ResidentId,
};
use crate::privacy::mask_phone;
use crate::rules::{File, Registry, Rule, RuleError, rule_entry};
use crate::validator::{Context, params};
use crate::vocabulary::{CertificateKind, FilingType};

rule_entry! {
    /// A rule of `rules/people.toml` without parameters.
    pub(crate) struct RoleEntry {}
}

rule_entry! {
    /// `[age]` of `rules/people.toml`.
    pub(crate) struct AgeEntry {
        min_age: u8,
    }
}

/// The rules of `rules/people.toml`.
pub(crate) struct PeopleRules {
    legal_representative: Rule,
    principal: Rule,
    manager: Rule,
    personal_roles: Rule,
    min_age: (u8, Rule),
    mobile_shared: Rule,
    email_shared: Rule,
    emergency_phone: Rule,
    emergency_same_as_mobile: Rule,
}

impl PeopleRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<PeopleRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            roles: Roles,
            age: AgeEntry,
            contacts: Contacts,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Contacts {
            mobile_shared: RoleEntry,
            email_shared: RoleEntry,
            emergency_phone: RoleEntry,
            emergency_same_as_mobile: RoleEntry,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Roles {
            legal_representative: RoleEntry,
            principal: RoleEntry,
            manager: RoleEntry,
            personal: RoleEntry,
        }
        let doc: Doc = file.parse()?;
        let min_age = file.register(registry, "people.age".into(), &doc.age)?;
        let mut register = |name: &str, entry: &RoleEntry| file.register(registry, format!("people.{name}"), entry);
        Ok(PeopleRules {
            legal_representative: register("roles.legal_representative", &doc.roles.legal_representative)?,
            principal: register("roles.principal", &doc.roles.principal)?,
            manager: register("roles.manager", &doc.roles.manager)?,
            personal_roles: register("roles.personal", &doc.roles.personal)?,
            min_age: (doc.age.min_age, min_age),
            mobile_shared: register("contacts.mobile_shared", &doc.contacts.mobile_shared)?,
            email_shared: register("contacts.email_shared", &doc.contacts.email_shared)?,
            emergency_phone: register("contacts.emergency_phone", &doc.contacts.emergency_phone)?,
            emergency_same_as_mobile: register(
                "contacts.emergency_same_as_mobile",
                &doc.contacts.emergency_same_as_mobile,
            )?,
        })
    }
}

pub(crate) fn check(cx: &mut Context<'_>) {
    roles(cx);
    let people = people(cx);
    age(cx, &people);
    contacts(cx, &people);
}

fn roles(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let rules = &{ cx.rules }.people;
    match subject.filing_type() {
        Some(FilingType::Entity) => {
            if subject.legal_representative.is_none() {
                let params = params! { "field" => "legal_representative" };
                cx.flag(
                    Code::FieldRequired,
                    "/subject/legal_representative",
                    &rules.legal_representative,
                    params,
                );
            }
            if subject.principal.is_none() {
                let params = params! { "field" => "principal" };
                cx.flag(Code::FieldRequired, "/subject/principal", &rules.principal, params);
            }
            for (i, w) in cx.websites() {
                if w.manager.is_none() {
                    let params = params! { "field" => "manager" };
                    cx.flag(
                        Code::FieldRequired,
                        format!("/websites/{i}/manager"),
                        &rules.manager,
                        params,
                    );
                }
            }
        }
        Some(FilingType::Personal) => {
            let mut others: Vec<(String, &str)> = Vec::new();
            if let Some(p) = &subject.principal
                && !is_subject(p, subject)
            {
                others.push(("/subject/principal".into(), "principal"));
            }
            for (i, w) in cx.websites() {
                if let Some(m) = &w.manager
                    && !is_subject(m, subject)
                {
                    others.push((format!("/websites/{i}/manager"), "manager"));
                }
            }
            for (path, role) in others {
                let params = params! { "role" => role };
                cx.flag(Code::PersonNotSubject, path, &rules.personal_roles, params);
            }
        }
        None => {}
    }
}

/// Whether a responsible person is the personal subject.
fn is_subject(person: &Person, subject: &Subject) -> bool {
    same_person(&person.name, &person.certificate, &subject.name, &subject.certificate)
}

/// Whether two (name, certificate) pairs are one person: the same
/// certificate number when both have one, else the same name.
pub(crate) fn same_person(a_name: &str, a: &Option<Certificate>, b_name: &str, b: &Option<Certificate>) -> bool {
    let number = |c: &Option<Certificate>| {
        c.as_ref()
            .map(|c| crate::text::fold(&c.number).to_uppercase())
            .filter(|n| !n.is_empty())
    };
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => crate::text::fold(a_name) == crate::text::fold(b_name),
    }
}

rule_entry! {
    /// A rule of `rules/contacts.toml` without parameters.
    pub(crate) struct ContactEntry {}
}

rule_entry! {
    /// A block of mobile prefixes of `rules/contacts.toml`.
    pub(crate) struct PrefixesEntry {
        prefixes: toml::Spanned<Vec<String>>,
    }
}

/// The rules of `rules/contacts.toml`: the formats of contact data and the
/// allocated mobile prefixes.
pub(crate) struct ContactRules {
    pub(crate) prefixes: MobilePrefixes,
    mobile_format: Rule,
    data_only: Rule,
    email_format: Rule,
}

impl ContactRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<ContactRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            mobile: Mobile,
            email: Email,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Mobile {
            format: ContactEntry,
            carriers: BTreeMap<String, PrefixesEntry>,
            data_only: PrefixesEntry,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Email {
            format: ContactEntry,
        }
        let doc: Doc = file.parse()?;
        let mut prefixes = MobilePrefixes::default();
        let mut add = |entry: &PrefixesEntry, carrier: &str, data_only: bool| {
            for prefix in entry.prefixes.get_ref() {
                prefixes
                    .add(prefix, carrier, data_only)
                    .map_err(|e| file.error_at(entry.prefixes.span(), e))?;
            }
            Ok::<(), RuleError>(())
        };
        for (carrier, entry) in &doc.mobile.carriers {
            add(entry, carrier, false)?;
        }
        add(&doc.mobile.data_only, "data_only", true)?;
        for (carrier, entry) in &doc.mobile.carriers {
            file.register(registry, format!("contacts.mobile.carriers.{carrier}"), entry)?;
        }
        Ok(ContactRules {
            prefixes,
            mobile_format: file.register(registry, "contacts.mobile.format".into(), &doc.mobile.format)?,
            data_only: file.register(registry, "contacts.mobile.data_only".into(), &doc.mobile.data_only)?,
            email_format: file.register(registry, "contacts.email.format".into(), &doc.email.format)?,
        })
    }
}

/// The minimum age of the responsible people and its rule: the national
/// default of `[age]`.
pub(crate) fn min_age<'a>(cx: &Context<'a>) -> (u8, &'a Rule) {
    let rules = &cx.rules.people;
    (rules.min_age.0, &rules.min_age.1)
}

/// Where a responsible person is; the path is only built for a finding.
#[derive(Clone, Copy)]
enum At {
    /// The personal filer: `/subject`.
    Filer,
    Principal,
    Manager(usize),
}

impl At {
    fn path(self) -> String {
        match self {
            At::Filer => "/subject".into(),
            At::Principal => "/subject/principal".into(),
            At::Manager(i) => format!("/websites/{i}/manager"),
        }
    }

    /// The path of a field of the person.
    fn field(self, name: &str) -> String {
        format!("{}/{name}", self.path())
    }
}

/// A responsible person with contact data.
struct Contact<'a> {
    at: At,
    /// `filer`, `principal` or `manager`.
    role: &'static str,
    name: &'a str,
    certificate: &'a Option<Certificate>,
    mobile: &'a str,
    emergency_phone: &'a str,
    email: &'a str,
}

/// The responsible people with contact data, in document order.
fn people<'a>(cx: &Context<'a>) -> Vec<Contact<'a>> {
    let mut people = Vec::new();
    let Some(subject) = &cx.app.subject else { return people };
    if subject.filing_type() == Some(FilingType::Personal) {
        people.push(Contact {
            at: At::Filer,
            role: "filer",
            name: &subject.name,
            certificate: &subject.certificate,
            mobile: &subject.mobile,
            emergency_phone: &subject.emergency_phone,
            email: &subject.email,
        });
    }
    let person = |at: At, role, p: &'a Person| Contact {
        at,
        role,
        name: &p.name,
        certificate: &p.certificate,
        mobile: &p.mobile,
        emergency_phone: &p.emergency_phone,
        email: &p.email,
    };
    if let Some(p) = &subject.principal {
        people.push(person(At::Principal, "principal", p));
    }
    for (i, w) in cx.websites() {
        if let Some(m) = &w.manager {
            people.push(person(At::Manager(i), "manager", m));
        }
    }
    people
}

impl Contact<'_> {
    fn is(&self, other: &Contact<'_>) -> bool {
        same_person(self.name, self.certificate, other.name, other.certificate)
    }
}

/// The birth date a personal certificate records, if its number is valid.
fn birth_date(certificate: &Option<Certificate>) -> Option<jiff::civil::Date> {
    let c = certificate.as_ref()?;
    let number = crate::certificate::normalise(&c.number);
    match c.kind? {
        CertificateKind::ResidentIdCard
        | CertificateKind::HkMacaoResidencePermit
        | CertificateKind::TaiwanResidencePermit => ResidentId::parse(&number).ok().map(|id| id.birth_date()),
        CertificateKind::ForeignPermanentResidentId => ForeignPermanentResidentId::parse(&number).ok()?.birth_date(),
        _ => None,
    }
}

/// `person.underage`: each person once, by the birth date in the number.
fn age(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let (min, rule) = min_age(cx);
    for (i, p) in people.iter().enumerate() {
        if people[..i].iter().any(|q| q.is(p)) {
            continue;
        }
        let Some(born) = birth_date(p.certificate).filter(|d| *d <= cx.as_of) else {
            continue;
        };
        let years = i32::from(cx.as_of.year())
            - i32::from(born.year())
            - i32::from((cx.as_of.month(), cx.as_of.day()) < (born.month(), born.day()));
        if years < i32::from(min) {
            let params = params! { "role" => p.role, "age" => years, "min_age" => min };
            cx.flag(Code::PersonUnderage, p.at.path(), rule, params);
        }
    }
}

/// Mobile, emergency phone and e-mail of each person, and their sharing.
fn contacts(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let data = cx.rules;
    let (rules, formats) = (&data.people, &data.contacts);
    // (person index, canonical mobile), (person index, canonical e-mail).
    let mut mobiles: Vec<(usize, MobileNumber)> = Vec::new();
    let mut emails: Vec<(usize, String)> = Vec::new();
    let mut reported: Vec<&str> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let mobile_path = || p.at.field("mobile");
        let mobile = p.mobile.trim();
        let mut own_mobile = None;
        if !mobile.is_empty() {
            match allocated_mobile(formats, mobile) {
                Ok(m) => {
                    own_mobile = Some(m);
                    if let Some((j, _)) = mobiles.iter().find(|(j, n)| *n == m && !people[*j].is(p)) {
                        let other = people[*j].at.field("mobile");
                        let params = params! { "mobile" => mask_phone(mobile), "other" => other };
                        cx.flag(Code::PersonMobileShared, mobile_path(), &rules.mobile_shared, params);
                    }
                    mobiles.push((i, m));
                }
                Err(rule) if !reported.contains(&mobile) => {
                    reported.push(mobile);
                    cx.flag(
                        Code::PersonMobileFormat,
                        mobile_path(),
                        rule,
                        params! { "mobile" => mask_phone(mobile) },
                    );
                }
                Err(_) => {}
            }
        }
        let emergency = p.emergency_phone.trim();
        if !emergency.is_empty() {
            let path = || p.at.field("emergency_phone");
            let phone = || mask_phone(emergency);
            match allocated_mobile(formats, emergency) {
                Ok(m) if Some(m) == own_mobile => {
                    let rule = &rules.emergency_same_as_mobile;
                    cx.flag(
                        Code::PersonEmergencyPhoneSameAsMobile,
                        path(),
                        rule,
                        params! { "phone" => phone() },
                    );
                }
                Ok(_) => {}
                Err(_) if LandlineNumber::parse(emergency).is_ok() => {}
                Err(_) if !reported.contains(&emergency) => {
                    reported.push(emergency);
                    let rule = &rules.emergency_phone;
                    cx.flag(
                        Code::PersonEmergencyPhoneFormat,
                        path(),
                        rule,
                        params! { "phone" => phone() },
                    );
                }
                Err(_) => {}
            }
        }
        let email = p.email.trim();
        if !email.is_empty() {
            let path = || p.at.field("email");
            match EmailAddress::parse(email) {
                Ok(e) => {
                    let canonical = e.as_str().to_lowercase();
                    if let Some((j, _)) = emails.iter().find(|(j, e)| *e == canonical && !people[*j].is(p)) {
                        let other = people[*j].at.field("email");
                        let params = params! { "email" => email, "other" => other };
                        cx.flag(Code::PersonEmailShared, path(), &rules.email_shared, params);
                    }
                    emails.push((i, canonical));
                }
                Err(_) if !reported.contains(&email) => {
                    reported.push(email);
                    cx.flag(
                        Code::PersonEmailFormat,
                        path(),
                        &formats.email_format,
                        params! { "email" => email },
                    );
                }
                Err(_) => {}
            }
        }
    }
}

/// A mobile number with an allocated voice prefix, or the rule it breaks.
fn allocated_mobile<'r>(rules: &'r ContactRules, s: &str) -> Result<MobileNumber, &'r Rule> {
    let m = MobileNumber::parse(s).map_err(|_| &rules.mobile_format)?;
    match rules.prefixes.lookup(&m) {
        Some(block) if block.data_only => Err(&rules.data_only),
        Some(_) => Ok(m),
        None => Err(&rules.mobile_format),
    }
}
