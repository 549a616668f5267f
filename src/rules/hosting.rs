//! Hosting rules: the cloud server that hosts the
//! websites (region, billing, purchase, expiry) or the authorization code
//! (备案授权码 / 备案服务号) issued for one (`rules/hosting.toml`).
//!
//! A region is looked up in the region list of the server's provider; when
//! the provider is not given or not known, in every provider's list, and it
//! counts as known when all the lists that have it agree. The server must
//! not expire while the filing is reviewed: the review is the process steps
//! `[review] steps` (the access provider's first review and the authority's
//! review, at the province's limits), converted to calendar days
//! conservatively — every started run of 5 working days counts as a full
//! week of 7 days, and `holiday_days` are added for a public-holiday week
//! (the Spring Festival and National Day holidays close the authorities for
//! up to 8 days).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::rules::process::ProcessRules;
use crate::rules::{File, Load, Registry, Rule, RuleError, rule_entry};

rule_entry! {
    /// A rule without parameters.
    pub(crate) struct PlainEntry {}
}

rule_entry! {
    /// The least server time bought.
    pub(crate) struct PurchaseEntry {
        min_months: u32,
    }
}

rule_entry! {
    /// The review period the server must outlast.
    pub(crate) struct ReviewEntry {
        /// Process steps whose working days make up the review.
        steps: Vec<Spanned<String>>,
        /// Calendar days added for a public-holiday week.
        holiday_days: u32,
    }
}

rule_entry! {
    /// A format of authorization codes.
    pub(crate) struct FormatEntry {
        /// Codes matching this pattern are of this format (absent for the
        /// default format, which applies to every other code).
        #[serde(default)]
        applies_to: Option<Spanned<String>>,
        /// The pattern a code of this format must match.
        pattern: Spanned<String>,
    }
}

rule_entry! {
    /// A cloud provider and its region ids.
    pub(crate) struct ProviderEntry {
        name: String,
        name_zh: String,
        /// Other spellings of the provider id accepted in input.
        #[serde(default)]
        aliases: Vec<String>,
        /// Region ids in mainland China.
        mainland: Vec<String>,
        /// Region ids elsewhere (Hong Kong, Macao, Taiwan, abroad).
        not_mainland: Vec<String>,
    }
}

/// A provider, compiled.
#[derive(Debug)]
pub(crate) struct Provider {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) name_zh: String,
    /// Lower-case region id → whether it is in mainland China.
    pub(crate) regions: HashMap<String, bool>,
    pub(crate) rule: Rule,
}

/// An authorization code format, compiled.
#[derive(Debug)]
pub(crate) struct Format {
    pub(crate) id: String,
    pub(crate) applies_to: Option<Regex>,
    pub(crate) pattern: Regex,
    pub(crate) rule: Rule,
}

/// The rules of `rules/hosting.toml`.
#[derive(Debug)]
pub(crate) struct HostingRules {
    pub(crate) unknown_region: Rule,
    pub(crate) billing: Rule,
    pub(crate) purchase: (u32, Rule),
    pub(crate) expired: Rule,
    pub(crate) review_steps: Vec<String>,
    pub(crate) holiday_days: u32,
    pub(crate) review: Rule,
    pub(crate) issuer: Rule,
    pub(crate) used: Rule,
    pub(crate) single_domain: Rule,
    /// Formats with `applies_to`, in key order, then the default.
    pub(crate) formats: Vec<Format>,
    pub(crate) providers: Vec<Provider>,
    /// Normalised provider id or alias → index in `providers`.
    pub(crate) provider_ids: HashMap<String, usize>,
}

/// A provider id as input may spell it: lower case, without spaces,
/// hyphens and underscores.
/// Borrowed when `s` is already in that form, as ids usually are.
fn normalise_provider(s: &str) -> Cow<'_, str> {
    let kept = |c: &char| !c.is_whitespace() && *c != '-' && *c != '_';
    let lower = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            c.to_lowercase().eq([c])
        }
    };
    if s.chars().all(|c| kept(&c) && lower(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(kept).flat_map(char::to_lowercase).collect())
}

impl HostingRules {
    pub(crate) fn load(
        file: &File<'_>,
        registry: &mut Registry,
        process: &ProcessRules,
    ) -> Result<HostingRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            unknown_region: PlainEntry,
            billing: PlainEntry,
            purchase: PurchaseEntry,
            expired: PlainEntry,
            review: ReviewEntry,
            auth_code: AuthCode,
            providers: BTreeMap<String, Spanned<ProviderEntry>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct AuthCode {
            issuer: PlainEntry,
            used: PlainEntry,
            single_domain: PlainEntry,
            formats: BTreeMap<String, Spanned<FormatEntry>>,
        }
        let doc: Doc = file.parse()?;
        let mut load = Load::new(file, registry, "hosting".into());

