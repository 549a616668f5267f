//! The application (备案申请): what a filer submits, in the JSON form the crate documents.
//!
//! The model is deliberately forgiving: a required string that is missing,
//! `null` or blank is kept as an empty string and reported as
//! `field.required` by [`validate`](crate::validate); an unknown key is
//! recorded in [`Application::unknown_fields`] and reported as
//! `field.unknown`; and, read with [`Application::from_json`], a value that
//! does not fit the model (a wrong JSON type, an id outside its vocabulary
//! such as `"kind": "persona"`, a date that is not `YYYY-MM-DD`) is recorded
//! in [`Application::invalid_fields`] and reported as `field.invalid`, while
//! everything else is still read and checked. Read with serde directly
//! (`serde_json::from_str`), such a value fails the whole document instead.

use std::fmt;

use jiff::civil::Date;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

mod json;
pub(crate) mod person;

use crate::province::Province;
use crate::vocabulary::{
    AppKind, Billing, CertificateKind, Content, FilingType, IssuerAccount, Operation, PlatformKind,
    PreApprovalCategory, SubjectKind,
};
pub use json::InvalidField;
pub(crate) use json::{WITHOUT_KIND, known_keys};

/// An ICP filing application: the sponsor, its websites and their hosting.
///
/// Build one from JSON with [`Application::from_json`] (which names the JSON
/// path and position of a shape error) or any serde deserializer, or in code:
///
/// ```
/// use beian::{Application, Province};
///
/// let app = Application {
///     province: Some(Province::Zhejiang),
///     ..Application::default()
/// };
/// assert!(!beian::validate(&app).is_ok()); // the subject, websites and hosting are missing
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
// Read by schemars: every key may be absent, as when parsing.
#[serde(default)]
pub struct Application {
    /// The province whose communications administration reviews the filing (备案省份).
    pub province: Option<Province>,
    /// The evaluation date, when the application fixes one.
    #[serde(with = "date_opt")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "date_schema"))]
    pub as_of: Option<Date>,
    /// What the order does (备案类型): a first filing when absent, else an
    /// order that acts on the filing on record, [`existing`](Application::existing).
    pub operation: Option<Operation>,
    /// The sponsor (主办者 / 主办单位): for a change, the subject as it
    /// is to be recorded.
    pub subject: Option<Subject>,
    /// The filing on record that the operation acts on; required for every
    /// operation but the first filing.
    pub existing: Option<Existing>,
    /// The websites being filed, or, for an operation on filed websites,
    /// the websites it acts on (each by its `icp_number`).
    pub websites: Vec<Website>,
    /// The apps, mini programs and quick apps being filed (App备案). An
    /// application may have only apps; it needs a website or an app.
    pub apps: Vec<App>,
    /// Where the websites and apps are hosted.
    pub hosting: Option<Hosting>,
    /// JSON Pointers of the keys that were present in the input but are not
    /// part of the model, in the order of the keys; each becomes a `field.unknown`
    /// warning. Filled in by deserialisation.
    #[serde(skip)]
    pub unknown_fields: Vec<String>,
    /// The values of the input that could not be read into the model, in
    /// the order they were found; each becomes a `field.invalid` finding,
    /// and nothing at or under its path is checked further. Filled in by
    /// [`Application::from_json`].
    #[serde(skip)]
    pub invalid_fields: Vec<InvalidField>,
}

