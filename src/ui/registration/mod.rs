//! The registration desk: the registrant's order wizard (conferences →
//! seats → details → payment → confirmation → attendees), "find my order"
//! and the "order expired" page. Screens read the app layer and send it
//! command values (run after the frame: see `ui::shell`); this file routes
//! between them, shows where the registrant is, and keeps the
//! reservation countdown on every step that holds an unpaid order.
//!
//! The registrant only ever sees the one order they are working on: the
//! workspace holds at most one [`OrderKey`]. "Start over" (after payment,
//! and on the expired page) drops it together with everything typed — a
//! paid order stays paid; "Cancel order" (on every step holding an unpaid
//! order, asked to confirm in [`cancel`]) cancels it first, so its seats
//! go back at once and the next customer starts clean.
//!
//! Focus: every step's screen is made fresh when the wizard moves to it,
//! with `focused_once` false, and its first field (or, without one, its
//! main button) asks for the keyboard focus on its first frame only.

mod attendees;
mod cancel;
mod conferences;
mod confirmation;
mod countdown;
mod details;
mod discount;
mod expired;
mod find;
mod payment;
mod seats;
mod tickets;

pub use attendees::{AttendeeDraft, AttendeesScreen};
pub use cancel::CancelConfirm;
pub use conferences::ConferencesScreen;
pub use confirmation::ConfirmationScreen;
pub use countdown::{format_mm_ss, remaining};
pub use details::DetailsScreen;
pub use expired::ExpiredScreen;
pub use find::FindScreen;
pub use payment::{PaymentScreen, method_label};
pub use seats::{COULD_NOT_RESERVE_ALL, SeatsScreen};

use crate::app::projections::OrderStatusView;
use crate::app::{AppError, Desk, OrderKey};
use crate::ui::i18n::{say, tr};
use crate::ui::shell::{Asker, Shell};
use eframe::egui::{self, RichText, Ui};

/// The step of the wizard showing, with that step's UI-only state.
pub enum Step {
    /// 1. The published conferences.
    Conferences(ConferencesScreen),
    /// 2. A quantity per seat type, then Reserve.
    Seats(Box<SeatsScreen>),
    /// 3. Who is buying.
    Details(Box<DetailsScreen>),
    /// 4. Accept or reject the payment.
    Payment(PaymentScreen),
    /// 5. The order code.
    Confirmation(ConfirmationScreen),
    /// 6. One row per purchased seat.
    Attendees(Box<AttendeesScreen>),
    /// E-mail and order code reopen an order.
    Find(FindScreen),
    /// The reservation ran out.
    Expired(ExpiredScreen),
}

impl Default for Step {
    fn default() -> Self {
        Self::Conferences(ConferencesScreen::default())
    }
}

/// Where a step wants to go next: stay, or another step of the wizard.
pub type Go = crate::ui::nav::Go<Step>;

impl Go {
    /// Back to the conferences with every field cleared ("Start over").
    pub fn start_again() -> Self {
        Self::To(Step::default())
    }
}

/// The registration desk's state.
#[derive(Default)]
pub struct RegistrationWorkspace {
    /// The step showing.
    pub step: Step,
    /// "Cancel order" asked, waiting for Yes or No.
    pub cancel: Option<CancelConfirm>,
    /// The desk staff code this desk sells with, once opened.
    pub seller: Option<crate::app::ConferenceAccess>,
    /// "Sell with a desk code": the slug and code form.
    pub staff: crate::ui::staff_open::StaffOpenForm,
}

/// The steps of the progress line, in order, in the interface language.
fn progress() -> [&'static str; 6] {
    [
        tr("Conference"),
        tr("Seats"),
        tr("Details"),
        tr("Payment"),
        tr("Confirmation"),
        tr("Attendees"),
    ]
}

impl RegistrationWorkspace {
    /// The order the registrant is working on, if any.
    pub fn order_key(&self) -> Option<&OrderKey> {
        match &self.step {
            Step::Seats(s) => s.order.as_ref(),
            Step::Details(s) => Some(&s.key),
            Step::Payment(s) => Some(&s.key),
            Step::Confirmation(s) => Some(&s.key),
            Step::Attendees(s) => Some(&s.key),
            Step::Conferences(_) | Step::Find(_) | Step::Expired(_) => None,
        }
    }

