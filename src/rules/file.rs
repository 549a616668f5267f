//! A rule file being loaded: the embedded files, or a directory on disk.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::{Registry, Rule, RuleError, Sourced};
use std::ops::Range;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../rules/", $name))),)*]
    };
}

/// Every file of the rule data, relative to the rules directory, with its
/// embedded text.
pub(crate) const FILES: &[(&str, &str)] = embed![
    "ruleset.toml",
    "sources.toml",
    "messages.toml",
    "input.toml",
    "regions.toml",
    "regions.tsv",
    "certificates.toml",
    "subject.toml",
    "people.toml",
    "names.toml",
    "content.toml",
    "contacts.toml",
    "materials.toml",
    "process.toml",
    "numbers.toml",
    "domains.toml",
    "public_suffix_list.dat",
    "hosting.toml",
    "operations.toml",
    "apps.toml",
    "provinces/beijing.toml",
    "provinces/tianjin.toml",
    "provinces/hebei.toml",
    "provinces/shanxi.toml",
    "provinces/neimenggu.toml",
    "provinces/liaoning.toml",
    "provinces/jilin.toml",
    "provinces/heilongjiang.toml",
    "provinces/shanghai.toml",
    "provinces/jiangsu.toml",
    "provinces/zhejiang.toml",
    "provinces/anhui.toml",
    "provinces/fujian.toml",
    "provinces/jiangxi.toml",
    "provinces/shandong.toml",
    "provinces/henan.toml",
    "provinces/hubei.toml",
    "provinces/hunan.toml",
    "provinces/guangdong.toml",
    "provinces/guangxi.toml",
    "provinces/hainan.toml",
    "provinces/chongqing.toml",
    "provinces/sichuan.toml",
    "provinces/guizhou.toml",
    "provinces/yunnan.toml",
    "provinces/xizang.toml",
    "provinces/shaanxi.toml",
    "provinces/gansu.toml",
    "provinces/qinghai.toml",
    "provinces/ningxia.toml",
    "provinces/xinjiang.toml",
];

pub(crate) enum Origin<'a> {
    Embedded,
    Dir(&'a Path),
}

/// One rule file being loaded.
pub(crate) struct File<'a> {
    /// The name relative to the rules directory, e.g. `provinces/zhejiang.toml`.
    pub(crate) name: &'a str,
    /// The name errors show: the path on disk, or `rules/…` when embedded.
    shown: String,
    text: Cow<'static, str>,
}

impl<'a> File<'a> {
    pub(crate) fn read(origin: &Origin<'_>, name: &'a str) -> Result<File<'a>, RuleError> {
        match origin {
            Origin::Embedded => {
                let text = FILES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, text)| *text)
                    .ok_or_else(|| RuleError::new(name, "not an embedded rule file"))?;
                Ok(File {
                    name,
                    shown: format!("rules/{name}"),
                    text: Cow::Borrowed(text),
                })
            }
            Origin::Dir(dir) => {
                let path = dir.join(name);
                let shown = path.display().to_string();
                let text = read_limited(&path).map_err(|e| match e {
                    Limited::Io(e) => RuleError::io(&shown, e),
                    Limited::Refused(why) => RuleError::new(&shown, why),
                    Limited::NotUtf8 { line, error } => {
                        RuleError::at_line(&shown, line, format!("not UTF-8 text: {error}"))
                    }
                })?;
                Ok(File {
                    name,
                    shown,
                    text: Cow::Owned(text),
                })
            }
        }
    }

    /// The raw text, for files that are not TOML.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Deserialises the file as TOML; errors carry the position.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, RuleError> {
        toml::from_str(&self.text).map_err(|e| match e.span() {
            Some(span) => RuleError::at(&self.shown, &self.text, span, e.message().trim_end()),
            None => RuleError::new(&self.shown, e.message().trim_end()),
        })
    }

    /// The line of the last `id = "…"` entry with this id: where a
    /// duplicate is defined again.
    pub(crate) fn line_of_id(&self, id: &str) -> Option<usize> {
        let wanted = [format!("id = \"{id}\""), format!("id = '{id}'")];
        self.text
            .lines()
            .enumerate()
            .filter(|(_, l)| wanted.iter().any(|w| l.trim() == w.as_str()))
            .map(|(i, _)| i + 1)
            .last()
    }

    /// An error about the file as a whole.
    pub(crate) fn error(&self, message: impl Into<String>) -> RuleError {
        RuleError::new(&self.shown, message)
    }

    /// An error at a 1-based line of the file.
    pub(crate) fn error_at_line(&self, line: usize, message: impl Into<String>) -> RuleError {
        RuleError::at_line(&self.shown, line, message)
    }

    /// An error at a span of the file (from a `toml::Spanned` value).
    pub(crate) fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> RuleError {
        RuleError::at(&self.shown, &self.text, span, message)
    }

    /// Registers a rule with its id, checking its sources.
    pub(crate) fn register(&self, registry: &mut Registry, id: String, rule: &dyn Sourced) -> Result<Rule, RuleError> {
        registry.register(id, rule, self)
    }
}