/// The sponsor of the filing (主办者 / 主办单位): a person or an organisation.
///
/// For a personal filing the subject is also the responsible person, so it
/// carries the contact fields of a [`Person`] itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Subject {
    /// `personal`, or the kind of organisation.
    pub kind: Option<SubjectKind>,
    /// The person's name or the organisation's full registered name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// The subject's certificate.
    pub certificate: Option<Certificate>,
    /// The address on the certificate (证件住所).
    #[serde(deserialize_with = "text")]
    pub certificate_address: String,
    /// The mailing address (通信地址), down to the house or room number.
    #[serde(deserialize_with = "text")]
    pub mailing_address: String,
    /// Personal filings: the filer's mainland mobile number.
    #[serde(deserialize_with = "text")]
    pub mobile: String,
    /// Personal filings: the emergency contact number (应急联系电话).
    #[serde(deserialize_with = "text")]
    pub emergency_phone: String,
    /// Personal filings: the filer's e-mail address.
    #[serde(deserialize_with = "text")]
    pub email: String,
    /// Personal filings: the province the mobile number is registered in (号码归属地).
    pub mobile_province: Option<Province>,
    /// Personal filings: a residence permit (居住证) for a filer from another province.
    pub residence_permit: Option<ResidencePermit>,
    /// Entity filings: the legal representative (法定代表人).
    pub legal_representative: Option<LegalRepresentative>,
    /// The principal (主体负责人). Required for entities; for a personal
    /// filing, if given, it must be the subject.
    pub principal: Option<Person>,
}

impl Subject {
    /// The filing type, derived from the subject kind.
    pub fn filing_type(&self) -> Option<FilingType> {
        self.kind.map(SubjectKind::filing_type)
    }
}

/// A certificate (证件): its kind, number and expiry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Certificate {
    /// The kind of certificate.
    pub kind: Option<CertificateKind>,
    /// The certificate number as written on it.
    #[serde(deserialize_with = "text")]
    pub number: String,
    /// The last day of validity; required for the kinds that expire.
    pub valid_until: Option<Validity>,
}

/// How long a certificate is valid: until a date, or long-term (长期).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// Valid up to and including this date.
    Until(Date),
    /// Valid without an end date (`"long_term"`, 长期).
    LongTerm,
}

/// A responsible person (主体负责人 or 网站负责人).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Person {
    /// The person's name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// A personal certificate.
    pub certificate: Option<Certificate>,
    /// A mainland mobile number (`+86`, spaces and hyphens are tolerated).
    #[serde(deserialize_with = "text")]
    pub mobile: String,
    /// Another mobile or a landline number (应急联系电话).
    #[serde(deserialize_with = "text")]
    pub emergency_phone: String,
    /// The person's e-mail address.
    #[serde(deserialize_with = "text")]
    pub email: String,
    /// The province the mobile number is registered in, where known.
    pub mobile_province: Option<Province>,
}

/// The legal representative of an organisation (法定代表人).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct LegalRepresentative {
    /// The legal representative's name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// A personal certificate.
    pub certificate: Option<Certificate>,
}

/// A residence permit (居住证) that lets a person from another province file
/// where they live.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct ResidencePermit {
    /// The province that issued the permit.
    pub province: Option<Province>,
    /// The permit number.
    #[serde(deserialize_with = "text")]
    pub number: String,
    /// The last day of validity.
    pub valid_until: Option<Validity>,
}

/// A website being filed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Website {
    /// The website name (网站名称).
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Its registrable domains (一级域名).
    #[serde(deserialize_with = "list")]
    pub domains: Vec<Domain>,
    /// URL or host of the home page; must be under one of the domains.
    #[serde(deserialize_with = "text")]
    pub homepage: String,
    /// Service content ids (网站服务内容).
    #[serde(deserialize_with = "list")]
    pub content: Vec<Content>,
    /// Pre-approvals (前置审批) held.
    #[serde(deserialize_with = "list")]
    pub pre_approvals: Vec<PreApproval>,
    /// Whether the service is an operating (经营性) one.
    pub commercial: bool,
    /// BCP 47 language tags.
    #[serde(deserialize_with = "list")]
    pub languages: Vec<String>,
    /// The website manager (网站负责人). Required for entities; for a personal
    /// filing, if given, it must be the subject.
    pub manager: Option<Person>,
    /// Remarks (备注).
    #[serde(deserialize_with = "text")]
    pub remarks: String,
    /// The website's existing ICP filing number, for a change of a filed
    /// website or a new website of a filed subject: the website's number
    /// (`京ICP备11018762号-1`), the subject's (`京ICP备11018762号`) or, for a
    /// licence holder, its licence number (`粤B2-20090059`). Empty when the
    /// website has none. When present it is checked: it must parse (see
    /// [`number`](crate::number)) and come from the filing province.
    #[serde(deserialize_with = "text")]
    pub icp_number: String,
}

