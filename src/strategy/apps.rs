//! Apps in generated applications, and the mutations that break one of
//! their rules.
//!
//! A generated application has up to two apps: an app on one to three of
//! Android, iOS and HarmonyOS, a mini program (a WeChat AppID) or a quick
//! app. Each has a name of its own made of the same clean building blocks
//! as website names, the identifiers, public keys and fingerprints its
//! platforms' forms take, subdomains of the website's domains, content
//! open to the filing type, an icon within the limit and, for an entity,
//! its responsible person chosen as a website manager is.

use proptest::prelude::*;
use proptest::sample::{Index, subsequence};

use super::mutation::Mutation;
use super::profile::Profile;
use super::valid::{TOPICS, pick};
use crate::app::DigestAlgorithm;
use crate::application::{App, Application, CloudServer, Domain, Hosting, Person, Platform, Subject, Website};
use crate::code::Code;
use crate::ruleset::RuleSet;
use crate::vocabulary::{AppKind, Content, FilingType, PlatformKind, SubjectKind};

/// The second half of generated app names: with a topic, no word of the
/// name lists (`tests` below checks every pair in every province).
pub(crate) const APP_WORDS: &[&str] = &["助手", "打卡", "清单", "手账", "时光", "宝盒", "日记本"];

/// Third-party SDKs apps declare.
const SDKS: &[&str] = &[
    "com.tencent.mm.opensdk",
    "com.tencent.bugly",
    "com.umeng.analytics",
    "com.amap.api",
];

/// Prefixes of the domains an app calls, under a website's domain.
const HOSTS: &[&str] = &["api", "app", "m", "static.cdn"];

/// Random choices of one app.
#[derive(Clone, Debug)]
pub(crate) struct AppSeed {
    kind: AppKind,
    topic: Index,
    word: Index,
    /// An app's platforms (Android, iOS, HarmonyOS), at least one.
    platforms: Vec<PlatformKind>,
    /// The random bytes of keys, fingerprints and ids.
    bytes: u64,
    /// The spellings: hexadecimal or Base64 keys, colons in fingerprints,
    /// lower case, the name repeated on the platforms.
    style: (bool, bool, bool, bool),
    hosts: Vec<Index>,
    content: Vec<Content>,
    icon: Option<u32>,
    sdk: Option<Index>,
    /// Entities: the principal (`0`), the legal representative (`1`) or
    /// someone of their own (`2`); personal: whether the filer is repeated.
    manager: (u8, bool),
}

pub(crate) fn app_seed(profile: Profile) -> impl Strategy<Value = AppSeed> {
    let content = profile.content();
    let most = content.len().min(2);
    (
        (
            prop_oneof![
                3 => Just(AppKind::App),
                1 => Just(AppKind::MiniProgram),
                1 => Just(AppKind::QuickApp),
            ],
            any::<Index>(),
            any::<Index>(),
            subsequence(
                vec![PlatformKind::Android, PlatformKind::Ios, PlatformKind::Harmonyos],
                1..=3,
            ),
        ),
        (any::<u64>(), any::<(bool, bool, bool, bool)>()),
        (
            proptest::collection::vec(any::<Index>(), 0..=2),
            subsequence(content, 1..=most),
        ),
        (
            proptest::option::weighted(0.8, 1000u32..=102_400),
            proptest::option::of(any::<Index>()),
            (0u8..3, any::<bool>()),
        ),
    )
        .prop_map(
            |((kind, topic, word, platforms), (bytes, style), (hosts, content), (icon, sdk, manager))| AppSeed {
                kind,
                topic,
                word,
                platforms,
                bytes,
                style,
                hosts,
                content,
                icon,
                sdk,
                manager,
            },
        )
}

/// A small pseudo-random generator, so that one seed gives every byte an
/// app needs (keys of 256 bytes) without shrinking through them.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u8 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next()).collect()
    }
}

/// Hexadecimal digits of bytes.
pub(crate) fn hex(bytes: &[u8], lower: bool, colons: bool) -> String {
    let digits: Vec<String> = bytes
        .iter()
        .map(|b| if lower { format!("{b:02x}") } else { format!("{b:02X}") })
        .collect();
    digits.join(if colons { ":" } else { "" })
}

