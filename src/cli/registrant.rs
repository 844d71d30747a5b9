//! Registrant commands: place and change an order, give the registrant,
//! pay or cancel, look at and find an order, and name the attendee of each purchased
//! seat. Everything after placing needs the order id and its access code.
//! An accepted payment queues the registrant's confirmation mail in the
//! outbox (`app::outbox`), in English as the CLI speaks.

use super::Ctx;
use super::args::{OrderKeyArgs, OrderSubcommand, PersonArgs, SeatSpec, SeatSubcommand};
use super::output::{
    Align, Output, money_cell, money_json, person_human, person_json, table, time_human, time_json,
};
use super::resolve;
use crate::app::outbox::queue_confirmation;
use crate::app::projections::{ConferenceView, OrderStatusView, OrderView};
use crate::app::{AppError, Desk, OrderKey, Outcome, SeatLine, UserCommand, order_total};
use crate::domain::Currency;
use crate::domain::Message;
use crate::domain::events::{PaymentMethod, PersonalInfo};
use serde_json::{Value, json};

/// What a line that got fewer seats than requested says.
const SHORT_LINE: &str = "Could not reserve all the requested seats.";

impl OrderKeyArgs {
    /// The app's order key (see [`resolve::order_key`]).
    pub(super) fn key(&self) -> Result<OrderKey, AppError> {
        resolve::order_key(&self.order, &self.access_code)
    }
}

impl PersonArgs {
    /// The person as the app takes it.
    fn person(&self) -> PersonalInfo {
        PersonalInfo {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
        }
    }
}

/// Typed `--seat` values as seat lines of `conference`.
fn lines(conference: &ConferenceView, seats: &[SeatSpec]) -> Result<Vec<SeatLine>, AppError> {
    resolve::seat_lines(
        conference,
        seats.iter().map(|s| (s.name.as_str(), s.quantity)),
    )
}

/// `order …`: its output and, for an order that reserved nothing, the
/// refusal to exit with after printing it (the order stays: the log is the
/// audit trail, and its id shows what was tried).
pub(super) fn order(
    ctx: &Ctx,
    command: OrderSubcommand,
) -> Result<(Output, Option<AppError>), AppError> {
    let output = match command {
        OrderSubcommand::Place {
            slug,
            seats,
            staff_code,
            discount,
        } => {
            let mut desk = ctx.write()?;
            // A desk staff code is checked (and counted) first, so a wrong
            // one places nothing.
            let access = match staff_code {
                Some(code) => Some(desk.authorize_staff(&crate::app::StaffKey {
                    slug: slug.clone(),
                    code,
                })?),
                None => None,
            };
            let conference = resolve::published_conference(&desk, &slug)?;
            let seats = lines(&conference, &seats)?;
            // A sale with a desk code records the code; its discount is
            // then applied to the order it placed.
            let (placed_order, later_discount) = match (access, discount) {
                (Some(access), code) => (UserCommand::Sell { access, seats }, code),
                (None, Some(code)) => (
                    UserCommand::PlaceDiscountedOrder {
                        conference: conference.id,
                        seats,
                        code,
                    },
                    None,
                ),
                (None, None) => (
                    UserCommand::PlaceOrder {
                        conference: conference.id,
                        seats,
                    },
                    None,
                ),
            };
            let Outcome::OrderPlaced(key) = desk.run(placed_order)? else {
                return Err(Outcome::unexpected("OrderPlaced"));
            };
            if let Some(code) = later_discount {
                desk.run(UserCommand::ApplyDiscount {
                    order: key.clone(),
                    code,
                })?;
            }
            let order = desk.registration().order(&key)?;
            return Ok(placed(&desk, &order));
        }
        OrderSubcommand::Update { key, seats } => {
            let key = key.key()?;
            let mut desk = ctx.write()?;
            let order = desk.registration_mut().open_order(&key)?;
            let conference = desk
                .read_models()
                .conferences
                .get(order.conference_id)
                .ok_or_else(super::conference::not_found)?;
            let seats = lines(&conference, &seats)?;
            desk.run(UserCommand::UpdateOrder {
                order: key.clone(),
                seats,
            })?;
            return Ok(placed(&desk, &desk.registration().order(&key)?));
        }
        OrderSubcommand::Registrant { key, person } => registrant(ctx, &key, &person)?,
        OrderSubcommand::Pay {
            key,
            reject,
            method,
        } => pay(ctx, &key, !reject, method)?,
        OrderSubcommand::Cancel(a) if a.slug.is_some() => super::money::cancel(ctx, a)?,
        OrderSubcommand::Cancel(a) => cancel(
            ctx,
            &OrderKeyArgs {
                order: a.order,
                access_code: a.access_code,
            },
        )?,
        OrderSubcommand::Refund(a) => super::money::refund(ctx, a)?,
        OrderSubcommand::Show { key } => {
            let key = key.key()?;
            let mut desk = ctx.read()?;
            let order = desk.registration_mut().open_order(&key)?;
            order_output(&desk, &order, true)
        }
        OrderSubcommand::Discount { key, code } => {
            let key = key.key()?;
            let mut desk = ctx.write()?;
            desk.run(UserCommand::ApplyDiscount {
                order: key.clone(),
                code,
            })?;
            return Ok(placed(&desk, &desk.registration().order(&key)?));
        }
        OrderSubcommand::Find { email, access_code } => {
            let key = ctx
                .read()?
                .registration_mut()
                .find_order(&email, &access_code)?;
            let id = key.order_id.to_string();
            Output::new(id.clone(), json!({"order_id": id}))
        }
        OrderSubcommand::Receipt { key, out, lang } => {
            super::paper::receipt(ctx, &key, &out, lang)?
        }
    };
    Ok((output, None))
}

