//! Dot-separated package names: Android's application id (also the
//! package name of a quick app) and HarmonyOS's bundle name.

/// Why a string is not an [`AndroidPackageName`] or a [`HarmonyBundleName`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PackageNameError {
    /// Nothing but white space.
    #[error("the name is empty")]
    Empty,
    /// Fewer dot-separated segments than the platform requires.
    #[error("the name has {found} segment(s); at least {min} separated by dots are required")]
    TooFewSegments {
        /// The segments the platform requires at least.
        min: usize,
        /// The segments found.
        found: usize,
    },
    /// A leading, trailing or doubled dot (segments count from 1).
    #[error("segment {segment} is empty: the name has a leading, trailing or doubled dot")]
    EmptySegment {
        /// The 1-based position of the empty segment.
        segment: usize,
    },
    /// A segment that does not start as the platform requires: with a
    /// letter (Android; HarmonyOS's first segment), or with a letter or a
    /// digit (HarmonyOS's other segments).
    #[error("segment {segment} starts with `{found}`")]
    SegmentStart {
        /// The 1-based position of the segment.
        segment: usize,
        /// Its first character.
        found: char,
    },
    /// HarmonyOS: a segment that does not end with a letter or a digit.
    #[error("segment {segment} ends with `{found}`, not with a letter or a digit")]
    SegmentEnd {
        /// The 1-based position of the segment.
        segment: usize,
        /// Its last character.
        found: char,
    },
    /// A character other than an ASCII letter, a digit, `_` or `.`.
    #[error("`{found}` is not allowed: only letters, digits, `_` and dots")]
    Character {
        /// The first such character.
        found: char,
    },
    /// HarmonyOS: a name shorter or longer than the platform allows.
    #[error("the name has {bytes} bytes; {min} to {max} are allowed")]
    Length {
        /// The length found.
        bytes: usize,
        /// The shortest name allowed.
        min: usize,
        /// The longest name allowed.
        max: usize,
    },
}

impl PackageNameError {
    /// A short, stable description of the problem (`empty segment`,
    /// `invalid character` …), for messages and rule data.
    pub fn reason(&self) -> &'static str {
        match self {
            PackageNameError::Empty => "empty name",
            PackageNameError::TooFewSegments { .. } => "too few segments",
            PackageNameError::EmptySegment { .. } => "empty segment",
            PackageNameError::SegmentStart { .. } => "invalid segment start",
            PackageNameError::SegmentEnd { .. } => "invalid segment end",
            PackageNameError::Character { .. } => "invalid character",
            PackageNameError::Length { .. } => "invalid length",
        }
    }
}

/// The rules of one platform's dot-separated names.
struct Grammar {
    min_segments: usize,
    /// Whether a segment after the first may start with a digit.
    later_segments_start_with_digit: bool,
    /// Whether a segment must end with a letter or digit.
    ends_alphanumeric: bool,
    /// The allowed length in bytes.
    length: Option<(usize, usize)>,
}

const ANDROID: Grammar = Grammar {
    min_segments: 2,
    later_segments_start_with_digit: false,
    ends_alphanumeric: false,
    length: None,
};

const HARMONY: Grammar = Grammar {
    min_segments: 3,
    later_segments_start_with_digit: true,
    ends_alphanumeric: true,
    length: Some((7, 128)),
};

