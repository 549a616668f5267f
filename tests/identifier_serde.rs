//! The identifier types read and write themselves as the text they are
//! written as, so that they can sit in a caller's own serde types.

use beian::app::{AndroidPackageName, BundleId};
use beian::domain::DomainName;
use beian::identity::{MobileNumber, ResidentId, Uscc};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + std::str::FromStr>(text: &str)
where
    T::Err: std::fmt::Debug,
{
    let value: T = text.parse().unwrap();
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    assert_eq!(serde_json::from_str::<T>(&format!("{text:?}")).unwrap(), value);
}

#[test]
fn identifiers_round_trip_through_json() {
    round_trip::<ResidentId>("11010519491231002X");
    round_trip::<Uscc>("91350100M000100Y43");
    round_trip::<MobileNumber>("13812345678");
    round_trip::<DomainName>("例子.中国");
    round_trip::<AndroidPackageName>("com.tencent.mm");
    round_trip::<BundleId>("com.apple.mobilesafari");
}

#[test]
fn a_malformed_identifier_is_a_deserialisation_error_with_its_reason() {
    let err = serde_json::from_str::<ResidentId>("\"110105194912310021\"").unwrap_err();
    assert!(!err.to_string().is_empty());
    assert!(
        serde_json::from_str::<MobileNumber>("12").is_err(),
        "a number is not text"
    );
}
