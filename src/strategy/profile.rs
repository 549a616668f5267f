//! What the generators must respect in one province for one filing type:
//! the limits and policies of the embedded rule data that a valid
//! application cannot ignore, as `rules/PROVINCES.md` tabulates them.
//!
//! The generators stay inside the strictest value of every tier (warnings
//! included), so that a generated application draws no warning either. The
//! property tests of `tests/strategies.rs` fail when the rule data and this
//! table disagree.

use crate::province::Province;
use crate::vocabulary::{Content, FilingType};

/// The province's policy for a personal filer with a resident ID card of
/// another province (`[people.non_local]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NonLocal {
    Accepted,
    Refused,
    ResidencePermit,
}

/// One province and filing type, as the generators see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Profile {
    pub(crate) province: Province,
    pub(crate) filing_type: FilingType,
}

/// Content personal filings may declare (`open_to_personal` in
/// `rules/content.toml`).
const PERSONAL: &[Content] = &[
    Content::Blog,
    Content::Portal,
    Content::Search,
    Content::Navigation,
    Content::Other,
];

/// Ordinary content of entities: no pre-approval, not restricted.
const ENTITY: &[Content] = &[
    Content::Blog,
    Content::Corporate,
    Content::ECommerce,
    Content::Portal,
    Content::Search,
    Content::Navigation,
    Content::Other,
];

impl Profile {
    pub(crate) fn new(province: Province, filing_type: FilingType) -> Profile {
        Profile { province, filing_type }
    }

    fn entity(self) -> bool {
        self.filing_type == FilingType::Entity
    }

    /// The most domains of one submission (`[submission.domains]`).
    pub(crate) fn max_domains(self) -> usize {
        use Province::*;
        match (self.province, self.filing_type) {
            (Hainan, FilingType::Personal) | (Henan, FilingType::Personal) => 1,
            (Shanxi, FilingType::Entity) => 3,
            (Henan, FilingType::Entity) => 5,
            _ => usize::MAX,
        }
    }

    /// The province's cap on the websites of one submission, where it is
    /// small (`[submission.websites]`; Shanghai's and Shaanxi's 30 aside).
    pub(crate) fn website_cap(self) -> Option<usize> {
        use Province::*;
        match self.province {
            Hubei | Hunan => Some(1),
            _ => None,
        }
    }

    /// The most websites the generators put in one application: 3, or the
    /// province's cap (`[submission.websites]`, `[submission.domains]`).
    pub(crate) fn max_websites(self) -> usize {
        use Province::*;
        let cap = match self.province {
            Hubei | Hunan => 1,
            _ => 3,
        };
        cap.min(self.max_domains())
    }

    /// The most domains the generators give one website: 1, the national
    /// limit of a first filing's website (`[per_new_website]` of
    /// domains.toml, a warning), which no province's own limit raises.
    pub(crate) fn max_domains_per_website(self) -> usize {
        1
    }

    /// The service content a website may declare without a pre-approval
    /// (`[content]`, and the province's `[websites.content]` refusals).
    pub(crate) fn content(self) -> Vec<Content> {
        use Province::*;
        let refused: &[Content] = match (self.province, self.filing_type) {
            (Heilongjiang, FilingType::Personal) => {
                return vec![Content::Blog];
            }
            (Guizhou | Hunan | Yunnan | Zhejiang, FilingType::Personal) => &[Content::Blog],
            (Henan, FilingType::Personal) => &[Content::Blog, Content::Navigation, Content::Portal],
            (Henan, FilingType::Entity) => &[Content::Portal],
            _ => &[],
        };
        let all = if self.entity() { ENTITY } else { PERSONAL };
        all.iter().filter(|c| !refused.contains(c)).copied().collect()
    }

    /// Content the province refuses to this filing type (for a mutation),
    /// if there is some the filing type may otherwise declare.
    pub(crate) fn refused_content(self) -> Option<Content> {
        use Province::*;
        match (self.province, self.filing_type) {
            (Heilongjiang, FilingType::Personal) => Some(Content::Other),
            (Guizhou | Hunan | Yunnan | Zhejiang | Henan, FilingType::Personal) => Some(Content::Blog),
            (Henan, FilingType::Entity) => Some(Content::Portal),
            _ => None,
        }
    }

    /// Whether the principal must be the legal representative
    /// (`[people.principal_is_legal_representative]`, any severity).
    pub(crate) fn principal_must_be_legal_representative(self) -> bool {
        use Province::*;
        !matches!(self.province, Jiangsu | Anhui | Hainan | Sichuan | Gansu)
    }

    /// Whether, the principal not being the legal representative, each
    /// website manager must be the principal (`[people.manager_is_principal]`).
    pub(crate) fn manager_must_be_principal(self) -> bool {
        use Province::*;
        matches!(self.province, Heilongjiang | Jiangsu | Anhui | Hainan)
    }

    /// Whether each website manager must be another person than the
    /// principal and the legal representative
    /// (`[people.manager_is_not_principal]`).
    pub(crate) fn manager_must_not_be_principal(self) -> bool {
        self.province == Province::Tianjin
    }

    /// Whether the province requires an emergency phone of the personal
    /// filer (`filer`) or of an entity's principal and managers.
    pub(crate) fn emergency_phone_required(self) -> bool {
        use Province::*;
        match self.province {
            Heilongjiang => true,
            Chongqing => !self.entity(),
            _ => false,
        }
    }

    /// The policy for a personal filer from another province.
    pub(crate) fn non_local(self) -> NonLocal {
        use Province::*;
        match self.province {
            Beijing | Tianjin | Hebei | Liaoning | Hunan | Hainan | Shaanxi => NonLocal::Accepted,
            Shanxi | Neimenggu | Heilongjiang | Henan | Guangxi | Chongqing | Yunnan | Xizang | Gansu | Qinghai
            | Ningxia | Xinjiang => NonLocal::Refused,
            Jilin | Shanghai | Jiangsu | Zhejiang | Anhui | Fujian | Jiangxi | Shandong | Hubei | Guangdong
            | Sichuan | Guizhou => NonLocal::ResidencePermit,
        }
    }

    /// Whether the province sets a minimum age for the personal filer
    /// (Guangdong, Shanghai and Henan set none: `min_age = 0`).
    pub(crate) fn filer_has_minimum_age(self) -> bool {
        use Province::*;
        !matches!(self.province, Guangdong | Shanghai | Henan)
    }

    /// Whether non-enterprise units must file with an organisation code
    /// (Gansu's `[certificates.subject_kinds.other_units]`).
    pub(crate) fn units_file_with_organization_code(self) -> bool {
        self.province == Province::Gansu
    }
}
