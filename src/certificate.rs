//! Certificates (证件): which kinds exist, which fit which subject, the
//! format of their numbers and how long they must stay valid
//! (`rules/certificates.toml`, `rules/regions.toml`, and the
//! `[certificates]` section of the province files: the least validity left
//! by kind, and the only kinds some subject kinds may file with).
//!
//! The number checks apply to every certificate of an application: the
//! subject's, the legal representative's, the principal's and each website
//! manager's; the validity checks also to the residence permit. Findings
//! point at the certificate's `number` or `valid_until`.
//!
//! One person often appears several times (the principal who is also the
//! legal representative and a website manager). A number is checked once,
//! where it first appears in the document; a later certificate with the
//! same kind and number is not reported again, and neither is the same
//! validity. A certificate whose kind does not fit its holder is reported
//! as `subject.certificate_kind_mismatch` only: its number is not judged
//! against a kind that is wrong anyway.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::application::{Certificate, Validity};
use crate::code::Code;
use crate::identity::{
    ForeignPermanentResidentId, HkMacaoTravelPermit, OrganisationType, OrganizationCode, OrganizationCodeError,
    Passport, RegionError, Regions, ResidentId, ResidentIdError, ResidentIdKind, TaiwanTravelPermit, Uscc, UsccError,
};
use crate::privacy::mask_certificate;
use crate::rules::{File, Registry, Rule, RuleError, rule_entry};
use crate::validator::{Context, params};
use crate::vocabulary::{CertificateKind, FilingType, SubjectKind};

/// The format of a certificate kind's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum NumberFormat {
    ResidentId,
    HkMacaoResidencePermit,
    TaiwanResidencePermit,
    ForeignPermanentResidentId,
    HkMacaoTravelPermit,
    TaiwanTravelPermit,
    Passport,
    Uscc,
    OrganizationCode,
    /// No known format: the number is only required to be present.
    Unchecked,
}

rule_entry! {
    /// One certificate kind of `rules/certificates.toml`.
    pub(crate) struct KindEntry {
        /// The format of the number.
        number: Spanned<NumberFormat>,
        /// Whether certificates of this kind have a validity period (which
        /// may still be `long_term`); `valid_until` is then required.
        expires: bool,
        /// The subject kinds whose own certificate may be of this kind.
        subjects: Vec<SubjectKind>,
    }
}

rule_entry! {
    /// A number format of `[numbers]`.
    pub(crate) struct FormatEntry {}
}

rule_entry! {
    /// `[validity.expired]`.
    pub(crate) struct ExpiredEntry {}
}

rule_entry! {
    /// `[validity.expiring]`: the national minimum remaining validity.
    pub(crate) struct ExpiringEntry {
        min_remaining_days: u32,
    }
}

rule_entry! {
    /// `[uscc.kinds]`: the subject kinds each credit-code category fits.
    pub(crate) struct UsccKindsEntry {
        categories: Spanned<BTreeMap<String, Vec<SubjectKind>>>,
    }
}

rule_entry! {
    /// `[uscc.pilot_codes]`: legitimate early codes that fail the check.
    pub(crate) struct PilotCodesEntry {
        codes: Spanned<Vec<String>>,
    }
}

/// A certificate kind, compiled.
#[derive(Debug)]
pub(crate) struct KindRule {
    pub(crate) number: NumberFormat,
    pub(crate) expires: bool,
    pub(crate) subjects: Vec<SubjectKind>,
    pub(crate) rule: Rule,
}

/// The rules of `rules/certificates.toml`, indexed by `CertificateKind as usize`.
#[derive(Debug)]
pub(crate) struct CertificateRules {
    kinds: Vec<KindRule>,
    /// The rule of each checked number format.
    formats: BTreeMap<NumberFormat, Rule>,
    expired: Rule,
    pub(crate) expiring: (u32, Rule),
    /// (organisation type code, subject kinds).
    uscc_kinds: Vec<(OrganisationType, Vec<SubjectKind>)>,
    uscc_kinds_rule: Rule,
    /// Sorted.
    pilot_codes: Vec<String>,
    pilot_rule: Rule,
}

