//! Hosting checks: the cloud server that hosts the
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

use jiff::ToSpan;

use crate::application::{AuthorizationCode, CloudServer, Hosting};
use crate::check::{Context, params};
use crate::code::Code;
use crate::vocabulary::{Billing, IssuerAccount};

pub(crate) fn check(cx: &mut Context<'_>) {
    match &cx.app.hosting {
        Some(Hosting::CloudServer(server)) => cloud_server(cx, server),
        Some(Hosting::AuthorizationCode(code)) => authorization_code(cx, code),
        None => {}
    }
}

fn cloud_server(cx: &mut Context<'_>, server: &CloudServer) {
    let rules = &{ cx.rules }.hosting;
    let region = server.region.trim();
    let provider = server.provider.trim();
    if !region.is_empty() {
        match rules.locate(provider, region) {
            Some((true, _)) => {}
            Some((false, p)) => {
                let params = params! {
                    "region" => region,
                    "provider" => p.id.as_str(),
                    "provider_name" => p.name.as_str(),
                    "provider_name_zh" => p.name_zh.as_str(),
                };
                cx.flag(Code::HostingNotMainland, "/hosting/region", &p.rule, params);
            }
            None => {
                let params = params! { "region" => region, "provider" => provider };
                cx.flag(
                    Code::HostingRegionUnknown,
                    "/hosting/region",
                    &rules.unknown_region,
                    params,
                );
            }
        }
    }
    if server.billing == Some(Billing::Postpaid) {
        cx.flag(Code::HostingPostpaid, "/hosting/billing", &rules.billing, params! {});
    }
    if let Some(months) = server.purchased_months
        && months < rules.purchase.0
    {
        let params = params! { "months" => months, "min_months" => rules.purchase.0 };
        cx.flag(
            Code::HostingPurchaseTooShort,
            "/hosting/purchased_months",
            &rules.purchase.1,
            params,
        );
    }
    let Some(expires_on) = server.expires_on else { return };
    if expires_on < cx.as_of {
        let params = params! { "expires_on" => expires_on.to_string() };
        cx.flag(Code::HostingExpired, "/hosting/expires_on", &rules.expired, params);
        return;
    }
    let working_days: u32 = rules
        .review_steps
        .iter()
        .filter_map(|id| crate::check::process::working_days(cx, id))
        .sum();
    let days = calendar_days(working_days, rules.holiday_days);
    if let Ok(review_ends) = cx.as_of.checked_add(i64::from(days).days())
        && expires_on < review_ends
    {
        let params = params! {
            "expires_on" => expires_on.to_string(),
            "review_ends" => review_ends.to_string(),
            "working_days" => working_days,
        };
        cx.flag(Code::HostingExpiringSoon, "/hosting/expires_on", &rules.review, params);
    }
}

/// Calendar days that certainly hold `working_days`: every started run of
/// 5 working days is a week of 7 days, plus a public-holiday allowance.
fn calendar_days(working_days: u32, holiday_days: u32) -> u32 {
    working_days.div_ceil(5).saturating_mul(7).saturating_add(holiday_days)
}

fn authorization_code(cx: &mut Context<'_>, auth: &AuthorizationCode) {
    let rules = &{ cx.rules }.hosting;
    let code = auth.code.trim();
    if !code.is_empty() {
        let format = rules
            .formats
            .iter()
            .find(|f| f.applies_to.as_ref().is_none_or(|a| a.is_match(code)));
        if let Some(f) = format
            && !f.pattern.is_match(code)
        {
            let params = params! { "code" => code, "format" => f.id.as_str() };
            cx.flag(Code::HostingAuthCodeFormat, "/hosting/code", &f.rule, params);
        }
    }
    if auth.issuer_account == Some(IssuerAccount::Personal) {
        cx.flag(
            Code::HostingAuthCodeIssuerNotEnterprise,
            "/hosting/issuer_account",
            &rules.issuer,
            params! {},
        );
    }
    if auth.used {
        cx.flag(Code::HostingAuthCodeUsed, "/hosting/used", &rules.used, params! {});
    }
    // One website with one domain, or one app.
    let websites = cx.app.websites.len();
    let apps = cx.app.apps.len();
    let domains: usize = cx.app.websites.iter().map(|w| w.domains.len()).sum();
    if websites + apps > 1 || domains > 1 {
        let params = params! { "websites" => websites, "domains" => domains, "apps" => apps };
        cx.flag(
            Code::HostingAuthCodeSingleDomain,
            "/hosting",
            &rules.single_domain,
            params,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_become_whole_weeks_and_a_holiday() {
        assert_eq!(calendar_days(0, 8), 8);
        assert_eq!(calendar_days(1, 8), 15);
        assert_eq!(calendar_days(5, 8), 15);
        assert_eq!(calendar_days(21, 8), 43);
        assert_eq!(calendar_days(31, 8), 57);
        assert_eq!(calendar_days(u32::MAX, u32::MAX), u32::MAX);
    }
}