/// Base64 of bytes.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                let index = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The fingerprint a platform's form takes in the embedded rules.
fn digest_of(platform: PlatformKind) -> DigestAlgorithm {
    match platform {
        PlatformKind::Ios => DigestAlgorithm::Sha1,
        PlatformKind::Harmonyos => DigestAlgorithm::Sha256,
        PlatformKind::Android | PlatformKind::Other | PlatformKind::QuickApp => DigestAlgorithm::Md5,
    }
}

/// A platform's entry: its identifier, a public key (a 2048-bit modulus in
/// hexadecimal or Base64) and the fingerprint its form takes.
fn platform(
    kind: PlatformKind,
    package: &str,
    name: &str,
    bytes: &mut Bytes,
    style: (bool, bool, bool, bool),
) -> Platform {
    let (base64_key, colons, lower, repeat_name) = style;
    let mut modulus = bytes.take(256);
    if let Some(first) = modulus.first_mut() {
        *first |= 0x80; // a modulus, not a DER SEQUENCE
    }
    let public_key = if base64_key {
        base64(&modulus)
    } else {
        hex(&modulus, lower, false)
    };
    let algorithm = digest_of(kind);
    let fingerprint = hex(&bytes.take(algorithm.byte_len()), lower, colons);
    let mut entry = Platform {
        platform: Some(kind),
        name: if repeat_name { name.to_owned() } else { String::new() },
        public_key,
        ..Platform::default()
    };
    match kind {
        PlatformKind::Ios => entry.bundle_id = package.replace('_', "-"),
        PlatformKind::Harmonyos => entry.bundle_name = package.to_owned(),
        PlatformKind::Android | PlatformKind::Other | PlatformKind::QuickApp => {
            entry.package_name = package.to_owned();
        }
    }
    match algorithm {
        DigestAlgorithm::Md5 => entry.signature_md5 = fingerprint,
        DigestAlgorithm::Sha1 => entry.signature_sha1 = fingerprint,
        DigestAlgorithm::Sha256 => entry.signature_sha256 = fingerprint,
    }
    entry
}

/// The apps of a generated application. `person(slot)` makes the person
/// of a slot; app managers of their own take the slots from `first_slot`.
pub(crate) fn build(
    profile: Profile,
    seeds: &[AppSeed],
    subject: &Subject,
    websites: &[Website],
    person: &dyn Fn(usize) -> Person,
    principal_is_legal_representative: bool,
    first_slot: usize,
) -> Vec<App> {
    let entity = profile.filing_type == FilingType::Entity;
    let mut used: Vec<(usize, usize)> = Vec::new();
    let mut apps = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        // Distinct names: the next unused topic.
        let word = seed.word.index(APP_WORDS.len());
        let mut topic = seed.topic.index(TOPICS.len());
        while used.contains(&(topic, word)) {
            topic = (topic + 1) % TOPICS.len();
        }
        used.push((topic, word));
        let name = format!(
            "{}{}",
            TOPICS.get(topic).copied().unwrap_or("读书"),
            APP_WORDS.get(word).copied().unwrap_or("助手")
        );
        let mut bytes = Bytes(seed.bytes | 1);
        let package = format!("cn.app{:x}.n{i}", seed.bytes % 0xffff_ffff);
        let platforms: Vec<Platform> = match seed.kind {
            AppKind::App => seed
                .platforms
                .iter()
                .map(|k| platform(*k, &package, &name, &mut bytes, seed.style))
                .collect(),
            AppKind::QuickApp => vec![platform(
                PlatformKind::QuickApp,
                &package,
                &name,
                &mut bytes,
                seed.style,
            )],
            AppKind::MiniProgram => Vec::new(),
        };
        let mini_program_id = match seed.kind {
            AppKind::MiniProgram => format!("wx{}", hex(&bytes.take(8), true, false)),
            _ => String::new(),
        };
        // Domains under the website's, each once.
        let mut domains: Vec<Domain> = Vec::new();
        for host in &seed.hosts {
            let Some(site) = websites.first().and_then(|w| pick(&w.domains, host)) else {
                continue;
            };
            let prefix = pick(HOSTS, host).copied().unwrap_or("api");
            let name = format!("{prefix}.{}", site.name);
            if !domains.iter().any(|d| d.name == name) {
                domains.push(Domain { name, ..site.clone() });
            }
        }
        let (choice, copy) = seed.manager;
        let manager = if entity {
            let principal = || subject.principal.clone().unwrap_or_default();
            Some(match choice {
                _ if !principal_is_legal_representative && profile.manager_must_be_principal() => principal(),
                0 => principal(),
                1 => person(0),
                _ => person(first_slot + i),
            })
        } else {
            copy.then(|| person(0))
        };
        apps.push(App {
            kind: Some(seed.kind),
            name,
            platforms,
            mini_program_id,
            domains,
            content: seed.content.clone(),
            pre_approvals: Vec::new(),
            manager,
            remarks: String::new(),
            icon_bytes: seed.icon.map(u64::from),
            third_party_sdks: seed
                .sdk
                .as_ref()
                .and_then(|s| pick(SDKS, s))
                .map(|s| vec![(*s).to_owned()])
                .unwrap_or_default(),
            icp_number: String::new(),
        });
    }
    apps
}