impl CertificateRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<CertificateRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            kinds: BTreeMap<CertificateKind, KindEntry>,
            numbers: BTreeMap<NumberFormat, Spanned<FormatEntry>>,
            validity: ValidityDoc,
            uscc: UsccDoc,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ValidityDoc {
            expired: ExpiredEntry,
            expiring: ExpiringEntry,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct UsccDoc {
            kinds: UsccKindsEntry,
            pilot_codes: PilotCodesEntry,
        }
        let mut doc: Doc = file.parse()?;
        let mut formats = BTreeMap::new();
        for (format, entry) in &doc.numbers {
            if *format == NumberFormat::Unchecked {
                return Err(file.error_at(entry.span(), "`unchecked` is not a number format with rules"));
            }
            let id = format!("certificates.numbers.{}", format_id(*format));
            formats.insert(*format, file.register(registry, id, entry.get_ref())?);
        }
        let mut kinds = Vec::with_capacity(CertificateKind::ALL.len());
        for &kind in CertificateKind::ALL {
            let entry = doc
                .kinds
                .remove(&kind)
                .ok_or_else(|| file.error(format!("the certificate kind `{kind}` is missing")))?;
            if kind.is_personal() != (entry.subjects == [SubjectKind::Personal]) {
                return Err(file.error(format!(
                    "`{kind}`: a personal certificate fits exactly `subjects = [\"personal\"]`, and only it does"
                )));
            }
            let number = *entry.number.get_ref();
            if number != NumberFormat::Unchecked && !formats.contains_key(&number) {
                return Err(file.error_at(
                    entry.number.span(),
                    format!("`{}` has no [numbers.{}] entry", format_id(number), format_id(number)),
                ));
            }
            let rule = file.register(registry, format!("certificates.kinds.{kind}"), &entry)?;
            kinds.push(KindRule {
                number,
                expires: entry.expires,
                subjects: entry.subjects,
                rule,
            });
        }
        let expired = file.register(registry, "certificates.validity.expired".into(), &doc.validity.expired)?;
        let expiring = file.register(
            registry,
            "certificates.validity.expiring".into(),
            &doc.validity.expiring,
        )?;
        let uscc_kinds_rule = file.register(registry, "certificates.uscc.kinds".into(), &doc.uscc.kinds)?;
        let span = doc.uscc.kinds.categories.span();
        let mut uscc_kinds = Vec::new();
        for (code, subjects) in doc.uscc.kinds.categories.into_inner() {
            let t = OrganisationType::from_code_str(&code).ok_or_else(|| {
                file.error_at(
                    span.clone(),
                    format!("`{code}` is not an organisation type of GB 32100"),
                )
            })?;
            if subjects.contains(&SubjectKind::Personal) {
                return Err(file.error_at(
                    span.clone(),
                    format!("`{code}`: a credit code never fits a personal subject"),
                ));
            }
            uscc_kinds.push((t, subjects));
        }
        let pilot_rule = file.register(registry, "certificates.uscc.pilot_codes".into(), &doc.uscc.pilot_codes)?;
        let span = doc.uscc.pilot_codes.codes.span();
        let mut pilot_codes = Vec::new();
        for code in doc.uscc.pilot_codes.codes.into_inner() {
            match Uscc::parse(&code) {
                Err(UsccError::Checksum { .. }) => pilot_codes.push(code),
                Ok(_) => {
                    return Err(file.error_at(
                        span.clone(),
                        format!("`{code}` passes the check: it needs no place on the list"),
                    ));
                }
                Err(e) => return Err(file.error_at(span.clone(), format!("`{code}`: {e}"))),
            }
        }
        pilot_codes.sort();
        Ok(CertificateRules {
            kinds,
            formats,
            expired,
            expiring: (doc.validity.expiring.min_remaining_days, expiring),
            uscc_kinds,
            uscc_kinds_rule,
            pilot_codes,
            pilot_rule,
        })
    }

    pub(crate) fn kind(&self, kind: CertificateKind) -> &KindRule {
        &self.kinds[kind as usize]
    }

    /// Whether certificates of this kind have a validity period.
    pub(crate) fn expires(&self, kind: CertificateKind) -> bool {
        self.kind(kind).expires
    }

    /// Whether a code that fails the check is a known legitimate pilot code.
    pub(crate) fn is_pilot_code(&self, code: &str) -> bool {
        self.pilot_codes.binary_search_by(|c| c.as_str().cmp(code)).is_ok()
    }
}

