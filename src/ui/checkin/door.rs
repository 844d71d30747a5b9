//! The door: one field, "Order code or name/e-mail", that keeps the
//! keyboard focus. A scanned ticket checks in exactly its seat at once
//! (`door/ticket.rs`). A barcode scanner types the order code and Enter: that
//! shows the order and picks its first seat still to check in; the field
//! is cleared at once, so no scanned keystroke is ever lost. Enter on the
//! empty field then checks that one seat in (an unassigned seat first asks
//! for the name) — one seat per press; a scan alone never checks anyone in,
//! and the next scan simply shows the next order. Typing anything else
//! searches the attendees (when the text changes, not every frame). Each
//! result is shown large (green: in; red: refused with the app's reason).
//! The counter at the top is the `CheckInBoard` read model. Without the
//! server the door goes on from its last-known models and queues each
//! check-in on this machine (`offline.rs`).

use crate::app::projections::{OrderStatusView, SeatQuery};
use crate::app::{
    AppError, ConferenceAccess, Desk, DoorAttendee, DoorBlockedOrder, DoorMatches, DoorOrder,
    PurchasedSeat, SeatRef, UserCommand,
};
use crate::domain::Message;
use crate::domain::person_name::display_name;
use crate::ui::checkin::offline::{OfflineDoor, Uploaded, queued_verdict};
use crate::ui::checkin::seats::{SeatAction, SeatsTable, seat_label};
use crate::ui::checkin::{CheckInScreen, Go, OpenScreen};
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use crate::ui::widgets::{enter_pressed, error_color, escape_pressed, ok_color};
use eframe::egui::{self, RichText, Ui};
use std::collections::HashMap;

mod ticket;

/// The most seats a search lists (the counter says how many matched).
const SEARCH_LIMIT: usize = 50;

/// What the table lists.
#[derive(Debug, Clone, Default)]
pub enum Listing {
    /// Nothing typed yet.
    #[default]
    Empty,
    /// The order a code found.
    Order(DoorOrder),
    /// The seats a search for `.0` found.
    Search(String, DoorMatches),
}

/// The last action's result, shown large above the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DoorVerdict {
    /// Checked in (green).
    CheckedIn(String),
    /// Refused, with the reason (red).
    Refused(String),
    /// Neither: a hint or a taken-back check-in.
    Note(String),
}

/// The door screen's state (UI only: the seats come from the app layer).
pub struct DoorScreen {
    /// The staff's access, granted once when the door was opened.
    pub access: ConferenceAccess,
    /// The conference's name.
    pub name: String,
    /// The scan / search field.
    pub query: String,
    /// What the table lists.
    pub listing: Listing,
    /// Names typed for unassigned seats.
    pub names: HashMap<SeatRef, DoorAttendee>,
    /// The last result.
    pub verdict: Option<DoorVerdict>,
    /// The query `listing` was searched with, and the log's event count then.
    searched: (String, u64),
    /// The seat Enter on the empty field checks in.
    pub next: Option<SeatRef>,
    focus_scan: bool,
    focus_name: bool,
    /// The queue and whether the server is gone.
    offline: OfflineDoor,
    /// The seat of the check-in sent this frame or the last, to queue it
    /// if it fails for want of the server.
    sent: Option<PurchasedSeat>,
    /// Whether the door sent a command this frame (an upload waits then).
    sent_now: bool,
}

impl DoorScreen {
    /// The door of the conference `access` opens.
    pub fn open(desk: &Desk, access: ConferenceAccess) -> Result<Self, AppError> {
        let name = desk
            .read_models()
            .conferences
            .get(access.conference())
            .map(|c| c.info.name)
            .unwrap_or_default();
        Ok(Self {
            access,
            name,
            query: String::new(),
            listing: Listing::Empty,
            names: HashMap::new(),
            verdict: None,
            searched: (String::new(), desk.stats().events),
            next: None,
            focus_scan: true,
            focus_name: false,
            offline: OfflineDoor::default(),
            sent: None,
            sent_now: false,
        })
    }

    /// Whether the door works offline now (told so, or found out).
    pub fn is_offline(&self) -> bool {
        self.offline.is_offline()
    }

    /// How many check-ins wait in this machine's queue.
    pub fn queued(&self) -> usize {
        self.offline.pending_count()
    }