        for step in &doc.review.steps {
            if !process.has_step(step.get_ref()) {
                return Err(file.error_at(
                    step.span(),
                    format!("`{}` is not a step of process.toml", step.get_ref()),
                ));
            }
        }
        let regex = |s: &Spanned<String>| {
            Regex::new(s.get_ref()).map_err(|e| file.error_at(s.span(), format!("invalid pattern: {e}")))
        };
        let mut formats = Vec::new();
        let mut default = None;
        for (id, entry) in doc.auth_code.formats {
            let span = entry.span();
            let entry = entry.into_inner();
            let format = Format {
                id: id.clone(),
                applies_to: entry.applies_to.as_ref().map(regex).transpose()?,
                pattern: regex(&entry.pattern)?,
                rule: load.register(&format!("auth_code.formats.{id}"), &entry)?,
            };
            if format.applies_to.is_some() {
                formats.push(format);
            } else if default.replace(format).is_some() {
                return Err(file.error_at(span, "only one format may lack `applies_to` (it is the default)"));
            }
        }
        formats.push(default.ok_or_else(|| file.error("a default format (one without `applies_to`) is required"))?);

        let mut providers = Vec::new();
        let mut provider_ids = HashMap::new();
        for (id, entry) in doc.providers {
            let span = entry.span();
            let entry = entry.into_inner();
            let mut regions = HashMap::new();
            let listed = entry.mainland.iter().map(|r| (r, true));
            for (region, mainland) in listed.chain(entry.not_mainland.iter().map(|r| (r, false))) {
                let key = region.trim().to_ascii_lowercase();
                if key.is_empty() || regions.insert(key, mainland).is_some() {
                    let message = format!("`{id}`: the region `{region}` is empty or listed twice");
                    return Err(file.error_at(span, message));
                }
            }
            for alias in std::iter::once(&id).chain(&entry.aliases) {
                let previous = provider_ids.insert(normalise_provider(alias).into_owned(), providers.len());
                if previous.is_some_and(|p| p != providers.len()) {
                    return Err(file.error_at(span.clone(), format!("the provider id `{alias}` is used twice")));
                }
            }
            providers.push(Provider {
                id: id.clone(),
                name: entry.name.clone(),
                name_zh: entry.name_zh.clone(),
                regions,
                rule: load.register(&format!("providers.{id}"), &entry)?,
            });
        }
        Ok(HostingRules {
            unknown_region: load.register("unknown_region", &doc.unknown_region)?,
            billing: load.register("billing", &doc.billing)?,
            purchase: (doc.purchase.min_months, load.register("purchase", &doc.purchase)?),
            expired: load.register("expired", &doc.expired)?,
            review_steps: doc.review.steps.iter().map(|s| s.get_ref().clone()).collect(),
            holiday_days: doc.review.holiday_days,
            review: load.register("review", &doc.review)?,
            issuer: load.register("auth_code.issuer", &doc.auth_code.issuer)?,
            used: load.register("auth_code.used", &doc.auth_code.used)?,
            single_domain: load.register("auth_code.single_domain", &doc.auth_code.single_domain)?,
            formats,
            providers,
            provider_ids,
        })
    }

    /// The provider with this id or alias, as input may spell it.
    pub(crate) fn provider(&self, provider: &str) -> Option<&Provider> {
        let &i = self.provider_ids.get(&*normalise_provider(provider))?;
        self.providers.get(i)
    }

    /// Whether a region is in mainland China, with the provider whose data
    /// says so; `None` when the region is not known.
    pub(crate) fn locate(&self, provider: &str, region: &str) -> Option<(bool, &Provider)> {
        let region = region.to_ascii_lowercase();
        if let Some(&i) = self.provider_ids.get(&*normalise_provider(provider)) {
            let p = self.providers.get(i)?;
            return p.regions.get(&region).map(|m| (*m, p));
        }
        let mut found = self
            .providers
            .iter()
            .filter_map(|p| p.regions.get(&region).map(|m| (*m, p)));
        let first = found.next()?;
        found.all(|(m, _)| m == first.0).then_some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_ids_are_normalised() {
        assert_eq!(normalise_provider(" Tencent-Cloud "), "tencentcloud");
        assert_eq!(normalise_provider("AWS_China"), "awschina");
        assert_eq!(normalise_provider("腾讯云"), "腾讯云");
        assert!(matches!(normalise_provider("aliyun"), Cow::Borrowed("aliyun")));
        assert_eq!(normalise_provider("ǅ"), "ǆ"); // title case, not upper case
    }
}
