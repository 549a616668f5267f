//! Rule data: everything a regulator or a province can change, read from the
//! TOML files under `rules/` and compiled once into a [`RuleSet`].
//!
//! The files are embedded in the crate at compile time
//! ([`RuleSet::embedded`]); an operator can load an updated or extended copy
//! of the directory instead ([`RuleSet::from_dir`]). Every rule entry carries
//! its `source` and `source_date`; a rule's id is its place in the data
//! (`provinces.zhejiang.process.authority_review`), and findings name it.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use serde::de::DeserializeOwned;

mod condition;
mod error;
mod messages;
mod source;
mod tiers;

pub(crate) use condition::{Condition, Facts, On, PersonFacts, Scope, TargetCondition};
pub use error::RuleError;
pub(crate) use messages::Messages;
pub(crate) use source::{Meta, Registry, Rule, SourceDate, SourceRef, Sourced, rule_entry};
pub use source::{RuleInfo, Source};
pub(crate) use tiers::Tiers;

use crate::certificate::{CertificateRules, RegionRules};
use crate::domain::{DomainRules, PublicSuffixList};
use crate::hosting::HostingRules;
use crate::identity::{MobilePrefixes, Regions};
use crate::materials::MaterialRules;
use crate::number::NumberRules;
use crate::person::ContactRules;
use crate::person::PeopleRules;
use crate::process::ProcessRules;
use crate::province::{Province, ProvinceRules};
use crate::subject::SubjectRules;
use crate::website::WebsiteRules;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../rules/", $name))),)*]
    };
}

/// Every file of the rule data, relative to the rules directory, with its
/// embedded text.
const FILES: &[(&str, &str)] = embed![
    "ruleset.toml",
    "sources.toml",
    "messages.toml",
    "input.toml",
    "regions.toml",
    "regions.tsv",
    "certificates.toml",
    "subject.toml",
    "people.toml",
    "names.toml",
    "content.toml",
    "contacts.toml",
    "materials.toml",
    "process.toml",
    "numbers.toml",
    "domains.toml",
    "public_suffix_list.dat",
    "hosting.toml",
    "provinces/beijing.toml",
    "provinces/tianjin.toml",
    "provinces/hebei.toml",
    "provinces/shanxi.toml",
    "provinces/neimenggu.toml",
    "provinces/liaoning.toml",
    "provinces/jilin.toml",
    "provinces/heilongjiang.toml",
    "provinces/shanghai.toml",
    "provinces/jiangsu.toml",
    "provinces/zhejiang.toml",
    "provinces/anhui.toml",
    "provinces/fujian.toml",
    "provinces/jiangxi.toml",
    "provinces/shandong.toml",
    "provinces/henan.toml",
    "provinces/hubei.toml",
    "provinces/hunan.toml",
    "provinces/guangdong.toml",
    "provinces/guangxi.toml",
    "provinces/hainan.toml",
    "provinces/chongqing.toml",
    "provinces/sichuan.toml",
    "provinces/guizhou.toml",
    "provinces/yunnan.toml",
    "provinces/xizang.toml",
    "provinces/shaanxi.toml",
    "provinces/gansu.toml",
    "provinces/qinghai.toml",
    "provinces/ningxia.toml",
    "provinces/xinjiang.toml",
];

/// A compiled rule set: the rule data, parsed, checked and compiled once.
///
/// Cheap to clone (it is reference-counted) and `Send + Sync`. Build a
/// [`Validator`](crate::Validator) from it.
///
/// ```
/// let rules = beian::RuleSet::embedded();
/// assert!(!rules.version().is_empty());
/// let rule = rules.rule("provinces.zhejiang.process.authority_review").unwrap();
/// assert_eq!(rule.sources()[0].tag(), "TX-AUDIT");
/// ```
#[derive(Clone)]
pub struct RuleSet {
    data: Arc<RuleData>,
}

/// The compiled contents of a rule set, as the checks read them.
pub(crate) struct RuleData {
    pub(crate) version: String,
    pub(crate) registry: Registry,
    pub(crate) messages: Messages,
    pub(crate) input: crate::input::InputRules,
    pub(crate) regions: RegionRules,
    pub(crate) certificates: CertificateRules,
    pub(crate) subject: SubjectRules,
    pub(crate) people: PeopleRules,
    pub(crate) websites: WebsiteRules,
    pub(crate) contacts: ContactRules,
    pub(crate) materials: MaterialRules,
    pub(crate) process: ProcessRules,
    pub(crate) numbers: NumberRules,
    pub(crate) domains: DomainRules,
    pub(crate) hosting: HostingRules,
    /// Indexed by `Province as usize`.
    pub(crate) provinces: Vec<ProvinceRules>,
}

