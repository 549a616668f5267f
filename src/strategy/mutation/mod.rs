//! Mutations: edits that break exactly one rule of a valid application.
//!
//! The kinds are listed here; their edits are in one file per family of
//! codes, as the checks are: input (`field.*`), subject, certificate,
//! person, website, submission, domain, hosting and app.

use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::profile::Profile;
use super::valid::any_valid_application;
use crate::application::Application;
use crate::code::Code;
use crate::province::Province;
use crate::vocabulary::{FilingType, SubjectKind};

mod app;
mod certificate;
mod domain;
mod hosting;
mod input;
mod person;
mod subject;
mod submission;
mod website;

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
    fn pick(&self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            (self.choice % len as u64) as usize
        }
    }

    /// A second number from the choice.
    fn value(&self) -> u64 {
        self.choice.rotate_right(17)
    }

    /// Makes the edit; returns the code and path, or `None` when the
    /// mutation does not apply.
    fn edit(&self, app: &mut Application) -> Option<(Code, String)> {
        use MutationKind as K;
        let code = self.kind.code();
        if code.family() == "app" || matches!(self.kind, K::WebsiteIcpNumberOfApp | K::PersonalAppsAtHuawei) {
            return self.edit_app(app, code).map(|path| (code, path));
        }
        let province = app.province?;
        let filing_type = app.filing_type()?;
        let filing = Filing {
            province,
            profile: Profile::new(province, filing_type),
            personal: filing_type == FilingType::Personal,
            subject_kind: app.subject.as_ref()?.kind?,
        };
        let path = match code.family() {
            "field" => self.edit_input(app, &filing),
            "subject" => self.edit_subject(app, &filing),
            "certificate" => self.edit_certificate(app, &filing),
            "person" => self.edit_person(app, &filing),
            "website" => self.edit_website(app, &filing),
            "submission" => self.edit_submission(app, &filing),
            "domain" => self.edit_domain(app, &filing),
            "hosting" => self.edit_hosting(app),
            _ => None,
        }?;
        Some((code, path))
    }
}

/// What the mutations of a family read of the application they edit (one
/// with a province and a subject of a known kind).
#[derive(Clone, Copy)]
struct Filing {
    province: Province,
    profile: Profile,
    personal: bool,
    subject_kind: SubjectKind,
}
