//! Reading an application from JSON without losing findings to one bad value.
//!
//! The document is parsed into a JSON tree first; only text that is not JSON,
//! or a top level that is not an object, fails. The tree is then read into
//! the typed model. Where a value cannot be read (a wrong JSON type, an id
//! outside its vocabulary, a malformed date), the reader records it as an
//! [`InvalidField`] at its JSON Pointer, takes the value out of the tree and
//! reads again, so every other value is still read and checked. A value taken
//! out of a list shifts the model's indices: [`Application::source_path`] maps
//! a path of the model back to the document as written.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, Visitor};
use serde_json::Value;

use super::{Application, Certificate, Domain, LegalRepresentative, ParseError, Person, PreApproval, ResidencePermit};
use super::{Existing, RecordedApp, RecordedWebsite, Subject, Website, pointer};
use crate::province::Province;
use crate::text;

/// How many invalid values are reported one by one. Past this many, each
/// further one takes its whole top-level section (`/subject`, `/websites` …)
/// out of the check, so that reading stays bounded.
const MAX_INVALID: usize = 100;

/// The `expected` of an object that lacks the `kind` that selects its shape
/// (a hosting): reported as its `kind` being required.
pub(crate) const WITHOUT_KIND: &str = "an object with its `kind`";

/// A value of the input that could not be read into the model: the reason
/// for a `field.invalid` finding.
///
/// The value itself is not kept: only what was expected and the JSON type of
/// what was found, so that no personal number typed into the wrong field is
/// repeated in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidField {
    /// The JSON Pointer of the value in the document as written.
    pub path: String,
    /// What the field takes, as a short English phrase (`a date written
    /// YYYY-MM-DD`, `one of the ids of its list` …).
    pub expected: &'static str,
    /// The JSON type of what was found (`a string`, `a number`, `a list` …).
    pub found: &'static str,
    /// For an id outside its vocabulary: the ids the field accepts.
    pub allowed: Vec<String>,
    /// For an id outside its vocabulary: the accepted id nearest to the one
    /// given, when one is near enough to be a likely typo.
    pub nearest: Option<String>,
}

impl Application {
    /// Parses an application from JSON text, reporting every bad value
    /// rather than failing on the first.
    ///
    /// Only text that is not JSON, or whose top level is not an object, is a
    /// [`ParseError`] (with its line and column). A value of the wrong JSON
    /// type, an id outside its vocabulary or a malformed date is recorded in
    /// [`invalid_fields`](Application::invalid_fields) and reported as
    /// `field.invalid` at its path; an unknown key is recorded in
    /// [`unknown_fields`](Application::unknown_fields). Everything else is
    /// read and checked as usual. A leading byte-order mark is ignored.
    ///
    /// ```
    /// let app = beian::Application::from_json(r#"{"subject": {"kind": "persona", "name": "王小明"}}"#).unwrap();
    /// assert_eq!(app.subject.as_ref().unwrap().name, "王小明");
    /// let invalid = &app.invalid_fields[0];
    /// assert_eq!(invalid.path, "/subject/kind");
    /// assert_eq!(invalid.nearest.as_deref(), Some("personal"));
    ///
    /// let err = beian::Application::from_json("[1, 2]").unwrap_err();
    /// assert_eq!((err.line(), err.column()), (1, 1));
    /// ```
    pub fn from_json(json: &str) -> Result<Application, ParseError> {
        Application::from_slice(json.as_bytes())
    }

