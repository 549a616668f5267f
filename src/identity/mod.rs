//! Identifiers of people and organisations, as parse-don't-validate types:
//! a value of one of these types is known to have the right form and check
//! character, so code that holds one need not check again.
//!
//! | identifier | type | checks when parsing |
//! |---|---|---|
//! | citizen ID (居民身份证, GB 11643-1999), residence permits of Hong Kong, Macao and Taiwan residents (居住证), 2023 foreign permanent resident ID | [`ResidentId`] (its [`kind`](ResidentId::kind)) | 18 characters, ISO 7064 MOD 11-2 check character, birth date exists |
//! | first-generation 15-digit ID | [`LegacyResidentId`] | 15 digits, birth date exists |
//! | foreign permanent resident ID, both forms | [`ForeignPermanentResidentId`] | 2023 form as above; 2004 form: 3 letters and 12 digits |
//! | travel permits of Hong Kong/Macao (回乡证) and Taiwan (台胞证) residents, passports | [`HkMacaoTravelPermit`], [`TaiwanTravelPermit`], [`Passport`] | shape only (no check algorithm is published) |
//! | unified social credit code (统一社会信用代码, GB 32100-2015) | [`Uscc`] | alphabet, category ([`OrganisationType`]), check character |
//! | organisation code (组织机构代码, GB 11714-1997) | [`OrganizationCode`] | alphabet, check character |
//! | mobile, landline, e-mail | [`MobileNumber`], [`LandlineNumber`], [`EmailAddress`] | shape |
//! | administrative division code (GB/T 2260) | [`RegionCode`] | six digits |
//!
//! # Facts that change: region codes and mobile prefixes
//!
//! Parsing needs no rule data, so the types work on their own. Two checks
//! depend on lists that change every year and therefore live in the rule
//! set ([`RuleSet`](crate::RuleSet)), not in the types:
//!
//! - whether a region code exists, and existed for someone born in a given
//!   year: [`Regions`], from [`RuleSet::regions`](crate::RuleSet::regions),
//!   used by [`ResidentId::birth_place`];
//! - whether a mobile prefix is allocated: [`MobilePrefixes`], from
//!   [`RuleSet::mobile_prefixes`](crate::RuleSet::mobile_prefixes).
//!
//! The validator applies both; a caller that holds a parsed value can apply
//! them too:
//!
//! ```
//! use beian::identity::{MobileNumber, ResidentId};
//!
//! let rules = beian::RuleSet::embedded();
//! let id: ResidentId = "330106199001010034".parse()?;
//! let place = id.birth_place(rules.regions())?.expect("a citizen ID has a region");
//! assert_eq!(place.name, "西湖区");
//!
//! let mobile: MobileNumber = "+86 190 1234 5678".parse()?;
//! assert_eq!(rules.mobile_prefixes().lookup(&mobile).map(|p| p.carrier), Some("china_telecom"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Privacy
//!
//! The `Debug` output of the identity-number and phone types is masked
//! (see [`privacy`](crate::privacy)); `Display` shows the full canonical
//! form, for the caller to use as it sees fit.

mod contact;
mod credit;
mod region;
mod resident;
mod travel;

pub use contact::{EmailAddress, EmailError, LandlineNumber, MobileNumber, MobilePrefix, MobilePrefixes, PhoneError};
pub use credit::{OrganisationType, OrganizationCode, OrganizationCodeError, RegistrationAuthority, Uscc, UsccError};
pub use region::{Division, InvalidRegionCode, RegionCode, RegionError, Regions};
pub use resident::{ForeignPermanentResidentId, LegacyResidentId, ResidentId, ResidentIdError, ResidentIdKind, Sex};
pub use travel::{HkMacaoTravelPermit, Passport, TaiwanTravelPermit, TravelDocumentError};

crate::vocabulary::serde_as_text!(
    contact::MobileNumber,
    contact::LandlineNumber,
    contact::EmailAddress,
    credit::Uscc,
    credit::OrganizationCode,
    region::RegionCode,
    resident::ResidentId,
    resident::LegacyResidentId,
    resident::ForeignPermanentResidentId,
    travel::HkMacaoTravelPermit,
    travel::TaiwanTravelPermit,
    travel::Passport,
);
