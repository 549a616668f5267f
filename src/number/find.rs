//! Finding every filing number in a text, such as a page footer.

use std::ops::Range;

use super::grammar::{self, Cursor, Mode};
use super::{FilingNumber, Normalizations};
use crate::province::Province;
/// Every filing number in `text` written in canonical form, in order, with
/// its byte range.
///
/// A number starts at a province abbreviation, or, for a cross-regional
/// licence (`A2.B1.B2-20202637`), at a category letter that does not
/// continue a word. Text that looks like a number but is malformed is
/// skipped.
///
/// ```
/// use beian::number::{NumberKind, find};
///
/// let footer = "Copyright © 2026 示例 | 京ICP备11018762号-1 | 京公网安备11010502030143号";
/// let found: Vec<_> = find(footer).collect();
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].number().kind(), NumberKind::IcpFiling);
/// assert_eq!(&footer[found[0].range()], "京ICP备11018762号-1");
/// assert_eq!(found[1].as_str(), "京公网安备11010502030143号");
/// ```
pub fn find(text: &str) -> Matches<'_> {
    Matches {
        text,
        pos: 0,
        mode: Mode::Strict,
    }
}

/// Every filing number in `text`, also in the variants the lenient parsers
/// read, with its byte range and what had to be normalised.
///
/// White space is allowed only before a number's serial (`川ICP备 09003078号`),
/// so that the text after a number is never read as part of it; brackets
/// around a number are not part of it.
///
/// ```
/// use beian::number::{Normalization, find_lenient};
///
/// let footer = "备案号：川ICP备 09003078号　沪ICP备2021527689-3号";
/// let found: Vec<_> = find_lenient(footer).collect();
/// assert_eq!(found[0].as_str(), "川ICP备 09003078号");
/// assert_eq!(found[0].number().to_string(), "川ICP备09003078号");
/// assert!(found[0].normalizations().contains(Normalization::Whitespace));
/// assert_eq!(found[1].number().to_string(), "沪ICP备2021527689号-3");
/// assert!(found[1].normalizations().contains(Normalization::MisplacedHao));
/// ```
pub fn find_lenient(text: &str) -> Matches<'_> {
    Matches {
        text,
        pos: 0,
        mode: Mode::Lenient,
    }
}

/// The iterator of [`find`] and [`find_lenient`].
#[derive(Clone, Debug)]
pub struct Matches<'t> {
    text: &'t str,
    pos: usize,
    mode: Mode,
}

/// A filing number found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    range: Range<usize>,
    number: FilingNumber,
    normalizations: Normalizations,
}

impl<'t> Match<'t> {
    /// The byte range of the number in the text.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// The byte offset where the number starts.
    pub fn start(&self) -> usize {
        self.range.start
    }

    /// The byte offset where the number ends.
    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The number as written in the text.
    pub fn as_str(&self) -> &'t str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }

    /// The number.
    pub fn number(&self) -> &FilingNumber {
        &self.number
    }

    /// The number, by value.
    pub fn into_number(self) -> FilingNumber {
        self.number
    }

    /// What had to be normalised to read it (always empty for [`find`]).
    pub fn normalizations(&self) -> Normalizations {
        self.normalizations
    }
}

impl<'t> Iterator for Matches<'t> {
    type Item = Match<'t>;

    fn next(&mut self) -> Option<Match<'t>> {
        while let Some(c) = self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            let start = self.pos;
            self.pos += c.len_utf8();
            if !self.may_start(start, c) {
                continue;
            }
            let mut cur = Cursor::new(self.text, start, self.mode, false);
            if let Ok(number) = grammar::number(&mut cur) {
                self.pos = cur.pos;
                return Some(Match {
                    text: self.text,
                    range: start..cur.pos,
                    number,
                    normalizations: cur.norms,
                });
            }
        }
        None
    }
}