    /// [`from_json`](Application::from_json) for the bytes of a request
    /// body or a file: the same reading, from UTF-8 bytes.
    ///
    /// ```
    /// let app = beian::Application::from_slice(b"\xEF\xBB\xBF{\"province\": \"zhejiang\"}").unwrap();
    /// assert_eq!(app.province, Some(beian::Province::Zhejiang));
    /// ```
    pub fn from_slice(json: &[u8]) -> Result<Application, ParseError> {
        let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
        let mut tree: Value = serde_json::from_slice(json).map_err(|e| ParseError::new(String::new(), &e))?;
        if !tree.is_object() {
            return Err(ParseError::not_an_object(json));
        }
        let mut invalid: Vec<InvalidField> = Vec::new();
        let mut lists = Vec::new();
        lists_for_objects(&tree, &mut String::new(), &mut lists);
        // Taken out from the last: taking one out moves only those after it.
        for path in lists.iter().rev() {
            let tokens: Vec<String> = path.split('/').skip(1).map(unescape).collect();
            take(&mut tree, &tokens);
        }
        invalid.extend(lists.into_iter().map(|path| InvalidField {
            path,
            expected: "an object",
            found: "a list",
            allowed: Vec::new(),
            nearest: None,
        }));
        loop {
            let error = match serde_path_to_error::deserialize::<_, Application>(&tree) {
                Ok(mut app) => {
                    app.invalid_fields = invalid;
                    for path in &mut app.unknown_fields {
                        *path = app_path(&app.invalid_fields, path);
                    }
                    return Ok(app);
                }
                Err(error) => error,
            };
            let mut tokens: Vec<String> = error
                .path()
                .iter()
                .map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => index.to_string(),
                    serde_path_to_error::Segment::Map { key } => key.clone(),
                    serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                    serde_path_to_error::Segment::Unknown => String::new(),
                })
                .collect();
            let message = error.into_inner().to_string();
            if let Some(key) = super::misplaced_key(&message) {
                tokens.push(key.to_owned());
            }
            if tokens.is_empty() {
                // Every member of the top level is optional and read on its
                // own, so an error without a path cannot happen; should it,
                // the document is refused rather than looping.
                return Err(ParseError::not_an_object(json));
            }
            if invalid.len() >= MAX_INVALID {
                tokens.truncate(1);
            }
            let found = found(take(&mut tree, &tokens));
            let mut value = interpret(&message, found);
            let model_path = pointer(&tokens);
            value.path = app_path(&invalid, &model_path);
            invalid.push(value);
        }
    }

    /// The path, in the document as written, of a path of the model.
    ///
    /// The two differ only when [`from_json`](Application::from_json) took an
    /// invalid item out of a list: the items after it then have a smaller
    /// index in the model than in the document. Findings carry the
    /// document's paths.
    pub(crate) fn source_path<'p>(&self, path: &'p str) -> Cow<'p, str> {
        if self.invalid_fields.iter().any(|f| is_list_item(&f.path)) {
            Cow::Owned(app_path(&self.invalid_fields, path))
        } else {
            Cow::Borrowed(path)
        }
    }
}

impl ParseError {
    fn not_an_object(json: &[u8]) -> ParseError {
        let offset = json.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let before = &json[..offset];
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|b| **b != b'\n').count();
        ParseError {
            path: String::new(),
            line,
            column,
            message: "an application is a JSON object".to_owned(),
        }
    }
}

