//! [proptest] strategies for testing code built on this crate (feature
//! `proptest`): valid applications for every province and filing type, and
//! mutations that break exactly one rule and say which finding they must
//! cause.
//!
//! - [`valid_application`] generates applications of one province and
//!   filing type that the embedded rules accept on [`AS_OF`] without an
//!   error or a warning (at most the info finding of an operating website),
//!   with up to two apps, mini programs or quick apps beside the websites;
//!   [`any_valid_application`] covers the 31 provinces and both filing
//!   types.
//! - A [`Mutation`] ([`mutation`]) edits such an application so that it
//!   breaks exactly one rule, and returns the [`ExpectedFinding`]: the
//!   [`Code`] and the JSON Pointer the report must then contain. Every other
//!   error or warning of the report was already there before the edit.
//!   [`MutationKind::ALL`] lists the mutations, at least one per family of
//!   codes (input, subject, certificates, people, websites, domains,
//!   hosting, submission, apps). [`mutated_application`] combines both.
//! - [`valid_order`] generates orders of one [`Operation`] in one province
//!   (a first filing, or an order against the filing on record, its
//!   `existing`), derived from valid first filings and accepted in the same
//!   way; [`any_valid_order`] covers the 31 provinces and every operation.
//! - An [`OperationMutation`] ([`operation_mutation`]) breaks exactly one
//!   rule of such an order, a rule of the order against its record or of
//!   the sections its operation takes, and returns the [`ExpectedFinding`]
//!   in the same way; [`OperationMutationKind::ALL`] lists them, at least
//!   one per `operation.*` code and `field.required` / `field.not_allowed`
//!   by operation. [`mutated_order`] combines both.
//!
//! ```
//! use beian::strategy::{OperationMutation, OperationMutationKind, valid_order};
//! use beian::{Operation, Province};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     // In a test module, put `#[test]` here.
//!     fn a_change_equal_to_the_record_is_reported(
//!         order in valid_order(Province::Guangdong, Operation::ChangeSubject),
//!         choice in any::<u64>(),
//!     ) {
//!         let mut unchanged = order.clone();
//!         let mutation = OperationMutation::new(OperationMutationKind::NothingChanged, choice);
//!         let expected = mutation.apply(&mut unchanged).expect("a change order to undo");
//!         let report = beian::validate(&unchanged);
//!         prop_assert!(report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path));
//!     }
//! }
//!
//! a_change_equal_to_the_record_is_reported();
//! ```
//!
//! The applications carry `as_of` = [`AS_OF`], so their reports do not
//! depend on the day the tests run. They are made for the embedded rule
//! set of this version of the crate: a changed rule set may refuse some.
//!
//! ```
//! use beian::strategy::{Mutation, MutationKind, valid_application};
//! use beian::{FilingType, Province};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     // In a test module, put `#[test]` here.
//!     fn my_form_accepts_what_beian_accepts(
//!         app in valid_application(Province::Zhejiang, FilingType::Personal),
//!     ) {
//!         // e.g. render `app` in the form under test, submit it, read it back…
//!         let report = beian::validate(&app);
//!         prop_assert!(report.is_ok(), "{:#?}", report.findings);
//!     }
//!
//!     fn a_blank_field_is_reported(
//!         app in valid_application(Province::Guangdong, FilingType::Entity),
//!         choice in any::<u64>(),
//!     ) {
//!         let mut broken = app.clone();
//!         let mutation = Mutation::new(MutationKind::BlankRequiredField, choice);
//!         let expected = mutation.apply(&mut broken).expect("a required field to blank");
//!         let report = beian::validate(&broken);
//!         prop_assert!(!report.is_ok());
//!         prop_assert!(report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path));
//!     }
//! }
//!
//! my_form_accepts_what_beian_accepts();
//! a_blank_field_is_reported();
//! ```
//!
//! The number of cases is proptest's: 256 by default, or the
//! `PROPTEST_CASES` environment variable.

mod apps;
mod mutation;
mod names;
mod operation;
mod profile;
mod valid;

use jiff::civil::Date;

#[cfg(doc)]
use crate::code::Code;
#[cfg(doc)]
use crate::vocabulary::Operation;

pub use mutation::{ExpectedFinding, Mutation, MutationKind, mutated_application, mutation};
pub use operation::{
    OperationMutation, OperationMutationKind, any_valid_order, mutated_order, operation_mutation, valid_order,
};
pub use valid::{any_valid_application, valid_application};

/// The evaluation date of generated applications (their `as_of`):
/// 2026-11-27. Certificates, domains and servers are valid for long enough
/// after it, people are adults on it.
pub const AS_OF: Date = jiff::civil::date(2026, 11, 27);
