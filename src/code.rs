//! The finding codes: stable identifiers of everything `validate` can report.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::vocabulary::{Severity, vocabulary};

/// The parameters of a finding: the values its message talks about, by name.
///
/// Certificate and phone numbers in parameters are always masked (see
/// [`privacy`](crate::privacy)).
pub type Params = BTreeMap<String, serde_json::Value>;

vocabulary! {
    /// A finding code: a stable identifier of one kind of problem.
    ///
    /// Codes are a public API: they never change meaning and are never
    /// reused, and new ones may be added (hence `#[non_exhaustive]`). Each
    /// has a default [`Severity`]; a rule set may change the severity of a
    /// province rule, never its code. The text form (`domain.tld_not_approved`)
    /// is what reports carry and what [`FromStr`](std::str::FromStr) and serde accept.
    ///
    /// The variants below are grouped by family: input, subject,
    /// certificates, people, websites, domains, hosting, submission,
    /// operations, apps. Each variant's page gives its id and default severity;
    /// the catalogue below gives, for every code, its parameters
    /// ([`Code::params`]) and the English and Chinese message templates of
    /// the embedded rule data.
    /// [`RuleSet::catalogue`](crate::RuleSet::catalogue) is the same
    /// catalogue as data (serialisable, e.g. for `beian rules codes --format json`).
    ///
    #[doc = include_str!("../rules/CODES.md")]
    #[non_exhaustive]
    pub enum Code ("finding code") with Severity {
        // Input
        /// A required field is missing, `null` or blank after trimming.
        FieldRequired = ("field.required", Severity::Error),
        /// A key that is not part of the application model (typos must not pass silently).
        FieldUnknown = ("field.unknown", Severity::Warning),
        /// A value that does not fit its field: a wrong JSON type, an id
        /// outside its vocabulary, a malformed date. Params: `field`,
        /// `expected`, `found` (its JSON type), and for an id `allowed` and,
        /// when one is near, `nearest`. Nothing at or under it is checked.
        FieldInvalid = ("field.invalid", Severity::Error),
        /// A field that this filing type must not have, e.g. a legal representative on a personal filing.
        FieldNotAllowed = ("field.not_allowed", Severity::Error),
        /// Over the input limits (100 websites, 100 domains per website, 100 items in any other list, 1,000 characters in any string); what is over a limit is not checked further.
        InputTooLarge = ("input.too_large", Severity::Error),

        // Subject
        /// The certificate kind does not fit the subject kind, or a person's certificate is not a personal one.
        SubjectCertificateKindMismatch = ("subject.certificate_kind_mismatch", Severity::Error),
        /// An entity whose credit-code region or certificate address is in another province: entities must file where they are registered.
        SubjectCrossProvince = ("subject.cross_province", Severity::Error),
        /// A personal filer whose ID is from another province, where the province accepts only local IDs.
        SubjectNonLocalNotAccepted = ("subject.non_local_not_accepted", Severity::Error),
        /// A non-local personal filer without a valid residence permit for this province, where one is accepted.
        SubjectResidencePermitRequired = ("subject.residence_permit_required", Severity::Error),
        /// A foreign national filing personally in a province that does not accept them.
        SubjectForeignerNotAccepted = ("subject.foreigner_not_accepted", Severity::Error),
        /// The mailing address does not go down to the house or room number.
        SubjectAddressNotDetailed = ("subject.address_not_detailed", Severity::Warning),
        /// An address lies in another province than the filing province.
        SubjectAddressProvinceMismatch = ("subject.address_province_mismatch", Severity::Warning),

        // Certificates
        /// The certificate number does not have the format of its kind.
        CertificateFormat = ("certificate.format", Severity::Error),
        /// The certificate number's check character is wrong.
        CertificateChecksum = ("certificate.checksum", Severity::Error),
        /// The birth date in the certificate number does not exist or is after the evaluation date.
        CertificateBirthDate = ("certificate.birth_date", Severity::Error),
        /// The region code in the certificate number is not a known administrative division.
        CertificateRegion = ("certificate.region", Severity::Error),
        /// A 15-digit first-generation resident ID.
        CertificateLegacyId = ("certificate.legacy_id", Severity::Error),
        /// The certificate expired before the evaluation date.
        CertificateExpired = ("certificate.expired", Severity::Error),
        /// The certificate's remaining validity is under the province's minimum (default 90 days).
        CertificateExpiringSoon = ("certificate.expiring_soon", Severity::Error),
        /// The credit code's registration authority and organisation type disagree with the subject kind.
        CertificateUsccKindMismatch = ("certificate.uscc_kind_mismatch", Severity::Warning),
        /// A known legitimate early credit code that fails the checksum.
        CertificateUsccPilotCode = ("certificate.uscc_pilot_code", Severity::Warning),

        // People
        /// Personal filing: the principal or a website manager is someone other than the subject.
        PersonNotSubject = ("person.not_subject", Severity::Error),
        /// Younger than the province's minimum age, from the certificate's birth date.
        PersonUnderage = ("person.underage", Severity::Error),
        /// Not a mainland mobile number with an allocated prefix.
        PersonMobileFormat = ("person.mobile_format", Severity::Error),
        /// Two different people give the same mobile number.
        PersonMobileShared = ("person.mobile_shared", Severity::Error),
        /// The mobile number is registered in another province where the province requires local numbers (only when `mobile_province` is given).
        PersonMobileNotLocal = ("person.mobile_not_local", Severity::Warning),
        /// Not an e-mail address.
        PersonEmailFormat = ("person.email_format", Severity::Error),
        /// Two different people give the same e-mail address (the severity is province data).
        PersonEmailShared = ("person.email_shared", Severity::Warning),
        /// The province requires an emergency phone number.
        PersonEmergencyPhoneRequired = ("person.emergency_phone_required", Severity::Error),
        /// The emergency phone is neither a mobile nor a landline number.
        PersonEmergencyPhoneFormat = ("person.emergency_phone_format", Severity::Error),
        /// The emergency phone is the person's own mobile number.
        PersonEmergencyPhoneSameAsMobile = ("person.emergency_phone_same_as_mobile", Severity::Error),
        /// The province requires the principal (主体负责人) to be the legal representative.
        PersonPrincipalNotLegalRepresentative = ("person.principal_not_legal_representative", Severity::Error),
        /// The province requires the website manager to be the principal when the principal is not the legal representative.
        PersonManagerMustBePrincipal = ("person.manager_must_be_principal", Severity::Error),
        /// The emergency phone is the mobile (or the emergency phone) of
        /// another responsible person. Params: `phone` (masked), `other`
        /// (the path of the number it repeats).
        PersonEmergencyPhoneShared = ("person.emergency_phone_shared", Severity::Error),
        /// Two responsible people with different names give the same
        /// certificate number. Params: `number` (masked), `other` (the path
        /// of the first person's number).
        PersonCertificateShared = ("person.certificate_shared", Severity::Error),
        /// The same person (the same certificate number) is given twice with
        /// different data. Params: `field` (`certificate.kind`,
        /// `certificate.valid_until`, `mobile`, `emergency_phone` or
        /// `email`), `other` (the path of the first occurrence).
        PersonDataInconsistent = ("person.data_inconsistent", Severity::Error),
        /// The province requires the website manager to be another person
        /// than the principal and the legal representative. Params: `province`.
        PersonManagerMustNotBePrincipal = ("person.manager_must_not_be_principal", Severity::Error),
        /// The province does not accept this kind of certificate for this
        /// role (e.g. the principal must hold a mainland resident ID card).
        /// Params: `kind`, `role`, `province`, `accepted` (the kinds it
        /// accepts, when it lists them).
        PersonCertificateKindNotAccepted = ("person.certificate_kind_not_accepted", Severity::Error),

        // Websites
        /// The website name has fewer than 3 characters.
        WebsiteNameTooShort = ("website.name_too_short", Severity::Error),
        /// The website name is only digits or Latin letters.
        WebsiteNameNoChinese = ("website.name_no_chinese", Severity::Error),
        /// The website name contains characters that are not allowed.
        WebsiteNameSpecialCharacters = ("website.name_special_characters", Severity::Error),
        /// The website name is, or contains, a domain name.
        WebsiteNameIsDomain = ("website.name_is_domain", Severity::Error),
        /// Personal filing: the website name is the filer's name.
        WebsiteNameIsPersonName = ("website.name_is_person_name", Severity::Error),
        /// A name starting with a national word (中国, 中华, 国家 …) for a subject that is not a state organ.
        WebsiteNameNationalPrefix = ("website.name_national_prefix", Severity::Error),
        /// The name contains a word banned for this filing type.
        WebsiteNameForbiddenWord = ("website.name_forbidden_word", Severity::Error),
        /// The name contains a sensitive word.
        WebsiteNameSensitiveWord = ("website.name_sensitive_word", Severity::Error),
        /// The name implies a pre-approval category that is not held.
        WebsiteNamePreApprovalKeyword = ("website.name_pre_approval_keyword", Severity::Error),
        /// Two websites in the application have the same name.
        WebsiteNameDuplicate = ("website.name_duplicate", Severity::Warning),
        /// An entity's website name shares nothing with the subject's name:
        /// it is neither its full name nor its short name (字号; read as the
        /// registered name without the leading division names and the
        /// trailing organisational form). Params: `name`, `subject` (the
        /// subject's name), `short_name` (what was compared).
        WebsiteNameUnrelatedToSubject = ("website.name_unrelated_to_subject", Severity::Warning),
        /// Service content that personal filings may not have.
        WebsiteContentNotAllowedForPersonal = ("website.content_not_allowed_for_personal", Severity::Error),
        /// Service content the province does not accept for this filing type.
        WebsiteContentNotAllowedInProvince = ("website.content_not_allowed_in_province", Severity::Error),
        /// Content that needs a pre-approval, without one.
        WebsitePreApprovalMissing = ("website.pre_approval_missing", Severity::Error),
        /// A pre-approval number that does not have its document's format.
        WebsitePreApprovalNumberFormat = ("website.pre_approval_number_format", Severity::Warning),
        /// A personal filing for an operating (经营性) service.
        WebsiteCommercialNotAllowedForPersonal = ("website.commercial_not_allowed_for_personal", Severity::Error),
        /// An operating service also needs an ICP licence (ICP证).
        WebsiteCommercialRequiresLicense = ("website.commercial_requires_license", Severity::Info),
        /// More domains than the province allows per website.
        WebsiteTooManyDomains = ("website.too_many_domains", Severity::Error),
        /// One website holds domains with different names (`aaa.com` and
        /// `bbb.com`; `aaa.com` and `aaa.cn` have one name, `aaa`), which
        /// must be filed as separate websites; at the first domain whose
        /// name differs from the first domain's. Params: `domain`, `name`
        /// (its name without the public suffix), `other` (the path of the
        /// website's first domain), `other_name` (that domain's name).
        WebsiteDomainsDifferentNames = ("website.domains_different_names", Severity::Error),
        /// The home page is not under one of the website's domains.
        WebsiteHomepageOutsideDomains = ("website.homepage_outside_domains", Severity::Error),
        /// The website's `icp_number` is not an ICP filing number or ICP licence number, even read leniently.
        WebsiteIcpNumberFormat = ("website.icp_number_format", Severity::Error),
        /// The website's `icp_number` reads as a number only leniently (full-width characters, spaces, a missing or misplaced `号` …); the params give the canonical form.
        WebsiteIcpNumberNotCanonical = ("website.icp_number_not_canonical", Severity::Warning),
        /// The website's `icp_number` was issued in another province than the filing province.
        WebsiteIcpNumberProvince = ("website.icp_number_province", Severity::Warning),
        /// The website's `icp_number` starts with an official abbreviation of its province that the province's ICP numbers do not use, according to the rule data (`贵ICP备` where Guizhou uses `黔ICP备`).
        WebsiteIcpNumberAbbreviation = ("website.icp_number_abbreviation", Severity::Warning),
        /// The website's `icp_number` is the number of an app (`-2A`), a mini program (`-3X`) or a quick app (`-4K`), not of a website.
        WebsiteIcpNumberServiceKind = ("website.icp_number_service_kind", Severity::Error),

        // Domains
        /// Not a valid host name after IDNA UTS #46 processing.
        DomainInvalid = ("domain.invalid", Severity::Error),
        /// A subdomain or a bare public suffix was given; the params name the registrable domain to file.
        DomainNotRegistrable = ("domain.not_registrable", Severity::Error),
        /// The suffix is not in the public suffix list.
        DomainUnknownSuffix = ("domain.unknown_suffix", Severity::Error),
        /// The suffix is not approved by MIIT for filing.
        DomainTldNotApproved = ("domain.tld_not_approved", Severity::Error),
        /// The suffix is not open to this subject kind or province.
        DomainTldRestricted = ("domain.tld_restricted", Severity::Error),
        /// The domain's registrant is not real-name verified.
        DomainNotRealNameVerified = ("domain.not_real_name_verified", Severity::Error),
        /// The domain's registrant is not the subject.
        DomainHolderMismatch = ("domain.holder_mismatch", Severity::Error),
        /// The domain is held at a registrar outside the mainland.
        DomainRegistrarOverseas = ("domain.registrar_overseas", Severity::Error),
        /// The domain registration has expired.
        DomainExpired = ("domain.expired", Severity::Error),
        /// The remaining registration is under the province's minimum.
        DomainExpiringSoon = ("domain.expiring_soon", Severity::Error),
        /// The same registrable domain appears more than once in the application.
        DomainDuplicate = ("domain.duplicate", Severity::Error),

        // Hosting
        /// The server is not in mainland China.
        HostingNotMainland = ("hosting.not_mainland", Severity::Error),
        /// The region id is not in the rule data.
        HostingRegionUnknown = ("hosting.region_unknown", Severity::Warning),
        /// A pay-as-you-go server, which cannot be used for filing.
        HostingPostpaid = ("hosting.postpaid", Severity::Error),
        /// Less than 3 months of server time were bought.
        HostingPurchaseTooShort = ("hosting.purchase_too_short", Severity::Error),
        /// The server subscription has expired.
        HostingExpired = ("hosting.expired", Severity::Error),
        /// The server expires before the review period would end.
        HostingExpiringSoon = ("hosting.expiring_soon", Severity::Warning),
        /// The authorization code does not have the provider's format.
        HostingAuthCodeFormat = ("hosting.auth_code_format", Severity::Error),
        /// The authorization code was issued by an account that is not enterprise-verified.
        HostingAuthCodeIssuerNotEnterprise = ("hosting.auth_code_issuer_not_enterprise", Severity::Error),
        /// The authorization code was already used.
        HostingAuthCodeUsed = ("hosting.auth_code_used", Severity::Error),
        /// An authorization code covers one website with one domain.
        HostingAuthCodeSingleDomain = ("hosting.auth_code_single_domain", Severity::Error),

        // Submission
        /// More websites in one application than the province accepts in one submission; the finding points at the first website over the limit.
        SubmissionTooManyWebsites = ("submission.too_many_websites", Severity::Error),
        /// More domains, counted over all websites, than the province accepts in one submission; the finding points at the first domain over the limit.
        SubmissionTooManyDomains = ("submission.too_many_domains", Severity::Error),

        // Operations
        /// A value that must equal the filing on record differs; the finding
        /// points at the value in the order. Params: `field`, `recorded` (masked
        /// like any personal number), `operation`.
        OperationRecordMismatch = ("operation.record_mismatch", Severity::Error),
        /// A change of what never changes: the province, the subject's
        /// certificate number, a domain added to a filed website.
        OperationImmutableField = ("operation.immutable_field", Severity::Error),
        /// An `icp_number` that is not one of the record's, or a number under
        /// another subject's; also a record that contradicts itself (two
        /// services with one number). Params: `icp_number`, `problem`.
        OperationUnknownNumber = ("operation.unknown_number", Severity::Error),
        /// The province does not allow this change or order (e.g. a personal
        /// subject changed to another person).
        OperationNotAllowedInProvince = ("operation.not_allowed_in_province", Severity::Error),
        /// The operation is not open to this kind of subject (e.g. an entity changed to a person).
        OperationNotAllowedForSubject = ("operation.not_allowed_for_subject", Severity::Error),
        /// An order that mixes operations that must be separate orders (a new
        /// website in an access order, a filed one in an `add_website` order).
        OperationCombined = ("operation.combined", Severity::Error),
        /// Cancelling the last service, or the last access of a website, leaves
        /// a 空壳 that the administration cancels.
        OperationLeavesEmptySubject = ("operation.leaves_empty_subject", Severity::Warning),
        /// A change order whose data equals the record (path: the whole order).
        OperationNothingChanged = ("operation.nothing_changed", Severity::Warning),
        /// A new website takes the name of a filed website, where the province
        /// says to change that website instead.
        OperationWebsiteNameOnRecord = ("operation.website_name_on_record", Severity::Error),
        /// The record holds a service with no access provider, which the
        /// province requires cancelled before a new order.
        OperationEmptyServiceOnRecord = ("operation.empty_service_on_record", Severity::Error),
        /// More apps (or services beside an app) in one application than one submission takes; the finding points at the first app over the limit.
        SubmissionTooManyApps = ("submission.too_many_apps", Severity::Error),

        // Apps
        /// A kind of app (app, mini program, quick app) that the access provider does not file.
        AppKindNotAllowed = ("app.kind_not_allowed", Severity::Error),
        /// The app name has fewer counted characters than the rule data asks (the twin of `website.name_too_short`).
        AppNameTooShort = ("app.name_too_short", Severity::Warning),
        /// The app name contains characters that are not allowed: emoji, placeholders, symbols.
        AppNameSpecialCharacters = ("app.name_special_characters", Severity::Error),
        /// An app name starting with a national word (中国, 中华, 国家 …) for a subject that is not a state organ.
        AppNameNationalPrefix = ("app.name_national_prefix", Severity::Error),
        /// The app name contains a word banned for this filing type.
        AppNameForbiddenWord = ("app.name_forbidden_word", Severity::Error),
        /// The app name contains a sensitive word.
        AppNameSensitiveWord = ("app.name_sensitive_word", Severity::Error),
        /// The app name implies a pre-approval category that the app does not hold.
        AppNamePreApprovalKeyword = ("app.name_pre_approval_keyword", Severity::Error),
        /// Two apps of the application have the same name (one name is one app, with all its platforms).
        AppNameDuplicate = ("app.name_duplicate", Severity::Warning),
        /// The app name is a generic word (计算器, 日历, 手电筒 …) or a placeholder, which does not identify an app.
        AppNameGeneric = ("app.name_generic", Severity::Error),
        /// The app name contains a price or marketing word (免费, 最新版, 最佳 …).
        AppNameMarketingWord = ("app.name_marketing_word", Severity::Error),
        /// A platform shows the app under another name than the one filed: one name across platforms.
        AppNameInconsistent = ("app.name_inconsistent", Severity::Error),
        /// Not an Android (or quick app) package name (see [`AndroidPackageName`](crate::app::AndroidPackageName)).
        AppPackageNameFormat = ("app.package_name_format", Severity::Error),
        /// Not an iOS bundle ID (see [`BundleId`](crate::app::BundleId)).
        AppBundleIdFormat = ("app.bundle_id_format", Severity::Error),
        /// Not a HarmonyOS bundle name (see [`HarmonyBundleName`](crate::app::HarmonyBundleName)).
        AppBundleNameFormat = ("app.bundle_name_format", Severity::Error),
        /// Not an MD5, SHA-1 or SHA-256 fingerprint in hexadecimal, or not of the algorithm its field names (see [`Fingerprint`](crate::app::Fingerprint)).
        AppSignatureFormat = ("app.signature_format", Severity::Error),
        /// Not a public key in PEM, Base64 or hexadecimal (see [`PublicKey`](crate::app::PublicKey)).
        AppPublicKeyFormat = ("app.public_key_format", Severity::Error),
        /// The same platform is given twice for one app.
        AppPlatformDuplicate = ("app.platform_duplicate", Severity::Error),
        /// A platform without its identifier, public key or the fingerprint its form asks for.
        AppPlatformDataMissing = ("app.platform_data_missing", Severity::Error),
        /// Not a mini program id (see [`MiniProgramId`](crate::app::MiniProgramId)).
        AppMiniProgramIdFormat = ("app.mini_program_id_format", Severity::Error),
        /// App content that personal filings may not have.
        AppContentNotAllowedForPersonal = ("app.content_not_allowed_for_personal", Severity::Error),
        /// App content that needs a pre-approval, without one.
        AppPreApprovalMissing = ("app.pre_approval_missing", Severity::Error),
        /// An app's pre-approval number that does not have its document's format.
        AppPreApprovalNumberFormat = ("app.pre_approval_number_format", Severity::Warning),
        /// A domain the app calls is not a valid host name after IDNA UTS #46 processing.
        AppDomainInvalid = ("app.domain_invalid", Severity::Error),
        /// A domain the app calls is a bare public suffix (`com.cn`).
        AppDomainNotRegistrable = ("app.domain_not_registrable", Severity::Error),
        /// A domain the app calls has a suffix that is not in the public suffix list.
        AppDomainUnknownSuffix = ("app.domain_unknown_suffix", Severity::Error),
        /// A domain the app calls has a suffix not approved by MIIT for filing.
        AppDomainTldNotApproved = ("app.domain_tld_not_approved", Severity::Error),
        /// A domain the app calls has a suffix not open to this subject kind or province.
        AppDomainTldRestricted = ("app.domain_tld_restricted", Severity::Error),
        /// A domain the app calls is not real-name verified.
        AppDomainNotRealNameVerified = ("app.domain_not_real_name_verified", Severity::Error),
        /// A domain the app calls is not held by the subject.
        AppDomainHolderMismatch = ("app.domain_holder_mismatch", Severity::Error),
        /// A domain the app calls is held at a registrar outside the mainland.
        AppDomainRegistrarOverseas = ("app.domain_registrar_overseas", Severity::Error),
        /// The registration of a domain the app calls has expired.
        AppDomainExpired = ("app.domain_expired", Severity::Error),
        /// The remaining registration of a domain the app calls is under the province's minimum.
        AppDomainExpiringSoon = ("app.domain_expiring_soon", Severity::Error),
        /// The same domain is listed twice for one app.
        AppDomainDuplicate = ("app.domain_duplicate", Severity::Warning),
        /// The app icon is larger than the filing takes.
        AppIconTooLarge = ("app.icon_too_large", Severity::Error),
        /// The app's `icp_number` is not an ICP filing or licence number, even read leniently.
        AppIcpNumberFormat = ("app.icp_number_format", Severity::Error),
        /// The app's `icp_number` reads as a number only leniently; the params give the canonical form.
        AppIcpNumberNotCanonical = ("app.icp_number_not_canonical", Severity::Warning),
        /// The app's `icp_number` was issued in another province than the filing province.
        AppIcpNumberProvince = ("app.icp_number_province", Severity::Warning),
        /// The app's `icp_number` starts with an abbreviation of its province that the province's numbers do not use.
        AppIcpNumberAbbreviation = ("app.icp_number_abbreviation", Severity::Warning),
        /// The app's `icp_number` is the number of a website or of another kind of app (`-1` for a website, `-2A` for an app, `-3X` for a mini program, `-4K` for a quick app).
        AppIcpNumberServiceKind = ("app.icp_number_service_kind", Severity::Error),
    }
}

