use super::solve::{Verdict, agreed, balance};
use super::*;

const ROW: [SumGroup; 1] = [SumGroup { start: 0, len: 7 }];

fn slots(texts: &[&str]) -> Vec<Slot> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Slot {
            tok: i,
            val: Num::parse(t).map_or(Val::Unreadable, Val::Num),
            digits: t.bytes().all(|b| b.is_ascii_digit()).then(|| t.to_string()),
            alone: true,
        })
        .collect()
}

fn values(r: &Reading) -> Vec<i64> {
    r.iter()
        .map(|c| match &c.val {
            Val::Num(n) => n.as_i64().unwrap_or(-1),
            Val::Blank => -2,
            Val::Unreadable => -3,
        })
        .collect()
}

const COLLAPSED: Channel = Channel {
    collapsed: true,
    omits_blanks: false,
    joins: true,
    run_together: false,
};

fn all(r: &RowReadings) -> Vec<Vec<i64>> {
    r.all().iter().map(values).collect()
}

#[test]
fn a_collapsed_row_has_one_reading_when_the_total_decides() {
    let r = readings(&slots(&["1", "0", "1"]), 7, COLLAPSED, &ROW, false);
    assert_eq!(all(&r), vec![vec![1, 0, 0, 0, 0, 0, 1]]);
    let r = readings(&slots(&["0"]), 7, COLLAPSED, &ROW, false);
    assert_eq!(all(&r), vec![vec![0; 7]]);
}

#[test]
fn a_collapsed_row_can_have_several_readings() {
    let r = readings(&slots(&["19", "0", "1", "0", "20"]), 7, COLLAPSED, &ROW, false);
    let got = all(&r);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.contains(&vec![19, 0, 1, 0, 0, 0, 20]));
    assert!(got.contains(&vec![19, 0, 0, 0, 1, 0, 20]));
}

#[test]
fn digits_broken_over_lines_are_joined_only_where_the_sums_say_so() {
    let r = readings(&slots(&["1", "62", "0", "1", "62"]), 7, COLLAPSED, &ROW, false);
    assert_eq!(all(&r), vec![vec![162, 0, 0, 0, 0, 0, 162]]);
    // `0` never starts a number: `0` `5` is two cells.
    let ch = Channel {
        collapsed: false,
        ..COLLAPSED
    };
    let r = readings(&slots(&["2", "7", "0", "0", "0", "0", "0", "27"]), 7, ch, &ROW, false);
    assert_eq!(all(&r), vec![vec![27, 0, 0, 0, 0, 0, 27]]);
}

#[test]
fn a_row_that_fits_is_read_as_printed_even_if_it_does_not_add_up() {
    let r = readings(&slots(&["1", "0", "0", "0", "0", "1", "1"]), 7, COLLAPSED, &ROW, false);
    assert!(matches!(r, RowReadings::Fits(_)));
    assert_eq!(all(&r), vec![vec![1, 0, 0, 0, 0, 1, 1]]);
}

#[test]
fn a_bare_item_number_of_the_next_row_may_be_dropped() {
    let ch = Channel {
        collapsed: false,
        omits_blanks: false,
        joins: false,
        run_together: false,
    };
    let r = readings(&slots(&["1", "0", "0", "0", "0", "0", "1", "2"]), 7, ch, &ROW, true);
    assert_eq!(all(&r), vec![vec![1, 0, 0, 0, 0, 0, 1]]);
    let r = readings(&slots(&["1", "0", "0", "0", "0", "0", "1", "2"]), 7, ch, &ROW, false);
    assert_eq!(r, RowReadings::None);
}

#[test]
fn omitted_blanks_place_what_the_sums_decide() {
    let ch = Channel {
        collapsed: false,
        omits_blanks: true,
        joins: false,
        run_together: false,
    };
    let r = readings(&slots(&["5", "1", "6"]), 7, ch, &ROW, false);
    let refs: Vec<&Reading> = r.all().iter().collect();
    assert!(refs.len() > 1);
    let a = agreed(&refs, 7);
    assert_eq!(
        a.get(6).copied().flatten().map(|c| c.val.clone()),
        Some(Val::Num(Num::int(6)))
    );
    assert!(a.first().copied().flatten().is_none());
}

