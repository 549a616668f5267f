//! The checks of an operation (备案类型) against the filing on record
//! (`rules/operations.toml`, and the `[operations]` of the province files):
//! the record must not contradict itself; every number must be one of the
//! record's; what an add or access order gives must equal the record; what
//! never changes does not; the province decides who may become whom; and
//! what a cancellation leaves behind.
//!
//! The rules of a first filing check only an order's new data: [`view`] is
//! the part of the order they see.

use std::borrow::Cow;

use crate::application::{
    App, Application, Certificate, Domain, Existing, Hosting, Person, Platform, RecordedApp, RecordedWebsite, Subject,
    Website,
};
use crate::check::app::identifier;
use crate::check::number::service_of;
use crate::check::person::same_person;
use crate::check::{Context, MAX_APPS, MAX_DOMAINS, MAX_LIST, MAX_WEBSITES, params};
use crate::code::Code;
use crate::domain::DomainName;
use crate::number::{IcpNumber, ServiceKind};
use crate::privacy::{mask_certificate, mask_phone};
use crate::province::Province;
use crate::report::{Material, Step};
use crate::rules::Rule;
use crate::rules::operations::{
    Checked, EmptySubject, EntityChange, EntityToPersonal, MaterialsOf, OldCertificate, OperationRules, Part,
    PersonalChange, Presence, Recipient, WebsiteForm, WholeChange,
};
use crate::text::{certificate_number, folded_eq};
use crate::vocabulary::{AppKind, FilingType, Operation};

/// The part of an order that the rules of a first filing check: its new
/// data. A section the operation does not check is left out (a
/// cancellation's websites and apps, a change's hosting); an order that
/// checks the services but not the subject (`change_website`) gets the
/// recorded subject, so that the website and app rules know whose services
/// they are, and nothing about that subject is reported (see [`check`]).
/// For a first filing, an add and an access order, the view is the order
/// itself.
pub(crate) fn view<'a>(order: &'a Application, rules: &OperationRules) -> Cow<'a, Application> {
    let subject = rules.checks(Checked::Subject);
    let websites = rules.checks(Checked::Websites);
    let hosting = rules.checks(Checked::Hosting);
    let keeps = |present: bool, checked: bool| checked || !present;
    if keeps(order.subject.is_some(), subject)
        && keeps(!order.websites.is_empty() || !order.apps.is_empty(), websites)
        && keeps(order.hosting.is_some(), hosting)
        && (subject || !websites)
    {
        return Cow::Borrowed(order);
    }
    let recorded = || order.existing.as_ref().and_then(|e| e.subject.clone());
    Cow::Owned(Application {
        province: order.province,
        as_of: order.as_of,
        operation: order.operation,
        subject: match (subject, websites) {
            (true, _) => order.subject.clone(),
            (false, true) => recorded(),
            (false, false) => None,
        },
        existing: None,
        websites: if websites { order.websites.clone() } else { Vec::new() },
        apps: if websites { order.apps.clone() } else { Vec::new() },
        hosting: if hosting { order.hosting.clone() } else { None },
        unknown_fields: Vec::new(),
        invalid_fields: order.invalid_fields.clone(),
    })
}

/// Whether the view's subject is the record's, whose findings are not the
/// order's to report.
pub(crate) fn subject_is_recorded(rules: &OperationRules) -> bool {
    !rules.checks(Checked::Subject) && rules.checks(Checked::Websites)
}

/// A filing number read for comparison: the province, subject serial and
/// site serial (the abbreviation aside: `川` and `蜀` are one province).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    province: Province,
    serial: u64,
    serial_len: usize,
    site: Option<u16>,
    service: Option<ServiceKind>,
}

impl Key {
    fn read(text: &str) -> Option<Key> {
        let text = text.trim();
        let n = match IcpNumber::parse(text) {
            Ok(n) => n,
            Err(_) => IcpNumber::parse_lenient(text).ok()?.number,
        };
        Some(Key {
            province: n.province(),
            serial: n.subject_serial().parse().ok()?,
            serial_len: n.subject_serial().len(),
            site: n.site_serial(),
            service: n.service(),
        })
    }

    fn subject(self) -> Key {
        Key {
            site: None,
            service: None,
            ..self
        }
    }
}

/// The record, read once: its subject number and its services' numbers.
struct Record<'a> {
    existing: &'a Existing,
    subject: Option<Key>,
    /// Each recorded website with its number, when the number reads and
    /// does not contradict the rest of the record.
    websites: Vec<(Key, usize, &'a RecordedWebsite)>,
    /// Each recorded app so.
    apps: Vec<(Key, usize, &'a RecordedApp)>,
}

/// Whether two numbers name the same service: the same subject, serial and kind.
fn same_service(a: Key, b: Key) -> bool {
    a.site == b.site && a.service == b.service && a.subject() == b.subject()
}

impl<'a> Record<'a> {
    fn find(&self, key: Key) -> Option<(usize, &'a RecordedWebsite)> {
        self.websites
            .iter()
            .find(|(k, _, _)| same_service(*k, key))
            .map(|(_, i, w)| (*i, *w))
    }

    fn find_app(&self, key: Key) -> Option<(usize, &'a RecordedApp)> {
        self.apps
            .iter()
            .find(|(k, _, _)| same_service(*k, key))
            .map(|(_, i, a)| (*i, *a))
    }

    /// Whether every recorded service's number was read: only then does
    /// the record tell what an order leaves behind.
    fn complete(&self) -> bool {
        self.websites.len() == self.existing.websites.len().min(MAX_WEBSITES)
            && self.apps.len() == self.existing.apps.len().min(MAX_APPS)
    }
}

/// What a kind of service is called in a finding's `problem`.
fn service_name(service: ServiceKind) -> &'static str {
    match service {
        ServiceKind::Website => "a website",
        ServiceKind::App => "an app",
        ServiceKind::MiniProgram => "a mini program",
        ServiceKind::QuickApp => "a quick app",
    }
}

/// The kind of service a number of a website or of an app (of a kind, when
/// known) must name; `None` for an app of no known kind, which any app
/// number fits.
fn expected_service(app: Option<Option<AppKind>>) -> Option<ServiceKind> {
    match app {
        None => Some(ServiceKind::Website),
        Some(kind) => kind.map(service_of),
    }
}

/// Why a service's number does not fit the service (an app's, `app` is its
/// kind): it is a subject's number, or another kind of service's.
fn wrong_service(key: Key, app: Option<Option<AppKind>>) -> Option<String> {
    let expected = match expected_service(app) {
        Some(service) => service_name(service),
        None => "an app",
    };
    let Some(found) = key.service.filter(|_| key.site.is_some()) else {
        return Some(format!("it is the number of a subject, not of {expected}"));
    };
    let fits = match expected_service(app) {
        Some(service) => found == service,
        None => found != ServiceKind::Website,
    };
    (!fits).then(|| format!("it is the number of {}, not of {expected}", service_name(found)))
}

fn problem(cx: &mut Context<'_>, path: String, number: &str, problem: &str, rule: &Rule) {
    let params = params! { "icp_number" => number.trim(), "problem" => problem };
    cx.flag(Code::OperationUnknownNumber, path, rule, params);
}

