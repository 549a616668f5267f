//! People checks: the responsible persons a filing needs (法定代表人,
//! 主体负责人, 网站负责人) and, for a personal filing, that they are the filer;
//! their age; their contact data (`rules/people.toml`, `rules/contacts.toml`,
//! and the `[people]` section of the province files).
//!
//! The people with contact data are the personal filer (at `/subject`), the
//! principal, each website manager and each app's responsible person, who
//! is checked as a website manager is. Two of them are the same person when
//! their certificate numbers are equal (or, without numbers, their names):
//! the same person may repeat a mobile or e-mail address, different people
//! may not. A malformed value is reported where it first appears, not again
//! where it is repeated.
//!
//! A province's `[people]` section says whom it accepts as a personal filer
//! (checked by [`subject`](crate::subject)), the minimum ages, whether the
//! principal must be the legal representative and the manager then the
//! principal, and which contact data it requires.

use crate::application::person::PersonAt;
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
    emergency_shared(cx, &people);
    same_person_data(cx, &people);
    required_contacts(cx, &people);
    principal(cx, &people);
    manager_is_not_principal(cx, &people);
    certificate_kinds(cx, &people);
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
            let apps = &{ cx.rules }.apps;
            for (i, a) in cx.apps() {
                if a.manager.is_none() {
                    let params = params! { "field" => "manager" };
                    cx.flag(Code::FieldRequired, format!("/apps/{i}/manager"), &apps.manager, params);
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
            for (i, a) in cx.apps() {
                if let Some(m) = &a.manager
                    && !is_subject(m, subject)
                {
                    others.push((format!("/apps/{i}/manager"), "manager"));
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

/// A responsible person with contact data.
pub(crate) struct Contact<'a> {
    pub(crate) at: PersonAt,
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
/// personal filer, the principal, the website managers, the apps'
/// responsible people (within the limits).
pub(crate) fn people<'a>(cx: &Context<'a>) -> Vec<Contact<'a>> {
    let role = |at| match at {
        PersonAt::Subject => Role::Filer,
        PersonAt::Principal => Role::Principal,
        // An app's responsible person is checked as a website's manager
        // (a legal representative, without contact data, is not listed).
        PersonAt::Manager(_) | PersonAt::AppManager(_) | PersonAt::LegalRepresentative => Role::Manager,
    };
    let mut people: Vec<Contact<'a>> = cx
        .responsible()
        .map(|p| Contact {
            at: p.at,
            role: role(p.at),
            name: p.name,
            certificate: p.certificate,
            mobile: p.mobile,
            emergency_phone: p.emergency_phone,
            email: p.email,
            mobile_province: p.mobile_province,
            class: 0,
        })
        .collect();
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

/// A phone number to compare: a mobile in its canonical form, else the
/// digits as written (`0755-86001234` and `075586001234` are one).
fn phone_key(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(m) = MobileNumber::parse(s) {
        return Some(m.to_string());
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

/// `person.emergency_phone_shared`: a person's emergency phone that is
/// another person's mobile (an error), or another person's emergency phone
/// (a warning). Each person's emergency phone once, where first given.
fn emergency_shared(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let rules = &{ cx.rules }.people;
    let mobiles: Vec<Option<String>> = people.iter().map(|p| phone_key(p.mobile)).collect();
    let emergencies: Vec<Option<String>> = people.iter().map(|p| phone_key(p.emergency_phone)).collect();
    for (i, p) in people.iter().enumerate() {
        let Some(emergency) = &emergencies[i] else { continue };
        // The same person with the same emergency phone earlier: reported there.
        if people[..i]
            .iter()
            .zip(&emergencies)
            .any(|(q, e)| q.is(p) && e.as_ref() == Some(emergency))
        {
            continue;
        }
        let other = |numbers: &[Option<String>], upto: usize| {
            people
                .iter()
                .zip(numbers)
                .take(upto)
                .position(|(q, n)| !q.is(p) && n.as_ref() == Some(emergency))
        };
        let (found, rule) = match other(&mobiles, people.len()) {
            Some(j) => (Some(people[j].at.field("mobile")), &rules.emergency_phone_shared),
            None => (
                other(&emergencies, i).map(|j| people[j].at.field("emergency_phone")),
                &rules.emergency_phone_repeated,
            ),
        };
        if let Some(other) = found {
            let params = params! { "phone" => mask_phone(p.emergency_phone.trim()), "other" => other };
            cx.flag(
                Code::PersonEmergencyPhoneShared,
                p.at.field("emergency_phone"),
                rule,
                params,
            );
        }
    }
}

/// The same person given twice: `person.certificate_shared` when the names
/// differ (different people with one number), else
/// `person.data_inconsistent` for the first field given differently.
/// Only people who both give a certificate number are compared; the legal
/// representative too, by name and certificate.
fn same_person_data(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    use crate::text::folded;
    /// Names compare after folding, without white space (`王 小明` is `王小明`).
    fn same_name(a: &str, b: &str) -> bool {
        let key = |s: &str| {
            folded(s)
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        key(a) == key(b)
    }
    let rules = &{ cx.rules }.people;
    let Some(subject) = &cx.app.subject else { return };
    struct Entry<'a> {
        path: String,
        name: &'a str,
        certificate: &'a Certificate,
        /// The number, folded and in upper case.
        number: String,
        contacts: Option<&'a Contact<'a>>,
    }
    let number = |c: &Certificate| crate::text::certificate_number(&c.number).to_uppercase();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    if subject.filing_type() == Some(FilingType::Entity)
        && let Some(l) = &subject.legal_representative
        && let Some(c) = l.certificate.as_ref().filter(|c| !c.number.trim().is_empty())
    {
        entries.push(Entry {
            path: "/subject/legal_representative".into(),
            name: &l.name,
            certificate: c,
            number: number(c),
            contacts: None,
        });
    }
    for p in people {
        if let Some(c) = p.certificate.as_ref().filter(|c| !c.number.trim().is_empty()) {
            entries.push(Entry {
                path: p.at.path(),
                name: p.name,
                certificate: c,
                number: number(c),
                contacts: Some(p),
            });
        }
    }
    for i in 1..entries.len() {
        let e = &entries[i];
        let same = |f: &Entry<'_>| f.number == e.number;
        let Some(first) = entries[..i].iter().find(|f| same(f)) else {
            continue;
        };
        let (name, other_name) = (e.name.trim(), first.name.trim());
        if !name.is_empty() && !other_name.is_empty() && !same_name(name, other_name) {
            // Reported once per number: not again for a third person.
            if entries[..i]
                .iter()
                .filter(|f| same(f))
                .all(|f| same_name(f.name, other_name))
            {
                let params = params! {
                    "number" => crate::privacy::mask_certificate(e.certificate.number.trim()),
                    "other" => format!("{}/certificate/number", first.path),
                };
                cx.flag(
                    Code::PersonCertificateShared,
                    format!("{}/certificate/number", e.path),
                    &rules.certificate_shared,
                    params,
                );
            }
            continue;
        }
        let differs = |a: Option<String>, b: Option<String>| matches!((a, b), (Some(a), Some(b)) if a != b);
        let (a, b) = (e.certificate, first.certificate);
        let mut fields: Vec<(&str, &str, &Rule, &str)> = Vec::new();
        // A kind that is not a personal one is already
        // `subject.certificate_kind_mismatch`.
        let personal_kinds = [a.kind, b.kind]
            .iter()
            .all(|k| k.is_some_and(CertificateKind::is_personal));
        if personal_kinds && a.kind != b.kind {
            fields.push((
                "certificate_kind",
                "certificate/kind",
                &rules.data_inconsistent,
                &first.path,
            ));
        }
        if a.valid_until.is_some() && b.valid_until.is_some() && a.valid_until != b.valid_until {
            let rule = &rules.data_inconsistent;
            fields.push(("certificate_validity", "certificate/valid_until", rule, &first.path));
        }
        let earlier = entries[..i].iter().find(|f| same(f) && f.contacts.is_some());
        if let (Some(p), Some(first)) = (e.contacts, earlier)
            && let Some(q) = first.contacts
        {
            let path = first.path.as_str();
            // A malformed number is reported as such, not also as another one.
            let formats = &{ cx.rules }.contacts;
            let mobile = |s: &str| allocated_mobile(formats, s.trim()).ok().map(|m| m.to_string());
            let emergency = |s: &str| {
                let s = s.trim();
                (allocated_mobile(formats, s).is_ok() || LandlineNumber::parse(s).is_ok())
                    .then(|| phone_key(s))
                    .flatten()
            };
            // A number or address that another person gives too is
            // `person.mobile_shared` or `person.email_shared` already.
            let email = |s: &str| EmailAddress::parse(s.trim()).ok().map(|e| e.as_str().to_lowercase());
            let shared = |value: Option<String>, mobiles: bool| {
                value.is_some_and(|v| {
                    people.iter().any(|o| {
                        let theirs = if mobiles { mobile(o.mobile) } else { email(o.email) };
                        !o.is(p) && theirs.as_ref() == Some(&v)
                    })
                })
            };
            if differs(mobile(p.mobile), mobile(q.mobile)) && !shared(mobile(p.mobile), true) {
                fields.push(("mobile", "mobile", &rules.data_inconsistent, path));
            }
            // An emergency phone that is the person's own mobile is
            // `person.emergency_phone_same_as_mobile` already.
            let own = |c: &Contact<'_>| emergency(c.emergency_phone).is_some_and(|e| mobile(c.mobile) == Some(e));
            if differs(emergency(p.emergency_phone), emergency(q.emergency_phone)) && !own(p) && !own(q) {
                fields.push(("emergency_phone", "emergency_phone", &rules.contacts_inconsistent, path));
            }
            if differs(email(p.email), email(q.email)) && !shared(email(p.email), false) {
                fields.push(("email", "email", &rules.contacts_inconsistent, path));
            }
        }
        for (field, at, rule, other) in fields {
            let params = params! { "field" => field, "other" => format!("{other}/{at}") };
            cx.flag(Code::PersonDataInconsistent, format!("{}/{at}", e.path), rule, params);
        }
    }
}

/// `person.certificate_kind_not_accepted`: a province that accepts only
/// some certificate kinds for a role (the principal must hold a mainland
/// resident ID card), each person once per role.
fn certificate_kinds(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let (Some(rules), Some(province)) = (cx.province(), cx.app.province) else {
        return;
    };
    let personal = cx.filing_type() == Some(FilingType::Personal);
    for r in &rules.people.certificate_kinds {
        if !r.when.holds(&cx.facts) {
            continue;
        }
        for (i, p) in people.iter().enumerate() {
            if !concerns(&r.roles, p, personal) || people[..i].iter().any(|q| q.is(p) && q.role == p.role) {
                continue;
            }
            let Some(kind) = p.certificate.as_ref().and_then(|c| c.kind) else {
                continue;
            };
            if r.refuses(kind) {
                let mut params =
                    params! { "kind" => kind.as_str(), "role" => p.role.as_str(), "province" => province.slug() };
                if let Some(accepted) = &r.accepted {
                    let kinds: Vec<&str> = accepted.iter().map(|k| k.as_str()).collect();
                    params.insert("accepted".into(), kinds.join(", ").into());
                }
                cx.flag(
                    Code::PersonCertificateKindNotAccepted,
                    p.at.field("certificate/kind"),
                    &r.rule,
                    params,
                );
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
    let national = &{ cx.rules }.people.emergency_phone_required;
    let personal = cx.filing_type() == Some(FilingType::Personal);
    for (i, p) in people.iter().enumerate() {
        // The province's rule for the person's role, else the national one
        // (each person once: the later occurrences repeat the first).
        let required = match &rules.people.emergency_phone {
            Some((roles, rule)) if concerns(roles, p, personal) => Some(rule),
            _ if concerns(&Role::ALL, p, personal) && !people[..i].iter().any(|q| q.is(p)) => Some(national),
            _ => None,
        };
        if let Some(rule) = required
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

/// `person.manager_must_not_be_principal` where the province requires each
/// website manager to be another person than the principal and the legal
/// representative (entities only), each manager once.
fn manager_is_not_principal(cx: &mut Context<'_>, people: &[Contact<'_>]) {
    let (Some(rules), Some(province)) = (cx.province(), cx.app.province) else {
        return;
    };
    let Some(rule) = &rules.people.manager_is_not_principal else {
        return;
    };
    let Some(subject) = &cx.app.subject else { return };
    if subject.filing_type() != Some(FilingType::Entity) {
        return;
    }
    let principal = people.iter().find(|p| p.role == Role::Principal);
    let representative = subject.legal_representative.as_ref();
    for (i, m) in people.iter().enumerate() {
        if m.role != Role::Manager || people[..i].iter().any(|q| q.role == Role::Manager && q.is(m)) {
            continue;
        }
        let is_principal = principal.is_some_and(|p| m.is(p));
        let is_representative =
            representative.is_some_and(|l| same_person(&l.name, &l.certificate, m.name, m.certificate));
        if is_principal || is_representative {
            let params = params! { "province" => province.slug() };
            cx.flag(Code::PersonManagerMustNotBePrincipal, m.at.path(), rule, params);
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
