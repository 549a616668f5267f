//! Valid applications: every province, both filing types.
//!
//! A generated application is built from a [`Seed`] of random choices by
//! plain code, so that each value can be made local to its province and
//! consistent with the others (the same person's copies, distinct contacts,
//! homepages under the website's domains) without rejection sampling, and
//! shrinks towards simpler choices.

use std::sync::LazyLock;

use jiff::ToSpan;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};

use super::AS_OF;
use super::apps::{AppSeed, app_seed};
use super::names::{KINDS, TOPICS};
use super::profile::Profile;
use crate::application::{
    Application, AuthorizationCode, Certificate, CloudServer, Domain, Hosting, LegalRepresentative, Person,
    PreApproval, Subject, Validity, Website,
};
use crate::province::Province;
use crate::ruleset::RuleSet;
use crate::vocabulary::{
    Billing, CertificateKind, Content, FilingType, IssuerAccount, PreApprovalCategory, SubjectKind,
};

/// Surnames and given-name characters of generated people.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平",
];

/// Organisation names.
const BRANDS: &[&str] = &[
    "云帆", "启明", "远航", "恒信", "嘉禾", "瑞丰", "博雅", "锦程", "鼎盛", "立达",
];
const INDUSTRIES: &[&str] = &["科技", "信息技术", "文化传媒", "设计", "咨询", "贸易"];
const OFFICES: &[&str] = &["人民政府", "教育局", "文化和旅游局", "市场监督管理局"];
const INSTITUTIONS: &[&str] = &["图书馆", "博物馆", "档案馆", "青少年活动中心"];
const ASSOCIATIONS: &[&str] = &["读书协会", "摄影家协会", "围棋协会", "集邮协会"];

/// Streets of generated addresses.
const ROADS: &[&str] = &[
    "文一路",
    "解放路",
    "建设路",
    "朝阳路",
    "和平路",
    "新华路",
    "光明路",
    "复兴路",
    "青年路",
    "滨江路",
];

/// E-mail local parts and providers.
const MAILBOXES: &[&str] = &[
    "xiaoming",
    "lihua",
    "zhangwei",
    "wangfang",
    "chenjing",
    "liuyang",
    "zhaolei",
    "sunli",
    "zhouqiang",
    "wujie",
];
const MAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.cn",
    "163.com",
    "126.com",
    "qq.com",
    "foxmail.com",
    "sina.com",
];

/// Landline area codes (3 digits for 010 and 02x, else 4).
const AREA_CODES: &[&str] = &[
    "010", "020", "021", "022", "023", "0571", "0755", "0851", "0871", "0991",
];

/// Domain suffixes approved for filing and accepted in every province for
/// any subject but a government (Beijing's own list included).
pub(crate) const SUFFIXES: &[&str] = &[
    "cn", "com", "net", "com.cn", "net.cn", "top", "xyz", "vip", "shop", "tech", "site", "online", "club", "ltd",
    "中国",
];
/// Suffixes of public institutions (`required.public_institution`).
pub(crate) const CN_SUFFIXES: &[&str] = &["cn", "com.cn", "net.cn"];
/// Suffixes of governments (`required.government`).
pub(crate) const GOV_SUFFIXES: &[&str] = &["gov.cn"];

/// Mainland cloud regions: (provider as written, region id).
const REGIONS: &[(&str, &str)] = &[
    ("tencent", "ap-guangzhou"),
    ("tencent", "ap-shanghai"),
    ("tencent", "ap-beijing"),
    ("tencent", "ap-chengdu"),
    ("腾讯云", "ap-nanjing"),
    ("aliyun", "cn-hangzhou"),
    ("aliyun", "cn-shanghai"),
    ("aliyun", "cn-beijing"),
    ("aliyun", "cn-shenzhen"),
    ("阿里云", "cn-qingdao"),
    ("huawei", "cn-north-4"),
    ("huawei", "cn-east-3"),
    ("huawei", "cn-south-1"),
];

/// Pre-approvals an entity's website may hold, with the content they allow
/// and the authority that issues them: news (11-digit numbers), audio-visual
/// programmes (7 digits), drugs (`(京)-非经营性-2015-0087`) and online games
/// (no known format).
const APPROVALS: &[(Content, PreApprovalCategory, &str)] = &[
    (Content::News, PreApprovalCategory::News, "省级互联网信息办公室"),
    (
        Content::RadioFilmTv,
        PreApprovalCategory::RadioFilmTv,
        "广播电视主管部门",
    ),
    (
        Content::DrugsAndMedicalDevices,
        PreApprovalCategory::DrugsAndMedicalDevices,
        "省级药品监督管理部门",
    ),
    (
        Content::OnlineGames,
        PreApprovalCategory::OnlineGames,
        "中共中央宣传部出版局",
    ),
];

