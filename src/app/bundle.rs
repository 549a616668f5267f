//! The iOS bundle ID.

use std::hash::{Hash, Hasher};

/// Why a string is not a [`BundleId`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleIdError {
    /// Nothing but white space.
    #[error("the bundle ID is empty")]
    Empty,
    /// A wildcard App ID (`com.example.*`), which identifies a group of
    /// apps, not one app.
    #[error("`*` makes a wildcard App ID, not the bundle ID of one app")]
    Wildcard,
    /// A leading, trailing or doubled dot (segments count from 1).
    #[error("segment {segment} is empty: the bundle ID has a leading, trailing or doubled dot")]
    EmptySegment {
        /// The 1-based position of the empty segment.
        segment: usize,
    },
    /// A character other than an ASCII letter, a digit, `-` or `.`.
    #[error("`{found}` is not allowed: only letters, digits, `-` and dots")]
    Character {
        /// The first such character.
        found: char,
    },
}

impl BundleIdError {
    /// A short, stable description of the problem, for messages and rule data.
    pub fn reason(&self) -> &'static str {
        match self {
            BundleIdError::Empty => "empty bundle id",
            BundleIdError::Wildcard => "wildcard",
            BundleIdError::EmptySegment { .. } => "empty segment",
            BundleIdError::Character { .. } => "invalid character",
        }
    }
}

/// An iOS bundle ID (`CFBundleIdentifier`), e.g. `com.tencent.xin`: what
/// the filing form asks for an iOS app (Bundle ID).
///
/// Apple's rules: a uniform type identifier of ASCII letters, digits,
/// hyphens and periods, in reverse-DNS form, compared without case
/// (developer.apple.com, glossary "bundle ID"). So no segment may be empty,
/// and a wildcard App ID (`com.example.*`) is not the bundle ID of an app.
/// Equality and hashing ignore case; [`as_str`](Self::as_str) and
/// [`Display`](std::fmt::Display) keep the case as written.
///
/// ```
/// use beian::app::{BundleId, BundleIdError};
///
/// let id: BundleId = "com.ss.iphone.ugc.Aweme".parse()?;
/// assert_eq!(id.as_str(), "com.ss.iphone.ugc.Aweme");
/// assert_eq!(id, "COM.SS.IPHONE.UGC.AWEME".parse()?);
///
/// assert_eq!(BundleId::parse("com.example.*"), Err(BundleIdError::Wildcard));
/// assert_eq!(BundleId::parse("com.my_app"), Err(BundleIdError::Character { found: '_' }));
/// # Ok::<(), BundleIdError>(())
/// ```
#[derive(Clone)]
pub struct BundleId(Box<str>);

impl BundleId {
    /// Parses a bundle ID; surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// A [`BundleIdError`] saying which rule the ID breaks.
    pub fn parse(s: &str) -> Result<BundleId, BundleIdError> {
        let id = s.trim();
        if id.is_empty() {
            return Err(BundleIdError::Empty);
        }
        if id.contains('*') {
            return Err(BundleIdError::Wildcard);
        }
        if let Some(c) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(BundleIdError::Character { found: c });
        }
        if let Some(i) = id.split('.').position(str::is_empty) {
            return Err(BundleIdError::EmptySegment { segment: i + 1 });
        }
        Ok(BundleId(id.into()))
    }

    /// The bundle ID as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The segments, from the first (`com`).
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }
}

impl PartialEq for BundleId {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for BundleId {}

impl Hash for BundleId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

crate::privacy::identifier!(BundleId: BundleIdError, display as_str, debug plain);

#[cfg(test)]
mod tests {
    use super::*;

    /// Real bundle IDs: WeChat, Alipay and Douyin on iOS, and two apps'
    /// from their public filing notes (`com.sdknwdtvpv.lianleme`,
    /// `com.wangsheng.lansend`).
    #[test]
    fn real_bundle_ids() {
        for id in [
            "com.tencent.xin",
            "com.alipay.iphoneclient",
            "com.ss.iphone.ugc.Aweme",
            "com.sdknwdtvpv.lianleme",
            "com.wangsheng.lansend",
            "com.example.my-app",
        ] {
            assert_eq!(BundleId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn rules() {
        let err = |s: &str| BundleId::parse(s).unwrap_err();
        assert_eq!(err(" "), BundleIdError::Empty);
        assert_eq!(err("*"), BundleIdError::Wildcard);
        assert_eq!(err("com..example"), BundleIdError::EmptySegment { segment: 2 });
        assert_eq!(err("com.example."), BundleIdError::EmptySegment { segment: 3 });
        assert_eq!(err("com.example app"), BundleIdError::Character { found: ' ' });
        assert_eq!(err("com.例子"), BundleIdError::Character { found: '例' });
    }

    #[test]
    fn case_is_ignored_by_equality_and_hashing() {
        use std::collections::HashSet;
        let a = BundleId::parse("com.Example.App").unwrap();
        let b = BundleId::parse("COM.EXAMPLE.APP").unwrap();
        assert_eq!(a, b);
        let set: HashSet<BundleId> = [a, b].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_ne!(
            BundleId::parse("com.example.app").unwrap(),
            BundleId::parse("com.example.ap").unwrap()
        );
    }
}
