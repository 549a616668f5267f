//! Apps, mini programs and quick apps (App备案): the rules an app filing
//! adds to a website filing's (`rules/apps.toml`).
//!
//! - the kinds an access provider does not file (`[kinds.providers]`);
//! - which website name rules apply to app names (`[names]`, naming the
//!   lists of `rules/names.toml`), and the app names' own word lists:
//!   generic words and placeholders, matched as the whole name, and price
//!   and marketing words (`[lists]`);
//! - for each platform (`[platforms]`), the field of its identifier, the
//!   form that identifier must have, and the fingerprints its form takes;
//! - the rules of signatures, public keys, mini program ids, content, the
//!   domains an app calls, the icon size, the responsible person, the
//!   service kind of an app's number and one provider's cap on a personal
//!   submission.
//!
//! The shape of an app (which platforms each kind has) is the application
//! model; the forms of the identifiers are the types of
//! [`app`](crate::app).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::app::DigestAlgorithm;
use crate::rules::hosting::HostingRules;
use crate::rules::names::NameRules;
use crate::rules::words::{ListEntry, ListKind, WordList};
use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};
use crate::vocabulary::{AppKind, PlatformKind};

rule_entry! {
    /// A rule without parameters.
    pub(crate) struct PlainEntry {}
}

rule_entry! {
    /// The kinds of app one access provider does not file, and why.
    pub(crate) struct KindEntry {
        refused: Vec<AppKind>,
        reason: String,
    }
}

rule_entry! {
    /// The minimum length of an app name.
    pub(crate) struct LengthEntry {
        min: Spanned<usize>,
    }
}

/// The field of a platform entry that holds its identifier.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Identifier {
    /// `package_name` (Android, quick apps, other platforms).
    PackageName,
    /// `bundle_id` (iOS).
    BundleId,
    /// `bundle_name` (HarmonyOS).
    BundleName,
}

impl Identifier {
    /// The key of the field.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Identifier::PackageName => "package_name",
            Identifier::BundleId => "bundle_id",
            Identifier::BundleName => "bundle_name",
        }
    }
}

/// The form a platform's identifier must have.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum IdentifierFormat {
    /// An Android package name ([`AndroidPackageName`](crate::app::AndroidPackageName)).
    Android,
    /// An iOS bundle ID ([`BundleId`](crate::app::BundleId)).
    Ios,
    /// A HarmonyOS bundle name ([`HarmonyBundleName`](crate::app::HarmonyBundleName)).
    Harmonyos,
    /// Not checked.
    None,
}

/// A digest named in rule data.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Digest {
    Md5,
    Sha1,
    Sha256,
}

impl From<Digest> for DigestAlgorithm {
    fn from(d: Digest) -> DigestAlgorithm {
        match d {
            Digest::Md5 => DigestAlgorithm::Md5,
            Digest::Sha1 => DigestAlgorithm::Sha1,
            Digest::Sha256 => DigestAlgorithm::Sha256,
        }
    }
}

rule_entry! {
    /// What one platform's entry gives.
    pub(crate) struct PlatformEntry {
        identifier: Identifier,
        format: IdentifierFormat,
        fingerprints: Spanned<Vec<Digest>>,
    }
}

rule_entry! {
    /// The domains an app calls.
    pub(crate) struct DomainsEntry {
        subdomains: bool,
        duplicate: PlainEntry,
    }
}

rule_entry! {
    /// The largest icon.
    pub(crate) struct IconEntry {
        max_bytes: Spanned<u64>,
    }
}

rule_entry! {
    /// A cap on the services of a personal submission with an app, at
    /// some providers.
    pub(crate) struct ServicesEntry {
        limit: Spanned<u32>,
        providers: Vec<String>,
    }
}

/// A platform's rule, compiled.
#[derive(Debug)]
pub(crate) struct PlatformRule {
    pub(crate) identifier: Identifier,
    pub(crate) format: IdentifierFormat,
    /// The fingerprints the platform's form takes, any one of them.
    pub(crate) fingerprints: Vec<DigestAlgorithm>,
    pub(crate) rule: Rule,
}

/// The kinds a provider does not file, compiled.
#[derive(Debug)]
pub(crate) struct KindRefusal {
    /// The provider's id in `rules/hosting.toml`.
    pub(crate) provider: String,
    pub(crate) refused: Vec<AppKind>,
    pub(crate) reason: String,
    pub(crate) rule: Rule,
}

