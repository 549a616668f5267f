//! JSON bytes → application → report: parsing and validation must never
//! panic, and the report must be consistent and serialisable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(app) = beian::Application::from_json(text) else { return };
    let report = beian::validate(&app);
    assert_eq!(report.is_ok(), report.errors().next().is_none());
    let json = report.to_json();
    let back: beian::Report = serde_json::from_str(&json).expect("a report parses back");
    assert_eq!(back, report);
});
