//! Input checks: unknown keys, missing required fields, fields this filing
//! type must not have, and the size limits that keep validation cheap.

use crate::application::{Certificate, Hosting, Person, Subject, Website};
use crate::certificate::CertificateRules;
use crate::code::Code;
use crate::rules::{File, Registry, Rule, RuleError, rule_entry};
use crate::validator::{Context, MAX_CHARS, MAX_DOMAINS, MAX_LIST, MAX_WEBSITES, params};
use crate::vocabulary::FilingType;

rule_entry! {
    /// A rule of `rules/input.toml` (the input checks have no parameters).
    pub(crate) struct Entry {}
}

/// The rules of `rules/input.toml`.
pub(crate) struct InputRules {
    required: Rule,
    unknown: Rule,
    not_allowed: Rule,
    too_large: Rule,
}

impl InputRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<InputRules, RuleError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            required: Entry,
            unknown: Entry,
            not_allowed: Entry,
            too_large: Entry,
        }
        let doc: Doc = file.parse()?;
        let mut register = |name: &str, entry: &Entry| file.register(registry, format!("input.{name}"), entry);
        Ok(InputRules {
            required: register("required", &doc.required)?,
            unknown: register("unknown", &doc.unknown)?,
            not_allowed: register("not_allowed", &doc.not_allowed)?,
            too_large: register("too_large", &doc.too_large)?,
        })
    }
}

pub(crate) fn check(cx: &mut Context<'_>) {
    limits(cx);
    unknown(cx);
    let data = cx.rules;
    let rules = &data.input;
    let app = cx.app;
    let mut required = Required {
        cx,
        rule: &rules.required,
    };
    if app.province.is_none() {
        required.missing("/province");
    }
    match &app.subject {
        None => required.missing("/subject"),
        Some(subject) => required.subject(subject),
    }
    if app.websites.is_empty() {
        required.missing("/websites");
    }
    for (i, website) in cx.websites() {
        Required {
            cx,
            rule: &rules.required,
        }
        .website(&format!("/websites/{i}"), website);
    }
    let mut required = Required {
        cx,
        rule: &rules.required,
    };
    match &app.hosting {
        None => required.missing("/hosting"),
        Some(hosting) => required.hosting(hosting),
    }
    not_allowed(cx);
}

fn unknown(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.input;
    for path in cx.app.unknown_fields.iter().take(MAX_LIST) {
        let key = path.rsplit('/').next().unwrap_or_default();
        cx.flag(
            Code::FieldUnknown,
            path.clone(),
            &rules.unknown,
            params! { "field" => key },
        );
    }
    if cx.app.unknown_fields.len() > MAX_LIST {
        let count = cx.app.unknown_fields.len();
        cx.flag(
            Code::InputTooLarge,
            "",
            &rules.too_large,
            params! { "what" => "unknown keys", "count" => count, "limit" => MAX_LIST },
        );
    }
}

/// Reports what is over the limits and stops it from being checked further.
fn limits(cx: &mut Context<'_>) {
    let app = cx.app;
    let mut over: Vec<(String, &'static str, usize, usize)> = Vec::new();
    let mut list = |path: &dyn Fn() -> String, what: &'static str, len: usize, limit: usize| {
        if len > limit {
            over.push((path(), what, len, limit));
        }
    };
    list(&|| "/websites".into(), "websites", app.websites.len(), MAX_WEBSITES);
    for (i, w) in app.websites.iter().enumerate().take(MAX_WEBSITES) {
        list(
            &|| format!("/websites/{i}/domains"),
            "domains",
            w.domains.len(),
            MAX_DOMAINS,
        );
        list(&|| format!("/websites/{i}/content"), "items", w.content.len(), MAX_LIST);
        list(
            &|| format!("/websites/{i}/pre_approvals"),
            "items",
            w.pre_approvals.len(),
            MAX_LIST,
        );
        list(
            &|| format!("/websites/{i}/languages"),
            "items",
            w.languages.len(),
            MAX_LIST,
        );
    }
    each_string(app, &mut |path, s| {
        let chars = s.chars().count();
        if chars > MAX_CHARS {
            over.push((path(), "characters", chars, MAX_CHARS));
        }
    });
    let data = cx.rules;
    let rule = &data.input.too_large;
    for (path, what, count, limit) in over {
        let params = params! { "what" => what, "count" => count, "limit" => limit };
        cx.flag(Code::InputTooLarge, path.clone(), rule, params);
        if what != "websites" && what != "domains" {
            // Lists of websites and domains are checked up to the limit.
            cx.skip(path);
        }
    }
}

