//! Mutations: edits that break exactly one rule of a valid application.

use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::AS_OF;
use super::names::{KINDS, TOPICS};
use super::profile::{NonLocal, Profile};
use super::valid::{
    CN_SUFFIXES, GOV_SUFFIXES, SUFFIXES, USCC_ALPHABET, after, any_valid_application, is_registrable, mobile, places,
    resident_id,
};
use crate::application::person::{PersonAt, Within, people, responsible};
use crate::application::{Application, Certificate, Hosting, LegalRepresentative, Person, Validity, Website};
use crate::code::Code;
use crate::province::Province;
use crate::vocabulary::{
    Billing, CertificateKind, Content, FilingType, IssuerAccount, PreApprovalCategory, SubjectKind,
};

macro_rules! mutation_kinds {
    ($( $(#[$doc:meta])* $variant:ident => $code:ident, )*) => {
        /// A way to break a valid application, with the finding code it must
        /// cause. The variants are grouped by the family of that code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum MutationKind {
            $( $(#[$doc])* $variant, )*
        }

        impl MutationKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [MutationKind] = &[$(MutationKind::$variant,)*];

            /// The code the mutation must cause.
            pub fn code(self) -> Code {
                match self {
                    $( MutationKind::$variant => Code::$code, )*
                }
            }
        }
    };
}

mutation_kinds! {
    // Input
    /// Blanks a required text: the subject's name or mailing address, a
    /// website's name, a domain's holder or a person's e-mail address.
    BlankRequiredField => FieldRequired,
    /// Records a misspelt key (`nmae`, `regoin` …) in
    /// [`Application::unknown_fields`], as parsing would.
    UnknownKey => FieldUnknown,
    /// Gives a personal filing a legal representative, or an entity's
    /// subject an e-mail address of its own.
    FieldNotAllowed => FieldNotAllowed,

    // Subject
    /// Gives the subject a certificate kind meant for another kind of
    /// subject.
    CertificateKindMismatch => SubjectCertificateKindMismatch,
    /// Moves an entity's certificate address to another province.
    CrossProvince => SubjectCrossProvince,
    /// Moves a personal filer's certificate address to another province,
    /// where the province refuses filers from elsewhere.
    NonLocalFilerRefused => SubjectNonLocalNotAccepted,
    /// Moves a personal filer's certificate address to another province,
    /// where the province asks such filers for a residence permit.
    NonLocalFilerWithoutPermit => SubjectResidencePermitRequired,
    /// Drops the house and room numbers of the mailing address.
    AddressNotDetailed => SubjectAddressNotDetailed,
    /// Moves the mailing address to another province.
    AddressInAnotherProvince => SubjectAddressProvinceMismatch,

    // Certificates
    /// Gives a resident ID a wrong check character (the same person's
    /// copies alike).
    ResidentIdChecksum => CertificateChecksum,
    /// Gives an entity's credit code or organisation code a wrong check
    /// character.
    CreditCodeChecksum => CertificateChecksum,
    /// Replaces a resident ID by the 15-digit first-generation number.
    LegacyResidentId => CertificateLegacyId,
    /// Moves the birth date of a resident ID after the evaluation date
    /// (with its check character recomputed).
    FutureBirthDate => CertificateBirthDate,
    /// Makes a certificate expire the day before the evaluation date.
    CertificateExpired => CertificateExpired,

    // People
    /// Makes a personal filing's principal someone other than the filer.
    PersonNotSubject => PersonNotSubject,
    /// Makes the personal filer or an entity's principal 10 years old.
    Underage => PersonUnderage,
    /// Gives a person a mobile number with an unallocated prefix (140).
    MobileUnallocated => PersonMobileFormat,
    /// Gives the last responsible person the mobile number of another.
    MobileShared => PersonMobileShared,
    /// Gives a person an e-mail address without `@`.
    EmailMalformed => PersonEmailFormat,
    /// Gives the last responsible person the e-mail address of another.
    EmailShared => PersonEmailShared,
    /// Drops an emergency phone the province requires.
    EmergencyPhoneMissing => PersonEmergencyPhoneRequired,
    /// Gives a person an emergency phone that is no phone number.
    EmergencyPhoneMalformed => PersonEmergencyPhoneFormat,
    /// Gives a person their own mobile number as emergency phone.
    EmergencyPhoneSameAsMobile => PersonEmergencyPhoneSameAsMobile,
    /// Makes an entity's principal someone other than its legal
    /// representative, where the province requires them to be one.
    PrincipalNotLegalRepresentative => PersonPrincipalNotLegalRepresentative,
    /// Gives a website a manager other than the principal, where the
    /// province requires it of an entity whose principal is not its legal
    /// representative.
    ManagerNotPrincipal => PersonManagerMustBePrincipal,

    // Websites
    /// Shortens a website name to 2 characters.
    NameTooShort => WebsiteNameTooShort,
    /// Renames a website with Latin letters only.
    NameWithoutChinese => WebsiteNameNoChinese,
    /// Puts an exclamation mark in a website name.
    NameSpecialCharacters => WebsiteNameSpecialCharacters,
    /// Puts one of the website's domains in its name.
    NameIsDomain => WebsiteNameIsDomain,
    /// Starts a website name with 华夏, for a subject that is not a government.
    NameNationalPrefix => WebsiteNameNationalPrefix,
    /// Puts 工作室 in the name of a personal website.
    NameForbiddenWord => WebsiteNameForbiddenWord,
    /// Puts 赌博 in a website name.
    NameSensitiveWord => WebsiteNameSensitiveWord,
    /// Puts 新闻 (or 宗教) in a website name, without the pre-approval.
    NamePreApprovalKeyword => WebsiteNamePreApprovalKeyword,
    /// Gives the last website the name of the first.
    NameDuplicate => WebsiteNameDuplicate,
    /// Adds e-commerce to a personal website.
    ContentNotAllowedForPersonal => WebsiteContentNotAllowedForPersonal,
    /// Adds content the province refuses to this filing type.
    ContentNotAllowedInProvince => WebsiteContentNotAllowedInProvince,
    /// Adds news (or religion) to an entity's website, without the
    /// pre-approval.
    PreApprovalMissing => WebsitePreApprovalMissing,
    /// Makes a personal website an operating (经营性) one.
    CommercialOnPersonalFiling => WebsiteCommercialNotAllowedForPersonal,
    /// Points a website's homepage at a host outside its domains.
    HomepageOutsideDomains => WebsiteHomepageOutsideDomains,

    /// Adds a website over the province's cap on the websites of one
    /// submission.
    TooManyWebsites => SubmissionTooManyWebsites,
    /// Adds domains (and websites, where a website may have only one) over
    /// the province's cap on the domains of one submission.
    TooManyDomains => SubmissionTooManyDomains,

    // Domains
    /// Gives a domain a suffix that MIIT does not approve (`.io`).
    SuffixNotApproved => DomainTldNotApproved,
    /// Gives a domain a suffix that is in no public suffix list.
    UnknownSuffix => DomainUnknownSuffix,
    /// Replaces a domain by its `www.` subdomain.
    Subdomain => DomainNotRegistrable,
    /// Makes a domain name invalid (an empty label).
    InvalidDomain => DomainInvalid,
    /// Gives a domain a suffix the subject may not use: `.gov.cn` for any
    /// subject but a government, `.com` for a government.
    SuffixRestricted => DomainTldRestricted,
    /// Gives a domain a holder who is not the subject.
    HolderMismatch => DomainHolderMismatch,
    /// Marks a domain as not real-name verified.
    NotRealNameVerified => DomainNotRealNameVerified,
    /// Moves a domain to a registrar outside the mainland.
    RegistrarOverseas => DomainRegistrarOverseas,
    /// Makes a domain expire the day before the evaluation date.
    DomainExpired => DomainExpired,
    /// Gives the last domain the name of the first.
    DuplicateDomain => DomainDuplicate,

    // Hosting
    /// Makes the cloud server pay-as-you-go.
    Postpaid => HostingPostpaid,
    /// Moves the cloud server to Hong Kong.
    OverseasRegion => HostingNotMainland,
    /// Moves the cloud server to a region the rule data does not know.
    UnknownRegion => HostingRegionUnknown,
    /// Buys the cloud server for one month.
    PurchaseTooShort => HostingPurchaseTooShort,
    /// Makes the cloud server expire the day before the evaluation date.
    HostingExpired => HostingExpired,
    /// Marks the authorization code as used.
    AuthorizationCodeUsed => HostingAuthCodeUsed,
    /// Has the authorization code issued by a personal account.
    AuthorizationCodeIssuerPersonal => HostingAuthCodeIssuerNotEnterprise,
    /// Gives the authorization code a malformed value.
    AuthorizationCodeMalformed => HostingAuthCodeFormat,

    // Apps
    /// Shortens an app name to one character (a warning).
    AppNameTooShort => AppNameTooShort,
    /// Puts an emoji in an app name.
    AppNameSpecialCharacters => AppNameSpecialCharacters,
    /// Starts an app name with 华夏, for a subject that is not a government.
    AppNameNationalPrefix => AppNameNationalPrefix,
    /// Puts 工作室 in the name of a personal app (a warning).
    AppNameForbiddenWord => AppNameForbiddenWord,
    /// Puts 赌博 in an app name.
    AppNameSensitiveWord => AppNameSensitiveWord,
    /// Puts 新闻 in an app name, without the pre-approval.
    AppNamePreApprovalKeyword => AppNamePreApprovalKeyword,
    /// Gives the last app the name of the first (a warning).
    AppNameDuplicate => AppNameDuplicate,
    /// Names an app with a generic word (计算器, 手电筒, 壁纸).
    AppNameGeneric => AppNameGeneric,
    /// Puts 免费 in an app name.
    AppNameMarketingWord => AppNameMarketingWord,
    /// Shows an app under another name on one of its platforms.
    AppNameInconsistent => AppNameInconsistent,
    /// Gives an Android app a package name of one segment.
    AppPackageNameMalformed => AppPackageNameFormat,
    /// Puts underscores in an iOS bundle ID.
    AppBundleIdMalformed => AppBundleIdFormat,
    /// Gives a HarmonyOS app a bundle name of two segments.
    AppBundleNameMalformed => AppBundleNameFormat,
    /// Puts a SHA-1 in an Android app's MD5 field.
    AppSignatureOfAnotherAlgorithm => AppSignatureFormat,
    /// Pastes a fingerprint where a platform's public key belongs.
    AppPublicKeyIsFingerprint => AppPublicKeyFormat,
    /// Gives an app's first platform twice.
    AppPlatformTwice => AppPlatformDuplicate,
    /// Drops a platform's public key.
    AppPublicKeyMissing => AppPlatformDataMissing,
    /// Gives a mini program WeChat's original id instead of its AppID.
    AppMiniProgramOriginalId => AppMiniProgramIdFormat,
    /// Adds e-commerce to a personal app.
    AppContentNotAllowedForPersonal => AppContentNotAllowedForPersonal,
    /// Adds news to an entity's app, without the pre-approval.
    AppPreApprovalMissing => AppPreApprovalMissing,
    /// Gives a domain an app calls a suffix MIIT does not approve (`.io`).
    AppDomainSuffixNotApproved => AppDomainTldNotApproved,
    /// Gives a domain an app calls a holder who is not the subject.
    AppDomainHolderMismatch => AppDomainHolderMismatch,
    /// Marks a domain an app calls as not real-name verified.
    AppDomainNotRealNameVerified => AppDomainNotRealNameVerified,
    /// Makes a domain an app calls expire the day before the evaluation date.
    AppDomainExpired => AppDomainExpired,
    /// Makes a domain an app calls invalid (an empty label).
    AppDomainInvalid => AppDomainInvalid,
    /// Lists a domain of an app twice (a warning).
    AppDomainTwice => AppDomainDuplicate,
    /// Makes an app's icon larger than 100 KB.
    AppIconTooLarge => AppIconTooLarge,
    /// Gives an app a website's filing number (`-1`).
    AppIcpNumberOfWebsite => AppIcpNumberServiceKind,
    /// Gives a website an app's filing number (`-2A`).
    WebsiteIcpNumberOfApp => WebsiteIcpNumberServiceKind,
    /// Moves an entity's cloud server with one mini program to Huawei,
    /// which files no mini program.
    MiniProgramAtHuawei => AppKindNotAllowed,
    /// Moves a personal filer's cloud server with apps to Huawei, which
    /// takes one service per personal order.
    PersonalAppsAtHuawei => SubmissionTooManyApps,
}

/// The finding a mutation must cause: its code, at this JSON Pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedFinding {
    /// The code of the rule the mutation breaks.
    pub code: Code,
    /// The path of the finding.
    pub path: String,
}

/// A mutation: a [`MutationKind`] and a choice of where to apply it (which
/// website, domain or person) and of the values it brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mutation {
    kind: MutationKind,
    choice: u64,
}

