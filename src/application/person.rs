//! Where a person is in an application: one locator for the checks, the
//! materials and the strategies, with its JSON Pointer, and the people of
//! an application in document order.

use super::{Application, Certificate, Person, Subject};
use crate::province::Province;
use crate::vocabulary::FilingType;

/// Where a person is in an application (or the subject, whose own
/// certificate and, for a personal filer, contact data are at `/subject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PersonAt {
    /// The subject: the personal filer, or the organisation.
    Subject,
    /// An entity's legal representative.
    LegalRepresentative,
    /// The principal.
    Principal,
    /// The manager of the website with this index.
    Manager(usize),
    /// The responsible person of the app with this index.
    AppManager(usize),
}

/// How many websites and apps the people are read from: the checks stop
/// at their limits, the strategies read them all.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Within {
    /// The number of websites whose managers are read.
    pub(crate) websites: usize,
    /// The number of apps whose responsible people are read.
    pub(crate) apps: usize,
}

impl Within {
    /// These limits if `any`, else no website and no app.
    fn or_none(self, any: bool) -> Within {
        if any { self } else { Within { websites: 0, apps: 0 } }
    }

    /// Every website and app.
    #[cfg(feature = "proptest")]
    pub(crate) const ALL: Within = Within {
        websites: usize::MAX,
        apps: usize::MAX,
    };
}

/// A responsible person with contact data, wherever it is written (the
/// personal filer's on the subject).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Responsible<'a> {
    pub(crate) at: PersonAt,
    pub(crate) name: &'a str,
    pub(crate) certificate: &'a Option<Certificate>,
    pub(crate) mobile: &'a str,
    pub(crate) emergency_phone: &'a str,
    pub(crate) email: &'a str,
    pub(crate) mobile_province: Option<Province>,
}

impl<'a> Responsible<'a> {
    fn filer(subject: &'a Subject) -> Self {
        Responsible {
            at: PersonAt::Subject,
            name: &subject.name,
            certificate: &subject.certificate,
            mobile: &subject.mobile,
            emergency_phone: &subject.emergency_phone,
            email: &subject.email,
            mobile_province: subject.mobile_province,
        }
    }

    fn person(at: PersonAt, p: &'a Person) -> Self {
        Responsible {
            at,
            name: &p.name,
            certificate: &p.certificate,
            mobile: &p.mobile,
            emergency_phone: &p.emergency_phone,
            email: &p.email,
            mobile_province: p.mobile_province,
        }
    }
}

impl PersonAt {
    /// The JSON Pointer of the object with the person's fields.
    pub(crate) fn path(self) -> String {
        match self {
            PersonAt::Subject => "/subject".into(),
            PersonAt::LegalRepresentative => "/subject/legal_representative".into(),
            PersonAt::Principal => "/subject/principal".into(),
            PersonAt::Manager(i) => format!("/websites/{i}/manager"),
            PersonAt::AppManager(i) => format!("/apps/{i}/manager"),
        }
    }

    /// The JSON Pointer of a field of the person (`certificate/number`).
    pub(crate) fn field(self, name: &str) -> String {
        format!("{}/{name}", self.path())
    }

    /// The name and certificate of the person here.
    pub(crate) fn identity(self, app: &Application) -> Option<(&str, &Option<Certificate>)> {
        let subject = app.subject.as_ref()?;
        let (name, certificate) = match self {
            PersonAt::Subject => (&subject.name, &subject.certificate),
            PersonAt::LegalRepresentative => {
                let l = subject.legal_representative.as_ref()?;
                (&l.name, &l.certificate)
            }
            PersonAt::Principal => {
                let p = subject.principal.as_ref()?;
                (&p.name, &p.certificate)
            }
            PersonAt::Manager(i) => {
                let m = app.websites.get(i)?.manager.as_ref()?;
                (&m.name, &m.certificate)
            }
            PersonAt::AppManager(i) => {
                let m = app.apps.get(i)?.manager.as_ref()?;
                (&m.name, &m.certificate)
            }
        };
        Some((name, certificate))
    }