/// The number of a pre-approval of the province, in its document's format.
fn approval_number(category: PreApprovalCategory, province: Province, n: u64) -> String {
    match category {
        PreApprovalCategory::News => format!("{:011}", n % 100_000_000_000),
        PreApprovalCategory::RadioFilmTv => format!("{:07}", n % 10_000_000),
        PreApprovalCategory::DrugsAndMedicalDevices => format!(
            "({})-非经营性-{}-{:04}",
            province.abbreviation(),
            2010 + n % 15,
            n % 10_000
        ),
        _ => format!("国新出审[{}]{}号", 2020 + n % 6, n % 10_000),
    }
}

/// Languages and remarks of websites.
const LANGUAGES: &[&[&str]] = &[&[], &["zh-Hans"], &["zh-Hans", "en"]];
const REMARKS: &[&str] = &["学习记录", "分享兴趣爱好，不涉及前置审批内容", "介绍日常工作与活动"];

/// A county-level division in use, for addresses and certificate numbers.
#[derive(Debug)]
pub(crate) struct Place {
    pub(crate) code: u32,
    /// The prefecture and the county, as an address writes them.
    pub(crate) locality: String,
}

/// The county-level divisions in use of each province (in `Province::ALL`
/// order), from the embedded region table.
static PLACES: LazyLock<Vec<Vec<Place>>> = LazyLock::new(|| {
    let rules = RuleSet::embedded();
    let regions = rules.regions();
    let mut places: Vec<Vec<Place>> = Province::ALL.iter().map(|_| Vec::new()).collect();
    for d in regions.iter() {
        let code = d.code.get();
        if d.last_year.is_some() || code % 100 == 0 || d.name == "市辖区" || d.name.contains("直辖") {
            continue;
        }
        let Some(province) = d.code.province() else { continue };
        let prefecture = regions
            .name_in(d.code.prefecture(), AS_OF.year())
            .filter(|n| ["市", "州", "盟", "地区"].iter().any(|s| n.ends_with(s)))
            .filter(|n| !n.contains("辖"));
        let locality = format!("{}{}", prefecture.unwrap_or_default(), d.name);
        if let Some(list) = places.get_mut(province as usize) {
            list.push(Place { code, locality });
        }
    }
    places
});

/// The places of a province (never empty with the embedded table).
pub(crate) fn places(province: Province) -> &'static [Place] {
    PLACES.get(province as usize).map(Vec::as_slice).unwrap_or_default()
}

/// Mobile prefixes allocated for voice that no longer prefix overrides.
static MOBILE_PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let rules = RuleSet::embedded();
    let blocks: Vec<(String, bool)> = rules
        .mobile_prefixes()
        .iter()
        .map(|b| (b.prefix.to_owned(), b.data_only))
        .collect();
    blocks
        .iter()
        .filter(|(p, data_only)| !data_only && !blocks.iter().any(|(q, _)| q != p && q.starts_with(p.as_str())))
        .map(|(p, _)| p.clone())
        .collect()
});

/// Whether a name is a registrable domain of the embedded public suffix
/// list (a random label can make a public suffix: `mil.cn`).
pub(crate) fn is_registrable(name: &str) -> bool {
    static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::embedded);
    crate::domain::DomainName::parse(name).is_ok_and(|n| {
        RULES
            .public_suffix_list()
            .registrable_domain(&n)
            .is_some_and(|r| r == n)
    })
}

/// An element of a non-empty list (the first of an empty one is never asked).
pub(crate) fn pick<'a, T>(list: &'a [T], index: &Index) -> Option<&'a T> {
    (!list.is_empty()).then(|| &list[index.index(list.len())])
}

fn text(list: &[&str], index: &Index) -> String {
    pick(list, index).copied().unwrap_or_default().to_owned()
}

/// A date `days` after the evaluation date.
pub(crate) fn after(days: i64) -> jiff::civil::Date {
    AS_OF.saturating_add(days.days())
}

/// Completes 17 digits with their GB 11643 check character.
pub(crate) fn resident_id(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    let check = b"10X98765432".get((sum % 11) as usize).copied().unwrap_or(b'0');
    format!("{first17}{}", char::from(check))
}

/// The alphabet of credit codes (GB 32100).
pub(crate) const USCC_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Completes 17 characters with their GB 32100 check character.
pub(crate) fn credit_code(first17: &str) -> String {
    const WEIGHTS: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let value = |b: u8| USCC_ALPHABET.iter().position(|a| *a == b).unwrap_or(0);
    let sum: usize = first17.bytes().zip(WEIGHTS).map(|(b, w)| value(b) * w).sum();
    let check = USCC_ALPHABET.get((31 - sum % 31) % 31).copied().unwrap_or(b'0');
    format!("{first17}{}", char::from(check))
}

