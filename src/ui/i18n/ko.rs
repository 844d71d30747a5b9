//! The Korean half of the translation table: English text → 한국어.
//!
//! Screens' `tr("…")` strings and the keys of every `Message` (the English
//! templates of the domain, app, store and window) share this one table.
//! Keep it sorted by the English text (byte order; a test checks it), and
//! keep every `{placeholder}`; a plural form `{n|seat|seats}` is written
//! as plain `{n}` in Korean, which has none.

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
    ("  access code: {code}", "  액세스 코드: {code}"),
    ("  e-mail: {email}", "  이메일: {email}"),
    ("  slug: {slug}", "  슬러그: {slug}"),
    (
        "'{code}' is not an ISO 4217 code this desk knows (e.g. EUR, USD, KRW)",
        "'{code}'은(는) 이 데스크가 아는 ISO 4217 코드가 아닙니다 (예: EUR, USD, KRW)",
    ),
    (
        "'{email}' cannot be written as a mail address",
        "'{email}'은(는) 메일 주소로 쓸 수 없습니다",
    ),
    (
        "'{file}' is a link to a missing file",
        "'{file}'은(는) 없는 파일을 가리키는 링크입니다",
    ),
    (
        "'{file}' is a name reserved for the open event log's own files: choose another name",
        "'{file}'은(는) 열려 있는 이벤트 로그의 파일에 쓰는 이름입니다: 다른 이름을 고르세요",
    ),
    (
        "'{file}' is an event log (a database file): choose another name",
        "'{file}'은(는) 이벤트 로그(데이터베이스 파일)입니다: 다른 이름을 고르세요",
    ),
    (
        "'{file}' is not a regular file",
        "'{file}'은(는) 일반 파일이 아닙니다",
    ),
    (
        "'{file}' is not a regular file (a FIFO)",
        "'{file}'은(는) 일반 파일이 아닙니다 (FIFO)",
    ),
    (
        "'{file}' is not a regular file (a device)",
        "'{file}'은(는) 일반 파일이 아닙니다 (장치)",
    ),
    (
        "'{file}' is not a regular file (a folder)",
        "'{file}'은(는) 일반 파일이 아닙니다 (폴더)",
    ),
    (
        "'{file}' is not a regular file (a socket)",
        "'{file}'은(는) 일반 파일이 아닙니다 (소켓)",
    ),
    (
        "'{file}' is the open event log: choose another name",
        "'{file}'은(는) 지금 열려 있는 이벤트 로그입니다: 다른 이름을 고르세요",
    ),
    (
        "'{name}' is already a seat type of this conference",
        "'{name}'은(는) 이미 이 행사의 좌석 유형입니다",
    ),
    (
        "'{name}' is named more than once: give each seat type once",
        "'{name}'이(가) 두 번 이상 지정되었습니다: 좌석 유형마다 한 번만 지정하세요",
    ),
    (
        "'{name}' is not a seat type of this conference",
        "'{name}'은(는) 이 행사의 좌석 유형이 아닙니다",
    ),
    ("'{path}' does not exist", "'{path}'이(가) 없습니다"),
    (
        "'{path}' is a folder: type a file's name",
        "'{path}'은(는) 폴더입니다: 파일 이름을 입력하세요",
    ),
    (
        "'{slug}' is already used by another conference",
        "'{slug}'은(는) 이미 다른 행사가 사용 중입니다",
    ),
    (
        "'{text}' is not an amount in {currency}: use digits with at most {digits} decimals, e.g. {example}",
        "'{text}'은(는) {currency} 금액이 아닙니다. 소수점 이하 최대 {digits}자리의 숫자로 입력하세요 (예: {example})",
    ),
    (
        "'{value}' is not a URL ({detail}); use smtp://user@host:587 or smtps://user@host:465",
        "'{value}'은(는) URL이 아닙니다 ({detail}). smtp://user@host:587 또는 smtps://user@host:465 형식을 쓰세요",
    ),
    (
        "'{value}' is not an RFC 3339 time; use e.g. 2026-11-25T09:00:00Z",
        "'{value}'은(는) RFC 3339 시각이 아닙니다. 예: 2026-11-25T09:00:00Z",
    ),
    (
        "'{value}' is not an e-mail address ({detail})",
        "'{value}'은(는) 이메일 주소가 아닙니다 ({detail})",
    ),
    (
        "--access-code -: could not read standard input: {detail}",
        "--access-code -: 표준 입력을 읽을 수 없습니다: {detail}",
    ),
    (
        "--access-code -: standard input held no access code (its first line is empty)",
        "--access-code -: 표준 입력에 접근 코드가 없습니다 (첫 줄이 비어 있음)",
    ),
    (
        "--access-code: could not ask for it on the terminal: {detail}",
        "--access-code: 터미널에서 입력받을 수 없습니다: {detail}",
    ),
    (
        "--access-code: no access code was typed",
        "--access-code: 접근 코드를 입력하지 않았습니다",
    ),
    (
        "--slug and --email are both needed for the organizer's cancel",
        "주최자 취소에는 --slug와 --email이 모두 필요합니다",
    ),
    ("= Registrant", "= 등록자"),
    (
        "A check-in queued offline was refused: {reason}",
        "오프라인에서 대기한 체크인이 거부되었습니다: {reason}",
    ),
    (
        "A crash report was saved: {path}",
        "오류 보고서를 저장했습니다: {path}",
    ),
    (
        "A mail with the code for {email} was written to {path} — send it when online.",
        "{email} 앞으로 코드를 담은 메일을 {path}에 저장했습니다. 온라인일 때 보내 주세요.",
    ),
    ("Accept payment", "결제 승인"),
    ("Access code", "액세스 코드"),
    ("Access code copied", "액세스 코드를 복사했습니다"),
    ("Add", "추가"),
    ("Add a seat type", "좌석 유형 추가"),
    (
        "All seats reserved until {time}",
        "{time}까지 모든 좌석 예약됨",
    ),
    (
        "Already checked in at {time}",
        "{time}에 이미 체크인했습니다",
    ),
    ("As of…", "기준 시점…"),
    ("Assign attendees now", "지금 참석자 지정"),
    ("Attendee", "참석자"),
    ("Attendees", "참석자"),
    ("Attendees of order {code}", "주문 {code}의 참석자"),
    ("Available", "잔여"),
    ("Back", "뒤로"),
    ("Back to details", "정보 입력으로 돌아가기"),
    ("Back to now", "현재로 돌아가기"),
    ("Back to seats", "좌석 선택으로 돌아가기"),
    ("Bank transfer", "계좌 이체"),
    ("CSV files", "CSV 파일"),
    ("Cancel", "취소"),
    ("Cancel order", "주문 취소"),
    (
        "Cancel order {code}? Its seats are released.",
        "주문 {code}을(를) 취소할까요? 좌석이 반환됩니다.",
    ),
    (
        "Cancel order {code}? Its seats go back on sale and its attendees leave the lists; the payment stays recorded until you refund it.",
        "주문 {code}을(를) 취소할까요? 좌석은 다시 판매되고 참석자는 목록에서 빠집니다. 결제는 환불할 때까지 기록에 남습니다.",
    ),
    (
        "Cancel order {code}? Its seats go back on sale.",
        "주문 {code}을(를) 취소할까요? 좌석은 다시 판매됩니다.",
    ),
    ("Cancel order…", "주문 취소…"),
    ("Cancelled", "취소됨"),
    ("Card", "카드"),
    ("Cash", "현금"),
    ("Change quantities", "수량 변경"),
    ("Check in", "체크인하기"),
    ("Check in (Enter)", "체크인하기 (Enter)"),
    ("Check-in", "체크인"),
    ("Check-in at the door", "현장 체크인"),
    (
        "Check-in of seat {position} taken back",
        "좌석 {position} 체크인 취소",
    ),
    ("Check-in taken back: {seat}", "체크인 취소됨: {seat}"),
    ("Check-in: {name}", "체크인: {name}"),
    ("Check-ins", "체크인 수"),
    ("Check-ins per 15 minutes", "15분당 체크인"),
    ("Checked in", "체크인 완료"),
    (
        "Checked in (offline — will upload when the server is back): {seat}",
        "체크인 완료 (오프라인 — 서버가 돌아오면 올립니다): {seat}",
    ),
    ("Checked in / confirmed:", "체크인 / 확정:"),
    ("Checked in twice: {list}", "두 번 체크인됨: {list}"),
    (
        "Checked in: {n} / {total} confirmed {total|seat|seats}",
        "체크인: 확정 좌석 {total}석 중 {n}석",
    ),
    ("Checked in: {seat}", "체크인 완료: {seat}"),
    ("Choose a conference", "행사 선택"),
    ("Choose at least one seat", "좌석을 하나 이상 선택하세요"),
    ("Choose seats", "좌석 선택"),
    ("Choose seats: {name}", "좌석 선택: {name}"),
    ("Close", "닫기"),
    ("Close a menu or dialog", "메뉴나 대화 상자 닫기"),
    ("Close history", "이력 닫기"),
    ("Conference", "행사"),
    ("Confirmation", "확정"),
    (
        "Confirmation queued in the outbox: {path}",
        "확인 메일을 보낼 메일함에 넣었습니다: {path}",
    ),
    ("Confirmed", "확정"),
    ("Confirmed orders", "확정된 주문"),
    ("Connect", "연결"),
    ("Connect to a shared log", "공유 로그에 연결"),
    ("Connect to a shared log…", "공유 로그에 연결…"),
    (
        "Connecting… {done} of {total} {total|event|events} replayed",
        "연결 중… 이벤트 {total}개 중 {done}개 재생됨",
    ),
    ("Connection URL", "연결 URL"),
    (
        "Connection URL: a shared log's address starts with postgresql:// or postgres://, e.g. postgresql://confdesk@192.168.1.20/summit",
        "연결 URL: 공유 로그의 주소는 postgresql:// 또는 postgres://로 시작합니다. 예: postgresql://confdesk@192.168.1.20/summit",
    ),
    ("Continue to payment", "결제로 계속"),
    ("Continue with these seats", "이 좌석으로 계속"),
    ("Copy", "복사"),
    ("Copy path", "경로 복사"),
    (
        "Could not reserve all the requested seats.",
        "요청한 좌석을 모두 예약하지 못했습니다.",
    ),
    (
        "Could not reserve all the requested seats: got {seats}",
        "요청한 좌석을 모두 예약하지 못함: {seats} 확보",
    ),
    ("Create", "만들기"),
    ("Create a conference", "행사 만들기"),
    ("Create a conference…", "행사 만들기…"),
    ("Created", "생성 일시"),
    ("Currency", "통화"),
    ("Dark", "어둡게"),
    ("Dashboard", "대시보드"),
    ("Description", "설명"),
    ("Desk mode", "데스크 모드"),
    ("Details", "상세 정보"),
    ("Details saved", "상세 정보를 저장했습니다"),
    ("Dismiss", "닫기"),
    ("Don't refund", "환불하지 않음"),
    (
        "Done: the order's history shows it.",
        "완료: 주문 내역에 기록되었습니다.",
    ),
    ("E-mail", "이메일"),
    ("Edit", "편집"),
    ("End (YYYY-MM-DD)", "종료일 (YYYY-MM-DD)"),
    ("End date", "종료일"),
    ("Enter a first name", "이름을 입력하세요"),
    ("Enter a last name", "성을 입력하세요"),
    ("Enter a name", "이름을 입력하세요"),
    ("Enter an e-mail address", "이메일 주소를 입력하세요"),
    ("Enter the attendee's name", "참석자 이름을 입력하세요"),
    ("Enter the owner's name", "소유자 이름을 입력하세요"),
    (
        "Every seat of order {code} is checked in",
        "주문 {code}의 모든 좌석이 체크인되었습니다",
    ),
    ("Excel or CSV files", "Excel 또는 CSV 파일"),
    ("Expired", "만료"),
    ("Export attendees", "참석자 내보내기"),
    ("Export attendees…", "참석자 내보내기…"),
    ("Export orders", "주문 내보내기"),
    ("Export orders…", "주문 내보내기…"),
    (
        "Exported {n} {n|attendee|attendees} to {path}",
        "참석자 {n}명을 {path}(으)로 내보냈습니다",
    ),
    (
        "Exported {n} {n|order|orders} to {path}",
        "주문 {n}건을 {path}(으)로 내보냈습니다",
    ),
    ("File", "파일"),
    (
        "Fill in the registrant: {name} · {email}",
        "등록자로 채우기: {name} · {email}",
    ),
    ("Filter", "필터"),
    ("Find", "찾기"),
    ("Find my order", "내 주문 찾기"),
    ("Find my order…", "내 주문 찾기…"),
    (
        "Find: the filter of the Orders and Attendees tabs",
        "찾기: 주문·참석자 탭의 필터",
    ),
    ("First name", "이름"),
    ("Fix {n} {n|field|fields}:", "고칠 항목 {n}개:"),
    ("Follow the system", "시스템 설정 따르기"),
    ("Free", "무료"),
    ("Hello {name},", "{name} 님, 안녕하세요."),
    ("Help", "도움말"),
    (
        "Hide the organizer workspace until this conference's access code is typed",
        "이 행사의 액세스 코드를 입력할 때까지 주최자 작업 공간을 숨깁니다",
    ),
    (
        "How many seats of each type?",
        "유형별로 몇 석이 필요하신가요?",
    ),
    (
        "I/O error on {path}: {detail}",
        "{path} 입출력 오류: {detail}",
    ),
    (
        "Its access code — with the owner e-mail it opens the conference:",
        "액세스 코드입니다. 소유자 이메일과 함께 입력하면 행사를 열 수 있습니다:",
    ),
    (
        "Keep it: with the registrant's e-mail it reopens the order under “Find my order”.",
        "보관해 두세요. 등록자 이메일과 함께 “내 주문 찾기”에서 주문을 다시 열 수 있습니다.",
    ),
    (
        "Keep the access code private: with your e-mail it opens the orders and attendee lists.",
        "액세스 코드는 비밀로 하세요: 이메일과 함께 쓰면 주문과 참석자 목록이 열립니다.",
    ),
    (
        "Kept on this machine until the server is back",
        "서버가 돌아올 때까지 이 컴퓨터에 보관됩니다",
    ),
    ("Keyboard shortcuts", "바로 가기 키"),
    ("Language", "언어"),
    ("Last name", "성"),
    ("Leave desk mode", "데스크 모드 종료"),
    ("Leave desk mode…", "데스크 모드 종료…"),
    ("Left", "잔여"),
    ("Light", "밝게"),
    ("Line total", "소계"),
    ("Locked until {time}", "{time}까지 잠겨 있습니다"),
    ("Log: {path}", "로그: {path}"),
    ("Name", "이름"),
    (
        "Name who sits in each seat; leave a row empty to name them later.",
        "각 좌석에 앉을 분의 이름을 입력하세요. 나중에 입력하려면 비워 두세요.",
    ),
    (
        "Name, dates, seat types and prices; publish when ready.",
        "이름, 날짜, 좌석 유형과 가격을 정하고 준비되면 공개하세요.",
    ),
    ("New log…", "새 로그…"),
    (
        "Next or previous field or button",
        "다음 또는 이전 입력란이나 버튼",
    ),
    ("No", "아니요"),
    (
        "No attendee or registrant matches “{text}” (Enter looks it up as an order code).",
        "“{text}”와(과) 일치하는 참석자나 등록자가 없습니다 (Enter를 누르면 주문 코드로 찾습니다).",
    ),
    ("No check-ins yet", "아직 체크인이 없습니다"),
    (
        "No conference is open for registration yet.",
        "아직 등록을 받는 행사가 없습니다.",
    ),
    (
        "No conference matches that e-mail and access code.",
        "이 이메일과 액세스 코드에 맞는 행사가 없습니다.",
    ),
    (
        "No file chosen. Type a path instead:",
        "선택한 파일이 없습니다. 대신 경로를 입력하세요:",
    ),
    (
        "No order matches that e-mail and order code.",
        "이 이메일과 주문 코드에 맞는 주문이 없습니다.",
    ),
    (
        "No order or attendee matches “{text}”.",
        "“{text}”와(과) 일치하는 주문이나 참석자가 없습니다.",
    ),
    ("No orders yet", "아직 주문이 없습니다"),
    ("No seat types yet", "아직 좌석 유형이 없습니다"),
    ("No, keep it", "아니요, 유지합니다"),
    ("No-shows so far", "현재까지 불참"),
    (
        "Nobody holds a seat of it. This cannot be undone.",
        "이 유형의 좌석을 가진 사람이 없습니다. 되돌릴 수 없습니다.",
    ),
    ("Not paid", "미결제"),
    ("Not published", "비공개"),
    ("Not recorded", "기록 없음"),
    (
        "Nothing more was saved: the desk could not write.",
        "더 이상 저장되지 않았습니다. 데스크가 기록하지 못했습니다.",
    ),
    (
        "Nothing of that action was written. What you typed is still in the form.",
        "이 작업은 전혀 기록되지 않았습니다. 입력한 내용은 양식에 그대로 있습니다.",
    ),
    ("OK", "확인"),
    (
        "Offline: check-ins are kept on this machine and uploaded when the server is back.",
        "오프라인: 체크인은 이 컴퓨터에 보관되었다가 서버가 돌아오면 올라갑니다.",
    ),
    (
        "Offline: the shared log's server can't be reached. This desk shows what it had; sales and changes are paused until the server is back.",
        "오프라인: 공유 로그의 서버에 연결할 수 없습니다. 이 데스크는 마지막으로 받은 내용을 보여 줍니다. 서버가 돌아올 때까지 판매와 변경은 멈춥니다.",
    ),
    (
        "One or more items are required",
        "하나 이상 선택해야 합니다",
    ),
    ("Open", "열기"),
    ("Open log", "로그 열기"),
    ("Open log…", "로그 열기…"),
    ("Open my conference", "내 행사 열기"),
    ("Open the conference", "행사 열기"),
    (
        "Open the conference with its owner's e-mail and access code to check attendees in.",
        "참석자를 체크인하려면 행사 소유자의 이메일과 액세스 코드로 행사를 여세요.",
    ),
    ("Open the door", "체크인 시작"),
    ("Opening the log…", "로그를 여는 중…"),
    ("Order cancelled at the desk", "데스크에서 주문 취소"),
    ("Order cancelled by the organizer", "주최자가 주문을 취소함"),
    ("Order code", "주문 코드"),
    ("Order code or name/e-mail", "주문 코드 또는 이름/이메일"),
    ("Order confirmed", "주문 확정"),
    ("Order expired", "주문 만료"),
    (
        "Order expired: the reservation ran out",
        "주문 만료: 예약 시간이 지났습니다",
    ),
    ("Order history", "주문 이력"),
    ("Order placed: {seats}", "주문 접수: {seats}"),
    ("Order status", "주문 상태"),
    (
        "Order {code} cancelled; its seats are released.",
        "주문 {code}이(가) 취소되었습니다. 좌석이 반환되었습니다.",
    ),
    (
        "Order {code} has expired",
        "주문 {code}은(는) 만료되었습니다",
    ),
    (
        "Order {code} is not paid",
        "주문 {code}은(는) 결제되지 않았습니다",
    ),
    (
        "Order {code} was cancelled",
        "주문 {code}은(는) 취소되었습니다",
    ),
    (
        "Order {code} was cancelled by the organizer on {day} at {time}",
        "주문 {code}은(는) {day} {time}에 주최자가 취소했습니다",
    ),
    (
        "Order {code} was rejected",
        "주문 {code}은(는) 거절되었습니다",
    ),
    (
        "Order {code}: press Enter to check in {seat}.",
        "주문 {code}: Enter 키를 눌러 {seat}을(를) 체크인하세요.",
    ),
    (
        "Order {code}: press Enter to type the name for {seat}.",
        "주문 {code}: Enter 키를 누르고 {seat}의 이름을 입력하세요.",
    ),
    ("Order {code}: {status}", "주문 {code}: {status}"),
    ("Orders", "주문"),
    ("Orders per day", "일별 주문"),
    ("Organizer", "주최자"),
    (
        "Organizer, Registration desk, Check-in",
        "주최자, 등록 데스크, 체크인",
    ),
    ("Owner e-mail", "소유자 이메일"),
    ("Owner name", "소유자 이름"),
    ("PNG image", "PNG 이미지"),
    ("Paid by:", "결제 방법:"),
    ("Paid out by:", "지급 방법:"),
    ("Paid {amount} by {method}", "{amount} 결제 ({method})"),
    (
        "Paid: {total} for {n} {n|seat|seats}",
        "결제 완료: {n}석, {total}",
    ),
    ("Partially reserved", "일부 예약"),
    ("Password", "암호"),
    (
        "Past view: as of {when} — read-only",
        "과거 보기: {when} 기준 — 읽기 전용",
    ),
    ("Payment", "결제"),
    ("Payment accepted", "결제 승인"),
    ("Payment accepted: {method}", "결제 승인: {method}"),
    ("Payment of {amount} started", "{amount} 결제 시작"),
    ("Payment rejected", "결제 거절"),
    ("Pending reservation", "예약 대기"),
    (
        "PostgreSQL database {database} on {host}",
        "{host}의 PostgreSQL 데이터베이스 {database}",
    ),
    (
        "PostgreSQL error on database {database}: {detail}",
        "데이터베이스 {database}에서 PostgreSQL 오류: {detail}",
    ),
    ("Press the focused button", "선택된 버튼 누르기"),
    ("Price", "가격"),
    ("Price ({currency})", "가격 ({currency})"),
    ("Publish", "공개"),
    (
        "Publish {name}? Registrants can order seats at once.",
        "{name}을(를) 공개할까요? 등록자가 바로 좌석을 주문할 수 있습니다.",
    ),
    ("Published", "공개됨"),
    ("QR code of the order", "주문 QR 코드"),
    ("Quantities changed: {seats}", "수량 변경: {seats}"),
    ("Quantity", "수량"),
    ("Quit", "종료"),
    ("Quota", "정원"),
    ("Recent", "최근 로그"),
    ("Record refund", "환불 기록"),
    ("Record refund…", "환불 기록…"),
    ("Refund amount", "환불 금액"),
    ("Refund of {amount}: {method}", "{amount} 환불: {method}"),
    ("Registrant", "등록자"),
    ("Registrant: {name}", "등록자: {name}"),
    ("Registrant: {name} <{email}>", "등록자: {name} <{email}>"),
    ("Registration desk", "등록 데스크"),
    ("Registration: completed", "등록: 완료"),
    (
        "Registration: expired, seats released",
        "등록: 만료, 좌석 반환",
    ),
    ("Registration: payment received", "등록: 결제 완료"),
    (
        "Registration: seats held, waiting for payment",
        "등록: 좌석 확보, 결제 대기 중",
    ),
    (
        "Registration: waiting for the seat reservation",
        "등록: 좌석 예약 대기 중",
    ),
    ("Reject payment", "결제 거절"),
    ("Rejected", "거절"),
    ("Remove", "삭제"),
    (
        "Remove the seat type “{name}”?",
        "좌석 유형 “{name}”을(를) 삭제할까요?",
    ),
    ("Replace", "바꾸기"),
    (
        "Replaying {done} of {total} {total|event|events}",
        "이벤트 {total}개 중 {done}개 재생 중",
    ),
    ("Required", "필수 항목입니다"),
    ("Reservation completed", "예약 완료"),
    ("Reserve", "예약"),
    (
        "Reserve changes the seats of this order; its {minutes} {minutes|minute|minutes} restart.",
        "예약하면 이 주문의 좌석이 바뀌고 {minutes}분이 다시 시작됩니다.",
    ),
    ("Reserved", "예약"),
    ("Revenue", "매출"),
    ("Revenue per day ({currency})", "일별 매출 ({currency})"),
    ("Revenue to date", "현재까지 매출"),
    ("Save", "저장"),
    ("Save QR as PNG", "QR을 PNG로 저장"),
    ("Save QR as PNG…", "QR을 PNG로 저장…"),
    ("Save all", "모두 저장"),
    ("Save details", "상세 정보 저장"),
    (
        "Saved the QR code to {path}",
        "QR 코드를 {path}에 저장했습니다",
    ),
    ("Saved {n} {n|seat|seats}.", "{n}석을 저장했습니다."),
    (
        "Saved {n} {n|seat|seats}; {bad} {bad|row needs|rows need} fixing.",
        "{n}석을 저장했습니다. {bad}개 행을 고쳐야 합니다.",
    ),
    ("Seat", "좌석"),
    ("Seat type", "좌석 유형"),
    ("Seat type description", "좌석 유형 설명"),
    ("Seat type name", "좌석 유형 이름"),
    ("Seat type removed", "좌석 유형을 삭제했습니다"),
    (
        "Seat type {seat_type} removed",
        "좌석 유형 {seat_type} 삭제됨",
    ),
    ("Seat types", "좌석 유형"),
    (
        "Seat {position} ({seat_type}) assigned to {name}",
        "좌석 {position} ({seat_type}): {name} 지정",
    ),
    (
        "Seat {position} ({seat_type}) assigned to {name} <{email}>",
        "좌석 {position} ({seat_type}): {name} <{email}> 지정",
    ),
    (
        "Seat {position} ({seat_type}) checked in again at {time} at door {door}, offline: checked in twice",
        "좌석 {position} ({seat_type}) {time} 다시 체크인 (오프라인, 입구 {door}): 두 번 체크인됨",
    ),
    (
        "Seat {position} ({seat_type}) checked in at {time}",
        "좌석 {position} ({seat_type}) {time} 체크인",
    ),
    (
        "Seat {position} ({seat_type}) checked in at {time} at door {door}, offline",
        "좌석 {position} ({seat_type}) {time} 체크인 (오프라인, 입구 {door})",
    ),
    (
        "Seat {position} of order {code} is not checked in",
        "주문 {code}의 {position}번 좌석은 체크인되지 않았습니다",
    ),
    (
        "Seat {position} renamed to {name}",
        "좌석 {position} 참석자 이름 변경: {name}",
    ),
    ("Seat {position} unassigned", "좌석 {position} 지정 해제"),
    ("Seats", "좌석"),
    ("Seats held for {time}", "좌석 유지 시간 {time}"),
    ("Seats left", "남은 좌석"),
    (
        "Seats of this type are reserved or sold: it cannot be removed.",
        "이 유형의 좌석이 예약되었거나 판매되어 삭제할 수 없습니다.",
    ),
    ("Seats per seat type", "좌석 유형별 좌석"),
    ("Seats released: {seats}", "좌석 반환: {seats}"),
    ("Seats reserved: {seats}", "좌석 예약: {seats}"),
    ("Seats sold", "판매된 좌석"),
    ("Show past view", "과거 보기"),
    (
        "Show the QR code at the door to check in.",
        "현장에서 QR 코드를 보여 주면 체크인됩니다.",
    ),
    (
        "Show the attached QR code at the door to check in.",
        "입장할 때 첨부된 QR 코드를 보여 주세요.",
    ),
    (
        "Showing {shown} of {total} {total|match|matches}: type more to narrow them down.",
        "일치하는 {total}건 중 {shown}건을 표시합니다. 더 입력해 범위를 좁히세요.",
    ),
    ("Slug", "슬러그"),
    ("Sold", "판매"),
    (
        "Sold seats back on sale: {seats}",
        "판매된 좌석 다시 판매: {seats}",
    ),
    ("Start (YYYY-MM-DD)", "시작일 (YYYY-MM-DD)"),
    ("Start date", "시작일"),
    ("Start desk mode", "데스크 모드 시작"),
    ("Start over", "새로 시작"),
    ("Starts in the past", "시작일이 이미 지났습니다"),
    ("Status", "상태"),
    (
        "Submit the form; at the door, check in the highlighted seat",
        "양식 제출; 입구에서는 강조된 좌석 체크인",
    ),
    (
        "TLS for {host} could not be set up: {detail}",
        "{host}에 대한 TLS를 설정할 수 없습니다: {detail}",
    ),
    (
        "Take the payment at the desk, then record how it went:",
        "데스크에서 결제를 받은 뒤 결과를 기록하세요:",
    ),
    (
        "Taking back a check-in the server already has needs the server: try again when it is back.",
        "서버에 이미 올라간 체크인을 취소하려면 서버가 필요합니다: 서버가 돌아오면 다시 시도하세요.",
    ),
    (
        "Thank you {name}, the order is confirmed",
        "{name}님, 감사합니다. 주문이 확정되었습니다",
    ),
    (
        "That is not the access code.",
        "액세스 코드가 올바르지 않습니다.",
    ),
    (
        "The confirmation mail could not be written: {error}",
        "확인 메일을 쓸 수 없었습니다: {error}",
    ),
    (
        "The desk could not save that",
        "데스크가 저장하지 못했습니다",
    ),
    (
        "The e-mail given when ordering and the 6-character order code.",
        "주문할 때 입력한 이메일과 6자리 주문 코드를 입력하세요.",
    ),
    (
        "The language choice could not be saved: {error}",
        "언어 선택을 저장하지 못했습니다: {error}",
    ),
    (
        "The list of recent logs could not be saved: {error}",
        "최근 로그 목록을 저장하지 못했습니다: {error}",
    ),
    ("The log could not be opened", "로그를 열 수 없습니다"),
    (
        "The mail to the owner could not be written: {error}",
        "소유자에게 보낼 메일을 저장하지 못했습니다: {error}",
    ),
    ("The order code:", "주문 코드:"),
    (
        "The order confirmation and its code go to this e-mail.",
        "주문 확인서와 주문 코드가 이 이메일로 발송됩니다.",
    ),
    (
        "The order was not paid within {minutes} {minutes|minute|minutes}, so its seats were released for others. Nothing was charged.",
        "{minutes}분 안에 결제되지 않아 좌석이 다른 분들께 풀렸습니다. 결제된 금액은 없습니다.",
    ),
    (
        "The payment was rejected: nothing was charged. Try again, or go back.",
        "결제가 거절되었습니다. 청구된 금액은 없습니다. 다시 시도하거나 돌아가세요.",
    ),
    (
        "The seats are released when this reaches 00:00 and the order is not paid.",
        "00:00이 될 때까지 결제하지 않으면 좌석이 풀립니다.",
    ),
    (
        "The shared log's server can't be reached, so nothing can be sold or changed now; this desk tries again by itself",
        "공유 로그의 서버에 연결할 수 없어 지금은 판매하거나 바꿀 수 없습니다. 이 데스크가 스스로 다시 연결을 시도합니다",
    ),
    (
        "The theme choice could not be saved: {error}",
        "테마 선택을 저장하지 못했습니다: {error}",
    ),
    (
        "This conference did not exist yet.",
        "이 시점에는 아직 없던 컨퍼런스입니다.",
    ),
    ("This list", "이 목록"),
    (
        "This seat type cannot be removed: {reserved} {reserved|seat is|seats are} reserved and {sold} sold",
        "이 좌석 유형은 삭제할 수 없습니다: {reserved}석 예약됨, {sold}석 판매됨",
    ),
    ("Time (local)", "시각 (현지)"),
    ("To open it later, use", "나중에 열 때는 다음을 입력하세요"),
    (
        "To open the order later, choose “Find my order” at the desk and give this code with the e-mail address {email}.",
        "나중에 주문을 열려면 데스크에서 “내 주문 찾기”를 고르고 이 코드와 이메일 주소 {email}을(를) 입력하세요.",
    ),
    (
        "Too many wrong access codes. This conference is locked until {time}.",
        "잘못된 액세스 코드를 너무 많이 입력했습니다. 이 행사는 {time}까지 잠겨 있습니다.",
    ),
    (
        "Too many wrong order codes for this e-mail. Try again after {time}.",
        "이 이메일로 잘못된 주문 코드를 너무 많이 입력했습니다. {time} 이후에 다시 시도하세요.",
    ),
    ("Total", "합계"),
    ("Total {amount}", "합계 {amount}"),
    ("Total: {total}", "합계: {total}"),
    (
        "Type the access code of “{slug}” to show the organizer workspace again.",
        "주최자 작업 공간을 다시 보려면 “{slug}”의 액세스 코드를 입력하세요.",
    ),
    ("Undo check-in", "체크인 취소"),
    ("Unit price", "단가"),
    ("Unlock", "잠금 해제"),
    ("Unpublish", "공개 취소"),
    (
        "Unpublish {name}? No new orders; existing orders stay.",
        "{name}의 공개를 취소할까요? 새 주문은 받지 않으며 기존 주문은 그대로 유지됩니다.",
    ),
    (
        "Uploading {n} queued {n|check-in|check-ins}…",
        "대기 중인 체크인 {n}건을 올리는 중…",
    ),
    (
        "Use File → Open log…, File → New log… or File → Connect to a shared log… to choose another log.",
        "파일 → 로그 열기…, 파일 → 새 로그… 또는 파일 → 공유 로그에 연결…로 다른 로그를 선택하세요.",
    ),
    ("View", "보기"),
    ("Who is registering?", "등록하시는 분은 누구인가요?"),
    ("Yes", "예"),
    ("Yes, cancel the order", "예, 주문을 취소합니다"),
    ("Yes, publish", "예, 공개"),
    ("Yes, remove", "예, 삭제"),
    ("Yes, unpublish", "예, 공개 취소"),
    (
        "Your access code for {conference}",
        "{conference} 액세스 코드",
    ),
    ("Your order code: {code}", "주문 코드: {code}"),
    (
        "Your order {code} for {conference}",
        "{conference} 주문 {code}",
    ),
    ("a device", "장치"),
    (
        "a file (a copy of the log from an earlier repair that did not finish)",
        "파일(끝나지 않은 이전 복구에서 남은 로그 사본)",
    ),
    ("a folder", "폴더"),
    ("a named pipe (FIFO)", "이름 있는 파이프(FIFO)"),
    (
        "a redb database of another program",
        "다른 프로그램의 redb 데이터베이스입니다",
    ),
    (
        "a refund is paid out by cash, card or transfer",
        "환불은 현금, 카드 또는 계좌 이체로 지급합니다",
    ),
    ("a socket", "소켓"),
    ("a symbolic link", "심볼릭 링크"),
    ("a whole number, 0 or more", "0 이상의 정수여야 합니다"),
    (
        "a workbook cannot go to standard output: name a .xlsx file",
        "통합 문서는 표준 출력으로 보낼 수 없습니다: .xlsx 파일을 지정하세요",
    ),
    ("access code", "액세스 코드"),
    (
        "already checked in: take the check-in back at the door before giving the seat to someone else",
        "이미 체크인했습니다: 다른 사람에게 좌석을 넘기려면 먼저 입구에서 체크인을 취소하세요",
    ),
    ("amount", "금액"),
    (
        "an action answered with another outcome than {expected}",
        "작업이 {expected} 대신 다른 결과를 돌려주었습니다",
    ),
    (
        "an order whose total is 0 is paid as free",
        "합계가 0인 주문은 무료로 결제됩니다",
    ),
    ("attendee email", "참석자 이메일"),
    ("attendee first name", "참석자 이름"),
    ("attendee last name", "참석자 성"),
    ("attendee name", "참석자 이름"),
    ("bank transfer", "계좌 이체"),
    (
        "cannot be drawn as a QR code: {detail}",
        "QR 코드로 그릴 수 없습니다: {detail}",
    ),
    (
        "cannot be lower than {total}: {reserved} {reserved|seat is|seats are} reserved and {sold} sold",
        "{total}보다 낮출 수 없습니다. {reserved}석이 예약되었고 {sold}석이 판매되었습니다",
    ),
    (
        "cannot change once seat types are priced in {currency}",
        "좌석 유형의 가격이 {currency}(으)로 정해진 뒤에는 바꿀 수 없습니다",
    ),
    ("card", "카드"),
    ("cash", "현금"),
    (
        "choose how it was paid: cash, card or transfer",
        "결제 방법을 선택하세요: 현금, 카드 또는 계좌 이체",
    ),
    (
        "code, name, e-mail, status (Ctrl+F)",
        "코드, 이름, 이메일, 상태 (Ctrl+F)",
    ),
    (
        "confdesk closed unexpectedly the last time it ran.",
        "confdesk가 지난번 실행 중 예기치 않게 종료되었습니다.",
    ),
    ("confdesk log", "confdesk 로그"),
    ("conference", "행사"),
    ("conference already exists", "이미 있는 행사입니다"),
    ("conference not found", "행사를 찾을 수 없습니다"),
    (
        "conference not found after creation",
        "만든 뒤 행사를 찾을 수 없습니다",
    ),
    ("connected", "연결됨"),
    ("connecting…", "연결 중…"),
    (
        "could not be locked ({detail})",
        "을(를) 잠글 수 없습니다({detail})",
    ),
    (
        "could not be opened ({detail})",
        "을(를) 열 수 없습니다({detail})",
    ),
    (
        "could not be written ({detail})",
        "을(를) 쓸 수 없습니다({detail})",
    ),
    (
        "could not connect to the PostgreSQL server for database {database}: {detail}",
        "데이터베이스 {database}의 PostgreSQL 서버에 연결할 수 없습니다: {detail}",
    ),
    (
        "could not encode an event: {detail}",
        "이벤트를 인코딩할 수 없습니다: {detail}",
    ),
    (
        "could not start the past view: {detail}",
        "과거 보기를 시작할 수 없습니다: {detail}",
    ),
    (
        "could not write {path}: {detail}",
        "{path}에 쓸 수 없습니다: {detail}",
    ),
    ("currency", "통화"),
    (
        "date: use YYYY-MM-DD, e.g. 2026-12-01",
        "날짜: YYYY-MM-DD 형식으로 입력하세요 (예: 2026-12-01)",
    ),
    ("description", "설명"),
    ("email", "이메일"),
    ("end", "종료일"),
    ("file", "파일"),
    ("first name", "이름"),
    (
        "first name, last name and e-mail are required before payment",
        "결제 전에 이름, 성, 이메일을 입력해야 합니다",
    ),
    (
        "format version {found} is invalid",
        "형식 버전 {found}은(는) 올바르지 않습니다",
    ),
    ("free", "무료"),
    (
        "free is only for an order whose total is 0",
        "무료는 합계가 0인 주문에만 쓸 수 있습니다",
    ),
    ("internal error: {detail}", "내부 오류: {detail}"),
    (
        "is a symbolic link, not a regular file",
        "은(는) 일반 파일이 아니라 심볼릭 링크입니다",
    ),
    (
        "is not a regular file (a directory?)",
        "은(는) 일반 파일이 아닙니다(폴더인가요?)",
    ),
    (
        "is not readable (larger than 16 MiB)",
        "을(를) 읽을 수 없습니다(16 MiB보다 큼)",
    ),
    (
        "is not readable (not an access file: {detail})",
        "을(를) 읽을 수 없습니다(접근 파일이 아님: {detail})",
    ),
    (
        "is not readable ({detail})",
        "을(를) 읽을 수 없습니다({detail})",
    ),
    ("is required", "필수 항목입니다"),
    (
        "it exists and is empty (0 bytes); confdesk only creates a new log where no file exists",
        "파일이 있지만 비어 있습니다 (0바이트). confdesk는 파일이 없는 곳에만 새 로그를 만듭니다",
    ),
    (
        "it holds no confdesk event log yet; nothing was written",
        "아직 confdesk 이벤트 로그가 없습니다. 아무것도 쓰지 않았습니다",
    ),
    (
        "it holds other tables but no confdesk event log; nothing was written",
        "다른 테이블이 있지만 confdesk 이벤트 로그는 없습니다. 아무것도 쓰지 않았습니다",
    ),
    ("it is damaged ({detail})", "손상되었습니다 ({detail})"),
    (
        "it is damaged or incomplete ({detail})",
        "손상되었거나 불완전합니다 ({detail})",
    ),
    (
        "it is damaged: the storage engine could not read it ({detail})",
        "손상되었습니다: 저장 엔진이 읽지 못했습니다 ({detail})",
    ),
    (
        "it is in redb file format {version}, which this confdesk cannot read",
        "이 confdesk가 읽을 수 없는 redb 파일 형식 {version}입니다",
    ),
    ("it is not a database file", "데이터베이스 파일이 아닙니다"),
    (
        "it is too short to be a database file",
        "데이터베이스 파일이라기에는 너무 짧습니다",
    ),
    (
        "its format version is malformed",
        "형식 버전이 잘못되었습니다",
    ),
    ("its format version is missing", "형식 버전이 없습니다"),
    (
        "its format version is missing or not a number",
        "형식 버전이 없거나 숫자가 아닙니다",
    ),
    (
        "its table confdesk_events is missing",
        "confdesk_events 테이블이 없습니다",
    ),
    (
        "its table confdesk_meta does not name the confdesk event log format",
        "confdesk_meta 테이블에 confdesk 이벤트 로그 형식이 적혀 있지 않습니다",
    ),
    (
        "its table confdesk_meta is not the one confdesk writes",
        "confdesk_meta 테이블이 confdesk가 만드는 것과 다릅니다",
    ),
    (
        "keep it until the log opens, or move it away, then try again",
        "로그가 열릴 때까지 보관하거나 다른 곳으로 옮긴 뒤 다시 시도하세요",
    ),
    (
        "last from another desk {time}",
        "다른 데스크의 마지막 기록 {time}",
    ),
    ("last name", "성"),
    ("last write {time}", "마지막 기록 {time}"),
    (
        "move it away, then try again",
        "다른 곳으로 옮긴 뒤 다시 시도하세요",
    ),
    ("must be 0 or more", "0 이상이어야 합니다"),
    ("must be 0 to {max}", "0에서 {max} 사이여야 합니다"),
    ("must be 2 to 64 characters", "2자에서 64자 사이여야 합니다"),
    (
        "must be 5 letters or digits from the code alphabet",
        "코드 문자표의 문자나 숫자 5자여야 합니다",
    ),
    (
        "must be 6 letters or digits from the code alphabet",
        "코드 문자표의 문자나 숫자 6자여야 합니다",
    ),
    (
        "must be a whole number, 0 or more",
        "0 이상의 정수여야 합니다",
    ),
    ("must be at most {amount}", "최대 {amount}까지입니다"),
    (
        "must be at most {left}: what was paid minus what was refunded",
        "{left} 이하여야 합니다: 결제 금액에서 환불된 금액을 뺀 금액",
    ),
    (
        "must be at most {max} characters",
        "최대 {max}자까지 입력할 수 있습니다",
    ),
    (
        "must be at most {max} per seat type",
        "좌석 유형마다 최대 {max}석까지입니다",
    ),
    ("must be between 0 and {max}", "0에서 {max} 사이여야 합니다"),
    ("must be csv or xlsx", "csv 또는 xlsx여야 합니다"),
    (
        "must be in {currency}, the conference's currency",
        "행사 통화인 {currency}(으)로 입력해야 합니다",
    ),
    (
        "must be in {currency}, the currency it was paid in",
        "결제한 통화인 {currency}(으)로 입력해야 합니다",
    ),
    ("must be more than 0", "0보다 커야 합니다"),
    (
        "must be on or after the start date",
        "시작일과 같거나 그 이후여야 합니다",
    ),
    (
        "must be one line without control characters (tabs, line breaks)",
        "제어 문자(탭, 줄바꿈) 없이 한 줄이어야 합니다",
    ),
    (
        "must be {n} characters: letters A-Z without I, L or O, digits 1-9",
        "{n}자여야 합니다: I, L, O를 뺀 A-Z 문자와 1-9 숫자",
    ),
    (
        "must be {n} characters: letters A-Z without I, L or O, digits 1-9 (codes have no O or 0)",
        "{n}자여야 합니다: I, L, O를 뺀 A-Z 문자와 1-9 숫자 (코드에는 O나 0이 없습니다)",
    ),
    (
        "must contain visible characters, not only invisible ones (U+200B, U+FEFF)",
        "보이지 않는 문자(U+200B, U+FEFF)만이 아니라 보이는 문자가 있어야 합니다",
    ),
    (
        "must look like name@example.com",
        "name@example.com 형식이어야 합니다",
    ),
    (
        "must not contain control characters",
        "제어 문자를 포함할 수 없습니다",
    ),
    (
        "must not contain right-to-left override or embedding characters (U+202A-U+202E, U+2066-U+2069)",
        "오른쪽에서 왼쪽 재정의·포함 문자(U+202A-U+202E, U+2066-U+2069)를 넣을 수 없습니다",
    ),
    ("name", "이름"),
    (
        "name, e-mail, seat type, order code (Ctrl+F)",
        "이름, 이메일, 좌석 유형, 주문 코드 (Ctrl+F)",
    ),
    (
        "no conference has the slug '{slug}'",
        "슬러그가 '{slug}'인 행사가 없습니다",
    ),
    (
        "no conference matches that slug, e-mail and access code",
        "이 슬러그, 이메일, 액세스 코드에 맞는 행사가 없습니다",
    ),
    (
        "no order matches that e-mail and order code",
        "이 이메일과 주문 코드에 맞는 주문이 없습니다",
    ),
    (
        "no order matches that order and access code",
        "이 주문과 액세스 코드에 맞는 주문이 없습니다",
    ),
    (
        "no order {code} in this conference",
        "이 행사에 주문 {code}이(가) 없습니다",
    ),
    (
        "no published conference has the slug '{slug}'",
        "슬러그가 '{slug}'인 공개 행사가 없습니다",
    ),
    (
        "no seat could be reserved: {lines}; order {order} holds nothing (change it with `confdesk order update`)",
        "좌석을 하나도 예약하지 못했습니다: {lines}; 주문 {order}에는 예약된 좌석이 없습니다 (`confdesk order update`로 변경하세요)",
    ),
    (
        "none could be reserved: adjust the quantities first",
        "예약된 좌석이 없습니다. 먼저 수량을 조정하세요",
    ),
    ("not priced yet", "아직 가격이 정해지지 않음"),
    ("not recorded", "기록 없음"),
    (
        "not set: name the mail server, e.g. CONFDESK_SMTP=smtp://desk@mail.example.com:587 and CONFDESK_SMTP_FROM=desk@example.com",
        "설정되지 않았습니다: 메일 서버를 지정하세요. 예: CONFDESK_SMTP=smtp://desk@mail.example.com:587, CONFDESK_SMTP_FROM=desk@example.com",
    ),
    ("not started", "시작 전"),
    ("nothing was written", "아무것도 쓰지 않았습니다"),
    ("offline since {time}", "{time}부터 오프라인"),
    (
        "only a-z, 0-9 and '-', starting with a letter or digit",
        "a-z, 0-9, '-'만 쓸 수 있으며 문자나 숫자로 시작해야 합니다",
    ),
    ("optional", "선택"),
    ("order code", "주문 코드"),
    ("order not found", "주문을 찾을 수 없습니다"),
    ("order total is too large", "주문 합계가 너무 큽니다"),
    (
        "order {code} has no seats",
        "주문 {code}에는 좌석이 없습니다",
    ),
    (
        "order {code} has {n} {n|seat|seats}; choose one with --position ({list})",
        "주문 {code}에는 좌석이 {n}석 있습니다. --position으로 하나를 고르세요 ({list})",
    ),
    ("outbox mail", "보낼 메일"),
    ("owner email", "소유자 이메일"),
    ("owner name", "소유자 이름"),
    ("payment already initiated", "이미 시작된 결제입니다"),
    ("payment method", "결제 방법"),
    ("payment not found", "결제를 찾을 수 없습니다"),
    ("position", "위치"),
    ("price", "가격"),
    ("quantity", "수량"),
    ("quantity of {name}", "{name} 수량"),
    ("quota", "정원"),
    ("refunded {amount}", "{amount} 환불됨"),
    ("registrant", "등록자"),
    (
        "repairing {path} needs {needed} free beside the log for its safety copy, but only {free} is free; nothing was written",
        "{path}을(를) 복구하려면 로그 옆에 안전 사본을 위한 여유 공간 {needed}이(가) 필요하지만 {free}만 남아 있습니다. 아무것도 기록하지 않았습니다",
    ),
    ("required", "필수"),
    (
        "required with CONFDESK_SMTP: the address the mail is from",
        "CONFDESK_SMTP와 함께 필요합니다: 메일을 보내는 주소",
    ),
    (
        "required: give --{flag}",
        "필수 항목입니다: --{flag}를 지정하세요",
    ),
    (
        "required: the password of {user} on the mail server",
        "필요합니다: 메일 서버의 {user} 비밀번호",
    ),
    ("saved", "저장됨"),
    (
        "scan the QR code or type",
        "QR 코드를 스캔하거나 입력하세요",
    ),
    ("seat not found", "좌석을 찾을 수 없습니다"),
    ("seat type", "좌석 유형"),
    ("seat type already exists", "이미 있는 좌석 유형입니다"),
    ("seat type description", "좌석 유형 설명"),
    ("seat type name", "좌석 유형 이름"),
    ("seat type not found", "좌석 유형을 찾을 수 없습니다"),
    (
        "seat type {seat_type} has no price",
        "좌석 유형 {seat_type}에 가격이 없습니다",
    ),
    ("seat {n}", "좌석 {n}"),
    (
        "seat {position} of order {code} already has an attendee: check in without a name",
        "주문 {code}의 좌석 {position}에는 이미 참석자가 있습니다: 이름 없이 체크인하세요",
    ),
    (
        "seat {position} of order {code} is unassigned: type the attendee's name to check them in",
        "주문 {code}의 {position}번 좌석은 미지정입니다. 체크인하려면 참석자 이름을 입력하세요",
    ),
    ("seats", "좌석"),
    (
        "seats can be assigned once the order is paid",
        "주문이 결제된 뒤에 좌석을 지정할 수 있습니다",
    ),
    ("settings", "설정"),
    ("slug", "슬러그"),
    ("sold out", "매진"),
    ("something other than a file", "파일이 아닌 것"),
    ("start", "시작일"),
    (
        "storage error on {path}: {detail}",
        "{path} 저장소 오류: {detail}",
    ),
    (
        "stream {stream} is at version {actual}, but the append expected version {expected}; nothing was written",
        "스트림 {stream}의 버전은 {actual}인데 추가 작업은 버전 {expected}을(를) 예상했습니다. 아무것도 기록하지 않았습니다",
    ),
    (
        "the PostgreSQL server refused user {user} for database {database}: {detail}; give the password in PGPASSWORD or ~/.pgpass",
        "PostgreSQL 서버가 데이터베이스 {database}에 대해 사용자 {user}를 거부했습니다: {detail}; 암호는 PGPASSWORD 또는 ~/.pgpass로 주세요",
    ),
    (
        "the URL must not hold the password: set CONFDESK_SMTP_PASSWORD instead",
        "URL에 비밀번호를 넣으면 안 됩니다. 대신 CONFDESK_SMTP_PASSWORD를 설정하세요",
    ),
    ("the URL names no server", "URL에 서버가 없습니다"),
    ("the action did not settle", "작업이 마무리되지 않았습니다"),
    (
        "the connection string is not valid: {detail}",
        "연결 문자열이 올바르지 않습니다: {detail}",
    ),
    (
        "the destination log {place} already holds {events} {events|event|events}; a log is copied only into an empty one, so nothing was written",
        "대상 로그 {place}에 이미 이벤트 {events}개가 있습니다. 로그는 빈 로그에만 복사하므로 아무것도 쓰지 않았습니다",
    ),
    (
        "the door's queue {file} could not be opened: {reason}",
        "입구 대기열 {file}을(를) 열 수 없습니다: {reason}",
    ),
    (
        "the door's queue {file} could not be read or written: {reason}",
        "입구 대기열 {file}을(를) 읽거나 쓸 수 없습니다: {reason}",
    ),
    (
        "the folder '{folder}' does not exist",
        "폴더 '{folder}'이(가) 없습니다",
    ),
    (
        "the log holds an event this confdesk cannot read at position {position}: {detail}",
        "로그의 위치 {position}에 이 confdesk가 읽을 수 없는 이벤트가 있습니다: {detail}",
    ),
    (
        "the log {path} does not exist",
        "로그 {path}이(가) 없습니다",
    ),
    (
        "the log {path} has format version {found}, but this confdesk only understands versions up to {supported}; use a newer confdesk",
        "로그 {path}의 형식 버전은 {found}이지만 이 confdesk는 {supported} 버전까지만 읽을 수 있습니다. 더 새로운 confdesk를 사용하세요",
    ),
    (
        "the log {path} is damaged: {detail}",
        "로그 {path}이(가) 손상되었습니다: {detail}",
    ),
    (
        "the log {path} is in use by another confdesk ({pid})",
        "로그 {path}을(를) 다른 confdesk가 사용하고 있습니다 ({pid})",
    ),
    (
        "the log {path} is open read-only; it cannot be appended to",
        "로그 {path}은(는) 읽기 전용으로 열려 있어 추가할 수 없습니다",
    ),
    (
        "the mail cannot be built: {detail}",
        "메일을 만들 수 없습니다: {detail}",
    ),
    (
        "the order belongs to another conference",
        "다른 행사의 주문입니다",
    ),
    ("the order has expired", "주문이 만료되었습니다"),
    (
        "the order has expired: a payment can no longer confirm it",
        "주문이 만료되었습니다. 이제 결제로 확정할 수 없습니다",
    ),
    (
        "the order has expired: its reservation was released",
        "주문이 만료되었습니다. 예약이 해제되었습니다",
    ),
    (
        "the order has expired: its seats were already released",
        "주문이 만료되었습니다: 좌석은 이미 반환되었습니다",
    ),
    (
        "the order has expired: its seats were released; place a new order",
        "주문이 만료되어 좌석이 풀렸습니다. 새로 주문하세요",
    ),
    ("the order is already paid", "이미 결제된 주문입니다"),
    (
        "the order is already paid: its seats can no longer change",
        "이미 결제된 주문입니다. 좌석을 더 이상 바꿀 수 없습니다",
    ),
    (
        "the order is not paid: no confirmation is sent",
        "주문이 결제되지 않았습니다: 확인 메일을 보내지 않습니다",
    ),
    (
        "the order is not paid: there is nothing to refund",
        "결제되지 않은 주문입니다: 환불할 금액이 없습니다",
    ),
    (
        "the order is paid and cannot expire",
        "결제된 주문은 만료될 수 없습니다",
    ),
    (
        "the order is paid: it can no longer be cancelled",
        "결제된 주문은 더 이상 취소할 수 없습니다",
    ),
    (
        "the order was cancelled: its seats were released",
        "주문이 취소되었습니다: 좌석이 반환되었습니다",
    ),
    (
        "the order was cancelled: its seats were released; place a new order",
        "주문이 취소되었습니다: 좌석이 반환되었습니다. 새로 주문하세요",
    ),
    (
        "the order's seats are not reserved yet",
        "주문의 좌석이 아직 예약되지 않았습니다",
    ),
    (
        "the past view's replay failed",
        "과거 보기의 재생에 실패했습니다",
    ),
    (
        "the payment is already completed or rejected",
        "이미 완료되었거나 거절된 결제입니다",
    ),
    (
        "the scheme must be smtp:// or smtps://, not {scheme}://",
        "스킴은 {scheme}://이 아니라 smtp:// 또는 smtps://여야 합니다",
    ),
    (
        "this conference has no order '{order}'",
        "이 학회에는 '{order}' 주문이 없습니다",
    ),
    (
        "this conference has no such order",
        "이 행사에는 그런 주문이 없습니다",
    ),
    (
        "time: this local time does not exist (clock change)",
        "시각: 이 현지 시각은 존재하지 않습니다 (시간 변경)",
    ),
    (
        "time: use HH:MM or HH:MM:SS, e.g. 14:30",
        "시각: HH:MM 또는 HH:MM:SS 형식으로 입력하세요 (예: 14:30)",
    ),
    ("too large", "너무 큼"),
    ("too long", "너무 깁니다"),
    (
        "too many wrong access codes for this order: try again after {time}",
        "이 주문에 잘못된 액세스 코드를 너무 많이 입력했습니다: {time} 이후에 다시 시도하세요",
    ),
    (
        "too many wrong access codes: this conference is locked until {time}",
        "잘못된 액세스 코드를 너무 많이 입력했습니다. 이 행사는 {time}까지 잠겨 있습니다",
    ),
    (
        "too many wrong order codes for this e-mail: try again after {time}",
        "이 이메일로 잘못된 주문 코드를 너무 많이 입력했습니다: {time} 이후에 다시 시도하세요",
    ),
    ("unassigned", "미지정"),
    ("use YYYY-MM-DD", "YYYY-MM-DD 형식으로 입력하세요"),
    (
        "use YYYY-MM-DD, e.g. 2026-12-01 (got '{text}')",
        "YYYY-MM-DD 형식으로 입력하세요 (예: 2026-12-01, 입력값 '{text}')",
    ),
    (
        "your conference “{conference}” ({start} to {end}) is set up on the confdesk registration desk.",
        "행사 “{conference}”({start}~{end})가 confdesk 등록 데스크에 준비되었습니다.",
    ),
    (
        "your order for {conference} ({start} to {end}) is paid and confirmed.",
        "{conference}({start}~{end}) 주문이 결제되어 확정되었습니다.",
    ),
    (
        "{done} of {total} {total|event|events} replayed",
        "이벤트 {total}개 중 {done}개 재생",
    ),
    ("{event}", "{event}"),
    ("{fields}", "{fields}"),
    ("{field} of seat {n}", "좌석 {n}의 {field}"),
    ("{field}: {rule}", "{field}: {rule}"),
    ("{flag}", "{flag}"),
    (
        "{held} held for you + {n} left",
        "확보 {held}석 + 잔여 {n}석",
    ),
    (
        "{name} — {seat_type}, seat {n}",
        "{name} — {seat_type}, {n}번 좌석",
    ),
    ("{n} left", "{n}석 남음"),
    (
        "{n} queued {n|check-in|check-ins} could not be uploaded or read: {reason}",
        "대기 중인 체크인 {n}건을 올리거나 읽을 수 없습니다: {reason}",
    ),
    (
        "{n} {n|check-in|check-ins} queued on this machine",
        "이 컴퓨터에 대기 중인 체크인 {n}건",
    ),
    ("{n} {n|event|events}", "이벤트 {n}개"),
    ("{n} {n|order|orders}", "주문 {n}건"),
    (
        "{n} {n|seat|seats} ready to assign",
        "참석자를 지정할 좌석 {n}석",
    ),
    (
        "{n} {n|seat|seats}, {assigned} assigned",
        "좌석 {n}석, 지정 {assigned}석",
    ),
    (
        "{path} already exists and is {kind}; confdesk will not write over it: {advice}",
        "{path}이(가) 이미 있습니다 ({kind}). confdesk는 그 위에 쓰지 않습니다: {advice}",
    ),
    (
        "{path} already exists. Replace it? Press Replace to write over it.",
        "{path}이(가) 이미 있습니다. 덮어쓰려면 바꾸기를 누르세요.",
    ),
    (
        "{path} is not a confdesk event log: {reason}",
        "{path}은(는) confdesk 이벤트 로그가 아닙니다: {reason}",
    ),
    (
        "{path} is {kind}, not a regular file, so it cannot be a confdesk log",
        "{path}은(는) {kind}이며 일반 파일이 아니므로 confdesk 로그가 될 수 없습니다",
    ),
    (
        "{path} {problem}; access codes cannot be checked until it is fixed or removed",
        "{path} {problem}; 이 파일을 고치거나 지울 때까지 액세스 코드를 확인할 수 없습니다",
    ),
    (
        "{seat_type}, seat {n} (unassigned)",
        "{seat_type}, {n}번 좌석 (미지정)",
    ),
    (
        "{seat_type}: {quantity} × {unit_price} = {line_total}",
        "{seat_type}: {quantity}석 × {unit_price} = {line_total}",
    ),
    ("{start} to {end}", "{start} ~ {end}"),
    ("{time} (queued)", "{time} (대기 중)"),
    ("{time} at {door}", "{time} ({door})"),
    ("{time} online", "{time} (온라인)"),
    ("{time}, twice", "{time}, 두 번"),
    ("· registrant {name}", "· 등록자 {name}"),
    ("“{name}” is created", "“{name}” 행사가 만들어졌습니다"),
];
