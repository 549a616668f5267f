//! Input checks: unknown keys, missing required fields, fields this filing
//! type must not have, and the size limits that keep validation cheap.

use crate::application::Existing;
use crate::application::{App, Certificate, Hosting, Person, Subject, WITHOUT_KIND, Website, known_keys};
use crate::check::{Context, MAX_APPS, MAX_LIST, MAX_WEBSITES, limits, params};
use crate::code::Code;
use crate::rules::Rule;
use crate::rules::operations::{Presence, WebsiteForm};
use crate::text;
use crate::vocabulary::{AppKind, FilingType};

pub(crate) fn check(cx: &mut Context<'_>) {
    invalid(cx);
    limits(cx);
    unknown(cx);
    let data = cx.rules;
    let rules = &data.input;
    let app = cx.order;
    let op = cx.operation_rules;
    let mut required = Required {
        cx,
        rule: &rules.required,
    };
    if app.province.is_none() {
        required.missing("/province");
    }
    if app.invalid_fields.iter().any(|f| f.path == "/operation") {
        // Which sections the order must hold depends on what it does.
        return;
    }
    let mut forbidden: Vec<&str> = Vec::new();
    let mut section = |key: &'static str, presence: Presence, present: bool, required: &mut Required<'_, '_>| {
        match (presence, present) {
            (Presence::Required, false) => required.missing(&format!("/{key}")),
            (Presence::Forbidden, true) => forbidden.push(key),
            _ => {}
        }
        present && presence != Presence::Forbidden
    };
    if section("existing", op.existing, app.existing.is_some(), &mut required)
        && let Some(existing) = &app.existing
    {
        required.existing(existing);
    }
    if section("subject", op.subject, app.subject.is_some(), &mut required)
        && let Some(subject) = &app.subject
    {
        required.subject(subject);
    }
    // The services: websites and apps (an application may have only apps);
    // refused, each section is named.
    let services = !app.websites.is_empty() || !app.apps.is_empty();
    let websites = section("websites", op.websites, services, &mut required);
    let hosting = section("hosting", op.hosting, app.hosting.is_some(), &mut required);
    if hosting && let Some(h) = &app.hosting {
        required.hosting(h);
    }
    if op.websites == Presence::Forbidden {
        forbidden.retain(|k| *k != "websites");
        forbidden.extend(
            [("websites", !app.websites.is_empty()), ("apps", !app.apps.is_empty())]
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(key, _)| key),
        );
    }
    if websites {
        for (i, website) in cx.order_websites() {
            let mut required = Required {
                cx,
                rule: &rules.required,
            };
            match op.website {
                WebsiteForm::Full => required.website(i, website),
                WebsiteForm::Number => required.number_only(i, website, &rules.not_allowed),
            }
        }
        for (i, a) in cx.order_apps() {
            let mut required = Required {
                cx,
                rule: &rules.required,
            };
            match op.website {
                WebsiteForm::Full => required.app(i, a),
                WebsiteForm::Number => required.app_number_only(i, a, &rules.not_allowed),
            }
        }
    }
    let operation = cx.operation.as_str();
    for key in forbidden {
        let params = params! { "field" => key, "operation" => operation };
        cx.flag(Code::FieldNotAllowed, format!("/{key}"), &rules.not_allowed, params);
    }
    if op.subject != Presence::Forbidden {
        not_allowed(cx);
    }
}