impl Code {
    /// The severity findings with this code have unless the rule data says otherwise.
    pub fn default_severity(self) -> Severity {
        Self::PAYLOADS[self as usize]
    }

    /// What the code means: the first paragraph of its documentation, one
    /// or two sentences, with code in backticks (Markdown).
    ///
    /// ```
    /// assert_eq!(
    ///     beian::Code::DomainTldNotApproved.description(),
    ///     "The suffix is not approved by MIIT for filing."
    /// );
    /// ```
    pub fn description(self) -> &'static str {
        Self::DOCS[self as usize].trim()
    }

    /// The family, the part before the dot (`domain` for `domain.expired`).
    pub fn family(self) -> &'static str {
        let s = self.as_str();
        &s[..s.find('.').unwrap_or(s.len())]
    }
}

/// A parameter of a finding: a value the finding reports under a name, in
/// [`Finding::params`](crate::Finding::params) and in message templates
/// (`{suffix}`).
///
/// ```
/// use beian::Code;
///
/// let names: Vec<&str> = Code::DomainTldNotApproved.params().iter().map(|p| p.name).collect();
/// assert_eq!(names, ["domain", "suffix"]);
/// ```
///
/// Serialises to `{"name", "meaning", "optional"}`, the meaning as plain
/// text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Param {
    /// The name, e.g. `suffix`.
    pub name: &'static str,
    /// What the value is (Markdown: ids and examples in backticks).
    pub meaning: &'static str,
    /// Whether some findings of the code leave it out.
    pub optional: bool,
}

