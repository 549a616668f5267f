//! People checks: the responsible persons a filing needs (法定代表人,
//! 主体负责人, 网站负责人) and, for a personal filing, that they are the filer;
//! their age; their contact data (`rules/people.toml`, `rules/contacts.toml`,
//! and the `[people]` section of the province files).
//!
//! The people with contact data are the personal filer (at `/subject`), the
//! principal and each website manager. Two of them are the same person when
//! their certificate numbers are equal (or, without numbers, their names):
//! the same person may repeat a mobile or e-mail address, different people
//! may not. A malformed value is reported where it first appears, not again
//! where it is repeated.
//!
//! A province's `[people]` section says whom it accepts as a personal filer
//! (checked by [`subject`](crate::subject)), the minimum ages, whether the
//! principal must be the legal representative and the manager then the
//! principal, and which contact data it requires.

use crate::application::{Certificate, Person, Subject};
use crate::check::{Context, params};
use crate::code::Code;
use crate::identity::{EmailAddress, ForeignPermanentResidentId, LandlineNumber, MobileNumber, ResidentId};
use crate::privacy::{mask_phone, mask_phones_in};
use crate::province::Province;
use crate::rules::Rule;
use crate::rules::people::AgeRule;
use crate::rules::people::ContactRules;
use crate::rules::people::Role;
use crate::vocabulary::{CertificateKind, FilingType, Severity};

pub(crate) fn check(cx: &mut Context<'_>) {
    roles(cx);
    let people = people(cx);
    age(cx, &people);
    contacts(cx, &people);
    required_contacts(cx, &people);
    principal(cx, &people);
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
    use crate::text::{folded, folded_eq};
    fn number(c: &Option<Certificate>) -> Option<&str> {
        c.as_ref()
            .map(|c| c.number.as_str())
            .filter(|n| folded(n).next().is_some())
    }
    /// The usual case, ASCII without inner white space, needs no folding.
    fn plain(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_graphic())
    }
    match (number(a), number(b)) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.trim(), y.trim());
            if plain(x) && plain(y) {
                x.eq_ignore_ascii_case(y)
            } else {
                folded(x)
                    .flat_map(char::to_uppercase)
                    .eq(folded(y).flat_map(char::to_uppercase))
            }
        }
        _ => a_name == b_name || folded_eq(a_name, b_name),
    }
}

