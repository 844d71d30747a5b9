//! The Korean half of the translation table: English text → 한국어.

/// Korean for `english`, if the table has it.
pub(super) fn lookup(english: &str) -> Option<&'static str> {
    TABLE
        .binary_search_by(|(en, _)| (*en).cmp(english))
        .ok()
        .and_then(|i| TABLE.get(i))
        .map(|(_, ko)| *ko)
}

/// Sorted by the English text (a test checks the order).
pub(super) static TABLE: &[(&str, &str)] = &[
    ("As of…", "기준 시점…"),
    ("Back to now", "현재로 돌아가기"),
    ("Cancel", "취소"),
    ("Check in", "체크인"),
    ("Check-ins", "체크인 수"),
    ("Check-ins per 15 minutes (UTC)", "15분당 체크인 (UTC)"),
    ("Checked in", "체크인 완료"),
    ("Close history", "이력 닫기"),
    ("Confirmed orders", "확정된 주문"),
    ("Dashboard", "대시보드"),
    ("Left", "남음"),
    ("No-shows so far", "현재까지 불참"),
    ("Order history", "주문 이력"),
    ("Orders", "주문"),
    ("Orders per day (UTC)", "일별 주문 (UTC)"),
    (
        "Past view: as of {when} — read-only",
        "과거 보기: {when} 기준 — 읽기 전용",
    ),
    (
        "Replaying {done} of {total} events",
        "이벤트 {total}개 중 {done}개 재생 중",
    ),
    ("Reserved", "예약됨"),
    ("Revenue", "매출"),
    (
        "Revenue per day ({currency}, UTC)",
        "일별 매출 ({currency}, UTC)",
    ),
    ("Revenue to date", "현재까지 매출"),
    ("Seats left", "남은 좌석"),
    ("Seats per seat type", "좌석 유형별 좌석"),
    ("Seats sold", "판매된 좌석"),
    ("Show past view", "과거 보기"),
    ("Sold", "판매됨"),
    (
        "This conference did not exist yet.",
        "이 시점에는 아직 없던 컨퍼런스입니다.",
    ),
    ("Time (local)", "시각 (현지)"),
    (
        "date: use YYYY-MM-DD, e.g. 2026-12-01",
        "날짜: YYYY-MM-DD 형식으로 입력하세요 (예: 2026-12-01)",
    ),
    ("not started", "시작 전"),
    (
        "time: this local time does not exist (clock change)",
        "시각: 이 현지 시각은 존재하지 않습니다 (시간 변경)",
    ),
    (
        "time: use HH:MM or HH:MM:SS, e.g. 14:30",
        "시각: HH:MM 또는 HH:MM:SS 형식으로 입력하세요 (예: 14:30)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_by_english_without_duplicates() {
        for pair in TABLE.windows(2) {
            if let [(a, _), (b, _)] = pair {
                assert!(a < b, "{a:?} must come before {b:?}");
            }
        }
        assert_eq!(lookup("Dashboard"), Some("대시보드"));
        assert_eq!(lookup("No such text"), None);
    }
}