/// Completes 8 digits with their GB 11714 check character: `12345678-9`.
pub(crate) fn organization_code(first8: &str) -> String {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first8
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    let check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from(b'0' + n as u8),
    };
    format!("{first8}-{check}")
}

/// A mobile number with an allocated voice prefix whose last two digits
/// are `slot`: people in different slots never share a number.
pub(crate) fn mobile(prefix: usize, middle: u32, slot: u32) -> String {
    let prefixes = &MOBILE_PREFIXES;
    let prefix = prefixes
        .get(prefix % prefixes.len().max(1))
        .map_or("138", String::as_str);
    let width = 9usize.saturating_sub(prefix.len());
    let middle = format!("{middle:08}");
    let middle = middle.get(middle.len().saturating_sub(width)..).unwrap_or_default();
    format!("{prefix}{middle}{:02}", slot % 100)
}

/// Random choices of one person.
#[derive(Clone, Debug)]
pub(crate) struct PersonSeed {
    surname: Index,
    given: Index,
    given2: Option<Index>,
    place: Index,
    birth: (i16, i8, i8),
    order: u16,
    /// Days of validity left beyond a year; `None`: long-term.
    validity: Option<u16>,
    mobile: (Index, u32),
    /// Another mobile (`false`) or a landline (`true`).
    emergency: Option<(bool, Index, u32)>,
    email: (Index, u8, Index),
    mobile_province: bool,
}

pub(crate) fn person_seed() -> impl Strategy<Value = PersonSeed> {
    (
        (any::<Index>(), any::<Index>(), proptest::option::of(any::<Index>())),
        (any::<Index>(), (1956i16..=2006, 1i8..=12, 1i8..=28), 0u16..100),
        proptest::option::weighted(0.9, 0u16..7000),
        (any::<Index>(), any::<u32>()),
        proptest::option::of((any::<bool>(), any::<Index>(), any::<u32>())),
        (any::<Index>(), 0u8..100, any::<Index>()),
        any::<bool>(),
    )
        .prop_map(
            |((surname, given, given2), (place, birth, order), validity, mobile, emergency, email, mobile_province)| {
                PersonSeed {
                    surname,
                    given,
                    given2,
                    place,
                    birth,
                    order,
                    validity,
                    mobile,
                    emergency,
                    email,
                    mobile_province,
                }
            },
        )
}

impl PersonSeed {
    /// The person in `slot` (0–9), local to the province; with an
    /// emergency phone when `emergency` says so or the seed has one.
    pub(crate) fn person(&self, province: Province, slot: u32, emergency: bool) -> Person {
        let mut name = text(SURNAMES, &self.surname);
        name.push_str(&text(GIVEN, &self.given));
        if let Some(g) = &self.given2 {
            name.push_str(&text(GIVEN, g));
        }
        let code = pick(places(province), &self.place).map_or(110_101, |p| p.code);
        let (year, month, day) = self.birth;
        let order = (slot % 10) * 100 + u32::from(self.order % 100);
        let number = resident_id(&format!("{code:06}{year:04}{month:02}{day:02}{order:03}"));
        let valid_until = match self.validity {
            Some(days) => Validity::Until(after(366 + i64::from(days))),
            None => Validity::LongTerm,
        };
        let mobile = mobile(self.mobile.0.index(usize::MAX), self.mobile.1, slot);
        let emergency_phone = match (&self.emergency, emergency) {
            (Some((true, area, n)), _) => {
                let area = pick(AREA_CODES, area).copied().unwrap_or("010");
                format!("{area}-{}", 20_000_000 + n % 80_000_000)
            }
            (Some((false, prefix, n)), _) => self::mobile(prefix.index(usize::MAX), *n, 50 + slot),
            (None, true) => self::mobile(
                self.mobile.0.index(usize::MAX),
                self.mobile.1.wrapping_add(7),
                50 + slot,
            ),
            (None, false) => String::new(),
        };
        let (mailbox, n, domain) = &self.email;
        let email = format!(
            "{}{n:02}_{slot}@{}",
            text(MAILBOXES, mailbox),
            text(MAIL_DOMAINS, domain)
        );
        Person {
            name,
            certificate: Some(Certificate {
                kind: Some(CertificateKind::ResidentIdCard),
                number,
                valid_until: Some(valid_until),
            }),
            mobile,
            emergency_phone,
            email,
            mobile_province: self.mobile_province.then_some(province),
        }
    }
}

/// Random choices of an address: place, road, number, building, room.
type AddressSeed = (Index, Index, u16, u8, u16);