/// Reads the record, reporting where it contradicts itself.
fn record<'a>(cx: &mut Context<'_>, existing: &'a Existing) -> Record<'a> {
    let data = cx.rules;
    let rule = &data.operations.record.record;
    let text = existing.subject_number.trim();
    let subject = if text.is_empty() {
        None
    } else {
        match Key::read(text) {
            None => {
                problem(
                    cx,
                    "/existing/subject_number".into(),
                    text,
                    "it is not an ICP filing number",
                    rule,
                );
                None
            }
            Some(k) if k.site.is_some() => {
                problem(
                    cx,
                    "/existing/subject_number".into(),
                    text,
                    "it is the number of a service, not of a subject",
                    rule,
                );
                Some(k.subject())
            }
            Some(k) => Some(k),
        }
    };
    // Every service read so far: websites and apps share the serials.
    let mut read: Vec<Key> = Vec::new();
    let mut one = |cx: &mut Context<'_>, path: &dyn Fn() -> String, text: &str, app: Option<Option<AppKind>>| {
        if text.is_empty() {
            return None; // field.required
        }
        let Some(key) = Key::read(text) else {
            problem(cx, path(), text, "it is not an ICP filing number", rule);
            return None;
        };
        let what = if app.is_some() { "app" } else { "website" };
        let reason = if let Some(reason) = wrong_service(key, app) {
            reason
        } else if subject.is_some_and(|s| s != key.subject()) {
            "it is not under the record's subject number".to_owned()
        } else if read.iter().any(|k| same_service(*k, key)) {
            format!("another {what} on record has this number")
        } else if read.iter().any(|k| k.site == key.site && k.subject() == key.subject()) {
            "another service on record has this serial".to_owned()
        } else {
            read.push(key);
            return Some(key);
        };
        problem(cx, path(), text, &reason, rule);
        None
    };
    let mut websites = Vec::new();
    for (i, w) in existing.websites.iter().enumerate().take(MAX_WEBSITES) {
        let path = || format!("/existing/websites/{i}/icp_number");
        if let Some(key) = one(cx, &path, w.icp_number.trim(), None) {
            websites.push((key, i, w));
        }
    }
    let mut apps = Vec::new();
    for (i, a) in existing.apps.iter().enumerate().take(MAX_APPS) {
        let path = || format!("/existing/apps/{i}/icp_number");
        if let Some(key) = one(cx, &path, a.icp_number.trim(), Some(a.kind)) {
            apps.push((key, i, a));
        }
    }
    Record {
        existing,
        subject,
        websites,
        apps,
    }
}

/// Runs the checks of the order's operation.
pub(crate) fn check(cx: &mut Context<'_>) {
    let operation = cx.operation;
    let Some(existing) = cx
        .order
        .existing
        .as_ref()
        .filter(|_| operation != Operation::FirstFiling)
    else {
        return;
    };
    let record = record(cx, existing);
    province(cx, &record);
    combined(cx);
    let numbers = numbers(cx, &record);
    match operation {
        Operation::FirstFiling => {}
        Operation::AddWebsite => {
            subject_equal(cx, &record);
            new_websites(cx, &record);
            empty_record(cx, &record, &numbers);
        }
        Operation::AddAccess => {
            subject_equal(cx, &record);
            accessed_websites(cx, &record);
            accessed_apps(cx, &record);
            empty_record(cx, &record, &numbers);
        }
        Operation::ChangeSubject => {
            subject_change(cx, &record);
            whole_change(cx, &record);
            nothing_changed(cx, &record);
        }
        Operation::ChangeWebsite | Operation::ChangeFiling => {
            whole_change(cx, &record);
            if operation == Operation::ChangeFiling {
                subject_change(cx, &record);
            }
            changed_websites(cx, &record);
            changed_apps(cx, &record);
            nothing_changed(cx, &record);
        }
        Operation::CancelSubject => {}
        Operation::CancelWebsite => cancelled_services(cx, &record, &numbers),
        Operation::CancelAccess => cancelled_access(cx, &record),
    }
    if subject_is_recorded(cx.operation_rules) {
        // The view's subject is the record's: what the first filing's rules
        // find about it is not the order's to fix.
        cx.skip("/subject".into());
    }
}

/// A service of a full form whose number the operation requires is
/// missing it (a new website or app: another order), or has one the
/// operation forbids (a filed one in an add order).
fn combined(cx: &mut Context<'_>) {
    let op = cx.operation_rules;
    if op.website != WebsiteForm::Full {
        return; // a number alone: its number is `field.required`
    }
    let data = cx.rules;
    let rule = &data.operations.record.combined;
    let websites = cx
        .order_websites()
        .map(|(i, w)| ("websites", "a website", "website", i, w.icp_number.as_str()));
    let apps = cx
        .order_apps()
        .map(|(i, a)| ("apps", "an app", "app", i, a.icp_number.as_str()));
    let services: Vec<_> = websites.chain(apps).collect();
    for (section, one, what, i, number) in services {
        let blank = number.trim().is_empty();
        let (path, reason, instead) = match (op.website_number, blank) {
            (Presence::Required, true) => (
                format!("/{section}/{i}"),
                format!("{one} without a filing number is a new {what}"),
                "add_website",
            ),
            (Presence::Forbidden, false) => (
                format!("/{section}/{i}/icp_number"),
                format!("{one} with a filing number is a filed {what}"),
                "change_website",
            ),
            _ => continue,
        };
        let params = params! { "operation" => cx.operation.as_str(), "reason" => reason, "instead" => instead };
        cx.flag(Code::OperationCombined, path, rule, params);
    }
}

/// The province never changes: the order goes to the administration of
/// the record's number.
fn province(cx: &mut Context<'_>, record: &Record<'_>) {
    let (Some(subject), Some(province)) = (record.subject, cx.order.province) else {
        return;
    };
    if subject.province == province {
        return;
    }
    let data = cx.rules;
    let rules = &data.operations.record;
    let rule = match cx.operation {
        Operation::ChangeSubject | Operation::ChangeFiling => &rules.province_subject_change,
        _ => &rules.province,
    };
    let params = params! {
        "field" => "province",
        "recorded" => subject.province.slug(),
        "reason" => "the order goes to the administration that holds the record",
    };
    cx.flag(Code::OperationImmutableField, "/province", rule, params);
}

