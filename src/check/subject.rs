//! Subject checks: whether the certificates fit the subject and the roles
//! (with the province's own certificate kinds), where an entity is
//! registered (`subject.cross_province`), the addresses
//! (`rules/subject.toml`), and whether the province accepts a personal
//! filer from elsewhere (the `[people]` section of the province files:
//! `subject.non_local_not_accepted`, `subject.residence_permit_required`,
//! `subject.foreigner_not_accepted`).
//!
//! Where a personal filer is from ([`Origin`]) is read from the address on
//! their resident ID card (`certificate_address`) when it names a province,
//! else from the region code of the ID number, which is where the number
//! was first issued and may differ after a move [I]. Passports, travel
//! permits, permanent residence IDs and the residence permits of Hong Kong,
//! Macao and Taiwan residents record no address in a mainland province.

use crate::application::person::PersonAt;
use crate::application::{Application, Validity};
use crate::check::{Context, params};
use crate::code::Code;
use crate::identity::{ResidentId, Uscc};
use crate::province::Province;
use crate::rules::certificates::NumberFormat;
use crate::rules::people::{Policy, Residence};
use crate::rules::subject::SubjectRules;
use crate::vocabulary::{CertificateKind, FilingType};

/// Where a personal filer is from, as the province's residence rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Not a personal filing, no filing province, or nothing tells.
    Unknown,
    /// A resident ID card of the filing province.
    Local,
    /// A resident ID card of another province.
    OtherProvince {
        province: Province,
        /// Judged from the certificate address (else from the ID number).
        from_address: bool,
    },
    /// A certificate that records no address in a mainland province.
    WithoutAddress(CertificateKind),
}

/// Where the personal filer of an application is from.
pub(crate) fn origin(rules: &SubjectRules, app: &Application, province: Option<Province>) -> Origin {
    let (Some(subject), Some(province)) = (&app.subject, province) else {
        return Origin::Unknown;
    };
    if subject.filing_type() != Some(FilingType::Personal) {
        return Origin::Unknown;
    }
    let Some(certificate) = &subject.certificate else {
        return Origin::Unknown;
    };
    let from = match certificate.kind {
        Some(CertificateKind::ResidentIdCard) => match rules.province_of(subject.certificate_address.trim()) {
            Some(p) => (p, true),
            None => {
                let number = crate::text::certificate_number(&certificate.number);
                match ResidentId::parse(&number).ok().and_then(|id| id.province()) {
                    Some(p) => (p, false),
                    None => return Origin::Unknown,
                }
            }
        },
        Some(kind) if kind.is_personal() => return Origin::WithoutAddress(kind),
        _ => return Origin::Unknown,
    };
    match from {
        (p, _) if p == province => Origin::Local,
        (p, from_address) => Origin::OtherProvince {
            province: p,
            from_address,
        },
    }
}

/// Whether a certificate kind identifies a foreign national [I: a passport
/// may also be a Chinese citizen's; the application has no nationality].
pub(crate) fn is_foreign(kind: CertificateKind) -> bool {
    matches!(
        kind,
        CertificateKind::Passport | CertificateKind::ForeignPermanentResidentId
    )
}

/// The residence rule of the filing province that applies to the personal
/// filer, if one does; with whether it is about a foreigner.
pub(crate) fn residence_rule<'a>(cx: &Context<'a>) -> Option<(&'a Residence, bool)> {
    let people = &cx.province()?.people;
    match cx.facts.origin {
        Origin::OtherProvince { .. } => Some((&people.non_local, false)),
        Origin::WithoutAddress(kind) if is_foreign(kind) && people.foreigners.is_some() => {
            people.foreigners.as_ref().map(|r| (r, true))
        }
        Origin::WithoutAddress(_) => people.certificates_without_address.as_ref().map(|r| (r, false)),
        Origin::Local | Origin::Unknown => None,
    }
    .filter(|(r, _)| r.policy != Policy::Accepted)
}

/// Whether the residence permit is judged by the province's residence
/// rules (then `subject.residence_permit_required` says what is wrong with
/// it, and the certificate checks leave it alone).
pub(crate) fn permit_is_judged(cx: &Context<'_>) -> bool {
    residence_rule(cx).is_some_and(|(r, _)| r.policy == Policy::ResidencePermit)
}

pub(crate) fn check(cx: &mut Context<'_>) {
    certificate_kinds(cx);
    province_certificate_kinds(cx);
    registration(cx);
    addresses(cx);
    residence(cx);
}