/// Reports the values the reader could not take into the model, and stops
/// anything at or under them from being reported.
fn invalid(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.input;
    let invalid = &cx.order.invalid_fields;
    for field in invalid.iter().take(MAX_LIST) {
        // Taking a value out can leave its object unreadable in turn (a
        // hosting without its `kind`): the inner finding says it all.
        let inner = invalid.iter().any(|other| {
            other
                .path
                .strip_prefix(field.path.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        });
        if inner {
            continue;
        }
        if field.expected == WITHOUT_KIND {
            let path = format!("{}/kind", field.path);
            cx.flag_as_written(
                Code::FieldRequired,
                path,
                &rules.required,
                params! { "field" => "kind" },
            );
            continue;
        }
        let key = field.path.rsplit('/').next().unwrap_or_default();
        let mut params = params! { "field" => key, "expected" => field.expected, "found" => field.found };
        if !field.allowed.is_empty() {
            params.insert("allowed".to_owned(), field.allowed.clone().into());
        }
        if let Some(nearest) = &field.nearest {
            params.insert("nearest".to_owned(), nearest.clone().into());
        }
        cx.flag_as_written(Code::FieldInvalid, field.path.clone(), &rules.invalid, params);
    }
    for field in invalid {
        cx.skip_as_written(field.path.clone());
    }
    if invalid.len() > MAX_LIST {
        cx.flag_as_written(
            Code::InputTooLarge,
            String::new(),
            &rules.too_large,
            params! { "what" => "invalid values", "count" => invalid.len(), "limit" => MAX_LIST },
        );
    }
}

fn unknown(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.input;
    for path in cx.order.unknown_fields.iter().take(MAX_LIST) {
        let (parent, key) = path.rsplit_once('/').unwrap_or_default();
        if let Some((what, count, limit)) = limits::string_over(key) {
            // A key over the limit is not repeated: its object is named.
            let params = params! { "what" => what, "count" => count, "limit" => limit };
            cx.flag_as_written(Code::InputTooLarge, parent.to_owned(), &rules.too_large, params);
            continue;
        }
        let mut params = params! { "field" => key };
        if let Some(nearest) = text::nearest(key, known_keys(path)) {
            params.insert("nearest".to_owned(), nearest.into());
        }
        cx.flag_as_written(Code::FieldUnknown, path.clone(), &rules.unknown, params);
    }
    if cx.order.unknown_fields.len() > MAX_LIST {
        let count = cx.order.unknown_fields.len();
        cx.flag_as_written(
            Code::InputTooLarge,
            String::new(),
            &rules.too_large,
            params! { "what" => "unknown keys", "count" => count, "limit" => MAX_LIST },
        );
    }
}

/// Reports what is over the limits (measured before any check ran, see
/// [`limits`](super::limits)); what is not checked further is skipped.
fn limits(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rule = &data.input.too_large;
    for over in std::mem::take(&mut cx.over) {
        let params = params! { "what" => over.what, "count" => over.count, "limit" => over.limit };
        cx.flag(Code::InputTooLarge, over.path.clone(), rule, params);
        if over.unchecked() {
            cx.skip(over.path);
        }
    }
}

/// Reports required fields that are missing or blank. Objects are passed
/// with a function that builds their path, so that a path is only built for
/// a finding.
struct Required<'c, 'a> {
    cx: &'c mut Context<'a>,
    rule: &'c Rule,
}

/// Builds the JSON Pointer of an object.
type PathOf<'p> = &'p dyn Fn() -> String;

impl Required<'_, '_> {
    fn missing(&mut self, path: &str) {
        let field = path.rsplit('/').next().unwrap_or_default();
        self.cx
            .flag(Code::FieldRequired, path, self.rule, params! { "field" => field });
    }

    fn field(&mut self, parent: PathOf<'_>, key: &str) {
        self.missing(&format!("{}/{key}", parent()));
    }

    fn text(&mut self, parent: PathOf<'_>, key: &str, value: &str) {
        if value.trim().is_empty() {
            self.field(parent, key);
        }
    }

    fn subject(&mut self, s: &Subject) {
        let subject: PathOf<'_> = &|| "/subject".into();
        if s.kind.is_none() {
            self.field(subject, "kind");
        }
        self.text(subject, "name", &s.name);
        self.certificate(subject, &s.certificate);
        self.text(subject, "mailing_address", &s.mailing_address);
        let filing_type = s.filing_type();
        if filing_type == Some(FilingType::Personal) {
            self.text(subject, "mobile", &s.mobile);
            self.text(subject, "email", &s.email);
        }
        // Inside a field the filing type must not have, nothing is required.
        if let Some(r) = s
            .residence_permit
            .as_ref()
            .filter(|_| filing_type != Some(FilingType::Entity))
        {
            let permit: PathOf<'_> = &|| "/subject/residence_permit".into();
            if r.province.is_none() {
                self.field(permit, "province");
            }
            self.text(permit, "number", &r.number);
            if r.valid_until.is_none() {
                self.field(permit, "valid_until");
            }
        }
        if let Some(l) = s
            .legal_representative
            .as_ref()
            .filter(|_| filing_type != Some(FilingType::Personal))
        {
            let legal: PathOf<'_> = &|| "/subject/legal_representative".into();
            self.text(legal, "name", &l.name);
            self.certificate(legal, &l.certificate);
        }
        if let Some(p) = &s.principal {
            self.person(&|| "/subject/principal".into(), p);
        }
    }

    /// The `certificate` of the object at `owner`.
    fn certificate(&mut self, owner: PathOf<'_>, c: &Option<Certificate>) {
        let Some(c) = c else {
            return self.field(owner, "certificate");
        };
        let path: PathOf<'_> = &|| format!("{}/certificate", owner());
        let kinds = &{ self.cx.rules }.certificates;
        match c.kind {
            None => self.field(path, "kind"),
            Some(kind) if kinds.expires(kind) && c.valid_until.is_none() => self.field(path, "valid_until"),
            Some(_) => {}
        }
        self.text(path, "number", &c.number);
    }

    fn person(&mut self, path: PathOf<'_>, p: &Person) {
        self.text(path, "name", &p.name);
        self.certificate(path, &p.certificate);
        self.text(path, "mobile", &p.mobile);
        self.text(path, "email", &p.email);
    }

    fn website(&mut self, i: usize, w: &Website) {
        let path: PathOf<'_> = &|| format!("/websites/{i}");
        self.text(path, "name", &w.name);
        if w.domains.is_empty() {
            self.field(path, "domains");
        }
        for (j, d) in Context::domains(w) {
            let domain: PathOf<'_> = &|| format!("/websites/{i}/domains/{j}");
            self.text(domain, "name", &d.name);
            self.text(domain, "holder", &d.holder);
            if d.real_name_verified.is_none() {
                self.field(domain, "real_name_verified");
            }
            if d.expires_on.is_none() {
                self.field(domain, "expires_on");
            }
        }
        if w.content.is_empty() {
            self.field(path, "content");
        }
        for (j, p) in w.pre_approvals.iter().enumerate().take(MAX_LIST) {
            let approval: PathOf<'_> = &|| format!("/websites/{i}/pre_approvals/{j}");
            if p.category.is_none() {
                self.field(approval, "category");
            }
            self.text(approval, "number", &p.number);
        }
        if let Some(m) = &w.manager {
            self.person(&|| format!("/websites/{i}/manager"), m);
        }
    }

    /// The record: its subject number and each website's number identify it.
    fn existing(&mut self, existing: &Existing) {
        self.text(&|| "/existing".into(), "subject_number", &existing.subject_number);
        for (i, w) in existing.websites.iter().enumerate().take(MAX_WEBSITES) {
            self.text(&|| format!("/existing/websites/{i}"), "icp_number", &w.icp_number);
        }
        for (i, a) in existing.apps.iter().enumerate().take(MAX_APPS) {
            self.text(&|| format!("/existing/apps/{i}"), "icp_number", &a.icp_number);
        }
    }

    /// An app's required fields, and the fields its kind must not have: an
    /// app lists its platforms, a quick app its one `quick_app` platform, a
    /// mini program its id and no platform.
    fn app(&mut self, i: usize, a: &App) {
        let path: PathOf<'_> = &|| format!("/apps/{i}");
        if a.kind.is_none() {
            self.field(path, "kind");
        }
        self.text(path, "name", &a.name);
        match a.kind {
            Some(AppKind::App | AppKind::QuickApp) => {
                if a.platforms.is_empty() {
                    self.field(path, "platforms");
                }
                if !a.mini_program_id.trim().is_empty() {
                    self.not_allowed(&format!("/apps/{i}/mini_program_id"), "mini_program_id", a.kind);
                }
            }
            Some(AppKind::MiniProgram) => {
                self.text(path, "mini_program_id", &a.mini_program_id);
                if !a.platforms.is_empty() {
                    self.not_allowed(&format!("/apps/{i}/platforms"), "platforms", a.kind);
                }
            }
            None => {}
        }
        if a.kind != Some(AppKind::MiniProgram) {
            for (j, p) in a.platforms.iter().enumerate().take(MAX_LIST) {
                match p.platform {
                    None => self.field(&|| format!("/apps/{i}/platforms/{j}"), "platform"),
                    Some(k) if !crate::check::app::fits(a.kind, k) => {
                        self.not_allowed(&format!("/apps/{i}/platforms/{j}/platform"), k.as_str(), a.kind);
                    }
                    Some(_) => {}
                }
            }
        }
        for (j, d) in Context::app_domains(a) {
            self.text(&|| format!("/apps/{i}/domains/{j}"), "name", &d.name);
        }
        if a.content.is_empty() {
            self.field(path, "content");
        }
        for (j, p) in a.pre_approvals.iter().enumerate().take(MAX_LIST) {
            let approval: PathOf<'_> = &|| format!("/apps/{i}/pre_approvals/{j}");
            if p.category.is_none() {
                self.field(approval, "category");
            }
            self.text(approval, "number", &p.number);
        }
        if let Some(m) = &a.manager {
            self.person(&|| format!("/apps/{i}/manager"), m);
        }
    }

    /// A field (or platform) that an app of this kind must not have.
    fn not_allowed(&mut self, path: &str, field: &str, kind: Option<AppKind>) {
        let data = self.cx.rules;
        let kind = kind.map(AppKind::as_str).unwrap_or_default();
        let params = params! { "field" => field, "filing_type" => kind };
        self.cx
            .flag(Code::FieldNotAllowed, path, &data.input.not_allowed, params);
    }

    /// A website given by its number alone (a cancellation): the number is
    /// required, and anything else is not allowed.
    fn number_only(&mut self, i: usize, w: &Website, not_allowed: &Rule) {
        let path: PathOf<'_> = &|| format!("/websites/{i}");
        self.text(path, "icp_number", &w.icp_number);
        let present = [
            ("name", !w.name.trim().is_empty()),
            ("domains", !w.domains.is_empty()),
            ("homepage", !w.homepage.trim().is_empty()),
            ("content", !w.content.is_empty()),
            ("pre_approvals", !w.pre_approvals.is_empty()),
            ("commercial", w.commercial),
            ("languages", !w.languages.is_empty()),
            ("manager", w.manager.is_some()),
            ("remarks", !w.remarks.trim().is_empty()),
        ];
        let operation = self.cx.operation.as_str();
        for (key, _) in present.iter().filter(|(_, p)| *p) {
            let params = params! { "field" => *key, "operation" => operation };
            self.cx.flag(
                Code::FieldNotAllowed,
                format!("/websites/{i}/{key}"),
                not_allowed,
                params,
            );
        }
    }

    /// An app given by its number alone (a cancellation): the number is
    /// required, its `kind` may say what it is, and anything else is not
    /// allowed.
    fn app_number_only(&mut self, i: usize, a: &App, not_allowed: &Rule) {
        self.text(&|| format!("/apps/{i}"), "icp_number", &a.icp_number);
        let present = [
            ("name", !a.name.trim().is_empty()),
            ("platforms", !a.platforms.is_empty()),
            ("mini_program_id", !a.mini_program_id.trim().is_empty()),
            ("domains", !a.domains.is_empty()),
            ("content", !a.content.is_empty()),
            ("pre_approvals", !a.pre_approvals.is_empty()),
            ("manager", a.manager.is_some()),
            ("remarks", !a.remarks.trim().is_empty()),
            ("icon_bytes", a.icon_bytes.is_some()),
            ("third_party_sdks", !a.third_party_sdks.is_empty()),
        ];
        let operation = self.cx.operation.as_str();
        for (key, _) in present.iter().filter(|(_, p)| *p) {
            let params = params! { "field" => *key, "operation" => operation };
            self.cx
                .flag(Code::FieldNotAllowed, format!("/apps/{i}/{key}"), not_allowed, params);
        }
    }

    fn hosting(&mut self, hosting: &Hosting) {
        let hosting_path: PathOf<'_> = &|| "/hosting".into();
        match hosting {
            Hosting::CloudServer(c) => {
                self.text(hosting_path, "region", &c.region);
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
            Hosting::AuthorizationCode(a) => self.text(hosting_path, "code", &a.code),
        }
    }
}

/// Fields the filing type must not have: a legal representative on a
/// personal filing; a residence permit or the person's own contact fields on
/// an entity (whose contacts are its principal and managers).
fn not_allowed(cx: &mut Context<'_>) {
    let Some(subject) = &cx.order.subject else { return };
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