/// The recorded services an order names, per website and per app of the
/// order.
struct Named<'a> {
    websites: Vec<Option<(usize, &'a RecordedWebsite)>>,
    apps: Vec<Option<(usize, &'a RecordedApp)>>,
}

/// The numbers of the order's services: each must be a number on record of
/// a service of its kind (a website's for a website, an app's of the app's
/// kind for an app). Returns the recorded services they name.
fn numbers<'a>(cx: &mut Context<'_>, record: &Record<'a>) -> Named<'a> {
    if cx.operation_rules.websites == Presence::Forbidden {
        // Services the operation does not take: `field.not_allowed` says it all.
        return Named {
            websites: Vec::new(),
            apps: Vec::new(),
        };
    }
    let data = cx.rules;
    let rule = &data.operations.record.unknown_number;
    let mut seen: Vec<Key> = Vec::new();
    // Reads one number; `app` is the kind of an app's, `None` a website's.
    let mut read = |cx: &mut Context<'_>, path: String, text: &str, app: Option<Option<AppKind>>| -> Option<Key> {
        let key = Key::read(text)?; // blank: required or combined; unreadable: icp_number_format
        if cx.operation == Operation::AddWebsite {
            return None; // a filed service in an add order: combined
        }
        let what = if app.is_some() { "app" } else { "website" };
        let reason = if let Some(reason) = wrong_service(key, app) {
            Some(reason)
        } else if record.subject.is_some_and(|s| s != key.subject()) {
            Some("it is under another subject's number".to_owned())
        } else if seen.iter().any(|k| same_service(*k, key)) {
            Some(format!("the order names this {what} twice"))
        } else {
            None
        };
        seen.push(key);
        match reason {
            Some(reason) => {
                problem(cx, path, text, &reason, rule);
                None
            }
            None => Some(key),
        }
    };
    let mut websites = Vec::new();
    for (i, w) in cx.order_websites() {
        let text = w.icp_number.trim();
        let path = format!("/websites/{i}/icp_number");
        let found = read(cx, path.clone(), text, None).and_then(|key| {
            let found = record.find(key);
            if found.is_none() {
                problem(cx, path, text, "it is not among the websites on record", rule);
            }
            found
        });
        websites.push(found);
    }
    let mut apps = Vec::new();
    for (i, a) in cx.order_apps() {
        let text = a.icp_number.trim();
        let path = format!("/apps/{i}/icp_number");
        let found = read(cx, path.clone(), text, Some(a.kind)).and_then(|key| {
            let found = record.find_app(key);
            if found.is_none() {
                problem(cx, path, text, "it is not among the apps on record", rule);
            }
            found
        });
        apps.push(found);
    }
    Named { websites, apps }
}

/// A certificate's number, normalised for comparison.
fn number_of(c: &Option<Certificate>) -> Cow<'_, str> {
    c.as_ref().map_or(Cow::Borrowed(""), |c| certificate_number(&c.number))
}

fn phone_digits(s: &str) -> String {
    let mut d: String = s.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 13 && d.starts_with("861") {
        d.drain(..2);
    }
    d
}

/// How a compared value is written and shown.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Certificate,
    Phone,
    Email,
}

impl Kind {
    fn equal(self, a: &str, b: &str) -> bool {
        match self {
            Kind::Text => folded_eq(a.trim(), b.trim()),
            Kind::Certificate => certificate_number(a).eq_ignore_ascii_case(&certificate_number(b)),
            Kind::Phone => phone_digits(a) == phone_digits(b),
            Kind::Email => a.trim().eq_ignore_ascii_case(b.trim()),
        }
    }

    fn shown(self, s: &str) -> String {
        match self {
            Kind::Certificate => mask_certificate(&certificate_number(s)),
            Kind::Phone => mask_phone(s),
            Kind::Text | Kind::Email => s.trim().to_owned(),
        }
    }
}

/// One value that may be compared with the record.
struct Compared {
    path: String,
    field: &'static str,
    part: Part,
    kind: Kind,
    given: String,
    recorded: String,
}

impl Compared {
    /// Whether it differs; `None` when the order or the record does not give it.
    fn differs(&self) -> Option<bool> {
        if self.given.trim().is_empty() || self.recorded.trim().is_empty() {
            return None;
        }
        Some(!self.kind.equal(&self.given, &self.recorded))
    }
}

fn person_values(out: &mut Vec<Compared>, prefix: &str, part: Part, given: &Person, recorded: &Person) {
    let mut push = |key: &str, field: &'static str, kind: Kind, g: &str, r: &str| {
        out.push(Compared {
            path: format!("{prefix}/{key}"),
            field,
            part,
            kind,
            given: g.to_owned(),
            recorded: r.to_owned(),
        })
    };
    push("name", "name", Kind::Text, &given.name, &recorded.name);
    push(
        "certificate/number",
        "number",
        Kind::Certificate,
        &number_of(&given.certificate),
        &number_of(&recorded.certificate),
    );
    push("mobile", "mobile", Kind::Phone, &given.mobile, &recorded.mobile);
    push("email", "email", Kind::Email, &given.email, &recorded.email);
}

/// The subject's values to compare with the record, its certificate
/// number aside (what never changes).
fn subject_values(given: &Subject, recorded: &Subject) -> Vec<Compared> {
    let mut out = Vec::new();
    let mut push = |key: &str, field: &'static str, kind: Kind, g: &str, r: &str| {
        out.push(Compared {
            path: format!("/subject/{key}"),
            field,
            part: Part::Subject,
            kind,
            given: g.to_owned(),
            recorded: r.to_owned(),
        })
    };
    let id = |k: Option<&'static str>| k.unwrap_or_default();
    push(
        "kind",
        "kind",
        Kind::Text,
        id(given.kind.map(|k| k.as_str())),
        id(recorded.kind.map(|k| k.as_str())),
    );
    push("name", "name", Kind::Text, &given.name, &recorded.name);
    push(
        "certificate/kind",
        "kind",
        Kind::Text,
        id(given.certificate.as_ref().and_then(|c| c.kind).map(|k| k.as_str())),
        id(recorded.certificate.as_ref().and_then(|c| c.kind).map(|k| k.as_str())),
    );
    push(
        "certificate_address",
        "certificate_address",
        Kind::Text,
        &given.certificate_address,
        &recorded.certificate_address,
    );
    push(
        "mailing_address",
        "mailing_address",
        Kind::Text,
        &given.mailing_address,
        &recorded.mailing_address,
    );
    push("mobile", "mobile", Kind::Phone, &given.mobile, &recorded.mobile);
    push("email", "email", Kind::Email, &given.email, &recorded.email);
    if let (Some(g), Some(r)) = (&given.legal_representative, &recorded.legal_representative) {
        push(
            "legal_representative/name",
            "legal_representative",
            Kind::Text,
            &g.name,
            &r.name,
        );
        push(
            "legal_representative/certificate/number",
            "legal_representative",
            Kind::Certificate,
            &number_of(&g.certificate),
            &number_of(&r.certificate),
        );
    }
    if let (Some(g), Some(r)) = (&given.principal, &recorded.principal) {
        person_values(&mut out, "/subject/principal", Part::Principal, g, r);
    }
    out
}

/// A website's values to compare with the record (its domains aside).
fn website_values(i: usize, given: &Website, recorded: &RecordedWebsite) -> Vec<Compared> {
    let mut out = Vec::new();
    let mut push = |key: &str, field: &'static str, g: &str, r: &str| {
        out.push(Compared {
            path: format!("/websites/{i}/{key}"),
            field,
            part: Part::Websites,
            kind: Kind::Text,
            given: g.to_owned(),
            recorded: r.to_owned(),
        })
    };
    push("name", "name", &given.name, &recorded.name);
    push("homepage", "homepage", &given.homepage, &recorded.homepage);
    push("remarks", "remarks", &given.remarks, &recorded.remarks);
    push(
        "content",
        "content",
        &content_ids(&given.content),
        &content_ids(&recorded.content),
    );
    if let (Some(g), Some(r)) = (&given.manager, &recorded.manager) {
        person_values(&mut out, &format!("/websites/{i}/manager"), Part::Websites, g, r);
    }
    out
}