fn format_id(format: NumberFormat) -> &'static str {
    match format {
        NumberFormat::ResidentId => "resident_id",
        NumberFormat::HkMacaoResidencePermit => "hk_macao_residence_permit",
        NumberFormat::TaiwanResidencePermit => "taiwan_residence_permit",
        NumberFormat::ForeignPermanentResidentId => "foreign_permanent_resident_id",
        NumberFormat::HkMacaoTravelPermit => "hk_macao_travel_permit",
        NumberFormat::TaiwanTravelPermit => "taiwan_travel_permit",
        NumberFormat::Passport => "passport",
        NumberFormat::Uscc => "uscc",
        NumberFormat::OrganizationCode => "organization_code",
        NumberFormat::Unchecked => "unchecked",
    }
}

/// The GB/T 2260 region table (`rules/regions.tsv`) and its rule
/// (`rules/regions.toml`).
#[derive(Debug)]
pub(crate) struct RegionRules {
    pub(crate) table: Regions,
    pub(crate) rule: Rule,
}

impl RegionRules {
    pub(crate) fn load(meta: &File<'_>, table: &File<'_>, registry: &mut Registry) -> Result<RegionRules, RuleError> {
        rule_entry! {
            /// `[codes]` of `rules/regions.toml`.
            pub(crate) struct CodesEntry {}
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            codes: CodesEntry,
        }
        let doc: Doc = meta.parse()?;
        let rule = meta.register(registry, "regions.codes".into(), &doc.codes)?;
        let regions = Regions::parse(table.text()).map_err(|(line, message)| table.error_at_line(line, message))?;
        if regions.is_empty() {
            return Err(table.error("the region table is empty"));
        }
        Ok(RegionRules { table: regions, rule })
    }
}

rule_entry! {
    /// `[certificates.remaining.<key>]` of a province: the least validity
    /// left of some kinds of certificate.
    pub(crate) struct ProvinceRemainingEntry {
        min_days: u32,
        kinds: Vec<CertificateKind>,
    }
}

rule_entry! {
    /// `[certificates.subject_kinds.<key>]` of a province: the certificate
    /// kinds some subject kinds may (`only`) or may not (`refused`) file with.
    pub(crate) struct SubjectKindsEntry {
        subject_kinds: Vec<SubjectKind>,
        #[serde(default)]
        only: Vec<CertificateKind>,
        #[serde(default)]
        refused: Vec<CertificateKind>,
    }
}

/// The `[certificates]` section of a province file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProvinceCertificatesDoc {
    #[serde(default)]
    remaining: BTreeMap<String, Spanned<ProvinceRemainingEntry>>,
    #[serde(default)]
    subject_kinds: BTreeMap<String, Spanned<SubjectKindsEntry>>,
}

/// A province's certificate kinds for some subject kinds, compiled.
#[derive(Debug)]
pub(crate) struct SubjectKindRule {
    pub(crate) subject_kinds: Vec<SubjectKind>,
    pub(crate) only: Vec<CertificateKind>,
    pub(crate) refused: Vec<CertificateKind>,
    pub(crate) rule: Rule,
}

