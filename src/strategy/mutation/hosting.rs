//! Mutations of the hosting rules (`hosting.*`): the cloud server and the
//! authorization code.

use super::{Mutation, MutationKind};
use crate::application::{Application, Hosting};
use crate::strategy::AS_OF;
use crate::vocabulary::{Billing, IssuerAccount};

impl Mutation {
    /// Makes the edit of a mutation of the hosting rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_hosting(&self, app: &mut Application) -> Option<String> {
        use MutationKind as K;
        let path = match self.kind {
            K::Postpaid | K::OverseasRegion | K::UnknownRegion | K::PurchaseTooShort | K::HostingExpired => {
                let Some(Hosting::CloudServer(server)) = app.hosting.as_mut() else {
                    return None;
                };
                let field = match self.kind {
                    K::Postpaid => {
                        server.billing = Some(Billing::Postpaid);
                        "billing"
                    }
                    K::OverseasRegion => {
                        server.provider = "tencent".into();
                        server.region = "ap-hongkong".into();
                        "region"
                    }
                    K::UnknownRegion => {
                        server.region = "xx-nowhere-1".into();
                        "region"
                    }
                    K::PurchaseTooShort => {
                        server.purchased_months = Some(1);
                        "purchased_months"
                    }
                    _ => {
                        server.expires_on = Some(AS_OF.yesterday().ok()?);
                        "expires_on"
                    }
                };
                format!("/hosting/{field}")
            }
            K::AuthorizationCodeUsed | K::AuthorizationCodeIssuerPersonal | K::AuthorizationCodeMalformed => {
                let Some(Hosting::AuthorizationCode(code)) = app.hosting.as_mut() else {
                    return None;
                };
                let field = match self.kind {
                    K::AuthorizationCodeUsed => {
                        code.used = true;
                        "used"
                    }
                    K::AuthorizationCodeIssuerPersonal => {
                        code.issuer_account = Some(IssuerAccount::Personal);
                        "issuer_account"
                    }
                    _ => {
                        code.code = format!("a{}", self.value() % 100);
                        "code"
                    }
                };
                format!("/hosting/{field}")
            }
            _ => return None,
        };
        Some(path)
    }
}