/// A placed or changed order's output, with the refusal when none of its
/// requested seats could be reserved: a script must be able to tell a
/// sold-out order from a good one by the exit code alone.
fn placed(desk: &Desk, order: &OrderView) -> (Output, Option<AppError>) {
    let output = order_output(desk, order, false);
    let asked = order.lines.iter().any(|l| l.requested > 0);
    let got_none = order.lines.iter().all(|l| l.reserved == 0);
    if !asked || !got_none || order.status == OrderStatusView::PendingReservation {
        return (output, None);
    }
    let lines: Vec<String> = order
        .lines
        .iter()
        .filter(|l| l.requested > 0)
        .map(|l| {
            let name = desk.registration().seat_type_name(order, l.seat_type);
            format!("{name}: {SHORT_LINE} (0 of {})", l.requested)
        })
        .collect();
    let refusal = AppError::Conflict(
        Message::new(
            "no seat could be reserved: {lines}; order {order} holds nothing (change it with `confdesk order update`)",
        )
        .text("lines", lines.join("; "))
        .text("order", order.id.to_string()),
    );
    (output, Some(refusal))
}

fn registrant(ctx: &Ctx, key: &OrderKeyArgs, p: &PersonArgs) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.write()?;
    desk.run(UserCommand::AssignRegistrant {
        order: key.clone(),
        person: p.person(),
    })?;
    let order = desk.registration().order(&key)?;
    let who = order
        .registrant
        .as_ref()
        .map(person_human)
        .unwrap_or_default();
    let json = json!({"order_id": order.id.to_string(), "registrant": person_json(order.registrant.as_ref())});
    Ok(Output::new(format!("Registrant: {who}"), json))
}

