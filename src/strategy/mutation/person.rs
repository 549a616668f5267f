//! Mutations of the people rules (`person.*`): who the responsible people
//! are, their age and their contact data.

use super::certificate::{certificate, person_id, renumber};
use super::{Filing, Mutation, MutationKind};
use crate::application::person::{PersonAt, Within, responsible};
use crate::application::{Application, Certificate, Person, Validity};
use crate::province::Province;
use crate::strategy::AS_OF;
use crate::strategy::valid::{after, mobile, places, resident_id};
use crate::vocabulary::CertificateKind;

/// The responsible people of an application, in the validator's order:
/// the filer, the principal, the website managers, the app managers.
pub(super) fn contacts(app: &Application) -> Vec<PersonAt> {
    responsible(app, Within::ALL).map(|p| p.at).collect()
}

/// The identity of a person: (name, certificate number).
fn identity(app: &Application, at: PersonAt) -> Option<(String, String)> {
    let (name, certificate) = at.identity(app)?;
    let number = certificate
        .as_ref()
        .map(|c| c.number.trim().to_owned())
        .unwrap_or_default();
    Some((name.trim().to_owned(), number))
}

/// Whether two entries are one person: the same certificate number, or
/// without one the same name.
fn same(app: &Application, a: PersonAt, b: PersonAt) -> bool {
    match (identity(app, a), identity(app, b)) {
        (Some((_, x)), Some((_, y))) if !x.is_empty() && !y.is_empty() => x.eq_ignore_ascii_case(&y),
        (Some((x, _)), Some((y, _))) => x == y,
        _ => false,
    }
}

impl Mutation {
    /// A person of the province who is no one of the application: an
    /// adult with a resident ID of the province and a mobile number and
    /// e-mail address nobody else gives.
    pub(super) fn stranger(&self, app: &Application, province: Province) -> Person {
        let v = self.value();
        let names: Vec<String> = responsible(app, Within::ALL)
            .map(|p| p.name.trim().to_owned())
            .chain(app.subject.iter().map(|s| s.name.clone()))
            .chain(
                app.subject
                    .iter()
                    .filter_map(|s| s.legal_representative.as_ref().map(|l| l.name.clone())),
            )
            .collect();
        let mut name = String::new();
        for k in 0..400u64 {
            let n = v.wrapping_add(k);
            name = format!(
                "{}{}{}",
                ["欧阳", "司马", "上官", "诸葛"][(n % 4) as usize],
                ["子", "文", "思", "若", "景"][(n / 4 % 5) as usize],
                ["涵", "轩", "宁", "川", "辰"][(n / 20 % 5) as usize]
            );
            if !names.contains(&name) {
                break;
            }
        }
        let list = places(province);
        let code = list
            .get((v % list.len().max(1) as u64) as usize)
            .map_or(110_101, |p| p.code);
        let year = 1970 + v % 30;
        let number = resident_id(&format!("{code:06}{year}0{}1{}9{:02}", v % 9 + 1, v % 3, v % 100));
        let taken: Vec<&str> = responsible(app, Within::ALL)
            .flat_map(|p| [p.mobile, p.emergency_phone, p.email])
            .collect();
        let mut phone = String::new();
        let mut email = String::new();
        for k in 0..100u32 {
            phone = mobile(v as usize, (v as u32).wrapping_add(k), 98);
            email = format!("stranger{}_{k}@example.org", v % 1000);
            if !taken.contains(&phone.as_str()) && !taken.contains(&email.as_str()) {
                break;
            }
        }
        // Always an emergency phone: without one there is a national warning.
        Person {
            name,
            certificate: Some(Certificate {
                kind: Some(CertificateKind::ResidentIdCard),
                number,
                valid_until: Some(Validity::Until(after(2000))),
            }),
            emergency_phone: format!("0571-8{:07}", v % 10_000_000),
            mobile: phone,
            email,
            mobile_province: None,
        }
    }

