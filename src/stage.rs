//! Stages of a filing form: which sections of an application a step of the
//! providers' flows has asked for so far.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// How far a filing form has got, for validating it step by step.
    ///
    /// The providers' flows take an order in steps: first the seed (the
    /// province, the kind of subject, the domains and the server or
    /// authorization code, to learn whether the filing is possible at all),
    /// then the subject and its people, then the websites and apps. At a
    /// stage, what belongs to a later one is not required and is not
    /// reported, and the materials are those known so far. Set it with
    /// [`Validator::stage`](crate::Validator::stage); [`Stage::Complete`] is
    /// the default.
    ///
    /// | stage | sections checked |
    /// |---|---|
    /// | `prerequisites` | `province`, `as_of`, `subject.kind`, every website's `domains`, every app's `kind`, platforms (identifiers, keys and fingerprints, not the store names), `mini_program_id` and `domains`, `hosting` |
    /// | `subject` | that, and the whole `subject` with its people |
    /// | `services` | that, and the whole of every website and app: everything |
    /// | `complete` | everything |
    ///
    /// `services` and `complete` check the same sections today: the model has
    /// nothing after the services. They stay distinct so that a form can say
    /// "the last step", whatever the application later gains.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Stage ("stage") {
        /// The seed: can this province, this kind of subject, these domains
        /// and this hosting be filed at all?
        Prerequisites = "prerequisites",
        /// The seed and the subject with its people.
        Subject = "subject",
        /// The seed, the subject, and the websites and apps.
        Services = "services",
        /// The whole application (the default).
        #[default]
        Complete = "complete",
    }
}

/// The sections of the seed, as JSON Pointer patterns (`*`: any index).
const PREREQUISITES: &[&str] = &[
    "/province",
    "/as_of",
    "/subject/kind",
    "/websites/*/domains",
    "/apps/*/kind",
    "/apps/*/platforms/*/platform",
    "/apps/*/platforms/*/package_name",
    "/apps/*/platforms/*/bundle_id",
    "/apps/*/platforms/*/bundle_name",
    "/apps/*/platforms/*/public_key",
    "/apps/*/platforms/*/signature_md5",
    "/apps/*/platforms/*/signature_sha1",
    "/apps/*/platforms/*/signature_sha256",
    "/apps/*/mini_program_id",
    "/apps/*/domains",
    "/hosting",
];

/// What the subject stage adds.
const SUBJECT: &[&str] = &["/subject"];

impl Stage {
    /// Whether a value at `path` (a JSON Pointer into the application) is
    /// asked for by this stage: it lies at or under one of the stage's
    /// sections. The document itself (`""`) belongs to every stage.
    ///
    /// ```
    /// use beian::Stage;
    ///
    /// assert!(Stage::Prerequisites.covers("/websites/0/domains/1/name"));
    /// assert!(!Stage::Prerequisites.covers("/websites/0/name"));
    /// assert!(Stage::Subject.covers("/subject/principal/mobile"));
    /// assert!(Stage::Complete.covers("/websites/0/name"));
    /// ```
    pub fn covers(self, path: &str) -> bool {
        match self {
            // Every section the model has; unknown keys too.
            Stage::Services | Stage::Complete => true,
            Stage::Prerequisites | Stage::Subject => {
                path.is_empty() || self.sections().any(|section| under(path, section))
            }
        }
    }

    /// Whether `path` holds a section of this stage: a missing value there
    /// (`/subject` at the prerequisites stage, which holds `/subject/kind`)
    /// is missing for this stage too.
    pub(crate) fn holds(self, path: &str) -> bool {
        self.covers(path) || self.sections().any(|section| above(path, section))
    }

    fn sections(self) -> impl Iterator<Item = &'static str> {
        let later: &[&[&str]] = match self {
            Stage::Prerequisites => &[PREREQUISITES],
            Stage::Subject => &[PREREQUISITES, SUBJECT],
            Stage::Services | Stage::Complete => &[],
        };
        later.iter().flat_map(|s| s.iter().copied())
    }
}

/// Whether `path` is at or under the pattern `section`, token by token
/// (`*` matches an index).
fn under(path: &str, section: &str) -> bool {
    let mut path = path.split('/');
    section
        .split('/')
        .all(|pattern| path.next().is_some_and(|token| fits(token, pattern)))
}

/// Whether `path` is at or above the pattern `section`: a value that holds
/// the section.
fn above(path: &str, section: &str) -> bool {
    let mut section = section.split('/');
    path.split('/')
        .all(|token| section.next().is_some_and(|pattern| fits(token, pattern)))
}

fn fits(token: &str, pattern: &str) -> bool {
    token == pattern || (pattern == "*" && !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_match_token_by_token() {
        assert!(under("/websites/12/domains", "/websites/*/domains"));
        assert!(under("/websites/12/domains/3/holder", "/websites/*/domains"));
        assert!(!under("/websites/12/domains_x", "/websites/*/domains"));
        assert!(!under("/websites/x/domains", "/websites/*/domains"));
        assert!(!under("/subject", "/subject/kind"));
        assert!(under("/subject/kind", "/subject"));
        assert!(above("/websites/3", "/websites/*/domains"));
        assert!(above("/websites", "/websites/*/domains"));
        assert!(!above("/websites/3/name", "/websites/*/domains"));
    }

    #[test]
    fn each_stage_covers_the_earlier_ones() {
        let paths = [
            "/province",
            "/subject/kind",
            "/subject/name",
            "/websites/0/name",
            "/hosting/region",
        ];
        for (i, stage) in Stage::ALL.iter().enumerate() {
            for later in &Stage::ALL[i..] {
                for path in paths {
                    assert!(!stage.covers(path) || later.covers(path), "{stage} {later} {path}");
                }
            }
        }
        assert!(!Stage::Subject.covers("/websites/0/name"));
        assert!(Stage::Prerequisites.holds("/subject"));
        assert!(Stage::Prerequisites.holds("/websites/0"));
        assert!(!Stage::Prerequisites.holds("/websites/0/manager"));
        assert!(!Stage::Prerequisites.covers("/subject"));
    }
}
