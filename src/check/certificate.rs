//! Certificates (证件): which kinds exist, which fit which subject, the
//! format of their numbers and how long they must stay valid
//! (`rules/certificates.toml`, `rules/regions.toml`, and the
//! `[certificates]` section of the province files: the least validity left
//! by kind, and the only kinds some subject kinds may file with).
//!
//! The number checks apply to every certificate of an application: the
//! subject's, the legal representative's, the principal's and each website
//! or app manager's; the validity checks also to the residence permit. Findings
//! point at the certificate's `number` or `valid_until`.
//!
//! One person often appears several times (the principal who is also the
//! legal representative and a website manager). A number is checked once,
//! where it first appears in the document; a later certificate with the
//! same kind and number is not reported again, and neither is the same
//! validity. A certificate whose kind does not fit its holder is reported
//! as `subject.certificate_kind_mismatch` only: its number is not judged
//! against a kind that is wrong anyway.

use crate::application::person::PersonAt;
use crate::application::{Certificate, Validity};
use crate::check::{Context, params};
use crate::code::Code;
use crate::identity::{
    ForeignPermanentResidentId, HkMacaoTravelPermit, OrganizationCode, OrganizationCodeError, Passport, RegionError,
    ResidentId, ResidentIdError, ResidentIdKind, TaiwanTravelPermit, Uscc, UsccError,
};
use crate::privacy::mask_certificate;
use crate::rules::Rule;
use crate::rules::certificates::NumberFormat;
use crate::text::certificate_number;
use crate::vocabulary::{CertificateKind, FilingType};

/// The minimum remaining validity of a certificate of this kind, in days,
/// and its rule: the filing province's own minimum for the kind, else the
/// national default of `[validity.expiring]`.
pub(crate) fn min_validity_days<'a>(cx: &Context<'a>, kind: Option<CertificateKind>) -> (u32, &'a Rule) {
    let own = cx.province().and_then(|p| {
        p.certificates
            .remaining
            .iter()
            .find(|(kinds, _, _)| kind.is_some_and(|k| kinds.contains(&k)))
    });
    match own {
        Some((_, days, rule)) => (*days, rule),
        None => {
            let rules = &cx.rules.certificates;
            (rules.expiring.0, &rules.expiring.1)
        }
    }
}

/// Whom a certificate belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holder {
    /// The subject itself (an organisation or the personal filer).
    Subject,
    /// A person: legal representative, principal or website manager.
    Person,
}

/// Where a certificate is in the application; its path is only built for a
/// finding.
#[derive(Clone, Copy)]
enum Location {
    /// The certificate of a person (or of the subject).
    Of(PersonAt),
    ResidencePermit,
}

impl Location {
    /// The JSON Pointer of the object with the certificate's fields.
    fn path(self, field: &str) -> String {
        match self {
            Location::Of(at) => at.field(&format!("certificate/{field}")),
            Location::ResidencePermit => format!("/subject/residence_permit/{field}"),
        }
    }
}