    /// Makes the edit of a mutation of the people rules; returns the
    /// path of the finding, or `None` when the mutation does not apply.
    pub(super) fn edit_person(&self, app: &mut Application, filing: &Filing) -> Option<String> {
        use MutationKind as K;
        let Filing {
            province,
            profile,
            personal,
            ..
        } = *filing;
        let path = match self.kind {
            K::PersonNotSubject if personal => {
                let stranger = self.stranger(app, province);
                app.subject.as_mut()?.principal = Some(stranger);
                "/subject/principal".into()
            }
            K::Underage => {
                if personal && !profile.filer_has_minimum_age() {
                    return None;
                }
                let (region, _, order) = person_id(app, true)?;
                let holder = if personal {
                    PersonAt::Subject
                } else {
                    PersonAt::Principal
                };
                let old = certificate(app, holder)?.number.clone();
                let born = AS_OF.saturating_sub(jiff::Span::new().years(10));
                let new = resident_id(&format!("{region}{}{order}", born.strftime("%Y%m%d")));
                renumber(app, &old, &new)?;
                holder.path()
            }
            K::MobileUnallocated | K::EmailMalformed | K::EmergencyPhoneMalformed | K::EmergencyPhoneSameAsMobile => {
                let people = contacts(app);
                let who = *people.get(self.pick(people.len()))?;
                let (mobile, emergency, email) = who.contact_mut(app)?;
                let field = match self.kind {
                    K::MobileUnallocated => {
                        *mobile = format!("140{:08}", self.value() % 100_000_000);
                        "mobile"
                    }
                    K::EmailMalformed => {
                        *email = email.replace('@', ".at.");
                        "email"
                    }
                    K::EmergencyPhoneMalformed => {
                        *emergency = format!("{}", self.value() % 100_000);
                        "emergency_phone"
                    }
                    _ => {
                        *emergency = mobile.clone();
                        "emergency_phone"
                    }
                };
                who.field(field)
            }
            K::MobileShared | K::EmailShared => {
                let people = contacts(app);
                let last = *people.last()?;
                let source = *people.iter().find(|w| !same(app, **w, last))?;
                let (mobile, _, email) = source.contact_mut(app)?;
                let (mobile, email) = (mobile.clone(), email.clone());
                let (m, _, e) = last.contact_mut(app)?;
                let field = if self.kind == K::MobileShared {
                    *m = mobile;
                    "mobile"
                } else {
                    *e = email;
                    "email"
                };
                last.field(field)
            }
            K::EmergencyPhoneMissing if profile.emergency_phone_required() => {
                let people: Vec<PersonAt> = contacts(app)
                    .into_iter()
                    .filter(|w| !personal || *w == PersonAt::Subject)
                    .collect();
                let who = *people.get(self.pick(people.len()))?;
                who.contact_mut(app)?.1.clear();
                who.field("emergency_phone")
            }
            K::PrincipalNotLegalRepresentative
                if !personal
                    && profile.principal_must_be_legal_representative()
                    && !profile.manager_must_be_principal() =>
            {
                let stranger = self.stranger(app, province);
                app.subject.as_mut()?.principal = Some(stranger);
                "/subject/principal".into()
            }
            K::ManagerNotPrincipal if !personal && profile.manager_must_be_principal() => {
                let subject = app.subject.as_ref()?;
                let legal = subject.legal_representative.as_ref()?;
                let principal = subject.principal.as_ref()?;
                let number = |c: &Option<Certificate>| c.as_ref().map(|c| c.number.clone());
                if number(&legal.certificate) == number(&principal.certificate)
                    || profile.principal_must_be_legal_representative()
                {
                    return None;
                }
                let i = self.pick(app.websites.len());
                let stranger = self.stranger(app, province);
                app.websites.get_mut(i)?.manager = Some(stranger);
                format!("/websites/{i}/manager")
            }
            _ => return None,
        };
        Some(path)
    }
}