/// The filing on record (已备案信息) that an operation acts on, as MIIT
/// holds it: the subject's number, the recorded subject and its services,
/// websites and apps.
///
/// Give what is known; what is omitted is not compared. A value that must
/// equal the record (an `add_access` order's subject, say) is compared only
/// where the record gives it.
///
/// ```
/// use beian::{AppKind, Existing};
///
/// let existing: Existing = serde_json::from_str(r#"{
///     "subject_number": "浙ICP备2024000001号",
///     "websites": [{ "name": "小明的技术笔记", "icp_number": "浙ICP备2024000001号-1" }],
///     "apps": [{ "kind": "app", "name": "小明记账", "icp_number": "浙ICP备2024000001号-2A",
///                "platforms": [{ "platform": "android", "package_name": "com.xiaoming.ledger" }],
///                "access_providers": ["aliyun"] }]
/// }"#)?;
/// assert_eq!(existing.apps[0].kind, Some(AppKind::App));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Existing {
    /// The subject's filing number (主体备案号), e.g. `浙ICP备2024000001号`.
    #[serde(deserialize_with = "text")]
    pub subject_number: String,
    /// The subject as recorded, in the shape of [`Application::subject`].
    pub subject: Option<Subject>,
    /// The websites recorded for the subject, each with its number.
    #[serde(deserialize_with = "list")]
    pub websites: Vec<RecordedWebsite>,
    /// The apps, mini programs and quick apps recorded for the subject,
    /// each with its number (`…号-2A`, `-3X`, `-4K`). Websites and apps
    /// share the subject's serials.
    #[serde(deserialize_with = "list")]
    pub apps: Vec<RecordedApp>,
}

/// A website on record: its number and what MIIT records about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct RecordedWebsite {
    /// The recorded website name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// The recorded domains (only `name` is compared).
    #[serde(deserialize_with = "list")]
    pub domains: Vec<Domain>,
    /// The recorded home page, where known.
    #[serde(deserialize_with = "text")]
    pub homepage: String,
    /// The recorded service content, where known.
    #[serde(deserialize_with = "list")]
    pub content: Vec<Content>,
    /// The recorded website manager (网站负责人).
    pub manager: Option<Person>,
    /// The recorded remarks, where known.
    #[serde(deserialize_with = "text")]
    pub remarks: String,
    /// The website's filing number (网站备案号), e.g. `浙ICP备2024000001号-1`.
    #[serde(deserialize_with = "text")]
    pub icp_number: String,
    /// The access providers (接入商) the website is recorded at, e.g.
    /// `aliyun`, `tencent`: with none, it is a 空壳网站.
    #[serde(deserialize_with = "list")]
    pub access_providers: Vec<String>,
}

/// An app, mini program or quick app on record: its number and what MIIT
/// records about it, in the shape of an [`App`] (what is omitted is not
/// compared).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct RecordedApp {
    /// `app`, `mini_program` or `quick_app`, where known; it must agree
    /// with the number's kind letter.
    pub kind: Option<AppKind>,
    /// The recorded name (App名称).
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// The recorded platforms with their identifiers, where known (only
    /// `platform` and the identifier, `package_name`, `bundle_id` or
    /// `bundle_name`, are compared).
    #[serde(deserialize_with = "list")]
    pub platforms: Vec<Platform>,
    /// A mini program's recorded id (小程序ID), where known.
    #[serde(deserialize_with = "text")]
    pub mini_program_id: String,
    /// The recorded domains the app calls, where known (only `name` is
    /// compared).
    #[serde(deserialize_with = "list")]
    pub domains: Vec<Domain>,
    /// The recorded service content, where known.
    #[serde(deserialize_with = "list")]
    pub content: Vec<Content>,
    /// The recorded responsible person (App负责人).
    pub manager: Option<Person>,
    /// The recorded remarks, where known.
    #[serde(deserialize_with = "text")]
    pub remarks: String,
    /// The app's filing number, e.g. `浙ICP备2024000001号-2A`.
    #[serde(deserialize_with = "text")]
    pub icp_number: String,
    /// The access providers (接入商) the app is recorded at: with none, it
    /// is an empty service (空壳).
    #[serde(deserialize_with = "list")]
    pub access_providers: Vec<String>,
}

