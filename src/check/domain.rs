//! The domain checks of a filing (and the website checks
//! `website.too_many_domains` and `website.homepage_outside_domains`).
//!
//! A website's domains are registrable domains (一级域名), each filed once in
//! the application. An app's are the domains it calls, at any level
//! (`api.example.cn`): the same rules apply to them as far as they concern
//! a domain in use (its suffix, registrar, real name, holder and
//! registration), with the `app.domain_*` twins of the `domain.*` codes, a
//! subdomain is fine, and a domain is a duplicate only within one app
//! (`rules/apps.toml`, `[domains]`).

use std::collections::HashMap;

use serde_json::Value;

use crate::application::{Domain, Subject, Website};
use crate::check::{Context, params};
use crate::code::Code;
use crate::code::Params;
use crate::domain::{DomainName, is_under, last_labels};
use crate::rules::Rule;
use crate::rules::domains::DomainRules;
use crate::vocabulary::{FilingType, Severity};

/// The registrable domains seen so far (ASCII) and where each was first.
type Seen = HashMap<Box<str>, (usize, usize)>;

/// Whose domains: a website's, or an app's (by index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Website(usize),
    App(usize),
}

impl Owner {
    /// The path of a field of the owner's `j`th domain.
    fn path(self, j: usize, field: &str) -> String {
        match self {
            Owner::Website(i) => format!("/websites/{i}/domains/{j}/{field}"),
            Owner::App(i) => format!("/apps/{i}/domains/{j}/{field}"),
        }
    }

    /// The code of a domain finding for this owner: the `domain.*` code for
    /// a website, its `app.domain_*` twin for an app.
    fn code(self, code: Code) -> Code {
        match self {
            Owner::Website(_) => code,
            Owner::App(_) => app_twin(code),
        }
    }
}

/// The `app.domain_*` twin of a `domain.*` code.
fn app_twin(code: Code) -> Code {
    match code {
        Code::DomainInvalid => Code::AppDomainInvalid,
        Code::DomainNotRegistrable => Code::AppDomainNotRegistrable,
        Code::DomainUnknownSuffix => Code::AppDomainUnknownSuffix,
        Code::DomainTldNotApproved => Code::AppDomainTldNotApproved,
        Code::DomainTldRestricted => Code::AppDomainTldRestricted,
        Code::DomainNotRealNameVerified => Code::AppDomainNotRealNameVerified,
        Code::DomainHolderMismatch => Code::AppDomainHolderMismatch,
        Code::DomainRegistrarOverseas => Code::AppDomainRegistrarOverseas,
        Code::DomainExpired => Code::AppDomainExpired,
        Code::DomainExpiringSoon => Code::AppDomainExpiringSoon,
        Code::DomainDuplicate => Code::AppDomainDuplicate,
        other => other,
    }
}

pub(crate) fn check(cx: &mut Context<'_>) {
    let rules = &{ cx.rules }.domains;
    let mut seen = Seen::new();
    for (i, website) in cx.websites() {
        let owner = Owner::Website(i);
        let mut names: Vec<DomainName> = Vec::new();
        for (j, domain) in Context::domains(website) {
            let name = check_name(cx, rules, owner, j, domain);
            let shown = name.as_ref().map_or(domain.name.trim(), |(n, _)| n.as_unicode());
            if let Some((_, Some(registrable))) = &name {
                duplicate(cx, &rules.duplicate, &mut seen, registrable, owner, j, shown);
            }
            registrant(cx, rules, owner, j, domain, shown);
            expiry(cx, rules, owner, j, domain, shown);
            if let Some((n, _)) = name {
                names.push(n);
            }
        }
        too_many_domains(cx, rules, i, website);
        different_names(cx, rules, i, website);
        homepage(cx, rules, i, website, &names);
    }
    let duplicate_rule = &{ cx.rules }.apps.domain_duplicate;
    for (i, app) in cx.apps() {
        let owner = Owner::App(i);
        // Another app or a website may call the same domain; one app lists it once.
        let mut seen = Seen::new();
        for (j, domain) in Context::app_domains(app) {
            let name = check_name(cx, rules, owner, j, domain);
            let shown = name.as_ref().map_or(domain.name.trim(), |(n, _)| n.as_unicode());
            if let Some((n, _)) = &name {
                duplicate(cx, duplicate_rule, &mut seen, n.as_ascii(), owner, j, shown);
            }
            registrant(cx, rules, owner, j, domain, shown);
            expiry(cx, rules, owner, j, domain, shown);
        }
    }
}