impl SubjectKindRule {
    /// Whether the province accepts this certificate kind for the rule's
    /// subject kinds.
    pub(crate) fn accepts(&self, kind: CertificateKind) -> bool {
        !self.refused.contains(&kind) && (self.only.is_empty() || self.only.contains(&kind))
    }
}

/// A province's certificate rules, compiled. What a province does not set
/// is the national rule of `certificates.toml`.
#[derive(Debug, Default)]
pub(crate) struct ProvinceCertificateRules {
    /// (kinds, least days left, rule).
    pub(crate) remaining: Vec<(Vec<CertificateKind>, u32, Rule)>,
    pub(crate) subject_kinds: Vec<SubjectKindRule>,
}

impl ProvinceCertificateRules {
    pub(crate) fn load(
        slug: &str,
        doc: ProvinceCertificatesDoc,
        national: &CertificateRules,
        file: &File<'_>,
        registry: &mut Registry,
    ) -> Result<ProvinceCertificateRules, RuleError> {
        let mut remaining: Vec<(Vec<CertificateKind>, u32, Rule)> = Vec::new();
        for (key, entry) in doc.remaining {
            let span = entry.span();
            let entry = entry.into_inner();
            if entry.kinds.is_empty() {
                return Err(file.error_at(span, "`kinds` lists no certificate kind"));
            }
            if let Some(kind) = entry
                .kinds
                .iter()
                .find(|k| remaining.iter().any(|(kinds, _, _)| kinds.contains(k)))
            {
                return Err(file.error_at(span, format!("`{kind}` has two minimum validities")));
            }
            if let Some(kind) = entry.kinds.iter().find(|k| !national.expires(**k)) {
                return Err(file.error_at(span, format!("`{kind}` certificates do not expire")));
            }
            let rule = file.register(
                registry,
                format!("provinces.{slug}.certificates.remaining.{key}"),
                &entry,
            )?;
            remaining.push((entry.kinds, entry.min_days, rule));
        }
        let mut subject_kinds: Vec<SubjectKindRule> = Vec::new();
        for (key, entry) in doc.subject_kinds {
            let span = entry.span();
            let entry = entry.into_inner();
            if entry.only.is_empty() == entry.refused.is_empty() {
                return Err(file.error_at(span, "a certificate kind rule has either `only` or `refused`"));
            }
            if let Some(s) = entry
                .subject_kinds
                .iter()
                .find(|s| subject_kinds.iter().any(|r| r.subject_kinds.contains(s)))
            {
                return Err(file.error_at(span, format!("`{s}` has two certificate kind rules")));
            }
            for kind in entry.only.iter().chain(&entry.refused) {
                if let Some(s) = entry
                    .subject_kinds
                    .iter()
                    .find(|s| !national.kind(*kind).subjects.contains(s))
                {
                    let message = format!("`{kind}` does not fit a subject of kind `{s}` in certificates.toml");
                    return Err(file.error_at(span, message));
                }
            }
            let rule = file.register(
                registry,
                format!("provinces.{slug}.certificates.subject_kinds.{key}"),
                &entry,
            )?;
            subject_kinds.push(SubjectKindRule {
                subject_kinds: entry.subject_kinds,
                only: entry.only,
                refused: entry.refused,
                rule,
            });
        }
        Ok(ProvinceCertificateRules {
            remaining,
            subject_kinds,
        })
    }

    /// The province's rule on the certificate kinds of a subject kind.
    pub(crate) fn subject_kind_rule(&self, kind: SubjectKind) -> Option<&SubjectKindRule> {
        self.subject_kinds.iter().find(|r| r.subject_kinds.contains(&kind))
    }
}

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
    Subject,
    LegalRepresentative,
    Principal,
    Manager(usize),
    ResidencePermit,
}