impl RuleData {
    pub(crate) fn province(&self, province: Province) -> &ProvinceRules {
        &self.provinces[province as usize]
    }
}

static EMBEDDED: LazyLock<RuleSet> = LazyLock::new(|| {
    RuleSet::load(&Origin::Embedded).unwrap_or_else(|e| panic!("the embedded rule data is invalid: {e}"))
});

impl RuleSet {
    /// The rule set embedded in the crate, compiled on first use.
    pub fn embedded() -> RuleSet {
        EMBEDDED.clone()
    }

    /// Loads a rule set from a directory laid out like the crate's `rules/`
    /// (every file of it must be present), e.g. an operator's updated copy.
    ///
    /// # Errors
    ///
    /// A [`RuleError`] naming the file, and the line and column where there
    /// is one, when a file is missing or unreadable, is not valid TOML, has a
    /// key or value the schema does not know, cites an unknown source, or
    /// refers to something that does not exist. A `.toml` file the rule set
    /// does not read is an error too, so that a misnamed file is noticed.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<RuleSet, RuleError> {
        let dir = dir.as_ref();
        check_no_extra_files(dir, dir)?;
        RuleSet::load(&Origin::Dir(dir))
    }

    /// The files of the embedded rule data, each as its path relative to the
    /// rules directory (`provinces/zhejiang.toml`) and its text: write them
    /// out to get a directory to edit and load with [`RuleSet::from_dir`].
    ///
    /// ```
    /// let files: Vec<_> = beian::RuleSet::embedded_files().collect();
    /// assert!(files.iter().any(|(name, _)| *name == "provinces/zhejiang.toml"));
    /// assert_eq!(files.iter().filter(|(name, _)| name.starts_with("provinces/")).count(), 31);
    /// ```
    pub fn embedded_files() -> impl ExactSizeIterator<Item = (&'static str, &'static str)> {
        FILES.iter().copied()
    }

    /// The version of the rule data, e.g. `2026.11.0`; reports carry it.
    pub fn version(&self) -> &str {
        &self.data.version
    }

    /// The rule with this id, as a finding's `rule` names it.
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.data.registry.get(id)
    }

    /// Every rule, ordered by id.
    pub fn rules(&self) -> impl Iterator<Item = &RuleInfo> {
        self.data.registry.iter()
    }

    /// The abbreviations that the province's ICP filing numbers start with,
    /// e.g. `['川', '蜀']` for Sichuan.
    pub fn icp_abbreviations(&self, province: Province) -> &[char] {
        &self.data.province(province).icp_abbreviations
    }

    /// The abbreviations that the province's public-security filing numbers
    /// start with, e.g. `['贵', '黔']` for Guizhou.
    pub fn public_security_abbreviations(&self, province: Province) -> &[char] {
        &self.data.province(province).public_security_abbreviations
    }

    /// The table of administrative division codes (GB/T 2260, past and
    /// present) that ID numbers are checked against (`rules/regions.tsv`).
    pub fn regions(&self) -> &Regions {
        &self.data.regions.table
    }

    /// The mobile prefixes allocated to carriers (`rules/contacts.toml`).
    pub fn mobile_prefixes(&self) -> &MobilePrefixes {
        &self.data.contacts.prefixes
    }

    /// The public suffix list of the rule set (`public_suffix_list.dat`,
    /// ICANN section only), which tells the registrable domain (一级域名)
    /// of a name.
    ///
    /// ```
    /// use beian::domain::DomainName;
    ///
    /// let rules = beian::RuleSet::embedded();
    /// let name = DomainName::parse("bbs.example.com.cn")?;
    /// let registrable = rules.public_suffix_list().registrable_domain(&name);
    /// assert_eq!(registrable.unwrap().as_ascii(), "example.com.cn");
    /// # Ok::<(), beian::domain::DomainNameError>(())
    /// ```
    pub fn public_suffix_list(&self) -> &PublicSuffixList {
        &self.data.domains.public_suffix_list
    }

    pub(crate) fn data(&self) -> &RuleData {
        &self.data
    }

    fn load(origin: &Origin<'_>) -> Result<RuleSet, RuleError> {
        let file = |name| File::read(origin, name);
        let ruleset: RulesetHeader = file("ruleset.toml")?.parse()?;
        let mut registry = Registry::load(&file("sources.toml")?)?;
        let messages = Messages::load(&file("messages.toml")?)?;
        let input = crate::input::InputRules::load(&file("input.toml")?, &mut registry)?;
        let regions = RegionRules::load(&file("regions.toml")?, &file("regions.tsv")?, &mut registry)?;
        let certificates = CertificateRules::load(&file("certificates.toml")?, &mut registry)?;
        let subject = SubjectRules::load(&file("subject.toml")?, &mut registry, &regions.table)?;
        let people = PeopleRules::load(&file("people.toml")?, &mut registry)?;
        let websites = WebsiteRules::load(&file("names.toml")?, &file("content.toml")?, &mut registry)?;
        let contacts = ContactRules::load(&file("contacts.toml")?, &mut registry)?;
        let materials = MaterialRules::load(&file("materials.toml")?, &mut registry)?;
        let process = ProcessRules::load(&file("process.toml")?, &mut registry)?;
        let numbers = NumberRules::load(&file("numbers.toml")?, &mut registry)?;
        let domains = DomainRules::load(&file("domains.toml")?, &file("public_suffix_list.dat")?, &mut registry)?;
        let hosting = HostingRules::load(&file("hosting.toml")?, &mut registry, &process)?;
        let national = crate::province::National {
            process: &process,
            materials: &materials,
            certificates: &certificates,
        };
        let provinces = Province::ALL
            .into_iter()
            .map(|p| {
                let name = format!("provinces/{}.toml", p.slug());
                ProvinceRules::load(p, &File::read(origin, &name)?, &mut registry, &national)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RuleSet {
            data: Arc::new(RuleData {
                version: ruleset.version,
                registry,
                messages,
                input,
                regions,
                certificates,
                subject,
                people,
                websites,
                contacts,
                materials,
                process,
                numbers,
                domains,
                hosting,
                provinces,
            }),
        })
    }
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("version", &self.data.version)
            .field("rules", &self.data.registry.iter().count())
            .finish_non_exhaustive()
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesetHeader {
    version: String,
    #[allow(dead_code)]
    description: String,
}

enum Origin<'a> {
    Embedded,
    Dir(&'a Path),
}

/// One rule file being loaded.
pub(crate) struct File<'a> {
    /// The name relative to the rules directory, e.g. `provinces/zhejiang.toml`.
    pub(crate) name: &'a str,
    /// The name errors show: the path on disk, or `rules/…` when embedded.
    shown: String,
    text: Cow<'static, str>,
}

