//! Mutations of the domain rules (`domain.*`): suffixes, registrable
//! names, holders, registration and expiry.

use super::{Filing, Mutation, MutationKind};
use crate::application::{Application, Website};
use crate::strategy::AS_OF;
use crate::vocabulary::SubjectKind;

/// A domain of the application, by (website, domain) index.
fn domains(app: &Application) -> Vec<(usize, usize)> {
    app.websites
        .iter()
        .enumerate()
        .flat_map(|(i, w)| (0..w.domains.len()).map(move |j| (i, j)))
        .collect()
}

/// The host of a homepage as the generators write it.
fn host(homepage: &str) -> &str {
    let rest = homepage.split_once("://").map_or(homepage, |(_, r)| r);
    rest.split('/').next().unwrap_or_default()
}

/// Renames a domain of a website, and its homepage with it when the
/// homepage was under it (to `None`: blanks such a homepage).
fn rename_domain(website: &mut Website, j: usize, new: Option<&str>, name: &str) -> Option<String> {
    let domain = website.domains.get_mut(j)?;
    let old = std::mem::replace(&mut domain.name, name.to_owned());
    let h = host(&website.homepage).to_owned();
    if !h.is_empty() && (h == old || h.ends_with(&format!(".{old}"))) {
        website.homepage = match new {
            Some(new) => {
                let prefix = h.get(..h.len() - old.len()).unwrap_or_default();
                website.homepage.replacen(&h, &format!("{prefix}{new}"), 1)
            }
            None => String::new(),
        };
    }
    Some(old)
}

/// The first label of a domain name.
fn label(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

impl Mutation {
    /// Makes the edit of a mutation of the domain rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_domain(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing {
            province, subject_kind, ..
        } = *filing;
        let path = match self.kind {
            K::SuffixNotApproved | K::UnknownSuffix | K::Subdomain | K::InvalidDomain | K::SuffixRestricted => {
                let all = domains(app);
                let (i, j) = *all.get(self.pick(all.len()))?;
                let website = app.websites.get_mut(i)?;
                let old = website.domains.get(j)?.name.clone();
                let first = label(&old).to_owned();
                let new = match self.kind {
                    K::SuffixNotApproved => Some(format!("{first}.io")),
                    K::UnknownSuffix => Some(format!("{first}.zzqx")),
                    K::Subdomain => Some(format!("www.{old}")),
                    K::InvalidDomain => None,
                    _ if subject_kind == SubjectKind::Government => Some(format!("{first}.com")),
                    _ => Some(format!("{first}.gov.cn")),
                };
                let name = new.clone().unwrap_or_else(|| format!("{first}..cn"));
                rename_domain(website, j, new.as_deref(), &name)?;
                format!("/websites/{i}/domains/{j}/name")
            }
            K::HolderMismatch | K::NotRealNameVerified | K::RegistrarOverseas | K::DomainExpired => {
                let all = domains(app);
                let (i, j) = *all.get(self.pick(all.len()))?;
                let stranger = self.stranger(app, province).name;
                let domain = app.websites.get_mut(i)?.domains.get_mut(j)?;
                let field = match self.kind {
                    K::HolderMismatch => {
                        domain.holder = stranger;
                        "holder"
                    }
                    K::NotRealNameVerified => {
                        domain.real_name_verified = Some(false);
                        "real_name_verified"
                    }
                    K::RegistrarOverseas => {
                        domain.registrar_in_mainland = false;
                        "registrar_in_mainland"
                    }
                    _ => {
                        domain.expires_on = Some(AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                };
                format!("/websites/{i}/domains/{j}/{field}")
            }
            K::DuplicateDomain => {
                let all = domains(app);
                let (i, j) = *all.last().filter(|_| all.len() > 1)?;
                // A later domain of a website repeats its first (the names
                // of a website's domains stay one); a website's only domain
                // repeats the application's first.
                let from = if j > 0 { i } else { 0 };
                let name = app.websites.get(from)?.domains.first()?.name.clone();
                let website = app.websites.get_mut(i)?;
                rename_domain(website, j, Some(&name), &name)?;
                format!("/websites/{i}/domains/{j}/name")
            }
            _ => return None,
        };
        Some(path)
    }
}