/// Parses a domain's name and checks it and its suffix; returns the name
/// and, when it is one, its registrable domain (ASCII).
fn check_name(
    cx: &mut Context<'_>,
    rules: &DomainRules,
    owner: Owner,
    j: usize,
    domain: &Domain,
) -> Option<(DomainName, Option<Box<str>>)> {
    let input = domain.name.trim();
    if input.is_empty() {
        return None; // field.required
    }
    let name = match DomainName::parse(input) {
        Ok(name) => name,
        Err(e) => {
            let params = params! { "domain" => input, "reason" => e.reason() };
            cx.flag(
                owner.code(Code::DomainInvalid),
                owner.path(j, "name"),
                &rules.name,
                params,
            );
            return None;
        }
    };
    let path = || owner.path(j, "name");
    let split = rules.split(&name);
    let labels = name.label_count();
    let suffix_ascii = last_labels(name.as_ascii(), split.suffix_labels).unwrap_or(name.as_ascii());
    let suffix_unicode = last_labels(name.as_unicode(), split.suffix_labels).unwrap_or(name.as_unicode());
    if !split.known {
        let params = params! { "domain" => name.as_unicode(), "suffix" => suffix_unicode };
        cx.flag(
            owner.code(Code::DomainUnknownSuffix),
            path(),
            &rules.public_suffix_list_rule,
            params,
        );
        return Some((name, None));
    }
    if split.suffix_labels >= labels {
        let params = params! {
            "domain" => name.as_unicode(),
            "kind" => "public suffix",
            "what" => "a domain registered under",
            "name" => suffix_unicode,
            "registrable" => Value::Null,
        };
        cx.flag(
            owner.code(Code::DomainNotRegistrable),
            path(),
            &rules.public_suffix_list_rule,
            params,
        );
        return Some((name, None));
    }
    let registrable_ascii = last_labels(name.as_ascii(), split.suffix_labels + 1).unwrap_or(name.as_ascii());
    // An app calls domains at any level (`rules/apps.toml`, `[domains]`).
    let subdomain_allowed = matches!(owner, Owner::App(_)) && cx.rules.apps.domains.0;
    if split.suffix_labels + 1 < labels && !subdomain_allowed {
        let registrable = last_labels(name.as_unicode(), split.suffix_labels + 1).unwrap_or(name.as_unicode());
        let params = params! {
            "domain" => name.as_unicode(),
            "kind" => "subdomain",
            "what" => "the registrable domain",
            "name" => registrable,
            "registrable" => registrable,
        };
        cx.flag(
            owner.code(Code::DomainNotRegistrable),
            path(),
            &rules.public_suffix_list_rule,
            params,
        );
    }
    suffix(
        cx,
        rules,
        owner,
        &name,
        registrable_ascii,
        split.suffix_labels,
        (suffix_ascii, suffix_unicode),
        path,
    );
    let registrable = Box::from(registrable_ascii);
    Some((name, Some(registrable)))
}

