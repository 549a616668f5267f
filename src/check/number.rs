//! The checks of the filing numbers an application carries: a website's
//! existing `icp_number` (rules of `rules/numbers.toml`; the abbreviations
//! each province's numbers use are the `[identity]` of its province file).

use crate::check::{Context, params};
use crate::code::Code;
use crate::number::{FilingNumber, NumberError, NumberKind};

/// Checks the `icp_number` of every website that has one: it must be an
/// ICP filing or licence number (read leniently; a variant that needed
/// normalising is a warning), of the filing province, with an abbreviation
/// the province's numbers use.
pub(crate) fn check(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.numbers;
    for (i, website) in cx.order_websites() {
        let text = website.icp_number.trim();
        if text.is_empty() {
            continue;
        }
        let path = || format!("/websites/{i}/icp_number");
        let parsed = FilingNumber::parse_lenient(text).and_then(|n| match n.number.kind() {
            NumberKind::PublicSecurityFiling => Err(NumberError::WrongKind {
                expected: NumberKind::IcpFiling,
                found: NumberKind::PublicSecurityFiling,
            }),
            NumberKind::IcpFiling | NumberKind::IcpLicense => Ok(n),
        });
        let read = match parsed {
            Ok(read) => read,
            Err(e) => {
                let params = params! { "icp_number" => text, "reason" => e.to_string(), "problem" => e.id() };
                cx.flag(Code::WebsiteIcpNumberFormat, path(), &rules.format, params);
                continue;
            }
        };
        let number = read.number;
        if !read.normalizations.is_empty() {
            let normalizations: Vec<&str> = read.normalizations.iter().map(|n| n.as_str()).collect();
            let params = params! {
                "icp_number" => text,
                "canonical" => number.to_string(),
                "normalizations" => normalizations,
            };
            cx.flag(Code::WebsiteIcpNumberNotCanonical, path(), &rules.canonical, params);
        }
        // A cross-regional licence, issued by MIIT, has no province.
        let (Some(number_province), Some(abbreviation)) = (number.province(), number.abbreviation()) else {
            continue;
        };
        if let Some(province) = cx.order.province
            && province != number_province
        {
            let params = params! {
                "icp_number" => text,
                "number_province" => number_province.slug(),
                "province" => province.slug(),
            };
            cx.flag(Code::WebsiteIcpNumberProvince, path(), &rules.province, params);
        }
        let identity = data.province(number_province);
        if !identity.icp_abbreviations.contains(&abbreviation) {
            let usual: Vec<String> = identity.icp_abbreviations.iter().map(char::to_string).collect();
            let params = params! {
                "icp_number" => text,
                "abbreviation" => abbreviation.to_string(),
                "number_province" => number_province.slug(),
                "usual" => usual,
            };
            cx.flag(Code::WebsiteIcpNumberAbbreviation, path(), &identity.identity, params);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::application::Application;

    fn findings(icp_number: &str) -> Vec<(String, String)> {
        let json = include_str!("../../examples/applications/personal.json");
        let mut app = Application::from_json(json).unwrap();
        app.websites[0].icp_number = icp_number.to_owned();
        crate::validator::validate(&app)
            .findings
            .into_iter()
            .map(|f| (f.code.to_string(), f.path))
            .collect()
    }

    #[test]
    fn a_number_over_the_size_limit_is_only_too_large() {
        let path = "/websites/0/icp_number".to_owned();
        assert_eq!(
            findings(&"浙".repeat(1001)),
            [("input.too_large".to_owned(), path.clone())]
        );
        assert_eq!(
            findings(&"浙".repeat(1000)),
            [("website.icp_number_format".to_owned(), path)]
        );
    }

    #[test]
    fn the_rules_have_sources() {
        let rules = crate::ruleset::RuleSet::embedded();
        for id in [
            "numbers.icp_number.format",
            "numbers.icp_number.canonical",
            "numbers.icp_number.province",
        ] {
            let rule = rules.rule(id).unwrap();
            assert_eq!(rule.file(), "numbers.toml");
            assert!(!rule.sources().is_empty());
        }
    }
}
