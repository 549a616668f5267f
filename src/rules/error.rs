use std::fmt;
use std::ops::Range;

/// The error returned when rule data cannot be loaded: it names the file,
/// the line and column where known, and the problem.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("beian-doc-rule-error-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("ruleset.toml"), "version = 2026\n")?;
/// let err = beian::RuleSet::from_dir(&dir).unwrap_err();
/// assert!(err.file().ends_with("ruleset.toml"));
/// assert_eq!(err.line(), Some(1));
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
pub struct RuleError {
    file: String,
    position: Option<(usize, usize)>,
    message: String,
    #[source]
    io: Option<std::io::Error>,
}

impl RuleError {
    /// The rule file, as a path (`from_dir`) or as `rules/…` (embedded data).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line of the problem, when it is at a place in the file.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|(line, _)| line)
    }

    /// The 1-based column of the problem, when it is at a place in the file.
    pub fn column(&self) -> Option<usize> {
        self.position.map(|(_, column)| column)
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn new(file: &str, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_owned(),
            position: None,
            message: message.into(),
            io: None,
        }
    }

    pub(crate) fn io(file: &str, error: std::io::Error) -> RuleError {
        RuleError {
            file: file.to_owned(),
            position: None,
            message: format!("cannot read the file: {error}"),
            io: Some(error),
        }
    }

    /// An error at a 1-based line of the file.
    pub(crate) fn at_line(file: &str, line: usize, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_owned(),
            position: Some((line, 1)),
            message: message.into(),
            io: None,
        }
    }

    /// An error at a byte span of the file's text.
    pub(crate) fn at(file: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> RuleError {
        RuleError {
            file: file.to_owned(),
            position: Some(line_column(text, span.start)),
            message: message.into(),
            io: None,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_column("a\nbc", 0), (1, 1));
        assert_eq!(line_column("a\nbc", 3), (2, 2));
        assert_eq!(line_column("名字 = 1\nx", "名字 = ".len()), (1, 6));
        assert_eq!(line_column("abc", 99), (1, 4));
        assert_eq!(line_column("名", 1), (1, 1));
    }
}