/// Whether the suffix of a registrable domain is approved and open to this
/// subject and province.
#[allow(clippy::too_many_arguments)]
fn suffix(
    cx: &mut Context<'_>,
    rules: &DomainRules,
    owner: Owner,
    name: &DomainName,
    registrable: &str,
    suffix_labels: usize,
    (suffix_ascii, suffix_unicode): (&str, &str),
    path: impl Fn() -> String,
) {
    let domain = name.as_unicode();
    match rules.listed_suffix(registrable, suffix_labels) {
        Some((_, entry)) if entry.approved => {}
        Some((k, entry)) => {
            let shown = last_labels(name.as_unicode(), k).unwrap_or(suffix_unicode);
            let params = params! { "domain" => domain, "suffix" => shown };
            cx.flag(owner.code(Code::DomainTldNotApproved), path(), &entry.rule, params);
            if is_error(Code::DomainTldNotApproved, &entry.rule) {
                return;
            }
        }
        None => {
            let params = params! { "domain" => domain, "suffix" => suffix_unicode };
            cx.flag(owner.code(Code::DomainTldNotApproved), path(), &rules.unlisted, params);
            if is_error(Code::DomainTldNotApproved, &rules.unlisted) {
                return;
            }
        }
    }
    // Every restriction that applies; the most severe (the first of equals)
    // is reported.
    let mut restrictions: Vec<(&Rule, &str, Params)> = Vec::new();
    if let Some(kind) = cx.facts.subject_kind {
        for r in &rules.reserved {
            if r.suffixes.covers(suffix_ascii) && !r.subject_kinds.contains(&kind) {
                let extra = params! { "subject_kind" => kind.as_str(), "subject_kinds" => kinds(&r.subject_kinds) };
                restrictions.push((&r.rule, "reserved for other kinds of subject", extra));
            }
        }
        for r in &rules.required {
            if r.subject_kinds.contains(&kind) && !r.suffixes.covers(suffix_ascii) {
                let extra = params! { "subject_kind" => kind.as_str() };
                restrictions.push((&r.rule, "this kind of subject must use another suffix", extra));
            }
        }
    }
    if let Some(province) = cx.province() {
        if let Some(kind) = cx.facts.subject_kind {
            for r in &province.domains.required {
                if r.subject_kinds.contains(&kind) && !r.suffixes.covers(suffix_ascii) {
                    let extra = params! { "subject_kind" => kind.as_str(), "province" => province_slug(cx) };
                    restrictions.push((&r.rule, "this kind of subject must use another suffix", extra));
                }
            }
        }
        for (excluded, when, rule) in &province.domains.excluded {
            if when.holds(&cx.facts) && excluded.covers(suffix_ascii) {
                let extra = params! { "province" => province_slug(cx) };
                restrictions.push((rule, "not accepted by the province for this filing", extra));
            }
        }
        if let Some((allowed, rule)) = &province.domains.allowed
            && !allowed.covers(suffix_ascii)
        {
            let extra = params! { "province" => province_slug(cx) };
            restrictions.push((rule, "not on the province's list of accepted suffixes", extra));
        }
    }
    let severity = |rule: &Rule| rule.severity.unwrap_or(Code::DomainTldRestricted.default_severity());
    let most_severe = restrictions
        .into_iter()
        .reduce(|best, r| if severity(r.0) < severity(best.0) { r } else { best });
    if let Some((rule, reason, extra)) = most_severe {
        let mut params = params! { "domain" => domain, "suffix" => suffix_unicode, "reason" => reason };
        params.extend(extra);
        cx.flag(owner.code(Code::DomainTldRestricted), path(), rule, params);
    }
}