/// The app name rules, compiled.
#[derive(Debug)]
pub(crate) struct AppNameRules {
    pub(crate) min_length: (usize, Rule),
    /// The rule of special characters (the separators are the website
    /// names' `characters`).
    pub(crate) characters: Rule,
    /// The website word lists that apply, by index in the national name
    /// rules' `lists`, each with the rule that applies it to apps.
    pub(crate) website_lists: Vec<(usize, Rule)>,
    pub(crate) duplicate: Rule,
    pub(crate) inconsistent: Rule,
    /// The app names' own lists: generic words, marketing words.
    pub(crate) lists: Vec<WordList>,
}

/// A cap on a personal submission with an app, compiled.
#[derive(Debug)]
pub(crate) struct ServicesCap {
    pub(crate) limit: u32,
    /// Provider ids of `rules/hosting.toml`.
    pub(crate) providers: Vec<String>,
    pub(crate) rule: Rule,
}

/// The rules of `rules/apps.toml`.
#[derive(Debug)]
pub(crate) struct AppRules {
    pub(crate) kinds: Vec<KindRefusal>,
    pub(crate) names: AppNameRules,
    /// Indexed by `PlatformKind as usize`.
    platforms: Vec<PlatformRule>,
    pub(crate) platform_duplicate: Rule,
    pub(crate) signatures: Rule,
    pub(crate) public_key: Rule,
    pub(crate) mini_program_id: Rule,
    pub(crate) content: Rule,
    /// Whether an app's domains may be subdomains, and the rule.
    pub(crate) domains: (bool, Rule),
    pub(crate) domain_duplicate: Rule,
    pub(crate) icon: (u64, Rule),
    pub(crate) manager: Rule,
    pub(crate) service_kind: Rule,
    pub(crate) personal_services: Option<ServicesCap>,
}

