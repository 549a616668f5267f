//! The closed vocabularies of a filing (subject kinds, certificate kinds,
//! service content, pre-approval categories …) as enums with stable ids.

/// The error returned when a string is not one of a vocabulary's ids.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} `{input}`")]
pub struct UnknownId {
    vocabulary: &'static str,
    input: String,
}

impl UnknownId {
    pub(crate) fn new(vocabulary: &'static str, input: &str) -> UnknownId {
        UnknownId {
            vocabulary,
            input: input.to_owned(),
        }
    }
}

/// Declares a fieldless enum whose variants have stable snake_case ids used
/// in JSON and in rule data, with `ALL`, `as_str`, `Display`, `FromStr` and
/// serde implementations that use the id.
///
/// With `with T` after the name, each variant also carries a constant of
/// type `T` (`Variant = ("id", value)`), in the private table `PAYLOADS`:
/// the finding codes carry their default severity so. The variants' doc
/// comments are then also kept, in the private table `DOCS`, and each
/// variant's documentation ends with its id and its value.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) with $payload:ty {
            $( $(#[doc = $doc:literal])* $variant:ident = ($id:literal, $value:expr), )*
        }
    ) => {
        $crate::vocabulary::vocabulary! {
            $(#[$meta])*
            pub enum $name ($what) {
                $(
                    $(#[doc = $doc])*
                    #[doc = ""]
                    #[doc = concat!("`", $id, "`, default severity [`", stringify!($value), "`].")]
                    $variant = $id,
                )*
            }
        }

        impl $name {
            const PAYLOADS: &'static [$payload] = &[$($value,)*];
            const DOCS: &'static [&'static str] = &[$(concat!($($doc),*),)*];
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            const IDS: &'static [&'static str] = &[$($id,)*];

            /// The stable id used in JSON and in rule data.
            pub fn as_str(self) -> &'static str {
                Self::IDS[self as usize]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::vocabulary::UnknownId;

            fn from_str(s: &str) -> Result<Self, $crate::vocabulary::UnknownId> {
                Self::IDS
                    .iter()
                    .position(|id| *id == s)
                    .map(|i| Self::ALL[i])
                    .ok_or_else(|| $crate::vocabulary::UnknownId::new($what, s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                s.parse()
                    .map_err(|_| serde::de::Error::unknown_variant(&s, Self::IDS))
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let what: &str = $what;
                let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                let id = if what.ends_with(" id") { "" } else { " id" };
                let description = format!("{article} {what}{id}");
                schemars::json_schema!({ "type": "string", "enum": Self::IDS, "description": description })
            }
        }
    };
}

pub(crate) use vocabulary;

/// Implements serde for identifier types as the text they are written as:
/// `Serialize` writes their `Display` form, `Deserialize` parses with
/// their `FromStr` (and its error's message).
macro_rules! serde_as_text {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}

pub(crate) use serde_as_text;

vocabulary! {
    /// Whether a filing is made by a person or by an organisation (备案类型).
    ///
    /// Exhaustive: a filing is personal or entity by definition.
    pub enum FilingType ("filing type") {
        /// 个人备案.
        Personal = "personal",
        /// 单位备案: any subject kind other than `personal`.
        Entity = "entity",
    }
}

vocabulary! {
    /// The nature of the sponsor (主办单位性质), as in the MIIT filing system.
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum SubjectKind ("subject kind") {
        /// 个人.
        Personal = "personal",
        /// 企业, including individual businesses (个体工商户) filed as enterprises.
        Enterprise = "enterprise",
        /// 政府机关 (party and government organs).
        Government = "government",
        /// 事业单位.
        PublicInstitution = "public_institution",
        /// 社会团体.
        SocialOrganization = "social_organization",
        /// 民办非企业单位 (now 社会服务机构).
        PrivateNonEnterprise = "private_non_enterprise",
        /// 基金会.
        Foundation = "foundation",
        /// 律师执业机构.
        LawFirm = "law_firm",
        /// 国防机构.
        NationalDefense = "national_defense",
        /// 外国在华文化中心.
        ForeignCulturalCenter = "foreign_cultural_center",
        /// 群众性团体组织.
        MassOrganization = "mass_organization",
        /// 司法鉴定机构.
        JudicialAppraisal = "judicial_appraisal",
        /// 宗教团体.
        ReligiousOrganization = "religious_organization",
        /// 境外机构.
        OverseasOrganization = "overseas_organization",
        /// 医疗机构.
        MedicalInstitution = "medical_institution",
        /// 公证机构.
        Notary = "notary",
        /// 集体经济.
        CollectiveEconomy = "collective_economy",
        /// 仲裁机构.
        Arbitration = "arbitration",
    }
}

impl SubjectKind {
    /// The filing type this kind of subject makes: personal for `personal`,
    /// entity for everything else.
    pub fn filing_type(self) -> FilingType {
        match self {
            SubjectKind::Personal => FilingType::Personal,
            _ => FilingType::Entity,
        }
    }
}

vocabulary! {
    /// A kind of certificate (证件类型). The first seven identify people; the
    /// rest identify organisations. Which kinds fit which subject kind is
    /// rule data (`rules/certificates.toml`).
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum CertificateKind ("certificate kind") {
        /// 居民身份证.
        ResidentIdCard = "resident_id_card",
        /// 护照.
        Passport = "passport",
        /// 港澳居民来往内地通行证.
        HkMacaoTravelPermit = "hk_macao_travel_permit",
        /// 台湾居民来往大陆通行证.
        TaiwanTravelPermit = "taiwan_travel_permit",
        /// 外国人永久居留身份证.
        ForeignPermanentResidentId = "foreign_permanent_resident_id",
        /// 港澳居民居住证.
        HkMacaoResidencePermit = "hk_macao_residence_permit",
        /// 台湾居民居住证.
        TaiwanResidencePermit = "taiwan_residence_permit",
        /// 营业执照.
        BusinessLicense = "business_license",
        /// 统一社会信用代码证书.
        UsccCertificate = "uscc_certificate",
        /// 组织机构代码证.
        OrganizationCode = "organization_code",
        /// 事业单位法人证书.
        PublicInstitutionCertificate = "public_institution_certificate",
        /// 社会团体法人登记证书.
        SocialOrganizationCertificate = "social_organization_certificate",
        /// 民办非企业单位登记证书.
        PrivateNonEnterpriseCertificate = "private_non_enterprise_certificate",
        /// 基金会法人登记证书.
        FoundationCertificate = "foundation_certificate",
        /// 律师事务所执业许可证.
        LawFirmLicense = "law_firm_license",
        /// 部队代号.
        MilitaryCode = "military_code",
        /// 外国在华文化中心登记证.
        ForeignCulturalCenterCertificate = "foreign_cultural_center_certificate",
        /// 宗教活动场所登记证.
        ReligiousVenueCertificate = "religious_venue_certificate",
        /// 外国企业常驻代表机构登记证.
        ForeignEnterpriseRepresentativeCertificate = "foreign_enterprise_representative_certificate",
        /// 司法鉴定许可证.
        JudicialAppraisalLicense = "judicial_appraisal_license",
        /// 境外机构证件.
        OverseasOrganizationCertificate = "overseas_organization_certificate",
        /// 社会服务机构登记证书.
        SocialServiceInstitutionCertificate = "social_service_institution_certificate",
        /// 民办学校办学许可证.
        PrivateSchoolLicense = "private_school_license",
        /// 医疗机构执业许可证.
        MedicalInstitutionLicense = "medical_institution_license",
        /// 公证机构执业证.
        NotaryLicense = "notary_license",
        /// 农村集体经济组织登记证.
        RuralCollectiveCertificate = "rural_collective_certificate",
        /// 仲裁委员会登记证.
        ArbitrationCommissionCertificate = "arbitration_commission_certificate",
    }
}

impl CertificateKind {
    /// Whether this kind identifies a natural person (the first seven kinds).
    pub fn is_personal(self) -> bool {
        (self as usize) <= CertificateKind::TaiwanResidencePermit as usize
    }
}

vocabulary! {
    /// A website's service content (网站服务内容).
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum Content ("content id") {
        /// 新闻 (needs pre-approval).
        News = "news",
        /// 出版 (needs pre-approval).
        Publishing = "publishing",
        /// 药品和医疗器械 (needs pre-approval).
        DrugsAndMedicalDevices = "drugs_and_medical_devices",
        /// 文化 (needs pre-approval).
        Culture = "culture",
        /// 广播电影电视节目 (needs pre-approval).
        RadioFilmTv = "radio_film_tv",
        /// 网络游戏 (needs pre-approval).
        OnlineGames = "online_games",
        /// 网络预约车 (needs pre-approval).
        RideHailing = "ride_hailing",
        /// 互联网金融 (needs pre-approval).
        InternetFinance = "internet_finance",
        /// 校外培训 (needs pre-approval).
        OffCampusTraining = "off_campus_training",
        /// 宗教 (needs pre-approval).
        Religion = "religion",
        /// 教育 (pre-approval abolished, still restricted).
        Education = "education",
        /// 医疗保健 (pre-approval abolished, still restricted).
        Healthcare = "healthcare",
        /// 电子公告服务 (pre-approval abolished, still restricted).
        BulletinBoard = "bulletin_board",
        /// 博客/个人空间.
        Blog = "blog",
        /// 企业官网.
        Corporate = "corporate",
        /// 电子商务.
        ECommerce = "e_commerce",
        /// 综合门户.
        Portal = "portal",
        /// 搜索引擎.
        Search = "search",
        /// 网址导航.
        Navigation = "navigation",
        /// 其他.
        Other = "other",
    }
}

vocabulary! {
    /// A pre-approval (前置审批) category: the content ids that need one.
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum PreApprovalCategory ("pre-approval category") {
        /// 新闻.
        News = "news",
        /// 出版.
        Publishing = "publishing",
        /// 药品和医疗器械.
        DrugsAndMedicalDevices = "drugs_and_medical_devices",
        /// 文化.
        Culture = "culture",
        /// 广播电影电视节目.
        RadioFilmTv = "radio_film_tv",
        /// 网络游戏.
        OnlineGames = "online_games",
        /// 网络预约车.
        RideHailing = "ride_hailing",
        /// 互联网金融.
        InternetFinance = "internet_finance",
        /// 校外培训.
        OffCampusTraining = "off_campus_training",
        /// 宗教.
        Religion = "religion",
    }
}

vocabulary! {
    /// What an order does to the filing on record (备案类型): a first filing,
    /// or an order that acts on a filed subject and its services.
    ///
    /// The regulator or the providers may add kinds of order, and so may a
    /// later version (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum Operation ("operation") {
        /// 首次备案: a subject and its services filed for the first time (the default).
        FirstFiling = "first_filing",
        /// 新增网站: new services added to a filed subject.
        AddWebsite = "add_website",
        /// 新增接入 / 接入备案: filed services hosted at one more access provider.
        AddAccess = "add_access",
        /// 变更主体: the subject's recorded data changed.
        ChangeSubject = "change_subject",
        /// 变更网站: filed services' recorded data changed.
        ChangeWebsite = "change_website",
        /// 变更备案: both the subject and services changed.
        ChangeFiling = "change_filing",
        /// 注销主体: the subject and all its services cancelled.
        CancelSubject = "cancel_subject",
        /// 注销网站: services cancelled, the subject kept.
        CancelWebsite = "cancel_website",
        /// 取消接入: services no longer hosted at this access provider.
        CancelAccess = "cancel_access",
    }
}

