//! Orders of every operation (备案类型), and mutations that break exactly one
//! rule of an order against the filing on record.
//!
//! A valid order is derived from a valid first filing ([`valid_application`]):
//! its subject and websites become the filing on record (`existing`, with
//! numbers under one subject number of the province and access providers),
//! and the order keeps the sections `rules/operations.toml` asks of the
//! operation, changed where the operation changes something. The province's
//! `[operations]` rules are read from the embedded rule set.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::mutation::ExpectedFinding;
use super::names::{KINDS, TOPICS};
use super::valid::{credit_code, organization_code, resident_id, valid_application};
use crate::application::{
    App, Application, Certificate, CloudServer, Existing, Hosting, RecordedApp, RecordedWebsite, Subject, Website,
};
use crate::code::Code;
use crate::province::Province;
use crate::rules::operations::{EntityToPersonal, ProvinceOperationRules};
use crate::ruleset::RuleSet;
use crate::vocabulary::{AppKind, Billing, CertificateKind, FilingType, Operation, SubjectKind};

/// The access providers of recorded websites.
const PROVIDERS: &[&str] = &["aliyun", "tencent", "huawei", "volcengine"];

/// The embedded rule set, whose province rules the orders follow.
static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::embedded);

/// The province's change and access rules.
fn province_rules(province: Province) -> &'static ProvinceOperationRules {
    &RULES.data().province(province).operations
}

/// Orders of one operation in one province, for either filing type, that
/// the embedded rules accept on [`AS_OF`](super::AS_OF) without an error or
/// a warning (at most the info finding of an operating website).
///
/// Each is derived from a [`valid_application`] of the province: its
/// subject, websites and apps are the filing on record (`existing`: a
/// subject number of the province, its websites numbered under it, then
/// its apps with their kind letter, each accessed by one or two
/// providers, and sometimes a website of its own beside them), and the
/// order has the sections the operation requires:
///
/// - `first_filing`: the application itself;
/// - `add_website`: the application's websites and apps, new, beside one
///   or two recorded websites of their own, the subject as recorded;
/// - `add_access`: the recorded websites and apps, as recorded, with their
///   numbers, at a new provider;
/// - `change_subject`: the subject with another mailing address (the same
///   certificate: no province refuses a subject's own changes);
/// - `change_website`: some recorded websites by number, one renamed, and
///   some recorded apps by number;
/// - `change_filing`: the subject changed so, and some recorded websites
///   by number, sometimes one renamed, and some recorded apps;
/// - `cancel_subject`: the record alone;
/// - `cancel_website`: one service by number, a website or sometimes an
///   app, of a record of two or more websites;
/// - `cancel_access`: websites and some apps by number, each recorded at
///   two providers.
///
/// One pair cannot be free of warnings: Guizhou takes a website's
/// cancellation only by fax or mail, so its `cancel_website` orders carry
/// the warning `operation.not_allowed_in_province` at `/websites` (and
/// nothing else).
///
/// ```
/// use beian::strategy::valid_order;
/// use beian::{Operation, Province};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let order = valid_order(Province::Zhejiang, Operation::AddAccess)
///     .new_tree(&mut runner)
///     .map_err(|e| e.to_string())?
///     .current();
/// assert_eq!(order.operation, Some(Operation::AddAccess));
/// assert!(order.existing.is_some());
/// assert!(beian::validate(&order).is_ok());
/// # Ok::<(), String>(())
/// ```
pub fn valid_order(province: Province, operation: Operation) -> impl Strategy<Value = Application> {
    (
        select(FilingType::ALL).prop_flat_map(move |t| valid_application(province, t)),
        any::<u64>(),
    )
        .prop_map(move |(app, choice)| order(app, operation, choice))
}

/// [`valid_order`] over all 31 provinces and every operation.
pub fn any_valid_order() -> impl Strategy<Value = Application> {
    let pairs: Vec<(Province, Operation)> = Province::ALL
        .iter()
        .flat_map(|p| Operation::ALL.iter().map(move |o| (*p, *o)))
        .collect();
    select(pairs).prop_flat_map(|(province, operation)| valid_order(province, operation))
}

/// The subject number of a record: `浙ICP备2019012345号`, with the
/// abbreviation the province's numbers use (`黔`, not `贵`).
fn subject_number(province: Province, choice: u64) -> String {
    let abbreviation = RULES
        .icp_abbreviations(province)
        .first()
        .copied()
        .unwrap_or_else(|| province.abbreviation());
    format!(
        "{abbreviation}ICP备{}{:06}号",
        2010 + choice % 16,
        choice / 16 % 999_999 + 1
    )
}