    /// The listed rows with the queued check-ins laid over them, when any
    /// are queued (a copy of at most [`SEARCH_LIMIT`] rows); `None`: the
    /// listed rows as they are.
    fn overlaid(&self) -> Option<Vec<PurchasedSeat>> {
        if self.offline.pending_count() == 0 {
            return None;
        }
        let mut rows = listed(&self.listing).to_vec();
        self.offline.overlay(&mut rows);
        Some(rows)
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) -> Go {
        self.sent_now = false;
        // The window's watcher knows whether the shared log's server is
        // there; offline, check-ins are queued on this machine.
        self.offline.told = shell.is_offline();
        self.offline.look_for_queue(shell);
        self.take_outcomes(ui, shell);
        let mut go = Go::Stay;
        ui.horizontal(|ui| {
            ui.heading(say(
                &Message::new("Check-in: {name}").text("name", &self.name)
            ));
            if ui.button(tr("Close")).clicked() {
                go = Go::To(CheckInScreen::Open(OpenScreen::default()));
            }
        });
        counter_ui(ui, shell.desk, &self.access);
        crate::ui::checkin::offline::offline_ui(ui, &self.offline);
        ui.separator();
        self.scan_ui(ui, shell);
        self.refresh(shell.desk);
        verdict_ui(ui, self.verdict.as_ref());
        ui.add_space(6.0);
        let overlaid = self.overlaid();
        let seats = overlaid.as_deref().unwrap_or(listed(&self.listing));
        if let Listing::Search(_, m) = &self.listing
            && m.total > m.seats.len()
        {
            ui.label(
                RichText::new(
                    say(&Message::new("Showing {shown} of {total} {total|match|matches}: type more to narrow them down.").count("shown", m.seats.len()).count("total", m.total)),
                )
                .weak(),
            );
        }
        if let Listing::Search(_, m) = &self.listing {
            blocked_orders_ui(ui, &m.orders);
        }
        if let Listing::Search(query, m) = &self.listing
            && m.total == 0
            && m.orders.is_empty()
            && !query.trim().is_empty()
            && self.verdict.is_none()
        {
            ui.label(
                RichText::new(
                    say(&Message::new("No attendee or registrant matches “{text}” (Enter looks it up as an order code).").text("text", query.trim())),
                )
                .weak(),
            );
        }
        // A new search's results open at their top: a fresh scroll state.
        let action = ui
            .push_id(("door-results", self.searched.0.as_str()), |ui| {
                SeatsTable {
                    seats,
                    names: &mut self.names,
                    next: self.next,
                    focus_name: std::mem::take(&mut self.focus_name),
                    queued: &self.offline.queued_seats(),
                    offline: self.offline.is_offline(),
                }
                .ui(ui)
            })
            .inner;
        if let Some(action) = action {
            self.act(ui, shell, action);
        }
        // One queued check-in per frame goes up, alone among the door's
        // commands, so its answer is the next one this asker gets.
        if !self.sent_now {
            self.offline.upload_next(ui, shell, &self.access);
        }
        go
    }

