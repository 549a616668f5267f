//! The input limits: what is over them is reported once (`input.too_large`)
//! and read by no other check.

/// The most websites, apps, domains per website or app, items in any
/// other list, and characters in any string that are checked
/// (`input.too_large`).
pub(crate) const MAX_WEBSITES: usize = 100;
pub(crate) const MAX_APPS: usize = 100;
pub(crate) const MAX_DOMAINS: usize = 100;
pub(crate) const MAX_LIST: usize = 100;
pub(crate) const MAX_CHARS: usize = 1000;