/// Calls `f` with every string of the application that a check reads (and
/// a way to build its path), within the list limits. Strings longer than
/// `MAX_CHARS` bytes are the only candidates, so paths are built rarely.
fn each_string(app: &crate::Application, f: &mut dyn FnMut(&dyn Fn() -> String, &str)) {
    let mut visit = |path: &dyn Fn() -> String, s: &str| {
        if s.len() > MAX_CHARS {
            f(path, s);
        }
    };
    fn certificate(prefix: &str, c: &Option<Certificate>, visit: &mut dyn FnMut(&dyn Fn() -> String, &str)) {
        if let Some(c) = c {
            visit(&|| format!("{prefix}/certificate/number"), &c.number);
        }
    }
    fn person(prefix: &str, p: &Person, visit: &mut dyn FnMut(&dyn Fn() -> String, &str)) {
        visit(&|| format!("{prefix}/name"), &p.name);
        certificate(prefix, &p.certificate, visit);
        visit(&|| format!("{prefix}/mobile"), &p.mobile);
        visit(&|| format!("{prefix}/emergency_phone"), &p.emergency_phone);
        visit(&|| format!("{prefix}/email"), &p.email);
    }
    if let Some(s) = &app.subject {
        visit(&|| "/subject/name".into(), &s.name);
        certificate("/subject", &s.certificate, &mut visit);
        visit(&|| "/subject/certificate_address".into(), &s.certificate_address);
        visit(&|| "/subject/mailing_address".into(), &s.mailing_address);
        visit(&|| "/subject/mobile".into(), &s.mobile);
        visit(&|| "/subject/emergency_phone".into(), &s.emergency_phone);
        visit(&|| "/subject/email".into(), &s.email);
        if let Some(r) = &s.residence_permit {
            visit(&|| "/subject/residence_permit/number".into(), &r.number);
        }
        if let Some(l) = &s.legal_representative {
            visit(&|| "/subject/legal_representative/name".into(), &l.name);
            certificate("/subject/legal_representative", &l.certificate, &mut visit);
        }
        if let Some(p) = &s.principal {
            person("/subject/principal", p, &mut visit);
        }
    }
    for (i, w) in app.websites.iter().enumerate().take(MAX_WEBSITES) {
        visit(&|| format!("/websites/{i}/name"), &w.name);
        for (j, d) in w.domains.iter().enumerate().take(MAX_DOMAINS) {
            visit(&|| format!("/websites/{i}/domains/{j}/name"), &d.name);
            visit(&|| format!("/websites/{i}/domains/{j}/holder"), &d.holder);
        }
        visit(&|| format!("/websites/{i}/homepage"), &w.homepage);
        for (j, p) in w.pre_approvals.iter().enumerate().take(MAX_LIST) {
            visit(&|| format!("/websites/{i}/pre_approvals/{j}/number"), &p.number);
            visit(&|| format!("/websites/{i}/pre_approvals/{j}/authority"), &p.authority);
        }
        for (j, l) in w.languages.iter().enumerate().take(MAX_LIST) {
            visit(&|| format!("/websites/{i}/languages/{j}"), l);
        }
        if let Some(m) = &w.manager {
            person(&format!("/websites/{i}/manager"), m, &mut visit);
        }
        visit(&|| format!("/websites/{i}/remarks"), &w.remarks);
        visit(&|| format!("/websites/{i}/icp_number"), &w.icp_number);
    }
    match &app.hosting {
        Some(Hosting::CloudServer(c)) => {
            visit(&|| "/hosting/provider".into(), &c.provider);
            visit(&|| "/hosting/region".into(), &c.region);
        }
        Some(Hosting::AuthorizationCode(a)) => visit(&|| "/hosting/code".into(), &a.code),
        None => {}
    }
}

/// Reports required fields that are missing or blank.
struct Required<'c, 'a> {
    cx: &'c mut Context<'a>,
    rule: &'c Rule,
}

impl Required<'_, '_> {
    fn missing(&mut self, path: &str) {
        let field = path.rsplit('/').next().unwrap_or_default();
        self.cx
            .flag(Code::FieldRequired, path, self.rule, params! { "field" => field });
    }