/// An address in the province: `certificate` (the street and number) or
/// mailing (down to the room).
fn address(province: Province, seed: &AddressSeed, mailing: bool) -> String {
    let (place, road, number, building, room) = seed;
    let locality = pick(places(province), place).map_or("", |p| p.locality.as_str());
    let mut address = format!(
        "{}{locality}{}{}号",
        province.full_name_zh(),
        text(ROADS, road),
        number % 999 + 1
    );
    if mailing {
        address.push_str(&format!("{}幢{}室", building % 30 + 1, room % 2000 + 101));
    }
    address
}

fn address_seed() -> impl Strategy<Value = AddressSeed> {
    (any::<Index>(), any::<Index>(), any::<u16>(), any::<u8>(), any::<u16>())
}

/// Random choices of a domain.
#[derive(Clone, Debug)]
struct DomainSeed {
    label: String,
    /// A Chinese label (an internationalised name) instead.
    chinese: Option<(Index, Index)>,
    suffix: Index,
    days: u16,
}

fn domain_seed() -> impl Strategy<Value = DomainSeed> {
    (
        "[a-z][a-z0-9]{2,9}",
        proptest::option::weighted(0.15, (any::<Index>(), any::<Index>())),
        any::<Index>(),
        200u16..3650,
    )
        .prop_map(|(label, chinese, suffix, days)| DomainSeed {
            label,
            chinese,
            suffix,
            days,
        })
}

/// Who manages a website of an entity.
#[derive(Clone, Copy, Debug)]
enum Manager {
    Principal,
    LegalRepresentative,
    Own,
}

/// Random choices of a website.
#[derive(Clone, Debug)]
struct WebsiteSeed {
    topic: Index,
    kind: Index,
    separator: bool,
    domains: Vec<DomainSeed>,
    content: Vec<Content>,
    /// Entities: a pre-approval held, and its number.
    approval: Option<(Index, u64)>,
    commercial: bool,
    homepage: (u8, Index),
    languages: Index,
    remarks: Option<Index>,
    /// Personal: the filer repeated as manager; entity: who manages it.
    manager: (bool, Manager),
}

fn website_seed(profile: Profile) -> impl Strategy<Value = WebsiteSeed> {
    let content = profile.content();
    let most = content.len().min(2);
    (
        (any::<Index>(), any::<Index>(), proptest::bool::weighted(0.2)),
        proptest::collection::vec(domain_seed(), 1..=profile.max_domains_per_website()),
        (
            subsequence(content, 1..=most),
            proptest::option::weighted(0.15, (any::<Index>(), any::<u64>())),
        ),
        proptest::bool::weighted(0.2),
        (0u8..5, any::<Index>()),
        (any::<Index>(), proptest::option::of(any::<Index>())),
        (
            any::<bool>(),
            prop_oneof![
                2 => Just(Manager::Principal),
                1 => Just(Manager::LegalRepresentative),
                2 => Just(Manager::Own),
            ],
        ),
    )
        .prop_map(
            |(
                (topic, kind, separator),
                domains,
                (content, approval),
                commercial,
                homepage,
                (languages, remarks),
                manager,
            )| {
                WebsiteSeed {
                    topic,
                    kind,
                    separator,
                    domains,
                    content,
                    approval,
                    commercial,
                    homepage,
                    languages,
                    remarks,
                    manager,
                }
            },
        )
}

/// Random choices of the hosting.
#[derive(Clone, Debug)]
struct HostingSeed {
    region: Index,
    months: u32,
    extra_days: u16,
    /// An authorization code instead, when there is one website with one
    /// domain: a UUID-like (Alibaba Cloud) code or another.
    code: Option<(bool, u128, String)>,
}

fn hosting_seed() -> impl Strategy<Value = HostingSeed> {
    (
        any::<Index>(),
        3u32..=36,
        0u16..400,
        proptest::option::weighted(0.2, (any::<bool>(), any::<u128>(), "[A-Z][A-Z0-9]{9,19}")),
    )
        .prop_map(|(region, months, extra_days, code)| HostingSeed {
            region,
            months,
            extra_days,
            code,
        })
}

/// Random choices of an entity subject.
#[derive(Clone, Debug)]
struct EntitySeed {
    kind: SubjectKind,
    /// The credit code's organisation type where a kind has several, and
    /// the certificate kind where it has several.
    variant: (Index, Index),
    identifier: Vec<u8>,
    validity: Option<u16>,
    name: (Index, Index),
    /// The principal is the legal representative.
    principal_is_legal_representative: bool,
}

