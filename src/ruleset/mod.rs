//! The rule set: every rule file, compiled once into one [`RuleSet`], and
//! the accessors users read it with.
//!
//! The layer rule: `ruleset/` imports the ground types and `rules/`, and
//! never `report`, `check` or `validator`. [`RuleData`] is the aggregate
//! the checks read: one field per rule file.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::domain::PublicSuffixList;
use crate::identity::{MobilePrefixes, Regions};
use crate::province::Province;
use crate::rules::apps::AppRules;
use crate::rules::certificates::{CertificateRules, RegionRules};
use crate::rules::domains::DomainRules;
use crate::rules::file::{FILES, File, Origin, check_no_extra_files};
use crate::rules::hosting::HostingRules;
use crate::rules::materials::MaterialRules;
use crate::rules::numbers::NumberRules;
use crate::rules::operations::OperationsRules;
use crate::rules::people::{ContactRules, PeopleRules};
use crate::rules::process::ProcessRules;
use crate::rules::provinces::{National, ProvinceRules};
use crate::rules::subject::SubjectRules;
use crate::rules::websites::WebsiteRules;
use crate::rules::{Messages, Registry, RuleError, RuleInfo};

mod catalogue;
#[cfg(test)]
mod matrix;

pub use catalogue::CatalogueEntry;

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
    pub(crate) input: crate::rules::input::InputRules,
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
    pub(crate) operations: OperationsRules,
    pub(crate) apps: AppRules,
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
        let header = file("ruleset.toml")?;
        let ruleset: RulesetHeader = header.parse()?;
        if ruleset.version.get_ref().trim().is_empty() {
            return Err(header.error_at(ruleset.version.span(), "the version is empty"));
        }
        let mut registry = Registry::load(&file("sources.toml")?)?;
        let messages = Messages::load(&file("messages.toml")?)?;
        let input = crate::rules::input::InputRules::load(&file("input.toml")?, &mut registry)?;
        let regions = RegionRules::load(&file("regions.toml")?, &file("regions.tsv")?, &mut registry)?;
        let certificates = CertificateRules::load(&file("certificates.toml")?, &mut registry)?;
        let subject = SubjectRules::load(&file("subject.toml")?, &mut registry, &regions.table)?;
        let people = PeopleRules::load(&file("people.toml")?, &mut registry)?;
        let websites = WebsiteRules::load(
            &file("names.toml")?,
            &file("content.toml")?,
            &mut registry,
            &regions.table,
        )?;
        let contacts = ContactRules::load(&file("contacts.toml")?, &mut registry)?;
        let materials = MaterialRules::load(&file("materials.toml")?, &mut registry)?;
        let process = ProcessRules::load(&file("process.toml")?, &mut registry)?;
        let numbers = NumberRules::load(&file("numbers.toml")?, &mut registry)?;
        let domains = DomainRules::load(&file("domains.toml")?, &file("public_suffix_list.dat")?, &mut registry)?;
        let hosting = HostingRules::load(&file("hosting.toml")?, &mut registry, &process)?;
        let operations = OperationsRules::load(&file("operations.toml")?, &mut registry, &process)?;
        let apps = AppRules::load(&file("apps.toml")?, &mut registry, &websites.names, &hosting)?;
        let national = National {
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
                version: ruleset.version.into_inner(),
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
                operations,
                apps,
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
    version: toml::Spanned<String>,
    #[allow(dead_code)]
    description: String,
}

impl RuleSet {
    /// The length of a website name as the rule `names.length` counts it.
    ///
    /// After folding full-width forms to ASCII, a Han character, a Latin
    /// letter or a digit counts one; the allowed separators (the space, `(`,
    /// `)`, `-` and `·` in the embedded rules) and any other character count
    /// nothing. A name needs at least 3 (`website.name_too_short`).
    ///
    /// ```
    /// let rules = beian::RuleSet::embedded();
    /// assert_eq!(rules.website_name_length("小明的技术笔记"), 7);
    /// assert_eq!(rules.website_name_length("小明的Go笔记"), 7);
    /// assert_eq!(rules.website_name_length("（小明）- 笔记"), 4);
    /// assert_eq!(rules.website_name_length("ＰＨＰ开发"), 5);
    /// ```
    pub fn website_name_length(&self, name: &str) -> usize {
        crate::rules::names::name_length(name)
    }
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
