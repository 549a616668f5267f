//! Apps in generated applications (their mutations are in
//! `mutation/app.rs`).
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

use super::names::{APP_WORDS, TOPICS};
use super::profile::Profile;
use crate::app::DigestAlgorithm;
use crate::application::{App, Domain, Person, Platform, Subject, Website};
use crate::vocabulary::{AppKind, Content, FilingType, PlatformKind};

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
            let Some(site) = websites
                .first()
                .and_then(|w| w.domains.get(host.index(w.domains.len().max(1))))
            else {
                continue;
            };
            let prefix = HOSTS.get(host.index(HOSTS.len())).copied().unwrap_or("api");
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
                _ if profile.manager_must_not_be_principal() => person(first_slot + i),
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
                .and_then(|s| SDKS.get(s.index(SDKS.len())))
                .map(|s| vec![(*s).to_owned()])
                .unwrap_or_default(),
            icp_number: String::new(),
        });
    }
    apps
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
