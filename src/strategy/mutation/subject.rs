//! Mutations of the subject rules (`subject.*`): the certificate kind, the
//! province of the certificate and mailing addresses, non-local filers.

use super::{Filing, Mutation, MutationKind};
use crate::application::Application;
use crate::province::Province;
use crate::strategy::profile::NonLocal;
use crate::strategy::valid::places;
use crate::vocabulary::{CertificateKind, SubjectKind};

impl Mutation {
    /// Another province than the application's.
    fn elsewhere(&self, province: Province) -> Province {
        let others: Vec<Province> = Province::ALL.iter().copied().filter(|p| *p != province).collect();
        others
            .get(self.pick(others.len()))
            .copied()
            .unwrap_or(Province::Beijing)
    }

    /// An address in a province, down to the room when `detailed`.
    fn address(&self, province: Province, detailed: bool) -> String {
        let list = places(province);
        let locality = list
            .get((self.value() % list.len().max(1) as u64) as usize)
            .map_or("", |p| p.locality.as_str());
        if detailed {
            format!(
                "{}{locality}青年路{}号2幢301室",
                province.full_name_zh(),
                self.value() % 200 + 1
            )
        } else {
            format!("{}{locality}青年路", province.full_name_zh())
        }
    }

    /// Makes the edit of a mutation of the subject rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_subject(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing {
            province,
            profile,
            personal,
            subject_kind,
        } = *filing;
        let path = match self.kind {
            K::CertificateKindMismatch => {
                let certificate = app.subject.as_mut()?.certificate.as_mut()?;
                certificate.kind = Some(match subject_kind {
                    SubjectKind::Enterprise => CertificateKind::FoundationCertificate,
                    _ => CertificateKind::BusinessLicense,
                });
                "/subject/certificate/kind".into()
            }
            K::CrossProvince if !personal => {
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.certificate_address = self.address(elsewhere, false);
                "/subject/certificate_address".into()
            }
            K::NonLocalFilerRefused | K::NonLocalFilerWithoutPermit if personal => {
                let (policy, path) = match self.kind {
                    K::NonLocalFilerRefused => (NonLocal::Refused, "/subject/certificate_address"),
                    _ => (NonLocal::ResidencePermit, "/subject/residence_permit"),
                };
                if profile.non_local() != policy {
                    return None;
                }
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.certificate_address = self.address(elsewhere, false);
                path.into()
            }
            K::AddressNotDetailed => {
                app.subject.as_mut()?.mailing_address = self.address(province, false);
                "/subject/mailing_address".into()
            }
            K::AddressInAnotherProvince => {
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.mailing_address = self.address(elsewhere, true);
                "/subject/mailing_address".into()
            }
            _ => return None,
        };
        Some(path)
    }
}
