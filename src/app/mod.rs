//! Identifiers of apps, mini programs and quick apps (App备案), as
//! parse-don't-validate types: a value of one of these types has the form
//! its platform requires, so code that holds one need not check again.
//!
//! Since September 2023 an app, mini program or quick app offered in
//! mainland China is filed like a website, and the filing form asks, for
//! each platform the app runs on, its identifier, the public key of its
//! signing certificate and that certificate's fingerprint (App特征信息).
//! These types read what developers copy into that form:
//!
//! | identifier | type | checks when parsing |
//! |---|---|---|
//! | Android package name (`applicationId`, 包名), also a quick app's | [`AndroidPackageName`] | two or more dot-separated segments of letters, digits and `_`, each starting with a letter |
//! | iOS bundle ID (`CFBundleIdentifier`) | [`BundleId`] | letters, digits, `-` and `.`, no empty segment, no wildcard; compared without case |
//! | HarmonyOS bundle name (`bundleName`) | [`HarmonyBundleName`] | three or more segments of letters, digits and `_`, 7–128 bytes, the first segment starting with a letter, every segment ending with a letter or digit |
//! | mini program id (小程序ID, the platform's AppID) | [`MiniProgramId`] | WeChat's `wx` and 16 hexadecimal digits; not WeChat's original id `gh_…`; other platforms' ids by their alphabet |
//! | signing-certificate fingerprint (签名MD5值, SHA-1, SHA-256) | [`Fingerprint`] | 32, 40 or 64 hexadecimal digits, colons, spaces and case tolerated, normalised; a label such as `SHA1:` must agree |
//! | public key (公钥) | [`PublicKey`] | PEM, Base64 or hexadecimal; at least 64 bytes; a DER structure must be well formed |
//!
//! ```
//! use beian::app::{AndroidPackageName, BundleId, DigestAlgorithm, Fingerprint};
//!
//! let package: AndroidPackageName = "com.tencent.mm".parse()?;
//! assert_eq!(package.segments().collect::<Vec<_>>(), ["com", "tencent", "mm"]);
//!
//! let bundle: BundleId = "com.tencent.xin".parse()?;
//! assert_eq!(bundle, "COM.Tencent.Xin".parse()?); // bundle IDs ignore case
//!
//! // keytool prints colons; the filing form wants the bare digits.
//! let md5: Fingerprint = "88:74:26:2e:0f:32:20:66:ed:52:8e:1f:b8:04:ea:70".parse()?;
//! assert_eq!(md5.algorithm(), DigestAlgorithm::Md5);
//! assert_eq!(md5.to_string(), "8874262E0F322066ED528E1FB804EA70");
//! assert_eq!(format!("{md5:#}"), "88:74:26:2E:0F:32:20:66:ED:52:8E:1F:B8:04:EA:70");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Which fingerprint a platform's form asks for (MD5 for Android, SHA-1 for
//! iOS) and which platform needs which identifier is rule data, checked by
//! [`validate`](crate::validate) (`app.*` findings); these types only say
//! whether a value has its form.

mod bundle;
mod fingerprint;
mod mini_program;
mod package;
mod public_key;

pub use bundle::{BundleId, BundleIdError};
pub use fingerprint::{DigestAlgorithm, Fingerprint, FingerprintError};
pub use mini_program::{MiniProgramId, MiniProgramIdError, MiniProgramPlatform};
pub use package::{AndroidPackageName, HarmonyBundleName, PackageNameError};
pub use public_key::{PublicKey, PublicKeyEncoding, PublicKeyError};

crate::vocabulary::serde_as_text!(
    package::AndroidPackageName,
    package::HarmonyBundleName,
    bundle::BundleId,
    mini_program::MiniProgramId,
    fingerprint::Fingerprint,
    public_key::PublicKey,
);