impl Location {
    /// The JSON Pointer of the object with the certificate's fields.
    fn path(self, field: &str) -> String {
        match self {
            Location::Subject => format!("/subject/certificate/{field}"),
            Location::LegalRepresentative => format!("/subject/legal_representative/certificate/{field}"),
            Location::Principal => format!("/subject/principal/certificate/{field}"),
            Location::Manager(i) => format!("/websites/{i}/manager/certificate/{field}"),
            Location::ResidencePermit => format!("/subject/residence_permit/{field}"),
        }
    }
}

/// The certificates of the application in document order (the residence
/// permit aside), with where they are and whom they belong to.
fn certificates<'a>(cx: &Context<'a>) -> impl Iterator<Item = (Location, &'a Certificate, Holder)> + use<'a> {
    let subject = cx.app.subject.as_ref();
    let personal = subject.and_then(|s| s.filing_type()) == Some(FilingType::Personal);
    let own = subject
        .and_then(|s| s.certificate.as_ref())
        .map(|c| (Location::Subject, c, Holder::Subject));
    let legal = subject
        .and_then(|s| s.legal_representative.as_ref())
        .filter(|_| !personal)
        .and_then(|l| l.certificate.as_ref())
        .map(|c| (Location::LegalRepresentative, c, Holder::Person));
    let principal = subject
        .and_then(|s| s.principal.as_ref())
        .and_then(|p| p.certificate.as_ref())
        .map(|c| (Location::Principal, c, Holder::Person));
    let managers = cx.websites().filter_map(|(i, w)| {
        let c = w.manager.as_ref()?.certificate.as_ref()?;
        Some((Location::Manager(i), c, Holder::Person))
    });
    own.into_iter().chain(legal).chain(principal).chain(managers)
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
        let number = normalise(&certificate.number);
        // Each (kind, number) is checked once, and each (kind, number, validity).
        let (mut repeated_number, mut repeated_validity) = (false, false);
        for (_, c, h) in certificates(cx).take(k) {
            if c.kind == Some(kind) && normalise(&c.number) == number {
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
        .filter(|_| filing_type != Some(FilingType::Entity) && !crate::subject::permit_is_judged(cx))
        && let Some(validity) = permit.valid_until
    {
        check_validity(cx, Location::ResidencePermit, validity, None);
    }
}

/// A certificate number as the checks read it: full-width forms folded,
/// white space trimmed (borrowed when there is nothing to fold).
pub(crate) fn normalise(number: &str) -> Cow<'_, str> {
    let trimmed = number.trim();
    if trimmed.bytes().all(|b| b.is_ascii_graphic()) {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(crate::text::fold(number))
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
    let mut flag = |cx: &mut Context<'_>, code: Code, rule: &Rule, mut params: crate::Params| {
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

type Flag<'f> = dyn FnMut(&mut Context<'_>, Code, &Rule, crate::Params) + 'f;

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
        ResidentIdError::BirthDate(date) => {
            flag(cx, Code::CertificateBirthDate, rule, params! { "birth_date" => date });
        }
        _ => flag(cx, Code::CertificateFormat, rule, params! { "kind" => kind.as_str() }),
    }
}

/// The checks of a parsed GB 11643 number that need the evaluation date or
/// the region table.
fn check_resident_id(cx: &mut Context<'_>, id: &ResidentId, rule: &Rule, flag: &mut Flag<'_>) {
    if id.birth_date() > cx.as_of {
        let date = id.birth_date().strftime("%Y%m%d").to_string();
        flag(cx, Code::CertificateBirthDate, rule, params! { "birth_date" => date });
    }
    let regions = &{ cx.rules }.regions;
    if let Err(e) = id.birth_place(&regions.table) {
        let region = match e {
            RegionError::Unknown(code) | RegionError::AbolishedBeforeBirth { code, .. } => code.to_string(),
        };
        let mut params = params! { "region" => region };
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
        flag(
            cx,
            Code::CertificateRegion,
            &regions.rule,
            params! { "region" => region.to_string() },
        );
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
