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

use crate::identity::MobilePrefixes;
use crate::rules::{Condition, File, Load, Registry, Rule, RuleError, Tiers, rule_entry};
use crate::vocabulary::CertificateKind;

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
    pub(crate) legal_representative: Rule,
    pub(crate) principal: Rule,
    pub(crate) manager: Rule,
    pub(crate) personal_roles: Rule,
    pub(crate) min_age: (u8, Rule),
    pub(crate) mobile_shared: Rule,
    pub(crate) email_shared: Rule,
    pub(crate) emergency_phone: Rule,
    pub(crate) emergency_same_as_mobile: Rule,
    /// An emergency phone that is another person's mobile.
    pub(crate) emergency_phone_shared: Rule,
    /// An emergency phone that is also another person's emergency phone.
    pub(crate) emergency_phone_repeated: Rule,
    /// The national requirement of an emergency phone (provinces that
    /// require one set their own rule).
    pub(crate) emergency_phone_required: Rule,
    /// Two people with different names and one certificate number.
    pub(crate) certificate_shared: Rule,
    /// The same person with another certificate or mobile.
    pub(crate) data_inconsistent: Rule,
    /// The same person with another e-mail address or emergency phone.
    pub(crate) contacts_inconsistent: Rule,
}

impl PeopleRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<PeopleRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            roles: Roles,
            age: AgeEntry,
            contacts: Contacts,
            same_person: SamePerson,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SamePerson {
            certificate_shared: RoleEntry,
            data_inconsistent: RoleEntry,
            contacts_inconsistent: RoleEntry,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Contacts {
            mobile_shared: RoleEntry,
            email_shared: RoleEntry,
            emergency_phone: RoleEntry,
            emergency_same_as_mobile: RoleEntry,
            emergency_phone_shared: RoleEntry,
            emergency_phone_repeated: RoleEntry,
            emergency_phone_required: RoleEntry,
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
        let mut load = Load::new(file, registry, "people".into());
        Ok(PeopleRules {
            legal_representative: load.register("roles.legal_representative", &doc.roles.legal_representative)?,
            principal: load.register("roles.principal", &doc.roles.principal)?,
            manager: load.register("roles.manager", &doc.roles.manager)?,
            personal_roles: load.register("roles.personal", &doc.roles.personal)?,
            min_age: (doc.age.min_age, min_age),
            mobile_shared: load.register("contacts.mobile_shared", &doc.contacts.mobile_shared)?,
            email_shared: load.register("contacts.email_shared", &doc.contacts.email_shared)?,
            emergency_phone: load.register("contacts.emergency_phone", &doc.contacts.emergency_phone)?,
            emergency_same_as_mobile: load.register(
                "contacts.emergency_same_as_mobile",
                &doc.contacts.emergency_same_as_mobile,
            )?,
            emergency_phone_shared: load
                .register("contacts.emergency_phone_shared", &doc.contacts.emergency_phone_shared)?,
            emergency_phone_repeated: load.register(
                "contacts.emergency_phone_repeated",
                &doc.contacts.emergency_phone_repeated,
            )?,
            emergency_phone_required: load.register(
                "contacts.emergency_phone_required",
                &doc.contacts.emergency_phone_required,
            )?,
            certificate_shared: load.register("same_person.certificate_shared", &doc.same_person.certificate_shared)?,
            data_inconsistent: load.register("same_person.data_inconsistent", &doc.same_person.data_inconsistent)?,
            contacts_inconsistent: load.register(
                "same_person.contacts_inconsistent",
                &doc.same_person.contacts_inconsistent,
            )?,
        })
    }
}

