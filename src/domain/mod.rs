//! Domain names: normalisation with IDNA, the public suffix list and the
//! registrable domain (一级域名), and the domain checks of a filing.
//!
//! The public types are usable on their own:
//!
//! - [`DomainName`] parses and normalises a name (trim, case-fold, trailing
//!   dot, IDNA UTS #46): Unicode and punycode spellings are one value, shown
//!   in Unicode, with the ASCII form at hand.
//! - [`PublicSuffixList`] tells a name's public suffix and registrable
//!   domain. The rule set carries one, loaded once from
//!   `rules/public_suffix_list.dat` with only its ICANN section
//!   ([`RuleSet::public_suffix_list`](crate::RuleSet::public_suffix_list)).
//!
//! ```
//! use beian::domain::DomainName;
//!
//! let rules = beian::RuleSet::embedded();
//! let name = DomainName::parse("WWW.例子.中国.")?;
//! assert_eq!(name.to_string(), "www.例子.中国");
//! let registrable = rules.public_suffix_list().registrable_domain(&name).unwrap();
//! assert_eq!(registrable.to_string(), "例子.中国");
//! assert_eq!(registrable.as_ascii(), "xn--fsqu00a.xn--fiqs8s");
//! # Ok::<(), beian::domain::DomainNameError>(())
//! ```
//!
//! # The checks
//!
//! Every domain of every website is parsed (`domain.invalid`), split into
//! its public suffix and registrable domain (`domain.unknown_suffix`,
//! `domain.not_registrable` for a subdomain or a bare public suffix), and its
//! suffix is looked up in `rules/domains.toml`: the national list of
//! suffixes MIIT approves (`domain.tld_not_approved`), the suffixes reserved
//! for or required of some kinds of subject, and the province's own lists
//! (`domain.tld_restricted`). Then come the registrant (real-name
//! verification, holder, registrar) and the registration's remaining time,
//! and across the application the same registrable domain twice
//! (`domain.duplicate`), the number of domains of a website and the home
//! page's host.
//!
//! The public suffix of a name is the longer of the list's ICANN suffix and
//! the longest suffix that `rules/domains.toml` lists: the data lists
//! second-level suffixes MIIT approves that the public suffix list lacks
//! (`政务.cn`, `公益.cn`), and under them the registrable domain has one more
//! label. The suffix whose approval applies is the longest listed suffix of
//! the registrable domain (`com.cn` for `example.com.cn`, then `cn` for
//! `example.cn`); a suffix listed nowhere is not approved.

mod name;
mod suffix_list;

pub use name::{DomainName, DomainNameError, MAX_LABEL_OCTETS, MAX_NAME_OCTETS};
pub(crate) use name::{is_under, last_labels};
pub use suffix_list::{PublicSuffix, PublicSuffixList, PublicSuffixListError, Sections};

crate::vocabulary::serde_as_text!(name::DomainName);
