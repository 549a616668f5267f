//! The checks of the filing numbers an application carries: a website's or
//! an app's existing `icp_number` (rules of `rules/numbers.toml` and
//! `rules/apps.toml`, with the `app.*` twins of the codes; the abbreviations
//! each province's numbers use are the `[identity]` of its province file).

use crate::check::app::kind_name;
use crate::check::{Context, params};
use crate::code::Code;
use crate::number::{FilingNumber, NumberError, NumberKind, ServiceKind};
use crate::vocabulary::AppKind;

/// Whose number: a website's, or an app's of a kind (by index).
#[derive(Clone, Copy)]
enum Owner {
    Website(usize),
    App(usize, Option<AppKind>),
}

impl Owner {
    fn path(self) -> String {
        match self {
            Owner::Website(i) => format!("/websites/{i}/icp_number"),
            Owner::App(i, _) => format!("/apps/{i}/icp_number"),
        }
    }

    /// The code of a number finding for this owner: the `website.*` code,
    /// or its `app.*` twin.
    fn code(self, code: Code) -> Code {
        match (self, code) {
            (Owner::Website(_), code) => code,
            (Owner::App(..), Code::WebsiteIcpNumberFormat) => Code::AppIcpNumberFormat,
            (Owner::App(..), Code::WebsiteIcpNumberNotCanonical) => Code::AppIcpNumberNotCanonical,
            (Owner::App(..), Code::WebsiteIcpNumberProvince) => Code::AppIcpNumberProvince,
            (Owner::App(..), Code::WebsiteIcpNumberAbbreviation) => Code::AppIcpNumberAbbreviation,
            (Owner::App(..), Code::WebsiteIcpNumberServiceKind) => Code::AppIcpNumberServiceKind,
            (Owner::App(..), code) => code,
        }
    }
}

/// The service kind an app's number is issued for.
pub(crate) fn service_of(kind: AppKind) -> ServiceKind {
    match kind {
        AppKind::App => ServiceKind::App,
        AppKind::MiniProgram => ServiceKind::MiniProgram,
        AppKind::QuickApp => ServiceKind::QuickApp,
    }
}

/// Checks the `icp_number` of every website and app that has one: it must
/// be an ICP filing or licence number (read leniently; a variant that
/// needed normalising is a warning), of the filing province, with an
/// abbreviation the province's numbers use, and a number of a service
/// (with a site serial) must be of the service's kind: no letter for a
/// website, `A` for an app, `X` for a mini program, `K` for a quick app.
pub(crate) fn check(cx: &mut Context<'_>) {
    for (i, website) in cx.order_websites() {
        one(cx, Owner::Website(i), &website.icp_number);
    }
    for (i, app) in cx.order_apps() {
        one(cx, Owner::App(i, app.kind), &app.icp_number);
    }
}

fn one(cx: &mut Context<'_>, owner: Owner, icp_number: &str) {
    let data = cx.rules;
    let rules = &data.numbers;
    let text = icp_number.trim();
    if text.is_empty() {
        return;
    }
    let path = || owner.path();
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
            cx.flag(owner.code(Code::WebsiteIcpNumberFormat), path(), &rules.format, params);
            return;
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
        cx.flag(
            owner.code(Code::WebsiteIcpNumberNotCanonical),
            path(),
            &rules.canonical,
            params,
        );
    }
    service_kind(cx, owner, text, &number);
    // A cross-regional licence, issued by MIIT, has no province.
    let (Some(number_province), Some(abbreviation)) = (number.province(), number.abbreviation()) else {
        return;
    };
    if let Some(province) = cx.order.province
        && province != number_province
    {
        let params = params! {
            "icp_number" => text,
            "number_province" => number_province.slug(),
            "province" => province.slug(),
        };
        cx.flag(
            owner.code(Code::WebsiteIcpNumberProvince),
            path(),
            &rules.province,
            params,
        );
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
        cx.flag(
            owner.code(Code::WebsiteIcpNumberAbbreviation),
            path(),
            &identity.identity,
            params,
        );
    }
}

/// A service's number of another kind of service: an app's number on a
/// website, a website's (or another kind's) on an app. A subject number
/// (no site serial) is the number of no service and passes.
fn service_kind(cx: &mut Context<'_>, owner: Owner, text: &str, number: &FilingNumber) {
    let data = cx.rules;
    let found = match number {
        FilingNumber::Icp(n) => n.service(),
        FilingNumber::License(n) => n.service(),
        FilingNumber::PublicSecurity(_) => None,
    };
    let Some(found) = found else { return };
    let (expected, rule) = match owner {
        Owner::Website(_) => (ServiceKind::Website, &data.numbers.service_kind),
        Owner::App(_, Some(kind)) => (service_of(kind), &data.apps.service_kind),
        Owner::App(_, None) => return,
    };
    if found == expected {
        return;
    }
    let mut params = params! { "icp_number" => text, "service" => found.as_str() };
    if let Owner::App(_, Some(kind)) = owner {
        params.insert("kind".into(), kind.as_str().into());
        params.insert("kind_name".into(), kind_name(kind).into());
        let suffix = expected.suffix().map(String::from).unwrap_or_default();
        params.insert("suffix".into(), suffix.into());
    }
    cx.flag(
        owner.code(Code::WebsiteIcpNumberServiceKind),
        owner.path(),
        rule,
        params,
    );
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