/// The certificates of the application in document order (the residence
/// permit aside), with where they are and whom they belong to.
fn certificates<'a>(cx: &Context<'a>) -> impl Iterator<Item = (Location, &'a Certificate, Holder)> + use<'a> {
    let app = cx.app;
    let personal = app.subject.as_ref().and_then(|s| s.filing_type()) == Some(FilingType::Personal);
    cx.people()
        .filter(move |at| !(personal && *at == PersonAt::LegalRepresentative))
        .filter_map(move |at| {
            let certificate = at.identity(app)?.1.as_ref()?;
            let holder = if at == PersonAt::Subject {
                Holder::Subject
            } else {
                Holder::Person
            };
            Some((Location::Of(at), certificate, holder))
        })
}

pub(crate) fn check(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let filing_type = subject.filing_type();
    // A kind that does not fit its holder is reported by subject.rs; the
    // number is then not judged against it.
    let fits = |kind: CertificateKind, holder| match holder {
        Holder::Subject => subject
            .kind
            .is_none_or(|s| cx.rules.certificates.kind(kind).subjects.contains(&s)),
        Holder::Person => kind.is_personal(),
    };
    for (k, (at, certificate, holder)) in certificates(cx).enumerate() {
        let Some(kind) = certificate.kind else { continue };
        let number = certificate_number(&certificate.number);
        // Each (kind, number) is checked once, and each (kind, number, validity).
        let (mut repeated_number, mut repeated_validity) = (false, false);
        for (_, c, h) in certificates(cx).take(k) {
            if c.kind == Some(kind) && certificate_number(&c.number) == number {
                repeated_number |= fits(kind, h);
                repeated_validity |= c.valid_until == certificate.valid_until;
            }
        }
        let check = fits(kind, holder) && !number.is_empty() && !repeated_number;
        let validity = certificate
            .valid_until
            .filter(|_| cx.rules.certificates.expires(kind) && !repeated_validity);
        if check {
            check_number(cx, at, kind, &number, holder);
        }
        if let Some(validity) = validity {
            check_validity(cx, at, validity, Some(kind));
        }
    }
    // A permit the province's residence rules judge is reported by them
    // (`subject.residence_permit_required`).
    if let Some(permit) = subject
        .residence_permit
        .as_ref()
        .filter(|_| filing_type != Some(FilingType::Entity) && !crate::check::subject::permit_is_judged(cx))
        && let Some(validity) = permit.valid_until
    {
        check_validity(cx, Location::ResidencePermit, validity, None);
    }
}

fn check_validity(cx: &mut Context<'_>, at: Location, validity: Validity, kind: Option<CertificateKind>) {
    let Validity::Until(until) = validity else { return };
    let days = (until - cx.as_of).get_days();
    let (min_days, rule) = min_validity_days(cx, kind);
    if until >= cx.as_of && i64::from(days) >= i64::from(min_days) {
        return;
    }
    let shown = until.strftime("%Y-%m-%d").to_string();
    if until < cx.as_of {
        let rule = &{ cx.rules }.certificates.expired;
        let params = params! { "valid_until" => shown };
        cx.flag(Code::CertificateExpired, at.path("valid_until"), rule, params);
        return;
    }
    {
        let params = params! { "valid_until" => shown, "days" => days, "min_days" => min_days };
        cx.flag(Code::CertificateExpiringSoon, at.path("valid_until"), rule, params);
    }
}

/// Checks a number against the format of its kind.
fn check_number(cx: &mut Context<'_>, at: Location, kind: CertificateKind, number: &str, holder: Holder) {
    let rules = &{ cx.rules }.certificates;
    let format = rules.kind(kind).number;
    let Some(rule) = rules.formats.get(&format) else { return };
    let mut flag = |cx: &mut Context<'_>, code: Code, rule: &Rule, mut params: crate::code::Params| {
        params.insert("number".into(), mask_certificate(number).into());
        cx.flag(code, at.path("number"), rule, params);
    };
    match format {
        NumberFormat::ResidentId | NumberFormat::HkMacaoResidencePermit | NumberFormat::TaiwanResidencePermit => {
            let expected = match format {
                NumberFormat::ResidentId => ResidentIdKind::Citizen,
                NumberFormat::HkMacaoResidencePermit => ResidentIdKind::HkMacaoResidencePermit,
                _ => ResidentIdKind::TaiwanResidencePermit,
            };
            match ResidentId::parse(number) {
                Ok(id) if id.kind() == expected => check_resident_id(cx, &id, rule, &mut flag),
                Ok(_) => flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() }),
                Err(e) => resident_id_error(cx, e, kind, rule, &mut flag),
            }
        }
        NumberFormat::ForeignPermanentResidentId => match ForeignPermanentResidentId::parse(number) {
            Ok(fpr) => {
                if let Some(id) = fpr.as_resident_id() {
                    check_resident_id(cx, id, rule, &mut flag);
                }
            }
            Err(e) => resident_id_error(cx, e, kind, rule, &mut flag),
        },
        NumberFormat::HkMacaoTravelPermit => {
            if HkMacaoTravelPermit::parse(number).is_err() {
                flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() });
            }
        }
        NumberFormat::TaiwanTravelPermit => {
            if TaiwanTravelPermit::parse(number).is_err() {
                flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() });
            }
        }
        NumberFormat::Passport => {
            if Passport::parse(number).is_err() {
                flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() });
            }
        }
        NumberFormat::Uscc => check_uscc(cx, number, kind, rule, holder, &mut flag),
        NumberFormat::OrganizationCode => {
            let compact: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
            if compact.chars().count() == 18 {
                check_uscc(cx, number, kind, rule, holder, &mut flag);
            } else {
                match OrganizationCode::parse(number) {
                    Ok(_) => {}
                    Err(OrganizationCodeError::Checksum { .. }) => {
                        flag(cx, Code::CertificateChecksum, rule, params! {});
                    }
                    Err(_) => flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() }),
                }
            }
        }
        NumberFormat::Unchecked => {}
    }
}