/// An app, mini program or quick app being filed (App备案): its name, the
/// platforms it runs on with their identifiers and signing data, the
/// domains it calls, its content and its responsible person.
///
/// An app of kind `app` lists its `platforms` (Android, iOS, HarmonyOS,
/// other), a quick app its one `quick_app` platform, a mini program its
/// `mini_program_id` instead.
///
/// ```
/// use beian::{App, AppKind, Platform, PlatformKind};
///
/// let app: App = serde_json::from_str(r#"{
///     "kind": "app", "name": "小明记账",
///     "platforms": [{ "platform": "android", "package_name": "com.xiaoming.ledger" }]
/// }"#)?;
/// assert_eq!(app.kind, Some(AppKind::App));
/// assert_eq!(app.platforms[0].platform, Some(PlatformKind::Android));
/// assert_eq!(app.platforms[0], Platform {
///     platform: Some(PlatformKind::Android),
///     package_name: "com.xiaoming.ledger".into(),
///     ..Platform::default()
/// });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct App {
    /// `app`, `mini_program` or `quick_app`.
    pub kind: Option<AppKind>,
    /// The name filed (App名称), which every platform must show.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// The platforms it runs on, each with its identifier and signing data
    /// (App特征信息); a quick app has one `quick_app` platform, a mini
    /// program none.
    #[serde(deserialize_with = "list")]
    pub platforms: Vec<Platform>,
    /// A mini program's id on its platform (小程序ID, the AppID).
    #[serde(deserialize_with = "text")]
    pub mini_program_id: String,
    /// Every domain the app calls, at any level (`api.example.cn`), with
    /// what the registrar records about it as far as it is known.
    #[serde(deserialize_with = "list")]
    pub domains: Vec<Domain>,
    /// Service content ids (服务内容).
    #[serde(deserialize_with = "list")]
    pub content: Vec<Content>,
    /// Pre-approvals (前置审批) held.
    #[serde(deserialize_with = "list")]
    pub pre_approvals: Vec<PreApproval>,
    /// The app's responsible person (App负责人). Required for entities; for
    /// a personal filing, if given, it must be the subject.
    pub manager: Option<Person>,
    /// Remarks (备注).
    #[serde(deserialize_with = "text")]
    pub remarks: String,
    /// The size of the icon image in bytes (App图标).
    pub icon_bytes: Option<u64>,
    /// The third-party SDKs the app uses (第三方SDK), e.g. `com.tencent.mm.opensdk`.
    #[serde(deserialize_with = "list")]
    pub third_party_sdks: Vec<String>,
    /// The app's existing filing number, for a filed app: the app's own
    /// (`辽ICP备2023009191号-2A`) or its subject's. Empty when it has none.
    #[serde(deserialize_with = "text")]
    pub icp_number: String,
}

/// A platform an app runs on (运行平台), with what the filing records of it
/// (App特征信息): its identifier, the public key of its signing
/// certificate and that certificate's fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Platform {
    /// `android`, `ios`, `harmonyos`, `other`, or `quick_app` for a quick app.
    pub platform: Option<PlatformKind>,
    /// The name the app shows on this platform, when given; it must be the
    /// app's filed name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Android and quick apps: the package name (包名).
    #[serde(deserialize_with = "text")]
    pub package_name: String,
    /// iOS: the bundle ID.
    #[serde(deserialize_with = "text")]
    pub bundle_id: String,
    /// HarmonyOS: the bundle name.
    #[serde(deserialize_with = "text")]
    pub bundle_name: String,
    /// The public key of the signing certificate (公钥): PEM, Base64 or hexadecimal.
    #[serde(deserialize_with = "text")]
    pub public_key: String,
    /// The MD5 fingerprint of the signing certificate in hexadecimal
    /// (签名MD5值), colons and case tolerated.
    #[serde(deserialize_with = "text")]
    pub signature_md5: String,
    /// The SHA-1 fingerprint of the signing certificate in hexadecimal.
    #[serde(deserialize_with = "text")]
    pub signature_sha1: String,
    /// The SHA-256 fingerprint of the signing certificate in hexadecimal.
    #[serde(deserialize_with = "text")]
    pub signature_sha256: String,
}