impl Serialize for Param {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Param", 3)?;
        s.serialize_field("name", self.name)?;
        s.serialize_field("meaning", &crate::text::plain(self.meaning))?;
        s.serialize_field("optional", &self.optional)?;
        s.end()
    }
}

/// A parameter that every finding of the code has.
const fn p(name: &'static str, meaning: &'static str) -> Param {
    Param {
        name,
        meaning,
        optional: false,
    }
}

/// A parameter that some findings of the code leave out.
const fn opt(name: &'static str, meaning: &'static str) -> Param {
    Param {
        name,
        meaning,
        optional: true,
    }
}

const MASKED_CERTIFICATE: &str = "the certificate number, masked (`3301**********0034`)";
const PROVINCE: &str = "the filing province (slug)";
const ROLE: &str = "whose data it is: `filer`, `principal` or `manager`";

impl Code {
    /// The parameters findings with this code carry: the values their
    /// messages talk about. Certificate and phone numbers among them are
    /// masked. A list value (a JSON array) is joined with `, ` (English) or
    /// `、` (Chinese) in messages.
    pub fn params(self) -> &'static [Param] {
        use Code::*;
        match self {
            FieldRequired => const { &[p("field", "the missing key, e.g. `mailing_address`")] },
            FieldUnknown => {
                const {
                    &[
                        p("field", "the unknown key as written"),
                        opt("nearest", "the known key nearest to it, when it is likely a typo of it"),
                    ]
                }
            }
            FieldInvalid => {
                const {
                    &[
                        p("field", "the key of the value"),
                        p(
                            "expected",
                            "what the field takes, a short English phrase (`a date written YYYY-MM-DD` …)",
                        ),
                        p(
                            "found",
                            "the JSON type of what was given (`a string`, `a number`, `a list` …)",
                        ),
                        opt(
                            "allowed",
                            "for an id outside its list: the ids the field accepts (a list)",
                        ),
                        opt(
                            "nearest",
                            "for an id outside its list: the accepted id nearest to it, when it is likely a typo",
                        ),
                    ]
                }
            }
            FieldNotAllowed => {
                const {
                    &[
                        p("field", "the key that must not be given"),
                        opt(
                            "filing_type",
                            "`personal` or `entity`, when the filing type forbids the key",
                        ),
                        opt("operation", "the operation, when the kind of order forbids the key"),
                    ]
                }
            }
            InputTooLarge => {
                const {
                    &[
                        p(
                            "what",
                            "what is counted: `websites`, `apps`, `domains`, `items`, `characters`, `bytes` (a string too long to count), `unknown keys`, `invalid values`, `findings of one code` or `materials of one kind` (the report lists the first 100 of each)",
                        ),
                        p("count", "how many there are"),
                        p("limit", "the limit"),
                    ]
                }
            }
            SubjectCertificateKindMismatch => {
                const {
                    &[
                        p("kind", "the certificate kind given"),
                        p(
                            "subject_kind",
                            "the subject kind, or `person` for a responsible person's certificate",
                        ),
                        opt("accepted", "the certificate kinds that fit (a list of ids)"),
                        opt("province", "the filing province, when its rule data decides"),
                    ]
                }
            }
            SubjectCrossProvince => {
                const {
                    &[
                        p("province", PROVINCE),
                        p(
                            "registered_province",
                            "the province where the subject is registered (slug)",
                        ),
                    ]
                }
            }
            SubjectNonLocalNotAccepted => {
                const {
                    &[
                        p("province", PROVINCE),
                        p("reason", "why the filer counts as non-local (English)"),
                        opt(
                            "certificate_province",
                            "the province the ID card or its address belongs to (slug)",
                        ),
                        opt(
                            "kind",
                            "the certificate kind, when it records no address in the province",
                        ),
                        opt(
                            "with_permit",
                            "`true` when a valid residence permit was given but the province refuses it too",
                        ),
                    ]
                }
            }
            SubjectResidencePermitRequired => {
                const {
                    &[
                        p("province", PROVINCE),
                        p("reason", "what is wrong with the residence permit (English)"),
                        opt("permit_province", "the province that issued the permit (slug)"),
                        opt("valid_until", "the permit's expiry date, `YYYY-MM-DD`"),
                        opt("days", "the days of validity left"),
                        opt("min_days", "the days of validity the province requires"),
                    ]
                }
            }
            SubjectForeignerNotAccepted => {
                const { &[p("province", PROVINCE), p("kind", "the certificate kind given")] }
            }
            SubjectAddressNotDetailed => const { &[p("address", "the address as given")] },
            SubjectAddressProvinceMismatch => {
                const {
                    &[
                        p("address", "the address as given"),
                        p("address_province", "the province the address is in (slug)"),
                        p("province", PROVINCE),
                    ]
                }
            }
            CertificateFormat => const { &[p("kind", "the certificate kind"), p("number", MASKED_CERTIFICATE)] },
            CertificateChecksum | CertificateLegacyId | CertificateUsccPilotCode => {
                const { &[p("number", MASKED_CERTIFICATE)] }
            }
            // The birth date and the region code are digits of the number,
            // which reports never show in full: only the masked number.
            CertificateBirthDate => const { &[p("number", MASKED_CERTIFICATE)] },
            CertificateRegion => {
                const {
                    &[
                        p("number", MASKED_CERTIFICATE),
                        opt(
                            "abolished_after",
                            "the last year the region code was in use, when it was abolished before the holder's birth",
                        ),
                    ]
                }
            }
            CertificateExpired => const { &[p("valid_until", "the expiry date, `YYYY-MM-DD`")] },
            CertificateExpiringSoon => {
                const {
                    &[
                        p("valid_until", "the expiry date, `YYYY-MM-DD`"),
                        p("days", "the days of validity left"),
                        p("min_days", "the days of validity the province requires"),
                    ]
                }
            }
            CertificateUsccKindMismatch => {
                const {
                    &[
                        p("number", MASKED_CERTIFICATE),
                        p("subject_kind", "the subject kind given"),
                        p(
                            "uscc_category",
                            "the registration authority and organisation type digits of the code",
                        ),
                        p("uscc_kind", "the kind of organisation they mean (English)"),
                        p("uscc_kind_zh", "the kind of organisation they mean (Chinese)"),
                    ]
                }
            }
            PersonNotSubject => const { &[p("role", "`principal` or `manager`")] },
            PersonUnderage => {
                const {
                    &[
                        p("role", ROLE),
                        p("age", "the person's age in years on the evaluation date"),
                        p("min_age", "the minimum age of the province for this role"),
                    ]
                }
            }
            PersonMobileFormat => const { &[p("mobile", "the mobile number, masked (`138****5678`)")] },
            PersonMobileShared => {
                const {
                    &[
                        p("mobile", "the mobile number, masked (`138****5678`)"),
                        p("other", "the JSON Pointer of the other person's mobile"),
                    ]
                }
            }
            PersonMobileNotLocal => {
                const {
                    &[
                        p("province", PROVINCE),
                        p("mobile_province", "the province the number is registered in (slug)"),
                    ]
                }
            }
            PersonEmailFormat => const { &[p("email", "the e-mail address as given")] },
            PersonEmailShared => {
                const {
                    &[
                        p("email", "the e-mail address as given"),
                        p("other", "the JSON Pointer of the other person's e-mail"),
                    ]
                }
            }
            PersonEmergencyPhoneRequired => const { &[p("province", PROVINCE), p("role", ROLE)] },
            PersonEmergencyPhoneFormat | PersonEmergencyPhoneSameAsMobile => {
                const { &[p("phone", "the emergency phone number, masked (`138****5678`)")] }
            }
            PersonPrincipalNotLegalRepresentative | PersonManagerMustBePrincipal => {
                const { &[p("province", PROVINCE)] }
            }
            WebsiteNameTooShort => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("length", "its length as the rule counts it"),
                        p("min_length", "the minimum length"),
                        opt("counted", "`Han` when the rule counts only Han characters"),
                    ]
                }
            }
            WebsiteNameNoChinese => const { &[p("name", "the website name as given")] },
            WebsiteNameSpecialCharacters => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("characters", "the characters that are not allowed (a list)"),
                    ]
                }
            }
            WebsiteNameIsDomain => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("domain", "the domain name found in it"),
                    ]
                }
            }
            WebsiteNameIsPersonName => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p(
                            "role",
                            "whose name it is: `subject`, `legal_representative`, `principal` or `manager`",
                        ),
                    ]
                }
            }
            WebsiteNameNationalPrefix | WebsiteNameSensitiveWord => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                    ]
                }
            }
            WebsiteNameForbiddenWord => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                        p("filing_type", "`personal` or `entity`"),
                    ]
                }
            }
            WebsiteNamePreApprovalKeyword => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                        p("category", "the pre-approval category the word implies"),
                        p("document", "the pre-approval document to hold (Chinese)"),
                        p("authority", "the authority that issues it (Chinese)"),
                    ]
                }
            }
            WebsiteNameDuplicate => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("other", "the JSON Pointer of the other website's name"),
                    ]
                }
            }
            WebsiteContentNotAllowedForPersonal => const { &[p("content", "the content id")] },
            WebsiteContentNotAllowedInProvince => {
                const {
                    &[
                        p("content", "the content id"),
                        p("province", PROVINCE),
                        p("filing_type", "`personal` or `entity`"),
                    ]
                }
            }
            WebsitePreApprovalMissing => {
                const {
                    &[
                        p("content", "the content id that needs the pre-approval"),
                        p("category", "the pre-approval category"),
                        p("document", "the pre-approval document to hold (Chinese)"),
                        p("authority", "the authority that issues it (Chinese)"),
                    ]
                }
            }
            WebsitePreApprovalNumberFormat => {
                const {
                    &[
                        p("number", "the pre-approval number as given"),
                        p("category", "the pre-approval category"),
                        p(
                            "example",
                            "an example of the document's number format (empty when the data has none)",
                        ),
                    ]
                }
            }
            WebsiteCommercialNotAllowedForPersonal | WebsiteCommercialRequiresLicense => const { &[] },
            WebsiteTooManyDomains => {
                const {
                    &[
                        p("count", "the number of domains of the website"),
                        p("limit", "the most the province allows"),
                        p("province", "the filing province (slug), `null` without one"),
                    ]
                }
            }
            WebsiteHomepageOutsideDomains => {
                const { &[p("homepage", "the home page as given"), p("host", "its host name")] }
            }
            WebsiteIcpNumberFormat => {
                const {
                    &[
                        p("icp_number", "the number as given"),
                        p("reason", "what is wrong with it (English)"),
                        p(
                            "problem",
                            "a stable id of the problem, e.g. `number_subject_serial_length`",
                        ),
                    ]
                }
            }
            WebsiteIcpNumberNotCanonical => {
                const {
                    &[
                        p("icp_number", "the number as given"),
                        p("canonical", "its canonical form"),
                        p(
                            "normalizations",
                            "what was normalised (a list of ids: `full_width`, `whitespace`, `missing_hao` …)",
                        ),
                    ]
                }
            }
            WebsiteIcpNumberProvince => {
                const {
                    &[
                        p("icp_number", "the number as given"),
                        p("number_province", "the province that issued it (slug)"),
                        p("province", PROVINCE),
                    ]
                }
            }
            WebsiteIcpNumberAbbreviation => {
                const {
                    &[
                        p("icp_number", "the number as given"),
                        p("abbreviation", "the abbreviation it starts with"),
                        p("number_province", "the province of that abbreviation (slug)"),
                        p("usual", "the abbreviations that province's numbers use (a list)"),
                    ]
                }
            }
            DomainInvalid => {
                const {
                    &[
                        p("domain", "the domain name as given"),
                        p("reason", "why it is not a host name (English)"),
                    ]
                }
            }
            DomainNotRegistrable => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("kind", "`subdomain` or `public suffix`"),
                        p(
                            "what",
                            "for the English message: `the registrable domain` or `a domain registered under`",
                        ),
                        p("name", "the registrable domain, or the public suffix given"),
                        p(
                            "registrable",
                            "the registrable domain to file, `null` for a bare public suffix",
                        ),
                    ]
                }
            }
            DomainUnknownSuffix | DomainTldNotApproved => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("suffix", "its public suffix (Unicode)"),
                    ]
                }
            }
            DomainTldRestricted => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("suffix", "its public suffix (Unicode)"),
                        p("reason", "which restriction applies (English)"),
                        opt(
                            "subject_kind",
                            "the subject kind, when the suffix is for other kinds of subject",
                        ),
                        opt(
                            "subject_kinds",
                            "the subject kinds the suffix is for, or that must use another suffix (a list)",
                        ),
                        opt("province", "the filing province (slug), when its own list decides"),
                    ]
                }
            }
            DomainNotRealNameVerified | DomainRegistrarOverseas => {
                const { &[p("domain", "the domain name (Unicode)")] }
            }
            DomainHolderMismatch => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("holder", "the registrant given"),
                        p("expected", "the subject's name"),
                        p("accepted", "the names the registrant may have (a list)"),
                    ]
                }
            }
            DomainExpired => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("expires_on", "the expiry date, `YYYY-MM-DD`"),
                    ]
                }
            }
            DomainExpiringSoon => {
                const {
                    &[
                        p("domain", "the domain name (Unicode)"),
                        p("expires_on", "the expiry date, `YYYY-MM-DD`"),
                        p("days", "the days of registration left"),
                        p("min_days", "the days the province requires"),
                    ]
                }
            }
            DomainDuplicate => {
                const {
                    &[
                        p("domain", "the registrable domain"),
                        p("other", "the JSON Pointer of its first occurrence"),
                    ]
                }
            }
            HostingNotMainland => {
                const {
                    &[
                        p("region", "the region id given"),
                        p("provider", "the cloud provider id"),
                        p("provider_name", "the provider's name (English)"),
                        p("provider_name_zh", "the provider's name (Chinese)"),
                    ]
                }
            }
            HostingRegionUnknown => {
                const {
                    &[
                        p("region", "the region id given"),
                        p("provider", "the cloud provider id given, `null` without one"),
                    ]
                }
            }
            HostingPostpaid | HostingAuthCodeIssuerNotEnterprise | HostingAuthCodeUsed => const { &[] },
            HostingPurchaseTooShort => const { &[p("months", "the months bought"), p("min_months", "the minimum")] },
            HostingExpired => const { &[p("expires_on", "the expiry date, `YYYY-MM-DD`")] },
            HostingExpiringSoon => {
                const {
                    &[
                        p("expires_on", "the expiry date, `YYYY-MM-DD`"),
                        p("review_ends", "when the review would end at the latest, `YYYY-MM-DD`"),
                        p("working_days", "the working days of the review steps"),
                    ]
                }
            }
            HostingAuthCodeFormat => {
                const {
                    &[
                        p("code", "the authorization code as given"),
                        p(
                            "format",
                            "the id of the format it was checked against (a provider, or `default`)",
                        ),
                    ]
                }
            }
            HostingAuthCodeSingleDomain => {
                const {
                    &[
                        opt("apps", "the apps"),
                        p("websites", "the number of websites"),
                        p("domains", "the number of domains"),
                    ]
                }
            }
            SubmissionTooManyWebsites => {
                const {
                    &[
                        p("count", "the number of websites"),
                        p("limit", "the most the province accepts in one submission"),
                        p("province", PROVINCE),
                        opt(
                            "apps",
                            "the number of apps, where a limit counts them too (a cancellation's one service)",
                        ),
                    ]
                }
            }
            SubmissionTooManyDomains => {
                const {
                    &[
                        p("count", "the number of domains over all websites"),
                        p("limit", "the most the province accepts in one submission"),
                        p("province", PROVINCE),
                    ]
                }
            }
            PersonEmergencyPhoneShared => {
                const {
                    &[
                        p("phone", "the emergency phone number, masked (`138****5678`)"),
                        p("other", "the JSON Pointer of the number it repeats"),
                    ]
                }
            }
            PersonCertificateShared => {
                const {
                    &[
                        p("number", MASKED_CERTIFICATE),
                        p("other", "the JSON Pointer of the first person's certificate number"),
                    ]
                }
            }
            PersonDataInconsistent => {
                const {
                    &[
                        p(
                            "field",
                            "what differs: `certificate.kind`, `certificate.valid_until`, `mobile`, `emergency_phone` or `email`",
                        ),
                        p("other", "the JSON Pointer of the first occurrence"),
                    ]
                }
            }
            PersonManagerMustNotBePrincipal => const { &[p("province", PROVINCE)] },
            PersonCertificateKindNotAccepted => {
                const {
                    &[
                        p("kind", "the certificate kind given"),
                        p("role", "whose certificate it is: `principal` or `manager`"),
                        p("province", PROVINCE),
                        opt(
                            "accepted",
                            "the certificate kinds the province accepts for the role, when it lists them",
                        ),
                    ]
                }
            }
            WebsiteNameUnrelatedToSubject => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("subject", "the subject's name"),
                        p("short_name", "the subject's short name (字号) it was compared with"),
                    ]
                }
            }
            WebsiteDomainsDifferentNames => {
                const {
                    &[
                        p("domain", "the domain whose name differs"),
                        p("name", "its name without the public suffix"),
                        p("other", "the JSON Pointer of the website's first domain"),
                        p("other_name", "that domain's name without the public suffix"),
                    ]
                }
            }
            OperationRecordMismatch => {
                const {
                    &[
                        p("field", "the key whose value differs"),
                        p("recorded", "the value on record, masked like any personal number"),
                        p("operation", "the operation of the order"),
                    ]
                }
            }
            OperationImmutableField => {
                const {
                    &[
                        p(
                            "field",
                            "what cannot change: `province`, `number` (the subject's certificate), `domains`, or an app's identifier (`package_name`, `bundle_id`, `bundle_name`, `mini_program_id`)",
                        ),
                        p(
                            "recorded",
                            "the value on record, masked like any personal number (for domains, the filed ones)",
                        ),
                        p("reason", "why it cannot change (English)"),
                    ]
                }
            }
            OperationUnknownNumber => {
                const {
                    &[
                        p("icp_number", "the number as given"),
                        p("problem", "what is wrong with it (English)"),
                    ]
                }
            }
            OperationNotAllowedInProvince => {
                const {
                    &[
                        p("province", PROVINCE),
                        p("operation", "the operation of the order"),
                        p("reason", "what the province does not allow (English)"),
                    ]
                }
            }
            OperationNotAllowedForSubject => {
                const {
                    &[
                        p("operation", "the operation of the order"),
                        p("reason", "what is not open to this kind of subject (English)"),
                    ]
                }
            }
            OperationCombined => {
                const {
                    &[
                        p("operation", "the operation of the order"),
                        p("reason", "why this part belongs to another order (English)"),
                        p("instead", "the operation of the order it belongs to"),
                    ]
                }
            }
            OperationLeavesEmptySubject => const { &[p("reason", "what would be left without access (English)")] },
            OperationNothingChanged => const { &[p("operation", "the operation of the order")] },
            OperationWebsiteNameOnRecord => {
                const {
                    &[
                        p("name", "the website name as given"),
                        p("icp_number", "the number of the filed website with that name"),
                        p("province", PROVINCE),
                    ]
                }
            }
            OperationEmptyServiceOnRecord => {
                const {
                    &[
                        p("icp_number", "the number of the service on record without access"),
                        p("province", PROVINCE),
                        p("operation", "the operation of the order"),
                    ]
                }
            }
            #[allow(unreachable_patterns)] // codes added on other branches document theirs here
            WebsiteIcpNumberServiceKind => {
                const {
                    &[
                        opt("icp_number", "the number as written"),
                        opt("service", "the service kind the number was issued for"),
                    ]
                }
            }
            SubmissionTooManyApps => {
                const {
                    &[
                        opt("count", "how many there are"),
                        opt("filing_type", "`personal` or `entity`"),
                        opt("limit", "the most one submission takes"),
                        opt("provider", "the access provider"),
                        opt("provider_zh", "the access provider in Chinese"),
                    ]
                }
            }
            AppKindNotAllowed => {
                const {
                    &[
                        opt("kind", "the kind (id)"),
                        opt("kind_name", "the kind in words"),
                        opt("provider", "the access provider"),
                        opt("provider_zh", "the access provider in Chinese"),
                        opt("reason", "why, in words"),
                    ]
                }
            }
            AppNameTooShort => WebsiteNameTooShort.params(),
            AppNameSpecialCharacters => WebsiteNameSpecialCharacters.params(),
            AppNameNationalPrefix => {
                const {
                    &[
                        opt("word_rule", "the word rule"),
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                    ]
                }
            }
            AppNameForbiddenWord => {
                const {
                    &[
                        opt("word_rule", "the word rule"),
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                        p("filing_type", "`personal` or `entity`"),
                    ]
                }
            }
            AppNameSensitiveWord => {
                const {
                    &[
                        opt("word_rule", "the word rule"),
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                    ]
                }
            }
            AppNamePreApprovalKeyword => {
                const {
                    &[
                        opt("word_rule", "the word rule"),
                        p("name", "the website name as given"),
                        p("word", "the word found, as the word list writes it"),
                        p("category", "the pre-approval category the word implies"),
                        p("document", "the pre-approval document to hold (Chinese)"),
                        p("authority", "the authority that issues it (Chinese)"),
                    ]
                }
            }
            AppNameDuplicate => WebsiteNameDuplicate.params(),
            AppNameGeneric => const { &[opt("name", "the name as written"), opt("word", "the word found")] },
            AppNameMarketingWord => const { &[opt("name", "the name as written"), opt("word", "the word found")] },
            AppNameInconsistent => {
                const {
                    &[
                        opt("name", "the name as written"),
                        opt("platform", "the platform id"),
                        opt("shown", "the name the platform shows"),
                    ]
                }
            }
            AppPackageNameFormat => {
                const {
                    &[
                        opt("platform", "the platform"),
                        opt("package_name", "the package name as written"),
                        opt("problem", "the problem, as an id"),
                        opt("reason", "why, in words"),
                    ]
                }
            }
            AppBundleIdFormat => {
                const {
                    &[
                        opt("platform", "the platform"),
                        opt("bundle_id", "the bundle ID as written"),
                        opt("problem", "the problem, as an id"),
                        opt("reason", "why, in words"),
                    ]
                }
            }
            AppBundleNameFormat => {
                const {
                    &[
                        opt("platform", "the platform"),
                        opt("bundle_name", "the bundle name as written"),
                        opt("problem", "the problem, as an id"),
                        opt("reason", "why, in words"),
                    ]
                }
            }
            AppSignatureFormat => {
                const {
                    &[
                        opt("algorithm", "the fingerprint algorithm"),
                        opt("field", "the key"),
                        opt("problem", "the problem, as an id"),
                        opt("reason", "why, in words"),
                        opt("signature", "the fingerprint as written"),
                    ]
                }
            }
            AppPublicKeyFormat => const { &[opt("problem", "the problem, as an id"), opt("reason", "why, in words")] },
            AppPlatformDuplicate => {
                const {
                    &[
                        opt("other", "the path of the other value"),
                        opt("platform", "the platform id"),
                    ]
                }
            }
            AppPlatformDataMissing => const { &[opt("field", "the key"), opt("platform", "the platform id")] },
            AppMiniProgramIdFormat => {
                const {
                    &[
                        opt("mini_program_id", "the id as written"),
                        opt("problem", "the problem, as an id"),
                        opt("reason", "why, in words"),
                    ]
                }
            }
            AppContentNotAllowedForPersonal => WebsiteContentNotAllowedForPersonal.params(),
            AppPreApprovalMissing => WebsitePreApprovalMissing.params(),
            AppPreApprovalNumberFormat => WebsitePreApprovalNumberFormat.params(),
            AppDomainInvalid => DomainInvalid.params(),
            AppDomainNotRegistrable => DomainNotRegistrable.params(),
            AppDomainUnknownSuffix => DomainUnknownSuffix.params(),
            AppDomainTldNotApproved => DomainTldNotApproved.params(),
            AppDomainTldRestricted => DomainTldRestricted.params(),
            AppDomainNotRealNameVerified => DomainNotRealNameVerified.params(),
            AppDomainHolderMismatch => DomainHolderMismatch.params(),
            AppDomainRegistrarOverseas => DomainRegistrarOverseas.params(),
            AppDomainExpired => DomainExpired.params(),
            AppDomainExpiringSoon => DomainExpiringSoon.params(),
            AppDomainDuplicate => DomainDuplicate.params(),
            AppIconTooLarge => {
                const {
                    &[
                        opt("icon_bytes", "the icon size in bytes"),
                        opt("max_bytes", "the largest size accepted"),
                    ]
                }
            }
            AppIcpNumberFormat => WebsiteIcpNumberFormat.params(),
            AppIcpNumberNotCanonical => WebsiteIcpNumberNotCanonical.params(),
            AppIcpNumberProvince => WebsiteIcpNumberProvince.params(),
            AppIcpNumberAbbreviation => WebsiteIcpNumberAbbreviation.params(),
            AppIcpNumberServiceKind => {
                const {
                    &[
                        opt("icp_number", "the number as written"),
                        opt("kind", "the kind (id)"),
                        opt("kind_name", "the kind in words"),
                        opt("service", "the service kind the number was issued for"),
                        opt("suffix", "the suffix"),
                    ]
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate {s}");
            assert_eq!(s.parse::<Code>(), Ok(code));
            let (family, name) = s.split_once('.').expect("family.name");
            assert!(!family.is_empty() && !name.is_empty());
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.'),
                "{s}"
            );
        }
    }
}