/// Random mutations of every kind.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    (select(MutationKind::ALL), any::<u64>()).prop_map(|(kind, choice)| Mutation::new(kind, choice))
}

/// A valid application ([`any_valid_application`]) broken by one of the
/// mutations that apply to it, with the finding it must cause.
///
/// ```
/// use beian::strategy::mutated_application;
/// use proptest::prelude::*;
/// use proptest::test_runner::{Config, TestRunner};
///
/// let mut runner = TestRunner::new(Config { cases: 8, ..Config::default() });
/// runner
///     .run(&mutated_application(), |(app, expected)| {
///         let report = beian::validate(&app);
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
pub fn mutated_application() -> impl Strategy<Value = (Application, ExpectedFinding)> {
    (any_valid_application(), any::<u64>(), any::<Index>()).prop_filter_map(
        "no mutation applies",
        |(app, choice, pick)| {
            let mut applicable: Vec<(Application, ExpectedFinding)> = MutationKind::ALL
                .iter()
                .filter_map(|kind| {
                    let mut mutated = app.clone();
                    let expected = Mutation::new(*kind, choice).apply(&mut mutated)?;
                    Some((mutated, expected))
                })
                .collect();
            (!applicable.is_empty()).then(|| applicable.swap_remove(pick.index(applicable.len())))
        },
    )
}

