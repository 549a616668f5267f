//! The input limits: what is over them is reported once (`input.too_large`)
//! and read by no other check.
//!
//! An application is measured before any rule reads it, by serialising it
//! into a sink that keeps nothing and only compares each string's length
//! and each list's length with the limits: every field of the model is
//! measured, with no hand-kept list of them. A string's bytes are looked at
//! first: at most [`MAX_CHARS`] bytes is within the limit, more than four
//! times as many is over it, and only in between are its characters
//! counted, so measuring costs no more for a 50 MB value than for a short
//! one. When something is over, the checks read a copy made the same way,
//! with each string over the limit left empty and each list cut to its
//! limit: no rule ever reads, and no finding repeats, a value over a limit.

use std::borrow::Cow;

use serde::ser::{self, Impossible};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::application::{Application, pointer};

/// The most websites, apps, domains per website or app, items in any
/// other list, and characters in any string that are checked
/// (`input.too_large`).
pub(crate) const MAX_WEBSITES: usize = 100;
pub(crate) const MAX_APPS: usize = 100;
pub(crate) const MAX_DOMAINS: usize = 100;
pub(crate) const MAX_LIST: usize = 100;
pub(crate) const MAX_CHARS: usize = 1000;
/// The most findings of one code that a report lists; the rest are counted.
pub(crate) const MAX_PER_CODE: usize = 100;

/// A UTF-8 character takes at most this many bytes.
const MAX_UTF8: usize = 4;

/// A value over a limit.
#[derive(Debug)]
pub(crate) struct Over {
    /// Its JSON Pointer.
    pub(crate) path: String,
    /// What was counted: `characters`, `bytes` (for a string too long to
    /// count), `websites`, `domains` or `items`.
    pub(crate) what: &'static str,
    pub(crate) count: usize,
    pub(crate) limit: usize,
}

impl Over {
    /// Whether nothing of the value is checked: a string, or a list other
    /// than the websites, the apps and their domains (which are checked up
    /// to their limit).
    pub(crate) fn unchecked(&self) -> bool {
        !matches!(self.what, "websites" | "apps" | "domains")
    }
}

/// What in `app` is over the limits, in document order; empty for almost
/// every application, and then without any allocation.
pub(crate) fn over(app: &Application) -> Vec<Over> {
    let mut measure = Measure::default();
    // The model serialises without error; a sink that keeps nothing cannot fail.
    let _ = app.serialize(Sink {
        m: &mut measure,
        build: false,
    });
    measure.over
}

