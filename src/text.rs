//! Text normalisation shared by the checks: full-width forms, white space,
//! Latin case, and what counts as a Han character.

use std::borrow::Cow;

/// Folds full-width ASCII forms (U+FF01–U+FF5E, e.g. `（`, `Ａ`, `１`) and the
/// ideographic space to ASCII, trims, and collapses runs of white space to
/// one space.
pub(crate) fn fold(s: &str) -> String {
    folded(s).collect()
}

/// The characters of [`fold`], without allocating.
pub(crate) fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    s.trim_matches(|c: char| c.is_whitespace())
        .chars()
        .flat_map(move |c| {
            let c = match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            };
            if c.is_whitespace() {
                space = true;
                [None, None]
            } else {
                [std::mem::take(&mut space).then_some(' '), Some(c)]
            }
        })
        .flatten()
}

/// Whether two strings are equal after [`fold`], without allocating.
pub(crate) fn folded_eq(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The form in which words are matched: [`fold`], then ASCII letters in
/// lower case. Full-width and half-width letters and digits (`Ｐ２Ｐ`, `p2p`,
/// `P2P`) fold to the same key. Borrows the input when it is already in
/// that form, which is the common case, so that matching allocates nothing.
pub(crate) fn fold_key(s: &str) -> Cow<'_, str> {
    let mut previous_space = true; // a leading space needs folding
    let unchanged = s.chars().all(|c| {
        let ok = match c {
            ' ' => !previous_space,
            '\u{3000}' | '\u{FF01}'..='\u{FF5E}' => false,
            c if c.is_ascii_uppercase() || (c.is_whitespace() && c != ' ') => false,
            _ => true,
        };
        previous_space = c == ' ';
        ok
    }) && !s.ends_with(' ');
    if unchanged {
        return Cow::Borrowed(s);
    }
    let mut folded = fold(s);
    folded.make_ascii_lowercase();
    Cow::Owned(folded)
}

/// Whether `c` is a Han character (汉字): the CJK Unified Ideographs and
/// their extensions A to H, and the compatibility ideographs.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2EBF0}'..='\u{2EE5F}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}'
    )
}

/// A certificate number as the checks read it: full-width forms folded,
/// white space trimmed (borrowed when there is nothing to fold).
pub(crate) fn certificate_number(number: &str) -> Cow<'_, str> {
    let trimmed = number.trim();
    if trimmed.bytes().all(|b| b.is_ascii_graphic()) {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(fold(number))
    }
}