/// The responsible people of an application, in the validator's order:
/// the filer, the principal, the website managers, the app managers.
fn contacts(app: &Application) -> Vec<PersonAt> {
    responsible(app, Within::ALL).map(|p| p.at).collect()
}

/// The identity of a person: (name, certificate number).
fn identity(app: &Application, at: PersonAt) -> Option<(String, String)> {
    let (name, certificate) = at.identity(app)?;
    let number = certificate
        .as_ref()
        .map(|c| c.number.trim().to_owned())
        .unwrap_or_default();
    Some((name.trim().to_owned(), number))
}

/// Whether two entries are one person: the same certificate number, or
/// without one the same name.
fn same(app: &Application, a: PersonAt, b: PersonAt) -> bool {
    match (identity(app, a), identity(app, b)) {
        (Some((_, x)), Some((_, y))) if !x.is_empty() && !y.is_empty() => x.eq_ignore_ascii_case(&y),
        (Some((x, _)), Some((y, _))) => x == y,
        _ => false,
    }
}

/// Where the certificates of an application are, in document order.
fn holders(app: &Application) -> Vec<PersonAt> {
    people(app, Within::ALL)
        .filter(|at| at.identity(app).is_some_and(|(_, c)| c.is_some()))
        .collect()
}

/// The certificate of a holder.
fn certificate(app: &Application, holder: PersonAt) -> Option<&Certificate> {
    holder.identity(app)?.1.as_ref()
}

/// Replaces a certificate number everywhere it is (a person's copies);
/// returns where it is first.
fn renumber(app: &mut Application, old: &str, new: &str) -> Option<PersonAt> {
    let mut first = None;
    for holder in holders(app) {
        if let Some(c) = holder.certificate_mut(app)
            && c.number == old
        {
            c.number = new.to_owned();
            first = first.or(Some(holder));
        }
    }
    first
}

/// The resident ID of the person whose certificate numbers a mutation
/// changes: the personal filer, else the legal representative (or, for
/// `principal`, the principal).
fn person_id(app: &Application, principal: bool) -> Option<(String, String, String)> {
    let holder = match app.filing_type()? {
        FilingType::Personal => PersonAt::Subject,
        FilingType::Entity if principal => PersonAt::Principal,
        FilingType::Entity => PersonAt::LegalRepresentative,
    };
    let certificate = certificate(app, holder)?;
    let (number, kind) = (certificate.number.clone(), certificate.kind);
    if kind != Some(CertificateKind::ResidentIdCard) || number.len() != 18 || !number.is_ascii() {
        return None;
    }
    let (region, rest) = number.split_at(6);
    let (birth, rest) = rest.split_at(8);
    let order = rest.get(..3)?;
    Some((region.to_owned(), birth.to_owned(), order.to_owned()))
}