/// A copy of `app` within the limits, given what [`over`] found: strings
/// over the limit empty, lists cut to their limit. Only the sections that
/// hold something over a limit (the subject, a website, the hosting) are
/// copied through the measuring serialiser; the others are cloned, so the
/// copy costs little more than the application's own size within the limits.
pub(crate) fn within(app: &Application, over: &[Over]) -> Application {
    let holds = |section: &str| {
        over.iter().any(|o| {
            o.path
                .strip_prefix(section)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    Application {
        province: app.province,
        as_of: app.as_of,
        operation: app.operation,
        existing: app
            .existing
            .as_ref()
            .map(|e| limited(e, "existing", holds("/existing"))),
        subject: app.subject.as_ref().map(|s| limited(s, "subject", holds("/subject"))),
        websites: app
            .websites
            .iter()
            .take(MAX_WEBSITES)
            .enumerate()
            .map(|(i, w)| {
                // A website with too many domains holds something over.
                limited(w, "websites", holds(&format!("/websites/{i}")))
            })
            .collect(),
        apps: app
            .apps
            .iter()
            .take(MAX_APPS)
            .enumerate()
            .map(|(i, a)| limited(a, "apps", holds(&format!("/apps/{i}"))))
            .collect(),
        hosting: app.hosting.as_ref().map(|h| limited(h, "hosting", holds("/hosting"))),
        unknown_fields: app.unknown_fields.clone(),
        invalid_fields: app.invalid_fields.clone(),
    }
}

/// A clone of a section, or, when it holds something over a limit, a copy
/// made through the measuring serialiser (which leaves such values out).
fn limited<T>(section: &T, key: &'static str, over: bool) -> T
where
    T: Clone + Serialize + for<'de> Deserialize<'de>,
{
    if !over {
        return section.clone();
    }
    let mut measure = Measure {
        tokens: vec![Token::Key(Cow::Borrowed(key))],
        over: Vec::new(),
    };
    section
        .serialize(Sink {
            m: &mut measure,
            build: true,
        })
        .ok()
        .flatten()
        .and_then(|tree| T::deserialize(&tree).ok())
        // The model reads back what it wrote; were it not to, the section
        // is kept as it is rather than lost.
        .unwrap_or_else(|| section.clone())
}

/// Whether a string is over the limit, as (what, count, limit): its bytes
/// are looked at first, its characters counted only when that cannot tell.
pub(crate) fn string_over(s: &str) -> Option<(&'static str, usize, usize)> {
    if s.len() <= MAX_CHARS {
        None
    } else if s.len() > MAX_CHARS * MAX_UTF8 {
        Some(("bytes", s.len(), MAX_CHARS * MAX_UTF8))
    } else {
        let chars = s.chars().count();
        (chars > MAX_CHARS).then_some(("characters", chars, MAX_CHARS))
    }
}

#[derive(Default)]
struct Measure {
    /// The reference tokens down to the value being measured: the model's
    /// keys are static, so measuring allocates nothing until a value is
    /// over a limit.
    tokens: Vec<Token>,
    over: Vec<Over>,
}

/// A reference token of the path being measured.
enum Token {
    Key(Cow<'static, str>),
    Index(usize),
}

impl Token {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Token::Key(key) => Cow::Borrowed(key),
            Token::Index(i) => Cow::Owned(i.to_string()),
        }
    }
}

impl Measure {
    fn flag(&mut self, what: &'static str, count: usize, limit: usize) {
        self.over.push(Over {
            path: pointer(self.tokens.iter().map(Token::text)),
            what,
            count,
            limit,
        });
    }

    /// The string as the checks may read it: itself, or empty when over.
    fn string<'s>(&mut self, s: &'s str) -> &'s str {
        match string_over(s) {
            None => s,
            Some((what, count, limit)) => {
                self.flag(what, count, limit);
                ""
            }
        }
    }

    /// The limit of the list under the current key.
    fn list_limit(&self) -> (&'static str, usize) {
        match self.tokens.last() {
            Some(Token::Key(key)) if key == "websites" => ("websites", MAX_WEBSITES),
            Some(Token::Key(key)) if key == "apps" => ("apps", MAX_APPS),
            Some(Token::Key(key)) if key == "domains" => ("domains", MAX_DOMAINS),
            _ => ("items", MAX_LIST),
        }
    }
}

/// The serialiser: measures, and with `build` also makes the limited copy.
struct Sink<'m> {
    m: &'m mut Measure,
    build: bool,
}

/// Never raised by the model; required by serde.
#[derive(Debug)]
struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a kind of value the application model does not have")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

type Out = Option<Value>;

impl<'m> Sink<'m> {
    fn leaf(self, value: impl FnOnce() -> Value) -> Result<Out, Unsupported> {
        Ok(self.build.then(value))
    }
}