/// A recorded website from a website of the application.
fn recorded(website: &Website, icp_number: String, providers: &[&str]) -> RecordedWebsite {
    RecordedWebsite {
        name: website.name.clone(),
        domains: website.domains.clone(),
        homepage: website.homepage.clone(),
        content: website.content.clone(),
        manager: website.manager.clone(),
        remarks: website.remarks.clone(),
        icp_number,
        access_providers: providers.iter().map(|p| (*p).to_owned()).collect(),
    }
}

/// A recorded app from an app of the application.
fn recorded_app(app: &App, icp_number: String, providers: &[&str]) -> RecordedApp {
    RecordedApp {
        kind: app.kind,
        name: app.name.clone(),
        platforms: app.platforms.clone(),
        mini_program_id: app.mini_program_id.clone(),
        domains: app.domains.clone(),
        content: app.content.clone(),
        manager: app.manager.clone(),
        remarks: app.remarks.clone(),
        icp_number,
        access_providers: providers.iter().map(|p| (*p).to_owned()).collect(),
    }
}

/// The kind letter of an app's number: `A` an app, `X` a mini program,
/// `K` a quick app.
fn letter(kind: Option<AppKind>) -> &'static str {
    match kind {
        Some(AppKind::MiniProgram) => "X",
        Some(AppKind::QuickApp) => "K",
        Some(AppKind::App) | None => "A",
    }
}

/// A website name of the building blocks that no website of the order or
/// the record has; an entity's starts as its websites do, with its short
/// name, so that it stays related to the subject.
fn unused_name(app: &Application, choice: u64) -> Option<String> {
    let recorded = app
        .existing
        .iter()
        .flat_map(|e| e.websites.iter().map(|w| w.name.as_str()));
    let taken: Vec<&str> = app.websites.iter().map(|w| w.name.as_str()).chain(recorded).collect();
    let prefix: String = match app.filing_type() {
        Some(FilingType::Entity) => taken.first()?.chars().take(2).collect(),
        _ => String::new(),
    };
    let prefix = prefix.as_str();
    let all: Vec<String> = TOPICS
        .iter()
        .flat_map(|t| KINDS.iter().map(move |k| format!("{prefix}{t}{k}")))
        .collect();
    let start = (choice % all.len() as u64) as usize;
    (0..all.len())
        .map(|k| &all[(start + k) % all.len()])
        .find(|n| !taken.contains(&n.as_str()))
        .cloned()
}

/// A domain name no website of the application or its record has.
fn unused_domain(app: &Application, choice: u64) -> String {
    let taken: Vec<&str> = app
        .websites
        .iter()
        .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
        .chain(app.existing.iter().flat_map(|e| {
            e.websites
                .iter()
                .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
        }))
        .collect();
    (0..)
        .map(|k: u64| format!("filed{}x{k}.cn", choice % 1000))
        .find(|n| !taken.contains(&n.as_str()))
        .unwrap_or_default()
}

/// The same address, another room: `…2幢301室` becomes `…2幢302室`.
fn other_room(address: &str, choice: u64) -> String {
    let Some(body) = address.strip_suffix('室') else {
        return format!("{address}{}室", choice % 900 + 101);
    };
    let digits = body.chars().rev().take_while(char::is_ascii_digit).count();
    let (head, room) = body.split_at(body.len() - digits);
    let room: u64 = room.parse().unwrap_or(0);
    let new = (room.saturating_sub(101) + 1 + choice % 50) % 2000 + 101;
    format!("{head}{new}室")
}