/// An app's values to compare with the record (its platforms and domains
/// aside).
fn app_values(i: usize, given: &App, recorded: &RecordedApp) -> Vec<Compared> {
    let mut out = Vec::new();
    let mut push = |key: &str, field: &'static str, g: &str, r: &str| {
        out.push(Compared {
            path: format!("/apps/{i}/{key}"),
            field,
            part: Part::Websites,
            kind: Kind::Text,
            given: g.to_owned(),
            recorded: r.to_owned(),
        })
    };
    push("name", "name", &given.name, &recorded.name);
    push(
        "mini_program_id",
        "mini_program_id",
        &given.mini_program_id,
        &recorded.mini_program_id,
    );
    push("remarks", "remarks", &given.remarks, &recorded.remarks);
    push(
        "content",
        "content",
        &content_ids(&given.content),
        &content_ids(&recorded.content),
    );
    if let (Some(g), Some(r)) = (&given.manager, &recorded.manager) {
        person_values(&mut out, &format!("/apps/{i}/manager"), Part::Websites, g, r);
    }
    out
}

/// Service content ids, sorted, for comparison.
fn content_ids(content: &[crate::vocabulary::Content]) -> String {
    let mut ids: Vec<&str> = content.iter().map(|c| c.as_str()).collect();
    ids.sort_unstable();
    ids.join(",")
}

/// The ASCII form of a domain name, for comparison.
fn domain_key(name: &str) -> String {
    DomainName::parse(name.trim()).map_or_else(|_| name.trim().to_lowercase(), |d| d.as_ascii().to_owned())
}

fn mismatch(cx: &mut Context<'_>, c: &Compared, rule: &Rule) {
    let params = params! {
        "field" => c.field,
        "recorded" => c.kind.shown(&c.recorded),
        "operation" => cx.operation.as_str(),
    };
    cx.flag(Code::OperationRecordMismatch, c.path.clone(), rule, params);
}

/// Whether the order's hosting provider already accesses a recorded
/// service: the subject is then at this provider (有主体).
fn at_provider(order: &Application, existing: &Existing) -> bool {
    let Some(Hosting::CloudServer(server)) = &order.hosting else {
        return false;
    };
    let provider = server.provider.trim();
    let here = |providers: &[String]| providers.iter().any(|p| p.trim().eq_ignore_ascii_case(provider));
    !provider.is_empty()
        && (existing.websites.iter().any(|w| here(&w.access_providers))
            || existing.apps.iter().any(|a| here(&a.access_providers)))
}

/// A certificate upgrade: the record holds a number from before the
/// three-in-one reform (an organisation code, a registration number) and
/// the order the credit code; an organisation code must be the one the
/// credit code embeds.
fn upgrade(recorded: &str, given: &str) -> bool {
    let r: String = recorded.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let g = given.trim();
    if g.len() != 18 || !g.is_ascii() || r.len() == 18 {
        return false;
    }
    match r.len() {
        9 => g[8..17].eq_ignore_ascii_case(&r),
        15 => r.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// An add or access order's subject must be the record's.
fn subject_equal(cx: &mut Context<'_>, record: &Record<'_>) {
    let (Some(given), Some(recorded)) = (cx.order.subject.as_ref(), record.existing.subject.as_ref()) else {
        return;
    };
    let data = cx.rules;
    let national = &data.operations.record;
    let province = cx.province().map(|p| &p.operations);
    let access = cx.operation == Operation::AddAccess;
    let base = if access {
        &national.add_access_mismatch
    } else {
        &national.add_website_mismatch
    };
    let relaxed = province.and_then(|p| p.access_mismatch.as_ref()).filter(|_| access);
    let rule_for = |part: Part| match relaxed {
        Some((parts, rule)) if parts.contains(&part) => rule,
        _ => base,
    };
    for c in subject_values(given, recorded) {
        if c.differs() == Some(true) {
            mismatch(cx, &c, rule_for(c.part));
        }
    }
    let (g, r) = (number_of(&given.certificate), number_of(&recorded.certificate));
    if g.is_empty() || r.is_empty() || g.eq_ignore_ascii_case(&r) {
        return;
    }
    let path = "/subject/certificate/number";
    let shown = mask_certificate(&r);
    if !upgrade(&r, &g) {
        let params =
            params! { "field" => "number", "recorded" => shown, "reason" => "another certificate is another subject" };
        cx.flag(
            Code::OperationImmutableField,
            path,
            &national.certificate_number,
            params,
        );
        return;
    }
    let params = params! { "field" => "number", "recorded" => shown.clone(), "operation" => cx.operation.as_str() };
    if at_provider(cx.order, record.existing) {
        cx.flag(Code::OperationRecordMismatch, path, base, params);
        return;
    }
    match province.and_then(|p| p.old_certificate.as_ref()) {
        Some((OldCertificate::FixFirst, rule)) => {
            let params = params! {
                "province" => cx.order.province.map(Province::slug).unwrap_or_default(),
                "operation" => cx.operation.as_str(),
                "reason" => "a record under an old certificate number is changed or cancelled at the original provider first",
            };
            cx.flag(Code::OperationNotAllowedInProvince, path, rule, params);
        }
        Some((OldCertificate::OldNumber, rule)) => cx.flag(Code::OperationRecordMismatch, path, rule, params),
        None => cx.flag(Code::OperationRecordMismatch, path, base, params),
    }
}

/// The websites of an add order are new: none has a number, none takes a
/// recorded name where the province refuses it.
fn new_websites(cx: &mut Context<'_>, record: &Record<'_>) {
    let on_record = cx.province().and_then(|p| p.operations.website_name_on_record.as_ref());
    for (i, w) in cx.order_websites() {
        if let Some(rule) = on_record
            && !w.name.trim().is_empty()
            && let Some(recorded) = record
                .existing
                .websites
                .iter()
                .find(|r| folded_eq(r.name.trim(), w.name.trim()))
        {
            let params = params! {
                "name" => w.name.trim(),
                "icp_number" => recorded.icp_number.trim(),
                "province" => cx.order.province.map(Province::slug).unwrap_or_default(),
            };
            cx.flag(
                Code::OperationWebsiteNameOnRecord,
                format!("/websites/{i}/name"),
                rule,
                params,
            );
        }
    }
}

/// What the province says of a record with no accessed service (a 空壳),
/// or with a service without access, before an add or access order.
fn empty_record(cx: &mut Context<'_>, record: &Record<'_>, numbers: &Named<'_>) {
    let Some(province) = cx.province() else { return };
    let slug = cx.order.province.map(Province::slug).unwrap_or_default();
    let operation = cx.operation.as_str();
    let accessed = |w: &RecordedWebsite| w.access_providers.iter().any(|p| !p.trim().is_empty());
    let app_accessed = |a: &RecordedApp| a.access_providers.iter().any(|p| !p.trim().is_empty());
    if cx.operation == Operation::AddWebsite
        && let Some((EmptySubject::CancelFirst, rule)) = &province.operations.empty_subject
        && !record.existing.websites.iter().any(accessed)
        && !record.existing.apps.iter().any(app_accessed)
    {
        let params = params! {
            "province" => slug,
            "operation" => operation,
            "reason" => "a subject with no accessed service on record (空壳主体) is cancelled and filed anew",
        };
        cx.flag(Code::OperationNotAllowedInProvince, "/existing", rule, params);
    }
    if let Some(rule) = &province.operations.empty_service_on_record {
        let in_order: Vec<usize> = numbers.websites.iter().flatten().map(|(k, _)| *k).collect();
        for (k, w) in record.existing.websites.iter().enumerate().take(MAX_WEBSITES) {
            if !accessed(w) && !in_order.contains(&k) {
                let params =
                    params! { "icp_number" => w.icp_number.trim(), "province" => slug, "operation" => operation };
                cx.flag(
                    Code::OperationEmptyServiceOnRecord,
                    format!("/existing/websites/{k}"),
                    rule,
                    params,
                );
            }
        }
    }
}

/// The rule an access order's services are compared with the record by:
/// the province's, where it lets them differ, else the national one.
fn access_rule<'r>(cx: &Context<'r>) -> &'r Rule {
    let data = cx.rules;
    cx.province()
        .and_then(|p| p.operations.access_mismatch.as_ref())
        .filter(|(parts, _)| parts.contains(&Part::Websites))
        .map_or(&data.operations.record.add_access_mismatch, |(_, rule)| rule)
}