    /// Draws the current step and follows its navigation.
    pub fn ui(&mut self, ui: &mut Ui, shell: &mut Shell<'_>) {
        let Self {
            step,
            cancel,
            seller,
            staff,
        } = self;
        seller_ui(ui, shell, step, seller, staff);
        if let Step::Seats(s) = step {
            s.seller.clone_from(seller);
        }
        cancel::outcome(ui, shell);
        let mut countdown = None;
        if let Some(key) = unpaid_order(step).cloned() {
            match shell.desk.registration().order(&key) {
                // Paid meanwhile (another desk, the CLI): show it as paid.
                Ok(order) if order.status == OrderStatusView::Confirmed => {
                    // Accepted at this desk (its answer is waiting): queue
                    // the registrant's confirmation mail on the way.
                    *step = Step::Confirmation(match shell.outcome(ui, Asker::Payment) {
                        Some(Ok(_)) => ConfirmationScreen::after_payment(shell, key),
                        _ => ConfirmationScreen::new(key),
                    });
                }
                // Cancelled here (the answer came) or elsewhere.
                Ok(order) if order.status == OrderStatusView::Cancelled => {
                    *step = cancel::cancelled_step(&order.access_code);
                }
                Ok(order) => {
                    let left = remaining(&order, shell.desk.now());
                    if order.status.is_open() && left > chrono::Duration::zero() {
                        countdown = Some(left);
                    } else {
                        *step = Step::Expired(ExpiredScreen::default());
                    }
                }
                Err(e) => {
                    if let Some(e) = shell.triage(e) {
                        shell.toast(ui, say(&e.message()));
                    }
                    *step = Step::default();
                }
            }
        }
        let unpaid = unpaid_order(step).cloned();
        if unpaid.is_none() {
            *cancel = None;
        }
        // Asked first, so that its Escape and Enter never reach the step.
        cancel::confirm_ui(ui, shell, cancel);
        header_ui(ui, step, countdown);
        let go = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let go = match step {
                    Step::Conferences(s) => s.ui(ui, shell),
                    Step::Seats(s) => s.ui(ui, shell),
                    Step::Details(s) => s.ui(ui, shell),
                    Step::Payment(s) => s.ui(ui, shell),
                    Step::Confirmation(s) => s.ui(ui, shell),
                    Step::Attendees(s) => s.ui(ui, shell),
                    Step::Find(s) => s.ui(ui, shell),
                    Step::Expired(s) => s.ui(ui, shell),
                };
                if let Some(key) = unpaid {
                    cancel::button_ui(ui, key, cancel);
                }
                go
            })
            .inner;
        if let Go::To(next) = go {
            *step = next;
            *cancel = None;
            ui.ctx().request_repaint();
        }
    }
}

/// Above the wizard: "Selling with desk code Desk 1 · Stop", or, on the
/// conference list, the form that opens the desk with a desk staff code
/// (then straight to that conference's seats).
fn seller_ui(
    ui: &mut Ui,
    shell: &mut Shell<'_>,
    step: &mut Step,
    seller: &mut Option<crate::app::ConferenceAccess>,
    staff: &mut crate::ui::staff_open::StaffOpenForm,
) {
    use crate::domain::staff_code::StaffRole;
    if let Some(access) = seller.clone() {
        let label = access
            .staff_code()
            .and_then(|(id, _)| {
                let model = shell.desk.write_model();
                let c = model.conferences.get(&access.conference())?;
                c.staff.get(id).map(|c| c.label.clone())
            })
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(say(&crate::domain::Message::new(
                "Selling with the desk code {label}",
            )
            .text("label", label)));
            if ui.button(tr("Stop selling with this code")).clicked() {
                *seller = None;
            }
        });
        return;
    }
    if !matches!(step, Step::Conferences(_)) {
        return;
    }
    egui::CollapsingHeader::new(tr("Staff: sell with a desk code"))
        .id_salt("sell-with-desk-code")
        .show(ui, |ui| {
            if let Some(access) = staff.ui(ui, shell, StaffRole::Desk, tr("Sell")) {
                if let Some(view) = shell
                    .desk
                    .read_models()
                    .conferences
                    .get(access.conference())
                    && view.published
                {
                    *step = Step::Seats(Box::new(SeatsScreen::new(&view)));
                }
                *seller = Some(access);
            }
        });
}

