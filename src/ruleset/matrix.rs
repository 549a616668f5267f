//! The province matrix (`rules/PROVINCES.md`, the [`provinces`](crate::provinces)
//! page of the documentation), generated from the loaded rule data. The
//! test below fails when the committed page differs from what the data
//! generates; `BEIAN_BLESS=1 cargo test --lib ruleset::matrix` rewrites it.

use std::fmt::Write as _;

use super::{Province, ProvinceRules};
use crate::code::Code;
use crate::rules::Rule;
use crate::rules::people::{Residence, Role};
use crate::ruleset::{RuleData, RuleSet};
use crate::vocabulary::Severity;

/// ` (warning)` or ` (info)` when findings of the code under the rule are
/// not errors.
fn severity(code: Code, rule: &Rule) -> &'static str {
    match rule.severity.unwrap_or(code.default_severity()) {
        Severity::Error => "",
        Severity::Warning => " (warning)",
        Severity::Info => " (info)",
    }
}

/// A national value: `90 (national)`, `90 (national, warning)`.
fn national(value: impl std::fmt::Display, code: Code, rule: &Rule) -> String {
    match rule.severity.unwrap_or(code.default_severity()) {
        Severity::Error => format!("{value} (national)"),
        Severity::Warning => format!("{value} (national, warning)"),
        Severity::Info => format!("{value} (national, info)"),
    }
}

fn residence(r: &Residence, refused: Code) -> String {
    let code = match r.policy {
        crate::rules::people::Policy::ResidencePermit => Code::SubjectResidencePermitRequired,
        _ => refused,
    };
    let mut cell = r.policy.as_str().replace('_', " ");
    if let Some(days) = r.min_permit_days {
        let _ = write!(cell, ", {days} days left");
    }
    if r.policy != crate::rules::people::Policy::Accepted {
        cell.push_str(severity(code, &r.rule));
    }
    cell
}

fn roles(roles: &[Role]) -> String {
    if roles.len() == Role::ALL.len() {
        return "all".into();
    }
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
}

