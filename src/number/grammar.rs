//! The grammar of the three numbers, read by a cursor that takes either the
//! canonical text only (strict) or also the variants people write (lenient:
//! full-width forms, lower case, other dashes, white space, a missing or
//! misplaced `号`), recording what it had to normalise.

use std::fmt;

use super::{
    FilingNumber, IcpLicenseNumber, IcpNumber, LicenseCategory, Normalization, Normalizations, NumberError, NumberKind,
    PublicSecurityNumber, ServiceKind,
};
use crate::province::Province;
/// Whether only the canonical text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Lenient,
}

/// Up to 14 ASCII digits: a serial as written, leading zeros included.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Digits {
    bytes: [u8; 14],
    len: u8,
}

impl Digits {
    const EMPTY: Digits = Digits { bytes: [0; 14], len: 0 };

    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The number the first `n` digits make.
    pub(crate) fn value_of_first(&self, n: usize) -> u32 {
        self.as_str()
            .bytes()
            .take(n)
            .fold(0, |acc, b| acc * 10 + u32::from(b.saturating_sub(b'0')))
    }

    /// Whether the digits start with a year of this century (`20…`).
    fn starts_with_year(&self) -> bool {
        self.as_str().starts_with("20")
    }
}

impl fmt::Debug for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// A site serial (网站序列号) with its service suffix: `-3`, `-2A`, `-1X`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Site {
    pub(crate) serial: u16,
    pub(crate) service: ServiceKind,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "-{}", self.serial)?;
        match self.service.suffix() {
            Some(c) => write!(f, "{c}"),
            None => Ok(()),
        }
    }
}

/// One character as the grammar sees it.
#[derive(Clone, Copy, Debug)]
struct Token {
    /// The character, normalised in lenient mode.
    c: char,
    /// Where it starts (after any white space skipped) and ends in the text.
    start: usize,
    end: usize,
    /// What reading it normalised.
    norms: Normalizations,
}

/// A run of digits.
#[derive(Clone, Copy, Debug)]
struct Run {
    digits: Digits,
    count: usize,
    start: usize,
    end: usize,
}

impl Run {
    fn raw(&self, text: &str) -> String {
        text.get(self.start..self.end).unwrap_or_default().to_owned()
    }
}

/// Reads one number from a position of a text.
pub(crate) struct Cursor<'t> {
    text: &'t str,
    pub(crate) pos: usize,
    mode: Mode,
    /// Whether white space may appear anywhere in the number (a whole
    /// string is being parsed) or only before its serial (a number is being
    /// found in running text, where what follows it is other text).
    anywhere: bool,
    /// Whether the serial has been read.
    tail: bool,
    pub(crate) norms: Normalizations,
}