/// The unpaid order a step holds (these steps show the countdown).
fn unpaid_order(step: &Step) -> Option<&OrderKey> {
    match step {
        Step::Seats(s) => s.order.as_ref(),
        Step::Details(s) => Some(&s.key),
        Step::Payment(s) => Some(&s.key),
        _ => None,
    }
}

/// The progress line and, while seats are held, the countdown, then a
/// separator; nothing on the pages outside the wizard (find, expired).
fn header_ui(ui: &mut Ui, step: &Step, countdown: Option<chrono::Duration>) {
    let current = match step {
        Step::Conferences(_) => Some(0),
        Step::Seats(_) => Some(1),
        Step::Details(_) => Some(2),
        Step::Payment(_) => Some(3),
        Step::Confirmation(_) => Some(4),
        Step::Attendees(_) => Some(5),
        Step::Find(_) | Step::Expired(_) => None,
    };
    if current.is_none() && countdown.is_none() {
        return;
    }
    ui.horizontal(|ui| {
        if let Some(current) = current {
            for (i, name) in progress().iter().enumerate() {
                if i > 0 {
                    ui.label(RichText::new("›").weak());
                }
                let text = RichText::new(format!("{} {name}", i + 1));
                ui.label(if i == current {
                    text.strong().underline()
                } else {
                    text.weak()
                });
            }
        }
        if let Some(left) = countdown {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                countdown::countdown_ui(ui, left);
            });
        }
    });
    ui.separator();
}

/// The step an existing order resumes at: attendees once paid, the expired
/// page once released, the seats while short or unreserved, the details
/// until the registrant is known, else the payment.
pub fn resume(desk: &Desk, key: OrderKey) -> Result<Step, AppError> {
    let order = desk.registration().order(&key)?;
    Ok(match order.status {
        OrderStatusView::Confirmed => Step::Attendees(Box::new(AttendeesScreen::new(key, &order))),
        OrderStatusView::Expired | OrderStatusView::Rejected => {
            Step::Expired(ExpiredScreen::default())
        }
        OrderStatusView::Cancelled => cancel::cancelled_step(&order.access_code),
        OrderStatusView::PendingReservation | OrderStatusView::PartiallyReserved => {
            Step::Seats(Box::new(SeatsScreen::for_order(key, &order)))
        }
        OrderStatusView::ReservationCompleted if order.registrant.is_none() => {
            Step::Details(Box::new(DetailsScreen::new(key, &order)))
        }
        OrderStatusView::ReservationCompleted => Step::Payment(PaymentScreen::new(key)),
    })
}

/// Whether Enter was pressed with no button focused: a text field gives up
/// its focus on Enter, so this is "Enter in a field or on the page", never
/// Enter on another button (which egui already treats as its click).
pub(crate) fn enter_submits(ui: &Ui) -> bool {
    crate::ui::widgets::enter_pressed(ui) && ui.memory(|m| m.focused().is_none())
}

/// The order behind `key`, or `None` after showing why it cannot be read
/// (storage problems go to the window's dialog).
pub(crate) fn load_order(
    ui: &mut Ui,
    shell: &mut Shell<'_>,
    key: &crate::app::OrderKey,
    message: &mut Option<String>,
) -> Option<crate::app::projections::OrderView> {
    match shell.desk.registration().order(key) {
        Ok(o) => Some(o),
        Err(e) => {
            *message = shell.triage(e).map(|e| say(&e.message()));
            message_ui(ui, message.as_deref());
            None
        }
    }
}

/// Shows a refusal the registrant can read (already in the interface
/// language), in the rule colour.
pub(crate) fn message_ui(ui: &mut Ui, message: Option<&str>) {
    if let Some(m) = message {
        ui.label(RichText::new(m).color(crate::ui::widgets::error_color(ui)));
    }
}

/// A grid cell with its text against the right edge (amounts, counts), so
/// digits line up down a column.
pub(crate) fn right_cell(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(text);
    });
}