impl Matches<'_> {
    /// Whether a number may start with `c` at `start`: a province
    /// abbreviation, or the letter of a licence category that does not
    /// continue a word (`A2.B1.B2-…`, not `…HB2-…` or `….B2-…`).
    fn may_start(&self, start: usize, c: char) -> bool {
        if Province::from_abbreviation(c).is_some() {
            return true;
        }
        let letter = matches!((c, self.mode), ('A' | 'B', _) | ('Ａ' | 'Ｂ', Mode::Lenient));
        letter
            && !self
                .text
                .get(..start)
                .and_then(|before| before.chars().next_back())
                .is_some_and(|p| {
                    p.is_alphanumeric() && (p.is_ascii() || ('\u{FF01}'..='\u{FF5E}').contains(&p))
                        || matches!(p, '.' | '-' | '_' | '/' | '．' | '－')
                })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{Normalization, NumberKind};
    fn strict(text: &str) -> Vec<(&str, String)> {
        find(text).map(|m| (m.as_str(), m.number().to_string())).collect()
    }

    fn lenient(text: &str) -> Vec<(&str, String)> {
        find_lenient(text)
            .map(|m| (m.as_str(), m.number().to_string()))
            .collect()
    }

    #[test]
    fn finds_every_kind_with_offsets() {
        let text = "京ICP证030173号 京公网安备11010502030143号 ©Baidu 粤B2-20090059 A2.B1.B2-20202637";
        let found: Vec<_> = find(text).collect();
        let kinds: Vec<NumberKind> = found.iter().map(|m| m.number().kind()).collect();
        assert_eq!(
            kinds,
            [
                NumberKind::IcpLicense,
                NumberKind::PublicSecurityFiling,
                NumberKind::IcpLicense,
                NumberKind::IcpLicense,
            ]
        );
        for m in &found {
            assert_eq!(&text[m.range()], m.as_str());
            assert_eq!(m.as_str(), m.number().to_string());
            assert_eq!((m.start(), m.end()), (m.range().start, m.range().end));
            assert!(m.normalizations().is_empty());
        }
        assert_eq!(found[0].start(), 0);
        assert_eq!(found[3].clone().into_number().province(), None);
    }

    #[test]
    fn numbers_next_to_other_text() {
        assert_eq!(
            strict("备案号:京ICP备11018762号-1京公网安备11010502030143号"),
            [
                ("京ICP备11018762号-1", "京ICP备11018762号-1".into()),
                ("京公网安备11010502030143号", "京公网安备11010502030143号".into()),
            ]
        );
        // A word after a site serial is not a service suffix.
        assert_eq!(
            strict("京ICP备11018762号-1Powered by x"),
            [("京ICP备11018762号-1", "京ICP备11018762号-1".into())]
        );
        assert_eq!(
            strict("京ICP备11018762号-2A|"),
            [("京ICP备11018762号-2A", "京ICP备11018762号-2A".into())]
        );
        // A dash that does not start a site serial.
        assert_eq!(
            strict("京ICP备11018762号 - 关于我们"),
            [("京ICP备11018762号", "京ICP备11018762号".into())]
        );
    }

    #[test]
    fn skips_what_is_not_a_number() {
        for text in [
            "",
            "北京市朝阳区",
            "京ICP备1101876号",
            "京ICP备110187621号",
            "川公网安备44030502008569号",
            "HB2-20090059",
            "v1.B2-20090059",
            "B2B 平台",
            "京ICP备11018762号-12345",
        ] {
            assert_eq!(strict(text), [], "{text}");
        }
    }

    #[test]
    fn strict_finding_skips_variants_that_lenient_finding_reads() {
        let text = "川ICP备 09003078号，滇ICP备09010050-5号，浙公网安备 33010602011771，京ICP备１１０１８７６２号";
        assert_eq!(strict(text), []);
        let found: Vec<_> = find_lenient(text).collect();
        let numbers: Vec<String> = found.iter().map(|m| m.number().to_string()).collect();
        assert_eq!(
            numbers,
            [
                "川ICP备09003078号",
                "滇ICP备09010050号-5",
                "浙公网安备33010602011771号",
                "京ICP备11018762号"
            ]
        );
        assert_eq!(found[0].as_str(), "川ICP备 09003078号");
        assert_eq!(found[2].as_str(), "浙公网安备 33010602011771");
        let norms: Vec<_> = found[2].normalizations().iter().collect();
        assert_eq!(norms, [Normalization::Whitespace, Normalization::MissingHao]);
    }

    #[test]
    fn lenient_finding_does_not_reach_past_a_number() {
        // White space after the serial ends the number.
        assert_eq!(
            lenient("京ICP备11018762 号码"),
            [("京ICP备11018762", "京ICP备11018762号".into())]
        );
        assert_eq!(
            lenient("京ICP备11018762号 - 2024"),
            [("京ICP备11018762号", "京ICP备11018762号".into())]
        );
        assert_eq!(
            lenient("浙公网安备33010602011771 2024"),
            [("浙公网安备33010602011771", "浙公网安备33010602011771号".into())]
        );
        // Brackets around a number are not part of it.
        assert_eq!(
            lenient("（京ICP备11018762号）"),
            [("京ICP备11018762号", "京ICP备11018762号".into())]
        );
        // Lower-case letters do not start a cross-regional licence.
        assert_eq!(lenient("path/b2-20090059 x b2-20090059"), []);
        assert_eq!(
            lenient("ＡＢ Ａ２.Ｂ１-20202637"),
            [("Ａ２.Ｂ１-20202637", "A2.B1-20202637".into())]
        );
    }

    #[test]
    fn long_runs_of_near_misses_find_nothing() {
        let text = "京".repeat(10_000) + &"B2.".repeat(10_000) + &"1".repeat(10_000);
        assert_eq!(find(&text).count(), 0);
        assert_eq!(find_lenient(&text).count(), 0);
    }
}
