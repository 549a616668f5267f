//! Subject checks: whether the certificates fit the subject and the roles.

use crate::application::Certificate;
use crate::code::Code;
use crate::validator::{Context, params};
use crate::vocabulary::CertificateKind;

pub(crate) fn check(cx: &mut Context<'_>) {
    let Some(subject) = &cx.app.subject else { return };
    let kinds = &{ cx.rules }.certificates;
    if let (Some(subject_kind), Some(kind)) = (subject.kind, subject.certificate.as_ref().and_then(|c| c.kind)) {
        let rule = kinds.kind(kind);
        if !rule.subjects.contains(&subject_kind) {
            let params = params! {
                "kind" => kind.as_str(),
                "subject_kind" => subject_kind.as_str(),
                "accepted" => accepted(cx, subject_kind),
            };
            cx.flag(
                Code::SubjectCertificateKindMismatch,
                "/subject/certificate/kind",
                &rule.rule,
                params,
            );
        }
    }

    // The people's certificates must identify a person.
    let mut people: Vec<(String, &Option<Certificate>)> = Vec::new();
    if let Some(l) = &subject.legal_representative {
        people.push(("/subject/legal_representative".into(), &l.certificate));
    }
    if let Some(p) = &subject.principal {
        people.push(("/subject/principal".into(), &p.certificate));
    }
    for (i, w) in cx.websites() {
        if let Some(m) = &w.manager {
            people.push((format!("/websites/{i}/manager"), &m.certificate));
        }
    }
    for (path, certificate) in people {
        let Some(kind) = certificate.as_ref().and_then(|c| c.kind) else {
            continue;
        };
        if !kind.is_personal() {
            let params = params! { "kind" => kind.as_str(), "subject_kind" => "person" };
            let rule = &kinds.kind(kind).rule;
            cx.flag(
                Code::SubjectCertificateKindMismatch,
                format!("{path}/certificate/kind"),
                rule,
                params,
            );
        }
    }
}

/// The certificate kinds that fit a subject kind.
fn accepted(cx: &Context<'_>, subject_kind: crate::SubjectKind) -> Vec<&'static str> {
    CertificateKind::ALL
        .iter()
        .filter(|k| cx.rules.certificates.kind(**k).subjects.contains(&subject_kind))
        .map(|k| k.as_str())
        .collect()
}
