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

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::identity::{OrganisationType, Regions, Uscc, UsccError};
use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};
use crate::vocabulary::{CertificateKind, SubjectKind};

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
    pub(crate) kinds: Vec<KindRule>,
    /// The rule of each checked number format.
    pub(crate) formats: BTreeMap<NumberFormat, Rule>,
    pub(crate) expired: Rule,
    pub(crate) expiring: (u32, Rule),
    /// (organisation type code, subject kinds).
    pub(crate) uscc_kinds: Vec<(OrganisationType, Vec<SubjectKind>)>,
    pub(crate) uscc_kinds_rule: Rule,
    /// Sorted.
    pub(crate) pilot_codes: Vec<String>,
    pub(crate) pilot_rule: Rule,
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
    pub(crate) remaining: BTreeMap<String, Spanned<ProvinceRemainingEntry>>,
    #[serde(default)]
    pub(crate) subject_kinds: BTreeMap<String, Spanned<SubjectKindsEntry>>,
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
        doc: ProvinceCertificatesDoc,
        national: &CertificateRules,
        mut load: Load<'_>,
    ) -> Result<ProvinceCertificateRules, RuleError> {
        let file = load.file;
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
            let rule = load.part("remaining").register(&key, &entry)?;
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
            let rule = load.part("subject_kinds").register(&key, &entry)?;
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