fn entity_seed() -> impl Strategy<Value = EntitySeed> {
    (
        prop_oneof![
            4 => Just(SubjectKind::Enterprise),
            1 => Just(SubjectKind::Government),
            1 => Just(SubjectKind::PublicInstitution),
            1 => Just(SubjectKind::SocialOrganization),
        ],
        (any::<Index>(), any::<Index>()),
        proptest::collection::vec(select(USCC_ALPHABET), 9),
        proptest::option::of(0u16..5000),
        (any::<Index>(), any::<Index>()),
        proptest::bool::weighted(0.6),
    )
        .prop_map(|(kind, variant, identifier, validity, name, principal)| EntitySeed {
            kind,
            variant,
            identifier,
            validity,
            name,
            principal_is_legal_representative: principal,
        })
}

/// The most apps the generators put in one application.
const MAX_APPS: usize = 2;

/// All the random choices of one application.
#[derive(Clone, Debug)]
struct Seed {
    people: Vec<PersonSeed>,
    addresses: (AddressSeed, AddressSeed, bool),
    entity: EntitySeed,
    websites: Vec<WebsiteSeed>,
    apps: Vec<AppSeed>,
    hosting: HostingSeed,
    /// Personal: the filer repeated as principal.
    principal_copy: bool,
}

/// Applications of one province and filing type that the embedded rules
/// accept without an error or a warning, evaluated on [`AS_OF`].
///
/// Every value is local to the province: the resident IDs carry one of its
/// county codes and their check character, credit codes its region and
/// theirs, addresses are in it down to the room. Each responsible person has
/// a mobile number with an allocated prefix and an e-mail address of their
/// own, and an emergency phone where the province requires one; domains have
/// approved suffixes, are real-name verified and registered for at least
/// 200 more days; website names are Chinese (an entity's start with two
/// characters of its short name), without the words of the name
/// lists; content is open to the filing type in the province; the hosting is
/// a mainland cloud server bought prepaid for 3 to 36 months, or an unused
/// authorization code of an enterprise account. The number of websites
/// (1–3) stays within the province's caps, each website has one domain (the
/// national limit of a new website),
/// and so do the principal and the managers: where the principal must be
/// the legal representative, it is; where the managers must then be the
/// principal, they are.
///
/// Entity subjects are enterprises (most often), governments (on `.gov.cn`
/// domains), public institutions (on `.cn` domains) and social
/// organisations, each with a certificate that fits it in the province.
/// Their websites may be operating ones (the info finding
/// `website.commercial_requires_license`) and may hold a pre-approval (news,
/// audio-visual programmes, drugs, online games) with a number in its
/// document's format, for the content it allows. Personal filers hold a
/// resident ID card and are sometimes repeated as principal and managers.
///
/// ```
/// use beian::strategy::valid_application;
/// use beian::{FilingType, Province};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let app = valid_application(Province::Sichuan, FilingType::Entity)
///     .new_tree(&mut runner)
///     .map_err(|e| e.to_string())?
///     .current();
/// assert_eq!(app.province, Some(Province::Sichuan));
/// assert!(beian::validate(&app).is_ok());
/// # Ok::<(), String>(())
/// ```
pub fn valid_application(province: Province, filing_type: FilingType) -> impl Strategy<Value = Application> {
    let profile = Profile::new(province, filing_type);
    (
        (
            proptest::collection::vec(person_seed(), 2 + profile.max_websites() + MAX_APPS),
            (address_seed(), address_seed(), proptest::bool::weighted(0.8)),
            entity_seed(),
        ),
        (
            proptest::collection::vec(website_seed(profile), 1..=profile.max_websites()),
            proptest::collection::vec(app_seed(profile), 0..=MAX_APPS),
        ),
        hosting_seed(),
        proptest::bool::weighted(0.3),
    )
        .prop_map(
            move |((people, addresses, entity), (websites, apps), hosting, principal_copy)| {
                build(
                    profile,
                    &Seed {
                        people,
                        addresses,
                        entity,
                        websites,
                        apps,
                        hosting,
                        principal_copy,
                    },
                )
            },
        )
}

/// [`valid_application`] over all 31 provinces and both filing types.
pub fn any_valid_application() -> impl Strategy<Value = Application> {
    let pairs: Vec<(Province, FilingType)> = Province::ALL
        .iter()
        .flat_map(|p| FilingType::ALL.iter().map(move |t| (*p, *t)))
        .collect();
    select(pairs).prop_flat_map(|(province, filing_type)| valid_application(province, filing_type))
}