    fn text(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.missing(path);
        }
    }

    fn subject(&mut self, s: &Subject) {
        if s.kind.is_none() {
            self.missing("/subject/kind");
        }
        self.text("/subject/name", &s.name);
        let certificates = &{ self.cx.rules }.certificates;
        self.certificate("/subject/certificate", &s.certificate, certificates);
        self.text("/subject/mailing_address", &s.mailing_address);
        let filing_type = s.filing_type();
        if filing_type == Some(FilingType::Personal) {
            self.text("/subject/mobile", &s.mobile);
            self.text("/subject/email", &s.email);
        }
        // Inside a field the filing type must not have, nothing is required.
        if let Some(r) = s
            .residence_permit
            .as_ref()
            .filter(|_| filing_type != Some(FilingType::Entity))
        {
            if r.province.is_none() {
                self.missing("/subject/residence_permit/province");
            }
            self.text("/subject/residence_permit/number", &r.number);
            if r.valid_until.is_none() {
                self.missing("/subject/residence_permit/valid_until");
            }
        }
        if let Some(l) = s
            .legal_representative
            .as_ref()
            .filter(|_| filing_type != Some(FilingType::Personal))
        {
            self.text("/subject/legal_representative/name", &l.name);
            self.certificate(
                "/subject/legal_representative/certificate",
                &l.certificate,
                certificates,
            );
        }
        if let Some(p) = &s.principal {
            self.person("/subject/principal", p);
        }
    }

    fn certificate(&mut self, path: &str, c: &Option<Certificate>, kinds: &CertificateRules) {
        let Some(c) = c else {
            return self.missing(path);
        };
        match c.kind {
            None => self.missing(&format!("{path}/kind")),
            Some(kind) if kinds.expires(kind) && c.valid_until.is_none() => {
                self.missing(&format!("{path}/valid_until"));
            }
            Some(_) => {}
        }
        self.text(&format!("{path}/number"), &c.number);
    }

    fn person(&mut self, path: &str, p: &Person) {
        self.text(&format!("{path}/name"), &p.name);
        let certificates = &{ self.cx.rules }.certificates;
        self.certificate(&format!("{path}/certificate"), &p.certificate, certificates);
        self.text(&format!("{path}/mobile"), &p.mobile);
        self.text(&format!("{path}/email"), &p.email);
    }

    fn website(&mut self, path: &str, w: &Website) {
        self.text(&format!("{path}/name"), &w.name);
        if w.domains.is_empty() {
            self.missing(&format!("{path}/domains"));
        }
        for (j, d) in Context::domains(w) {
            let path = format!("{path}/domains/{j}");
            self.text(&format!("{path}/name"), &d.name);
            self.text(&format!("{path}/holder"), &d.holder);
            if d.real_name_verified.is_none() {
                self.missing(&format!("{path}/real_name_verified"));
            }
            if d.expires_on.is_none() {
                self.missing(&format!("{path}/expires_on"));
            }
        }
        if w.content.is_empty() {
            self.missing(&format!("{path}/content"));
        }
        for (j, p) in w.pre_approvals.iter().enumerate().take(MAX_LIST) {
            if p.category.is_none() {
                self.missing(&format!("{path}/pre_approvals/{j}/category"));
            }
            self.text(&format!("{path}/pre_approvals/{j}/number"), &p.number);
        }
        if let Some(m) = &w.manager {
            self.person(&format!("{path}/manager"), m);
        }
    }

    fn hosting(&mut self, hosting: &Hosting) {
        match hosting {
            Hosting::CloudServer(c) => {
                self.text("/hosting/region", &c.region);
                if c.billing.is_none() {
                    self.missing("/hosting/billing");
                }
                if c.purchased_months.is_none() {
                    self.missing("/hosting/purchased_months");
                }
                if c.expires_on.is_none() {
                    self.missing("/hosting/expires_on");
                }
            }
            Hosting::AuthorizationCode(a) => self.text("/hosting/code", &a.code),
        }
    }
}

/// Fields the filing type must not have: a legal representative on a
/// personal filing; a residence permit or the person's own contact fields on
/// an entity (whose contacts are its principal and managers).
fn not_allowed(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let data = cx.rules;
    let rule = &data.input.not_allowed;
    let mut present: Vec<&str> = Vec::new();
    match subject.filing_type() {
        Some(FilingType::Personal) if subject.legal_representative.is_some() => {
            present.push("legal_representative");
        }
        Some(FilingType::Entity) => {
            let fields = [
                ("mobile", !subject.mobile.trim().is_empty()),
                ("emergency_phone", !subject.emergency_phone.trim().is_empty()),
                ("email", !subject.email.trim().is_empty()),
                ("mobile_province", subject.mobile_province.is_some()),
                ("residence_permit", subject.residence_permit.is_some()),
            ];
            present.extend(fields.iter().filter(|(_, p)| *p).map(|(k, _)| *k));
        }
        Some(FilingType::Personal) | None => {}
    }
    let filing_type = subject.filing_type().map(FilingType::as_str).unwrap_or_default();
    for field in present {
        let params = params! { "field" => field, "filing_type" => filing_type };
        cx.flag(Code::FieldNotAllowed, format!("/subject/{field}"), rule, params);
    }
}