/// The domains of an accessed service (at `prefix`), exactly as filed,
/// where the record gives them: none added, none left out.
fn domains_as_filed(cx: &mut Context<'_>, prefix: &str, given: &[Domain], recorded: &[Domain], rule: &Rule) {
    if recorded.is_empty() {
        return;
    }
    let filed: Vec<String> = recorded.iter().map(|d| domain_key(&d.name)).collect();
    let given: Vec<String> = given.iter().take(MAX_DOMAINS).map(|d| domain_key(&d.name)).collect();
    for (j, d) in given.iter().enumerate() {
        if !d.is_empty() && !filed.contains(d) {
            let c = Compared {
                path: format!("{prefix}/domains/{j}/name"),
                field: "domains",
                part: Part::Websites,
                kind: Kind::Text,
                given: d.clone(),
                recorded: filed.join(", "),
            };
            mismatch(cx, &c, rule);
        }
    }
    for f in &filed {
        if !given.contains(f) {
            let c = Compared {
                path: format!("{prefix}/domains"),
                field: "domains",
                part: Part::Websites,
                kind: Kind::Text,
                given: given.join(", "),
                recorded: f.clone(),
            };
            mismatch(cx, &c, rule);
        }
    }
}

/// The websites of an access order are filed ones, as recorded.
fn accessed_websites(cx: &mut Context<'_>, record: &Record<'_>) {
    let rule = access_rule(cx);
    for (i, w) in cx.order_websites() {
        let Some(key) = Key::read(&w.icp_number) else { continue };
        let Some((_, recorded)) = record.find(key) else {
            continue;
        };
        for c in website_values(i, w, recorded) {
            if c.differs() == Some(true) {
                mismatch(cx, &c, rule);
            }
        }
        domains_as_filed(cx, &format!("/websites/{i}"), &w.domains, &recorded.domains, rule);
    }
}

/// The platform of a recorded app that an order's platform is, by kind.
fn recorded_platform(recorded: &RecordedApp, platform: &Platform) -> Option<usize> {
    let kind = platform.platform?;
    recorded.platforms.iter().position(|r| r.platform == Some(kind))
}

/// The apps of an access order are filed ones, as recorded: their data,
/// their platforms (a platform not on record is added by a change) with
/// their identifiers, and the domains they call.
fn accessed_apps(cx: &mut Context<'_>, record: &Record<'_>) {
    let rule = access_rule(cx);
    let data = cx.rules;
    for (i, a) in cx.order_apps() {
        let Some((_, recorded)) = Key::read(&a.icp_number).and_then(|k| record.find_app(k)) else {
            continue;
        };
        let mut compared = app_values(i, a, recorded);
        if !recorded.platforms.is_empty() {
            for (j, p) in a.platforms.iter().enumerate().take(MAX_LIST) {
                let Some(kind) = p.platform else { continue };
                match recorded_platform(recorded, p) {
                    None => {
                        let filed: Vec<&str> = recorded
                            .platforms
                            .iter()
                            .filter_map(|r| r.platform)
                            .map(|k| k.as_str())
                            .collect();
                        compared.push(Compared {
                            path: format!("/apps/{i}/platforms/{j}/platform"),
                            field: "platforms",
                            part: Part::Websites,
                            kind: Kind::Text,
                            given: kind.as_str().to_owned(),
                            recorded: filed.join(", "),
                        });
                    }
                    Some(k) => {
                        let field = data.apps.platform(kind).identifier;
                        compared.push(Compared {
                            path: format!("/apps/{i}/platforms/{j}/{}", field.as_str()),
                            field: field.as_str(),
                            part: Part::Websites,
                            kind: Kind::Text,
                            given: identifier(p, field).to_owned(),
                            recorded: identifier(&recorded.platforms[k], field).to_owned(),
                        });
                    }
                }
            }
        }
        for c in compared {
            if c.differs() == Some(true) {
                mismatch(cx, &c, rule);
            }
        }
        domains_as_filed(cx, &format!("/apps/{i}"), &a.domains, &recorded.domains, rule);
    }
}

