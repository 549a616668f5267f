//! Mutations that break one rule of the apps of a generated application
//! (the apps themselves are made in [`apps`](crate::strategy::apps)).

use super::Mutation;
use crate::application::{App, Application, CloudServer, Hosting};
use crate::code::Code;
use crate::ruleset::RuleSet;
use crate::strategy::AS_OF;
use crate::strategy::apps::hex;
use crate::vocabulary::{AppKind, Content, FilingType, PlatformKind, SubjectKind};

/// Renames an app, and the platforms that repeat its name.
fn rename(app: &mut App, name: String) {
    for p in &mut app.platforms {
        if !p.name.is_empty() {
            p.name.clone_from(&name);
        }
    }
    app.name = name;
}

/// The usual abbreviation of the province's ICP numbers (`黔` for Guizhou).
fn icp_abbreviation(app: &Application) -> Option<char> {
    let rules = RuleSet::embedded();
    rules.icp_abbreviations(app.province?).first().copied()
}

impl Mutation {
    /// The mutations of the apps' rules: the app to mutate is chosen among
    /// the apps it applies to. Returns the path of the finding.
    pub(super) fn edit_app(&self, app: &mut Application, code: Code) -> Option<String> {
        let filing_type = app.filing_type()?;
        let personal = filing_type == FilingType::Personal;
        let subject_kind = app.subject.as_ref()?.kind?;
        // The index of an app that `applies`, by the choice.
        let choose = |app: &Application, applies: &dyn Fn(&App) -> bool| -> Option<usize> {
            let candidates: Vec<usize> = (0..app.apps.len()).filter(|i| applies(&app.apps[*i])).collect();
            candidates.get(self.pick(candidates.len())).copied()
        };
        let with_platform = |kind: PlatformKind| move |a: &App| a.platforms.iter().any(|p| p.platform == Some(kind));
        let path = match code {
            Code::AppNameTooShort
            | Code::AppNameSpecialCharacters
            | Code::AppNameNationalPrefix
            | Code::AppNameForbiddenWord
            | Code::AppNameSensitiveWord
            | Code::AppNamePreApprovalKeyword
            | Code::AppNameGeneric
            | Code::AppNameMarketingWord => {
                let i = choose(app, &|_| true)?;
                let a = app.apps.get_mut(i)?;
                let name = match code {
                    Code::AppNameTooShort => "账".to_owned(),
                    Code::AppNameSpecialCharacters => format!("{}🍅", a.name),
                    Code::AppNameNationalPrefix if subject_kind != SubjectKind::Government => format!("华夏{}", a.name),
                    Code::AppNameForbiddenWord if personal => format!("{}工作室", a.name),
                    Code::AppNameSensitiveWord => format!("{}赌博", a.name),
                    Code::AppNamePreApprovalKeyword => format!("{}新闻", a.name),
                    Code::AppNameGeneric => ["计算器", "手电筒", "壁纸"][(self.value() % 3) as usize].to_owned(),
                    Code::AppNameMarketingWord => format!("{}免费", a.name),
                    _ => return None,
                };
                rename(a, name);
                format!("/apps/{i}/name")
            }
            Code::AppNameDuplicate => {
                let last = app.apps.len().checked_sub(1).filter(|l| *l > 0)?;
                let name = app.apps.first()?.name.clone();
                rename(app.apps.get_mut(last)?, name);
                format!("/apps/{last}/name")
            }
            Code::AppNameInconsistent => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let shown = format!("{}Pro", a.name);
                a.platforms.first_mut()?.name = shown;
                format!("/apps/{i}/platforms/0/name")
            }
            Code::AppPackageNameFormat
            | Code::AppBundleIdFormat
            | Code::AppBundleNameFormat
            | Code::AppSignatureFormat => {
                let kind = match code {
                    Code::AppBundleIdFormat => PlatformKind::Ios,
                    Code::AppBundleNameFormat => PlatformKind::Harmonyos,
                    _ => PlatformKind::Android,
                };
                let i = choose(app, &with_platform(kind))?;
                let a = app.apps.get_mut(i)?;
                let j = a.platforms.iter().position(|p| p.platform == Some(kind))?;
                let p = a.platforms.get_mut(j)?;
                let field = match code {
                    Code::AppPackageNameFormat => {
                        p.package_name = "ledger".into();
                        "package_name"
                    }
                    Code::AppBundleIdFormat => {
                        p.bundle_id = p.bundle_id.replace('.', "_");
                        "bundle_id"
                    }
                    Code::AppBundleNameFormat => {
                        p.bundle_name = "exampletech.notes".into();
                        "bundle_name"
                    }
                    _ => {
                        // A SHA-1 in the MD5 field.
                        p.signature_md5 = hex(&self.value().to_be_bytes().repeat(3)[..20], false, false);
                        "signature_md5"
                    }
                };
                format!("/apps/{i}/platforms/{j}/{field}")
            }
            Code::AppPublicKeyFormat | Code::AppPlatformDataMissing => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let j = self.pick(a.platforms.len());
                let p = a.platforms.get_mut(j)?;
                if code == Code::AppPublicKeyFormat {
                    // A fingerprint pasted as the key.
                    p.public_key = hex(&self.value().to_be_bytes().repeat(2), false, true);
                } else {
                    p.public_key.clear();
                }
                format!("/apps/{i}/platforms/{j}/public_key")
            }
            Code::AppPlatformDuplicate => {
                let i = choose(app, &|a| !a.platforms.is_empty())?;
                let a = app.apps.get_mut(i)?;
                let copy = a.platforms.first()?.clone();
                a.platforms.push(copy);
                format!("/apps/{i}/platforms/{}/platform", a.platforms.len() - 1)
            }
            Code::AppMiniProgramIdFormat => {
                let i = choose(app, &|a| a.kind == Some(AppKind::MiniProgram))?;
                let a = app.apps.get_mut(i)?;
                a.mini_program_id = format!("gh_{:012x}", self.value() % 0xffff_ffff_ffff);
                format!("/apps/{i}/mini_program_id")
            }
            Code::AppContentNotAllowedForPersonal | Code::AppPreApprovalMissing => {
                let content = if code == Code::AppContentNotAllowedForPersonal && personal {
                    Content::ECommerce
                } else if code == Code::AppPreApprovalMissing && !personal {
                    Content::News
                } else {
                    return None;
                };
                let i = choose(app, &|a| !a.content.contains(&content))?;
                let a = app.apps.get_mut(i)?;
                a.content.push(content);
                format!("/apps/{i}/content/{}", a.content.len() - 1)
            }
            Code::AppDomainTldNotApproved
            | Code::AppDomainHolderMismatch
            | Code::AppDomainNotRealNameVerified
            | Code::AppDomainExpired
            | Code::AppDomainInvalid
            | Code::AppDomainDuplicate => {
                let i = choose(app, &|a| !a.domains.is_empty())?;
                let stranger = self.stranger(app, app.province?).name;
                let a = app.apps.get_mut(i)?;
                let j = self.pick(a.domains.len());
                let field = match code {
                    Code::AppDomainTldNotApproved => {
                        a.domains.get_mut(j)?.name = format!("api{}.example.io", self.value() % 1000);
                        "name"
                    }
                    Code::AppDomainHolderMismatch => {
                        a.domains.get_mut(j)?.holder = stranger;
                        "holder"
                    }
                    Code::AppDomainNotRealNameVerified => {
                        a.domains.get_mut(j)?.real_name_verified = Some(false);
                        "real_name_verified"
                    }
                    Code::AppDomainExpired => {
                        a.domains.get_mut(j)?.expires_on = Some(AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                    Code::AppDomainInvalid => {
                        a.domains.get_mut(j)?.name = format!("api{}..example.cn", self.value() % 1000);
                        "name"
                    }
                    _ => {
                        let copy = a.domains.get(j)?.clone();
                        a.domains.push(copy);
                        return Some(format!("/apps/{i}/domains/{}/name", a.domains.len() - 1));
                    }
                };
                format!("/apps/{i}/domains/{j}/{field}")
            }
            Code::AppIconTooLarge => {
                let i = choose(app, &|_| true)?;
                app.apps.get_mut(i)?.icon_bytes = Some(102_401 + self.value() % 1_000_000);
                format!("/apps/{i}/icon_bytes")
            }
            Code::AppIcpNumberServiceKind | Code::WebsiteIcpNumberServiceKind => {
                let abbreviation = icp_abbreviation(app)?;
                let serial = 2_024_000_000 + self.value() % 999_999;
                if code == Code::AppIcpNumberServiceKind {
                    // A website's number on an app.
                    let i = choose(app, &|_| true)?;
                    app.apps.get_mut(i)?.icp_number = format!("{abbreviation}ICP备{serial}号-1");
                    format!("/apps/{i}/icp_number")
                } else {
                    // An app's number on a website.
                    let i = self.pick(app.websites.len());
                    app.websites.get_mut(i)?.icp_number = format!("{abbreviation}ICP备{serial}号-2A");
                    format!("/websites/{i}/icp_number")
                }
            }
            Code::AppKindNotAllowed | Code::SubmissionTooManyApps => {
                let minis = app.apps.iter().filter(|a| a.kind == Some(AppKind::MiniProgram)).count();
                let applies = if code == Code::AppKindNotAllowed {
                    // Huawei files no mini program; one of them, not for a
                    // person (whose apps Huawei takes one per order).
                    !personal && minis == 1
                } else {
                    personal && minis == 0 && !app.apps.is_empty()
                };
                if !applies {
                    return None;
                }
                let Some(Hosting::CloudServer(server)) = app.hosting.as_mut() else {
                    return None;
                };
                *server = CloudServer {
                    provider: "huawei".into(),
                    region: "cn-east-3".into(),
                    ..server.clone()
                };
                if code == Code::AppKindNotAllowed {
                    let i = app.apps.iter().position(|a| a.kind == Some(AppKind::MiniProgram))?;
                    format!("/apps/{i}/kind")
                } else {
                    // Websites come first: the first app is over the one service.
                    "/apps/0".into()
                }
            }
            _ => return None,
        };
        Some(path)
    }
}