impl<'a> File<'a> {
    fn read(origin: &Origin<'_>, name: &'a str) -> Result<File<'a>, RuleError> {
        match origin {
            Origin::Embedded => {
                let text = FILES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, text)| *text)
                    .ok_or_else(|| RuleError::new(name, "not an embedded rule file"))?;
                Ok(File {
                    name,
                    shown: format!("rules/{name}"),
                    text: Cow::Borrowed(text),
                })
            }
            Origin::Dir(dir) => {
                let path = dir.join(name);
                let shown = path.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|e| RuleError::io(&shown, e))?;
                Ok(File {
                    name,
                    shown,
                    text: Cow::Owned(text),
                })
            }
        }
    }

    /// The raw text, for files that are not TOML.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Deserialises the file as TOML; errors carry the position.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, RuleError> {
        toml::from_str(&self.text).map_err(|e| match e.span() {
            Some(span) => RuleError::at(&self.shown, &self.text, span, e.message().trim_end()),
            None => RuleError::new(&self.shown, e.message().trim_end()),
        })
    }

    /// An error about the file as a whole.
    pub(crate) fn error(&self, message: impl Into<String>) -> RuleError {
        RuleError::new(&self.shown, message)
    }

    /// An error at a 1-based line of the file.
    pub(crate) fn error_at_line(&self, line: usize, message: impl Into<String>) -> RuleError {
        RuleError::at_line(&self.shown, line, message)
    }

    /// An error at a span of the file (from a `toml::Spanned` value).
    pub(crate) fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> RuleError {
        RuleError::at(&self.shown, &self.text, span, message)
    }

    /// Registers a rule with its id, checking its sources.
    pub(crate) fn register(&self, registry: &mut Registry, id: String, rule: &dyn Sourced) -> Result<Rule, RuleError> {
        registry.register(id, rule, self)
    }
}

/// Fails on a `.toml` file under `dir` that the rule set does not read.
fn check_no_extra_files(root: &Path, dir: &Path) -> Result<(), RuleError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RuleError::io(&dir.display().to_string(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| RuleError::io(&dir.display().to_string(), e))?;
        let path: PathBuf = entry.path();
        if path.is_dir() {
            check_no_extra_files(root, &path)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !FILES.iter().any(|(name, _)| *name == relative) {
                return Err(RuleError::new(
                    &path.display().to_string(),
                    "not a rule file of this rule set (see the rules README for the layout)",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load() {
        let rules = RuleSet::embedded();
        assert!(rules.rules().count() > 10);
        for rule in rules.rules() {
            assert!(!rule.sources().is_empty(), "{}", rule.id());
        }
    }

    #[test]
    fn rule_set_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<RuleSet>();
    }
}