    fn scan_ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        ui.horizontal(|ui| {
            let l = ui.label(RichText::new(tr("Order code or name/e-mail")).size(18.0));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .font(egui::TextStyle::Heading)
                        .desired_width(360.0)
                        .hint_text(tr("scan the QR code or type")),
                )
                .labelled_by(l.id);
            // A scanner types wherever the focus is: keep it here unless
            // staff are in another field or on a button.
            // Read before focusing again: `lost_focus` asks memory.
            let submitted = r.lost_focus() && enter_pressed(ui);
            if submitted {
                self.enter(ui, shell);
                self.focus_scan = !self.focus_name;
            } else if r.has_focus() && escape_pressed(ui) {
                self.query.clear();
            }
            let idle = ui.memory(|m| m.focused().is_none());
            let find = crate::ui::widgets::find_pressed(ui);
            if std::mem::take(&mut self.focus_scan) || (idle && !self.focus_name) || find {
                r.request_focus();
            }
        });
    }

    /// Enter in the field: on an empty field, check in the picked seat (or
    /// ask for its name); else show the order with that code, or keep the
    /// search.
    fn enter(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        let code = self.query.trim().to_string();
        if code.is_empty() {
            let seats = match &self.listing {
                Listing::Order(o) => o.seats.as_slice(),
                _ => &[],
            };
            let picked = self
                .next
                .and_then(|next| seats.iter().find(|s| s.seat == next));
            let offline = self.offline.is_offline();
            match picked {
                Some(seat) if seat.attendee.is_none() && !offline => self.focus_name = true,
                Some(seat) => {
                    let action = SeatAction::CheckIn(seat.clone(), None);
                    self.act(ui, shell, action);
                }
                None => {}
            }
            return;
        }
        if self.scan_ticket(ui, shell, &code) {
            return;
        }
        match shell.desk.door().door_find_order(&self.access, &code) {
            Ok(order) => self.show_order(shell, order),
            Err(AppError::NotFound(_)) => {
                // A scanner may type and press Enter within one frame.
                self.refresh(shell.desk);
                let found = matches!(&self.listing,
                    Listing::Search(_, m) if m.total > 0 || !m.orders.is_empty());
                if !found {
                    self.verdict = Some(DoorVerdict::Refused(say(&Message::new(
                        "No order or attendee matches “{text}”.",
                    )
                    .text("text", &code))));
                }
            }
            Err(e) => {
                if let Some(e) = shell.triage(e) {
                    self.verdict = Some(DoorVerdict::Refused(say(&e.message())));
                }
            }
        }
    }

    fn show_order(&mut self, shell: &mut Shell<'_>, order: DoorOrder) {
        self.verdict = None;
        self.next = None;
        let next = order
            .seats
            .iter()
            .find(|s| s.checked_in_at.is_none() && !self.offline.is_queued(s.seat));
        if let (OrderStatusView::Confirmed, Some(next)) = (order.status, next) {
            self.next = Some(next.seat);
            let hint = if next.attendee.is_some() || self.offline.is_offline() {
                Message::new("Order {code}: press Enter to check in {seat}.")
            } else {
                Message::new("Order {code}: press Enter to type the name for {seat}.")
            };
            self.verdict = Some(DoorVerdict::Note(say(&hint
                .text("code", &order.order_code)
                .text("seat", seat_label(next)))));
        } else if self.offline.is_offline() {
            // Asking the app why would wait on the server: say it from
            // the last-known order.
            let why = match order.status {
                OrderStatusView::Confirmed => {
                    Message::new("Every seat of order {code} is checked in")
                        .text("code", &order.order_code)
                }
                status => Message::new("Order {code}: {status}")
                    .text("code", &order.order_code)
                    .text("status", say(&status.message())),
            };
            self.verdict = Some(DoorVerdict::Refused(say(&why)));
        } else {
            // Nobody of this order can come in: not paid, expired, rejected,
            // or every seat already in. The app says which; checking the
            // first seat in is refused for each of those and writes nothing.
            let why_not = UserCommand::CheckIn {
                access: self.access.clone(),
                order_code: order.order_code.clone(),
                position: 0,
                attendee: None,
            };
            shell.send(Asker::DoorWhyNot, why_not);
            self.sent_now = true;
        }
        // Cleared at once: the next scan must not append to this code.
        self.query.clear();
        self.searched = (String::new(), shell.desk.stats().events);
        self.listing = Listing::Order(order);
    }

    fn act(&mut self, ui: &Ui, shell: &mut Shell<'_>, action: SeatAction) {
        if self.offline.is_offline() {
            self.act_offline(shell, action);
            self.after_action(ui);
            return;
        }
        self.sent = match &action {
            SeatAction::CheckIn(seat, None) => Some(seat.clone()),
            _ => None,
        };
        let (asker, command) = match action {
            SeatAction::CheckIn(seat, name) => (
                Asker::DoorCheckIn,
                UserCommand::CheckIn {
                    access: self.access.clone(),
                    order_code: seat.order_code,
                    position: seat.seat.position,
                    attendee: name,
                },
            ),
            SeatAction::Undo(seat) => (
                Asker::DoorUndo,
                UserCommand::UndoCheckIn {
                    access: self.access.clone(),
                    order_code: seat.order_code,
                    position: seat.seat.position,
                },
            ),
        };
        shell.send(asker, command);
        self.sent_now = true;
        self.after_action(ui);
    }

    /// Offline: a check-in is queued, an undo takes a queued one back; an
    /// undo of a check-in already in the log needs the server.
    fn act_offline(&mut self, shell: &Shell<'_>, action: SeatAction) {
        self.verdict = Some(match action {
            SeatAction::CheckIn(seat, _) => {
                match self.offline.queue(shell, &seat, self.access.actor()) {
                    Ok(()) => DoorVerdict::CheckedIn(queued_verdict(&seat_label(&seat))),
                    Err(why) => DoorVerdict::Refused(why),
                }
            }
            SeatAction::Undo(seat) => match self.offline.take_back(seat.seat) {
                Ok(true) => {
                    DoorVerdict::Note(say(&Message::new("Check-in taken back: {seat}")
                        .text("seat", seat_label(&seat))))
                }
                Ok(false) => DoorVerdict::Refused(say(&Message::new(
                    "Taking back a check-in the server already has needs the server: try again when it is back.",
                ))),
                Err(why) => DoorVerdict::Refused(why),
            },
        });
    }

    fn after_action(&mut self, ui: &Ui) {
        // Ready for the next scan; the rows stay until then.
        self.query.clear();
        self.searched.0.clear();
        self.focus_scan = true;
        self.next = None;
        ui.ctx().request_repaint();
    }

    /// What the last frame's check-in, undo or "why not" did.
    fn take_outcomes(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        if self.offline.in_flight.is_some() {
            self.take_upload(ui, shell);
        }
        match shell.outcome(ui, Asker::DoorCheckIn) {
            Some(Ok(crate::app::Outcome::Door(seat))) => {
                self.names.remove(&seat.seat);
                self.verdict = Some(DoorVerdict::CheckedIn(say(&Message::new(
                    "Checked in: {seat}",
                )
                .text("seat", seat_label(&seat)))));
            }
            Some(Err(AppError::Store(e))) if e.is_connection() && self.sent.is_some() => {
                self.queue_sent(ui, shell);
            }
            Some(Err(e)) => self.refused(shell, e),
            Some(Ok(_)) | None => {}
        }
        match shell.outcome(ui, Asker::DoorUndo) {
            Some(Ok(crate::app::Outcome::Door(seat))) => {
                self.verdict = Some(DoorVerdict::Note(say(&Message::new(
                    "Check-in taken back: {seat}",
                )
                .text("seat", seat_label(&seat)))));
            }
            Some(Err(e)) => self.refused(shell, e),
            Some(Ok(_)) | None => {}
        }
        if let Some(Err(e)) = shell.outcome(ui, Asker::DoorWhyNot) {
            self.refused(shell, e);
        }
    }

    /// The answer to the upload in flight (sent alone last frame, so the
    /// first answer for this asker).
    fn take_upload(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        let answer = match shell.outcome(ui, Asker::DoorCheckIn) {
            Some(Ok(_)) => Ok(()),
            Some(Err(e)) => Err(e),
            None => {
                if shell.commands.is_idle() {
                    self.offline.lost_answer();
                }
                return;
            }
        };
        match self.offline.uploaded(ui, answer) {
            Uploaded::Done => {}
            Uploaded::Refused(why) => {
                self.verdict = Some(DoorVerdict::Refused(say(&Message::new(
                    "A check-in queued offline was refused: {reason}",
                )
                .text("reason", why))));
            }
            Uploaded::Later(AppError::Store(e)) if e.is_connection() => {}
            Uploaded::Later(e) => {
                shell.triage(e);
            }
        }
    }

    /// A check-in sent online failed for want of the server: the door
    /// goes offline and queues it, so the person already let in counts.
    fn queue_sent(&mut self, ui: &Ui, shell: &mut Shell<'_>) {
        self.offline.found_offline(ui);
        let Some(seat) = self.sent.take() else {
            return;
        };
        self.verdict = Some(
            match self.offline.queue(shell, &seat, self.access.actor()) {
                Ok(()) => DoorVerdict::CheckedIn(queued_verdict(&seat_label(&seat))),
                Err(why) => DoorVerdict::Refused(why),
            },
        );
    }

    fn refused(&mut self, shell: &mut Shell<'_>, e: AppError) {
        let text = match e {
            e @ AppError::AlreadyCheckedIn { .. } => say(&e.message()),
            AppError::Locked { until } => say(&Message::new(
                "Too many wrong access codes. This conference is locked until {time}.",
            )
            .text("time", crate::ui::i18n::format::until(until))),
            e => match shell.triage(e) {
                Some(e) => say(&e.message()),
                None => return,
            },
        };
        self.verdict = Some(DoorVerdict::Refused(text));
    }

    /// Searches again when the text changed; re-reads the rows when the log
    /// changed (a check-in here or elsewhere).
    fn refresh(&mut self, desk: &Desk) {
        let events = desk.stats().events;
        if self.query != self.searched.0 {
            self.listing = if self.query.trim().is_empty() {
                Listing::Empty
            } else {
                let query = SeatQuery::new(&self.query, tr("unassigned"));
                let found = desk.door().door_search(&self.access, query, SEARCH_LIMIT);
                // A new search or scan: the last result no longer applies.
                self.verdict = None;
                Listing::Search(self.query.clone(), found)
            };
            self.next = None;
        } else if events != self.searched.1 {
            self.listing = match std::mem::take(&mut self.listing) {
                Listing::Order(o) => desk
                    .door()
                    .door_find_order(&self.access, &o.order_code)
                    .map_or(Listing::Order(o), Listing::Order),
                Listing::Search(q, _) => {
                    let query = SeatQuery::new(&q, tr("unassigned"));
                    let found = desk.door().door_search(&self.access, query, SEARCH_LIMIT);
                    Listing::Search(q, found)
                }
                Listing::Empty => Listing::Empty,
            };
        } else {
            return;
        }
        self.searched = (self.query.clone(), events);
    }
}

