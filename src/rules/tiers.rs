//! Rules that may come in tiers: one entry (a TOML table, `[domains.remaining]`)
//! or several (an array of tables, `[[domains.remaining]]`), e.g. a hard
//! minimum that is an error and a softer one that is a warning.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// One rule entry or several.
#[derive(Clone, Debug)]
pub(crate) struct Tiers<T> {
    entries: Vec<T>,
    /// Whether the data wrote an array of tables.
    array: bool,
}

impl<T> Tiers<T> {
    /// The entries with their rule ids: `id` for a single table, `id.N`
    /// for the N-th table of an array.
    pub(crate) fn with_ids(self, id: &str) -> Vec<(String, T)> {
        let array = self.array;
        self.entries
            .into_iter()
            .enumerate()
            .map(|(i, entry)| {
                let id = if array { format!("{id}.{i}") } else { id.to_owned() };
                (id, entry)
            })
            .collect()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tiers<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TiersVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for TiersVisitor<T> {
            type Value = Tiers<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table or an array of tables")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tiers<T>, A::Error> {
                let entry = T::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Tiers {
                    entries: vec![entry],
                    array: false,
                })
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Tiers<T>, A::Error> {
                let entries = Vec::<T>::deserialize(SeqAccessDeserializer::new(seq))?;
                if entries.is_empty() {
                    return Err(serde::de::Error::custom("an empty array of rules"));
                }
                Ok(Tiers { entries, array: true })
            }
        }

        deserializer.deserialize_any(TiersVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        limit: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        rule: Tiers<Entry>,
    }

    fn ids(doc: &str) -> Vec<(String, u32)> {
        let doc: Doc = toml::from_str(doc).unwrap();
        doc.rule
            .with_ids("x.rule")
            .into_iter()
            .map(|(id, e)| (id, e.limit))
            .collect()
    }

    #[test]
    fn one_table_or_an_array() {
        assert_eq!(ids("[rule]\nlimit = 1\n"), [("x.rule".to_owned(), 1)]);
        assert_eq!(
            ids("[[rule]]\nlimit = 1\n[[rule]]\nlimit = 2\n"),
            [("x.rule.0".to_owned(), 1), ("x.rule.1".to_owned(), 2)]
        );
    }

    #[test]
    fn errors_keep_their_position() {
        let err = toml::from_str::<Doc>("[[rule]]\nlimit = 1\n[[rule]]\nlimt = 2\n").unwrap_err();
        assert!(err.message().contains("unknown field `limt`"), "{err}");
        let span = err.span().unwrap();
        let text = "[[rule]]\nlimit = 1\n[[rule]]\nlimt = 2\n";
        assert_eq!(text[..span.start].matches('\n').count() + 1, 4, "{err}");
        let err = toml::from_str::<Doc>("[rule]\nlimit = 'one'\n").unwrap_err();
        assert!(err.message().contains("invalid type"), "{err}");
        assert!(toml::from_str::<Doc>("rule = 3\n").is_err());
    }
}
