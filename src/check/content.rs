//! Service content (网站服务内容), pre-approvals (前置审批) and operating
//! services (经营性) (`rules/content.toml`, and the
//! `[websites.content]` section of the province files).
//!
//! Every content id of the application model has an entry: the
//! pre-approval category it needs, if any; whether its pre-approval was
//! abolished (the content is still restricted); and whether personal
//! filings may declare it. Every pre-approval category has an entry: the
//! authority, the document, and the known formats of its numbers, as
//! regular expressions compiled when the rule set loads and checked there
//! against the real numbers the data gives as examples.

use crate::application::PreApproval;
use crate::check::facts::Facts;
use crate::check::{Context, MAX_LIST, params};
use crate::code::Code;
use crate::province::Province;
use crate::rules::content::Restriction;
use crate::vocabulary::{Content, FilingType, PreApprovalCategory};

impl Restriction {
    /// Whether the restriction refuses this content for this application.
    fn refuses(&self, facts: &Facts, content: Content) -> bool {
        let exempt = facts
            .subject_kind
            .is_some_and(|k| self.exempt_subject_kinds.contains(&k))
            || (!self.exempt_subject_kinds.is_empty() && facts.subject_kind.is_none());
        self.when.holds(facts)
            && !exempt
            && (self.refused.contains(&content) || (!self.only.is_empty() && !self.only.contains(&content)))
    }
}

/// Checks the content, pre-approvals and operating status of the websites,
/// and the content and pre-approvals of the apps.
pub(crate) fn check(cx: &mut Context<'_>) {
    let rules = &{ cx.rules }.websites.content;
    let restrictions = cx.province().map(|p| p.websites.content.as_slice()).unwrap_or_default();
    let filing_type = cx.filing_type();
    let province = cx.app.province.map(Province::slug).unwrap_or_default();
    for (i, website) in cx.websites() {
        for (j, &content) in website.content.iter().enumerate().take(MAX_LIST) {
            let entry = rules.content(content);
            let path = || format!("/websites/{i}/content/{j}");
            if filing_type == Some(FilingType::Personal) && !entry.open_to_personal {
                let params = params! { "content" => content.as_str() };
                cx.flag(Code::WebsiteContentNotAllowedForPersonal, path(), &entry.rule, params);
                continue;
            }
            if filing_type != Some(FilingType::Personal)
                && let Some(category) = entry.pre_approval
                && !holds(&website.pre_approvals, category)
            {
                let approval = rules.category(category);
                let params = params! {
                    "content" => content.as_str(),
                    "category" => category.as_str(),
                    "document" => approval.document.as_str(),
                    "authority" => approval.authority.as_str(),
                };
                cx.flag(Code::WebsitePreApprovalMissing, path(), &entry.rule, params);
            }
            if let (Some(restriction), Some(filing_type)) =
                (restrictions.iter().find(|r| r.refuses(&cx.facts, content)), filing_type)
            {
                let params = params! {
                    "province" => province,
                    "content" => content.as_str(),
                    "filing_type" => filing_type.as_str(),
                };
                cx.flag(
                    Code::WebsiteContentNotAllowedInProvince,
                    path(),
                    &restriction.rule,
                    params,
                );
            }
        }
        approval_numbers(
            cx,
            &website.pre_approvals,
            &format!("/websites/{i}"),
            Code::WebsitePreApprovalNumberFormat,
        );
        if website.commercial {
            let path = format!("/websites/{i}/commercial");
            if filing_type == Some(FilingType::Personal) {
                cx.flag(
                    Code::WebsiteCommercialNotAllowedForPersonal,
                    path,
                    &rules.commercial_personal,
                    params! {},
                );
            } else {
                cx.flag(
                    Code::WebsiteCommercialRequiresLicense,
                    path,
                    &rules.commercial_license,
                    params! {},
                );
            }
        }
    }
    apps(cx);
}

/// Whether a website or app holds a pre-approval of this category.
fn holds(pre_approvals: &[PreApproval], category: PreApprovalCategory) -> bool {
    pre_approvals
        .iter()
        .take(MAX_LIST)
        .any(|p| p.category == Some(category))
}