/// A domain of a website or of an app, with what the registrar records
/// about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct Domain {
    /// The registrable domain (一级域名) of a website; for an app, the domain
    /// it calls, at any level. Unicode or punycode.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// The registrant of record.
    #[serde(deserialize_with = "text")]
    pub holder: String,
    /// Whether the registrar has verified the registrant's real name (实名认证).
    pub real_name_verified: Option<bool>,
    /// Whether the registrar is a mainland registrar approved by MIIT.
    pub registrar_in_mainland: bool,
    /// The last day of the registration.
    #[serde(with = "date_opt")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "date_schema"))]
    pub expires_on: Option<Date>,
}

impl Default for Domain {
    fn default() -> Self {
        Domain {
            name: String::new(),
            holder: String::new(),
            real_name_verified: None,
            registrar_in_mainland: true,
            expires_on: None,
        }
    }
}

/// A pre-approval (前置审批) held for a website or an app.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
pub struct PreApproval {
    /// The category approved.
    pub category: Option<PreApprovalCategory>,
    /// The approval document's number.
    #[serde(deserialize_with = "text")]
    pub number: String,
    /// The authority that issued it.
    #[serde(deserialize_with = "text")]
    pub authority: String,
}

/// Where the websites are hosted: a mainland cloud server, or an
/// authorization code (备案授权码) issued for one.
///
/// In JSON the `kind` key (`cloud_server` or `authorization_code`) selects
/// the shape, so it is required and a key of the other kind is a shape error.
/// Later versions may add kinds of hosting (hence `#[non_exhaustive]`):
/// match with a `_` arm.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
#[non_exhaustive]
pub enum Hosting {
    /// A cloud server bought from the access provider.
    CloudServer(CloudServer),
    /// An authorization code from a server elsewhere.
    AuthorizationCode(AuthorizationCode),
}

/// A cloud server that hosts the websites.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
// Read by schemars: every key may be absent, as when parsing.
#[serde(default)]
pub struct CloudServer {
    /// The cloud provider, e.g. `tencent`, `aliyun`.
    pub provider: String,
    /// The provider's region id, e.g. `ap-guangzhou`, `cn-hangzhou`.
    pub region: String,
    /// How the server is paid for.
    pub billing: Option<Billing>,
    /// How many months were bought.
    pub purchased_months: Option<u32>,
    /// The last day of the subscription.
    #[serde(with = "date_opt")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "date_schema"))]
    pub expires_on: Option<Date>,
}

/// An authorization code (备案授权码 / 备案服务号) issued for a server.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
// Read by schemars: every key may be absent, as when parsing.
#[serde(default)]
pub struct AuthorizationCode {
    /// The code.
    pub code: String,
    /// The real-name type of the issuing account.
    pub issuer_account: Option<IssuerAccount>,
    /// Whether the code was already used for a filing.
    pub used: bool,
}

/// The error returned when a document is not JSON of the application's shape.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{message} (line {line}, column {column})", if path.is_empty() { String::new() } else { format!("at {path}: ") })]
pub struct ParseError {
    path: String,
    line: usize,
    column: usize,
    message: String,
}

impl ParseError {
    fn new(path: String, error: &serde_json::Error) -> ParseError {
        let full = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        ParseError {
            path,
            line: error.line(),
            column: error.column(),
            message: full.strip_suffix(&position).unwrap_or(&full).to_owned(),
        }
    }

