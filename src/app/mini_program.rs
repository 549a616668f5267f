//! Mini program ids (小程序ID): the AppID a mini-program platform gives.

/// The platform a [`MiniProgramId`] belongs to, as far as its form tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MiniProgramPlatform {
    /// WeChat (微信): `wx` and 16 hexadecimal digits, e.g. `wx4f28b4b2dcaafca1`.
    WeChat,
    /// Douyin (抖音): `tt` and 16 hexadecimal digits.
    Douyin,
    /// Alipay (支付宝): 16 digits starting with `20`, e.g. `2021001234567890`.
    Alipay,
    /// Another platform (Baidu, QQ, Kuaishou …), whose id form is not
    /// checked beyond its alphabet.
    Other,
}

impl MiniProgramPlatform {
    /// The stable identifier: `wechat`, `douyin`, `alipay` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            MiniProgramPlatform::WeChat => "wechat",
            MiniProgramPlatform::Douyin => "douyin",
            MiniProgramPlatform::Alipay => "alipay",
            MiniProgramPlatform::Other => "other",
        }
    }
}

/// Why a string is not a [`MiniProgramId`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MiniProgramIdError {
    /// Nothing but white space.
    #[error("the mini program id is empty")]
    Empty,
    /// WeChat's original id (原始ID, `gh_` and 12 characters), which names
    /// the account, not the mini program: the filing wants the AppID.
    #[error("`gh_…` is WeChat's original id; the filing wants the AppID (`wx` and 16 hexadecimal digits)")]
    OriginalId,
    /// An id starting with `wx` that is not WeChat's form.
    #[error("a WeChat AppID is `wx` and 16 hexadecimal digits")]
    WeChat,
    /// A character other than an ASCII letter, a digit, `_` or `-`.
    #[error("`{found}` is not allowed in a mini program id")]
    Character {
        /// The first such character.
        found: char,
    },
    /// Shorter or longer than any platform's id (4 to 64 characters).
    #[error("the id has {chars} characters; mini program ids have 4 to 64")]
    Length {
        /// The characters found.
        chars: usize,
    },
}

impl MiniProgramIdError {
    /// A short, stable description of the problem, for messages and rule data.
    pub fn reason(&self) -> &'static str {
        match self {
            MiniProgramIdError::Empty => "empty id",
            MiniProgramIdError::OriginalId => "original id",
            MiniProgramIdError::WeChat => "not a wechat appid",
            MiniProgramIdError::Character { .. } => "invalid character",
            MiniProgramIdError::Length { .. } => "invalid length",
        }
    }
}

/// A mini program's id (小程序ID): the AppID its platform assigned, which
/// the filing of a mini program names.
///
/// A WeChat AppID is `wx` and 16 lower-case hexadecimal digits (the
/// 18 characters of `wx4f28b4b2dcaafca1`); an id that starts with `wx` and
/// is not of that form is refused, and so is WeChat's original id
/// (`gh_…`), which is often copied by mistake. Douyin's (`tt` and 16
/// hexadecimal digits) and Alipay's (16 digits starting with `20`) are
/// recognised; other platforms' ids are accepted when they are 4 to 64
/// ASCII letters, digits, `_` or `-`.
///
/// ```
/// use beian::app::{MiniProgramId, MiniProgramIdError, MiniProgramPlatform};
///
/// let id: MiniProgramId = "wx4f28b4b2dcaafca1".parse()?;
/// assert_eq!(id.platform(), MiniProgramPlatform::WeChat);
///
/// assert_eq!(MiniProgramId::parse("gh_1a2b3c4d5e6f"), Err(MiniProgramIdError::OriginalId));
/// assert_eq!(MiniProgramId::parse("wx4f28b4b2dcaafc"), Err(MiniProgramIdError::WeChat));
/// assert_eq!(
///     MiniProgramId::parse("2021001234567890")?.platform(),
///     MiniProgramPlatform::Alipay
/// );
/// # Ok::<(), MiniProgramIdError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MiniProgramId {
    id: Box<str>,
    platform: MiniProgramPlatform,
}

fn hex16(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl MiniProgramId {
    /// Parses a mini program id; surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// A [`MiniProgramIdError`] saying why the text is not an id.
    pub fn parse(s: &str) -> Result<MiniProgramId, MiniProgramIdError> {
        let id = s.trim();
        if id.is_empty() {
            return Err(MiniProgramIdError::Empty);
        }
        if id.starts_with("gh_") {
            return Err(MiniProgramIdError::OriginalId);
        }
        if let Some(c) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            return Err(MiniProgramIdError::Character { found: c });
        }
        let platform = if let Some(rest) = id.strip_prefix("wx") {
            if !hex16(rest) {
                return Err(MiniProgramIdError::WeChat);
            }
            MiniProgramPlatform::WeChat
        } else if id.strip_prefix("tt").is_some_and(hex16) {
            MiniProgramPlatform::Douyin
        } else if id.len() == 16 && id.starts_with("20") && id.bytes().all(|b| b.is_ascii_digit()) {
            MiniProgramPlatform::Alipay
        } else {
            MiniProgramPlatform::Other
        };
        if !(4..=64).contains(&id.len()) {
            return Err(MiniProgramIdError::Length { chars: id.len() });
        }
        Ok(MiniProgramId {
            id: id.into(),
            platform,
        })
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The platform the id's form belongs to.
    pub fn platform(&self) -> MiniProgramPlatform {
        self.platform
    }
}

crate::privacy::identifier!(
    MiniProgramId: MiniProgramIdError,
    display as_str,
    debug(|n, f| write!(f, "MiniProgramId({} {})", n.platform.as_str(), n.id)),
);

#[cfg(test)]
mod tests {
    use super::*;

    /// `wx4f28b4b2dcaafca1` is a real AppID, in a public page's copy of a
    /// WeChat `jscode2session` request.
    #[test]
    fn platforms() {
        let platform = |s: &str| MiniProgramId::parse(s).unwrap().platform();
        assert_eq!(platform("wx4f28b4b2dcaafca1"), MiniProgramPlatform::WeChat);
        assert_eq!(platform("tt07e3715e98c9aac0"), MiniProgramPlatform::Douyin);
        assert_eq!(platform("2021004112345678"), MiniProgramPlatform::Alipay);
        assert_eq!(platform("1109876543"), MiniProgramPlatform::Other);
        assert_eq!(platform("tt_short"), MiniProgramPlatform::Other);
    }

    #[test]
    fn mistakes() {
        let err = |s: &str| MiniProgramId::parse(s).unwrap_err();
        assert_eq!(err(""), MiniProgramIdError::Empty);
        assert_eq!(err("gh_4f28b4b2dcaa"), MiniProgramIdError::OriginalId);
        assert_eq!(err("wx4F28B4B2DCAAFCA1"), MiniProgramIdError::WeChat);
        assert_eq!(err("wx4f28b4b2dcaafca12"), MiniProgramIdError::WeChat);
        assert_eq!(err("wx 4f28b4b2dcaafca1"), MiniProgramIdError::Character { found: ' ' });
        assert_eq!(err("小程序"), MiniProgramIdError::Character { found: '小' });
        assert_eq!(err("abc"), MiniProgramIdError::Length { chars: 3 });
        assert_eq!(err(&"a".repeat(65)), MiniProgramIdError::Length { chars: 65 });
    }
}