/// The content and pre-approvals of the apps, as for websites
/// (`rules/apps.toml`, `[content]`): content personal filings may not have,
/// content that needs a pre-approval not held, approval numbers not of
/// their document's format. The province restrictions of website content
/// and operating services concern websites only.
fn apps(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.websites.content;
    let app_rule = &data.apps.content;
    let filing_type = cx.filing_type();
    for (i, app) in cx.apps() {
        for (j, &content) in app.content.iter().enumerate().take(MAX_LIST) {
            let entry = rules.content(content);
            let path = || format!("/apps/{i}/content/{j}");
            if filing_type == Some(FilingType::Personal) && !entry.open_to_personal {
                let params = params! { "content" => content.as_str() };
                cx.flag(Code::AppContentNotAllowedForPersonal, path(), app_rule, params);
                continue;
            }
            if filing_type != Some(FilingType::Personal)
                && let Some(category) = entry.pre_approval
                && !holds(&app.pre_approvals, category)
            {
                let approval = rules.category(category);
                let params = params! {
                    "content" => content.as_str(),
                    "category" => category.as_str(),
                    "document" => approval.document.as_str(),
                    "authority" => approval.authority.as_str(),
                };
                cx.flag(Code::AppPreApprovalMissing, path(), app_rule, params);
            }
        }
        approval_numbers(
            cx,
            &app.pre_approvals,
            &format!("/apps/{i}"),
            Code::AppPreApprovalNumberFormat,
        );
    }
}

/// The numbers of a service's pre-approvals against their category's
/// formats (`code`: the website's or the app's twin).
fn approval_numbers(cx: &mut Context<'_>, approvals: &[PreApproval], service: &str, code: Code) {
    let rules = &{ cx.rules }.websites.content;
    for (j, approval) in approvals.iter().enumerate().take(MAX_LIST) {
        let Some(category) = approval.category else { continue };
        let rule = rules.category(category);
        if approval.number.trim().is_empty() || rule.formats.is_empty() || rule.formats.matches(&approval.number) {
            continue;
        }
        let path = format!("{service}/pre_approvals/{j}/number");
        if cx.accounted(code, &path, &rule.rule) {
            continue;
        }
        let params = params! {
            "number" => approval.number.trim(),
            "category" => category.as_str(),
            "example" => rule.example.as_deref().unwrap_or_default(),
        };
        cx.flag(code, path, &rule.rule, params);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;

    #[test]
    fn every_content_that_needs_a_pre_approval_names_its_category() {
        let rules = RuleSet::embedded();
        let content = &rules.data().websites.content;
        for c in PreApprovalCategory::ALL {
            let id: Content = c.as_str().parse().unwrap();
            assert_eq!(content.content(id).pre_approval, Some(*c), "{c}");
            assert!(!content.content(id).open_to_personal, "{c}");
        }
        assert!(content.content(Content::Other).open_to_personal);
        assert!(!content.content(Content::BulletinBoard).open_to_personal);
    }

    #[test]
    fn number_formats_fold_and_ignore_spaces() {
        let rules = RuleSet::embedded();
        let content = &rules.data().websites.content;
        let culture = &content.category(PreApprovalCategory::Culture).formats;
        for good in [
            "京网文〔2023〕4872-140号",
            "京网文（2023）4872-140号",
            "浙网文[2016]0132-032号",
            "川网文 [2011] 0207-6号",
        ] {
            assert!(culture.matches(good), "{good}");
        }
        for bad in ["港网文[2016]0132-032号", "京网文2023-4872-140", "京网文[23]4872-140号"] {
            assert!(!culture.matches(bad), "{bad}");
        }
        assert!(content.category(PreApprovalCategory::Religion).formats.is_empty());
        // A number longer than any format allows is refused before it is
        // folded in full; spaces do not count.
        assert!(culture.longest.is_some());
        assert!(!culture.matches(&format!("京网文〔2023〕4872-140号{}", "0".repeat(10_000))));
        assert!(culture.matches(&format!("京网文〔2023〕 {} 4872-140号", " ".repeat(10_000))));
    }
}
