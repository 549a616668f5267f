//! What one submission may contain: the provinces' caps on the websites and
//! domains of one application (`[submission]` of the province files;
//! `submission.too_many_websites`, `submission.too_many_domains`), and the
//! cap some providers put on a personal submission with an app
//! (`[submission]` of `rules/apps.toml`; `submission.too_many_apps`).
//!
//! Nationally there is no cap beyond the input limits. Where a province
//! counts the websites or domains the subject already filed as well, the
//! application cannot show them: its own count is a lower bound, and the
//! rule's note says so.

use crate::application::Hosting;
use crate::check::{Context, params};
use crate::code::Code;
use crate::rules::submission::Cap;
use crate::vocabulary::Severity;

/// The cap broken by a count: of the caps whose condition holds and whose
/// limit the count exceeds, the most severe, then the lowest.
fn broken<'a>(cx: &Context<'_>, caps: &'a [Cap], count: usize, code: Code) -> Option<&'a Cap> {
    let severity = |c: &Cap| c.rule.severity.unwrap_or(code.default_severity());
    caps.iter()
        .filter(|c| count > c.limit as usize && c.when.holds(&cx.facts))
        .min_by(|a, b| {
            let (a_severity, b_severity): (Severity, Severity) = (severity(a), severity(b));
            a_severity.cmp(&b_severity).then(a.limit.cmp(&b.limit))
        })
}

/// Checks the province's caps and the providers'. A finding points at the
/// first website, domain or app over the cap.
pub(crate) fn check(cx: &mut Context<'_>) {
    apps(cx);
    let (Some(rules), Some(province)) = (cx.province(), cx.app.province) else {
        return;
    };
    let websites = cx.websites().count();
    if let Some(cap) = broken(
        cx,
        &rules.submission.websites,
        websites,
        Code::SubmissionTooManyWebsites,
    ) {
        let params = params! { "count" => websites, "limit" => cap.limit, "province" => province.slug() };
        let path = format!("/websites/{}", cap.limit);
        cx.flag(Code::SubmissionTooManyWebsites, path, &cap.rule, params);
    }
    let domains: usize = cx.websites().map(|(_, w)| Context::domains(w).count()).sum();
    if let Some(cap) = broken(cx, &rules.submission.domains, domains, Code::SubmissionTooManyDomains) {
        // The first domain over the cap, in document order.
        let mut seen = 0usize;
        let at = cx.websites().find_map(|(i, w)| {
            let n = Context::domains(w).count();
            let j = (cap.limit as usize).checked_sub(seen).filter(|j| *j < n);
            seen += n;
            j.map(|j| (i, j))
        });
        if let Some((i, j)) = at {
            let params = params! { "count" => domains, "limit" => cap.limit, "province" => province.slug() };
            cx.flag(
                Code::SubmissionTooManyDomains,
                format!("/websites/{i}/domains/{j}"),
                &cap.rule,
                params,
            );
        }
    }
}

/// `submission.too_many_apps`: a personal submission with an app at a
/// provider that takes one service per personal order. Websites come
/// first in the order, so the finding points at the first app over the cap.
fn apps(cx: &mut Context<'_>) {
    let data = cx.rules;
    let Some(cap) = &data.apps.personal_services else {
        return;
    };
    let apps = cx.apps().count();
    if apps == 0 || cx.filing_type() != Some(crate::vocabulary::FilingType::Personal) {
        return;
    }
    let Some(Hosting::CloudServer(server)) = &cx.app.hosting else {
        return;
    };
    let Some(provider) = data
        .hosting
        .provider(server.provider.trim())
        .filter(|p| cap.providers.contains(&p.id))
    else {
        return;
    };
    let websites = cx.websites().count();
    let count = websites + apps;
    let limit = cap.limit as usize;
    if count <= limit {
        return;
    }
    let first = limit.saturating_sub(websites);
    let params = params! {
        "count" => count,
        "limit" => cap.limit,
        "provider" => provider.name.as_str(),
        "provider_zh" => provider.name_zh.as_str(),
        "filing_type" => "personal",
    };
    cx.flag(Code::SubmissionTooManyApps, format!("/apps/{first}"), &cap.rule, params);
}