/// The minimum ages of each role, the roles with the same ones together.
fn ages(data: &RuleData, p: &ProvinceRules) -> String {
    let (national, national_rule) = &data.people.min_age;
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for role in Role::ALL {
        let own: Vec<String> = p
            .people
            .age
            .iter()
            .filter(|a| a.roles.contains(&role))
            .map(|a| {
                let min = if a.min_age == 0 {
                    "none".to_owned()
                } else {
                    a.min_age.to_string()
                };
                format!("{min}{}", severity(Code::PersonUnderage, &a.rule))
            })
            .collect();
        let cell = if own.is_empty() {
            self::national(national, Code::PersonUnderage, national_rule)
        } else {
            own.join(", ")
        };
        match groups.iter_mut().find(|(c, _)| *c == cell) {
            Some((_, roles)) => roles.push(role.as_str()),
            None => groups.push((cell, vec![role.as_str()])),
        }
    }
    if groups.len() == 1 {
        return groups.swap_remove(0).0;
    }
    groups
        .into_iter()
        .map(|(cell, roles)| format!("{}: {cell}", roles.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The province's requirements of these materials: `id` (condition).
fn materials(p: &ProvinceRules, ids: &[&str]) -> String {
    let cells: Vec<String> = p
        .materials
        .iter()
        .filter(|r| ids.contains(&&*r.material.id))
        .map(|r| format!("`{}` for {} ({})", r.material.id, r.target.as_str(), r.when))
        .collect();
    if cells.is_empty() {
        "—".into()
    } else {
        cells.join("; ")
    }
}

fn principal(p: &ProvinceRules) -> String {
    let rules = &p.people.principal_is_legal_representative;
    if rules.is_empty() {
        return "—".into();
    }
    rules
        .iter()
        .map(|r| {
            let mut cell = format!(
                "must be the legal representative{}",
                severity(Code::PersonPrincipalNotLegalRepresentative, &r.rule)
            );
            if !r.when.is_always() {
                cell = format!("{}: {cell}", r.when);
            }
            if !r.exempt_legal_representative_kinds.is_empty() {
                let kinds: Vec<&str> = r.exempt_legal_representative_kinds.iter().map(|k| k.as_str()).collect();
                let _ = write!(cell, ", unless the legal representative holds a {}", kinds.join(", "));
            }
            cell
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn header(out: &mut String, title: &str, columns: &[&str], intro: &str) {
    let _ = writeln!(out, "\n## {title}\n\n{intro}\n");
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
}

fn name(p: Province) -> String {
    format!("{} {} (`{}`)", p.name_en(), p.name_zh(), p.slug())
}

/// The markdown page.
pub(crate) fn generate(rules: &RuleSet) -> String {
    let data = rules.data();
    let mut out = String::from(
        "# Province matrix\n\n\
         What each provincial communications administration (管局) requires of the people of a\n\
         filing, and its other own values, as the rule data of this crate encodes them\n\
         (`rules/provinces/<slug>.toml`; each rule there has its sources, date and note).\n\
         This page is generated from the data: do not edit it, run\n\
         `BEIAN_BLESS=1 cargo test --lib ruleset::matrix` after changing the data.\n\n\
         A finding is an error unless marked (warning). \"—\" means that the province sets\n\
         nothing: the national rule applies.\n",
    );

    header(
        &mut out,
        "Personal filers",
        &[
            "province",
            "resident ID of another province",
            "certificate without an address (passport, permits)",
            "foreigners (passport, permanent residence ID)",
            "minimum age",
            "minors",
        ],
        "Who may file personally (`subject.non_local_not_accepted`, `subject.residence_permit_required`, \
         `subject.foreigner_not_accepted`), the minimum age of each responsible person (`person.underage`) and \
         the materials of minors.",
    );
    for p in Province::ALL {
        let rules = data.province(p);
        let people = &rules.people;
        let mut non_local = residence(&people.non_local, Code::SubjectNonLocalNotAccepted);
        if let Some(rule) = &people.non_local_with_permit {
            let _ = write!(
                non_local,
                "; refused even with a permit{}",
                severity(Code::SubjectNonLocalNotAccepted, rule)
            );
        }
        let without = people
            .certificates_without_address
            .as_ref()
            .map_or("—".into(), |r| residence(r, Code::SubjectNonLocalNotAccepted));
        let foreigners = people
            .foreigners
            .as_ref()
            .map_or("—".into(), |r| residence(r, Code::SubjectForeignerNotAccepted));
        row(
            &mut out,
            &[
                name(p),
                non_local,
                without,
                foreigners,
                ages(data, rules),
                materials(rules, &["guardian_consent", "employment_proof"]),
            ],
        );
    }

    header(
        &mut out,
        "Principal and website managers",
        &[
            "province",
            "principal (主体负责人)",
            "principal's authorization letter",
            "manager's authorization letter",
            "manager must be the principal",
        ],
        "Whether the principal must be the legal representative (`person.principal_not_legal_representative`), \
         the letters the province asks when it is not, and whether each website manager must then be the \
         principal (`person.manager_must_be_principal`).",
    );
    for p in Province::ALL {
        let rules = data.province(p);
        let manager = rules.people.manager_is_principal.as_ref().map_or("—".into(), |rule| {
            format!(
                "when the principal is not the legal representative{}",
                severity(Code::PersonManagerMustBePrincipal, rule)
            )
        });
        row(
            &mut out,
            &[
                name(p),
                principal(rules),
                materials(rules, &["principal_authorization_letter"]),
                materials(rules, &["website_manager_authorization_letter"]),
                manager,
            ],
        );
    }

    header(
        &mut out,
        "Contact data",
        &[
            "province",
            "emergency phone required",
            "mobile registered in the province",
            "two people with one e-mail address (severity)",
        ],
        "The roles that must give an emergency phone (`person.emergency_phone_required`) or a mobile registered \
         in the province (`person.mobile_not_local`, judged only when `mobile_province` is given), and the \
         severity of `person.email_shared`.",
    );
    for p in Province::ALL {
        let people = &data.province(p).people;
        let emergency = people.emergency_phone.as_ref().map_or("—".into(), |(r, rule)| {
            format!("{}{}", roles(r), severity(Code::PersonEmergencyPhoneRequired, rule))
        });
        let mobile = people.mobile_local.as_ref().map_or("—".into(), |(r, rule)| {
            format!("{}{}", roles(r), severity(Code::PersonMobileNotLocal, rule))
        });
        let email = match &people.email_shared {
            Some(rule) => rule
                .severity
                .unwrap_or(Code::PersonEmailShared.default_severity())
                .to_string(),
            None => {
                let rule = &data.people.email_shared;
                let severity = rule.severity.unwrap_or(Code::PersonEmailShared.default_severity());
                format!("{severity} (national)")
            }
        };
        row(&mut out, &[name(p), emergency, mobile, email]);
    }

    header(
        &mut out,
        "Limits and other materials",
        &[
            "province",
            "certificate validity left (days)",
            "domain registration left (days)",
            "domains per website",
            "per submission",
            "authority review (working days)",
            "other materials",
        ],
        &format!(
            "The province's own minimums and caps (`certificate.expiring_soon`, `domain.expiring_soon`, \
             `website.too_many_domains`, `submission.too_many_websites`, `submission.too_many_domains`), the time \
             limit of `authority_review`, and the other materials it adds to the national checklist. Beside the \
             domains per website of each province, the national limit for {} is {}.",
            data.domains.per_new_website.1,
            national(
                data.domains.per_new_website.0,
                Code::WebsiteTooManyDomains,
                &data.domains.per_new_website.2
            ),
        ),
    );
    let (cert_days, cert_rule) = &data.certificates.expiring;
    let (domain_days, domain_rule) = &data.domains.remaining;
    let (per_website, per_website_rule) = &data.domains.per_website;
    let review = data.process.max_working_days("authority_review");
    for p in Province::ALL {
        let rules = data.province(p);
        let certificates = if rules.certificates.remaining.is_empty() {
            national(cert_days, Code::CertificateExpiringSoon, cert_rule)
        } else {
            rules
                .certificates
                .remaining
                .iter()
                .map(|(kinds, days, rule)| {
                    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                    format!(
                        "{}: {days}{}",
                        kinds.join(", "),
                        severity(Code::CertificateExpiringSoon, rule)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let domains = if rules.domains.remaining.is_empty() {
            national(domain_days, Code::DomainExpiringSoon, domain_rule)
        } else {
            rules
                .domains
                .remaining
                .iter()
                .map(|(days, rule)| format!("{days}{}", severity(Code::DomainExpiringSoon, rule)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let limit = |limit: u32, when: &crate::rules::Condition, rule: &Rule, code: Code| {
            let when = if when.is_always() {
                String::new()
            } else {
                format!(", {when}")
            };
            format!("{limit}{}{when}", severity(code, rule))
        };
        let domains_per_website = if rules.domains.per_website.is_empty() {
            national(per_website, Code::WebsiteTooManyDomains, per_website_rule)
        } else {
            rules
                .domains
                .per_website
                .iter()
                .map(|(l, when, rule)| limit(*l, when, rule, Code::WebsiteTooManyDomains))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut submission: Vec<String> = Vec::new();
        for (what, caps, code) in [
            ("websites", &rules.submission.websites, Code::SubmissionTooManyWebsites),
            ("domains", &rules.submission.domains, Code::SubmissionTooManyDomains),
        ] {
            for cap in caps {
                submission.push(format!("{what} {}", limit(cap.limit, &cap.when, &cap.rule, code)));
            }
        }
        let submission = if submission.is_empty() {
            "—".into()
        } else {
            submission.join("; ")
        };
        let own_review = rules
            .steps
            .iter()
            .find(|(id, _, _)| id == "authority_review")
            .and_then(|(_, l, _)| l.max_working_days);
        let review = match (own_review, review) {
            (Some(days), _) => days.to_string(),
            (None, Some(days)) => format!("{days} (national)"),
            (None, None) => "—".into(),
        };
        let others = materials(
            rules,
            &[
                "residence_permit",
                "verification_form",
                "domain_certificate",
                "website_plan",
                "party_building_confirmation",
                "commitment_letter",
                "website_name_review_form",
                "travel_agency_license",
                "guarantee_letter",
                "unit_authorization_letter",
                "legal_representative_certificate",
            ],
        );
        row(
            &mut out,
            &[
                name(p),
                certificates,
                domains,
                domains_per_website,
                submission,
                review,
                others,
            ],
        );
    }
    websites(data, &mut out);
    operations(data, &mut out);
    out
}

/// The table of the provinces' own domain and website name rules: the
/// suffixes some subjects must use, domains of one website with different
/// names, a website name unrelated to the subject's.
fn websites(data: &RuleData, out: &mut String) {
    header(
        out,
        "Domains and website names",
        &[
            "province",
            "suffixes a kind of subject must use",
            "domains with different names in one website",
            "an entity's website name unrelated to its name",
        ],
        "The suffixes some kinds of subject must use beside the national ones (`domain.tld_restricted`), \
         domains of one website with different names without their public suffix (`website.domains_different_names`) \
         and a website name that shares nothing with the subject's short name (`website.name_unrelated_to_subject`).",
    );
    let different = &data.domains.different_names;
    let unrelated = data.websites.names.unrelated_to_subject.as_ref();
    for p in Province::ALL {
        let rules = data.province(p);
        let required = rules
            .domains
            .required
            .iter()
            .map(|k| {
                let kinds: Vec<&str> = k.subject_kinds.iter().map(|k| k.as_str()).collect();
                let suffixes: Vec<String> = k.suffixes.shown().iter().map(|s| format!(".{s}")).collect();
                format!(
                    "{}: {}{}",
                    kinds.join(", "),
                    suffixes.join(", "),
                    severity(Code::DomainTldRestricted, &k.rule)
                )
            })
            .collect::<Vec<_>>();
        let required = if required.is_empty() {
            "—".to_owned()
        } else {
            required.join("; ")
        };
        let names = match &rules.domains.different_names {
            Some(rule) => format!(
                "separate websites{}",
                severity(Code::WebsiteDomainsDifferentNames, rule)
            ),
            None => national("separate websites", Code::WebsiteDomainsDifferentNames, different),
        };
        let refused = |when: &crate::rules::Condition, rule: &Rule| {
            let when = if when.is_always() {
                String::new()
            } else {
                format!(", {when}")
            };
            format!("refused{}{when}", severity(Code::WebsiteNameUnrelatedToSubject, rule))
        };
        let unrelated = match (&rules.websites.names.unrelated_to_subject, unrelated) {
            (Some((when, rule)), _) => refused(when, rule),
            (None, Some((when, rule))) => format!("{} (national)", refused(when, rule)),
            (None, None) => "—".to_owned(),
        };
        row(out, &[name(p), required, names, unrelated]);
    }
}

/// The table of the provinces' change and access rules (`[operations]`).
fn operations(data: &RuleData, out: &mut String) {
    use crate::rules::operations::{
        EmptySubject, EntityChange, EntityToPersonal, OldCertificate, Part, PersonalChange,
    };
    header(
        out,
        "Operations",
        &[
            "province",
            "a personal subject may become",
            "an entity may become (a rename is always allowed)",
            "an entity may become a person",
            "old certificate number on access",
            "a subject with no accessed service adds one",
            "other change and access rules",
        ],
        "Who the subject of a change may become (`operation.not_allowed_in_province`; a change the province \
         allows or does not address is a warning, since the newest national source refuses any other subject; \
         an entity becoming a person is `operation.not_allowed_for_subject` unless the province allows it), \
         what an access or add order does when the record holds a certificate number from before the \
         three-in-one reform, and the province's other rules on orders acting on a filing on record.",
    );
    for p in Province::ALL {
        let ops = &data.province(p).operations;
        let change = ops.subject_change.as_ref().map(|(e, _)| e);
        let personal = match change.and_then(|e| e.personal) {
            Some(PersonalChange::None) => "nothing".to_owned(),
            Some(PersonalChange::OwnEnterprise) => "the enterprise they represent (warning)".to_owned(),
            Some(PersonalChange::Any) => "anyone (warning)".to_owned(),
            None => "not stated (warning)".to_owned(),
        };
        let entity = match change.and_then(|e| e.entity) {
            Some(EntityChange::RenameOnly) => "nothing else".to_owned(),
            Some(EntityChange::NotToOtherEnterprise) => "not another enterprise".to_owned(),
            Some(EntityChange::WithBusinessProof) => {
                "another enterprise, with the registry's proof (warning)".to_owned()
            }
            Some(EntityChange::SameLegalRepresentative) => {
                "another with the same legal representative (warning)".to_owned()
            }
            Some(EntityChange::Any) => "anyone (warning)".to_owned(),
            None => "not stated (warning)".to_owned(),
        };
        let to_person = match change.and_then(|e| e.entity_to_personal) {
            Some(EntityToPersonal::IndividualBusinessToLegalRepresentative) => {
                "an individual business, its legal representative".to_owned()
            }
            Some(EntityToPersonal::Uncertain) => "uncertain (warning)".to_owned(),
            None => "no".to_owned(),
        };
        let old = match &ops.old_certificate {
            Some((OldCertificate::OldNumber, rule)) => format!(
                "the recorded number, changed afterwards{}",
                severity(Code::OperationRecordMismatch, rule)
            ),
            Some((OldCertificate::FixFirst, _)) => "change or cancel first".to_owned(),
            None => "—".to_owned(),
        };
        let empty = match &ops.empty_subject {
            Some((EmptySubject::Allowed, _)) => "allowed".to_owned(),
            Some((EmptySubject::CancelFirst, _)) => "cancel first, then file anew".to_owned(),
            None => "—".to_owned(),
        };
        let mut others: Vec<String> = Vec::new();
        if let Some((parts, rule)) = &ops.access_mismatch {
            let parts: Vec<&str> = parts
                .iter()
                .map(|p| match p {
                    Part::Subject => "subject",
                    Part::Principal => "principal",
                    Part::Websites => "websites",
                })
                .collect();
            others.push(format!(
                "access first, change afterwards: {}{}",
                parts.join(", "),
                severity(Code::OperationRecordMismatch, rule)
            ));
        }
        if ops.website_name_on_record.is_some() {
            others.push("a new website not named like a filed one".to_owned());
        }
        if ops.empty_service_on_record.is_some() {
            others.push("no filed website without access before an add or access".to_owned());
        }
        if let Some((changes, rule)) = &ops.change_filing_required {
            let what = match changes {
                crate::rules::operations::WholeChange::Principal => "a change of the principal",
                crate::rules::operations::WholeChange::Any => "every change",
            };
            others.push(format!(
                "{what} only as change_filing{}",
                severity(Code::OperationNotAllowedInProvince, rule)
            ));
        }
        if let Some(rule) = &ops.cancel_website_offline {
            others.push(format!(
                "websites cancelled by fax or mail{}",
                severity(Code::OperationNotAllowedInProvince, rule)
            ));
        }
        let others = if others.is_empty() {
            "—".to_owned()
        } else {
            others.join("; ")
        };
        row(out, &[name(p), personal, entity, to_person, old, empty, others]);
    }
}

#[test]
fn the_committed_matrix_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/PROVINCES.md");
    let generated = generate(&RuleSet::embedded());
    if std::env::var_os("BEIAN_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "rules/PROVINCES.md is out of date with the rule data: run `BEIAN_BLESS=1 cargo test --lib ruleset::matrix` and commit the result"
    );
}

#[test]
fn the_matrix_has_a_row_per_province_in_each_table() {
    let page = generate(&RuleSet::embedded());
    for p in Province::ALL {
        assert_eq!(page.matches(&format!("(`{}`)", p.slug())).count(), 6, "{p}");
    }
    assert!(page.contains("| Zhejiang 浙江 (`zhejiang`) | residence permit |"));
}