/// Builds the application the seed describes.
fn build(profile: Profile, seed: &Seed) -> Application {
    let province = profile.province;
    let entity = profile.filing_type == FilingType::Entity;
    // Every person gets an emergency phone: without one there is a
    // national warning (`people.contacts.emergency_phone_required`).
    let emergency = true;
    let person = |slot: usize| {
        seed.people
            .get(slot)
            .map(|p| p.person(province, slot as u32, emergency))
            .unwrap_or_default()
    };
    let (certificate_address, mailing_address, give_certificate_address) = &seed.addresses;
    let mut subject = if entity {
        entity_subject(profile, &seed.entity)
    } else {
        let filer = person(0);
        Subject {
            kind: Some(SubjectKind::Personal),
            name: filer.name.clone(),
            certificate: filer.certificate.clone(),
            mobile: filer.mobile.clone(),
            emergency_phone: filer.emergency_phone.clone(),
            email: filer.email.clone(),
            mobile_province: filer.mobile_province,
            principal: seed.principal_copy.then_some(filer),
            ..Subject::default()
        }
    };
    if entity || *give_certificate_address {
        subject.certificate_address = address(province, certificate_address, false);
    }
    subject.mailing_address = address(province, mailing_address, true);

    let principal_is_legal_representative =
        seed.entity.principal_is_legal_representative || profile.principal_must_be_legal_representative();
    if entity {
        let legal = person(0);
        subject.legal_representative = Some(LegalRepresentative {
            name: legal.name.clone(),
            certificate: legal.certificate.clone(),
        });
        subject.principal = Some(if principal_is_legal_representative {
            legal
        } else {
            person(1)
        });
    }

    let mut websites = Vec::new();
    let mut used_names: Vec<(usize, usize)> = Vec::new();
    let mut used_domains: Vec<String> = Vec::new();
    let mut domains_left = profile.max_domains();
    let count = seed.websites.len().min(profile.max_websites());
    for (i, w) in seed.websites.iter().take(count).enumerate() {
        // Distinct names: the next unused topic.
        let kind = w.kind.index(KINDS.len());
        let mut topic = w.topic.index(TOPICS.len());
        while used_names.contains(&(topic, kind)) {
            topic = (topic + 1) % TOPICS.len();
        }
        used_names.push((topic, kind));
        let separator = if w.separator { "·" } else { "" };
        let name = format!(
            "{}{}{separator}{}",
            if entity {
                short_prefix(&seed.entity)
            } else {
                String::new()
            },
            TOPICS.get(topic).copied().unwrap_or("读书"),
            KINDS.get(kind).copied().unwrap_or("笔记")
        );

        // Domains, within the caps, each registrable name once.
        let websites_after = count - i - 1;
        let most = domains_left.saturating_sub(websites_after).max(1);
        let mut domains = Vec::new();
        let mut first_label: Option<String> = None;
        for d in w.domains.iter().take(most) {
            let suffixes = match seed.entity.kind {
                SubjectKind::Government if entity => GOV_SUFFIXES,
                SubjectKind::PublicInstitution if entity => CN_SUFFIXES,
                _ => SUFFIXES,
            };
            let suffix = text(suffixes, &d.suffix);
            let domain = match &first_label {
                // The website's other domains share its first domain's
                // name (`abc.cn`, `abc.com`: `website.domains_different_names`),
                // each under another suffix; none is left: no more domains.
                Some(label) => {
                    let at = suffixes.iter().position(|s| *s == suffix).unwrap_or(0);
                    let free = (0..suffixes.len())
                        .filter_map(|k| suffixes.get((at + k) % suffixes.len()))
                        .map(|s| format!("{label}.{s}"))
                        .find(|domain| !used_domains.contains(domain) && is_registrable(domain));
                    let Some(domain) = free else { break };
                    domain
                }
                None => {
                    let label = match &d.chinese {
                        Some((t, k)) => format!("{}{}", text(TOPICS, t), text(KINDS, k)),
                        None => d.label.clone(),
                    };
                    // Distinct, and a registrable domain (not `mil.cn`).
                    let mut domain = format!("{label}.{suffix}");
                    let mut n = 1;
                    let mut label_n = label.clone();
                    while (used_domains.contains(&domain) || !is_registrable(&domain)) && n < 1000 {
                        n += 1;
                        label_n = format!("{label}{n}");
                        domain = format!("{label_n}.{suffix}");
                    }
                    first_label = Some(label_n);
                    domain
                }
            };
            used_domains.push(domain.clone());
            domains.push(Domain {
                name: domain,
                holder: subject.name.clone(),
                real_name_verified: Some(true),
                registrar_in_mainland: true,
                expires_on: Some(after(i64::from(d.days))),
            });
        }
        domains_left = domains_left.saturating_sub(domains.len());

        let (style, at) = &w.homepage;
        let host = pick(&domains, at).map(|d| d.name.clone()).unwrap_or_default();
        let homepage = match style {
            0 => String::new(),
            1 => format!("https://www.{host}/"),
            2 => format!("http://{host}"),
            3 => host,
            _ => format!("https://{host}/index.html"),
        };
        let (copy, choice) = w.manager;
        let manager = if entity {
            let own = || person(2 + i);
            let principal = || subject.principal.clone().unwrap_or_default();
            let legal = || person(0);
            Some(match choice {
                _ if !principal_is_legal_representative && profile.manager_must_be_principal() => principal(),
                _ if profile.manager_must_not_be_principal() => own(),
                Manager::Principal => principal(),
                Manager::LegalRepresentative => legal(),
                Manager::Own => own(),
            })
        } else {
            copy.then(|| person(0))
        };
        let mut content = w.content.clone();
        let mut pre_approvals = Vec::new();
        if let (true, Some((at, n))) = (entity, &w.approval)
            && let Some((allowed, category, authority)) = pick(APPROVALS, at)
        {
            content.push(*allowed);
            pre_approvals.push(PreApproval {
                category: Some(*category),
                number: approval_number(*category, province, *n),
                authority: (*authority).to_owned(),
            });
        }
        websites.push(Website {
            name,
            domains,
            homepage,
            content,
            pre_approvals,
            commercial: entity && w.commercial,
            languages: pick(LANGUAGES, &w.languages)
                .map(|l| l.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default(),
            manager,
            remarks: w.remarks.as_ref().map(|r| text(REMARKS, r)).unwrap_or_default(),
            ..Website::default()
        });
    }

    let apps = super::apps::build(
        profile,
        &seed.apps,
        &subject,
        &websites,
        &person,
        principal_is_legal_representative,
        2 + profile.max_websites(),
    );

    let h = &seed.hosting;
    let single = websites.len() == 1 && websites.iter().all(|w| w.domains.len() == 1) && apps.is_empty();
    let hosting = match &h.code {
        Some((uuid, n, code)) if single => {
            let code = if *uuid {
                let hex = format!("{n:032x}");
                format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..]
                )
            } else {
                code.clone()
            };
            Hosting::AuthorizationCode(AuthorizationCode {
                code,
                issuer_account: Some(IssuerAccount::Enterprise),
                used: false,
            })
        }
        _ => {
            // With apps, not Huawei, which files no mini program and one
            // service per personal order.
            let regions: Vec<(&str, &str)> = REGIONS
                .iter()
                .copied()
                .filter(|(provider, _)| apps.is_empty() || *provider != "huawei")
                .collect();
            let (provider, region) = pick(&regions, &h.region)
                .copied()
                .unwrap_or(("tencent", "ap-guangzhou"));
            Hosting::CloudServer(CloudServer {
                provider: provider.to_owned(),
                region: region.to_owned(),
                billing: Some(Billing::Prepaid),
                purchased_months: Some(h.months),
                expires_on: Some(after(i64::from(h.months) * 31 + i64::from(h.extra_days))),
            })
        }
    };

    Application {
        province: Some(province),
        as_of: Some(AS_OF),
        operation: None,
        subject: Some(subject),
        existing: None,
        websites,
        apps,
        hosting: Some(hosting),
        unknown_fields: Vec::new(),
        invalid_fields: Vec::new(),
    }
}

