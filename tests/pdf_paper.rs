//! The PDF layouts (issue 18, items 4 and 5), read back with poppler:
//! every name is in the text (Hangul too), badges per page and list pages
//! are what they say, the check-in list is sorted by family name, the
//! receipt has its lines and total, and a name no font can draw is
//! reported instead of printed as boxes silently.

mod paper_tools;

use chrono::{NaiveDate, TimeZone as _, Utc};
use confdesk::app::pdf::{
    BadgeSize, BadgeView, CheckInRow, ConferenceHeading, FontSet, Paper, ReceiptLine, ReceiptView,
    badges_pdf, checkin_list_pdf, receipt_pdf,
};
use confdesk::domain::message::Words;
use confdesk::domain::{Currency, Message, Money};
use confdesk::ui::i18n::{Lang, words_in};
use paper_tools::{page_count, pages_text, poppler, render_page};
use std::path::PathBuf;

fn conference() -> ConferenceHeading {
    ConferenceHeading {
        name: "CQRS Summit".into(),
        start: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    }
}

fn badge(name: &str, seat_type: &str) -> BadgeView {
    BadgeView {
        name: name.into(),
        seat_type: seat_type.into(),
        order_code: "ABC123".into(),
        qr_text: "ABC123".into(),
    }
}

/// Writes `paper` to a temp file; the folder lives as long as the path is used.
fn saved(paper: &Paper) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, &paper.bytes).unwrap();
    (dir, path)
}

const NAMES: [&str; 6] = [
    "Ana Souza",
    "김민준",
    "Zoë Ærø",
    "Дмитрий Иванов",
    "佐藤 さくら",
    "Νίκος Παπαδόπουλος",
];

#[test]
fn a4_sheets_hold_eight_badges_and_every_name_reads_back() {
    if !poppler() {
        return;
    }
    let badges: Vec<BadgeView> = (0..17)
        .map(|i| badge(NAMES[i % NAMES.len()], "General admission"))
        .collect();
    let words = words_in(Lang::En);
    let paper = badges_pdf(
        &conference(),
        &badges,
        BadgeSize::A4,
        &words,
        FontSet::new(),
    )
    .unwrap();
    assert_eq!(paper.pages, 3);
    assert!(paper.missing.is_empty(), "{:?}", paper.missing);
    let (_dir, path) = saved(&paper);
    assert_eq!(page_count(&path), 3);
    let pages = pages_text(&path);
    assert_eq!(pages.len(), 3);
    let all = pages.concat();
    for name in NAMES {
        assert!(all.contains(name), "{name} missing from:\n{all}");
    }
    assert_eq!(pages[0].matches("General admission").count(), 8);
    assert_eq!(pages[2].matches("General admission").count(), 1);
    assert!(pages[0].contains("CQRS Summit"));
    assert!(!render_page(&path, 1, 30).is_empty());
}

#[test]
fn a6_and_label_sizes_put_one_badge_on_each_page() {
    if !poppler() {
        return;
    }
    let badges: Vec<BadgeView> = NAMES.iter().map(|n| badge(n, "Workshop")).collect();
    let words = words_in(Lang::En);
    for size in [BadgeSize::A6, BadgeSize::Label] {
        let paper = badges_pdf(&conference(), &badges, size, &words, FontSet::new()).unwrap();
        let (_dir, path) = saved(&paper);
        assert_eq!(page_count(&path), NAMES.len(), "{size:?}");
        let pages = pages_text(&path);
        for (page, name) in pages.iter().zip(NAMES) {
            assert!(
                page.contains(name),
                "{size:?}: {name} not on its page:\n{page}"
            );
        }
    }
}

#[test]
fn a_long_name_shrinks_to_fit_and_a_blank_badge_has_a_line_to_write_on() {
    if !poppler() {
        return;
    }
    let long = "Maximiliane Alexandra von Hohenzollern-Sigmaringen";
    let badges = [badge(long, "General admission"), badge("", "Workshop")];
    let words = words_in(Lang::En);
    let paper = badges_pdf(
        &conference(),
        &badges,
        BadgeSize::A4,
        &words,
        FontSet::new(),
    )
    .unwrap();
    let (_dir, path) = saved(&paper);
    let text = pages_text(&path).concat();
    assert!(text.contains(long), "the long name was cut:\n{text}");
    assert!(!text.contains('…'));
    assert!(text.contains("Name"), "the blank badge's label:\n{text}");
}

#[test]
fn a_name_no_font_can_draw_is_reported_not_dropped() {
    let strange = "Ana \u{F0000}\u{F0001}";
    let badges = [
        badge(strange, "General admission"),
        badge("김민준", "Workshop"),
    ];
    let words = words_in(Lang::En);
    let paper = badges_pdf(
        &conference(),
        &badges,
        BadgeSize::A4,
        &words,
        FontSet::bundled_only(),
    )
    .unwrap();
    assert_eq!(paper.missing, [strange.to_owned()]);
}

/// `n` people with unique family names, shuffled, over two seat types.
fn list_rows(n: usize) -> Vec<CheckInRow> {
    (0..n)
        .map(|i| {
            // A fixed shuffle: 7919 is prime, so i ↦ i·7919 mod n is a permutation when n is not its multiple.
            let k = (i * 7919) % n;
            CheckInRow {
                seat_type: if k.is_multiple_of(3) {
                    "Workshop"
                } else {
                    "General admission"
                }
                .into(),
                given: format!("Given{k:04}"),
                family: format!("Family{k:04}"),
                name: format!("Given{k:04} Family{k:04}"),
                email: format!("p{k}@example.com"),
                order_code: "XY12ZW".into(),
                registrant: false,
            }
        })
        .collect()
}

