//! App checks (App备案): the kind an access provider files, the app names,
//! the platforms with their identifiers and signing data (App特征信息), mini
//! program ids and icons (`rules/apps.toml`).
//!
//! What apps share with websites is checked by those families: the
//! domains an app calls by [`domain`](super::domain), content and
//! pre-approvals by [`content`](super::content), the responsible person by
//! [`person`](super::person) and [`certificate`](super::certificate), an
//! app's filing number by [`number`](super::number), the required fields by
//! [`input`](super::input).
//!
//! App names are read as website names are (see
//! [`rules::names`](crate::rules::names)): folded, with the website names'
//! separators allowed and counted as nothing.

use std::borrow::Cow;

use crate::app::{
    AndroidPackageName, BundleId, DigestAlgorithm, Fingerprint, HarmonyBundleName, MiniProgramId, PublicKey,
};
use crate::application::{App, Hosting, Platform};
use crate::check::name::same_name;
use crate::check::{Context, MAX_CHARS, MAX_LIST, params};
use crate::code::Code;
use crate::rules::Rule;
use crate::rules::apps::{Identifier, IdentifierFormat};
use crate::rules::names::counts;
use crate::rules::words::{ListKind, Word};
use crate::text::fold_key;
use crate::vocabulary::{AppKind, FilingType, PlatformKind, PreApprovalCategory};

pub(crate) fn check(cx: &mut Context<'_>) {
    kinds(cx);
    names(cx);
    for (i, app) in cx.apps() {
        platforms(cx, i, app);
        mini_program_id(cx, i, app);
        icon(cx, i, app);
    }
}

/// The English name of a kind of app, for messages.
pub(crate) fn kind_name(kind: AppKind) -> &'static str {
    match kind {
        AppKind::App => "app",
        AppKind::MiniProgram => "mini program",
        AppKind::QuickApp => "quick app",
    }
}

/// `app.kind_not_allowed`: a kind the cloud server's provider does not file.
fn kinds(cx: &mut Context<'_>) {
    let data = cx.rules;
    let Some(Hosting::CloudServer(server)) = &cx.app.hosting else {
        return;
    };
    let Some(provider) = data.hosting.provider(server.provider.trim()) else {
        return;
    };
    for (i, app) in cx.apps() {
        let Some(kind) = app.kind else { continue };
        if let Some(refusal) = data
            .apps
            .kinds
            .iter()
            .find(|r| r.provider == provider.id && r.refused.contains(&kind))
        {
            let params = params! {
                "kind" => kind.as_str(),
                "kind_name" => kind_name(kind),
                "provider" => provider.name.as_str(),
                "provider_zh" => provider.name_zh.as_str(),
                "reason" => refusal.reason.as_str(),
            };
            cx.flag(
                Code::AppKindNotAllowed,
                format!("/apps/{i}/kind"),
                &refusal.rule,
                params,
            );
        }
    }
}

/// A folded name without its separators: what generic words and names
/// across platforms are compared on.
fn bare<'a>(key: &'a str, separators: &[char]) -> Cow<'a, str> {
    if key.chars().any(|c| separators.contains(&c)) {
        Cow::Owned(key.chars().filter(|c| !separators.contains(c)).collect())
    } else {
        Cow::Borrowed(key)
    }
}