/// Whether the filing province accepts the personal filer: a non-local
/// filer, a filer whose certificate has no address, a foreigner.
fn residence(cx: &mut Context<'_>) {
    let (Some(subject), Some(province)) = (&cx.app.subject, cx.app.province) else {
        return;
    };
    let Some((rule, foreign)) = residence_rule(cx) else {
        return;
    };
    let origin = cx.facts.origin;
    // Where the origin was read, and the params of a refusal.
    let evidence = match origin {
        Origin::OtherProvince { from_address: true, .. } => "/subject/certificate_address",
        Origin::OtherProvince { .. } => "/subject/certificate/number",
        Origin::WithoutAddress(_) => "/subject/certificate/kind",
        Origin::Local | Origin::Unknown => return,
    };
    let refusal = || match origin {
        Origin::OtherProvince {
            province: from,
            from_address,
        } => params! {
            "province" => province.slug(),
            "reason" => if from_address {
                "the address on the certificate is in another province"
            } else {
                "the ID number was issued in another province (give certificate_address if the card's address is local)"
            },
            "certificate_province" => from.slug(),
        },
        _ => params! {
            "province" => province.slug(),
            "reason" => "this kind of certificate records no address in the province",
            "kind" => subject.certificate.as_ref().and_then(|c| c.kind).map(CertificateKind::as_str),
        },
    };
    match rule.policy {
        Policy::Accepted => {}
        Policy::Refused if foreign => {
            let kind = subject
                .certificate
                .as_ref()
                .and_then(|c| c.kind)
                .map(CertificateKind::as_str);
            let params = params! { "province" => province.slug(), "kind" => kind };
            cx.flag(Code::SubjectForeignerNotAccepted, evidence, &rule.rule, params);
        }
        Policy::Refused => cx.flag(Code::SubjectNonLocalNotAccepted, evidence, &rule.rule, refusal()),
        Policy::ResidencePermit => match permit_problem(cx, subject, province, rule.min_permit_days) {
            Some((path, mut problem)) => {
                problem.insert("province".into(), province.slug().into());
                cx.flag(Code::SubjectResidencePermitRequired, path, &rule.rule, problem);
            }
            None => {
                let with_permit = cx.province().and_then(|p| p.people.non_local_with_permit.as_ref());
                if let Some(with_permit) = with_permit
                    && matches!(origin, Origin::OtherProvince { .. })
                {
                    let mut params = refusal();
                    params.insert("with_permit".into(), true.into());
                    cx.flag(Code::SubjectNonLocalNotAccepted, evidence, with_permit, params);
                }
            }
        },
    }
}

/// What is wrong with the residence permit, if anything: where, and the
/// params of the finding. A missing province or validity is `field.required`.
fn permit_problem(
    cx: &Context<'_>,
    subject: &crate::application::Subject,
    province: Province,
    min_days: Option<u32>,
) -> Option<(&'static str, crate::code::Params)> {
    let Some(permit) = &subject.residence_permit else {
        let params = params! { "reason" => "no residence permit is given" };
        return Some(("/subject/residence_permit", params));
    };
    if let Some(issued) = permit.province
        && issued != province
    {
        let params = params! {
            "reason" => "the residence permit was issued by another province",
            "permit_province" => issued.slug(),
        };
        return Some(("/subject/residence_permit/province", params));
    }
    let Some(Validity::Until(until)) = permit.valid_until else {
        return None;
    };
    let shown = until.strftime("%Y-%m-%d").to_string();
    if until < cx.as_of {
        let params = params! { "reason" => "the residence permit has expired", "valid_until" => shown };
        return Some(("/subject/residence_permit/valid_until", params));
    }
    let days = (until - cx.as_of).get_days();
    match min_days {
        Some(min) if i64::from(days) < i64::from(min) => {
            let params = params! {
                "reason" => "the residence permit has less validity left than the province requires",
                "valid_until" => shown,
                "days" => days,
                "min_days" => min,
            };
            Some(("/subject/residence_permit/valid_until", params))
        }
        _ => None,
    }
}

/// The province's own certificate kinds for some subject kinds
/// (`[certificates.subject_kinds]`): a certificate that fits the subject
/// kind nationally but not in the province.
fn province_certificate_kinds(cx: &mut Context<'_>) {
    let (Some(subject), Some(rules), Some(province)) = (&cx.app.subject, cx.province(), cx.app.province) else {
        return;
    };
    let (Some(subject_kind), Some(kind)) = (subject.kind, subject.certificate.as_ref().and_then(|c| c.kind)) else {
        return;
    };
    let national = &{ cx.rules }.certificates;
    if !national.kind(kind).subjects.contains(&subject_kind) {
        return; // reported against the national rule
    }
    if let Some(r) = rules.certificates.subject_kind_rule(subject_kind)
        && !r.accepts(kind)
    {
        let accepted: Vec<&str> = accepted(cx, subject_kind)
            .into_iter()
            .filter(|k| k.parse().is_ok_and(|k| r.accepts(k)))
            .collect();
        let params = params! {
            "kind" => kind.as_str(),
            "subject_kind" => subject_kind.as_str(),
            "accepted" => accepted,
            "province" => province.slug(),
        };
        cx.flag(
            Code::SubjectCertificateKindMismatch,
            "/subject/certificate/kind",
            &r.rule,
            params,
        );
    }
}

