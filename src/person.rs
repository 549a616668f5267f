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

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::application::{Certificate, Person, Subject};
use crate::code::Code;
use crate::identity::{
    EmailAddress, ForeignPermanentResidentId, LandlineNumber, MobileNumber, MobilePrefixes, ResidentId,
};
use crate::privacy::mask_phone;
use crate::province::Province;
use crate::rules::{Condition, File, Registry, Rule, RuleError, Tiers, rule_entry};
use crate::validator::{Context, params};
use crate::vocabulary::{CertificateKind, FilingType, Severity};

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
    pub(crate) min_age: (u8, Rule),
    mobile_shared: Rule,
    pub(crate) email_shared: Rule,
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

/// A role of a responsible person, as province rules name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// The personal filer (`/subject`).
    Filer,
    /// The principal of an entity (主体负责人).
    Principal,
    /// A website manager of an entity (网站负责人).
    Manager,
}

impl Role {
    pub(crate) const ALL: [Role; 3] = [Role::Filer, Role::Principal, Role::Manager];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Filer => "filer",
            Role::Principal => "principal",
            Role::Manager => "manager",
        }
    }
}

/// Whom a province accepts as a personal filer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Policy {
    /// Accepted like a local filer.
    Accepted,
    /// Not accepted (`subject.non_local_not_accepted`, or
    /// `subject.foreigner_not_accepted` for foreigners).
    Refused,
    /// Accepted with a valid residence permit of the province
    /// (`subject.residence_permit_required`).
    ResidencePermit,
}

impl Policy {
    #[cfg(test)]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Policy::Accepted => "accepted",
            Policy::Refused => "refused",
            Policy::ResidencePermit => "residence_permit",
        }
    }
}

rule_entry! {
    /// How a province treats one kind of personal filer who is not local.
    pub(crate) struct ResidenceEntry {
        policy: Policy,
        /// The least validity the residence permit must have left, in days.
        #[serde(default)]
        min_permit_days: Option<u32>,
    }
}

rule_entry! {
    /// A province rule without parameters.
    pub(crate) struct PlainEntry {}
}

rule_entry! {
    /// `[people.age]`: a minimum age for some roles.
    pub(crate) struct MinimumAgeEntry {
        /// Younger people are refused (`person.underage`); 0: no minimum.
        min_age: u8,
        /// The roles it applies to; all when absent.
        #[serde(default)]
        roles: Option<Vec<Role>>,
    }
}

rule_entry! {
    /// `[people.principal_is_legal_representative]`.
    pub(crate) struct PrincipalEntry {
        /// Certificate kinds of a legal representative who may authorise
        /// another principal instead (a foreign legal representative).
        #[serde(default)]
        exempt_legal_representative_kinds: Vec<CertificateKind>,
        #[serde(default)]
        when: Condition,
    }
}

rule_entry! {
    /// A contact requirement for some roles.
    pub(crate) struct RolesEntry {
        /// The roles it applies to; all when absent.
        #[serde(default)]
        roles: Option<Vec<Role>>,
    }
}

/// The `[people]` section of a province file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeopleSection {
    non_local: Spanned<ResidenceEntry>,
    #[serde(default)]
    non_local_with_permit: Option<Spanned<PlainEntry>>,
    #[serde(default)]
    certificates_without_address: Option<Spanned<ResidenceEntry>>,
    #[serde(default)]
    foreigners: Option<Spanned<ResidenceEntry>>,
    #[serde(default)]
    age: Option<Tiers<MinimumAgeEntry>>,
    #[serde(default)]
    principal_is_legal_representative: Option<Tiers<PrincipalEntry>>,
    #[serde(default)]
    manager_is_principal: Option<PlainEntry>,
    #[serde(default)]
    emergency_phone: Option<RolesEntry>,
    #[serde(default)]
    mobile_local: Option<RolesEntry>,
    #[serde(default)]
    email_shared: Option<PlainEntry>,
}

/// A residence rule, compiled.
#[derive(Debug)]
pub(crate) struct Residence {
    pub(crate) policy: Policy,
    pub(crate) min_permit_days: Option<u32>,
    pub(crate) rule: Rule,
}

/// A minimum age, compiled.
#[derive(Debug)]
pub(crate) struct AgeRule {
    pub(crate) min_age: u8,
    pub(crate) roles: Vec<Role>,
    pub(crate) rule: Rule,
}

/// A rule that the principal be the legal representative, compiled.
#[derive(Debug)]
pub(crate) struct PrincipalRule {
    pub(crate) exempt_legal_representative_kinds: Vec<CertificateKind>,
    pub(crate) when: Condition,
    pub(crate) rule: Rule,
}