impl Grammar {
    /// Checks a trimmed name.
    fn check(&self, name: &str) -> Result<(), PackageNameError> {
        if name.is_empty() {
            return Err(PackageNameError::Empty);
        }
        if let Some(c) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '.'))
        {
            return Err(PackageNameError::Character { found: c });
        }
        for (i, segment) in name.split('.').enumerate() {
            let n = i + 1;
            let (Some(first), Some(last)) = (segment.chars().next(), segment.chars().last()) else {
                return Err(PackageNameError::EmptySegment { segment: n });
            };
            let starts = first.is_ascii_alphabetic()
                || (i > 0 && self.later_segments_start_with_digit && first.is_ascii_digit());
            if !starts {
                return Err(PackageNameError::SegmentStart {
                    segment: n,
                    found: first,
                });
            }
            if self.ends_alphanumeric && !last.is_ascii_alphanumeric() {
                return Err(PackageNameError::SegmentEnd {
                    segment: n,
                    found: last,
                });
            }
        }
        let found = name.split('.').count();
        if found < self.min_segments {
            return Err(PackageNameError::TooFewSegments {
                min: self.min_segments,
                found,
            });
        }
        if let Some((min, max)) = self.length
            && !(min..=max).contains(&name.len())
        {
            return Err(PackageNameError::Length {
                bytes: name.len(),
                min,
                max,
            });
        }
        Ok(())
    }
}

/// An Android package name (应用包名): the `applicationId` that identifies
/// an app on the device and in the stores, e.g. `com.tencent.mm`. Quick
/// apps (快应用) name their package the same way.
///
/// Android's rules: at least two segments separated by dots, each starting
/// with a letter, and only ASCII letters, digits and `_`
/// (developer.android.com, "Set the application ID"). Case is kept and
/// significant, as on the device (`com.eg.android.AlipayGphone`).
///
/// ```
/// use beian::app::{AndroidPackageName, PackageNameError};
///
/// let name = AndroidPackageName::parse(" com.eg.android.AlipayGphone ")?;
/// assert_eq!(name.as_str(), "com.eg.android.AlipayGphone");
/// assert_eq!(name.segments().count(), 4);
///
/// assert_eq!(
///     AndroidPackageName::parse("mm"),
///     Err(PackageNameError::TooFewSegments { min: 2, found: 1 })
/// );
/// assert_eq!(
///     AndroidPackageName::parse("com.1app"),
///     Err(PackageNameError::SegmentStart { segment: 2, found: '1' })
/// );
/// assert!("com.example-app".parse::<AndroidPackageName>().is_err());
/// # Ok::<(), PackageNameError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AndroidPackageName(Box<str>);