/// `order pay`. Without --method an accepted payment is recorded the way
/// a desk volunteer would expect: free for a total of 0 (the only method
/// it allows), cash otherwise; the output names the method either way.
fn pay(
    ctx: &Ctx,
    key: &OrderKeyArgs,
    accept: bool,
    method: Option<PaymentMethod>,
) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.write()?;
    let command = match method {
        Some(method) if accept => UserCommand::PayWith {
            order: key.clone(),
            method,
        },
        _ => UserCommand::Pay {
            order: key.clone(),
            accept,
        },
    };
    let Outcome::Paid(payment) = desk.run(command)? else {
        return Err(Outcome::unexpected("Paid"));
    };
    let order = desk.registration().order(&key)?;
    // The payment stands whatever happens to the mail: a mail that can't be
    // written is said, never an error exit.
    let mail = (order.status == OrderStatusView::Confirmed).then(|| {
        queue_confirmation(
            &desk,
            &ctx.data.outbox_dir(),
            &key,
            ctx.mail_words().as_ref(),
        )
    });
    let mut human = match (accept, order.positions.len()) {
        (true, 0) => "Payment accepted: the order is confirmed.".to_string(),
        (true, 1) => "Payment accepted: the order is confirmed. 1 seat to assign (position 0): \
             use `confdesk seat assign`."
            .to_string(),
        (true, n) => format!(
            "Payment accepted: the order is confirmed. {n} seats to assign (positions 0 to {}): \
             use `confdesk seat assign`.",
            n - 1
        ),
        (false, _) => format!(
            "Payment rejected: the order stays {} until {}; pay again before then.",
            order.status.as_str(),
            time_human(order.expires_at)
        ),
    };
    let method = order.paid.filter(|_| accept).map(|p| p.method);
    if let Some(m) = method {
        human.push_str(&format!("\nPaid by: {}", m.as_str()));
    }
    let mut json = json!({
        "order_id": order.id.to_string(),
        "payment_id": payment.to_string(),
        "accepted": accept,
        "status": order.status.as_str(),
        "payment_method": method.map(|m| m.as_str()),
    });
    match mail {
        Some(Ok(queued)) => {
            let path = queued.path().display().to_string();
            human.push_str(&format!("\nConfirmation queued in the outbox: {path}"));
            json["confirmation_mail"] = Value::String(path);
        }
        Some(Err(e)) => {
            human.push_str(&format!(
                "\nThe confirmation mail could not be written: {e}"
            ));
            json["confirmation_mail_error"] = Value::String(e.to_string());
        }
        None => {}
    }
    Ok(Output::new(human, json))
}

/// `order cancel`: drops an unpaid order; its seats are back on sale.
fn cancel(ctx: &Ctx, key: &OrderKeyArgs) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.write()?;
    desk.run(UserCommand::CancelOrder { order: key.clone() })?;
    let order = desk.registration().order(&key)?;
    let human = format!(
        "Order {} cancelled; its seats are released.",
        order.access_code
    );
    let json = json!({
        "order_id": order.id.to_string(),
        "status": order.status.as_str(),
    });
    Ok(Output::new(human, json))
}

/// `seat assign` and `seat unassign`.
pub(super) fn seat(ctx: &Ctx, command: SeatSubcommand) -> Result<Output, AppError> {
    let (key, position) = match &command {
        SeatSubcommand::Assign { key, position, .. }
        | SeatSubcommand::Unassign { key, position } => (key.key()?, *position),
    };
    let mut desk = ctx.write()?;
    let change = match &command {
        SeatSubcommand::Assign { person, .. } => UserCommand::AssignSeat {
            order: key.clone(),
            position,
            person: person.person(),
        },
        SeatSubcommand::Unassign { .. } => UserCommand::UnassignSeat {
            order: key.clone(),
            position,
        },
    };
    desk.run(change)?;
    let order = desk.registration().order(&key)?;
    let seat = order.positions.iter().find(|p| p.position == position);
    let seat_type = seat
        .map(|p| desk.registration().seat_type_name(&order, p.seat_type))
        .unwrap_or_default();
    let attendee = seat.and_then(|p| p.attendee.as_ref());
    let human = match attendee {
        Some(a) => format!("Seat {position} ({seat_type}): {}", person_human(a)),
        None => format!("Seat {position} ({seat_type}) is unassigned."),
    };
    let json = json!({
        "order_id": order.id.to_string(),
        "position": position,
        "seat_type": seat_type,
        "attendee": person_json(attendee),
    });
    Ok(Output::new(human, json))
}

fn currency_of(desk: &Desk, order: &OrderView) -> Currency {
    order
        .currency
        .or_else(|| {
            desk.read_models()
                .conferences
                .get(order.conference_id)
                .map(|c| c.info.currency)
        })
        .unwrap_or(Currency::EUR)
}