/// Text for a terminal: control characters (C0, DEL, C1) and the
/// bidirectional formatting characters, which could move the cursor, recolour
/// the terminal or reorder what is shown, written as `\u{…}` escapes.
/// Borrows the input when there is nothing to escape. [`Report::to_text`]
/// shows input through it; it is public for a caller's own output of
/// values from an application.
///
/// [`Report::to_text`]: crate::Report::to_text
///
/// ```
/// assert_eq!(beian::visible("王小明"), "王小明");
/// assert_eq!(beian::visible("a\u{1b}[2J\r\u{202e}"), "a\\u{1b}[2J\\u{d}\\u{202e}");
/// ```
pub fn visible(s: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Documentation text without its Markdown markup, for places that show
/// text as it is (JSON Schema descriptions, catalogues): links keep their
/// text (`[the list](https://…)` and ``[`Code`](crate::Code)`` give `the
/// list` and `Code`), and code spans lose their backticks.
pub(crate) fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(c) = rest.chars().next() {
        if c == '['
            && let Some(close) = rest.find(']')
        {
            let text = &rest[1..close];
            let after = &rest[close + 1..];
            if let Some(target) = after.strip_prefix('(')
                && let Some(end) = closing_paren(target)
            {
                out.push_str(&plain(text));
                rest = &target[end + 1..];
                continue;
            }
            // An intra-doc link without a target: ``[`Code`]``.
            if text.starts_with('`') && text.ends_with('`') {
                out.push_str(&plain(text));
                rest = after;
                continue;
            }
        }
        if c != '`' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A schemars transform: every description of the schema (and of the
/// schemas inside it) becomes its first paragraph (the summary of the doc
/// comment it was taken from; the rest is about the Rust API) on one line,
/// as [`plain`] text.
#[cfg(feature = "schemars")]
pub(crate) fn plain_descriptions(schema: &mut schemars::Schema) {
    use serde_json::{Map, Value};

    fn object(map: &mut Map<String, Value>) {
        for (key, value) in map.iter_mut() {
            match value {
                Value::String(text) if key == "description" => *text = summary(text),
                _ => walk(value),
            }
        }
    }
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => object(map),
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    if let Some(map) = schema.as_object_mut() {
        object(map);
    }
}

/// The first paragraph of documentation, on one line, as plain text.
#[cfg(feature = "schemars")]
fn summary(markdown: &str) -> String {
    let first = markdown.trim().split("\n\n").next().unwrap_or_default();
    plain(&first.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The position of the `)` that closes a link target, counting nested pairs.
fn closing_paren(target: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in target.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The candidate nearest to `given` in edit distance (insertions,
/// deletions, substitutions and swaps of two neighbours, case folded), when
/// it is near enough to be a typo of it: at most two edits, and fewer than
/// half the candidate's length. Ties go to the first candidate.
pub(crate) fn nearest<'c>(given: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    const LONGEST: usize = 64;
    let given: Vec<char> = given.chars().flat_map(char::to_lowercase).take(LONGEST + 1).collect();
    if given.is_empty() || given.len() > LONGEST {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let c: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
        let d = edit_distance(&given, &c);
        if d > 0 && d <= 2 && 2 * d < c.len() && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The optimal string alignment distance between two strings.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::{Cow, fold, fold_key, folded_eq, is_han, nearest, plain, visible};

    #[test]
    fn the_nearest_id_is_a_likely_typo_or_none() {
        let kinds = ["personal", "enterprise", "government"];
        assert_eq!(nearest("persona", kinds), Some("personal"));
        assert_eq!(nearest("Enterprize", kinds), Some("enterprise"));
        assert_eq!(nearest("goverment", kinds), Some("government"));
        assert_eq!(nearest("comercial", ["commercial", "content"]), Some("commercial"));
        assert_eq!(nearest("epxires_on", ["expires_on"]), Some("expires_on"));
        assert_eq!(nearest("company", kinds), None);
        assert_eq!(nearest("personal", kinds), None, "an exact id needs no suggestion");
        assert_eq!(nearest("ab", ["cd"]), None, "two edits of two letters is another word");
    }

    #[test]
    fn folds_width_and_space() {
        assert_eq!(fold("  王小明 "), "王小明");
        assert_eq!(fold("杭州某某科技有限公司（分公司）"), "杭州某某科技有限公司(分公司)");
        assert_eq!(fold("ＡＢＣ　１２３"), "ABC 123");
        assert_eq!(fold("a \t\n b"), "a b");
        assert_eq!(fold("\u{3000}x\u{3000}"), "x");
        assert!(folded_eq(" 王 小明", "王\u{3000}小明 "));
        assert!(folded_eq("（Ａ）", "(A)"));
        assert!(!folded_eq("王小明", "王 小明"));
        assert!(!folded_eq("ab", "abc"));
    }

    #[test]
    fn keys_fold_width_case_and_space() {
        assert_eq!(fold_key("Ｐ２Ｐ理财"), "p2p理财");
        assert_eq!(fold_key("P2P理财"), "p2p理财");
        assert_eq!(fold_key(" Node  学习\t笔记 "), "node 学习 笔记");
        assert!(matches!(fold_key("小明的技术笔记"), Cow::Borrowed(_)));
        assert!(matches!(fold_key("my 笔记 2"), Cow::Borrowed(_)));
        for owned in [" a", "a ", "a  b", "A", "a\tb", "（a）", "a\u{3000}b"] {
            assert!(matches!(fold_key(owned), Cow::Owned(_)), "{owned:?}");
        }
        assert_eq!(fold_key(""), "");
    }

    #[test]
    fn han_characters() {
        for c in ['小', '〇', '㐀', '𠀀', '龥', '鿿'] {
            assert_eq!(is_han(c), c != '〇', "{c}");
        }
        for c in ['a', '1', '·', '（', 'あ', '한', '！'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn visible_escapes_what_a_terminal_would_obey() {
        assert!(matches!(visible("王小明 /subject"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{1b}[31mb\n\u{202e}c\u{7f}"),
            "a\\u{1b}[31mb\\u{a}\\u{202e}c\\u{7f}"
        );
    }

    #[test]
    fn plain_drops_markup_and_keeps_text() {
        assert_eq!(
            plain("the `icp_number` of [`Website`](crate::Website)"),
            "the icp_number of Website"
        );
        assert_eq!(
            plain("see [`Code`] and [the list](https://example.org/a_(b))"),
            "see Code and the list"
        );
        assert_eq!(plain("a [bracket] stays"), "a [bracket] stays");
    }
}
