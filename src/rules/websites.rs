//! Website checks (网站信息): names, service content, pre-approvals
//! (前置审批) and operating services (经营性), from `rules/names.toml`,
//! `rules/content.toml` and the `[websites]` section of the province files.
//!
//! - [`name`]: the length, characters and script of a name, domains and
//!   people's names in it, the word lists (national prefixes, words a filing
//!   type may not use, sensitive words, pre-approval keywords) and names
//!   used twice;
//! - [`content`]: content that needs a pre-approval or is closed to
//!   personal filings or refused by the province, the formats of approval
//!   numbers, and operating services.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::identity::Regions;
use crate::rules::{File, Load, Registry, RuleError};

use crate::rules::content::{ContentRules, Restriction, RestrictionEntry};
use crate::rules::names::{NameRules, NamesSection};

/// The national website rules.
#[derive(Debug)]
pub(crate) struct WebsiteRules {
    pub(crate) names: NameRules,
    pub(crate) content: ContentRules,
}

impl WebsiteRules {
    /// Loads `names.toml` and `content.toml`.
    pub(crate) fn load(
        names: &File<'_>,
        content: &File<'_>,
        registry: &mut Registry,
        regions: &Regions,
    ) -> Result<WebsiteRules, RuleError> {
        Ok(WebsiteRules {
            names: NameRules::load_national(names, registry, regions)?,
            content: ContentRules::load(content, registry)?,
        })
    }
}

/// The `[websites]` section of a province file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WebsitesSection {
    #[serde(default)]
    pub(crate) names: NamesSection,
    #[serde(default)]
    pub(crate) content: BTreeMap<String, Spanned<RestrictionEntry>>,
}

/// A province's website rules: what it adds to or replaces in the national
/// ones.
#[derive(Debug)]
pub(crate) struct ProvinceWebsiteRules {
    pub(crate) names: NameRules,
    pub(crate) content: Vec<Restriction>,
}

impl ProvinceWebsiteRules {
    pub(crate) fn load(section: WebsitesSection, mut load: Load<'_>) -> Result<ProvinceWebsiteRules, RuleError> {
        let names = NameRules::load_province(section.names, load.part("names"))?;
        let mut content_load = load.part("content");
        let content = section
            .content
            .into_iter()
            .map(|(id, entry)| Restriction::load(&id, entry, &mut content_load))
            .collect::<Result<_, _>>()?;
        Ok(ProvinceWebsiteRules { names, content })
    }
}