/// The rules of `rules/contacts.toml`: the formats of contact data and the
/// allocated mobile prefixes.
pub(crate) struct ContactRules {
    pub(crate) prefixes: MobilePrefixes,
    pub(crate) mobile_format: Rule,
    pub(crate) data_only: Rule,
    pub(crate) email_format: Rule,
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
    /// `[people.certificate_kinds.<id>]`: the certificate kinds a province
    /// accepts (or refuses) for some roles.
    pub(crate) struct CertificateKindsEntry {
        /// The roles it applies to.
        roles: Vec<Role>,
        /// The only kinds accepted, when given.
        #[serde(default)]
        accepted: Option<Vec<CertificateKind>>,
        /// Kinds refused.
        #[serde(default)]
        refused: Vec<CertificateKind>,
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
    pub(crate) non_local: Spanned<ResidenceEntry>,
    #[serde(default)]
    pub(crate) non_local_with_permit: Option<Spanned<PlainEntry>>,
    #[serde(default)]
    pub(crate) certificates_without_address: Option<Spanned<ResidenceEntry>>,
    #[serde(default)]
    pub(crate) foreigners: Option<Spanned<ResidenceEntry>>,
    #[serde(default)]
    pub(crate) age: Option<Tiers<MinimumAgeEntry>>,
    #[serde(default)]
    pub(crate) principal_is_legal_representative: Option<Tiers<PrincipalEntry>>,
    #[serde(default)]
    pub(crate) manager_is_principal: Option<PlainEntry>,
    #[serde(default)]
    pub(crate) manager_is_not_principal: Option<PlainEntry>,
    #[serde(default)]
    pub(crate) certificate_kinds: BTreeMap<String, Spanned<CertificateKindsEntry>>,
    #[serde(default)]
    pub(crate) emergency_phone: Option<RolesEntry>,
    #[serde(default)]
    pub(crate) mobile_local: Option<RolesEntry>,
    #[serde(default)]
    pub(crate) email_shared: Option<PlainEntry>,
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

/// A province's rule on the certificate kinds of some roles, compiled.
#[derive(Debug)]
pub(crate) struct CertificateKindsRule {
    pub(crate) roles: Vec<Role>,
    pub(crate) accepted: Option<Vec<CertificateKind>>,
    pub(crate) refused: Vec<CertificateKind>,
    pub(crate) when: Condition,
    pub(crate) rule: Rule,
}

impl CertificateKindsRule {
    /// Whether the rule refuses a kind of certificate.
    pub(crate) fn refuses(&self, kind: CertificateKind) -> bool {
        self.refused.contains(&kind) || self.accepted.as_ref().is_some_and(|a| !a.contains(&kind))
    }
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
    /// The website manager must be another person than the principal.
    pub(crate) manager_is_not_principal: Option<Rule>,
    pub(crate) certificate_kinds: Vec<CertificateKindsRule>,
    pub(crate) emergency_phone: Option<(Vec<Role>, Rule)>,
    pub(crate) mobile_local: Option<(Vec<Role>, Rule)>,
    pub(crate) email_shared: Option<Rule>,
}

impl ProvincePeopleRules {
    pub(crate) fn load(doc: PeopleSection, mut load: Load<'_>) -> Result<ProvincePeopleRules, RuleError> {
        let file = load.file;
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
                rule: load.register(name, &entry)?,
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
            Some(e) => Some(load.register("non_local_with_permit", e.get_ref())?),
            None => None,
        };
        let all_roles = |roles: Option<Vec<Role>>| roles.unwrap_or_else(|| Role::ALL.to_vec());
        let mut age = Vec::new();
        let tier_id = load.id("age");
        for (rule_id, e) in doc.age.into_iter().flat_map(|t| t.with_ids(&tier_id)) {
            let rule = load.register_id(rule_id, &e)?;
            age.push(AgeRule {
                min_age: e.min_age,
                roles: all_roles(e.roles),
                rule,
            });
        }
        let mut principal = Vec::new();
        let principal_id = load.id("principal_is_legal_representative");
        for (rule_id, e) in doc
            .principal_is_legal_representative
            .into_iter()
            .flat_map(|t| t.with_ids(&principal_id))
        {
            let rule = load.register_id(rule_id, &e)?;
            principal.push(PrincipalRule {
                exempt_legal_representative_kinds: e.exempt_legal_representative_kinds,
                when: e.when,
                rule,
            });
        }
        let mut plain = |name: &str, e: Option<PlainEntry>| e.map(|e| load.register(name, &e)).transpose();
        let manager_is_principal = plain("manager_is_principal", doc.manager_is_principal)?;
        let manager_is_not_principal = plain("manager_is_not_principal", doc.manager_is_not_principal)?;
        if let (Some(_), Some(_)) = (&manager_is_principal, &manager_is_not_principal) {
            return Err(file.error("`manager_is_principal` and `manager_is_not_principal` cannot both be set"));
        }
        let email_shared = plain("email_shared", doc.email_shared)?;
        let mut certificate_kinds = Vec::new();
        for (key, e) in doc.certificate_kinds {
            let span = e.span();
            let e = e.into_inner();
            if e.roles.is_empty() || (e.accepted.is_none() && e.refused.is_empty()) {
                let message = "`certificate_kinds` needs `roles` and `accepted` or `refused`";
                return Err(file.error_at(span, message));
            }
            let rule = load.part("certificate_kinds").register(&key, &e)?;
            certificate_kinds.push(CertificateKindsRule {
                roles: e.roles,
                accepted: e.accepted,
                refused: e.refused,
                when: e.when,
                rule,
            });
        }
        let mut roles = |name: &str, e: Option<RolesEntry>| {
            e.map(|e| Ok((all_roles(e.roles.clone()), load.register(name, &e)?)))
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
            manager_is_not_principal,
            certificate_kinds,
            emergency_phone: roles("emergency_phone", doc.emergency_phone)?,
            mobile_local: roles("mobile_local", doc.mobile_local)?,
            email_shared,
        })
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