vocabulary! {
    /// What kind of service an app filing is for (App备案): an app, a mini
    /// program or a quick app. Each gets its own letter in its filing
    /// number (`-2A`, `-3X`, `-4K`).
    pub enum AppKind ("app kind") {
        /// An app (APP) installed on a phone, tablet or other device.
        App = "app",
        /// A mini program (小程序) running inside another app (WeChat, Alipay, Douyin …).
        MiniProgram = "mini_program",
        /// A quick app (快应用), run by the phone makers' quick-app engine.
        QuickApp = "quick_app",
    }
}

vocabulary! {
    /// The platform an app runs on (运行平台), each with its identifier,
    /// public key and certificate fingerprint in the filing.
    pub enum PlatformKind ("platform") {
        /// Android: a package name.
        Android = "android",
        /// iOS: a bundle ID.
        Ios = "ios",
        /// HarmonyOS (鸿蒙): a bundle name.
        Harmonyos = "harmonyos",
        /// Another operating system.
        Other = "other",
        /// The quick-app engine: the one platform of a quick app, with its package name.
        QuickApp = "quick_app",
    }
}

vocabulary! {
    /// How a cloud server is paid for.
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum Billing ("billing") {
        /// 包年包月.
        Prepaid = "prepaid",
        /// 按量计费.
        Postpaid = "postpaid",
    }
}