/// Who the subject may become: the province's rules, else the national ones.
fn subject_change(cx: &mut Context<'_>, record: &Record<'_>) {
    let (Some(new), Some(old)) = (cx.order.subject.as_ref(), record.existing.subject.as_ref()) else {
        return;
    };
    let (Some(new_type), Some(old_type)) = (new.filing_type(), old.filing_type()) else {
        return;
    };
    let (new_no, old_no) = (number_of(&new.certificate), number_of(&old.certificate));
    if new_no.is_empty() || old_no.is_empty() {
        return;
    }
    let data = cx.rules;
    let national = &data.operations.record;
    let own = cx.province().and_then(|p| p.operations.subject_change.as_ref());
    let province = cx.order.province.map(Province::slug).unwrap_or_default();
    let operation = cx.operation.as_str();
    let same_number = new_no.eq_ignore_ascii_case(&old_no);
    let legal_of = |s: &Subject| {
        s.legal_representative
            .as_ref()
            .map(|l| number_of(&l.certificate).into_owned())
    };
    enum Verdict {
        Allowed,
        Uncertain(&'static str),
        Refused(&'static str, &'static str),
        ForSubject(&'static str),
    }
    let verdict = match (old_type, new_type) {
        (FilingType::Personal, FilingType::Personal) if same_number => Verdict::Allowed,
        (FilingType::Personal, FilingType::Personal) => match own.and_then(|(e, _)| e.personal) {
            Some(PersonalChange::Any) | None => Verdict::Uncertain("a person becomes another person"),
            Some(_) => Verdict::Refused("/subject/certificate/number", "a person cannot become another person"),
        },
        (FilingType::Personal, FilingType::Entity) => match own.and_then(|(e, _)| e.personal) {
            Some(PersonalChange::None) => Verdict::Refused("/subject/kind", "a person cannot become an entity"),
            Some(PersonalChange::OwnEnterprise) => {
                if legal_of(new).is_some_and(|l| l.eq_ignore_ascii_case(&old_no)) {
                    Verdict::Uncertain("a person becomes the enterprise they represent")
                } else {
                    Verdict::Refused(
                        "/subject/kind",
                        "a person can become only the enterprise whose legal representative they are",
                    )
                }
            }
            Some(PersonalChange::Any) | None => Verdict::Uncertain("a person becomes an entity"),
        },
        (FilingType::Entity, FilingType::Personal) => match own.and_then(|(e, _)| e.entity_to_personal) {
            Some(EntityToPersonal::Uncertain) => Verdict::Uncertain("an entity becomes a person"),
            Some(EntityToPersonal::IndividualBusinessToLegalRepresentative)
                if old_no.starts_with("92") && legal_of(old).is_some_and(|l| l.eq_ignore_ascii_case(&new_no)) =>
            {
                Verdict::Allowed
            }
            _ => Verdict::ForSubject("change an entity into a person"),
        },
        (FilingType::Entity, FilingType::Entity) if same_number || upgrade(&old_no, &new_no) => Verdict::Allowed,
        (FilingType::Entity, FilingType::Entity) => match own.and_then(|(e, _)| e.entity) {
            Some(EntityChange::RenameOnly) => Verdict::Refused(
                "/subject/certificate/number",
                "an entity may only be renamed, not become another",
            ),
            Some(EntityChange::NotToOtherEnterprise) => Verdict::Refused(
                "/subject/certificate/number",
                "an entity cannot become another enterprise",
            ),
            Some(EntityChange::SameLegalRepresentative) => match (legal_of(old), legal_of(new)) {
                (Some(a), Some(b)) if !a.is_empty() && a.eq_ignore_ascii_case(&b) => {
                    Verdict::Uncertain("an entity becomes another with the same legal representative")
                }
                _ => Verdict::Refused(
                    "/subject/certificate/number",
                    "an entity can become another only with the same legal representative",
                ),
            },
            Some(EntityChange::WithBusinessProof) => {
                Verdict::Uncertain("an entity becomes another, with proof from the business registry")
            }
            Some(EntityChange::Any) | None => Verdict::Uncertain("an entity becomes another"),
        },
    };
    let rule = own.map(|(_, r)| r);
    match verdict {
        Verdict::Allowed => {}
        Verdict::Uncertain(reason) => {
            let params = params! { "province" => province, "operation" => operation, "reason" => reason };
            cx.flag(
                Code::OperationNotAllowedInProvince,
                "/subject/certificate/number",
                &national.subject_change_uncertain,
                params,
            );
        }
        Verdict::Refused(path, reason) => {
            let params = params! { "province" => province, "operation" => operation, "reason" => reason };
            let rule = rule.unwrap_or(&national.subject_change_uncertain);
            cx.flag(Code::OperationNotAllowedInProvince, path, rule, params);
        }
        Verdict::ForSubject(reason) => {
            let params = params! { "operation" => operation, "reason" => reason };
            cx.flag(
                Code::OperationNotAllowedForSubject,
                "/subject/kind",
                &national.entity_to_personal,
                params,
            );
        }
    }
}

/// A change the province takes only as a change of the whole filing
/// (`change_filing`): any change, or a change of the principal to another
/// person.
fn whole_change(cx: &mut Context<'_>, record: &Record<'_>) {
    let Some((changes, rule)) = cx.province().and_then(|p| p.operations.change_filing_required.as_ref()) else {
        return;
    };
    let reason = match (changes, cx.operation) {
        (_, Operation::ChangeFiling) => return,
        (WholeChange::Any, _) => "a change is submitted as change_filing, with the complete materials",
        (WholeChange::Principal, Operation::ChangeSubject) => {
            // A personal filer is their own principal: another principal is
            // another subject, which the subject change rules decide.
            let personal = |s: Option<&Subject>| s.and_then(Subject::filing_type) == Some(FilingType::Personal);
            if personal(cx.order.subject.as_ref()) || personal(record.existing.subject.as_ref()) {
                return;
            }
            let (Some(new), Some(old)) = (
                cx.order.subject.as_ref().and_then(|s| s.principal.as_ref()),
                record.existing.subject.as_ref().and_then(|s| s.principal.as_ref()),
            ) else {
                return;
            };
            if new.name.trim().is_empty()
                || old.name.trim().is_empty()
                || same_person(&new.name, &new.certificate, &old.name, &old.certificate)
            {
                return;
            }
            "a change of the principal is submitted as change_filing, with new authorization letters"
        }
        (WholeChange::Principal, _) => return,
    };
    let params = params! {
        "province" => cx.order.province.map(Province::slug).unwrap_or_default(),
        "operation" => cx.operation.as_str(),
        "reason" => reason,
    };
    cx.flag(Code::OperationNotAllowedInProvince, "/operation", rule, params);
}

/// The websites of a change order are filed ones; their domains can only
/// be removed; a personal filer's manager is the subject, changed by a
/// change of the whole filing.
fn changed_websites(cx: &mut Context<'_>, record: &Record<'_>) {
    let data = cx.rules;
    let national = &data.operations.record;
    let personal = record.existing.subject.as_ref().and_then(Subject::filing_type) == Some(FilingType::Personal);
    for (i, w) in cx.order_websites() {
        let Some(key) = Key::read(&w.icp_number) else { continue };
        let Some((_, recorded)) = record.find(key) else {
            continue;
        };
        if !recorded.domains.is_empty() {
            let filed: Vec<String> = recorded.domains.iter().map(|d| domain_key(&d.name)).collect();
            for (j, d) in w.domains.iter().enumerate().take(MAX_DOMAINS) {
                let name = domain_key(&d.name);
                if !name.is_empty() && !filed.contains(&name) {
                    let params = params! {
                        "field" => "domains",
                        "recorded" => filed.join(", "),
                        "reason" => "domains of a filed website can only be removed; a new domain is a new website",
                    };
                    cx.flag(
                        Code::OperationImmutableField,
                        format!("/websites/{i}/domains/{j}/name"),
                        &national.domain_added,
                        params,
                    );
                }
            }
        }
        if personal
            && cx.operation == Operation::ChangeWebsite
            && let (Some(m), Some(subject)) = (&w.manager, &record.existing.subject)
        {
            let differs = [
                (Kind::Phone, &m.mobile, &subject.mobile),
                (Kind::Email, &m.email, &subject.email),
            ]
            .into_iter()
            .any(|(k, a, b)| !a.trim().is_empty() && !b.trim().is_empty() && !k.equal(a, b));
            if differs && same_person(&m.name, &m.certificate, &subject.name, &subject.certificate) {
                let params = params! {
                    "operation" => cx.operation.as_str(),
                    "reason" => "a personal filer's website manager is the subject, whose data a change of the filing changes",
                    "instead" => "change_filing",
                };
                cx.flag(
                    Code::OperationCombined,
                    format!("/websites/{i}/manager"),
                    &national.personal_manager,
                    params,
                );
            }
        }
    }
}

/// A platform's identifier and a mini program's id, as filed, are not
/// known to be replaceable by a change (a package name may be added, HW-RULES;
/// another one may be another app): a replaced one is a warning.
fn changed_apps(cx: &mut Context<'_>, record: &Record<'_>) {
    let data = cx.rules;
    let rule = &data.operations.record.app_identifier_changed;
    for (i, a) in cx.order_apps() {
        let Some((_, recorded)) = Key::read(&a.icp_number).and_then(|k| record.find_app(k)) else {
            continue;
        };
        let mut replaced: Vec<(String, &'static str, &str)> = Vec::new();
        for (j, p) in a.platforms.iter().enumerate().take(MAX_LIST) {
            let (Some(kind), Some(k)) = (p.platform, recorded_platform(recorded, p)) else {
                continue;
            };
            let field = data.apps.platform(kind).identifier;
            let filed = identifier(&recorded.platforms[k], field).trim();
            let given = identifier(p, field);
            if !filed.is_empty() && !given.trim().is_empty() && !Kind::Text.equal(given, filed) {
                replaced.push((
                    format!("/apps/{i}/platforms/{j}/{}", field.as_str()),
                    field.as_str(),
                    filed,
                ));
            }
        }
        let filed = recorded.mini_program_id.trim();
        if !filed.is_empty() && !a.mini_program_id.trim().is_empty() && !Kind::Text.equal(&a.mini_program_id, filed) {
            replaced.push((format!("/apps/{i}/mini_program_id"), "mini_program_id", filed));
        }
        for (path, field, filed) in replaced {
            let params = params! {
                "field" => field,
                "recorded" => filed,
                "reason" => "an identifier may be added to a filed app, but another one may be another app",
            };
            cx.flag(Code::OperationImmutableField, path, rule, params);
        }
    }
}

/// Sorted and joined, for comparing lists whatever their order.
fn joined(items: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = items.collect();
    v.sort();
    v.join(",")
}

/// A change order whose data equals the record, where the record gives it.
fn nothing_changed(cx: &mut Context<'_>, record: &Record<'_>) {
    let op = cx.operation_rules;
    let data = cx.rules;
    let mut compared: Vec<Compared> = Vec::new();
    if op.subject != Presence::Forbidden {
        let (Some(given), Some(recorded)) = (cx.order.subject.as_ref(), record.existing.subject.as_ref()) else {
            return;
        };
        compared.extend(subject_values(given, recorded));
        compared.push(Compared {
            path: "/subject/certificate/number".into(),
            field: "number",
            part: Part::Subject,
            kind: Kind::Certificate,
            given: number_of(&given.certificate).into_owned(),
            recorded: number_of(&recorded.certificate).into_owned(),
        });
    }
    let domains = |path: String, given: &[Domain], recorded: &[Domain]| Compared {
        path,
        field: "domains",
        part: Part::Websites,
        kind: Kind::Text,
        given: joined(given.iter().map(|d| domain_key(&d.name))),
        recorded: joined(recorded.iter().map(|d| domain_key(&d.name))),
    };
    for (i, w) in cx.order_websites() {
        let Some((_, recorded)) = Key::read(&w.icp_number).and_then(|k| record.find(k)) else {
            return;
        };
        compared.extend(website_values(i, w, recorded));
        compared.push(domains(format!("/websites/{i}/domains"), &w.domains, &recorded.domains));
    }
    for (i, a) in cx.order_apps() {
        let Some((_, recorded)) = Key::read(&a.icp_number).and_then(|k| record.find_app(k)) else {
            return;
        };
        compared.extend(app_values(i, a, recorded));
        compared.push(domains(format!("/apps/{i}/domains"), &a.domains, &recorded.domains));
        let platforms = |platforms: &[Platform]| {
            joined(platforms.iter().filter_map(|p| {
                let kind = p.platform?;
                let field = data.apps.platform(kind).identifier;
                Some(format!("{}:{}", kind.as_str(), identifier(p, field).trim()))
            }))
        };
        compared.push(Compared {
            path: format!("/apps/{i}/platforms"),
            field: "platforms",
            part: Part::Websites,
            kind: Kind::Text,
            given: platforms(&a.platforms),
            recorded: platforms(&recorded.platforms),
        });
    }
    // Nothing changed only when every value the order gives is recorded
    // and equal.
    let unchanged = !compared.is_empty()
        && compared
            .iter()
            .all(|c| c.given.trim().is_empty() || c.differs() == Some(false));
    if unchanged {
        let params = params! { "operation" => cx.operation.as_str() };
        cx.flag(
            Code::OperationNothingChanged,
            "",
            &data.operations.record.nothing_changed,
            params,
        );
    }
}

/// Cancelling services: one per order (a warning), and the last service
/// on record, website or app, leaves an empty subject.
fn cancelled_services(cx: &mut Context<'_>, record: &Record<'_>, numbers: &Named<'_>) {
    let data = cx.rules;
    let national = &data.operations.record;
    let websites = cx.order.websites.len().min(MAX_WEBSITES);
    let apps = cx.order.apps.len().min(MAX_APPS);
    if websites + apps > 1 {
        // The second service of the order, websites first.
        let path = match websites {
            0 => "/apps/1".to_owned(),
            1 => "/apps/0".to_owned(),
            _ => "/websites/1".to_owned(),
        };
        let mut params = params! {
            "count" => websites,
            "limit" => 1,
            "province" => cx.order.province.map(Province::slug).unwrap_or_default(),
        };
        if apps > 0 {
            params.insert("apps".into(), apps.into());
        }
        cx.flag(
            Code::SubmissionTooManyWebsites,
            path,
            &national.cancel_one_website,
            params,
        );
    }
    if websites > 0
        && let Some(rule) = cx.province().and_then(|p| p.operations.cancel_website_offline.as_ref())
    {
        let params = params! {
            "province" => cx.order.province.map(Province::slug).unwrap_or_default(),
            "operation" => cx.operation.as_str(),
            "reason" => "the administration takes a website's cancellation by fax or mail",
        };
        cx.flag(Code::OperationNotAllowedInProvince, "/websites", rule, params);
    }
    let cancelled: Vec<usize> = numbers.websites.iter().flatten().map(|(k, _)| *k).collect();
    let cancelled_apps: Vec<usize> = numbers.apps.iter().flatten().map(|(k, _)| *k).collect();
    let remaining = record
        .websites
        .iter()
        .filter(|(_, k, _)| !cancelled.contains(k))
        .count()
        + record
            .apps
            .iter()
            .filter(|(_, k, _)| !cancelled_apps.contains(k))
            .count();
    // The last service the order names, in document order.
    let last = match numbers.apps.iter().rposition(Option::is_some) {
        Some(j) => Some(format!("/apps/{j}")),
        None => numbers
            .websites
            .iter()
            .rposition(Option::is_some)
            .map(|i| format!("/websites/{i}")),
    };
    if remaining == 0
        && record.complete()
        && let Some(last) = last
    {
        let params =
            params! { "reason" => "cancelling the last service on record leaves the subject without a service" };
        cx.flag(Code::OperationLeavesEmptySubject, last, &national.last_website, params);
    }
}

/// Cancelling access: a website or app with no other access provider on
/// record is left without one.
fn cancelled_access(cx: &mut Context<'_>, record: &Record<'_>) {
    let data = cx.rules;
    let rule = &data.operations.record.last_access;
    let alone = |providers: &[String]| providers.iter().filter(|p| !p.trim().is_empty()).count() <= 1;
    let mut left: Vec<(String, &str)> = Vec::new();
    for (i, w) in cx.order_websites() {
        if let Some((_, recorded)) = Key::read(&w.icp_number).and_then(|k| record.find(k))
            && alone(&recorded.access_providers)
        {
            left.push((
                format!("/websites/{i}"),
                "the website has no other access provider on record",
            ));
        }
    }
    for (i, a) in cx.order_apps() {
        if let Some((_, recorded)) = Key::read(&a.icp_number).and_then(|k| record.find_app(k))
            && alone(&recorded.access_providers)
        {
            left.push((format!("/apps/{i}"), "the app has no other access provider on record"));
        }
    }
    for (path, reason) in left {
        cx.flag(
            Code::OperationLeavesEmptySubject,
            path,
            rule,
            params! { "reason" => reason },
        );
    }
}

/// The order's checklist: the first filing's, kept to what the operation
/// lists, with the materials of a change (a rename's letter, the business
/// registry's proof).
pub(crate) fn materials(cx: &Context<'_>, mut checklist: Vec<Material>) -> Vec<Material> {
    let op = cx.operation_rules;
    let elsewhere = || cx.order.existing.as_ref().is_none_or(|e| !at_provider(cx.order, e));
    let subject = op.materials.contains(&MaterialsOf::Subject)
        || (op.materials.contains(&MaterialsOf::SubjectElsewhere) && elsewhere());
    let services = op.materials.contains(&MaterialsOf::Websites);
    checklist.retain(|m| {
        if m.concerns.starts_with("/websites") || m.concerns.starts_with("/apps") {
            services
        } else {
            subject
        }
    });
    if matches!(cx.operation, Operation::ChangeSubject | Operation::ChangeFiling)
        && let (Some(new), Some(old)) = (
            cx.order.subject.as_ref(),
            cx.order.existing.as_ref().and_then(|e| e.subject.as_ref()),
        )
        && new.filing_type() == Some(FilingType::Entity)
        && old.filing_type() == Some(FilingType::Entity)
    {
        let catalogue = &cx.rules.materials.materials;
        let mut add = |id: &str| {
            if let Some(m) = catalogue.get(id) {
                checklist.push(Material {
                    id: m.id.clone(),
                    concerns: "/subject".into(),
                    name: m.name.clone(),
                    name_zh: m.name_zh.clone(),
                });
            }
        };
        let (a, b) = (number_of(&new.certificate), number_of(&old.certificate));
        let other = !a.is_empty() && !b.is_empty() && !a.eq_ignore_ascii_case(&b) && !upgrade(&b, &a);
        if !new.name.trim().is_empty() && !old.name.trim().is_empty() && !folded_eq(new.name.trim(), old.name.trim()) {
            add("name_change_letter");
        }
        let proof = cx
            .province()
            .and_then(|p| p.operations.subject_change.as_ref())
            .is_some_and(|(e, _)| e.entity == Some(EntityChange::WithBusinessProof));
        if other && proof {
            add("business_change_proof");
        }
    }
    checklist
}

/// Who receives the SMS code: the JSON Pointers of the people the
/// operation names, one per person, in document order.
pub(crate) fn recipients(cx: &Context<'_>) -> Vec<String> {
    let op = cx.operation_rules;
    let order = cx.order;
    let existing = order.existing.as_ref();
    let mut out: Vec<(String, String, Option<Certificate>)> = Vec::new();
    let mut add = |path: String, name: &str, certificate: &Option<Certificate>| {
        if !out.iter().any(|(_, n, c)| same_person(n, c, name, certificate)) || name.trim().is_empty() {
            out.push((path, name.to_owned(), certificate.clone()));
        }
    };
    // The subject whose principal is meant: the order's, else the record's.
    let (subject, prefix) = match (&order.subject, existing.and_then(|e| e.subject.as_ref())) {
        (Some(s), _) if op.subject != Presence::Forbidden => (Some(s), "/subject"),
        (_, Some(s)) => (Some(s), "/existing/subject"),
        _ => (None, ""),
    };
    let personal = subject.and_then(Subject::filing_type) == Some(FilingType::Personal);
    if op.sms.contains(&Recipient::Principal)
        && let Some(s) = subject
    {
        match (&s.principal, personal) {
            (Some(p), false) => add(format!("{prefix}/principal"), &p.name, &p.certificate),
            _ => add(prefix.to_owned(), &s.name, &s.certificate),
        }
    }
    if op.sms.contains(&Recipient::Managers) {
        // Each service's responsible person (网站负责人, App负责人): the
        // order's, else the record's for a service named by its number,
        // else a personal filer.
        let mut managers =
            |kind: &str, services: Vec<(usize, &Option<Person>, &str)>, recorded: Vec<(&Option<Person>, &str)>| {
                // Each recorded number read once.
                let keys: Vec<Option<Key>> = recorded.iter().map(|(_, number)| Key::read(number)).collect();
                for (i, manager, number) in services {
                    let on_record = || {
                        let key = Key::read(number)?;
                        let k = keys.iter().position(|k| *k == Some(key))?;
                        Some((k, recorded[k].0.as_ref()?))
                    };
                    match (manager, on_record()) {
                        (Some(m), _) => add(format!("/{kind}/{i}/manager"), &m.name, &m.certificate),
                        (None, Some((k, m))) => add(format!("/existing/{kind}/{k}/manager"), &m.name, &m.certificate),
                        _ if personal => {
                            if let Some(s) = subject {
                                add(prefix.to_owned(), &s.name, &s.certificate);
                            }
                        }
                        _ => {}
                    }
                }
            };
        let websites = cx
            .order_websites()
            .map(|(i, w)| (i, &w.manager, w.icp_number.as_str()))
            .collect();
        let recorded = existing.map_or_else(Vec::new, |e| {
            e.websites
                .iter()
                .take(MAX_WEBSITES)
                .map(|r| (&r.manager, r.icp_number.as_str()))
                .collect()
        });
        managers("websites", websites, recorded);
        let apps = cx
            .order_apps()
            .map(|(i, a)| (i, &a.manager, a.icp_number.as_str()))
            .collect();
        let recorded = existing.map_or_else(Vec::new, |e| {
            e.apps
                .iter()
                .take(MAX_APPS)
                .map(|r| (&r.manager, r.icp_number.as_str()))
                .collect()
        });
        managers("apps", apps, recorded);
    }
    out.into_iter().map(|(p, _, _)| p).collect()
}

/// The order's steps: the operation's, with its limits, the province's
/// where they apply, and the SMS recipients.
pub(crate) fn steps(cx: &Context<'_>, all: Vec<Step>) -> Vec<Step> {
    let op = cx.operation_rules;
    all.into_iter()
        .filter(|s| op.steps.iter().any(|id| **id == *s.id))
        .map(|mut s| {
            if let Some(l) = op.limits.get(&*s.id) {
                s.working_days = l.working_days.or(s.working_days);
                s.max_working_days = l.max_working_days.or(s.max_working_days);
                s.max_hours = l.max_hours.or(s.max_hours);
                s.max_days = l.max_days.or(s.max_days);
            }
            if &*s.id == "sms_verification" {
                s.recipients = recipients(cx);
            }
            s
        })
        .collect()
}
