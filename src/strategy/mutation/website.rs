//! Mutations of the website rules (`website.*`): names, content and
//! homepages.

use super::{Filing, Mutation, MutationKind};
use crate::application::Application;
use crate::strategy::names::KINDS;
use crate::vocabulary::{Content, PreApprovalCategory, SubjectKind};

impl Mutation {
    /// Makes the edit of a mutation of the website rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_website(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing {
            profile,
            personal,
            subject_kind,
            ..
        } = *filing;
        let path = match self.kind {
            K::NameTooShort
            | K::NameWithoutChinese
            | K::NameSpecialCharacters
            | K::NameIsDomain
            | K::NameNationalPrefix
            | K::NameForbiddenWord
            | K::NameSensitiveWord
            | K::NamePreApprovalKeyword
            | K::ContentNotAllowedForPersonal
            | K::ContentNotAllowedInProvince
            | K::PreApprovalMissing
            | K::CommercialOnPersonalFiling
            | K::HomepageOutsideDomains => {
                let i = self.pick(app.websites.len());
                let website = app.websites.get_mut(i)?;
                let field = match self.kind {
                    // An entity's name keeps the two characters of its
                    // short name it starts with (it stays related to the
                    // subject's); Latin letters alone cannot be.
                    K::NameTooShort if !personal => {
                        website.name = website.name.chars().take(2).collect();
                        "name".into()
                    }
                    K::NameTooShort => {
                        website.name = KINDS.get(self.value() as usize % KINDS.len())?.to_string();
                        "name".into()
                    }
                    K::NameWithoutChinese if personal => {
                        website.name = ["MyNotes", "Daily Log", "PhotoBook"][(self.value() % 3) as usize].into();
                        "name".into()
                    }
                    K::NameSpecialCharacters => {
                        website.name.push('!');
                        "name".into()
                    }
                    K::NameIsDomain => {
                        // An ASCII domain without a word of the name lists (P2P).
                        let domain = website
                            .domains
                            .iter()
                            .map(|d| d.name.clone())
                            .find(|d| d.is_ascii() && !d.contains("p2p"))?;
                        website.name.push_str(&domain);
                        "name".into()
                    }
                    K::NameNationalPrefix if subject_kind != SubjectKind::Government => {
                        website.name.insert_str(0, "华夏");
                        "name".into()
                    }
                    K::NameForbiddenWord if personal => {
                        website.name.push_str("工作室");
                        "name".into()
                    }
                    K::NameSensitiveWord => {
                        website.name.push_str("赌博");
                        "name".into()
                    }
                    K::NamePreApprovalKeyword => {
                        // A keyword of a category the website does not hold.
                        let (word, _) = [
                            ("新闻", PreApprovalCategory::News),
                            ("宗教", PreApprovalCategory::Religion),
                        ]
                        .into_iter()
                        .find(|(_, c)| !website.pre_approvals.iter().any(|p| p.category == Some(*c)))?;
                        website.name.push_str(word);
                        "name".into()
                    }
                    K::ContentNotAllowedForPersonal if personal => {
                        website.content.push(Content::ECommerce);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::ContentNotAllowedInProvince => {
                        let refused = profile.refused_content()?;
                        if subject_kind == SubjectKind::Government {
                            return None; // exempt from Henan's portal rule
                        }
                        website.content.push(refused);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::PreApprovalMissing if !personal => {
                        // Content of a category the website does not hold.
                        let content = [Content::News, Content::Religion]
                            .into_iter()
                            .find(|c| !website.content.contains(c))?;
                        website.content.push(content);
                        format!("content/{}", website.content.len() - 1)
                    }
                    K::CommercialOnPersonalFiling if personal => {
                        website.commercial = true;
                        "commercial".into()
                    }
                    K::HomepageOutsideDomains => {
                        website.homepage = "https://www.qq.com/".into();
                        "homepage".into()
                    }
                    _ => return None,
                };
                format!("/websites/{i}/{field}")
            }
            K::NameDuplicate => {
                let last = app.websites.len().checked_sub(1).filter(|l| *l > 0)?;
                let name = app.websites.first()?.name.clone();
                app.websites.get_mut(last)?.name = name;
                format!("/websites/{last}/name")
            }
            _ => return None,
        };
        Some(path)
    }
}