/// An order in both forms; `full` adds the registrant and the seats
/// (`order show`) to what `order place` prints.
fn order_output(desk: &Desk, order: &OrderView, full: bool) -> Output {
    let currency = currency_of(desk, order);
    let total = order_total(order, currency);
    let reserved = order.status != OrderStatusView::PendingReservation;
    let status = order.status_at(desk.now());
    let lines: Vec<Value> = order
        .lines
        .iter()
        .map(|l| {
            json!({
                "seat_type": desk.registration().seat_type_name(order, l.seat_type),
                "requested": l.requested,
                "reserved": l.reserved,
                "unit_price": money_json(l.unit_price),
                "line_total": money_json(l.line_total),
            })
        })
        .collect();
    let mut json = json!({
        "order_id": order.id.to_string(),
        "access_code": order.access_code,
        "status": status.as_str(),
        "lines": lines,
        "total": total.amount_string(),
        "currency": currency.code(),
        "expires_at": time_json(order.expires_at),
    });
    let mut human = format!(
        "Order        {}\nAccess code  {}\nStatus       {}\n",
        order.id,
        order.access_code,
        status.as_str()
    );
    if status.is_open() {
        human.push_str(&format!("Expires      {}\n", time_human(order.expires_at)));
    }
    human.push('\n');
    human.push_str(&lines_table(desk, order, reserved));
    if let Some(d) = &order.discount {
        human.push_str(&format!(
            "Discount {} -{} {currency}\n",
            d.code,
            d.amount.amount_string()
        ));
        if let Value::Object(map) = &mut json {
            map.insert(
                "discount".into(),
                json!({"code": d.code, "amount": d.amount.amount_string()}),
            );
        }
    }
    human.push_str(&format!("Total {} {currency}\n", total.amount_string()));
    if full {
        let seats: Vec<Value> = order
            .positions
            .iter()
            .map(|p| {
                json!({
                    "position": p.position,
                    "seat_type": desk.registration().seat_type_name(order, p.seat_type),
                    "attendee": person_json(p.attendee.as_ref()),
                    "ticket": p.ticket,
                })
            })
            .collect();
        if let Value::Object(map) = &mut json {
            map.insert("registrant".into(), person_json(order.registrant.as_ref()));
            map.insert("seats".into(), Value::Array(seats));
        }
        human.push_str(&full_details(desk, order));
    }
    Output::new(human, json)
}

fn lines_table(desk: &Desk, order: &OrderView, reserved: bool) -> String {
    let columns = [
        ("Seat type", Align::Left),
        ("Requested", Align::Right),
        ("Reserved", Align::Right),
        ("Unit price", Align::Right),
        ("Line total", Align::Right),
    ];
    let rows: Vec<Vec<String>> = order
        .lines
        .iter()
        .map(|l| {
            vec![
                desk.registration().seat_type_name(order, l.seat_type),
                l.requested.to_string(),
                if reserved {
                    l.reserved.to_string()
                } else {
                    "pending".into()
                },
                money_cell(l.unit_price),
                money_cell(l.line_total),
            ]
        })
        .collect();
    let mut out = table(&columns, &rows);
    for l in order
        .lines
        .iter()
        .filter(|l| reserved && l.reserved < l.requested)
    {
        let name = desk.registration().seat_type_name(order, l.seat_type);
        out.push_str(&format!(
            "{name}: {SHORT_LINE} ({} of {})\n",
            l.reserved, l.requested
        ));
    }
    out
}

fn full_details(desk: &Desk, order: &OrderView) -> String {
    let mut out = String::from("\n");
    match &order.registrant {
        Some(r) => out.push_str(&format!("Registrant   {}\n", person_human(r))),
        None => out.push_str("Registrant   not given yet (`confdesk order registrant`)\n"),
    }
    if order.positions.is_empty() {
        return out;
    }
    let rows: Vec<Vec<String>> = order
        .positions
        .iter()
        .map(|p| {
            let who = p
                .attendee
                .as_ref()
                .map_or_else(|| "unassigned".to_string(), person_human);
            vec![
                p.position.to_string(),
                desk.registration().seat_type_name(order, p.seat_type),
                who,
                p.ticket.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &[
            ("#", Align::Right),
            ("Seat type", Align::Left),
            ("Attendee", Align::Left),
            ("Ticket", Align::Left),
        ],
        &rows,
    ));
    out
}