/// A part of a rule file being loaded: the file, the registry its rules
/// are registered in, and the prefix of their ids, such as
/// `provinces.zhejiang.domains` for the `[domains]` of a province file. A
/// loader registers its rules by their name in the part.
pub(crate) struct Load<'l> {
    pub(crate) file: &'l File<'l>,
    registry: &'l mut Registry,
    prefix: String,
}

impl<'l> Load<'l> {
    pub(crate) fn new(file: &'l File<'l>, registry: &'l mut Registry, prefix: String) -> Load<'l> {
        Load { file, registry, prefix }
    }

    /// The id of the rule `name` of this part: `<prefix>.<name>`.
    pub(crate) fn id(&self, name: &str) -> String {
        format!("{}.{name}", self.prefix)
    }

    /// Registers the rule `name` of this part, as `<prefix>.<name>`.
    pub(crate) fn register(&mut self, name: &str, rule: &dyn Sourced) -> Result<Rule, RuleError> {
        let id = self.id(name);
        self.register_id(id, rule)
    }

    /// Registers a rule under a whole id made with [`id`](Self::id) (the
    /// tiers of a rule).
    pub(crate) fn register_id(&mut self, id: String, rule: &dyn Sourced) -> Result<Rule, RuleError> {
        self.registry.register(id, rule, self.file)
    }

    /// The part `name` of this part (`<prefix>.<name>`), such as the
    /// `[domains]` of a province.
    pub(crate) fn part(&mut self, name: &str) -> Load<'_> {
        Load {
            file: self.file,
            prefix: self.id(name),
            registry: &mut *self.registry,
        }
    }
}

/// The largest rule file a directory may hold: 4 MiB, sixteen times the
/// largest embedded file (the public suffix list).
pub(crate) const MAX_FILE_BYTES: u64 = 4 << 20;

enum Limited {
    Io(std::io::Error),
    Refused(String),
    /// Not UTF-8 from this line on.
    NotUtf8 {
        line: usize,
        error: std::string::FromUtf8Error,
    },
}

/// Reads a rule file of a directory: a regular file (a symbolic link to
/// one is followed), at most [`MAX_FILE_BYTES`] long, in UTF-8. A FIFO, a
/// device or a directory is refused before it is opened, so that loading
/// cannot block or read without end.
fn read_limited(path: &Path) -> Result<String, Limited> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(Limited::Io)?;
    if !meta.is_file() {
        return Err(Limited::Refused("not a regular file".to_owned()));
    }
    let too_large = || {
        Limited::Refused(format!(
            "larger than the limit of {MAX_FILE_BYTES} bytes for a rule file"
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(Limited::Io)?;
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Limited::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Limited::NotUtf8 { line, error }
    })
}

/// Fails on a `.toml` file under `dir` that the rule set does not read.
pub(crate) fn check_no_extra_files(root: &Path, dir: &Path) -> Result<(), RuleError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RuleError::io(&dir.display().to_string(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| RuleError::io(&dir.display().to_string(), e))?;
        let path: PathBuf = entry.path();
        if path.is_dir() {
            check_no_extra_files(root, &path)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !FILES.iter().any(|(name, _)| *name == relative) {
                return Err(RuleError::new(
                    &path.display().to_string(),
                    "not a rule file of this rule set (see the rules README for the layout)",
                ));
            }
        }
    }
    Ok(())
}
