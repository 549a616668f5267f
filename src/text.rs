//! Text normalisation shared by the checks: full-width forms and white space.

/// Folds full-width ASCII forms (U+FF01–U+FF5E, e.g. `（`, `Ａ`, `１`) and the
/// ideographic space to ASCII, trims, and collapses runs of white space to
/// one space.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim_matches(|c: char| c.is_whitespace()).chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_width_and_space() {
        assert_eq!(fold("  王小明 "), "王小明");
        assert_eq!(fold("杭州某某科技有限公司（分公司）"), "杭州某某科技有限公司(分公司)");
        assert_eq!(fold("ＡＢＣ　１２３"), "ABC 123");
        assert_eq!(fold("a \t\n b"), "a b");
        assert_eq!(fold("\u{3000}x\u{3000}"), "x");
    }
}