impl<'t> Cursor<'t> {
    pub(crate) fn new(text: &'t str, pos: usize, mode: Mode, anywhere: bool) -> Cursor<'t> {
        Cursor {
            text,
            pos,
            mode,
            anywhere,
            tail: false,
            norms: Normalizations::EMPTY,
        }
    }

    fn skips_space(&self) -> bool {
        self.mode == Mode::Lenient && (self.anywhere || !self.tail)
    }

    fn token_at(&self, mut at: usize, skip_space: bool) -> Option<Token> {
        let mut norms = Normalizations::EMPTY;
        loop {
            let raw = self.text.get(at..)?.chars().next()?;
            let end = at + raw.len_utf8();
            if self.mode == Mode::Strict {
                return Some(Token {
                    c: raw,
                    start: at,
                    end,
                    norms,
                });
            }
            if skip_space && raw.is_whitespace() {
                norms.insert(Normalization::Whitespace);
                at = end;
                continue;
            }
            let (c, n) = normalise(raw);
            return Some(Token {
                c,
                start: at,
                end,
                norms: norms.union(n),
            });
        }
    }

    /// The next character, past white space where that is allowed.
    fn peek(&self) -> Option<Token> {
        self.token_at(self.pos, self.skips_space())
    }

    /// The character at `at` that continues the current part of the number
    /// (a digit of a serial, a service letter, a category): adjacent, but in
    /// a whole string read leniently white space may come between.
    fn continuation(&self, at: usize) -> Option<Token> {
        self.token_at(at, self.mode == Mode::Lenient && self.anywhere)
    }

    fn bump(&mut self, token: Token) {
        self.pos = token.end;
        self.norms = self.norms.union(token.norms);
    }

    fn eat(&mut self, c: char) -> bool {
        match self.peek() {
            Some(t) if t.c == c => {
                self.bump(t);
                true
            }
            _ => false,
        }
    }

    fn found(&self) -> Option<char> {
        self.peek().map(|t| t.c)
    }

    /// Reads the characters of `word`, failing with `expected`.
    fn word(&mut self, word: &str, expected: &'static str) -> Result<(), NumberError> {
        for w in word.chars() {
            if !self.eat(w) {
                return Err(NumberError::Expected {
                    expected,
                    found: self.found(),
                });
            }
        }
        Ok(())
    }

    /// Reads a run of digits; only the first may follow white space, except
    /// in a whole string read leniently.
    fn digits(&mut self) -> Run {
        let mut run = Run {
            digits: Digits::EMPTY,
            count: 0,
            start: self.pos,
            end: self.pos,
        };
        let Some(first) = self.peek().filter(|t| t.c.is_ascii_digit()) else {
            return run;
        };
        run.start = first.start;
        let mut next = Some(first);
        while let Some(t) = next.filter(|t| t.c.is_ascii_digit()) {
            self.bump(t);
            if let Some(slot) = run.digits.bytes.get_mut(run.count) {
                *slot = t.c as u8;
                run.digits.len += 1;
            }
            run.count += 1;
            next = self.continuation(self.pos);
        }
        run.end = self.pos;
        run
    }

    /// Reads the serial of a number: at least one digit.
    fn serial(&mut self, expected: &'static str) -> Result<Run, NumberError> {
        let run = self.digits();
        self.tail = true;
        if run.count == 0 {
            return Err(NumberError::Expected {
                expected,
                found: self.found(),
            });
        }
        Ok(run)
    }

    /// Accepts a deviation in lenient mode (recording it), or fails.
    fn lenient_only(&mut self, n: Normalization, error: NumberError) -> Result<(), NumberError> {
        match self.mode {
            Mode::Strict => Err(error),
            Mode::Lenient => {
                self.norms.insert(n);
                Ok(())
            }
        }
    }

    /// The text from `start` up to where a word of ASCII letters, digits
    /// and dots ends, for error messages.
    fn word_at(&self, start: usize) -> String {
        self.text
            .get(start..)
            .unwrap_or_default()
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '.' || c == '．')
            .take(20)
            .collect()
    }
}

/// Reads a character as the lenient grammar does.
fn normalise(raw: char) -> (char, Normalizations) {
    let mut norms = Normalizations::EMPTY;
    let mut c = raw;
    if let '\u{FF01}'..='\u{FF5E}' = c {
        c = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        norms.insert(Normalization::FullWidth);
    }
    if c.is_ascii_lowercase() {
        c = c.to_ascii_uppercase();
        norms.insert(Normalization::LowerCase);
    }
    if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}') {
        c = '-';
        norms.insert(Normalization::Dash);
    }
    (c, norms)
}

/// Reads one number at the cursor.
pub(crate) fn number(cur: &mut Cursor<'_>) -> Result<FilingNumber, NumberError> {
    let first = cur.peek().ok_or(NumberError::Empty)?;
    if matches!(first.c, 'A' | 'B') {
        return license_current(cur, None).map(FilingNumber::License);
    }
    let province = Province::from_abbreviation(first.c).ok_or(NumberError::UnknownAbbreviation { found: first.c })?;
    cur.bump(first);
    let abbreviation = first.c;
    match cur.found() {
        Some('I') => {
            cur.word("ICP", "`ICP备` or `ICP证`")?;
            match cur.peek() {
                Some(t) if t.c == '备' => {
                    cur.bump(t);
                    icp(cur, abbreviation, province).map(FilingNumber::Icp)
                }
                Some(t) if t.c == '证' => {
                    cur.bump(t);
                    license_legacy(cur, abbreviation, province).map(FilingNumber::License)
                }
                t => Err(NumberError::Expected {
                    expected: "`备` or `证` after `ICP`",
                    found: t.map(|t| t.c),
                }),
            }
        }
        Some('公') => {
            cur.word("公网安备", "`公网安备`")?;
            public_security(cur, abbreviation, province).map(FilingNumber::PublicSecurity)
        }
        Some('A' | 'B') => license_current(cur, Some((abbreviation, province))).map(FilingNumber::License),
        _ => Err(NumberError::UnknownKind { abbreviation }),
    }
}

/// `ICP备` has been read.
fn icp(cur: &mut Cursor<'_>, abbreviation: char, province: Province) -> Result<IcpNumber, NumberError> {
    let serial = cur.serial("the subject serial after `ICP备`")?;
    match serial.count {
        8 => {}
        10 if serial.digits.starts_with_year() => {}
        10 => {
            return Err(NumberError::SerialYear {
                serial: serial.raw(cur.text),
            });
        }
        digits => {
            return Err(NumberError::SubjectSerialLength {
                serial: serial.raw(cur.text),
                digits,
            });
        }
    }
    let site = hao_and_site(cur)?;
    Ok(IcpNumber {
        abbreviation,
        province,
        subject: serial.digits,
        site,
    })
}