/// What an entity's website names start with: the first two characters of
/// its short name (the brand of an enterprise, the office, institution or
/// association of another unit), so that they are related to the subject's
/// name (`website.name_unrelated_to_subject`).
fn short_prefix(seed: &EntitySeed) -> String {
    let word = match seed.kind {
        SubjectKind::Government => text(OFFICES, &seed.name.1),
        SubjectKind::PublicInstitution => text(INSTITUTIONS, &seed.name.1),
        SubjectKind::SocialOrganization => text(ASSOCIATIONS, &seed.name.1),
        _ => text(BRANDS, &seed.name.0),
    };
    word.chars().take(2).collect()
}

/// The subject of an entity filing, registered in the province.
fn entity_subject(profile: Profile, seed: &EntitySeed) -> Subject {
    let province = profile.province;
    let place = pick(places(province), &seed.name.0);
    let locality = place.map_or("", |p| p.locality.as_str());
    let code = place.map_or(110_101, |p| p.code);
    let (name, categories, kinds): (String, &[&str], &[CertificateKind]) = match seed.kind {
        SubjectKind::Government => (
            format!("{locality}{}", text(OFFICES, &seed.name.1)),
            &["11"],
            &[CertificateKind::UsccCertificate],
        ),
        SubjectKind::PublicInstitution => (
            format!("{locality}{}", text(INSTITUTIONS, &seed.name.1)),
            &["12"],
            &[
                CertificateKind::PublicInstitutionCertificate,
                CertificateKind::UsccCertificate,
            ],
        ),
        SubjectKind::SocialOrganization => (
            format!("{}{}", province.name_zh(), text(ASSOCIATIONS, &seed.name.1)),
            &["51"],
            &[
                CertificateKind::SocialOrganizationCertificate,
                CertificateKind::UsccCertificate,
            ],
        ),
        _ => (
            format!(
                "{}{}有限公司",
                text(BRANDS, &seed.name.0),
                text(INDUSTRIES, &seed.name.1)
            ),
            &["91", "91", "92"],
            &[CertificateKind::BusinessLicense],
        ),
    };
    let enterprise = seed.kind == SubjectKind::Enterprise;
    let (kind, number) = if !enterprise && profile.units_file_with_organization_code() {
        let digits: String = seed
            .identifier
            .iter()
            .take(8)
            .map(|b| char::from(b'0' + b % 10))
            .collect();
        (CertificateKind::OrganizationCode, organization_code(&digits))
    } else {
        let category = pick(categories, &seed.variant.0).copied().unwrap_or("91");
        let identifier: String = seed.identifier.iter().map(|b| char::from(*b)).collect();
        let kind = pick(kinds, &seed.variant.1)
            .copied()
            .unwrap_or(CertificateKind::BusinessLicense);
        (kind, credit_code(&format!("{category}{code:06}{identifier}")))
    };
    let valid_until = match seed.validity {
        Some(days) => Validity::Until(after(400 + i64::from(days))),
        None => Validity::LongTerm,
    };
    Subject {
        kind: Some(if enterprise { SubjectKind::Enterprise } else { seed.kind }),
        name,
        certificate: Some(Certificate {
            kind: Some(kind),
            number,
            valid_until: Some(valid_until),
        }),
        ..Subject::default()
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    use super::*;

    /// Every website name the generators can make (each topic with each
    /// kind, with and without a separator) draws no name finding, in any
    /// province, for either filing type.
    #[test]
    fn name_building_blocks_draw_no_finding_anywhere() {
        let names: Vec<String> = TOPICS
            .iter()
            .flat_map(|t| KINDS.iter().flat_map(move |k| [format!("{t}{k}"), format!("{t}·{k}")]))
            .collect();
        let mut runner = TestRunner::deterministic();
        for province in Province::ALL {
            for &filing_type in FilingType::ALL {
                let Ok(tree) = valid_application(province, filing_type).new_tree(&mut runner) else {
                    panic!("no application for {province:?}");
                };
                let base = tree.current();
                let Some(template) = base.websites.first() else {
                    panic!("no website");
                };
                // Without a manager (only name findings count): cheaper.
                let template = Website {
                    manager: None,
                    ..template.clone()
                };
                for chunk in names.chunks(100) {
                    let mut app = base.clone();
                    app.websites = chunk
                        .iter()
                        .map(|name| Website {
                            name: name.clone(),
                            ..template.clone()
                        })
                        .collect();
                    let report = crate::validator::validate(&app);
                    let named: Vec<_> = report
                        .findings
                        .iter()
                        // The blocks alone are unrelated to any entity's
                        // name by construction: only the word lists count.
                        .filter(|f| f.code.as_str().starts_with("website.name"))
                        .filter(|f| f.code != crate::code::Code::WebsiteNameUnrelatedToSubject)
                        .map(|f| format!("{} {}: {}", f.code, f.path, f.message))
                        .collect();
                    assert!(named.is_empty(), "{province:?} {filing_type:?}: {named:#?}");
                }
            }
        }
    }

    #[test]
    fn check_characters_are_those_of_the_parsers() {
        use crate::identity::{OrganizationCode, ResidentId, Uscc};
        assert_eq!(resident_id("33010619900101003"), "330106199001010034");
        assert!(ResidentId::parse(&resident_id("11010519491231002")).is_ok());
        assert_eq!(credit_code("91350100M000100Y4"), "91350100M000100Y43");
        assert!(Uscc::parse(&credit_code("12330106ABCDEFGHJ")).is_ok());
        for body in ["00000000", "12345678", "87654321", "99999999"] {
            assert!(OrganizationCode::parse(&organization_code(body)).is_ok(), "{body}");
        }
    }

    #[test]
    fn every_province_has_places_and_mobiles_are_allocated() {
        let rules = RuleSet::embedded();
        for province in Province::ALL {
            assert!(!places(province).is_empty(), "{province:?}");
        }
        for prefix in 0..MOBILE_PREFIXES.len() {
            let number: crate::identity::MobileNumber = mobile(prefix, 12_345_678, 7).parse().unwrap();
            let block = rules.mobile_prefixes().lookup(&number).unwrap();
            assert!(!block.data_only, "{number:?}");
        }
    }
}
