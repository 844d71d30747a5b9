//! Registrant commands: place and change an order, give the registrant,
//! pay, look at and find an order, and name the attendee of each purchased
//! seat. Everything after placing needs the order id and its access code.

use super::Ctx;
use super::args::{OrderCommand, OrderKeyArgs, PersonArgs, SeatCommand, SeatSpec};
use super::output::{
    Align, Output, money_cell, money_json, person_human, person_json, table, time_human, time_json,
};
use crate::app::auth::ORDER_DENIED;
use crate::app::projections::{OrderStatusView, OrderView};
use crate::app::{AppError, Desk, OrderKey, SeatRequest, order_total};
use crate::domain::{Currency, OrderId};
use serde_json::{Value, json};
use uuid::Uuid;

/// What a line that got fewer seats than requested says.
const SHORT_LINE: &str = "Could not reserve all the requested seats.";

impl OrderKeyArgs {
    /// The app's order key; an id that is not a UUID gets the same answer
    /// as a wrong code, so nothing is learnt from the difference.
    pub(super) fn key(&self) -> Result<OrderKey, AppError> {
        let id = Uuid::parse_str(self.order.trim())
            .map_err(|_| AppError::NotFound(ORDER_DENIED.into()))?;
        Ok(OrderKey {
            order_id: OrderId(id),
            access_code: self.access_code.clone(),
        })
    }
}

fn requests(seats: &[SeatSpec]) -> Vec<SeatRequest> {
    seats.iter().map(|s| (s.name.clone(), s.quantity)).collect()
}

/// `order …`: its output and, for an order that reserved nothing, the
/// refusal to exit with after printing it (the order stays: the log is the
/// audit trail, and its id shows what was tried).
pub(super) fn order(
    ctx: &Ctx,
    command: OrderCommand,
) -> Result<(Output, Option<AppError>), AppError> {
    let output = match command {
        OrderCommand::Place { slug, seats } => {
            let mut desk = ctx.write()?;
            let (order_id, access_code) = desk
                .registration_mut()
                .place_order(&slug, &requests(&seats))?;
            let order = desk.registration().order(&OrderKey {
                order_id,
                access_code,
            })?;
            return Ok(placed(&desk, &order));
        }
        OrderCommand::Update { key, seats } => {
            let key = key.key()?;
            let mut desk = ctx.write()?;
            desk.registration_mut()
                .update_order(&key, &requests(&seats))?;
            return Ok(placed(&desk, &desk.registration().order(&key)?));
        }
        OrderCommand::Registrant { key, person } => registrant(ctx, &key, &person)?,
        OrderCommand::Pay { key, reject } => pay(ctx, &key, !reject)?,
        OrderCommand::Show { key } => {
            let key = key.key()?;
            let mut desk = ctx.read()?;
            let order = desk.registration_mut().open_order(&key)?;
            order_output(&desk, &order, true)
        }
        OrderCommand::Find { email, access_code } => {
            let key = ctx
                .read()?
                .registration_mut()
                .find_order(&email, &access_code)?;
            let id = key.order_id.to_string();
            Output::new(id.clone(), json!({"order_id": id}))
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
    let refusal = AppError::Conflict(format!(
        "no seat could be reserved: {}; order {} holds nothing (change it with `confdesk order update`)",
        lines.join("; "),
        order.id
    ));
    (output, Some(refusal))
}

fn registrant(ctx: &Ctx, key: &OrderKeyArgs, p: &PersonArgs) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.write()?;
    desk.registration_mut()
        .assign_registrant(&key, &p.first_name, &p.last_name, &p.email)?;
    let order = desk.registration().order(&key)?;
    let who = order
        .registrant
        .as_ref()
        .map(person_human)
        .unwrap_or_default();
    let json = json!({"order_id": order.id.to_string(), "registrant": person_json(order.registrant.as_ref())});
    Ok(Output::new(format!("Registrant: {who}"), json))
}

fn pay(ctx: &Ctx, key: &OrderKeyArgs, accept: bool) -> Result<Output, AppError> {
    let key = key.key()?;
    let mut desk = ctx.write()?;
    let payment = desk.registration_mut().pay(&key, accept)?;
    let order = desk.registration().order(&key)?;
    let human = match (accept, order.positions.len()) {
        (true, 0) => "Payment accepted: the order is confirmed.".to_string(),
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
    let json = json!({
        "order_id": order.id.to_string(),
        "payment_id": payment.to_string(),
        "accepted": accept,
        "status": order.status.as_str(),
    });
    Ok(Output::new(human, json))
}

/// `seat assign` and `seat unassign`.
pub(super) fn seat(ctx: &Ctx, command: SeatCommand) -> Result<Output, AppError> {
    let (key, position) = match &command {
        SeatCommand::Assign { key, position, .. } | SeatCommand::Unassign { key, position } => {
            (key.key()?, *position)
        }
    };
    let mut desk = ctx.write()?;
    match &command {
        SeatCommand::Assign { person: p, .. } => desk.registration_mut().assign_seat(
            &key,
            position,
            &p.first_name,
            &p.last_name,
            &p.email,
        )?,
        SeatCommand::Unassign { .. } => desk.registration_mut().unassign_seat(&key, position)?,
    }
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
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &[
            ("#", Align::Right),
            ("Seat type", Align::Left),
            ("Attendee", Align::Left),
        ],
        &rows,
    ));
    out
}
