//! Certificates (证件): which kinds exist, which fit which subject, and
//! whether they expire (`rules/certificates.toml`).

use std::collections::BTreeMap;

use crate::rules::{File, Registry, Rule, RuleError, rule_entry};
use crate::vocabulary::{CertificateKind, SubjectKind};

rule_entry! {
    /// One certificate kind of `rules/certificates.toml`.
    pub(crate) struct KindEntry {
        /// Whether certificates of this kind have a validity period (which
        /// may still be `long_term`); `valid_until` is then required.
        expires: bool,
        /// The subject kinds whose own certificate may be of this kind.
        subjects: Vec<SubjectKind>,
    }
}

/// A certificate kind, compiled.
#[derive(Debug)]
pub(crate) struct KindRule {
    pub(crate) expires: bool,
    pub(crate) subjects: Vec<SubjectKind>,
    pub(crate) rule: Rule,
}

/// The rules of `rules/certificates.toml`, indexed by `CertificateKind as usize`.
#[derive(Debug)]
pub(crate) struct CertificateRules {
    kinds: Vec<KindRule>,
}

impl CertificateRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<CertificateRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            kinds: BTreeMap<CertificateKind, KindEntry>,
        }
        let mut doc: Doc = file.parse()?;
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
            let rule = file.register(registry, format!("certificates.kinds.{kind}"), &entry)?;
            kinds.push(KindRule {
                expires: entry.expires,
                subjects: entry.subjects,
                rule,
            });
        }
        Ok(CertificateRules { kinds })
    }

    pub(crate) fn kind(&self, kind: CertificateKind) -> &KindRule {
        &self.kinds[kind as usize]
    }

    /// Whether certificates of this kind have a validity period.
    pub(crate) fn expires(&self, kind: CertificateKind) -> bool {
        self.kind(kind).expires
    }
}