impl AppRules {
    /// Loads `apps.toml`; the website name lists it names must exist in
    /// `names`, the providers in `hosting`.
    pub(crate) fn load(
        file: &File<'_>,
        registry: &mut Registry,
        names: &NameRules,
        hosting: &HostingRules,
    ) -> Result<AppRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            kinds: KindsSection,
            names: NamesSection,
            lists: BTreeMap<String, Spanned<ListEntry>>,
            platforms: PlatformsSection,
            signatures: PlainEntry,
            public_key: PlainEntry,
            mini_program_id: PlainEntry,
            content: PlainEntry,
            domains: DomainsEntry,
            icon: IconEntry,
            manager: PlainEntry,
            icp_number: IcpNumberSection,
            #[serde(default)]
            submission: SubmissionSection,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct KindsSection {
            #[serde(default)]
            providers: BTreeMap<String, Spanned<KindEntry>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct NamesSection {
            length: LengthEntry,
            characters: PlainEntry,
            lists: BTreeMap<String, Spanned<PlainEntry>>,
            duplicate: PlainEntry,
            inconsistent: PlainEntry,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct PlatformsSection {
            android: Spanned<PlatformEntry>,
            ios: Spanned<PlatformEntry>,
            harmonyos: Spanned<PlatformEntry>,
            other: Spanned<PlatformEntry>,
            quick_app: Spanned<PlatformEntry>,
            duplicate: PlainEntry,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct IcpNumberSection {
            service_kind: PlainEntry,
        }
        #[derive(Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SubmissionSection {
            personal_services: Option<Spanned<ServicesEntry>>,
        }

        let doc: Doc = file.parse()?;
        let mut load = Load::new(file, registry, "apps".into());

        let mut kinds = Vec::new();
        for (provider, entry) in doc.kinds.providers {
            if hosting.provider(&provider).is_none() {
                let message = format!("`{provider}` is not a provider of hosting.toml");
                return Err(file.error_at(entry.span(), message));
            }
            let entry = entry.into_inner();
            kinds.push(KindRefusal {
                rule: load.register(&format!("kinds.providers.{provider}"), &entry)?,
                provider,
                refused: entry.refused,
                reason: entry.reason,
            });
        }

        let n = &doc.names;
        if *n.length.min.get_ref() == 0 {
            return Err(file.error_at(n.length.min.span(), "the minimum length must be at least 1"));
        }
        let min_length = (*n.length.min.get_ref(), load.register("names.length", &n.length)?);
        let characters = load.register("names.characters", &n.characters)?;
        let mut website_lists = Vec::new();
        for (id, entry) in &n.lists {
            let Some(index) = names.lists.iter().position(|l| l.id == *id) else {
                let message = format!("`{id}` is not a list of names.toml");
                return Err(file.error_at(entry.span(), message));
            };
            website_lists.push((index, load.register(&format!("names.lists.{id}"), entry.get_ref())?));
        }
        let duplicate = load.register("names.duplicate", &n.duplicate)?;
        let inconsistent = load.register("names.inconsistent", &n.inconsistent)?;
        let mut lists = Vec::new();
        for (id, entry) in doc.lists {
            if !matches!(entry.get_ref().kind, ListKind::Generic | ListKind::Marketing) {
                let message = "an app name list is of kind `generic` or `marketing`; the website lists of names.toml are named in [names.lists]";
                return Err(file.error_at(entry.span(), message));
            }
            lists.push(WordList::load(
                &id,
                entry,
                &mut Load::new(file, registry, "apps.lists".into()),
            )?);
        }

        let p = doc.platforms;
        let mut platforms = Vec::new();
        for (kind, entry) in [
            (PlatformKind::Android, p.android),
            (PlatformKind::Ios, p.ios),
            (PlatformKind::Harmonyos, p.harmonyos),
            (PlatformKind::Other, p.other),
            (PlatformKind::QuickApp, p.quick_app),
        ] {
            debug_assert_eq!(kind as usize, platforms.len());
            let span = entry.span();
            let entry = entry.into_inner();
            if entry.fingerprints.get_ref().is_empty() {
                return Err(file.error_at(span, "a platform takes at least one fingerprint"));
            }
            let rule = file.register(registry, format!("apps.platforms.{kind}"), &entry)?;
            platforms.push(PlatformRule {
                identifier: entry.identifier,
                format: entry.format,
                fingerprints: entry.fingerprints.get_ref().iter().map(|d| (*d).into()).collect(),
                rule,
            });
        }
        let mut load = Load::new(file, registry, "apps".into());
        let platform_duplicate = load.register("platforms.duplicate", &p.duplicate)?;

        if *doc.icon.max_bytes.get_ref() == 0 {
            return Err(file.error_at(
                doc.icon.max_bytes.span(),
                "an icon of at most 0 bytes refuses every icon",
            ));
        }
        let personal_services = match doc.submission.personal_services {
            Some(entry) => {
                let span = entry.span();
                let entry = entry.into_inner();
                if *entry.limit.get_ref() == 0 {
                    return Err(file.error_at(entry.limit.span(), "a limit of 0 would refuse every application"));
                }
                if let Some(unknown) = entry.providers.iter().find(|p| hosting.provider(p).is_none()) {
                    return Err(file.error_at(span, format!("`{unknown}` is not a provider of hosting.toml")));
                }
                Some(ServicesCap {
                    limit: *entry.limit.get_ref(),
                    rule: load.register("submission.personal_services", &entry)?,
                    providers: entry.providers,
                })
            }
            None => None,
        };
        Ok(AppRules {
            kinds,
            names: AppNameRules {
                min_length,
                characters,
                website_lists,
                duplicate,
                inconsistent,
                lists,
            },
            platforms,
            platform_duplicate,
            signatures: load.register("signatures", &doc.signatures)?,
            public_key: load.register("public_key", &doc.public_key)?,
            mini_program_id: load.register("mini_program_id", &doc.mini_program_id)?,
            content: load.register("content", &doc.content)?,
            domains: (doc.domains.subdomains, load.register("domains", &doc.domains)?),
            domain_duplicate: load.register("domains.duplicate", &doc.domains.duplicate)?,
            icon: (*doc.icon.max_bytes.get_ref(), load.register("icon", &doc.icon)?),
            manager: load.register("manager", &doc.manager)?,
            service_kind: load.register("icp_number.service_kind", &doc.icp_number.service_kind)?,
            personal_services,
        })
    }

    /// The rule of a platform.
    pub(crate) fn platform(&self, kind: PlatformKind) -> &PlatformRule {
        &self.platforms[kind as usize]
    }
}

#[cfg(test)]
mod tests {
    use crate::ruleset::RuleSet;
    use crate::vocabulary::PlatformKind;

    #[test]
    fn every_platform_has_its_rule() {
        let rules = RuleSet::embedded();
        let apps = &rules.data().apps;
        for kind in PlatformKind::ALL {
            let rule = apps.platform(*kind);
            assert_eq!(rule.rule.id, format!("apps.platforms.{kind}"));
            assert!(!rule.fingerprints.is_empty());
        }
        assert_eq!(apps.names.website_lists.len(), 5);
        assert_eq!(apps.names.lists.len(), 2);
        for rule in rules.rules().filter(|r| r.id().starts_with("apps.")) {
            assert_eq!(rule.file(), "apps.toml", "{}", rule.id());
        }
    }
}