/// The order of an operation derived from a valid first filing.
fn order(first: Application, operation: Operation, choice: u64) -> Application {
    let Some(province) = first.province else {
        return first;
    };
    if operation == Operation::FirstFiling {
        return first;
    }
    let bits = choice.rotate_right(23);
    let number = subject_number(province, choice);
    let site = |k: usize| format!("{number}-{}", k + 1);
    let provider = |k: usize| PROVIDERS[(bits as usize + k) % PROVIDERS.len()];
    let hosting_provider = match &first.hosting {
        Some(Hosting::CloudServer(s)) => s.provider.clone(),
        _ => String::new(),
    };
    // The providers a recorded website is accessed by: one or two, never
    // the order's own for an access order (it is the new one).
    let providers = |k: usize| -> Vec<&'static str> {
        let mut out: Vec<&str> = match operation {
            Operation::CancelAccess => vec![provider(k), provider(k + 1)],
            _ if bits >> (k + 8) & 1 == 1 => vec![provider(k), provider(k + 1)],
            _ => vec![provider(k)],
        };
        if operation == Operation::AddAccess {
            out.retain(|p| !p.eq_ignore_ascii_case(hosting_provider.trim()));
            if out.is_empty() {
                out.push(provider(k + 1));
            }
        }
        out
    };
    let subject = first.subject.clone();
    let mut record = Existing {
        subject_number: number.clone(),
        subject: subject.clone(),
        websites: Vec::new(),
        apps: Vec::new(),
    };
    let mut order = Application {
        operation: Some(operation),
        ..first.clone()
    };

    // The record: the application's websites, numbered, except for an add
    // order, whose websites are new; a website of its own where the
    // operation needs one more.
    let filed = operation != Operation::AddWebsite;
    if filed {
        for (k, w) in first.websites.iter().enumerate() {
            record.websites.push(recorded(w, site(k), &providers(k)));
        }
    }
    let extra = match operation {
        Operation::AddWebsite => 1 + (bits >> 1 & 1) as usize,
        Operation::CancelWebsite if record.websites.len() < 2 => 1,
        _ => (bits & 1) as usize,
    };
    if let Some(template) = first.websites.first() {
        for _ in 0..extra {
            order.existing = Some(record.clone());
            let k = record.websites.len();
            let mut w = template.clone();
            w.name = unused_name(&order, choice).unwrap_or_default();
            let mut domain = template.domains.first().cloned().unwrap_or_default();
            domain.name = unused_domain(&order, choice);
            w.homepage = format!("https://www.{}/", domain.name);
            w.domains = vec![domain];
            record.websites.push(recorded(&w, site(k), &providers(k)));
        }
    }
    // The record's apps: the application's, numbered after the websites
    // (one serial per subject), except for an add order, whose apps are new.
    let app_number = |j: usize| {
        let k = record.websites.len() + j;
        format!("{number}-{}{}", k + 1, letter(first.apps.get(j).and_then(|a| a.kind)))
    };
    let app_numbers: Vec<String> = (0..first.apps.len()).map(app_number).collect();
    if filed {
        for (j, a) in first.apps.iter().enumerate() {
            let k = record.websites.len() + j;
            record.apps.push(recorded_app(a, app_numbers[j].clone(), &providers(k)));
        }
    }
    order.existing = Some(record);
    // The apps the order names by number: all of an access order's, a
    // subset of a change's, one instead of the website of some
    // cancellations.
    let apps_numbered = |chosen: &[usize]| -> Vec<App> {
        chosen
            .iter()
            .filter_map(|j| first.apps.get(*j).map(|a| (j, a)))
            .map(|(j, a)| App {
                icp_number: app_numbers[*j].clone(),
                ..a.clone()
            })
            .collect()
    };
    let apps_by_number = |chosen: &[usize]| -> Vec<App> {
        chosen
            .iter()
            .map(|j| App {
                // Sometimes with its kind, which a number alone may carry.
                kind: first.apps.get(*j).and_then(|a| a.kind).filter(|_| bits >> 13 & 1 == 1),
                icp_number: app_numbers[*j].clone(),
                ..App::default()
            })
            .collect()
    };
    let m = first.apps.len();
    let chosen_apps: Vec<usize> = (0..m).filter(|j| bits >> (j + 14) & 1 == 1).collect();

    // The websites the order names by number: a non-empty subset.
    let n = first.websites.len();
    let mut chosen: Vec<usize> = (0..n).filter(|k| bits >> (k + 2) & 1 == 1).collect();
    if chosen.is_empty() {
        chosen.push((bits as usize >> 5) % n.max(1));
    }
    let numbered = |chosen: &[usize]| -> Vec<Website> {
        chosen
            .iter()
            .filter_map(|k| first.websites.get(*k).map(|w| (k, w)))
            .map(|(k, w)| Website {
                icp_number: site(*k),
                ..w.clone()
            })
            .collect()
    };
    let by_number = |chosen: &[usize]| -> Vec<Website> {
        chosen
            .iter()
            .map(|k| Website {
                icp_number: site(*k),
                ..Website::default()
            })
            .collect()
    };
    let changed_subject = |s: &Option<Subject>| {
        s.clone().map(|mut s| {
            s.mailing_address = other_room(&s.mailing_address, choice);
            s
        })
    };
    match operation {
        Operation::FirstFiling | Operation::AddWebsite => {}
        Operation::AddAccess => {
            order.websites = numbered(&(0..n).collect::<Vec<_>>());
            order.apps = apps_numbered(&(0..m).collect::<Vec<_>>());
        }
        Operation::ChangeSubject => {
            order.subject = changed_subject(&subject);
            order.websites.clear();
            order.apps.clear();
            order.hosting = None;
        }
        Operation::ChangeWebsite | Operation::ChangeFiling => {
            order.websites = numbered(&chosen);
            order.apps = apps_numbered(&chosen_apps);
            order.hosting = None;
            order.subject = if operation == Operation::ChangeFiling {
                changed_subject(&subject)
            } else {
                None
            };
            // A change of the filing may leave its websites as recorded.
            if operation == Operation::ChangeWebsite || bits >> 12 & 1 == 1 {
                let name = unused_name(&order, choice.rotate_left(7));
                if let (Some(w), Some(name)) = (order.websites.first_mut(), name) {
                    w.name = name;
                }
            }
        }
        Operation::CancelSubject => {
            order.subject = None;
            order.websites.clear();
            order.apps.clear();
            order.hosting = None;
        }
        Operation::CancelWebsite => {
            // One service: a website, or sometimes an app.
            order.subject = None;
            order.hosting = None;
            match chosen_apps.first() {
                Some(j) if bits >> 20 & 1 == 1 => {
                    order.websites.clear();
                    order.apps = apps_by_number(&[*j]);
                }
                _ => {
                    chosen.truncate(1);
                    order.websites = by_number(&chosen);
                    order.apps.clear();
                }
            }
        }
        Operation::CancelAccess => {
            order.subject = None;
            order.websites = by_number(&chosen);
            order.apps = apps_by_number(&chosen_apps);
            order.hosting = None;
        }
    }
    order
}