impl AndroidPackageName {
    /// Parses a package name; surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// A [`PackageNameError`] saying which rule the name breaks.
    pub fn parse(s: &str) -> Result<AndroidPackageName, PackageNameError> {
        let name = s.trim();
        ANDROID.check(name)?;
        Ok(AndroidPackageName(name.into()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The segments, from the first (`com`).
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }
}

/// A HarmonyOS bundle name (`bundleName` of `app.json5`), e.g.
/// `com.ohos.photos`: what the filing form asks for a HarmonyOS app.
///
/// HarmonyOS's rules (the stage model's `app.json5`): at least three
/// segments separated by dots, of ASCII letters, digits and `_`; the first
/// segment starts with a letter, the others with a letter or a digit;
/// every segment ends with a letter or a digit; 7 to 128 bytes.
///
/// ```
/// use beian::app::{HarmonyBundleName, PackageNameError};
///
/// let name: HarmonyBundleName = "com.ohos.photos".parse()?;
/// assert_eq!(name.as_str(), "com.ohos.photos");
/// assert!(HarmonyBundleName::parse("com.example.2048").is_ok());
///
/// // An Android name of two segments is not enough here.
/// assert_eq!(
///     HarmonyBundleName::parse("com.example"),
///     Err(PackageNameError::TooFewSegments { min: 3, found: 2 })
/// );
/// assert_eq!(
///     HarmonyBundleName::parse("com.example.demo_"),
///     Err(PackageNameError::SegmentEnd { segment: 3, found: '_' })
/// );
/// # Ok::<(), PackageNameError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HarmonyBundleName(Box<str>);

impl HarmonyBundleName {
    /// Parses a bundle name; surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// A [`PackageNameError`] saying which rule the name breaks.
    pub fn parse(s: &str) -> Result<HarmonyBundleName, PackageNameError> {
        let name = s.trim();
        HARMONY.check(name)?;
        Ok(HarmonyBundleName(name.into()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The segments, from the first.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }
}

crate::privacy::identifier!(AndroidPackageName: PackageNameError, display as_str, debug plain);
crate::privacy::identifier!(HarmonyBundleName: PackageNameError, display as_str, debug plain);

#[cfg(test)]
mod tests {
    use super::*;

    /// Real package names: WeChat, Alipay and Douyin on Android, a quick
    /// app (`com.haituo.setpplanet`, seen in a public quick-app build), and
    /// an app's from its public signing notes (`net.qsgl365`).
    #[test]
    fn real_android_names() {
        for name in [
            "com.tencent.mm",
            "com.eg.android.AlipayGphone",
            "com.ss.android.ugc.aweme",
            "com.haituo.setpplanet",
            "net.qsgl365",
            "me_.unfollowers.droid",
        ] {
            assert_eq!(AndroidPackageName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn android_rules() {
        let err = |s: &str| AndroidPackageName::parse(s).unwrap_err();
        assert_eq!(err(""), PackageNameError::Empty);
        assert_eq!(err("  "), PackageNameError::Empty);
        assert_eq!(err("abc"), PackageNameError::TooFewSegments { min: 2, found: 1 });
        assert_eq!(err(".abc"), PackageNameError::EmptySegment { segment: 1 });
        assert_eq!(err("abc."), PackageNameError::EmptySegment { segment: 2 });
        assert_eq!(err("me..droid"), PackageNameError::EmptySegment { segment: 2 });
        assert_eq!(
            err("1me.droid"),
            PackageNameError::SegmentStart { segment: 1, found: '1' }
        );
        assert_eq!(
            err("me._droid"),
            PackageNameError::SegmentStart { segment: 2, found: '_' }
        );
        assert_eq!(err("me.dro;id"), PackageNameError::Character { found: ';' });
        assert_eq!(err("com.例子.app"), PackageNameError::Character { found: '例' });
        assert_eq!(err("com.example-app"), PackageNameError::Character { found: '-' });
        // A bundle id with a hyphen is not a package name, and neither is a URL.
        assert!(AndroidPackageName::parse("https://example.com").is_err());
    }

    /// Real bundle names of OpenHarmony system apps (`app.json5` examples).
    #[test]
    fn harmony_rules() {
        for name in [
            "com.ohos.photos",
            "com.ohos.screenshot",
            "com.ohos.note",
            "com.example.2048",
        ] {
            assert!(HarmonyBundleName::parse(name).is_ok(), "{name}");
        }
        let err = |s: &str| HarmonyBundleName::parse(s).unwrap_err();
        assert_eq!(
            err("a.b.c"),
            PackageNameError::Length {
                bytes: 5,
                min: 7,
                max: 128
            }
        );
        assert_eq!(
            err(&format!("com.example.{}", "a".repeat(120))),
            PackageNameError::Length {
                bytes: 132,
                min: 7,
                max: 128
            }
        );
        assert_eq!(
            err("2com.example.demo"),
            PackageNameError::SegmentStart { segment: 1, found: '2' }
        );
        assert_eq!(
            err("com._example.demo"),
            PackageNameError::SegmentStart { segment: 2, found: '_' }
        );
        assert_eq!(
            err("com.example"),
            PackageNameError::TooFewSegments { min: 3, found: 2 }
        );
    }

    #[test]
    fn reasons_are_distinct() {
        let reasons = [
            PackageNameError::Empty,
            PackageNameError::TooFewSegments { min: 2, found: 1 },
            PackageNameError::EmptySegment { segment: 1 },
            PackageNameError::SegmentStart { segment: 1, found: '1' },
            PackageNameError::SegmentEnd { segment: 1, found: '_' },
            PackageNameError::Character { found: '-' },
            PackageNameError::Length {
                bytes: 1,
                min: 7,
                max: 128,
            },
        ]
        .map(|e| e.reason());
        let mut sorted = reasons.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), reasons.len());
    }
}
