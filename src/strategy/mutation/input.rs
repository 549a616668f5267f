//! Mutations of the input rules (`field.*`): a blank required field, an
//! unknown key, a field the filing type does not take.

use super::person::contacts;
use super::{Filing, Mutation, MutationKind};
use crate::application::{Application, LegalRepresentative};

impl Mutation {
    /// Makes the edit of a mutation of the input rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_input(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing { personal, .. } = *filing;
        let path = match self.kind {
            K::BlankRequiredField => {
                let mut targets: Vec<String> = vec!["/subject/name".into(), "/subject/mailing_address".into()];
                for (i, w) in app.websites.iter().enumerate() {
                    targets.push(format!("/websites/{i}/name"));
                    for j in 0..w.domains.len() {
                        targets.push(format!("/websites/{i}/domains/{j}/holder"));
                    }
                }
                let people = contacts(app);
                for who in &people {
                    targets.push(who.field("email"));
                }
                let target = targets.get(self.pick(targets.len()))?.clone();
                let subject = app.subject.as_mut()?;
                if target == "/subject/name" {
                    subject.name.clear();
                } else if target == "/subject/mailing_address" {
                    subject.mailing_address.clear();
                } else if let Some(who) = people.iter().find(|w| w.field("email") == target) {
                    who.contact_mut(app)?.2.clear();
                } else {
                    let mut parts = target.split('/').skip(2);
                    let i: usize = parts.next()?.parse().ok()?;
                    let website = app.websites.get_mut(i)?;
                    match (parts.next()?, parts.next()) {
                        ("name", None) => website.name.clear(),
                        (_, Some(j)) => website.domains.get_mut(j.parse::<usize>().ok()?)?.holder.clear(),
                        _ => return None,
                    }
                }
                target
            }
            K::UnknownKey => {
                let keys = [
                    "/subject/nmae",
                    "/subject/certificate/numbre",
                    "/websites/0/domian",
                    "/hosting/regoin",
                ];
                let key = keys.get(self.pick(keys.len()))?;
                app.unknown_fields.push((*key).to_owned());
                (*key).to_owned()
            }
            K::FieldNotAllowed => {
                let subject = app.subject.as_mut()?;
                if personal {
                    subject.legal_representative = Some(LegalRepresentative {
                        name: subject.name.clone(),
                        certificate: subject.certificate.clone(),
                    });
                    "/subject/legal_representative".into()
                } else {
                    subject.email = format!("office{}@example.com", self.value() % 1000);
                    "/subject/email".into()
                }
            }
            _ => return None,
        };
        Some(path)
    }
}