    /// The JSON Pointer of the offending value (empty for the document itself).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based line of the error in the input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the error in the input.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Application {
    /// The filing type, derived from the subject kind (for an order without
    /// a subject, the recorded subject's).
    pub fn filing_type(&self) -> Option<FilingType> {
        self.subject
            .as_ref()
            .and_then(Subject::filing_type)
            .or_else(|| self.existing.as_ref()?.subject.as_ref()?.filing_type())
    }

    /// What the order does: its [`operation`](Application::operation), a
    /// first filing when absent.
    pub fn operation(&self) -> Operation {
        self.operation.unwrap_or(Operation::FirstFiling)
    }
}

/// Builds an RFC 6901 JSON Pointer from unescaped reference tokens.
pub(crate) fn pointer<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        for c in token.as_ref().chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
    out
}

impl<'de> Deserialize<'de> for Application {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(default)]
        #[derive(Default)]
        struct Fields {
            province: Option<Province>,
            #[serde(with = "date_opt")]
            as_of: Option<Date>,
            operation: Option<Operation>,
            subject: Option<Subject>,
            existing: Option<Existing>,
            #[serde(deserialize_with = "list")]
            websites: Vec<Website>,
            #[serde(deserialize_with = "list")]
            apps: Vec<App>,
            hosting: Option<Hosting>,
        }

        let mut unknown_fields = Vec::new();
        let fields: Fields = serde_ignored::deserialize(deserializer, |path| {
            unknown_fields.push(ignored_pointer(&path));
        })?;
        Ok(Application {
            province: fields.province,
            as_of: fields.as_of,
            operation: fields.operation,
            subject: fields.subject,
            existing: fields.existing,
            websites: fields.websites,
            apps: fields.apps,
            hosting: fields.hosting,
            unknown_fields,
            invalid_fields: Vec::new(),
        })
    }
}

fn ignored_pointer(path: &serde_ignored::Path<'_>) -> String {
    fn tokens(path: &serde_ignored::Path<'_>, out: &mut Vec<String>) {
        use serde_ignored::Path;
        match path {
            Path::Root => {}
            Path::Seq { parent, index } => {
                tokens(parent, out);
                out.push(index.to_string());
            }
            Path::Map { parent, key } => {
                tokens(parent, out);
                out.push(key.clone());
            }
            Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
                tokens(parent, out)
            }
        }
    }
    let mut out = Vec::new();
    tokens(path, &mut out);
    pointer(out)
}

impl<'de> Deserialize<'de> for Hosting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            CloudServer,
            AuthorizationCode,
        }

        #[derive(Deserialize)]
        struct Fields {
            kind: Kind,
            #[serde(default, deserialize_with = "text_opt")]
            provider: Option<String>,
            #[serde(default, deserialize_with = "text_opt")]
            region: Option<String>,
            #[serde(default)]
            billing: Option<Billing>,
            #[serde(default)]
            purchased_months: Option<u32>,
            #[serde(default, with = "date_opt")]
            expires_on: Option<Date>,
            #[serde(default, deserialize_with = "text_opt")]
            code: Option<String>,
            #[serde(default)]
            issuer_account: Option<IssuerAccount>,
            #[serde(default)]
            used: Option<bool>,
        }

        let f = Fields::deserialize(deserializer)?;
        let misplaced = |kind: &str, keys: &[(&str, bool)]| {
            keys.iter()
                .find(|(_, present)| *present)
                .map(|(key, _)| de::Error::custom(format!("`{key}`{MISPLACED}`{kind}` hosting")))
        };
        match f.kind {
            Kind::CloudServer => {
                if let Some(e) = misplaced(
                    "cloud_server",
                    &[
                        ("code", f.code.is_some()),
                        ("issuer_account", f.issuer_account.is_some()),
                        ("used", f.used.is_some()),
                    ],
                ) {
                    return Err(e);
                }
                Ok(Hosting::CloudServer(CloudServer {
                    provider: f.provider.unwrap_or_default(),
                    region: f.region.unwrap_or_default(),
                    billing: f.billing,
                    purchased_months: f.purchased_months,
                    expires_on: f.expires_on,
                }))
            }
            Kind::AuthorizationCode => {
                if let Some(e) = misplaced(
                    "authorization_code",
                    &[
                        ("provider", f.provider.is_some()),
                        ("region", f.region.is_some()),
                        ("billing", f.billing.is_some()),
                        ("purchased_months", f.purchased_months.is_some()),
                        ("expires_on", f.expires_on.is_some()),
                    ],
                ) {
                    return Err(e);
                }
                Ok(Hosting::AuthorizationCode(AuthorizationCode {
                    code: f.code.unwrap_or_default(),
                    issuer_account: f.issuer_account,
                    used: f.used.unwrap_or(false),
                }))
            }
        }
    }
}

