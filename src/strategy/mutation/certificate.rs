//! Mutations of the certificate rules (`certificate.*`): check characters,
//! first-generation and future-born resident IDs, expired certificates.

use super::{Filing, Mutation, MutationKind};
use crate::application::person::{PersonAt, Within, people};
use crate::application::{Application, Certificate, Validity};
use crate::strategy::AS_OF;
use crate::strategy::valid::{USCC_ALPHABET, after, resident_id};
use crate::vocabulary::{CertificateKind, FilingType, SubjectKind};

/// Where the certificates of an application are, in document order.
fn holders(app: &Application) -> Vec<PersonAt> {
    people(app, Within::ALL)
        .filter(|at| at.identity(app).is_some_and(|(_, c)| c.is_some()))
        .collect()
}

/// The certificate of a holder.
pub(super) fn certificate(app: &Application, holder: PersonAt) -> Option<&Certificate> {
    holder.identity(app)?.1.as_ref()
}

/// Replaces a certificate number everywhere it is (a person's copies);
/// returns where it is first.
pub(super) fn renumber(app: &mut Application, old: &str, new: &str) -> Option<PersonAt> {
    let mut first = None;
    for holder in holders(app) {
        if let Some(c) = holder.certificate_mut(app)
            && c.number == old
        {
            c.number = new.to_owned();
            first = first.or(Some(holder));
        }
    }
    first
}

/// The resident ID of the person whose certificate numbers a mutation
/// changes: the personal filer, else the legal representative (or, for
/// `principal`, the principal).
pub(super) fn person_id(app: &Application, principal: bool) -> Option<(String, String, String)> {
    let holder = match app.filing_type()? {
        FilingType::Personal => PersonAt::Subject,
        FilingType::Entity if principal => PersonAt::Principal,
        FilingType::Entity => PersonAt::LegalRepresentative,
    };
    let certificate = certificate(app, holder)?;
    let (number, kind) = (certificate.number.clone(), certificate.kind);
    if kind != Some(CertificateKind::ResidentIdCard) || number.len() != 18 || !number.is_ascii() {
        return None;
    }
    let (region, rest) = number.split_at(6);
    let (birth, rest) = rest.split_at(8);
    let order = rest.get(..3)?;
    Some((region.to_owned(), birth.to_owned(), order.to_owned()))
}

impl Mutation {
    /// Makes the edit of a mutation of the certificate rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_certificate(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing {
            personal, subject_kind, ..
        } = *filing;
        let path = match self.kind {
            K::ResidentIdChecksum => {
                let (region, birth, order) = person_id(app, false)?;
                let valid = resident_id(&format!("{region}{birth}{order}"));
                let right = valid.chars().last()?;
                let checks = "0123456789X";
                let at = checks.find(right)?;
                let wrong = checks.chars().nth((at + 1 + self.pick(10)) % 11)?;
                let old = valid.clone();
                let holder = renumber(app, &old, &format!("{}{wrong}", &valid[..17]))?;
                holder.field("certificate/number")
            }
            K::CreditCodeChecksum if !personal => {
                let certificate = app.subject.as_mut()?.certificate.as_mut()?;
                let number = certificate.number.clone();
                let (body, check, alphabet): (&str, char, &[u8]) = match number.len() {
                    18 => (&number[..17], number.chars().last()?, USCC_ALPHABET),
                    10 => (&number[..9], number.chars().last()?, b"0123456789X"),
                    _ => return None,
                };
                let at = alphabet.iter().position(|b| char::from(*b) == check)?;
                let wrong = alphabet.get((at + 1 + self.pick(alphabet.len() - 1)) % alphabet.len())?;
                certificate.number = format!("{body}{}", char::from(*wrong));
                "/subject/certificate/number".into()
            }
            K::LegacyResidentId => {
                let (region, birth, order) = person_id(app, false)?;
                let old = resident_id(&format!("{region}{birth}{order}"));
                let holder = renumber(app, &old, &format!("{region}{}{order}", &birth[2..]))?;
                holder.field("certificate/number")
            }
            K::FutureBirthDate => {
                let (region, birth, order) = person_id(app, false)?;
                let old = resident_id(&format!("{region}{birth}{order}"));
                let born = after(400 + (self.value() % 1000) as i64);
                let new = resident_id(&format!("{region}{}{order}", born.strftime("%Y%m%d")));
                let holder = renumber(app, &old, &new)?;
                holder.field("certificate/number")
            }
            K::CertificateExpired => {
                let mut candidates = holders(app);
                candidates.retain(|h| *h != PersonAt::Subject || personal || subject_kind == SubjectKind::Enterprise);
                let holder = *candidates.get(self.pick(candidates.len()))?;
                let yesterday = AS_OF.yesterday().ok()?;
                // The person's every copy expires (another validity for the
                // same person is `person.data_inconsistent`); the finding is
                // where the certificate first appears.
                let number = certificate(app, holder)?.number.clone();
                let mut first = None;
                for h in holders(app) {
                    let Some(c) = h.certificate_mut(app) else { continue };
                    if h == holder || (h != PersonAt::Subject || personal) && c.number == number {
                        c.valid_until = Some(Validity::Until(yesterday));
                        first.get_or_insert(h);
                    }
                }
                first?.field("certificate/valid_until")
            }
            _ => return None,
        };
        Some(path)
    }
}
