//! What one submission may contain: the provinces' caps on the websites and
//! domains of one application (`[submission]` of the province files;
//! `submission.too_many_websites`, `submission.too_many_domains`).
//!
//! Nationally there is no cap beyond the input limits. Where a province
//! counts the websites or domains the subject already filed as well, the
//! application cannot show them: its own count is a lower bound, and the
//! rule's note says so.

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

/// Checks the province's caps. A finding points at the first website, or
/// the first domain, over the cap.
pub(crate) fn check(cx: &mut Context<'_>) {
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