impl<'m> ser::Serializer for Sink<'m> {
    type Ok = Out;
    type Error = Unsupported;
    type SerializeSeq = List<'m>;
    type SerializeTuple = Impossible<Out, Unsupported>;
    type SerializeTupleStruct = Impossible<Out, Unsupported>;
    type SerializeTupleVariant = Impossible<Out, Unsupported>;
    type SerializeMap = Object<'m>;
    type SerializeStruct = Object<'m>;
    type SerializeStructVariant = Impossible<Out, Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<Out, Unsupported> {
        self.leaf(|| Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Out, Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Out, Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Out, Unsupported> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Out, Unsupported> {
        self.leaf(|| Value::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Out, Unsupported> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Out, Unsupported> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Out, Unsupported> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Out, Unsupported> {
        self.leaf(|| Value::from(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Out, Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Out, Unsupported> {
        self.leaf(|| Value::from(v))
    }
    fn serialize_char(self, v: char) -> Result<Out, Unsupported> {
        self.leaf(|| Value::from(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Out, Unsupported> {
        let kept = self.m.string(v);
        self.leaf(|| Value::from(kept))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Out, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<Out, Unsupported> {
        self.leaf(|| Value::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Out, Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out, Unsupported> {
        self.leaf(|| Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Out, Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Out, Unsupported> {
        self.leaf(|| Value::from(variant))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<Out, Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Out, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<List<'m>, Unsupported> {
        let (what, limit) = self.m.list_limit();
        if let Some(len) = len.filter(|len| *len > limit) {
            self.m.flag(what, len, limit);
        }
        Ok(List {
            items: self.build.then(Vec::new),
            index: 0,
            limit,
            sink: self,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'m>, Unsupported> {
        Ok(Object {
            fields: self.build.then(Map::new),
            key: None,
            sink: self,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'m>, Unsupported> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

struct List<'m> {
    sink: Sink<'m>,
    items: Option<Vec<Value>>,
    index: usize,
    limit: usize,
}

impl ser::SerializeSeq for List<'_> {
    type Ok = Out;
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        let index = self.index;
        self.index += 1;
        if index >= self.limit {
            return Ok(());
        }
        self.sink.m.tokens.push(Token::Index(index));
        let item = value.serialize(Sink {
            m: self.sink.m,
            build: self.sink.build,
        });
        self.sink.m.tokens.pop();
        if let (Some(items), Some(item)) = (&mut self.items, item?) {
            items.push(item);
        }
        Ok(())
    }

    fn end(self) -> Result<Out, Unsupported> {
        Ok(self.items.map(Value::Array))
    }
}

struct Object<'m> {
    sink: Sink<'m>,
    fields: Option<Map<String, Value>>,
    /// The key of a map entry whose value comes next.
    key: Option<String>,
}

impl Object<'_> {
    fn field<T: ?Sized + Serialize>(&mut self, key: Cow<'static, str>, value: &T) -> Result<(), Unsupported> {
        // The key of the copy, when one is built.
        let copied = self.fields.is_some().then(|| key.to_string());
        self.sink.m.tokens.push(Token::Key(key));
        let value = value.serialize(Sink {
            m: self.sink.m,
            build: self.sink.build,
        });
        self.sink.m.tokens.pop();
        if let (Some(fields), Some(value), Some(key)) = (&mut self.fields, value?, copied) {
            fields.insert(key, value);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = Out;
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.field(Cow::Borrowed(key), value)
    }

    fn end(self) -> Result<Out, Unsupported> {
        Ok(self.fields.map(Value::Object))
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = Out;
    type Error = Unsupported;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.key = match serde_json::to_value(key) {
            Ok(Value::String(key)) => Some(key),
            _ => return Err(Unsupported),
        };
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.key.take().ok_or(Unsupported)?;
        self.field(Cow::Owned(key), value)
    }

    fn end(self) -> Result<Out, Unsupported> {
        Ok(self.fields.map(Value::Object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{Subject, Website};

    #[test]
    fn only_what_is_over_a_limit_is_over() {
        let mut app = Application {
            subject: Some(Subject {
                name: "王".repeat(1000),
                mailing_address: "王".repeat(1001),
                email: "x".repeat(50_000),
                ..Subject::default()
            }),
            websites: vec![Website::default(); 101],
            ..Application::default()
        };
        app.websites[3].languages = vec!["zh".into(); 150];
        let over: Vec<(String, &str, usize)> = over(&app).into_iter().map(|o| (o.path, o.what, o.count)).collect();
        assert_eq!(
            over,
            [
                ("/subject/mailing_address".to_owned(), "characters", 1001),
                ("/subject/email".to_owned(), "bytes", 50_000),
                ("/websites".to_owned(), "websites", 101),
                ("/websites/3/languages".to_owned(), "items", 150),
            ]
        );
        let copy = within(&app, &super::over(&app));
        let subject = copy.subject.as_ref().unwrap();
        assert_eq!(subject.name.chars().count(), 1000);
        assert_eq!((subject.mailing_address.as_str(), subject.email.as_str()), ("", ""));
        assert_eq!(copy.websites.len(), 100);
        assert_eq!(copy.websites[3].languages.len(), 100);
        assert!(super::over(&copy).is_empty());
    }
}