    /// The certificate of the person here, to edit.
    #[cfg(feature = "proptest")]
    pub(crate) fn certificate_mut(self, app: &mut Application) -> Option<&mut Certificate> {
        let subject = app.subject.as_mut()?;
        match self {
            PersonAt::Subject => subject.certificate.as_mut(),
            PersonAt::LegalRepresentative => subject.legal_representative.as_mut()?.certificate.as_mut(),
            PersonAt::Principal => subject.principal.as_mut()?.certificate.as_mut(),
            PersonAt::Manager(i) => app.websites.get_mut(i)?.manager.as_mut()?.certificate.as_mut(),
            PersonAt::AppManager(i) => app.apps.get_mut(i)?.manager.as_mut()?.certificate.as_mut(),
        }
    }

    /// The contact data of the person here, to edit: (mobile, emergency
    /// phone, e-mail); `None` for a legal representative, who has none.
    #[cfg(feature = "proptest")]
    pub(crate) fn contact_mut(self, app: &mut Application) -> Option<(&mut String, &mut String, &mut String)> {
        let subject = app.subject.as_mut()?;
        let person = match self {
            PersonAt::Subject => return Some((&mut subject.mobile, &mut subject.emergency_phone, &mut subject.email)),
            PersonAt::LegalRepresentative => return None,
            PersonAt::Principal => subject.principal.as_mut()?,
            PersonAt::Manager(i) => app.websites.get_mut(i)?.manager.as_mut()?,
            PersonAt::AppManager(i) => app.apps.get_mut(i)?.manager.as_mut()?,
        };
        Some((&mut person.mobile, &mut person.emergency_phone, &mut person.email))
    }
}

/// Where the people of an application are, in document order: the
/// subject, the legal representative, the principal, the website managers,
/// the app managers (those present; nobody without a subject).
pub(crate) fn people(app: &Application, within: Within) -> impl Iterator<Item = PersonAt> + '_ {
    let subject = app.subject.as_ref();
    let within = within.or_none(subject.is_some());
    let legal = subject.and_then(|s| s.legal_representative.as_ref());
    let principal = subject.and_then(|s| s.principal.as_ref());
    let managers = app.websites.iter().take(within.websites).enumerate();
    let managers = managers.filter_map(|(i, w)| w.manager.as_ref().map(|_| PersonAt::Manager(i)));
    let app_managers = app.apps.iter().take(within.apps).enumerate();
    let app_managers = app_managers.filter_map(|(i, a)| a.manager.as_ref().map(|_| PersonAt::AppManager(i)));
    subject
        .map(|_| PersonAt::Subject)
        .into_iter()
        .chain(legal.map(|_| PersonAt::LegalRepresentative))
        .chain(principal.map(|_| PersonAt::Principal))
        .chain(managers)
        .chain(app_managers)
}

/// The responsible people with contact data, in document order: the
/// personal filer, the principal, the website managers, the app managers
/// (nobody without a subject).
pub(crate) fn responsible(app: &Application, within: Within) -> impl Iterator<Item = Responsible<'_>> {
    let subject = app.subject.as_ref();
    let within = within.or_none(subject.is_some());
    let filer = subject.filter(|s| s.filing_type() == Some(FilingType::Personal));
    let principal = subject.and_then(|s| s.principal.as_ref());
    let managers = app.websites.iter().take(within.websites).enumerate();
    let managers = managers.filter_map(|(i, w)| Some(Responsible::person(PersonAt::Manager(i), w.manager.as_ref()?)));
    let app_managers = app.apps.iter().take(within.apps).enumerate();
    let app_managers =
        app_managers.filter_map(|(i, a)| Some(Responsible::person(PersonAt::AppManager(i), a.manager.as_ref()?)));
    filer
        .map(Responsible::filer)
        .into_iter()
        .chain(principal.map(|p| Responsible::person(PersonAt::Principal, p)))
        .chain(managers)
        .chain(app_managers)
}