/// The minimum ages of a role in the filing province, with their rules:
/// the province's `[people.age]` entries for the role, else the national
/// default of `[age]` in `rules/people.toml`.
pub(crate) fn min_age<'a>(cx: &Context<'a>, role: Role) -> impl Iterator<Item = (u8, &'a Rule)> + 'a {
    let national = &cx.rules.people.min_age;
    let own: &'a [AgeRule] = cx.province().map(|p| p.people.age.as_slice()).unwrap_or_default();
    let covered = own.iter().any(|a| a.roles.contains(&role));
    own.iter()
        .filter(move |a| a.roles.contains(&role))
        .map(|a| (a.min_age, &a.rule))
        .chain((!covered).then_some((national.0, &national.1)))
}

/// Where a responsible person is; the path is only built for a finding.
#[derive(Clone, Copy, Debug)]
pub(crate) enum At {
    /// The personal filer: `/subject`.
    Filer,
    Principal,
    Manager(usize),
}

impl At {
    pub(crate) fn path(self) -> String {
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
pub(crate) struct Contact<'a> {
    pub(crate) at: At,
    pub(crate) role: Role,
    pub(crate) name: &'a str,
    pub(crate) certificate: &'a Option<Certificate>,
    mobile: &'a str,
    emergency_phone: &'a str,
    email: &'a str,
    mobile_province: Option<Province>,
    /// The index of the first person in the list this one is the same as
    /// (by `same_person`): people compare by this, so that each pair is
    /// compared once per validation.
    class: usize,
}

/// The responsible people with contact data, in document order: the
/// personal filer, the principal, the website managers (within the limits).
pub(crate) fn people<'a>(cx: &Context<'a>) -> Vec<Contact<'a>> {
    let mut people = Vec::new();
    let Some(subject) = &cx.app.subject else { return people };
    if subject.filing_type() == Some(FilingType::Personal) {
        people.push(Contact {
            at: At::Filer,
            role: Role::Filer,
            name: &subject.name,
            certificate: &subject.certificate,
            mobile: &subject.mobile,
            emergency_phone: &subject.emergency_phone,
            email: &subject.email,
            mobile_province: subject.mobile_province,
            class: 0,
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
        mobile_province: p.mobile_province,
        class: 0,
    };
    if let Some(p) = &subject.principal {
        people.push(person(At::Principal, Role::Principal, p));
    }
    for (i, w) in cx.websites() {
        if let Some(m) = &w.manager {
            people.push(person(At::Manager(i), Role::Manager, m));
        }
    }
    // Each person joins the class of the first earlier representative they
    // are the same as: one comparison per (person, distinct person).
    let mut representatives: Vec<usize> = Vec::new();
    for i in 0..people.len() {
        let (name, certificate) = (people[i].name, people[i].certificate);
        let same = |r: &&usize| same_person(people[**r].name, people[**r].certificate, name, certificate);
        people[i].class = match representatives.iter().find(same) {
            Some(&r) => r,
            None => {
                representatives.push(i);
                i
            }
        };
    }
    people
}

impl Contact<'_> {
    /// Whether two entries of [`people`] are the same person.
    pub(crate) fn is(&self, other: &Contact<'_>) -> bool {
        self.class == other.class
    }
}

/// The birth date a personal certificate records, if its number is valid.
fn birth_date(certificate: &Option<Certificate>) -> Option<jiff::civil::Date> {
    let c = certificate.as_ref()?;
    let number = crate::text::certificate_number(&c.number);
    match c.kind? {
        CertificateKind::ResidentIdCard
        | CertificateKind::HkMacaoResidencePermit
        | CertificateKind::TaiwanResidencePermit => ResidentId::parse(&number).ok().map(|id| id.birth_date()),
        CertificateKind::ForeignPermanentResidentId => ForeignPermanentResidentId::parse(&number).ok()?.birth_date(),
        _ => None,
    }
}

/// A person's age in whole years on the evaluation date, from the birth
/// date in their certificate's number; `None` when it does not tell one
/// (or tells a birth after the evaluation date).
pub(crate) fn age_of(certificate: &Option<Certificate>, as_of: jiff::civil::Date) -> Option<u32> {
    let born = birth_date(certificate).filter(|d| *d <= as_of)?;
    let years = i32::from(as_of.year())
        - i32::from(born.year())
        - i32::from((as_of.month(), as_of.day()) < (born.month(), born.day()));
    u32::try_from(years).ok()
}

/// The severity findings of a code get under a rule.
fn severity(code: Code, rule: &Rule) -> Severity {
    rule.severity.unwrap_or(code.default_severity())
}

/// `person.underage`: each person once, by the birth date in the number,
/// against the minimum ages of every role the person holds; the most
/// severe tier broken is reported (then the highest minimum).
fn age(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let personal = cx.filing_type() == Some(FilingType::Personal);
    for (i, p) in people.iter().enumerate() {
        if people[..i].iter().any(|q| q.is(p)) {
            continue;
        }
        let Some(years) = age_of(p.certificate, cx.as_of) else {
            continue;
        };
        // In a personal filing the filer is all the roles: the filer's rules apply.
        let roles = people[i..]
            .iter()
            .filter(|q| q.is(p))
            .map(|q| if personal { Role::Filer } else { q.role });
        let mut broken: Option<(u8, &Rule, Role)> = None;
        for role in roles {
            for (min, rule) in min_age(cx, role) {
                let worse = broken.is_none_or(|(m, r, _)| {
                    let (new, old) = (severity(Code::PersonUnderage, rule), severity(Code::PersonUnderage, r));
                    new < old || (new == old && min > m)
                });
                if years < u32::from(min) && worse {
                    broken = Some((min, rule, role));
                }
            }
        }
        if let Some((min, rule, role)) = broken {
            let params = params! { "role" => role.as_str(), "age" => years, "min_age" => min };
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
    let mut emails: Vec<(usize, EmailAddress)> = Vec::new();
    let mut reported: Vec<&str> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let mobile_path = || p.at.field("mobile");
        let mobile = p.mobile.trim();
        let mut own_mobile = None;
        if !mobile.is_empty() {
            match allocated_mobile(formats, mobile) {
                Ok(m) => {
                    own_mobile = Some(m);
                    // `mobiles` keeps one entry per (number, person), so a
                    // person who is every website's manager is compared once.
                    let same_number = || mobiles.iter().filter(|(_, n)| *n == m);
                    if let Some((j, _)) = same_number().find(|(j, _)| !people[*j].is(p)) {
                        let other = people[*j].at.field("mobile");
                        let params = params! { "mobile" => mask_phone(mobile), "other" => other };
                        cx.flag(Code::PersonMobileShared, mobile_path(), &rules.mobile_shared, params);
                    }
                    if !same_number().any(|(j, _)| people[*j].is(p)) {
                        mobiles.push((i, m));
                    }
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
                    // The local part is ASCII and the domain already in lower
                    // case: addresses compare without case.
                    let same_address = || {
                        emails
                            .iter()
                            .filter(|(_, other)| other.as_str().eq_ignore_ascii_case(e.as_str()))
                    };
                    if let Some((j, _)) = same_address().find(|(j, _)| !people[*j].is(p)) {
                        let other = people[*j].at.field("email");
                        let params = params! { "email" => mask_phones_in(email), "other" => other };
                        let rule = cx
                            .province()
                            .and_then(|p| p.people.email_shared.as_ref())
                            .unwrap_or(&rules.email_shared);
                        cx.flag(Code::PersonEmailShared, path(), rule, params);
                    }
                    if !same_address().any(|(j, _)| people[*j].is(p)) {
                        emails.push((i, e));
                    }
                }
                Err(_) if !reported.contains(&email) => {
                    reported.push(email);
                    cx.flag(
                        Code::PersonEmailFormat,
                        path(),
                        &formats.email_format,
                        params! { "email" => mask_phones_in(email) },
                    );
                }
                Err(_) => {}
            }
        }
    }
}

/// Whether a province contact rule applies to a person: its roles include
/// the person's, and in a personal filing only the filer's own fields count
/// (a principal or manager given there repeats the filer).
fn concerns(roles: &[Role], p: &Contact<'_>, personal: bool) -> bool {
    roles.contains(&p.role) && (!personal || p.role == Role::Filer)
}

/// The contact data a province requires: an emergency phone, a mobile
/// registered in the province (only judged when `mobile_province` is given).
fn required_contacts(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let (Some(rules), Some(province)) = (cx.province(), cx.app.province) else {
        return;
    };
    let personal = cx.filing_type() == Some(FilingType::Personal);
    for p in people {
        if let Some((roles, rule)) = &rules.people.emergency_phone
            && concerns(roles, p, personal)
            && p.emergency_phone.trim().is_empty()
        {
            let params = params! { "province" => province.slug(), "role" => p.role.as_str() };
            cx.flag(
                Code::PersonEmergencyPhoneRequired,
                p.at.field("emergency_phone"),
                rule,
                params,
            );
        }
        if let Some((roles, rule)) = &rules.people.mobile_local
            && concerns(roles, p, personal)
            && let Some(registered) = p.mobile_province
            && registered != province
        {
            let params = params! { "province" => province.slug(), "mobile_province" => registered.slug() };
            cx.flag(Code::PersonMobileNotLocal, p.at.field("mobile_province"), rule, params);
        }
    }
}

/// `person.principal_not_legal_representative` where the province requires
/// the principal to be the legal representative, and
/// `person.manager_must_be_principal` where, the principal not being the
/// legal representative, each website manager must be the principal.
fn principal(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let (Some(rules), Some(province)) = (cx.province(), cx.app.province) else {
        return;
    };
    if cx.facts.principal_is_legal_representative != Some(false) {
        return;
    }
    let representative = cx
        .app
        .subject
        .as_ref()
        .and_then(|s| s.legal_representative.as_ref()?.certificate.as_ref()?.kind);
    let broken = rules
        .people
        .principal_is_legal_representative
        .iter()
        .filter(|r| r.when.holds(&cx.facts))
        .filter(|r| representative.is_none_or(|k| !r.exempt_legal_representative_kinds.contains(&k)))
        .min_by_key(|r| severity(Code::PersonPrincipalNotLegalRepresentative, &r.rule));
    if let Some(r) = broken {
        let params = params! { "province" => province.slug() };
        cx.flag(
            Code::PersonPrincipalNotLegalRepresentative,
            "/subject/principal",
            &r.rule,
            params,
        );
    }
    let Some(rule) = &rules.people.manager_is_principal else {
        return;
    };
    let Some(principal) = people.iter().find(|p| p.role == Role::Principal) else {
        return;
    };
    for (i, m) in people.iter().enumerate() {
        if m.role == Role::Manager && !m.is(principal) && !people[..i].iter().any(|q| q.is(m)) {
            let params = params! { "province" => province.slug() };
            cx.flag(Code::PersonManagerMustBePrincipal, m.at.path(), rule, params);
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