fn province_slug(cx: &Context<'_>) -> &'static str {
    cx.app.province.map_or("", |p| p.slug())
}

fn kinds(kinds: &[crate::vocabulary::SubjectKind]) -> Value {
    Value::Array(kinds.iter().map(|k| Value::from(k.as_str())).collect())
}

/// Whether findings of this code under this rule are errors.
fn is_error(code: Code, rule: &Rule) -> bool {
    rule.severity.unwrap_or(code.default_severity()) == Severity::Error
}

/// The same domain seen before: a website's registrable domain earlier in
/// the application, or a domain earlier in the same app.
fn duplicate(cx: &mut Context<'_>, rule: &Rule, seen: &mut Seen, key: &str, owner: Owner, j: usize, shown: &str) {
    let index = match owner {
        Owner::Website(i) | Owner::App(i) => i,
    };
    match seen.get(key) {
        Some((first, domain)) => {
            let other = match owner {
                Owner::Website(_) => Owner::Website(*first),
                Owner::App(_) => Owner::App(*first),
            }
            .path(*domain, "name");
            let params = params! { "domain" => shown, "other" => other };
            cx.flag(owner.code(Code::DomainDuplicate), owner.path(j, "name"), rule, params);
        }
        None => {
            seen.insert(Box::from(key), (index, j));
        }
    }
}

/// Real-name verification, holder and registrar.
fn registrant(cx: &mut Context<'_>, rules: &DomainRules, owner: Owner, j: usize, domain: &Domain, shown: &str) {
    if domain.real_name_verified == Some(false) {
        let params = params! { "domain" => shown };
        let path = owner.path(j, "real_name_verified");
        cx.flag(
            owner.code(Code::DomainNotRealNameVerified),
            path,
            &rules.real_name,
            params,
        );
    }
    if let Some(subject) = &cx.app.subject {
        holder(cx, rules, owner, j, domain, shown, subject);
    }
    if !domain.registrar_in_mainland {
        let params = params! { "domain" => shown };
        let path = owner.path(j, "registrar_in_mainland");
        cx.flag(
            owner.code(Code::DomainRegistrarOverseas),
            path,
            &rules.registrar,
            params,
        );
    }
}

fn holder(
    cx: &mut Context<'_>,
    rules: &DomainRules,
    owner: Owner,
    j: usize,
    domain: &Domain,
    shown: &str,
    subject: &Subject,
) {
    use crate::text::{folded, folded_eq};
    let blank = |s: &str| folded(s).next().is_none();
    if blank(&domain.holder) || blank(&subject.name) || folded_eq(&domain.holder, &subject.name) {
        return;
    }
    let Some(filing_type) = subject.filing_type() else {
        return;
    };
    let (allowed, rule) = match (filing_type, cx.province().and_then(|p| p.domains.holder.as_ref())) {
        (FilingType::Personal, _) => (false, &rules.holder.1),
        (FilingType::Entity, Some((allowed, rule))) => (*allowed, rule),
        (FilingType::Entity, None) => (rules.holder.0, &rules.holder.1),
    };
    let representative = subject
        .legal_representative
        .as_ref()
        .map(|l| l.name.as_str())
        .filter(|n| !blank(n) && filing_type == FilingType::Entity);
    if allowed && representative.is_some_and(|n| folded_eq(n, &domain.holder)) {
        return;
    }
    let (code, path) = (owner.code(Code::DomainHolderMismatch), owner.path(j, "holder"));
    if cx.accounted(code, &path, rule) {
        return;
    }
    let mut accepted = vec![Value::from(subject.name.trim())];
    if let (true, Some(l)) = (allowed, &subject.legal_representative) {
        accepted.push(Value::from(l.name.trim()));
    }
    let params = params! {
        "domain" => shown,
        "holder" => domain.holder.trim(),
        "expected" => subject.name.trim(),
        "accepted" => accepted,
    };
    cx.flag(code, path, rule, params);
}

/// The registration's end: expired, or too close for the province.
fn expiry(cx: &mut Context<'_>, rules: &DomainRules, owner: Owner, j: usize, domain: &Domain, shown: &str) {
    let Some(expires_on) = domain.expires_on else { return };
    let path = || owner.path(j, "expires_on");
    let days = i64::from((expires_on - cx.as_of).get_days());
    if days < 0 {
        let params = params! { "domain" => shown, "expires_on" => expires_on.to_string() };
        cx.flag(owner.code(Code::DomainExpired), path(), &rules.expired, params);
        return;
    }
    // The province's tiers (else the national minimum): of those broken,
    // the most severe, then the highest.
    let own = cx
        .province()
        .map(|p| p.domains.remaining.as_slice())
        .unwrap_or_default();
    let severity = |rule: &Rule| rule.severity.unwrap_or(Code::DomainExpiringSoon.default_severity());
    let broken = if own.is_empty() {
        Some((rules.remaining.0, &rules.remaining.1)).filter(|(min_days, _)| days < i64::from(*min_days))
    } else {
        own.iter()
            .filter(|(min_days, _)| days < i64::from(*min_days))
            .min_by(|a, b| severity(&a.1).cmp(&severity(&b.1)).then(b.0.cmp(&a.0)))
            .map(|(min_days, rule)| (*min_days, rule))
    };
    if let Some((min_days, rule)) = broken {
        let params = params! {
            "domain" => shown,
            "expires_on" => expires_on.to_string(),
            "days" => days,
            "min_days" => min_days,
        };
        cx.flag(owner.code(Code::DomainExpiringSoon), path(), rule, params);
    }
}

/// More domains than the province (or the national default) allows.
fn too_many_domains(cx: &mut Context<'_>, rules: &DomainRules, i: usize, website: &Website) {
    let count = website.domains.len();
    let own = cx
        .province()
        .map(|p| p.domains.per_website.as_slice())
        .unwrap_or_default();
    // The province's tiers whose condition holds (else the national limit):
    // of those broken, the most severe, then the lowest.
    let applicable = || own.iter().filter(|(_, when, _)| when.holds(&cx.facts));
    let severity = |rule: &Rule| rule.severity.unwrap_or(Code::WebsiteTooManyDomains.default_severity());
    let limits: Vec<(u32, &Rule)> = if applicable().next().is_some() {
        applicable().map(|(limit, _, rule)| (*limit, rule)).collect()
    } else {
        vec![(rules.per_website.0, &rules.per_website.1)]
    };
    let broken = limits
        .into_iter()
        .filter(|(limit, _)| count > *limit as usize)
        .min_by(|a, b| severity(a.1).cmp(&severity(b.1)).then(a.0.cmp(&b.0)));
    // The national limit of a new website's domains applies beside them,
    // reported when no other broken limit is as severe.
    let (new_limit, new_when, new_rule) = &rules.per_new_website;
    let new = Some((*new_limit, new_rule))
        .filter(|(limit, _)| count > *limit as usize && new_when.holds(&cx.facts))
        .filter(|(_, rule)| broken.is_none_or(|(_, other)| severity(rule) < severity(other)));
    let broken = new.or(broken);
    if let Some((limit, rule)) = broken {
        let mut params: Params = params! { "count" => count, "limit" => limit };
        let province = cx.app.province.map_or(Value::Null, |p| Value::from(p.slug()));
        params.insert("province".into(), province);
        cx.flag(
            Code::WebsiteTooManyDomains,
            format!("/websites/{i}/domains"),
            rule,
            params,
        );
    }
}

/// Domains of one website with different names without their public
/// suffix (`aaa.com` and `bbb.com`; `aaa.com` and `aaa.cn` are one name):
/// at the first domain whose name is not the first domain's. Domains that
/// do not parse are left out (they are `domain.invalid`).
fn different_names(cx: &mut Context<'_>, rules: &DomainRules, i: usize, website: &Website) {
    let rule = cx
        .province()
        .and_then(|p| p.domains.different_names.as_ref())
        .unwrap_or(&rules.different_names);
    let mut first: Option<(usize, String, String)> = None;
    for (j, domain) in Context::domains(website) {
        let Ok(name) = DomainName::parse(domain.name.trim()) else {
            continue;
        };
        let split = rules.split(&name);
        let Some(label) = name.labels().rev().nth(split.suffix_labels) else {
            continue; // a public suffix alone
        };
        // Compared in ASCII, shown as written in Unicode.
        let shown = name
            .as_unicode()
            .split('.')
            .rev()
            .nth(split.suffix_labels)
            .unwrap_or(label);
        match &first {
            None => first = Some((j, label.to_owned(), shown.to_owned())),
            Some((k, other, other_shown)) if other != label => {
                let params = params! {
                    "domain" => name.as_unicode(),
                    "name" => shown,
                    "other" => Owner::Website(i).path(*k, "name"),
                    "other_name" => other_shown.as_str(),
                };
                cx.flag(
                    Code::WebsiteDomainsDifferentNames,
                    Owner::Website(i).path(j, "name"),
                    rule,
                    params,
                );
                return;
            }
            Some(_) => {}
        }
    }
}

/// The home page's host must be one of the website's domains or below one.
fn homepage(cx: &mut Context<'_>, rules: &DomainRules, i: usize, website: &Website, names: &[DomainName]) {
    let homepage = website.homepage.trim();
    if homepage.is_empty() || names.is_empty() {
        return;
    }
    let host = host(homepage);
    let under = |ascii: &str| names.iter().any(|n| is_under(ascii, n.as_ascii()));
    // A valid host name of lower-case letters, digits and hyphens, with no
    // `xn--` label, is its own ASCII form: the usual case needs no IDNA.
    let plain = host.len() <= 253
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && !label.starts_with("xn--")
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    let inside = if plain && under(host) {
        true
    } else {
        DomainName::parse(host).is_ok_and(|h| under(h.as_ascii()))
    };
    if !inside {
        let params = params! { "homepage" => homepage, "host" => host };
        cx.flag(
            Code::WebsiteHomepageOutsideDomains,
            format!("/websites/{i}/homepage"),
            &rules.homepage,
            params,
        );
    }
}

/// The host of a URL or of a bare `host[:port][/path]`.
fn host(url: &str) -> &str {
    let mut rest = url;
    if let Some((scheme, after)) = rest.split_once("://")
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        rest = after;
    } else if let Some(after) = rest.strip_prefix("//") {
        rest = after;
    }
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        // An IPv6 literal: not a domain.
        return host_port.find(']').map_or(host_port, |end| &host_port[..=end]);
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host_port,
    }
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn hosts_of_urls_and_bare_hosts() {
        for (url, expected) in [
            ("https://www.example.cn/", "www.example.cn"),
            ("http://www.example.cn:8080/a?b#c", "www.example.cn"),
            ("HTTPS://WWW.Example.CN", "WWW.Example.CN"),
            ("www.example.cn/index.html", "www.example.cn"),
            ("www.example.cn", "www.example.cn"),
            ("//cdn.example.cn/x", "cdn.example.cn"),
            ("https://user:pw@example.cn/", "example.cn"),
            ("https://例子.中国/首页", "例子.中国"),
            ("http://[::1]:80/", "[::1]"),
            ("example.cn:443", "example.cn"),
            ("", ""),
        ] {
            assert_eq!(host(url), expected, "{url}");
        }
    }
}
