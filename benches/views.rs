//! The multi-report views over a large library: a roll-up of 20,000 reports (by province, by
//! city, by level), the evaluator's list of them, the year's largest changes and an agency's
//! trend, each built from the library's compact entries as the explorer's first draw does. Run
//! with `cargo bench --bench views`; the target is each view well under a second (compared, in
//! the same run, with what loading those entries costs). On the 2-core machine: index 71 ms,
//! roll-up 56–59 ms, evaluator 279 ms, changes 73 ms, trend 0.18 ms.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use xxgk::compare::Thresholds;
use xxgk::grid::{Applicants, By, changes, evaluator, rollup, trend};
use xxgk::i18n::Lang;
use xxgk::library::{Entry, Library};
use xxgk::model::TableId;
use xxgk::synth::corpus;

const N: usize = 20_000;

fn bench(c: &mut Criterion) {
    let reports = corpus(N, 5, 50, 7);
    let entries: Vec<Entry> = reports.iter().map(|r| Entry::from_report(r, 0, 0)).collect();
    let lib = Library::from_entries(entries.clone());
    let all: Vec<usize> = (0..lib.entries.len()).collect();
    let mut g = c.benchmark_group("views");
    g.sample_size(10);
    g.bench_function("index 20k entries (reference)", |b| {
        b.iter(|| black_box(Library::from_entries(entries.clone())))
    });
    for by in [By::Province, By::City, By::Level] {
        g.bench_function(format!("rollup 20k by {by:?}"), |b| {
            b.iter(|| black_box(rollup(&lib, &all, by, None, 30.0, Lang::Zh)))
        });
    }
    // The evaluator's list checks every report (its rules and the cross-year pairs).
    g.bench_function("evaluator 20k", |b| {
        b.iter(|| black_box(evaluator(&lib, &all, None, Lang::Zh)))
    });
    g.bench_function("changes 20k", |b| {
        b.iter(|| black_box(changes(&lib, None, 2023, &Thresholds::default(), 500, Lang::Zh)))
    });
    let group: Vec<usize> = lib.groups.first().cloned().unwrap_or_default();
    g.bench_function("trend of one agency", |b| {
        b.iter(|| {
            let reports: Vec<_> = group
                .iter()
                .filter_map(|&i| lib.entries.get(i))
                .map(|e| e.to_report())
                .collect();
            let findings: Vec<_> = group.iter().flat_map(|&i| lib.findings_of(i)).collect();
            black_box(trend(
                &reports,
                &findings,
                TableId::T2,
                &Applicants::One("total".into()),
                false,
                Lang::Zh,
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