/// A domain of the application, by (website, domain) index.
fn domains(app: &Application) -> Vec<(usize, usize)> {
    app.websites
        .iter()
        .enumerate()
        .flat_map(|(i, w)| (0..w.domains.len()).map(move |j| (i, j)))
        .collect()
}

/// The host of a homepage as the generators write it.
fn host(homepage: &str) -> &str {
    let rest = homepage.split_once("://").map_or(homepage, |(_, r)| r);
    rest.split('/').next().unwrap_or_default()
}

/// Renames a domain of a website, and its homepage with it when the
/// homepage was under it (to `None`: blanks such a homepage).
fn rename_domain(website: &mut Website, j: usize, new: Option<&str>, name: &str) -> Option<String> {
    let domain = website.domains.get_mut(j)?;
    let old = std::mem::replace(&mut domain.name, name.to_owned());
    let h = host(&website.homepage).to_owned();
    if !h.is_empty() && (h == old || h.ends_with(&format!(".{old}"))) {
        website.homepage = match new {
            Some(new) => {
                let prefix = h.get(..h.len() - old.len()).unwrap_or_default();
                website.homepage.replacen(&h, &format!("{prefix}{new}"), 1)
            }
            None => String::new(),
        };
    }
    Some(old)
}

/// The first label of a domain name.
fn label(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

impl Mutation {
    /// A mutation of this kind; `choice` picks where it applies (which
    /// website, domain or person) and the values it brings.
    pub fn new(kind: MutationKind, choice: u64) -> Mutation {
        Mutation { kind, choice }
    }

    /// The kind of mutation.
    pub fn kind(&self) -> MutationKind {
        self.kind
    }

    /// The code the mutation must cause.
    pub fn code(&self) -> Code {
        self.kind.code()
    }

    /// Applies the mutation to an application made by the strategies of
    /// this module, and returns the finding it must cause; `None`, leaving
    /// the application as it was, when the mutation does not apply to it
    /// (a personal-filing mutation on an entity, a province rule the
    /// province does not have, no second website to repeat a name …).
    ///
    /// On an application from elsewhere the mutation still makes its edit,
    /// but other rules may break too (the homepage of a renamed domain, a
    /// new person's mobile number that someone already gives …).
    pub fn apply(&self, app: &mut Application) -> Option<ExpectedFinding> {
        let mut mutated = app.clone();
        let (code, path) = self.edit(&mut mutated)?;
        *app = mutated;
        Some(ExpectedFinding { code, path })
    }

    /// An index below `len`, from the choice.
    pub(super) fn pick(&self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            (self.choice % len as u64) as usize
        }
    }

    /// A second number from the choice.
    pub(super) fn value(&self) -> u64 {
        self.choice.rotate_right(17)
    }

    /// Another province than the application's.
    fn elsewhere(&self, province: Province) -> Province {
        let others: Vec<Province> = Province::ALL.iter().copied().filter(|p| *p != province).collect();
        others
            .get(self.pick(others.len()))
            .copied()
            .unwrap_or(Province::Beijing)
    }

    /// An address in a province, down to the room when `detailed`.
    fn address(&self, province: Province, detailed: bool) -> String {
        let list = places(province);
        let locality = list
            .get((self.value() % list.len().max(1) as u64) as usize)
            .map_or("", |p| p.locality.as_str());
        if detailed {
            format!(
                "{}{locality}青年路{}号2幢301室",
                province.full_name_zh(),
                self.value() % 200 + 1
            )
        } else {
            format!("{}{locality}青年路", province.full_name_zh())
        }
    }

    /// A person of the province who is no one of the application: an
    /// adult with a resident ID of the province and a mobile number and
    /// e-mail address nobody else gives.
    pub(super) fn stranger(&self, app: &Application, province: Province) -> Person {
        let v = self.value();
        let names: Vec<String> = responsible(app, Within::ALL)
            .map(|p| p.name.trim().to_owned())
            .chain(app.subject.iter().map(|s| s.name.clone()))
            .chain(
                app.subject
                    .iter()
                    .filter_map(|s| s.legal_representative.as_ref().map(|l| l.name.clone())),
            )
            .collect();
        let mut name = String::new();
        for k in 0..400u64 {
            let n = v.wrapping_add(k);
            name = format!(
                "{}{}{}",
                ["欧阳", "司马", "上官", "诸葛"][(n % 4) as usize],
                ["子", "文", "思", "若", "景"][(n / 4 % 5) as usize],
                ["涵", "轩", "宁", "川", "辰"][(n / 20 % 5) as usize]
            );
            if !names.contains(&name) {
                break;
            }
        }
        let list = places(province);
        let code = list
            .get((v % list.len().max(1) as u64) as usize)
            .map_or(110_101, |p| p.code);
        let year = 1970 + v % 30;
        let number = resident_id(&format!("{code:06}{year}0{}1{}9{:02}", v % 9 + 1, v % 3, v % 100));
        let taken: Vec<&str> = responsible(app, Within::ALL)
            .flat_map(|p| [p.mobile, p.emergency_phone, p.email])
            .collect();
        let mut phone = String::new();
        let mut email = String::new();
        for k in 0..100u32 {
            phone = mobile(v as usize, (v as u32).wrapping_add(k), 98);
            email = format!("stranger{}_{k}@example.org", v % 1000);
            if !taken.contains(&phone.as_str()) && !taken.contains(&email.as_str()) {
                break;
            }
        }
        // Always an emergency phone: without one there is a national warning.
        Person {
            name,
            certificate: Some(Certificate {
                kind: Some(CertificateKind::ResidentIdCard),
                number,
                valid_until: Some(Validity::Until(after(2000))),
            }),
            emergency_phone: format!("0571-8{:07}", v % 10_000_000),
            mobile: phone,
            email,
            mobile_province: None,
        }
    }

    /// A new domain for a website: the first domain of the application
    /// under another label, with the same suffix and registration.
    fn new_domain(&self, app: &Application, website: usize) -> Option<crate::application::Domain> {
        let template = app.websites.first()?.domains.first()?.clone();
        let suffix = template.name.split_once('.')?.1.to_owned();
        let taken: Vec<&str> = app
            .websites
            .iter()
            .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
            .collect();
        let name = (0..1000u64)
            .map(|k| format!("site{}x{website}x{k}.{suffix}", self.value() % 1000))
            .find(|n| !taken.contains(&n.as_str()))?;
        Some(crate::application::Domain { name, ..template })
    }

    /// Another domain for a website with the name of its first domain
    /// under another suffix the subject may use (domains with different
    /// names are separate websites); `None` when no suffix is left.
    fn same_name_domain(&self, app: &Application, website: usize) -> Option<crate::application::Domain> {
        let template = app.websites.get(website)?.domains.first()?.clone();
        let label = template.name.split_once('.')?.0.to_owned();
        let suffixes = match app.subject.as_ref()?.kind? {
            SubjectKind::Government => GOV_SUFFIXES,
            SubjectKind::PublicInstitution => CN_SUFFIXES,
            _ => SUFFIXES,
        };
        let taken: Vec<&str> = app
            .websites
            .iter()
            .flat_map(|w| w.domains.iter().map(|d| d.name.as_str()))
            .collect();
        let name = suffixes
            .iter()
            .map(|s| format!("{label}.{s}"))
            .find(|n| !taken.contains(&n.as_str()) && is_registrable(n))?;
        Some(crate::application::Domain { name, ..template })
    }

    /// Adds a website like the first, with a name and a domain of its own
    /// (an entity's name starts as the first website's, with its short
    /// name).
    fn add_website(&self, app: &mut Application) -> Option<()> {
        let mut website = app.websites.first()?.clone();
        let names: Vec<&str> = app.websites.iter().map(|w| w.name.as_str()).collect();
        let prefix: String = if app.filing_type() == Some(FilingType::Entity) {
            website.name.chars().take(2).collect()
        } else {
            String::new()
        };
        let prefix = prefix.as_str();
        website.name = TOPICS
            .iter()
            .flat_map(|t| KINDS.iter().map(move |k| format!("{prefix}{t}{k}")))
            .find(|n| !names.contains(&n.as_str()))?;
        website.domains = vec![self.new_domain(app, app.websites.len())?];
        website.homepage.clear();
        website.commercial = false;
        app.websites.push(website);
        Some(())
    }

    /// Makes the edit; returns the code and path, or `None` when the
    /// mutation does not apply.
    fn edit(&self, app: &mut Application) -> Option<(Code, String)> {
        use MutationKind as K;
        if self.kind.code().family() == "app" || matches!(self.kind, K::WebsiteIcpNumberOfApp | K::PersonalAppsAtHuawei)
        {
            let code = self.kind.code();
            return self.edit_app(app, code).map(|path| (code, path));
        }
        let province = app.province?;
        let filing_type = app.filing_type()?;
        let profile = Profile::new(province, filing_type);
        let personal = filing_type == FilingType::Personal;
        let subject_kind = app.subject.as_ref()?.kind?;
        let code = self.kind.code();
        let path = match self.kind {
            K::BlankRequiredField => {
                let mut targets: Vec<String> = vec!["/subject/name".into(), "/subject/mailing_address".into()];
                for (i, w) in app.websites.iter().enumerate() {
                    targets.push(format!("/websites/{i}/name"));
                    for j in 0..w.domains.len() {
                        targets.push(format!("/websites/{i}/domains/{j}/holder"));
                    }
                }
                let people = contacts(app);
                for who in &people {
                    targets.push(who.field("email"));
                }
                let target = targets.get(self.pick(targets.len()))?.clone();
                let subject = app.subject.as_mut()?;
                if target == "/subject/name" {
                    subject.name.clear();
                } else if target == "/subject/mailing_address" {
                    subject.mailing_address.clear();
                } else if let Some(who) = people.iter().find(|w| w.field("email") == target) {
                    who.contact_mut(app)?.2.clear();
                } else {
                    let mut parts = target.split('/').skip(2);
                    let i: usize = parts.next()?.parse().ok()?;
                    let website = app.websites.get_mut(i)?;
                    match (parts.next()?, parts.next()) {
                        ("name", None) => website.name.clear(),
                        (_, Some(j)) => website.domains.get_mut(j.parse::<usize>().ok()?)?.holder.clear(),
                        _ => return None,
                    }
                }
                target
            }
            K::UnknownKey => {
                let keys = [
                    "/subject/nmae",
                    "/subject/certificate/numbre",
                    "/websites/0/domian",
                    "/hosting/regoin",
                ];
                let key = keys.get(self.pick(keys.len()))?;
                app.unknown_fields.push((*key).to_owned());
                (*key).to_owned()
            }
            K::FieldNotAllowed => {
                let subject = app.subject.as_mut()?;
                if personal {
                    subject.legal_representative = Some(LegalRepresentative {
                        name: subject.name.clone(),
                        certificate: subject.certificate.clone(),
                    });
                    "/subject/legal_representative".into()
                } else {
                    subject.email = format!("office{}@example.com", self.value() % 1000);
                    "/subject/email".into()
                }
            }

            K::CertificateKindMismatch => {
                let certificate = app.subject.as_mut()?.certificate.as_mut()?;
                certificate.kind = Some(match subject_kind {
                    SubjectKind::Enterprise => CertificateKind::FoundationCertificate,
                    _ => CertificateKind::BusinessLicense,
                });
                "/subject/certificate/kind".into()
            }
            K::CrossProvince if !personal => {
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.certificate_address = self.address(elsewhere, false);
                "/subject/certificate_address".into()
            }
            K::NonLocalFilerRefused | K::NonLocalFilerWithoutPermit if personal => {
                let (policy, path) = match self.kind {
                    K::NonLocalFilerRefused => (NonLocal::Refused, "/subject/certificate_address"),
                    _ => (NonLocal::ResidencePermit, "/subject/residence_permit"),
                };
                if profile.non_local() != policy {
                    return None;
                }
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.certificate_address = self.address(elsewhere, false);
                path.into()
            }
            K::AddressNotDetailed => {
                app.subject.as_mut()?.mailing_address = self.address(province, false);
                "/subject/mailing_address".into()
            }
            K::AddressInAnotherProvince => {
                let elsewhere = self.elsewhere(province);
                app.subject.as_mut()?.mailing_address = self.address(elsewhere, true);
                "/subject/mailing_address".into()
            }

            K::ResidentIdChecksum => {
                let (region, birth, order) = person_id(app, false)?;
                let valid = resident_id(&format!("{region}{birth}{order}"));
                let right = valid.chars().last()?;
                let checks = "0123456789X";
                let at = checks.find(right)?;
                let wrong = checks.chars().nth((at + 1 + self.pick(10)) % 11)?;
                let old = valid.clone();
                let holder = renumber(app, &old, &format!("{}{wrong}", &valid[..17]))?;
                holder.field("certificate/number")
            }
            K::CreditCodeChecksum if !personal => {
                let certificate = app.subject.as_mut()?.certificate.as_mut()?;
                let number = certificate.number.clone();
                let (body, check, alphabet): (&str, char, &[u8]) = match number.len() {
                    18 => (&number[..17], number.chars().last()?, USCC_ALPHABET),
                    10 => (&number[..9], number.chars().last()?, b"0123456789X"),
                    _ => return None,
                };
                let at = alphabet.iter().position(|b| char::from(*b) == check)?;
                let wrong = alphabet.get((at + 1 + self.pick(alphabet.len() - 1)) % alphabet.len())?;
                certificate.number = format!("{body}{}", char::from(*wrong));
                "/subject/certificate/number".into()
            }
            K::LegacyResidentId => {
                let (region, birth, order) = person_id(app, false)?;
                let old = resident_id(&format!("{region}{birth}{order}"));
                let holder = renumber(app, &old, &format!("{region}{}{order}", &birth[2..]))?;
                holder.field("certificate/number")
            }
            K::FutureBirthDate => {
                let (region, birth, order) = person_id(app, false)?;
                let old = resident_id(&format!("{region}{birth}{order}"));
                let born = after(400 + (self.value() % 1000) as i64);
                let new = resident_id(&format!("{region}{}{order}", born.strftime("%Y%m%d")));
                let holder = renumber(app, &old, &new)?;
                holder.field("certificate/number")
            }
            K::CertificateExpired => {
                let mut candidates = holders(app);
                candidates.retain(|h| *h != PersonAt::Subject || personal || subject_kind == SubjectKind::Enterprise);
                let holder = *candidates.get(self.pick(candidates.len()))?;
                let yesterday = AS_OF.yesterday().ok()?;
                // The person's every copy expires (another validity for the
                // same person is `person.data_inconsistent`); the finding is
                // where the certificate first appears.
                let number = certificate(app, holder)?.number.clone();
                let mut first = None;
                for h in holders(app) {
                    let Some(c) = h.certificate_mut(app) else { continue };
                    if h == holder || (h != PersonAt::Subject || personal) && c.number == number {
                        c.valid_until = Some(Validity::Until(yesterday));
                        first.get_or_insert(h);
                    }
                }
                first?.field("certificate/valid_until")
            }

            K::PersonNotSubject if personal => {
                let stranger = self.stranger(app, province);
                app.subject.as_mut()?.principal = Some(stranger);
                "/subject/principal".into()
            }
            K::Underage => {
                if personal && !profile.filer_has_minimum_age() {
                    return None;
                }
                let (region, _, order) = person_id(app, true)?;
                let old = certificate(
                    app,
                    if personal {
                        PersonAt::Subject
                    } else {
                        PersonAt::Principal
                    },
                )?
                .number
                .clone();
                let born = AS_OF.saturating_sub(jiff::Span::new().years(10));
                let new = resident_id(&format!("{region}{}{order}", born.strftime("%Y%m%d")));
                renumber(app, &old, &new)?;
                if personal {
                    "/subject".into()
                } else {
                    "/subject/principal".into()
                }
            }
            K::MobileUnallocated | K::EmailMalformed | K::EmergencyPhoneMalformed | K::EmergencyPhoneSameAsMobile => {
                let people = contacts(app);
                let who = *people.get(self.pick(people.len()))?;
                let (mobile, emergency, email) = who.contact_mut(app)?;
                let field = match self.kind {
                    K::MobileUnallocated => {
                        *mobile = format!("140{:08}", self.value() % 100_000_000);
                        "mobile"
                    }
                    K::EmailMalformed => {
                        *email = email.replace('@', ".at.");
                        "email"
                    }
                    K::EmergencyPhoneMalformed => {
                        *emergency = format!("{}", self.value() % 100_000);
                        "emergency_phone"
                    }
                    _ => {
                        *emergency = mobile.clone();
                        "emergency_phone"
                    }
                };
                who.field(field)
            }
            K::MobileShared | K::EmailShared => {
                let people = contacts(app);
                let last = *people.last()?;
                let source = *people.iter().find(|w| !same(app, **w, last))?;
                let (mobile, _, email) = source.contact_mut(app)?;
                let (mobile, email) = (mobile.clone(), email.clone());
                let (m, _, e) = last.contact_mut(app)?;
                let field = if self.kind == K::MobileShared {
                    *m = mobile;
                    "mobile"
                } else {
                    *e = email;
                    "email"
                };
                last.field(field)
            }
            K::EmergencyPhoneMissing if profile.emergency_phone_required() => {
                let people: Vec<PersonAt> = contacts(app)
                    .into_iter()
                    .filter(|w| !personal || *w == PersonAt::Subject)
                    .collect();
                let who = *people.get(self.pick(people.len()))?;
                who.contact_mut(app)?.1.clear();
                who.field("emergency_phone")
            }
            K::PrincipalNotLegalRepresentative
                if !personal
                    && profile.principal_must_be_legal_representative()
                    && !profile.manager_must_be_principal() =>
            {
                let stranger = self.stranger(app, province);
                app.subject.as_mut()?.principal = Some(stranger);
                "/subject/principal".into()
            }
            K::ManagerNotPrincipal if !personal && profile.manager_must_be_principal() => {
                let subject = app.subject.as_ref()?;
                let legal = subject.legal_representative.as_ref()?;
                let principal = subject.principal.as_ref()?;
                let number = |c: &Option<Certificate>| c.as_ref().map(|c| c.number.clone());
                if number(&legal.certificate) == number(&principal.certificate)
                    || profile.principal_must_be_legal_representative()
                {
                    return None;
                }
                let i = self.pick(app.websites.len());
                let stranger = self.stranger(app, province);
                app.websites.get_mut(i)?.manager = Some(stranger);
                format!("/websites/{i}/manager")
            }

            K::NameTooShort
            | K::NameWithoutChinese
            | K::NameSpecialCharacters
            | K::NameIsDomain
            | K::NameNationalPrefix
            | K::NameForbiddenWord
            | K::NameSensitiveWord
            | K::NamePreApprovalKeyword
            | K::ContentNotAllowedForPersonal
            | K::ContentNotAllowedInProvince
            | K::PreApprovalMissing
            | K::CommercialOnPersonalFiling
            | K::HomepageOutsideDomains => {
                let i = self.pick(app.websites.len());
                let website = app.websites.get_mut(i)?;
                let field = match self.kind {
                    // An entity's name keeps the two characters of its
                    // short name it starts with (it stays related to the
                    // subject's); Latin letters alone cannot be.
                    K::NameTooShort if !personal => {
                        website.name = website.name.chars().take(2).collect();
                        "name".into()
                    }
                    K::NameTooShort => {
                        website.name = KINDS.get(self.value() as usize % KINDS.len())?.to_string();
                        "name".into()
                    }
                    K::NameWithoutChinese if personal => {
                        website.name = ["MyNotes", "Daily Log", "PhotoBook"][(self.value() % 3) as usize].into();
                        "name".into()
                    }
                    K::NameSpecialCharacters => {
                        website.name.push('!');
                        "name".into()
                    }
                    K::NameIsDomain => {
                        // An ASCII domain without a word of the name lists (P2P).
                        let domain = website
                            .domains
                            .iter()
                            .map(|d| d.name.clone())
                            .find(|d| d.is_ascii() && !d.contains("p2p"))?;
                        website.name.push_str(&domain);
                        "name".into()
                    }
                    K::NameNationalPrefix if subject_kind != SubjectKind::Government => {
                        website.name.insert_str(0, "华夏");
                        "name".into()
                    }
                    K::NameForbiddenWord if personal => {
                        website.name.push_str("工作室");
                        "name".into()
                    }
                    K::NameSensitiveWord => {
                        website.name.push_str("赌博");
                        "name".into()
                    }
                    K::NamePreApprovalKeyword => {
                        // A keyword of a category the website does not hold.
                        let (word, _) = [
                            ("新闻", PreApprovalCategory::News),
                            ("宗教", PreApprovalCategory::Religion),
                        ]
                        .into_iter()
                        .find(|(_, c)| !website.pre_approvals.iter().any(|p| p.category == Some(*c)))?;
                        website.name.push_str(word);
                        "name".into()
                    }
                    K::ContentNotAllowedForPersonal if personal => {
                        website.content.push(Content::ECommerce);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::ContentNotAllowedInProvince => {
                        let refused = profile.refused_content()?;
                        if subject_kind == SubjectKind::Government {
                            return None; // exempt from Henan's portal rule
                        }
                        website.content.push(refused);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::PreApprovalMissing if !personal => {
                        // Content of a category the website does not hold.
                        let content = [Content::News, Content::Religion]
                            .into_iter()
                            .find(|c| !website.content.contains(c))?;
                        website.content.push(content);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::CommercialOnPersonalFiling if personal => {
                        website.commercial = true;
                        "commercial".into()
                    }
                    K::HomepageOutsideDomains => {
                        website.homepage = "https://www.qq.com/".into();
                        "homepage".into()
                    }
                    _ => return None,
                };
                format!("/websites/{i}/{field}")
            }
            K::NameDuplicate => {
                let last = app.websites.len().checked_sub(1).filter(|l| *l > 0)?;
                let name = app.websites.first()?.name.clone();
                app.websites.get_mut(last)?.name = name;
                format!("/websites/{last}/name")
            }

            K::TooManyWebsites | K::TooManyDomains => {
                if matches!(app.hosting, Some(Hosting::AuthorizationCode(_))) {
                    return None; // a code covers one website with one domain
                }
                let count = |app: &Application| app.websites.iter().map(|w| w.domains.len()).sum::<usize>();
                if self.kind == K::TooManyWebsites {
                    let cap = profile.website_cap()?;
                    while app.websites.len() <= cap {
                        self.add_website(app)?;
                    }
                    format!("/websites/{cap}")
                } else {
                    let cap = Some(profile.max_domains()).filter(|c| *c < usize::MAX)?;
                    while count(app) <= cap {
                        let last = app.websites.len().checked_sub(1)?;
                        let domain = (app.websites.get(last)?.domains.len() < profile.max_domains_per_website())
                            .then(|| self.same_name_domain(app, last))
                            .flatten();
                        match domain {
                            Some(domain) => app.websites.get_mut(last)?.domains.push(domain),
                            None => self.add_website(app)?,
                        }
                    }
                    // The first domain over the cap, in document order.
                    let (mut seen, mut at) = (0, None);
                    for (i, w) in app.websites.iter().enumerate() {
                        if at.is_none() && seen + w.domains.len() > cap {
                            at = Some((i, cap - seen));
                        }
                        seen += w.domains.len();
                    }
                    let (i, j) = at?;
                    format!("/websites/{i}/domains/{j}")
                }
            }

            K::SuffixNotApproved | K::UnknownSuffix | K::Subdomain | K::InvalidDomain | K::SuffixRestricted => {
                let all = domains(app);
                let (i, j) = *all.get(self.pick(all.len()))?;
                let website = app.websites.get_mut(i)?;
                let old = website.domains.get(j)?.name.clone();
                let first = label(&old).to_owned();
                let new = match self.kind {
                    K::SuffixNotApproved => Some(format!("{first}.io")),
                    K::UnknownSuffix => Some(format!("{first}.zzqx")),
                    K::Subdomain => Some(format!("www.{old}")),
                    K::InvalidDomain => None,
                    _ if subject_kind == SubjectKind::Government => Some(format!("{first}.com")),
                    _ => Some(format!("{first}.gov.cn")),
                };
                let name = new.clone().unwrap_or_else(|| format!("{first}..cn"));
                rename_domain(website, j, new.as_deref(), &name)?;
                format!("/websites/{i}/domains/{j}/name")
            }
            K::HolderMismatch | K::NotRealNameVerified | K::RegistrarOverseas | K::DomainExpired => {
                let all = domains(app);
                let (i, j) = *all.get(self.pick(all.len()))?;
                let stranger = self.stranger(app, province).name;
                let domain = app.websites.get_mut(i)?.domains.get_mut(j)?;
                let field = match self.kind {
                    K::HolderMismatch => {
                        domain.holder = stranger;
                        "holder"
                    }
                    K::NotRealNameVerified => {
                        domain.real_name_verified = Some(false);
                        "real_name_verified"
                    }
                    K::RegistrarOverseas => {
                        domain.registrar_in_mainland = false;
                        "registrar_in_mainland"
                    }
                    _ => {
                        domain.expires_on = Some(AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                };
                format!("/websites/{i}/domains/{j}/{field}")
            }
            K::DuplicateDomain => {
                let all = domains(app);
                let (i, j) = *all.last().filter(|_| all.len() > 1)?;
                // A later domain of a website repeats its first (the names
                // of a website's domains stay one); a website's only domain
                // repeats the application's first.
                let from = if j > 0 { i } else { 0 };
                let name = app.websites.get(from)?.domains.first()?.name.clone();
                let website = app.websites.get_mut(i)?;
                rename_domain(website, j, Some(&name), &name)?;
                format!("/websites/{i}/domains/{j}/name")
            }

            K::Postpaid | K::OverseasRegion | K::UnknownRegion | K::PurchaseTooShort | K::HostingExpired => {
                let Some(Hosting::CloudServer(server)) = app.hosting.as_mut() else {
                    return None;
                };
                let field = match self.kind {
                    K::Postpaid => {
                        server.billing = Some(Billing::Postpaid);
                        "billing"
                    }
                    K::OverseasRegion => {
                        server.provider = "tencent".into();
                        server.region = "ap-hongkong".into();
                        "region"
                    }
                    K::UnknownRegion => {
                        server.region = "xx-nowhere-1".into();
                        "region"
                    }
                    K::PurchaseTooShort => {
                        server.purchased_months = Some(1);
                        "purchased_months"
                    }
                    _ => {
                        server.expires_on = Some(AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                };
                format!("/hosting/{field}")
            }
            K::AuthorizationCodeUsed | K::AuthorizationCodeIssuerPersonal | K::AuthorizationCodeMalformed => {
                let Some(Hosting::AuthorizationCode(code)) = app.hosting.as_mut() else {
                    return None;
                };
                let field = match self.kind {
                    K::AuthorizationCodeUsed => {
                        code.used = true;
                        "used"
                    }
                    K::AuthorizationCodeIssuerPersonal => {
                        code.issuer_account = Some(IssuerAccount::Personal);
                        "issuer_account"
                    }
                    _ => {
                        code.code = format!("a{}", self.value() % 100);
                        "code"
                    }
                };
                format!("/hosting/{field}")
            }
            _ => return None,
        };
        Some((code, path))
    }
}