#[test]
fn a_row_with_no_reading_that_adds_up_has_none() {
    let r = readings(&slots(&["5", "3", "9"]), 7, COLLAPSED, &ROW, false);
    assert_eq!(r, RowReadings::None);
}

/// Table 2 rows (new, carried_in, outcomes…, results_total, carried_out) from value lists.
fn table(rows: &[Vec<Vec<i64>>]) -> Vec<Vec<Reading>> {
    rows.iter()
        .map(|cands| {
            cands
                .iter()
                .map(|vals| {
                    vals.iter()
                        .map(|&v| Cell {
                            val: Val::Num(Num::int(v)),
                            src: Src::Omitted,
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_balance_decides_between_readings() {
    let a = vec![0, 1, 0, 0, 0, 0, 1];
    let b = vec![0, 0, 1, 0, 0, 0, 1];
    let z = vec![0; 7];
    // new_received ambiguous; the outcome row and results_total fixed in column 2.
    let t = table(&[
        vec![a.clone(), b.clone()],
        vec![z.clone()],
        vec![b.clone()],
        vec![z.clone()],
        vec![b.clone()],
        vec![z.clone()],
    ]);
    let rows: Vec<&[Reading]> = t.iter().map(Vec::as_slice).collect();
    assert_eq!(
        balance(&rows),
        Verdict::Viable(vec![
            vec![false, true],
            vec![true],
            vec![true],
            vec![true],
            vec![true],
            vec![true]
        ])
    );
}

#[test]
fn two_valid_tables_leave_both_readings_viable() {
    let a = vec![0, 1, 0, 0, 0, 0, 1];
    let b = vec![0, 0, 1, 0, 0, 0, 1];
    let z = vec![0; 7];
    let t = table(&[
        vec![a.clone(), b.clone()],
        vec![z.clone()],
        vec![a.clone(), b.clone()],
        vec![a.clone(), b.clone()],
        vec![z.clone()],
    ]);
    let rows: Vec<&[Reading]> = t.iter().map(Vec::as_slice).collect();
    let Verdict::Viable(v) = balance(&rows) else {
        panic!("solvable")
    };
    assert_eq!(v.first(), Some(&vec![true, true]));
}

#[test]
fn no_solution_is_said() {
    let a = vec![0, 1, 0, 0, 0, 0, 1];
    let z = vec![0; 7];
    let t = table(&[
        vec![a.clone()],
        vec![z.clone()],
        vec![z.clone()],
        vec![z.clone()],
        vec![z.clone()],
    ]);
    let rows: Vec<&[Reading]> = t.iter().map(Vec::as_slice).collect();
    assert_eq!(balance(&rows), Verdict::NoSolution);
}

#[test]
fn long_rows_stay_bounded() {
    let texts: Vec<String> = (0..60).map(|i| (i % 9 + 1).to_string()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let t3 = [
        SumGroup { start: 0, len: 5 },
        SumGroup { start: 5, len: 5 },
        SumGroup { start: 10, len: 5 },
    ];
    let r = readings(&slots(&refs), 15, COLLAPSED, &t3, false);
    assert!(matches!(r, RowReadings::None | RowReadings::TooMany), "{r:?}");
    let ch = Channel {
        omits_blanks: true,
        collapsed: false,
        ..COLLAPSED
    };
    let r = readings(&slots(&refs[..14]), 15, ch, &t3, false);
    assert!(!matches!(r, RowReadings::Fits(_)));
}

#[test]
fn a_collapsed_row_that_fits_but_does_not_add_up_is_read_the_other_ways() {
    // 29 0 0 1 0 29 59 with 29 broken over two lines and the two 0 merged: seven tokens.
    let r = readings(
        &slots(&["2", "9", "0", "1", "0", "29", "59"]),
        7,
        COLLAPSED,
        &ROW,
        false,
    );
    let got = all(&r);
    assert!(got.contains(&vec![29, 0, 0, 1, 0, 29, 59]), "{got:?}");
    assert!(
        !got.contains(&vec![2, 9, 0, 1, 0, 29, 59]),
        "the printed reading does not add up"
    );
    assert!(got.iter().all(|r| r.iter().take(6).sum::<i64>() == 59));
    // Nothing else adds up either: as printed.
    let r = readings(&slots(&["5", "3", "0", "1", "0", "2", "9"]), 7, COLLAPSED, &ROW, false);
    assert!(matches!(r, RowReadings::Fits(_)));
}