/// Renames an app, and the platforms that repeat its name.
fn rename(app: &mut App, name: String) {
    for p in &mut app.platforms {
        if !p.name.is_empty() {
            p.name.clone_from(&name);
        }
    }
    app.name = name;
}

/// The usual abbreviation of the province's ICP numbers (`黔` for Guizhou).
fn icp_abbreviation(app: &Application) -> Option<char> {
    let rules = RuleSet::embedded();
    rules.icp_abbreviations(app.province?).first().copied()
}

impl Mutation {
    /// The mutations of the apps' rules: the app to mutate is chosen among
    /// the apps it applies to. Returns the path of the finding.
    pub(super) fn edit_app(&self, app: &mut Application, code: Code) -> Option<String> {
        let filing_type = app.filing_type()?;
        let personal = filing_type == FilingType::Personal;
        let subject_kind = app.subject.as_ref()?.kind?;
        // The index of an app that `applies`, by the choice.
        let choose = |app: &Application, applies: &dyn Fn(&App) -> bool| -> Option<usize> {
            let candidates: Vec<usize> = (0..app.apps.len()).filter(|i| applies(&app.apps[*i])).collect();
            candidates.get(self.pick(candidates.len())).copied()
        };
        let with_platform = |kind: PlatformKind| move |a: &App| a.platforms.iter().any(|p| p.platform == Some(kind));
        let path = match code {
            Code::AppNameTooShort
            | Code::AppNameSpecialCharacters
            | Code::AppNameNationalPrefix
            | Code::AppNameForbiddenWord
            | Code::AppNameSensitiveWord
            | Code::AppNamePreApprovalKeyword
            | Code::AppNameGeneric
            | Code::AppNameMarketingWord => {
                let i = choose(app, &|_| true)?;
                let a = app.apps.get_mut(i)?;
                let name = match code {
                    Code::AppNameTooShort => "账".to_owned(),
                    Code::AppNameSpecialCharacters => format!("{}🍅", a.name),
                    Code::AppNameNationalPrefix if subject_kind != SubjectKind::Government => format!("华夏{}", a.name),
                    Code::AppNameForbiddenWord if personal => format!("{}工作室", a.name),
                    Code::AppNameSensitiveWord => format!("{}赌博", a.name),
                    Code::AppNamePreApprovalKeyword => format!("{}新闻", a.name),
                    Code::AppNameGeneric => ["计算器", "手电筒", "壁纸"][(self.value() % 3) as usize].to_owned(),
                    Code::AppNameMarketingWord => format!("{}免费", a.name),
                    _ => return None,
                };
                rename(a, name);
                format!("/apps/{i}/name")
            }
            Code::AppNameDuplicate => {
                let last = app.apps.len().checked_sub(1).filter(|l| *l > 0)?;
                let name = app.apps.first()?.name.clone();
                rename(app.apps.get_mut(last)?, name);
                format!("/apps/{last}/name")
            }
            Code::AppNameInconsistent => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let shown = format!("{}Pro", a.name);
                a.platforms.first_mut()?.name = shown;
                format!("/apps/{i}/platforms/0/name")
            }
            Code::AppPackageNameFormat
            | Code::AppBundleIdFormat
            | Code::AppBundleNameFormat
            | Code::AppSignatureFormat => {
                let kind = match code {
                    Code::AppBundleIdFormat => PlatformKind::Ios,
                    Code::AppBundleNameFormat => PlatformKind::Harmonyos,
                    _ => PlatformKind::Android,
                };
                let i = choose(app, &with_platform(kind))?;
                let a = app.apps.get_mut(i)?;
                let j = a.platforms.iter().position(|p| p.platform == Some(kind))?;
                let p = a.platforms.get_mut(j)?;
                let field = match code {
                    Code::AppPackageNameFormat => {
                        p.package_name = "ledger".into();
                        "package_name"
                    }
                    Code::AppBundleIdFormat => {
                        p.bundle_id = p.bundle_id.replace('.', "_");
                        "bundle_id"
                    }
                    Code::AppBundleNameFormat => {
                        p.bundle_name = "exampletech.notes".into();
                        "bundle_name"
                    }
                    _ => {
                        // A SHA-1 in the MD5 field.
                        p.signature_md5 = hex(&self.value().to_be_bytes().repeat(3)[..20], false, false);
                        "signature_md5"
                    }
                };
                format!("/apps/{i}/platforms/{j}/{field}")
            }
            Code::AppPublicKeyFormat | Code::AppPlatformDataMissing => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let j = self.pick(a.platforms.len());
                let p = a.platforms.get_mut(j)?;
                if code == Code::AppPublicKeyFormat {
                    // A fingerprint pasted as the key.
                    p.public_key = hex(&self.value().to_be_bytes().repeat(2), false, true);
                } else {
                    p.public_key.clear();
                }
                format!("/apps/{i}/platforms/{j}/public_key")
            }
            Code::AppPlatformDuplicate => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let copy = a.platforms.first()?.clone();
                a.platforms.push(copy);
                format!("/apps/{i}/platforms/{}/platform", a.platforms.len() - 1)
            }
            Code::AppMiniProgramIdFormat => {
                let i = choose(app, &|a| a.kind == Some(AppKind::MiniProgram))?;
                let a = app.apps.get_mut(i)?;
                a.mini_program_id = format!("gh_{:012x}", self.value() % 0xffff_ffff_ffff);
                format!("/apps/{i}/mini_program_id")
            }
            Code::AppContentNotAllowedForPersonal | Code::AppPreApprovalMissing => {
                let content = if code == Code::AppContentNotAllowedForPersonal && personal {
                    Content::ECommerce
                } else if code == Code::AppPreApprovalMissing && !personal {
                    Content::News
                } else {
                    return None;
                };
                let i = choose(app, &|a| !a.content.contains(&content))?;
                let a = app.apps.get_mut(i)?;
                a.content.push(content);
                format!("/apps/{i}/content/{}", a.content.len() - 1)
            }
            Code::AppDomainTldNotApproved
            | Code::AppDomainHolderMismatch
            | Code::AppDomainNotRealNameVerified
            | Code::AppDomainExpired
            | Code::AppDomainInvalid
            | Code::AppDomainDuplicate => {
                let i = choose(app, &|a| !a.domains.is_empty())?;
                let stranger = self.stranger(app, app.province?).name;
                let a = app.apps.get_mut(i)?;
                let j = self.pick(a.domains.len());
                let field = match code {
                    Code::AppDomainTldNotApproved => {
                        a.domains.get_mut(j)?.name = format!("api{}.example.io", self.value() % 1000);
                        "name"
                    }
                    Code::AppDomainHolderMismatch => {
                        a.domains.get_mut(j)?.holder = stranger;
                        "holder"
                    }
                    Code::AppDomainNotRealNameVerified => {
                        a.domains.get_mut(j)?.real_name_verified = Some(false);
                        "real_name_verified"
                    }
                    Code::AppDomainExpired => {
                        a.domains.get_mut(j)?.expires_on = Some(super::AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                    Code::AppDomainInvalid => {
                        a.domains.get_mut(j)?.name = format!("api{}..example.cn", self.value() % 1000);
                        "name"
                    }
                    _ => {
                        let copy = a.domains.get(j)?.clone();
                        a.domains.push(copy);
                        return Some(format!("/apps/{i}/domains/{}/name", a.domains.len() - 1));
                    }
                };
                format!("/apps/{i}/domains/{j}/{field}")
            }
            Code::AppIconTooLarge => {
                let i = choose(app, &|_| true)?;
                app.apps.get_mut(i)?.icon_bytes = Some(102_401 + self.value() % 1_000_000);
                format!("/apps/{i}/icon_bytes")
            }
            Code::AppIcpNumberServiceKind | Code::WebsiteIcpNumberServiceKind => {
                let abbreviation = icp_abbreviation(app)?;
                let serial = 2_024_000_000 + self.value() % 999_999;
                if code == Code::AppIcpNumberServiceKind {
                    // A website's number on an app.
                    let i = choose(app, &|_| true)?;
                    app.apps.get_mut(i)?.icp_number = format!("{abbreviation}ICP备{serial}号-1");
                    format!("/apps/{i}/icp_number")
                } else {
                    // An app's number on a website.
                    let i = self.pick(app.websites.len());
                    app.websites.get_mut(i)?.icp_number = format!("{abbreviation}ICP备{serial}号-2A");
                    format!("/websites/{i}/icp_number")
                }
            }
            Code::AppKindNotAllowed | Code::SubmissionTooManyApps => {
                let minis = app.apps.iter().filter(|a| a.kind == Some(AppKind::MiniProgram)).count();
                let applies = if code == Code::AppKindNotAllowed {
                    // Huawei files no mini program; one of them, not for a
                    // person (whose apps Huawei takes one per order).
                    !personal && minis == 1
                } else {
                    personal && minis == 0 && !app.apps.is_empty()
                };
                if !applies {
                    return None;
                }
                let Some(Hosting::CloudServer(server)) = app.hosting.as_mut() else {
                    return None;
                };
                *server = CloudServer {
                    provider: "huawei".into(),
                    region: "cn-east-3".into(),
                    ..server.clone()
                };
                if code == Code::AppKindNotAllowed {
                    let i = app.apps.iter().position(|a| a.kind == Some(AppKind::MiniProgram))?;
                    format!("/apps/{i}/kind")
                } else {
                    // Websites come first: the first app is over the one service.
                    "/apps/0".into()
                }
            }
            _ => return None,
        };
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;

    use super::*;
    use crate::province::Province;
    use crate::strategy::valid_application;

    /// Every app name the generators can make draws no name finding, in any
    /// province, for either filing type.
    #[test]
    fn app_name_building_blocks_draw_no_finding_anywhere() {
        let names: Vec<String> = TOPICS
            .iter()
            .flat_map(|t| APP_WORDS.iter().map(move |w| format!("{t}{w}")))
            .collect();
        let mut runner = TestRunner::deterministic();
        for province in Province::ALL {
            for &filing_type in FilingType::ALL {
                let Ok(tree) = valid_application(province, filing_type).new_tree(&mut runner) else {
                    panic!("no application for {province:?}");
                };
                let mut app = tree.current();
                app.hosting = None;
                app.apps = names
                    .iter()
                    .take(100)
                    .map(|name| App {
                        kind: Some(AppKind::MiniProgram),
                        name: name.clone(),
                        mini_program_id: "wx3c8e7a92b5d1f640".into(),
                        content: vec![Content::Other],
                        ..App::default()
                    })
                    .collect();
                let report = crate::validator::validate(&app);
                let named: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| f.code.as_str().starts_with("app.name"))
                    .map(|f| format!("{} {}: {}", f.code, f.path, f.message))
                    .collect();
                assert!(named.is_empty(), "{province:?} {filing_type:?}: {named:#?}");
            }
        }
    }
}