/// The app names: length and characters, the word lists, the generic
/// names, one name across platforms and across apps.
fn names(cx: &mut Context<'_>) {
    let data = cx.rules;
    let rules = &data.apps.names;
    let separators = data.websites.names.separators();
    let mut seen: Vec<(usize, Cow<'_, str>)> = Vec::new();
    for (i, app) in cx.apps() {
        let name = app.name.trim();
        // A blank name is `field.required`; a name over the limit `input.too_large`.
        if name.is_empty() || name.chars().nth(MAX_CHARS).is_some() {
            continue;
        }
        let path = || format!("/apps/{i}/name");
        let key = fold_key(name);
        characters(cx, i, name, &key);
        words(cx, i, app, name, &key);
        for (j, platform) in app.platforms.iter().enumerate().take(MAX_LIST) {
            let shown = platform.name.trim();
            if !shown.is_empty() && shown.chars().nth(MAX_CHARS).is_none() && !same_name(name, shown, separators) {
                let params = params! {
                    "name" => name,
                    "shown" => shown,
                    "platform" => platform.platform.map(PlatformKind::as_str).unwrap_or_default(),
                };
                let path = format!("/apps/{i}/platforms/{j}/name");
                cx.flag(Code::AppNameInconsistent, path, &rules.inconsistent, params);
            }
        }
        let bare_key = bare(&key, separators).into_owned();
        match seen.iter().find(|(_, k)| **k == *bare_key) {
            Some((first, _)) => {
                let params = params! { "name" => name, "other" => format!("/apps/{first}/name") };
                cx.flag(Code::AppNameDuplicate, path(), &rules.duplicate, params);
            }
            None => seen.push((i, Cow::Owned(bare_key))),
        }
    }
}

/// Length and special characters, in one pass.
fn characters(cx: &mut Context<'_>, i: usize, name: &str, key: &str) {
    let data = cx.rules;
    let rules = &data.apps.names;
    let separators = data.websites.names.separators();
    let mut length = 0usize;
    let mut special: Vec<String> = Vec::new();
    for c in key.chars() {
        if counts(c) {
            length += 1;
        } else if !separators.contains(&c) && special.len() < MAX_LIST && !special.iter().any(|s| s.starts_with(c)) {
            special.push(c.to_string());
        }
    }
    let (min, rule) = &rules.min_length;
    if length < *min {
        let params = params! { "name" => name, "length" => length, "min_length" => *min };
        cx.flag(Code::AppNameTooShort, format!("/apps/{i}/name"), rule, params);
    }
    if !special.is_empty() {
        let params = params! { "name" => name, "characters" => special };
        cx.flag(
            Code::AppNameSpecialCharacters,
            format!("/apps/{i}/name"),
            &rules.characters,
            params,
        );
    }
}

/// The word lists: the website lists that apply to app names, then the
/// app names' own (generic words, marketing words); each word once.
fn words(cx: &mut Context<'_>, i: usize, app: &App, name: &str, key: &str) {
    let data = cx.rules;
    let rules = &data.apps.names;
    let website_lists = &data.websites.names.lists;
    let separators = data.websites.names.separators();
    let filing_type = cx.filing_type();
    let subject_key = cx
        .app
        .subject
        .as_ref()
        .map(|s| fold_key(s.name.trim()).into_owned())
        .unwrap_or_default();
    let held = |c: PreApprovalCategory| app.pre_approvals.iter().take(MAX_LIST).any(|p| p.category == Some(c));
    let bare_key = bare(key, separators);
    // (the list's kind, the word, the rule the finding names)
    let mut hits: Vec<(ListKind, &Word, Rule)> = Vec::new();
    for (index, app_rule) in &rules.website_lists {
        let Some(list) = website_lists.get(*index) else {
            continue;
        };
        if !list.applies(&cx.facts) {
            continue;
        }
        for word in list.hits(key) {
            if hits.iter().any(|(_, w, _)| w.key == word.key) {
                continue;
            }
            let own_name = list.registered_name_exempt
                && filing_type == Some(FilingType::Entity)
                && subject_key.contains(word.key.as_str());
            let approved = list.kind == ListKind::PreApproval
                && filing_type != Some(FilingType::Personal)
                && word.category.is_some_and(held);
            if !own_name && !approved {
                // The app rule says why the list applies; the word's own
                // severity (a warning word) carries over.
                let rule = Rule {
                    id: app_rule.id.clone(),
                    severity: app_rule.severity.or(word.rule.severity),
                };
                hits.push((list.kind, word, rule));
            }
        }
    }
    for list in &rules.lists {
        if !list.applies(&cx.facts) {
            continue;
        }
        let target = if list.kind == ListKind::Generic {
            &*bare_key
        } else {
            key
        };
        for word in list.hits(target) {
            if !hits.iter().any(|(_, w, _)| w.key == word.key) {
                hits.push((list.kind, word, word.rule.clone()));
            }
        }
    }
    for (kind, word, rule) in hits {
        let mut params = params! { "name" => name, "word" => word.text.as_str() };
        let code = match kind {
            ListKind::National => Code::AppNameNationalPrefix,
            ListKind::Forbidden => {
                let Some(filing_type) = filing_type else { continue };
                params.insert("filing_type".into(), filing_type.as_str().into());
                Code::AppNameForbiddenWord
            }
            ListKind::Sensitive => Code::AppNameSensitiveWord,
            ListKind::PreApproval => {
                let Some(category) = word.category else { continue };
                let approval = data.websites.content.category(category);
                params.insert("category".into(), category.as_str().into());
                params.insert("document".into(), approval.document.as_str().into());
                params.insert("authority".into(), approval.authority.as_str().into());
                Code::AppNamePreApprovalKeyword
            }
            ListKind::Generic => Code::AppNameGeneric,
            ListKind::Marketing => Code::AppNameMarketingWord,
        };
        if rule.id != word.rule.id {
            params.insert("word_rule".into(), word.rule.id.as_str().into());
        }
        cx.flag(code, format!("/apps/{i}/name"), &rule, params);
    }
}

/// Whether a platform fits a kind of app: an app runs on Android, iOS,
/// HarmonyOS or another system, a quick app on the quick-app engine, a
/// mini program on no platform of its own (an unknown kind takes any).
pub(crate) fn fits(kind: Option<AppKind>, platform: PlatformKind) -> bool {
    match kind {
        Some(AppKind::App) => platform != PlatformKind::QuickApp,
        Some(AppKind::QuickApp) => platform == PlatformKind::QuickApp,
        Some(AppKind::MiniProgram) => false,
        None => true,
    }
}

/// The platforms of an app: each once, each with its identifier (in its
/// platform's form), its public key and the fingerprint its form takes. A
/// platform that does not fit the kind is `field.not_allowed` (see
/// [`input`](super::input)) and not checked further.
fn platforms(cx: &mut Context<'_>, i: usize, app: &App) {
    let rules = &{ cx.rules }.apps;
    let mut seen: Vec<(PlatformKind, usize)> = Vec::new();
    for (j, platform) in app.platforms.iter().enumerate().take(MAX_LIST) {
        let Some(kind) = platform.platform.filter(|k| fits(app.kind, *k)) else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kind) {
            let params = params! { "platform" => kind.as_str(), "other" => format!("/apps/{i}/platforms/{first}") };
            let path = format!("/apps/{i}/platforms/{j}/platform");
            cx.flag(Code::AppPlatformDuplicate, path, &rules.platform_duplicate, params);
        } else {
            seen.push((kind, j));
        }
        let path = |field: &str| format!("/apps/{i}/platforms/{j}/{field}");
        let rule = rules.platform(kind);
        let missing = |field: &str| params! { "platform" => kind.as_str(), "field" => field };

        // The identifier.
        let field = rule.identifier;
        let value = identifier(platform, field).trim();
        if value.is_empty() {
            cx.flag(
                Code::AppPlatformDataMissing,
                path(field.as_str()),
                &rule.rule,
                missing(field.as_str()),
            );
        } else if value.chars().nth(MAX_CHARS).is_none() {
            let error = match rule.format {
                IdentifierFormat::Android => AndroidPackageName::parse(value).err().map(|e| {
                    (
                        Code::AppPackageNameFormat,
                        e.to_string(),
                        problem("package", e.reason()),
                    )
                }),
                IdentifierFormat::Ios => BundleId::parse(value)
                    .err()
                    .map(|e| (Code::AppBundleIdFormat, e.to_string(), problem("bundle", e.reason()))),
                IdentifierFormat::Harmonyos => HarmonyBundleName::parse(value)
                    .err()
                    .map(|e| (Code::AppBundleNameFormat, e.to_string(), problem("package", e.reason()))),
                IdentifierFormat::None => None,
            };
            if let Some((code, reason, problem)) = error {
                let mut params = params! { "platform" => kind.as_str(), "reason" => reason, "problem" => problem };
                params.insert(field.as_str().into(), value.into());
                cx.flag(code, path(field.as_str()), &rule.rule, params);
            }
        }

        // The public key.
        let key = platform.public_key.trim();
        if key.is_empty() {
            cx.flag(
                Code::AppPlatformDataMissing,
                path("public_key"),
                &rule.rule,
                missing("public_key"),
            );
        } else if key.chars().nth(MAX_CHARS).is_none()
            && let Err(e) = PublicKey::parse(key)
        {
            let params = params! { "reason" => e.to_string(), "problem" => problem("public_key", e.reason()) };
            cx.flag(Code::AppPublicKeyFormat, path("public_key"), &rules.public_key, params);
        }

        // The fingerprints: each given one of its field's algorithm; one the
        // platform's form takes is given.
        let mut accepted = false;
        for (field, algorithm, value) in signatures(platform) {
            let value = value.trim();
            if value.is_empty() || value.chars().nth(MAX_CHARS).is_some() {
                continue;
            }
            match Fingerprint::parse_as(value, algorithm) {
                Ok(_) => accepted |= rule.fingerprints.contains(&algorithm),
                Err(e) => {
                    let params = params! {
                        "field" => field,
                        "signature" => value,
                        "algorithm" => algorithm.to_string(),
                        "reason" => e.to_string(),
                        "problem" => problem("fingerprint", e.reason()),
                    };
                    cx.flag(Code::AppSignatureFormat, path(field), &rules.signatures, params);
                    // A malformed fingerprint is reported as such, not as missing.
                    accepted |= rule.fingerprints.contains(&algorithm);
                }
            }
        }
        if !accepted && let Some(first) = rule.fingerprints.first() {
            let field = signature_field(*first);
            cx.flag(Code::AppPlatformDataMissing, path(field), &rule.rule, missing(field));
        }
    }
}