/// The middle of the error for a key of the other kind of hosting.
const MISPLACED: &str = " is not a field of a ";

/// The key named by a [`MISPLACED`] error.
fn misplaced_key(message: &str) -> Option<&str> {
    let (key, _) = message.split_once(MISPLACED)?;
    key.strip_prefix('`')?.strip_suffix('`')
}

/// A string that may also be `null` (read as empty).
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

fn text_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer)
}

/// A list that may also be `null` (read as empty).
fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The schema of an optional `YYYY-MM-DD` date.
#[cfg(feature = "schemars")]
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["string", "null"],
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    })
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Validity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Validity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "the last day of validity, or long_term (长期)",
            "anyOf": [
                { "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
                { "const": "long_term" },
            ],
        })
    }
}

/// Parses a date written exactly as `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return Err(format!("invalid date `{s}`: expected YYYY-MM-DD"));
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    Date::new(n(0..4), n(5..7) as i8, n(8..10) as i8).map_err(|_| format!("invalid date `{s}`: no such day"))
}

struct DateDisplay(Date);

impl fmt::Display for DateDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
    }
}

/// Serde for `Date` as `YYYY-MM-DD`.
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&DateDisplay(*date))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_date(&s).map_err(de::Error::custom)
    }
}

/// Serde for `Option<Date>` as `YYYY-MM-DD` or `null`.
pub(crate) mod date_opt {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => serializer.collect_str(&DateDisplay(*d)),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        let s = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.map(|s| parse_date(&s).map_err(de::Error::custom)).transpose()
    }
}

impl Serialize for Validity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Validity::Until(d) => serializer.collect_str(&DateDisplay(*d)),
            Validity::LongTerm => serializer.serialize_str("long_term"),
        }
    }
}

