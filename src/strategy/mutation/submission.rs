//! Mutations of the submission rules (`submission.*`): more websites or
//! domains than the province takes in one submission.

use super::{Filing, Mutation, MutationKind};
use crate::application::{Application, Hosting};
use crate::strategy::names::{KINDS, TOPICS};
use crate::strategy::valid::{CN_SUFFIXES, GOV_SUFFIXES, SUFFIXES, is_registrable};
use crate::vocabulary::{FilingType, SubjectKind};

impl Mutation {
    /// A new domain for a website: the first domain of the application
    /// under another label, with the same suffix and registration.
    fn new_domain(&self, app: &Application, website: usize) -> Option<crate::application::Domain> {
        let template = app.websites.first()?.domains.first()?.clone();
        let suffix = template.name.split_once('.')?.1.to_owned();
        let taken: Vec<&str> = app
            .websites
            .iter()
            .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
            .collect();
        let name = (0..1000u64)
            .map(|k| format!("site{}x{website}x{k}.{suffix}", self.value() % 1000))
            .find(|n| !taken.contains(&n.as_str()))?;
        Some(crate::application::Domain { name, ..template })
    }

    /// Another domain for a website with the name of its first domain
    /// under another suffix the subject may use (domains with different
    /// names are separate websites); `None` when no suffix is left.
    fn same_name_domain(&self, app: &Application, website: usize) -> Option<crate::application::Domain> {
        let template = app.websites.get(website)?.domains.first()?.clone();
        let label = template.name.split_once('.')?.0.to_owned();
        let suffixes = match app.subject.as_ref()?.kind? {
            SubjectKind::Government => GOV_SUFFIXES,
            SubjectKind::PublicInstitution => CN_SUFFIXES,
            _ => SUFFIXES,
        };
        let taken: Vec<&str> = app
            .websites
            .iter()
            .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
            .collect();
        let name = suffixes
            .iter()
            .map(|s| format!("{label}.{s}"))
            .find(|n| !taken.contains(&n.as_str()) && is_registrable(n))?;
        Some(crate::application::Domain { name, ..template })
    }

    /// Adds a website like the first, with a name and a domain of its own
    /// (an entity's name starts as the first website's, with its short
    /// name).
    fn add_website(&self, app: &mut Application) -> Option<()> {
        let mut website = app.websites.first()?.clone();
        let names: Vec<&str> = app.websites.iter().map(|w| w.name.as_str()).collect();
        let prefix: String = if app.filing_type() == Some(FilingType::Entity) {
            website.name.chars().take(2).collect()
        } else {
            String::new()
        };
        let prefix = prefix.as_str();
        website.name = TOPICS
            .iter()
            .flat_map(|t| KINDS.iter().map(move |k| format!("{prefix}{t}{k}")))
            .find(|n| !names.contains(&n.as_str()))?;
        website.domains = vec![self.new_domain(app, app.websites.len())?];
        website.homepage.clear();
        website.commercial = false;
        app.websites.push(website);
        Some(())
    }

    /// Makes the edit of a mutation of the submission rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_submission(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing { profile, .. } = *filing;
        let path = match self.kind {
            K::TooManyWebsites | K::TooManyDomains => {
                if matches!(app.hosting, Some(Hosting::AuthorizationCode(_))) {
                    return None; // a code covers one website with one domain
                }
                let count = |app: &Application| app.websites.iter().map(|w| w.domains.len()).sum::<usize>();
                if self.kind == K::TooManyWebsites {
                    let cap = profile.website_cap()?;
                    while app.websites.len() <= cap {
                        self.add_website(app)?;
                    }
                    format!("/websites/{cap}")
                } else {
                    let cap = Some(profile.max_domains()).filter(|c| *c < usize::MAX)?;
                    while count(app) <= cap {
                        let last = app.websites.len().checked_sub(1)?;
                        let domain = (app.websites.get(last)?.domains.len() < profile.max_domains_per_website())
                            .then(|| self.same_name_domain(app, last))
                            .flatten();
                        match domain {
                            Some(domain) => app.websites.get_mut(last)?.domains.push(domain),
                            None => self.add_website(app)?,
                        }
                    }
                    // The first domain over the cap, in document order.
                    let (mut seen, mut at) = (0, None);
                    for (i, w) in app.websites.iter().enumerate() {
                        if at.is_none() && seen + w.domains.len() > cap {
                            at = Some((i, cap - seen));
                        }
                        seen += w.domains.len();
                    }
                    let (i, j) = at?;
                    format!("/websites/{i}/domains/{j}")
                }
            }
            _ => return None,
        };
        Some(path)
    }
}