/// The serial has been read: `号`, then an optional site serial.
fn hao_and_site(cur: &mut Cursor<'_>) -> Result<Option<Site>, NumberError> {
    if cur.eat('号') {
        return site(cur);
    }
    let site = site(cur)?;
    if site.is_some() && cur.eat('号') {
        cur.lenient_only(Normalization::MisplacedHao, NumberError::MisplacedHao)?;
    } else {
        cur.lenient_only(Normalization::MissingHao, NumberError::MissingHao)?;
    }
    Ok(site)
}

/// An optional site serial: `-` and 1 to 4 digits, then a service suffix.
fn site(cur: &mut Cursor<'_>) -> Result<Option<Site>, NumberError> {
    let Some(dash) = cur.peek().filter(|t| t.c == '-') else {
        return Ok(None);
    };
    let digit_follows = cur
        .token_at(dash.end, cur.skips_space())
        .is_some_and(|t| t.c.is_ascii_digit());
    if !digit_follows {
        return Ok(None);
    }
    cur.bump(dash);
    let run = cur.digits();
    let serial = Some(run.digits.as_str())
        .filter(|s| run.count <= 4 && !s.starts_with('0'))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| NumberError::SiteSerial {
            serial: run.raw(cur.text),
        })?;
    let service = service_suffix(cur)?;
    Ok(Some(Site { serial, service }))
}

/// The letter right after a site serial; a word that follows is not one.
fn service_suffix(cur: &mut Cursor<'_>) -> Result<ServiceKind, NumberError> {
    let Some(t) = cur.continuation(cur.pos).filter(|t| t.c.is_ascii_alphabetic()) else {
        return Ok(ServiceKind::Website);
    };
    if cur.continuation(t.end).is_some_and(|n| n.c.is_ascii_alphanumeric()) {
        return Ok(ServiceKind::Website);
    }
    let service = ServiceKind::from_suffix(t.c).ok_or(NumberError::ServiceSuffix { found: t.c })?;
    cur.bump(t);
    Ok(service)
}

/// `ICP证` has been read: the old style of licence number.
fn license_legacy(
    cur: &mut Cursor<'_>,
    abbreviation: char,
    province: Province,
) -> Result<IcpLicenseNumber, NumberError> {
    let serial = cur.serial("the licence serial after `ICP证`")?;
    if !(6..=7).contains(&serial.count) {
        return Err(NumberError::LicenseSerialLength {
            serial: serial.raw(cur.text),
            digits: serial.count,
            expected: "6 or 7",
        });
    }
    let site = hao_and_site(cur)?;
    Ok(IcpLicenseNumber {
        issuer: Some((abbreviation, province)),
        categories: 0,
        serial: serial.digits,
        site,
    })
}

/// The current style of licence number, from its categories (`B2`,
/// `A2.B1.B2`); `issuer` is the province abbreviation read before them.
fn license_current(cur: &mut Cursor<'_>, issuer: Option<(char, Province)>) -> Result<IcpLicenseNumber, NumberError> {
    let start = cur.peek().map_or(cur.pos, |t| t.start);
    let bad = |cur: &Cursor<'_>| NumberError::LicenseCategories {
        found: cur.word_at(start),
    };
    let mut categories = 0u8;
    let mut last: Option<LicenseCategory> = None;
    loop {
        let letter = cur
            .peek()
            .filter(|t| matches!(t.c, 'A' | 'B'))
            .ok_or_else(|| bad(cur))?;
        let digit = cur
            .continuation(letter.end)
            .filter(|t| matches!(t.c, '1' | '2'))
            .ok_or_else(|| bad(cur))?;
        let category = LicenseCategory::from_code(letter.c, digit.c).ok_or_else(|| bad(cur))?;
        if last.is_some_and(|l| l >= category) {
            return Err(bad(cur));
        }
        cur.bump(letter);
        cur.bump(digit);
        categories |= category.bit();
        last = Some(category);
        match cur.continuation(cur.pos) {
            Some(t) if t.c == '.' => cur.bump(t),
            _ => break,
        }
    }
    if issuer.is_some()
        && let Some(category) = LicenseCategory::ALL
            .into_iter()
            .find(|c| c.is_basic() && categories & c.bit() != 0)
    {
        return Err(NumberError::ProvincialBasicService { category });
    }
    if !cur.eat('-') {
        return Err(NumberError::Expected {
            expected: "`-` after the licence categories",
            found: cur.found(),
        });
    }
    let serial = cur.serial("the licence serial")?;
    if serial.count != 8 {
        return Err(NumberError::LicenseSerialLength {
            serial: serial.raw(cur.text),
            digits: serial.count,
            expected: "8",
        });
    }
    if !serial.digits.starts_with_year() {
        return Err(NumberError::SerialYear {
            serial: serial.raw(cur.text),
        });
    }
    let site = site(cur)?;
    Ok(IcpLicenseNumber {
        issuer,
        categories,
        serial: serial.digits,
        site,
    })
}