impl<'de> Deserialize<'de> for Validity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        if s == "long_term" {
            return Ok(Validity::LongTerm);
        }
        parse_date(&s)
            .map(Validity::Until)
            .map_err(|_| de::Error::custom(format!("invalid validity `{s}`: expected YYYY-MM-DD or `long_term`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-11-27").is_ok());
        for bad in [
            "2026-2-27",
            "20261127",
            "2026-02-30",
            "+02026-11-27",
            "2026-11-27T00:00",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_keys_are_recorded_with_their_pointer() {
        let app = Application::from_json(
            r#"{"provnce": "zhejiang", "subject": {"nmae": "x", "certificate": {"a/b~c": 1}},
                "websites": [{}, {"domains": [{"nam": "a.cn"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            app.unknown_fields,
            [
                "/provnce",
                "/subject/certificate/a~1b~0c",
                "/subject/nmae",
                "/websites/1/domains/0/nam"
            ]
        );
    }

    #[test]
    fn values_that_do_not_fit_are_recorded_and_the_rest_is_read() {
        let app = Application::from_json(
            "{\n  \"province\": \"zhejang\", \"as_of\": \"2026-02-30\",
               \"subject\": {\"name\": \"王小明\", \"mobile\": 13812345678},
               \"websites\": [\"x\", {\"commercial\": \"yes\", \"content\": [\"blgo\", \"blog\"], \"name\": \"笔记\"}],
               \"hosting\": {\"kind\": \"cloud_server\", \"code\": \"x\", \"region\": \"ap-shanghai\"}}",
        )
        .unwrap();
        let invalid: Vec<(&str, &str, &str)> = app
            .invalid_fields
            .iter()
            .map(|f| (f.path.as_str(), f.expected, f.found))
            .collect();
        let mut sorted = invalid.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            [
                ("/as_of", "a date written YYYY-MM-DD", "a malformed date"),
                ("/hosting/code", "absent for this kind of hosting", "a string"),
                ("/province", "a province", "an unknown province"),
                ("/subject/mobile", "a string", "a number"),
                ("/websites/0", "an object", "a string"),
                ("/websites/1/commercial", "true or false", "a string"),
                ("/websites/1/content/0", "one of the ids of its list", "an unknown id"),
            ]
        );
        let nearest = |path: &str| {
            app.invalid_fields
                .iter()
                .find(|f| f.path == path)
                .and_then(|f| f.nearest.clone())
        };
        assert_eq!(nearest("/province").as_deref(), Some("zhejiang"));
        assert_eq!(nearest("/websites/1/content/0").as_deref(), Some("blog"));
        // The rest is read; the second website is the model's first.
        assert_eq!(app.subject.as_ref().unwrap().name, "王小明");
        assert_eq!(app.websites.len(), 1);
        assert_eq!(app.websites[0].name, "笔记");
        assert_eq!(app.websites[0].content, [Content::Blog]);
        assert_eq!(app.source_path("/websites/0/content/0"), "/websites/1/content/1");
        assert!(matches!(&app.hosting, Some(Hosting::CloudServer(s)) if s.region == "ap-shanghai"));
    }

    #[test]
    fn only_text_that_is_not_a_json_object_fails() {
        let err = Application::from_json("not json").unwrap_err();
        assert_eq!((err.path(), err.line()), ("", 1));
        assert!(err.message().starts_with("expected ident"), "{}", err.message());
        let err = Application::from_json("\n  [{}]").unwrap_err();
        assert_eq!((err.line(), err.column()), (2, 3));
        assert!(Application::from_json("{} {}").is_err(), "trailing data");
        assert!(Application::from_json("\u{feff}{}").is_ok(), "a byte-order mark");
    }

    #[test]
    fn a_hosting_without_its_kind_is_recorded() {
        let app = Application::from_json(r#"{"hosting": {"region": "ap-shanghai"}}"#).unwrap();
        assert_eq!(app.invalid_fields[0].path, "/hosting");
        assert_eq!(app.invalid_fields[0].expected, WITHOUT_KIND);
        assert_eq!(app.hosting, None);
    }

    #[test]
    fn serde_alone_is_strict() {
        let err = serde_json::from_str::<Application>(r#"{"subject": {"kind": "persona"}}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant `persona`"), "{err}");
    }

    #[test]
    fn nulls_read_as_empty() {
        let app = Application::from_json(r#"{"subject": {"name": null, "residence_permit": null}, "websites": null}"#)
            .unwrap();
        assert_eq!(app.subject.unwrap().name, "");
        assert!(app.websites.is_empty());
    }

    #[test]
    fn validity_accepts_long_term() {
        let c: Certificate = serde_json::from_str(r#"{"valid_until": "long_term"}"#).unwrap();
        assert_eq!(c.valid_until, Some(Validity::LongTerm));
        assert_eq!(serde_json::to_string(&Validity::LongTerm).unwrap(), "\"long_term\"");
    }

    #[test]
    fn serialisation_round_trips() {
        let json = r#"{"province":"浙","as_of":"2026-11-27","subject":{"kind":"personal"},
            "websites":[{"domains":[{"name":"a.cn","expires_on":"2027-01-01"}]}],
            "hosting":{"kind":"authorization_code","code":"abc","used":true}}"#;
        let app = Application::from_json(json).unwrap();
        let again = Application::from_json(&serde_json::to_string(&app).unwrap()).unwrap();
        assert_eq!(app, again);
        assert_eq!(serde_json::to_value(&app).unwrap()["province"], "zhejiang");
    }
}
