//! People checks: the responsible persons a filing needs (法定代表人,
//! 主体负责人, 网站负责人) and, for a personal filing, that they are the filer.

use crate::application::{Certificate, Person, Subject};
use crate::code::Code;
use crate::rules::{File, Registry, Rule, RuleError, rule_entry};
use crate::validator::{Context, params};
use crate::vocabulary::FilingType;

rule_entry! {
    /// A rule of `rules/people.toml` about roles.
    pub(crate) struct RoleEntry {}
}

/// The role rules of `rules/people.toml`.
pub(crate) struct PeopleRules {
    legal_representative: Rule,
    principal: Rule,
    manager: Rule,
    personal_roles: Rule,
}

impl PeopleRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<PeopleRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            roles: Roles,
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
        let mut register =
            |name: &str, entry: &RoleEntry| file.register(registry, format!("people.roles.{name}"), entry);
        Ok(PeopleRules {
            legal_representative: register("legal_representative", &doc.roles.legal_representative)?,
            principal: register("principal", &doc.roles.principal)?,
            manager: register("manager", &doc.roles.manager)?,
            personal_roles: register("personal", &doc.roles.personal)?,
        })
    }
}

pub(crate) fn check(cx: &mut Context<'_>) {
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