type Flag<'f> = dyn FnMut(&mut Context<'_>, Code, &Rule, crate::code::Params) + 'f;

fn resident_id_error(
    cx: &mut Context<'_>,
    e: ResidentIdError,
    kind: CertificateKind,
    rule: &Rule,
    flag: &mut Flag<'_>,
) {
    match e {
        ResidentIdError::Legacy if kind == CertificateKind::ResidentIdCard => {
            flag(cx, Code::CertificateLegacyId, rule, params! {});
        }
        ResidentIdError::Checksum { .. } => flag(cx, Code::CertificateChecksum, rule, params! {}),
        ResidentIdError::BirthDate(_) => flag(cx, Code::CertificateBirthDate, rule, params! {}),
        _ => flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() }),
    }
}

/// The checks of a parsed GB 11643 number that need the evaluation date or
/// the region table.
fn check_resident_id(cx: &mut Context<'_>, id: &ResidentId, rule: &Rule, flag: &mut Flag<'_>) {
    // The birth date and the region code are digits that the number's mask
    // hides: the findings do not repeat them, or the report would show the
    // whole number.
    if id.birth_date() > cx.as_of {
        flag(cx, Code::CertificateBirthDate, rule, params! {});
    }
    let regions = &{ cx.rules }.regions;
    if let Err(e) = id.birth_place(&regions.table) {
        let mut params = params! {};
        if let RegionError::AbolishedBeforeBirth { last_year, .. } = e {
            params.insert("abolished_after".into(), last_year.into());
        }
        flag(cx, Code::CertificateRegion, &regions.rule, params);
    }
}

fn check_uscc(
    cx: &mut Context<'_>,
    number: &str,
    kind: CertificateKind,
    rule: &Rule,
    holder: Holder,
    flag: &mut Flag<'_>,
) {
    let rules = &{ cx.rules }.certificates;
    let code = match Uscc::parse(number) {
        Ok(code) => code,
        Err(UsccError::Checksum { .. }) => {
            let compact = Uscc::compact(number).map(|c| String::from_utf8_lossy(&c).into_owned());
            if compact.is_ok_and(|c| rules.is_pilot_code(&c)) {
                flag(cx, Code::CertificateUsccPilotCode, &rules.pilot_rule, params! {});
            } else {
                flag(cx, Code::CertificateChecksum, rule, params! {});
            }
            return;
        }
        Err(_) => {
            flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() });
            return;
        }
    };
    let region = code.region();
    if region.get() / 10_000 != 10 && region.province().is_none() {
        let regions = &{ cx.rules }.regions;
        flag(cx, Code::CertificateRegion, &regions.rule, params! {});
    }
    let subject_kind = cx.app.subject.as_ref().and_then(|s| s.kind);
    if let (Holder::Subject, Some(subject_kind)) = (holder, subject_kind) {
        let t = code.organisation_type();
        if let Some((_, fits)) = rules.uscc_kinds.iter().find(|(c, _)| *c == t)
            && !fits.contains(&subject_kind)
        {
            let params = params! {
                "uscc_category" => t.code(),
                "uscc_kind" => t.name_en(),
                "uscc_kind_zh" => t.name_zh(),
                "subject_kind" => subject_kind.as_str(),
            };
            flag(cx, Code::CertificateUsccKindMismatch, &rules.uscc_kinds_rule, params);
        }
    }
}