vocabulary! {
    /// The real-name type of the cloud account that issued an authorization code.
    ///
    /// The regulator or the providers may add ids, and so may a later version
    /// (hence `#[non_exhaustive]`): match with a `_` arm.
    #[non_exhaustive]
    pub enum IssuerAccount ("issuer account") {
        /// 企业实名认证.
        Enterprise = "enterprise",
        /// 个人实名认证.
        Personal = "personal",
    }
}

vocabulary! {
    /// The language of messages and names in text output.
    ///
    /// Later versions may add languages (hence `#[non_exhaustive]`): match
    /// with a `_` arm.
    #[non_exhaustive]
    pub enum Language ("language") {
        /// Chinese (`zh`).
        Zh = "zh",
        /// English (`en`).
        En = "en",
    }
}

vocabulary! {
    /// How serious a finding is.
    ///
    /// Exhaustive: these three levels are part of the report's contract.
    pub enum Severity ("severity") {
        /// The application would be rejected.
        Error = "error",
        /// The application may be rejected, or the rule behind it is uncertain.
        Warning = "warning",
        /// Something to know; nothing to fix.
        Info = "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for k in CertificateKind::ALL {
            assert_eq!(k.as_str().parse::<CertificateKind>(), Ok(*k));
        }
        assert_eq!(CertificateKind::ALL.len(), 27);
        assert_eq!(SubjectKind::ALL.len(), 18);
        assert_eq!(Content::ALL.len(), 20);
        let personal: Vec<_> = CertificateKind::ALL.iter().filter(|k| k.is_personal()).collect();
        assert_eq!(personal.len(), 7);
    }

    #[test]
    fn pre_approval_categories_are_content_ids() {
        for c in PreApprovalCategory::ALL {
            assert!(c.as_str().parse::<Content>().is_ok(), "{c}");
        }
    }

    #[test]
    fn unknown_id_is_an_error() {
        let err = "persona".parse::<SubjectKind>().unwrap_err();
        assert_eq!(err.to_string(), "unknown subject kind `persona`");
        let json: Result<SubjectKind, _> = serde_json::from_str("\"persona\"");
        assert!(json.unwrap_err().to_string().contains("expected one of"));
    }
}
