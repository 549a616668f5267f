//! The resident memory of a compiled rule set (what a `Validator` holds):
//! the growth of the process's resident set size (Linux `/proc/self/statm`)
//! when the rule set is compiled from the crate's `rules/` directory. Prints
//! one line; `cargo bench --bench memory`.

fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let Some(before) = resident_bytes() else {
        println!("rules/resident_memory: not measured (no /proc/self/statm)");
        return;
    };
    let rules = beian::RuleSet::from_dir(dir).expect("the crate's rules load");
    let validator = beian::Validator::new(&rules);
    let after = resident_bytes().unwrap_or(before);
    let growth = after.saturating_sub(before);
    println!(
        "rules/resident_memory: {:.1} MiB ({growth} bytes) for {} rules",
        growth as f64 / (1024.0 * 1024.0),
        validator.rules().rules().count()
    );
}