/// The value of an identifier field of a platform.
pub(crate) fn identifier(platform: &Platform, field: Identifier) -> &str {
    match field {
        Identifier::PackageName => &platform.package_name,
        Identifier::BundleId => &platform.bundle_id,
        Identifier::BundleName => &platform.bundle_name,
    }
}

/// The fingerprint fields of a platform: (field, algorithm, value).
fn signatures(platform: &Platform) -> [(&'static str, DigestAlgorithm, &str); 3] {
    [
        ("signature_md5", DigestAlgorithm::Md5, &platform.signature_md5),
        ("signature_sha1", DigestAlgorithm::Sha1, &platform.signature_sha1),
        ("signature_sha256", DigestAlgorithm::Sha256, &platform.signature_sha256),
    ]
}

/// The field of a fingerprint algorithm.
pub(crate) fn signature_field(algorithm: DigestAlgorithm) -> &'static str {
    match algorithm {
        DigestAlgorithm::Md5 => "signature_md5",
        DigestAlgorithm::Sha1 => "signature_sha1",
        DigestAlgorithm::Sha256 => "signature_sha256",
    }
}

/// The id of a problem, for the Chinese messages: `package_empty_segment`.
fn problem(prefix: &str, reason: &str) -> String {
    format!("{prefix}_{}", reason.replace(' ', "_"))
}

/// A mini program's id.
fn mini_program_id(cx: &mut Context<'_>, i: usize, app: &App) {
    let id = app.mini_program_id.trim();
    if app.kind != Some(AppKind::MiniProgram) || id.is_empty() || id.chars().nth(MAX_CHARS).is_some() {
        return;
    }
    if let Err(e) = MiniProgramId::parse(id) {
        let rules = &{ cx.rules }.apps;
        let params = params! {
            "mini_program_id" => id,
            "reason" => e.to_string(),
            "problem" => problem("mini_program", e.reason()),
        };
        let path = format!("/apps/{i}/mini_program_id");
        cx.flag(Code::AppMiniProgramIdFormat, path, &rules.mini_program_id, params);
    }
}

/// The icon's size.
fn icon(cx: &mut Context<'_>, i: usize, app: &App) {
    let (max, rule) = &{ cx.rules }.apps.icon;
    if let Some(bytes) = app.icon_bytes
        && bytes > *max
    {
        let params = params! { "icon_bytes" => bytes, "max_bytes" => *max };
        cx.flag(Code::AppIconTooLarge, format!("/apps/{i}/icon_bytes"), rule, params);
    }
}
