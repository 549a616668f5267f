//! Subject checks: whether the certificates fit the subject and the roles
//! (with the province's own certificate kinds), where an entity is
//! registered (`subject.cross_province`), the addresses
//! (`rules/subject.toml`), and whether the province accepts a personal
//! filer from elsewhere (the `[people]` section of the province files:
//! `subject.non_local_not_accepted`, `subject.residence_permit_required`,
//! `subject.foreigner_not_accepted`).
//!
//! Where a personal filer is from ([`Origin`]) is read from the address on
//! their resident ID card (`certificate_address`) when it names a province,
//! else from the region code of the ID number, which is where the number
//! was first issued and may differ after a move [I]. Passports, travel
//! permits, permanent residence IDs and the residence permits of Hong Kong,
//! Macao and Taiwan residents record no address in a mainland province.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use toml::Spanned;

use crate::identity::Regions;
use crate::province::Province;
use crate::rules::{File, Registry, Rule, RuleError, rule_entry};

rule_entry! {
    /// A rule of `rules/subject.toml` without parameters.
    pub(crate) struct Entry {}
}

rule_entry! {
    /// `[address.detailed]`: what makes an address precise to the door.
    pub(crate) struct DetailedEntry {
        markers: Vec<Spanned<String>>,
    }
}

/// The rules of `rules/subject.toml`, with the place names that tell an
/// address's province.
#[derive(Debug)]
pub(crate) struct SubjectRules {
    pub(crate) cross_province: Rule,
    pub(crate) detailed: Rule,
    pub(crate) markers: Vec<String>,
    /// Division names in which a number is followed by a marker, with the
    /// byte offset of the number.
    pub(crate) lookalikes: Vec<(String, usize)>,
    pub(crate) address_province: Rule,
    /// Names an address may start with, and their province.
    pub(crate) places: Places,
}

/// The names an address may start with and their province: the provinces'
/// full and short names and the prefecture-level divisions in use whose name
/// belongs to one province only; one anchored automaton finds the longest
/// name at the start of an address.
#[derive(Debug)]
pub(crate) struct Places {
    pub(crate) automaton: AhoCorasick,
    pub(crate) provinces: Vec<Province>,
}

impl SubjectRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry, regions: &Regions) -> Result<SubjectRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            cross_province: Entry,
            address: Address,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Address {
            detailed: DetailedEntry,
            province: Entry,
        }
        let doc: Doc = file.parse()?;
        if doc.address.detailed.markers.is_empty() {
            return Err(file.error("`address.detailed.markers` needs at least one marker"));
        }
        let mut markers = Vec::new();
        for m in &doc.address.detailed.markers {
            if m.get_ref().trim().is_empty() {
                return Err(file.error_at(m.span(), "a marker is empty"));
            }
            if m.get_ref().starts_with(numeral) {
                let message = format!(
                    "the marker `{}` starts with a numeral: it would read as part of the number",
                    m.get_ref()
                );
                return Err(file.error_at(m.span(), message));
            }
            markers.push(m.get_ref().clone());
        }
        Ok(SubjectRules {
            cross_province: file.register(registry, "subject.cross_province".into(), &doc.cross_province)?,
            detailed: file.register(registry, "subject.address.detailed".into(), &doc.address.detailed)?,
            lookalikes: lookalikes(regions, &markers),
            markers,
            address_province: file.register(registry, "subject.address.province".into(), &doc.address.province)?,
            places: places(regions, file)?,
        })
    }

    /// The province an address starts with, if it names one.
    pub(crate) fn province_of(&self, address: &str) -> Option<Province> {
        let address = address.trim_start();
        let address = ["中华人民共和国", "中国"]
            .iter()
            .find_map(|p| address.strip_prefix(p))
            .unwrap_or(address)
            .trim_start();
        let input = Input::new(address).anchored(Anchored::Yes);
        let found = self.places.automaton.find(input)?;
        self.places.provinces.get(found.pattern().as_usize()).copied()
    }

    /// Whether an address goes down to the house or room number: a number
    /// directly followed by one of the markers, outside the names of
    /// divisions that look like one (三门峡市).
    pub(crate) fn is_detailed(&self, address: &str) -> bool {
        let mut from = 0;
        while let Some(i) = address
            .get(from..)
            .and_then(|rest| number_then_marker(rest, &self.markers))
        {
            let i = from + i;
            let in_lookalike = self.lookalikes.iter().any(|(name, numeral_at)| {
                i.checked_sub(*numeral_at)
                    .and_then(|start| address.get(start..))
                    .is_some_and(|rest| rest.starts_with(name.as_str()))
            });
            if !in_lookalike {
                return true;
            }
            from = i + address[i..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

/// Whether a character is part of a number: a digit or a Chinese numeral.
fn numeral(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９' | '零' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '两')
}

/// The byte offset in `text` of the first number (digits or Chinese
/// numerals) directly followed by one of `markers`: of the number's last
/// character. Markers do not start with a numeral (checked at load), so
/// only the last character of a run of numerals is tried.
fn number_then_marker(text: &str, markers: &[String]) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if numeral(c)
            && let Some(&(next, n)) = chars.peek()
            && !numeral(n)
            && markers.iter().any(|m| text[next..].starts_with(m.as_str()))
        {
            return Some(i);
        }
    }
    None
}

/// The names of divisions in which a number is followed by a marker
/// (三门峡市, 三门县), and the same without their last character (三门峡),
/// each with the byte offset of that number.
fn lookalikes(regions: &Regions, markers: &[String]) -> Vec<(String, usize)> {
    let mut names: Vec<(String, usize)> = regions
        .iter()
        .filter_map(|d| Some((d.name, number_then_marker(d.name, markers)?)))
        .flat_map(|(name, at)| {
            let short = name.char_indices().last().map_or(name, |(i, _)| &name[..i]);
            [(name.to_owned(), at), (short.to_owned(), at)]
        })
        .filter(|(name, at)| name.chars().count() >= 2 && *at < name.len())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The place names of [`SubjectRules::places`].
fn places(regions: &Regions, file: &File<'_>) -> Result<Places, RuleError> {
    let mut places: Vec<(String, Province)> = Vec::new();
    for p in Province::ALL {
        places.push((p.full_name_zh().to_owned(), p));
        places.push((p.name_zh().to_owned(), p));
    }
    let mut prefectures: Vec<(String, Province)> = regions
        .iter()
        .filter(|d| d.last_year.is_none() && d.code.get().is_multiple_of(100) && !d.code.is_province_level())
        .filter(|d| ["市", "州", "盟", "地区"].iter().any(|s| d.name.ends_with(s)) && d.name.chars().count() > 2)
        .filter_map(|d| Some((d.name.to_owned(), d.code.province()?)))
        .collect();
    prefectures.sort();
    prefectures.dedup();
    for (name, p) in &prefectures {
        let provinces = prefectures.iter().filter(|(n, _)| n == name).count();
        if provinces == 1 {
            places.push((name.clone(), *p));
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(places.iter().map(|(name, _)| name))
        .map_err(|e| file.error(format!("the place names of the region table cannot be compiled: {e}")))?;
    Ok(Places {
        automaton,
        provinces: places.into_iter().map(|(_, p)| p).collect(),
    })
}