/// A province's people rules (`[people]`), compiled.
#[derive(Debug)]
pub(crate) struct ProvincePeopleRules {
    /// Personal filers with a resident ID card of another province.
    pub(crate) non_local: Residence,
    /// A non-local filer with a valid permit is still not accepted.
    pub(crate) non_local_with_permit: Option<Rule>,
    /// Personal filers whose certificate has no address in a province.
    pub(crate) certificates_without_address: Option<Residence>,
    /// Personal filers with a passport or a foreign permanent resident ID.
    pub(crate) foreigners: Option<Residence>,
    pub(crate) age: Vec<AgeRule>,
    pub(crate) principal_is_legal_representative: Vec<PrincipalRule>,
    pub(crate) manager_is_principal: Option<Rule>,
    pub(crate) emergency_phone: Option<(Vec<Role>, Rule)>,
    pub(crate) mobile_local: Option<(Vec<Role>, Rule)>,
    pub(crate) email_shared: Option<Rule>,
}

impl ProvincePeopleRules {
    pub(crate) fn load(
        province: Province,
        doc: PeopleSection,
        file: &File<'_>,
        registry: &mut Registry,
    ) -> Result<ProvincePeopleRules, RuleError> {
        let prefix = format!("provinces.{}.people", province.slug());
        let id = |name: &str| format!("{prefix}.{name}");
        let mut residence = |name: &str, entry: Spanned<ResidenceEntry>| {
            let span = entry.span();
            let entry = entry.into_inner();
            if entry.min_permit_days.is_some() && entry.policy != Policy::ResidencePermit {
                let message = "`min_permit_days` needs `policy = \"residence_permit\"`";
                return Err(file.error_at(span, message));
            }
            Ok(Residence {
                policy: entry.policy,
                min_permit_days: entry.min_permit_days,
                rule: file.register(registry, id(name), &entry)?,
            })
        };
        let non_local = residence("non_local", doc.non_local)?;
        let certificates_without_address = doc
            .certificates_without_address
            .map(|e| residence("certificates_without_address", e))
            .transpose()?;
        let foreigners = doc.foreigners.map(|e| residence("foreigners", e)).transpose()?;
        let non_local_with_permit = match doc.non_local_with_permit {
            Some(e) if non_local.policy != Policy::ResidencePermit => {
                let message = "`non_local_with_permit` needs `[people.non_local]` with `policy = \"residence_permit\"`";
                return Err(file.error_at(e.span(), message));
            }
            Some(e) => Some(file.register(registry, id("non_local_with_permit"), e.get_ref())?),
            None => None,
        };
        let all_roles = |roles: Option<Vec<Role>>| roles.unwrap_or_else(|| Role::ALL.to_vec());
        let mut age = Vec::new();
        for (rule_id, e) in doc.age.into_iter().flat_map(|t| t.with_ids(&id("age"))) {
            let rule = file.register(registry, rule_id, &e)?;
            age.push(AgeRule {
                min_age: e.min_age,
                roles: all_roles(e.roles),
                rule,
            });
        }
        let mut principal = Vec::new();
        let principal_id = id("principal_is_legal_representative");
        for (rule_id, e) in doc
            .principal_is_legal_representative
            .into_iter()
            .flat_map(|t| t.with_ids(&principal_id))
        {
            let rule = file.register(registry, rule_id, &e)?;
            principal.push(PrincipalRule {
                exempt_legal_representative_kinds: e.exempt_legal_representative_kinds,
                when: e.when,
                rule,
            });
        }
        let mut plain =
            |name: &str, e: Option<PlainEntry>| e.map(|e| file.register(registry, id(name), &e)).transpose();
        let manager_is_principal = plain("manager_is_principal", doc.manager_is_principal)?;
        let email_shared = plain("email_shared", doc.email_shared)?;
        let mut roles = |name: &str, e: Option<RolesEntry>| {
            e.map(|e| Ok((all_roles(e.roles.clone()), file.register(registry, id(name), &e)?)))
                .transpose()
        };
        Ok(ProvincePeopleRules {
            non_local,
            non_local_with_permit,
            certificates_without_address,
            foreigners,
            age,
            principal_is_legal_representative: principal,
            manager_is_principal,
            emergency_phone: roles("emergency_phone", doc.emergency_phone)?,
            mobile_local: roles("mobile_local", doc.mobile_local)?,
            email_shared,
        })
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
    let number = crate::certificate::normalise(&c.number);
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
                        let params = params! { "email" => email, "other" => other };
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
                        params! { "email" => email },
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