fn certificate_kinds(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let kinds = &{ cx.rules }.certificates;
    if let (Some(subject_kind), Some(kind)) = (subject.kind, subject.certificate.as_ref().and_then(|c| c.kind)) {
        let rule = kinds.kind(kind);
        if !rule.subjects.contains(&subject_kind) {
            let params = params! {
                "kind" => kind.as_str(),
                "subject_kind" => subject_kind.as_str(),
                "accepted" => accepted(cx, subject_kind),
            };
            cx.flag(
                Code::SubjectCertificateKindMismatch,
                "/subject/certificate/kind",
                &rule.rule,
                params,
            );
        }
    }

    // The people's certificates must identify a person.
    for at in cx.people().filter(|at| *at != PersonAt::Subject) {
        let Some(kind) = at.identity(cx.app).and_then(|(_, c)| c.as_ref()?.kind) else {
            continue;
        };
        if !kind.is_personal() {
            let params = params! { "kind" => kind.as_str(), "subject_kind" => "person" };
            let rule = &kinds.kind(kind).rule;
            cx.flag(
                Code::SubjectCertificateKindMismatch,
                at.field("certificate/kind"),
                rule,
                params,
            );
        }
    }
}

/// An entity files in the province where it is registered: the province of
/// its credit code's registering office and of its certificate address.
fn registration(cx: &mut Context<'_>) {
    let (Some(subject), Some(province)) = (&cx.app.subject, cx.app.province) else {
        return;
    };
    if subject.filing_type() != Some(FilingType::Entity) {
        return;
    }
    let data = cx.rules;
    let rules = &data.subject;
    let flag = |cx: &mut Context<'_>, path: &str, registered: Province| {
        let params = params! { "registered_province" => registered.slug(), "province" => province.slug() };
        cx.flag(Code::SubjectCrossProvince, path, &rules.cross_province, params);
    };
    if let Some(c) = &subject.certificate
        && let Some(kind) = c.kind
        && let Some(registered) = credit_code_province(cx, kind, &c.number)
        && registered != province
    {
        flag(cx, "/subject/certificate/number", registered);
    }
    if let Some(registered) = rules.province_of(&subject.certificate_address)
        && registered != province
    {
        flag(cx, "/subject/certificate_address", registered);
    }
}

/// The province of the registering office of a certificate's credit code,
/// for a valid code (or a known pilot code) of a kind that carries one.
fn credit_code_province(cx: &Context<'_>, kind: CertificateKind, number: &str) -> Option<Province> {
    let certificates = &cx.rules.certificates;
    if !matches!(
        certificates.kind(kind).number,
        NumberFormat::Uscc | NumberFormat::OrganizationCode
    ) {
        return None;
    }
    let number = crate::text::certificate_number(number);
    let chars = Uscc::compact(&number).ok()?;
    let valid = Uscc::parse(&number).is_ok() || certificates.is_pilot_code(std::str::from_utf8(&chars).ok()?);
    if !valid {
        return None;
    }
    crate::identity::RegionCode::from_digits(&chars[2..8])?.province()
}

fn addresses(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let address = subject.mailing_address.trim();
    if address.is_empty() {
        return;
    }
    let data = cx.rules;
    let rules = &data.subject;
    if !rules.is_detailed(address) {
        cx.flag(
            Code::SubjectAddressNotDetailed,
            "/subject/mailing_address",
            &rules.detailed,
            params! { "address" => address },
        );
    }
    if let Some(province) = cx.app.province
        && let Some(found) = rules.province_of(address)
        && found != province
    {
        let params =
            params! { "address" => address, "province" => province.slug(), "address_province" => found.slug() };
        cx.flag(
            Code::SubjectAddressProvinceMismatch,
            "/subject/mailing_address",
            &rules.address_province,
            params,
        );
    }
}

/// The certificate kinds that fit a subject kind.
fn accepted(cx: &Context<'_>, subject_kind: crate::vocabulary::SubjectKind) -> Vec<&'static str> {
    CertificateKind::ALL
        .iter()
        .filter(|k| cx.rules.certificates.kind(**k).subjects.contains(&subject_kind))
        .map(|k| k.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::ruleset::RuleSet;

    #[test]
    fn addresses_name_their_province() {
        let rules = RuleSet::embedded();
        let subject = &rules.data().subject;
        for (address, slug) in [
            ("浙江省杭州市西湖区文三路100号", Some("zhejiang")),
            ("中国浙江杭州", Some("zhejiang")),
            ("深圳市南山区科技园", Some("guangdong")),
            ("海南藏族自治州共和县", Some("qinghai")),
            ("海南省海口市", Some("hainan")),
            ("吉林市船营区", Some("jilin")),
            ("内蒙古呼和浩特市", Some("neimenggu")),
            ("南山区科技园", None),
            ("", None),
        ] {
            assert_eq!(subject.province_of(address).map(|p| p.slug()), slug, "{address}");
        }
    }

    #[test]
    fn detailed_addresses_have_a_number_and_a_marker() {
        let rules = RuleSet::embedded();
        let subject = &rules.data().subject;
        for ok in [
            "文三路100号",
            "3幢201室",
            "某某村三组",
            "科技园８楼",
            "示例大厦8楼801室",
        ] {
            assert!(subject.is_detailed(ok), "{ok}");
        }
        for bad in ["浙江省杭州市西湖区文三路", "号", "100", "科技园A座"] {
            assert!(!subject.is_detailed(bad), "{bad}");
        }
    }
}