#[test]
fn a_thousand_attendees_list_sorted_by_family_name_with_page_n_of_m() {
    if !poppler() {
        return;
    }
    let mut rows = list_rows(1000);
    rows.push(CheckInRow {
        seat_type: "General admission".into(),
        given: "민준".into(),
        family: "김".into(),
        name: "김민준".into(),
        email: "mj@example.kr".into(),
        order_code: "KIM123".into(),
        registrant: false,
    });
    let seat_types = ["General admission".to_owned(), "Workshop".to_owned()];
    let words = words_in(Lang::En);
    let paper = checkin_list_pdf(
        &conference(),
        rows,
        &seat_types,
        "1 Dec 2026, 08:00",
        &words,
        FontSet::new(),
    )
    .unwrap();
    let (_dir, path) = saved(&paper);
    let pages = pages_text(&path);
    let total = paper.pages;
    assert!(total > 20, "{total} pages for 1,001 rows");
    assert_eq!(page_count(&path), total);
    assert_eq!(pages.len(), total);
    for (i, page) in pages.iter().enumerate() {
        let want = format!("page {} of {total}", i + 1);
        assert!(page.contains(&want), "page {} lacks {want:?}", i + 1);
        assert!(page.contains("printed at 1 Dec 2026, 08:00"));
        assert!(page.contains("CQRS Summit"));
    }
    let text = pages.concat();
    assert!(text.contains("김민준"));
    // Within each section the family names come in order; General admission first.
    let workshop_at = text.find("Workshop: ").unwrap();
    for (section, range) in [
        ("General", 0..workshop_at),
        ("Workshop", workshop_at..text.len()),
    ] {
        let part = &text[range];
        let families: Vec<&str> = part
            .match_indices("Family")
            .map(|(at, _)| &part[at..at + 10])
            .collect();
        let mut sorted = families.clone();
        sorted.sort_unstable();
        assert_eq!(families, sorted, "{section} not sorted");
        assert!(!families.is_empty());
    }
    let listed = text.matches("@example.").count();
    assert_eq!(listed, 1001);
    assert!(
        text.contains("General admission: 667 seats"),
        "heading with its count"
    );
    assert!(text.contains("(continued)"));
}

fn receipt() -> ReceiptView {
    let usd = Currency::parse("USD").unwrap();
    ReceiptView {
        conference: conference(),
        order_code: "QR7K2M".into(),
        registrant: Some("김민준".into()),
        registrant_email: Some("mj@example.kr".into()),
        lines: vec![
            ReceiptLine {
                seat_type: "General admission".into(),
                unit_price: Money::new(19_900, usd),
                quantity: 2,
                line_total: Money::new(39_800, usd),
            },
            ReceiptLine {
                seat_type: "Workshop".into(),
                unit_price: Money::new(50_000, usd),
                quantity: 1,
                line_total: Money::new(50_000, usd),
            },
        ],
        total: Money::new(89_800, usd),
        paid_at: Utc.with_ymd_and_hms(2026, 11, 25, 9, 5, 0).unwrap(),
        payment_method: None,
    }
}

#[test]
fn a_receipt_lists_each_line_the_total_and_a_dash_for_an_unrecorded_method() {
    if !poppler() {
        return;
    }
    let words = words_in(Lang::En);
    let printed = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
    let paper = receipt_pdf(&receipt(), printed, &words, FontSet::new()).unwrap();
    let (_dir, path) = saved(&paper);
    assert_eq!(page_count(&path), 1);
    let text = pages_text(&path).concat();
    for want in [
        "Receipt",
        "CQRS Summit",
        "QR7K2M",
        "김민준",
        "mj@example.kr",
        "General admission",
        "Workshop",
        "Total",
        "Payment method",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    for m in [19_900, 39_800, 50_000, 89_800] {
        let amount = words.money(Money::new(m, Currency::parse("USD").unwrap()));
        assert!(text.contains(&amount), "{amount} missing:\n{text}");
    }
    let method_line = text.lines().find(|l| l.contains("Payment method")).unwrap();
    assert!(method_line.contains('—'), "{method_line}");
}

#[test]
fn a_receipt_in_korean_uses_the_korean_words_and_shows_a_recorded_method() {
    if !poppler() {
        return;
    }
    let words = words_in(Lang::Ko);
    let mut r = receipt();
    r.payment_method = Some(Message::new("Receipt"));
    let printed = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
    let paper = receipt_pdf(&r, printed, &words, FontSet::new()).unwrap();
    let (_dir, path) = saved(&paper);
    let text = pages_text(&path).concat();
    for want in ["영수증", "합계", "결제 수단", "주문 코드"] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    let method_line = text.lines().find(|l| l.contains("결제 수단")).unwrap();
    assert!(
        method_line.contains("영수증"),
        "the method's words: {method_line}"
    );
}

#[test]
fn a_script_the_bundled_font_lacks_is_drawn_with_a_system_font_when_there_is_one() {
    let arabic = "سارة";
    let badges = [badge(arabic, "Workshop")];
    let words = words_in(Lang::En);
    let with_system = badges_pdf(
        &conference(),
        &badges,
        BadgeSize::A6,
        &words,
        FontSet::new(),
    )
    .unwrap();
    let bundled = badges_pdf(
        &conference(),
        &badges,
        BadgeSize::A6,
        &words,
        FontSet::bundled_only(),
    )
    .unwrap();
    // NanumGothic has no Arabic: alone, it reports the name.
    assert_eq!(bundled.missing, [arabic.to_owned()]);
    let has_arabic_font = std::process::Command::new("fc-list")
        .arg(":lang=ar")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    if !has_arabic_font {
        eprintln!("SKIP: no system font with Arabic (fc-list :lang=ar) — fallback not checked");
        return;
    }
    assert!(with_system.missing.is_empty(), "{:?}", with_system.missing);
}