/// `公网安备` has been read.
fn public_security(
    cur: &mut Cursor<'_>,
    abbreviation: char,
    province: Province,
) -> Result<PublicSecurityNumber, NumberError> {
    let serial = cur.serial("the 14 digits after `公网安备`")?;
    if serial.count != 14 {
        return Err(NumberError::PublicSecuritySerialLength {
            serial: serial.raw(cur.text),
            digits: serial.count,
        });
    }
    let code = serial.digits.as_str().get(..6).unwrap_or_default().to_owned();
    let region = u8::try_from(serial.digits.value_of_first(2))
        .ok()
        .and_then(Province::from_gb_code)
        .ok_or_else(|| NumberError::UnknownRegion { code: code.clone() })?;
    if region != province {
        return Err(NumberError::RegionMismatch {
            abbreviation,
            province,
            code,
            region,
        });
    }
    if !cur.eat('号') {
        cur.lenient_only(Normalization::MissingHao, NumberError::MissingHao)?;
    }
    Ok(PublicSecurityNumber {
        abbreviation,
        province,
        record_code: serial.digits,
    })
}

/// Parses a whole string as a number of the `expected` kind (any kind when
/// `None`). In strict mode a text that only the lenient grammar reads fails
/// with [`NumberError::NotCanonical`], naming the canonical form.
pub(crate) fn parse(
    text: &str,
    mode: Mode,
    expected: Option<NumberKind>,
) -> Result<(FilingNumber, Normalizations), NumberError> {
    let kind = |n: FilingNumber| match expected {
        Some(expected) if n.kind() != expected => Err(NumberError::WrongKind {
            expected,
            found: n.kind(),
        }),
        _ => Ok(n),
    };
    match mode {
        Mode::Lenient => {
            let (n, norms) = parse_lenient(text)?;
            Ok((kind(n)?, norms))
        }
        Mode::Strict => match parse_strict(text) {
            Ok(n) => Ok((kind(n)?, Normalizations::EMPTY)),
            Err(strict) => match parse_lenient(text) {
                Ok((n, norms)) => {
                    let n = kind(n)?;
                    if norms.is_empty() {
                        Err(strict)
                    } else {
                        Err(NumberError::NotCanonical {
                            canonical: n.to_string(),
                            normalizations: norms,
                        })
                    }
                }
                Err(lenient) => Err(lenient),
            },
        },
    }
}

fn parse_strict(text: &str) -> Result<FilingNumber, NumberError> {
    let mut cur = Cursor::new(text, 0, Mode::Strict, true);
    let n = number(&mut cur)?;
    rest_is_empty(text, cur.pos)?;
    Ok(n)
}

fn parse_lenient(text: &str) -> Result<(FilingNumber, Normalizations), NumberError> {
    let mut norms = Normalizations::EMPTY;
    let mut s = trim(text, &mut norms);
    if let Some(inner) = strip_brackets(s) {
        norms.insert(Normalization::Brackets);
        s = trim(inner, &mut norms);
    }
    let mut cur = Cursor::new(s, 0, Mode::Lenient, true);
    cur.norms = norms;
    let n = number(&mut cur)?;
    rest_is_empty(s, cur.pos)?;
    Ok((n, cur.norms))
}

fn trim<'s>(s: &'s str, norms: &mut Normalizations) -> &'s str {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        norms.insert(Normalization::Whitespace);
    }
    trimmed
}

fn rest_is_empty(text: &str, pos: usize) -> Result<(), NumberError> {
    match text.get(pos..) {
        Some("") | None => Ok(()),
        Some(rest) => Err(NumberError::TrailingText {
            text: rest.trim_start().chars().take(20).collect(),
        }),
    }
}

/// The text inside one pair of brackets around all of it.
fn strip_brackets(s: &str) -> Option<&str> {
    const PAIRS: [(char, char); 6] = [
        ('(', ')'),
        ('（', '）'),
        ('[', ']'),
        ('［', '］'),
        ('【', '】'),
        ('〔', '〕'),
    ];
    PAIRS
        .iter()
        .find_map(|&(open, close)| s.strip_prefix(open)?.strip_suffix(close))
}