/// The orders a search found that nobody can check in with, one line
/// each: why ("Order K3X9QZ is not paid"), then who registered it.
fn blocked_orders_ui(ui: &mut Ui, orders: &[DoorBlockedOrder]) {
    for o in orders {
        let who = o.registrant.as_ref().map_or_else(String::new, |r| {
            let name = display_name(&r.first_name, &r.last_name);
            if r.email.is_empty() {
                format!(" — {name}")
            } else {
                format!(" — {name} · {}", r.email)
            }
        });
        ui.label(RichText::new(format!("{}{who}", say(&o.reason))).color(error_color(ui)));
    }
}

/// The rows `listing` holds.
fn listed(listing: &Listing) -> &[PurchasedSeat] {
    match listing {
        Listing::Empty => &[],
        Listing::Order(o) => &o.seats,
        Listing::Search(_, m) => &m.seats,
    }
}

/// "Checked in: X / Y confirmed seats", then the same per seat type.
fn counter_ui(ui: &mut Ui, desk: &Desk, access: &ConferenceAccess) {
    let board = &desk.read_models().check_ins;
    let (checked_in, confirmed) = board.totals(access.conference());
    ui.label(
        RichText::new(say(&Message::new(
            "Checked in: {n} / {total} confirmed {total|seat|seats}",
        )
        .count("n", checked_in)
        .count("total", confirmed)))
        .size(22.0)
        .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for c in desk.door().check_in_counts(access) {
            ui.label(
                RichText::new(format!(
                    "{}: {} / {}",
                    c.name,
                    crate::ui::i18n::format::count(c.checked_in),
                    crate::ui::i18n::format::count(c.confirmed)
                ))
                .weak(),
            );
            ui.add_space(12.0);
        }
    });
}

/// The last result, large and coloured.
fn verdict_ui(ui: &mut Ui, verdict: Option<&DoorVerdict>) {
    let Some(verdict) = verdict else {
        return;
    };
    let (text, color) = match verdict {
        DoorVerdict::CheckedIn(t) => (t.clone(), ok_color(ui)),
        DoorVerdict::Refused(t) => (t.clone(), error_color(ui)),
        DoorVerdict::Note(t) => (t.clone(), ui.visuals().strong_text_color()),
    };
    // Results are read from a step away; hints are read by the staffer.
    let size = if matches!(verdict, DoorVerdict::Note(_)) {
        18.0
    } else {
        26.0
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(2.0, color))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(text).size(size).strong().color(color));
        });
}