/// Whether a pointer names an item of a list: the last token is an index.
/// (The model's objects have no numeric keys, so an invalid value whose last
/// token is a number was an item of a list.)
fn is_list_item(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Maps a path of the tree after the removals `removed` (in order) back to
/// the document: each index of a list from which items were removed is
/// moved past the removed items that came before it.
fn app_path(removed: &[InvalidField], path: &str) -> String {
    let lists: Vec<(&str, usize)> = removed
        .iter()
        .filter(|f| is_list_item(&f.path))
        .filter_map(|f| {
            let (list, index) = f.path.rsplit_once('/')?;
            Some((list, index.parse().ok()?))
        })
        .collect();
    if lists.is_empty() {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    for token in path.split('/').skip(1) {
        let shifted = token.parse::<usize>().ok().map(|mut index| {
            let mut gone: Vec<usize> = lists.iter().filter(|(list, _)| *list == out).map(|(_, i)| *i).collect();
            gone.sort_unstable();
            for i in gone {
                if i <= index {
                    index += 1;
                }
            }
            index
        });
        out.push('/');
        match shifted {
            Some(index) => out.push_str(&index.to_string()),
            None => out.push_str(token),
        }
    }
    out
}

/// A reference token of a JSON Pointer, unescaped.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Takes the value at `tokens` (unescaped) out of the tree: a key is
/// removed from its object, an item from its list.
fn take(tree: &mut Value, tokens: &[String]) -> Value {
    let Some((last, parents)) = tokens.split_last() else {
        return Value::Null;
    };
    let mut node = tree;
    for token in parents {
        node = match node {
            Value::Object(map) => match map.get_mut(token) {
                Some(child) => child,
                None => return Value::Null,
            },
            Value::Array(items) => match token.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(child) => child,
                None => return Value::Null,
            },
            _ => return Value::Null,
        };
    }
    match node {
        Value::Object(map) => map.remove(last).unwrap_or(Value::Null),
        Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => items.remove(i),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

fn found(value: Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// What a field expected, from the message of the error that reading it
/// gave. The message may quote the input, so only its fixed parts are read.
fn interpret(message: &str, found: &'static str) -> InvalidField {
    let mut field = InvalidField {
        path: String::new(),
        expected: "a value of another kind",
        found,
        allowed: Vec::new(),
        nearest: None,
    };
    let given = quoted(message).unwrap_or_default();
    if message.starts_with("unknown variant") {
        field.expected = "one of the ids of its list";
        field.found = "an unknown id";
        field.allowed = message
            .split_once(", expected ")
            .map(|(_, ids)| listed_ids(ids))
            .unwrap_or_default();
    } else if message.starts_with("unknown province") {
        field.expected = "a province";
        field.found = "an unknown province";
        // 31 slugs are too many to list in a message: only the nearest.
        field.nearest = text::nearest(given, Province::ALL.iter().map(|p| p.slug())).map(str::to_owned);
    } else if message.starts_with("invalid validity") {
        field.expected = "a date written YYYY-MM-DD or `long_term`";
        field.found = if found == "a string" { "a malformed date" } else { found };
    } else if message.starts_with("invalid date") {
        field.expected = "a date written YYYY-MM-DD";
        field.found = if found == "a string" { "a malformed date" } else { found };
    } else if super::misplaced_key(message).is_some() {
        field.expected = "absent for this kind of hosting";
    } else if message.starts_with("missing field") {
        field.expected = WITHOUT_KIND;
    } else if let Some((_, expected)) = message.rsplit_once(", expected ") {
        field.expected = match expected {
            "a string" | "a borrowed string" => "a string",
            "a boolean" => "true or false",
            "a sequence" => "a list",
            "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number",
            _ if expected.starts_with("struct ") || expected.starts_with("a map") => "an object",
            _ if expected.starts_with("internally tagged enum") => "an object",
            _ => "a value of another kind",
        };
    }
    if !field.allowed.is_empty() {
        field.nearest = text::nearest(given, field.allowed.iter().map(String::as_str)).map(str::to_owned);
    }
    field
}

/// The first text in backticks of an error message: the value given.
fn quoted(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('`')?;
    rest.split_once('`').map(|(inside, _)| inside)
}

/// The ids listed by serde's "expected one of `a`, `b`" (or "`a` or `b`").
fn listed_ids(list: &str) -> Vec<String> {
    list.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The keys of the model's object at a path of the document, for the
/// nearest-key suggestion of an unknown key at `path`.
pub(crate) fn known_keys(path: &str) -> Vec<&'static str> {
    let parent = path.rsplit_once('/').map_or("", |(parent, _)| parent);
    object_at(parent).map(|keys| keys()).unwrap_or_default()
}

/// Whether the model has an object at `path` (of the document), and if so
/// its keys.
fn object_at(path: &str) -> Option<fn() -> Vec<&'static str>> {
    let generic: Vec<&str> = path
        .split('/')
        .skip(1)
        .map(|t| {
            if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                "#"
            } else {
                t
            }
        })
        .collect();
    Some(match generic.as_slice() {
        [] => fields::<Application>,
        ["subject"] | ["existing", "subject"] => fields::<Subject>,
        ["subject", "legal_representative"] | ["existing", "subject", "legal_representative"] => {
            fields::<LegalRepresentative>
        }
        ["subject", "residence_permit"] | ["existing", "subject", "residence_permit"] => fields::<ResidencePermit>,
        ["subject", "principal"]
        | ["websites", "#", "manager"]
        | ["existing", "subject", "principal"]
        | ["existing", "websites" | "apps", "#", "manager"]
        | ["apps", "#", "manager"] => fields::<Person>,
        ["subject", "certificate"]
        | ["subject", "legal_representative" | "principal", "certificate"]
        | ["websites", "#", "manager", "certificate"]
        | ["existing", "subject", "certificate"]
        | [
            "existing",
            "subject",
            "legal_representative" | "principal",
            "certificate",
        ]
        | ["existing", "websites" | "apps", "#", "manager", "certificate"]
        | ["apps", "#", "manager", "certificate"] => fields::<Certificate>,
        ["websites", "#"] => fields::<Website>,
        ["websites" | "apps", "#", "domains", "#"] | ["existing", "websites" | "apps", "#", "domains", "#"] => {
            fields::<Domain>
        }
        ["apps", "#"] => fields::<super::App>,
        ["apps", "#", "platforms", "#"] | ["existing", "apps", "#", "platforms", "#"] => fields::<super::Platform>,
        ["existing"] => fields::<Existing>,
        ["existing", "websites", "#"] => fields::<RecordedWebsite>,
        ["existing", "apps", "#"] => fields::<RecordedApp>,
        ["websites" | "apps", "#", "pre_approvals", "#"] => fields::<PreApproval>,
        ["hosting"] => fields::<super::Hosting>,
        _ => return None,
    })
}

/// The paths, in document order, of lists that stand where the model has
/// an object. (serde would read an object from a list position by
/// position, and findings would point at keys the document does not have.)
fn lists_for_objects(node: &Value, path: &mut String, out: &mut Vec<String>) {
    match node {
        Value::Array(_) if object_at(path).is_some() => out.push(path.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                lists_for_objects(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, value) in map {
                let len = path.len();
                path.push_str(&pointer([key]));
                lists_for_objects(value, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// The keys a type's `Deserialize` reads, as serde's derive declares them.
fn fields<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    let mut keys = Vec::new();
    let _ = T::deserialize(FieldNames(&mut keys));
    keys
}

/// A deserializer that only records the field names a struct asks for.
struct FieldNames<'k>(&'k mut Vec<&'static str>);

#[derive(Debug)]
struct Probed;

impl std::fmt::Display for Probed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names probed")
    }
}

impl std::error::Error for Probed {}

impl de::Error for Probed {
    fn custom<T: std::fmt::Display>(_: T) -> Probed {
        Probed
    }
}

impl<'de> de::Deserializer<'de> for FieldNames<'_> {
    type Error = Probed;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Probed> {
        Err(Probed)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Probed> {
        self.0.extend(fields);
        Err(Probed)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_of_the_model_names_its_keys() {
        assert!(known_keys("/subject").contains(&"websites"));
        assert!(known_keys("/subject/x").contains(&"mailing_address"));
        assert!(known_keys("/websites/3/x").contains(&"commercial"));
        assert!(known_keys("/websites/3/domains/0/x").contains(&"real_name_verified"));
        assert!(known_keys("/websites/3/manager/x").contains(&"mobile_province"));
        assert!(known_keys("/subject/principal/certificate/x").contains(&"valid_until"));
        assert!(known_keys("/hosting/x").contains(&"purchased_months"));
        assert!(known_keys("/hosting/x").contains(&"issuer_account"));
        assert!(known_keys("/apps/0/x").contains(&"mini_program_id"));
        assert!(known_keys("/apps/0/platforms/1/x").contains(&"signature_sha256"));
        assert!(known_keys("/apps/0/manager/certificate/x").contains(&"valid_until"));
        assert!(known_keys("/x").contains(&"operation"));
        assert!(known_keys("/existing/x").contains(&"subject_number"));
        assert!(known_keys("/existing/subject/x").contains(&"mailing_address"));
        assert!(known_keys("/existing/subject/principal/x").contains(&"mobile"));
        assert!(known_keys("/existing/subject/principal/certificate/x").contains(&"valid_until"));
        assert!(known_keys("/existing/websites/0/x").contains(&"access_providers"));
        assert!(known_keys("/existing/websites/0/domains/0/x").contains(&"holder"));
        assert!(known_keys("/existing/websites/0/manager/certificate/x").contains(&"number"));
        assert!(known_keys("/existing/apps/0/x").contains(&"mini_program_id"));
        assert!(known_keys("/existing/apps/0/platforms/0/x").contains(&"bundle_id"));
        assert!(known_keys("/existing/apps/0/manager/certificate/x").contains(&"valid_until"));
    }

    #[test]
    fn a_list_where_the_record_has_an_object_is_invalid() {
        let app = Application::from_json(
            r#"{"operation": "cancel_website", "existing": {"subject_number": "浙ICP备2024000001号",
                "subject": [], "websites": [[], {"icp_number": "浙ICP备2024000001号-1", "manager": [1]}]}}"#,
        )
        .unwrap();
        let paths: Vec<&str> = app.invalid_fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/existing/subject",
                "/existing/websites/0",
                "/existing/websites/1/manager"
            ]
        );
        let existing = app.existing.unwrap();
        assert_eq!(existing.websites.len(), 1);
        assert_eq!(existing.websites[0].icp_number, "浙ICP备2024000001号-1");
        assert!(existing.subject.is_none());
    }

    #[test]
    fn an_unknown_key_of_the_record_gets_a_suggestion() {
        let app = Application::from_json(
            r#"{"operation": "add_access", "existing": {"subject_numbr": "x", "websites": [{"acess_providers": []}]}}"#,
        )
        .unwrap();
        assert_eq!(
            app.unknown_fields,
            ["/existing/subject_numbr", "/existing/websites/0/acess_providers"]
        );
        let nearest = |path: &str| crate::text::nearest(path.rsplit('/').next().unwrap(), known_keys(path));
        assert_eq!(nearest("/existing/subject_numbr"), Some("subject_number"));
        assert_eq!(
            nearest("/existing/websites/0/acess_providers"),
            Some("access_providers")
        );
    }

    #[test]
    fn list_removals_shift_the_indices_back() {
        let removed = |path: &str| InvalidField {
            path: path.to_owned(),
            expected: "",
            found: "",
            allowed: Vec::new(),
            nearest: None,
        };
        let gone = [removed("/websites/0"), removed("/websites/2/content/1")];
        assert_eq!(app_path(&gone, "/websites/0/name"), "/websites/1/name");
        assert_eq!(app_path(&gone, "/websites/1/content/0"), "/websites/2/content/0");
        assert_eq!(app_path(&gone, "/websites/1/content/1"), "/websites/2/content/2");
        assert_eq!(app_path(&gone, "/subject/name"), "/subject/name");
    }
}