macro_rules! operation_mutation_kinds {
    ($( $(#[$doc:meta])* $variant:ident => $code:ident, )*) => {
        /// A way to break a valid order ([`valid_order`]) against the
        /// filing on record, with the finding code it must cause.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum OperationMutationKind {
            $( $(#[$doc])* $variant, )*
        }

        impl OperationMutationKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [OperationMutationKind] = &[$(OperationMutationKind::$variant,)*];

            /// The code the mutation must cause.
            pub fn code(self) -> Code {
                match self {
                    $( OperationMutationKind::$variant => Code::$code, )*
                }
            }
        }
    };
}

operation_mutation_kinds! {
    /// An add order whose subject, or an access order whose websites,
    /// differ from the record: the record's mailing address, or a recorded
    /// website's name, is changed.
    RecordMismatch => OperationRecordMismatch,
    /// Something that never changes does: the record's subject holds
    /// another certificate number (an add or access order), the record is
    /// another province's (a subject change or cancellation), or a filed
    /// website's domain is not among the recorded ones (a website change).
    ImmutableField => OperationImmutableField,
    /// A number that is not the record's: a website of the order names a
    /// site serial that is not on record, or (an order that names no
    /// website) a recorded website's number is under another subject
    /// number.
    UnknownNumber => OperationUnknownNumber,
    /// A change to another subject, which every province refuses or
    /// leaves uncertain (the subject's certificate number changes, with the
    /// person's every copy), or an `add_website` order for a subject with
    /// no accessed service, where the province cancels such a subject
    /// first.
    NotAllowedInProvince => OperationNotAllowedInProvince,
    /// A change of an entity into a person (its principal), where the
    /// province does not allow it.
    NotAllowedForSubject => OperationNotAllowedForSubject,
    /// Two orders in one: a filed website (with a number) in an add order,
    /// or a new website (without one) in an access or change order.
    Combined => OperationCombined,
    /// A cancellation that leaves the subject empty: the last website on
    /// record cancelled, or a website's last access provider.
    LeavesEmptySubject => OperationLeavesEmptySubject,
    /// A change order whose data equals the record.
    NothingChanged => OperationNothingChanged,
    /// A section or value the operation requires is missing: the record's
    /// subject number, a cancelled website's number, the subject of a
    /// subject change.
    SectionRequired => FieldRequired,
    /// A section or value the operation forbids is given: a record for a
    /// first filing, hosting for a change or a cancellation, the subject
    /// for a website change or a cancellation, websites for a subject
    /// change, a name for a website given by its number.
    SectionNotAllowed => FieldNotAllowed,
    /// An added website with the name of a recorded one, where the
    /// province refuses it.
    WebsiteNameOnRecord => OperationWebsiteNameOnRecord,
    /// An app's number that is not the record's: an app of the order
    /// names a serial, of its kind, that is not on record, or (an order
    /// that names no app) a recorded app's number is under another subject
    /// number.
    UnknownAppNumber => OperationUnknownNumber,
    /// A recorded website left without an access provider beside an add
    /// or access order, where the province asks to settle it first.
    EmptyServiceOnRecord => OperationEmptyServiceOnRecord,
}

/// A mutation of an order: an [`OperationMutationKind`] and a choice of
/// where to apply it and of the values it brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OperationMutation {
    kind: OperationMutationKind,
    choice: u64,
}

/// Random order mutations of every kind.
pub fn operation_mutation() -> impl Strategy<Value = OperationMutation> {
    (select(OperationMutationKind::ALL), any::<u64>()).prop_map(|(kind, choice)| OperationMutation::new(kind, choice))
}

/// A valid order ([`any_valid_order`]) broken by one of the mutations that
/// apply to it, with the finding it must cause.
///
/// ```
/// use beian::strategy::mutated_order;
/// use proptest::prelude::*;
/// use proptest::test_runner::{Config, TestRunner};
///
/// let mut runner = TestRunner::new(Config { cases: 8, ..Config::default() });
/// runner
///     .run(&mutated_order(), |(order, expected)| {
///         let report = beian::validate(&order);
///         prop_assert!(
///             report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path),
///             "{:?} not in {:#?}",
///             expected,
///             report.findings
///         );
///         Ok(())
///     })
///     .map_err(|e| e.to_string())?;
/// # Ok::<(), String>(())
/// ```
pub fn mutated_order() -> impl Strategy<Value = (Application, ExpectedFinding)> {
    (any_valid_order(), any::<u64>(), any::<Index>()).prop_filter_map("no mutation applies", |(order, choice, pick)| {
        let mut applicable: Vec<(Application, ExpectedFinding)> = OperationMutationKind::ALL
            .iter()
            .filter_map(|kind| {
                let mut mutated = order.clone();
                let expected = OperationMutation::new(*kind, choice).apply(&mut mutated)?;
                Some((mutated, expected))
            })
            .collect();
        (!applicable.is_empty()).then(|| applicable.swap_remove(pick.index(applicable.len())))
    })
}

/// Another certificate number of the same kind and form: another order
/// digit of a resident ID (the birth date stays), another last identifier
/// character of a credit code, another digit of an organisation code, each
/// with its check character.
fn other_certificate_number(certificate: &Certificate, choice: u64) -> Option<String> {
    let number = certificate.number.as_str();
    if !number.is_ascii() {
        return None;
    }
    let digit = |c: u8| char::from(b'0' + (u64::from(c.wrapping_sub(b'0')) + 1 + choice % 9) as u8 % 10);
    let bytes = number.as_bytes();
    match (certificate.kind?, number.len()) {
        (CertificateKind::ResidentIdCard, 18) => Some(resident_id(&format!(
            "{}{}{}",
            number.get(..14)?,
            digit(*bytes.get(14)?),
            number.get(15..17)?
        ))),
        (CertificateKind::OrganizationCode, 10) => Some(organization_code(&format!(
            "{}{}",
            number.get(..7)?,
            digit(*bytes.get(7)?)
        ))),
        (CertificateKind::ResidentIdCard | CertificateKind::OrganizationCode, _) => None,
        (_, 18) => {
            let alphabet = super::valid::USCC_ALPHABET;
            let at = alphabet.iter().position(|a| Some(a) == bytes.get(16))?;
            let new = alphabet.get((at + 1 + (choice % 9) as usize) % alphabet.len())?;
            Some(credit_code(&format!("{}{}", number.get(..16)?, char::from(*new))))
        }
        _ => None,
    }
}

/// The number of a site of the record that the record does not have.
fn unrecorded_site(existing: &Existing) -> String {
    let subject = existing.subject_number.trim();
    (1..)
        .map(|k: u32| format!("{subject}-{k}"))
        .find(|n| !existing.websites.iter().any(|w| w.icp_number.trim() == n))
        .unwrap_or_default()
}

impl OperationMutation {
    /// A mutation of this kind; `choice` picks where it applies and the
    /// values it brings.
    pub fn new(kind: OperationMutationKind, choice: u64) -> OperationMutation {
        OperationMutation { kind, choice }
    }

    /// The kind of mutation.
    pub fn kind(&self) -> OperationMutationKind {
        self.kind
    }

    /// The code the mutation must cause.
    pub fn code(&self) -> Code {
        self.kind.code()
    }

    /// Applies the mutation to an order made by [`valid_order`], and
    /// returns the finding it must cause; `None`, leaving the order as it
    /// was, when the mutation does not apply to it (to its operation, its
    /// province's rules or its record).
    pub fn apply(&self, order: &mut Application) -> Option<ExpectedFinding> {
        let mut mutated = order.clone();
        let (code, path) = self.edit(&mut mutated)?;
        *order = mutated;
        Some(ExpectedFinding { code, path })
    }

    /// An index below `len`, from the choice.
    fn pick(&self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            (self.choice % len as u64) as usize
        }
    }

    /// Makes the edit; returns the code and path, or `None` when the
    /// mutation does not apply.
    fn edit(&self, order: &mut Application) -> Option<(Code, String)> {
        use Operation as O;
        use OperationMutationKind as K;
        let province = order.province?;
        let operation = order.operation();
        let rules = province_rules(province);
        let code = self.kind.code();
        let i = self.pick(order.websites.len());
        let path = match (self.kind, operation) {
            (K::RecordMismatch, O::AddWebsite) => {
                let recorded = order.existing.as_mut()?.subject.as_mut()?;
                recorded.mailing_address = other_room(&recorded.mailing_address, self.choice);
                "/subject/mailing_address".into()
            }
            (K::RecordMismatch, O::AddAccess) => {
                let name = unused_name(order, self.choice)?;
                let number = order.websites.get(i)?.icp_number.clone();
                let existing = order.existing.as_mut()?;
                existing.websites.iter_mut().find(|w| w.icp_number == number)?.name = name;
                format!("/websites/{i}/name")
            }

            (K::ImmutableField, O::AddWebsite | O::AddAccess) => {
                let certificate = order.existing.as_mut()?.subject.as_mut()?.certificate.as_mut()?;
                certificate.number = other_certificate_number(certificate, self.choice)?;
                "/subject/certificate/number".into()
            }
            (K::ImmutableField, O::ChangeSubject | O::CancelSubject) => {
                // The record is another province's: its subject number and
                // its websites' numbers, consistently.
                let existing = order.existing.as_mut()?;
                let own = existing.subject_number.trim().chars().next()?;
                let others: Vec<Province> = Province::ALL.iter().copied().filter(|p| *p != province).collect();
                let other = *others.get(self.pick(others.len()))?;
                let abbreviation = *RULES.icp_abbreviations(other).first()?;
                let swap = |n: &mut String| *n = n.replacen(own, abbreviation.encode_utf8(&mut [0; 4]), 1);
                swap(&mut existing.subject_number);
                for w in &mut existing.websites {
                    swap(&mut w.icp_number);
                }
                for a in &mut existing.apps {
                    swap(&mut a.icp_number);
                }
                "/province".into()
            }
            (K::ImmutableField, O::ChangeWebsite | O::ChangeFiling) => {
                let website = order.websites.get(i)?;
                let (number, j) = (website.icp_number.clone(), self.pick(website.domains.len()));
                let domain = unused_domain(order, self.choice);
                let existing = order.existing.as_mut()?;
                let recorded = existing.websites.iter_mut().find(|w| w.icp_number == number)?;
                recorded.domains.get_mut(j)?.name = domain;
                format!("/websites/{i}/domains/{j}/name")
            }

            (
                K::UnknownNumber,
                O::AddAccess | O::ChangeWebsite | O::ChangeFiling | O::CancelWebsite | O::CancelAccess,
            ) => {
                let number = unrecorded_site(order.existing.as_ref()?);
                order.websites.get_mut(i)?.icp_number = number;
                format!("/websites/{i}/icp_number")
            }
            (K::UnknownNumber, O::AddWebsite | O::ChangeSubject | O::CancelSubject) => {
                let existing = order.existing.as_mut()?;
                let k = self.pick(existing.websites.len());
                // Another last digit of the subject serial.
                let number = existing.websites.get(k)?.icp_number.clone();
                let at = number.find("号-")?;
                let last = number.get(..at)?.chars().last()?.to_digit(10)?;
                let other = format!("{}{}{}", number.get(..at - 1)?, (last + 1) % 10, number.get(at..)?);
                existing.websites.get_mut(k)?.icp_number = other;
                format!("/existing/websites/{k}/icp_number")
            }

            (K::NotAllowedInProvince, O::ChangeSubject) => {
                let subject = order.subject.as_mut()?;
                let new = other_certificate_number(subject.certificate.as_ref()?, self.choice)?;
                // A personal filer's copy as principal changes with them.
                if subject.filing_type()? == FilingType::Personal
                    && let Some(p) = subject.principal.as_mut().and_then(|p| p.certificate.as_mut())
                {
                    p.number = new.clone();
                }
                subject.certificate.as_mut()?.number = new;
                "/subject/certificate/number".into()
            }
            (K::NotAllowedInProvince, O::AddWebsite)
                if rules
                    .empty_subject
                    .as_ref()
                    .is_some_and(|(p, _)| *p == crate::rules::operations::EmptySubject::CancelFirst)
                    && rules.empty_service_on_record.is_none() =>
            {
                for w in &mut order.existing.as_mut()?.websites {
                    w.access_providers.clear();
                }
                "/existing".into()
            }

            (K::NotAllowedForSubject, O::ChangeSubject) => {
                let subject = order.subject.as_mut()?;
                if subject.filing_type()? != FilingType::Entity {
                    return None;
                }
                match rules.subject_change.as_ref().and_then(|(e, _)| e.entity_to_personal) {
                    Some(EntityToPersonal::Uncertain) => return None,
                    Some(EntityToPersonal::IndividualBusinessToLegalRepresentative)
                        if subject.certificate.as_ref()?.number.starts_with("92") =>
                    {
                        return None;
                    }
                    _ => {}
                }
                let principal = subject.principal.clone()?;
                let mailing_address = subject.mailing_address.clone();
                *subject = Subject {
                    kind: Some(SubjectKind::Personal),
                    name: principal.name,
                    certificate: principal.certificate,
                    mailing_address,
                    mobile: principal.mobile,
                    emergency_phone: principal.emergency_phone,
                    email: principal.email,
                    mobile_province: principal.mobile_province,
                    ..Subject::default()
                };
                "/subject/kind".into()
            }

            (K::Combined, O::AddWebsite) => {
                let number = unrecorded_site(order.existing.as_ref()?);
                order.websites.get_mut(i)?.icp_number = number;
                format!("/websites/{i}/icp_number")
            }
            (K::Combined, O::AddAccess | O::ChangeWebsite | O::ChangeFiling) => {
                order.websites.get_mut(i)?.icp_number.clear();
                format!("/websites/{i}")
            }

            (K::LeavesEmptySubject, O::CancelWebsite) => {
                // The record keeps only the service the order cancels.
                let (number, path) = match (order.websites.first(), order.apps.first()) {
                    (Some(w), _) => (w.icp_number.clone(), "/websites/0"),
                    (None, Some(a)) => (a.icp_number.clone(), "/apps/0"),
                    (None, None) => return None,
                };
                let existing = order.existing.as_mut()?;
                existing.websites.retain(|w| w.icp_number == number);
                existing.apps.retain(|a| a.icp_number == number);
                path.into()
            }
            (K::LeavesEmptySubject, O::CancelAccess) => {
                let number = order.websites.get(i)?.icp_number.clone();
                let existing = order.existing.as_mut()?;
                let recorded = existing.websites.iter_mut().find(|w| w.icp_number == number)?;
                recorded.access_providers.truncate(1);
                format!("/websites/{i}")
            }

            (K::NothingChanged, O::ChangeSubject | O::ChangeWebsite | O::ChangeFiling) => {
                let existing = order.existing.clone()?;
                if operation != O::ChangeWebsite {
                    order.subject = existing.subject.clone();
                }
                for w in &mut order.websites {
                    let recorded = existing.websites.iter().find(|r| r.icp_number == w.icp_number)?;
                    w.name = recorded.name.clone();
                    w.remarks = recorded.remarks.clone();
                }
                String::new()
            }

            (K::SectionRequired, O::FirstFiling) => return None,
            (K::SectionRequired, O::ChangeSubject) if self.choice.is_multiple_of(2) => {
                order.subject = None;
                "/subject".into()
            }
            (K::SectionRequired, O::CancelWebsite | O::CancelAccess) if self.choice.is_multiple_of(2) => {
                order.websites.get_mut(i)?.icp_number.clear();
                format!("/websites/{i}/icp_number")
            }
            (K::SectionRequired, _) => {
                order.existing.as_mut()?.subject_number.clear();
                "/existing/subject_number".into()
            }

            (K::SectionNotAllowed, O::FirstFiling) => {
                let record = self::order(order.clone(), O::AddAccess, self.choice).existing?;
                order.existing = Some(record);
                "/existing".into()
            }
            (K::SectionNotAllowed, O::CancelWebsite | O::CancelAccess) if self.choice.is_multiple_of(3) => {
                let number = order.websites.get(i)?.icp_number.clone();
                let existing = order.existing.as_ref()?;
                let name = existing.websites.iter().find(|w| w.icp_number == number)?.name.clone();
                order.websites.get_mut(i)?.name = name;
                format!("/websites/{i}/name")
            }
            (K::SectionNotAllowed, O::ChangeWebsite | O::CancelSubject | O::CancelWebsite | O::CancelAccess)
                if self.choice % 3 == 1 =>
            {
                order.subject = order.existing.as_ref()?.subject.clone();
                "/subject".into()
            }
            (K::SectionNotAllowed, O::ChangeSubject | O::CancelSubject) if self.choice % 3 == 2 => {
                let number = order.existing.as_ref()?.websites.first()?.icp_number.clone();
                order.websites = vec![Website {
                    icp_number: number,
                    ..Website::default()
                }];
                "/websites".into()
            }
            (
                K::SectionNotAllowed,
                O::ChangeSubject
                | O::ChangeWebsite
                | O::ChangeFiling
                | O::CancelSubject
                | O::CancelWebsite
                | O::CancelAccess,
            ) => {
                order.hosting = Some(Hosting::CloudServer(CloudServer {
                    provider: "tencent".into(),
                    region: "ap-guangzhou".into(),
                    billing: Some(Billing::Prepaid),
                    purchased_months: Some(12),
                    expires_on: Some(super::valid::after(400)),
                }));
                "/hosting".into()
            }

            (K::UnknownAppNumber, _) if !order.apps.is_empty() && operation != O::AddWebsite => {
                let j = self.pick(order.apps.len());
                let existing = order.existing.as_ref()?;
                let kind = letter(order.apps.get(j)?.kind);
                let subject = existing.subject_number.trim();
                let taken = |n: &str| {
                    let serial = |s: &str| s.trim_end_matches(['A', 'X', 'K']).to_owned();
                    existing.websites.iter().any(|w| w.icp_number == n)
                        || existing.apps.iter().any(|a| serial(&a.icp_number) == serial(n))
                };
                let number = (1..).map(|k: u32| format!("{subject}-{k}")).find(|n| !taken(n))?;
                order.apps.get_mut(j)?.icp_number = format!("{number}{kind}");
                format!("/apps/{j}/icp_number")
            }
            (K::UnknownAppNumber, O::ChangeSubject | O::CancelSubject) if !order.existing.as_ref()?.apps.is_empty() => {
                let existing = order.existing.as_mut()?;
                let k = self.pick(existing.apps.len());
                // Another last digit of the subject serial.
                let number = existing.apps.get(k)?.icp_number.clone();
                let at = number.find("号-")?;
                let last = number.get(..at)?.chars().last()?.to_digit(10)?;
                let other = format!("{}{}{}", number.get(..at - 1)?, (last + 1) % 10, number.get(at..)?);
                existing.apps.get_mut(k)?.icp_number = other;
                format!("/existing/apps/{k}/icp_number")
            }

            (K::WebsiteNameOnRecord, O::AddWebsite) if rules.website_name_on_record.is_some() => {
                let name = order.websites.get(i)?.name.clone();
                let existing = order.existing.as_mut()?;
                let k = self.pick(existing.websites.len());
                existing.websites.get_mut(k)?.name = name;
                format!("/websites/{i}/name")
            }

            (K::EmptyServiceOnRecord, O::AddWebsite | O::AddAccess) if rules.empty_service_on_record.is_some() => {
                let named: Vec<String> = order.websites.iter().map(|w| w.icp_number.clone()).collect();
                let existing = order.existing.as_mut()?;
                let accessed = |w: &RecordedWebsite| !w.access_providers.is_empty();
                let candidates: Vec<usize> = (0..existing.websites.len())
                    .filter(|k| !named.contains(&existing.websites[*k].icp_number))
                    .collect();
                let k = *candidates.get(self.pick(candidates.len()))?;
                // An add order keeps another accessed service on record.
                if operation == O::AddWebsite && existing.websites.iter().filter(|w| accessed(w)).count() < 2 {
                    return None;
                }
                existing.websites.get_mut(k)?.access_providers.clear();
                format!("/existing/websites/{k}")
            }
            _ => return None,
        };
        Some((code, path))
    }
}
