//! Organizer commands besides `conference …`: manage the seat types, list
//! the orders and the attendees, export the attendee CSV. Each one proves
//! ownership with the slug, the owner e-mail and the access code.

use super::Ctx;
use super::args::{
    AddSeatTypeArgs, AttendeesSubcommand, OrdersSubcommand, OrganizerArgs, RemoveSeatTypeArgs,
    SeatTypeSubcommand, UpdateSeatTypeArgs,
};
use super::conference::{not_found, seat_type_json};
use super::output::{
    Align, Output, counted, full_name, money_cell, money_json, person_human, person_json, table,
    time_human, time_json,
};
use super::resolve;
use crate::app::export::CsvOptions;
use crate::app::output_file::check_output;
use crate::app::projections::SeatTypeView;
use crate::app::{
    AppError, OrganizerKey, Outcome, SeatTypeChanges, SeatTypeDraft, UserCommand, order_total,
};
use crate::domain::Currency;
use crate::domain::Field;
use serde_json::{Value, json};

impl OrganizerArgs {
    /// The app's organizer key.
    pub(super) fn key(&self) -> OrganizerKey {
        OrganizerKey {
            slug: self.slug.clone(),
            email: self.email.clone(),
            access_code: self.access_code.clone(),
        }
    }
}

/// `seat-type …`.
pub(super) fn seat_type(ctx: &Ctx, command: SeatTypeSubcommand) -> Result<Output, AppError> {
    match command {
        SeatTypeSubcommand::Add(a) => add_seat_type(ctx, a),
        SeatTypeSubcommand::Update(a) => update_seat_type(ctx, a),
        SeatTypeSubcommand::Remove(a) => remove_seat_type(ctx, a),
    }
}

fn remove_seat_type(ctx: &Ctx, a: RemoveSeatTypeArgs) -> Result<Output, AppError> {
    let key = a.key.key();
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&key)?;
    let before = desk.organizer().organizer_conference(&access)?;
    let id = resolve::seat_type(&before, &a.seat_type)?;
    let name = before
        .seat_types
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.name.clone())
        .ok_or_else(not_found)?;
    desk.run(UserCommand::RemoveSeatType {
        access,
        seat_type: id,
    })?;
    Ok(Output::new(
        format!("Removed seat type {name}."),
        json!({ "removed": name, "id": id.to_string() }),
    ))
}

fn add_seat_type(ctx: &Ctx, a: AddSeatTypeArgs) -> Result<Output, AppError> {
    let key = a.key.key();
    let mut desk = ctx.write()?;
    let draft = SeatTypeDraft {
        name: a.name,
        description: a.description,
        quota: a.quota,
        price: a.price,
    };
    let access = desk.authorize_organizer(&key)?;
    let command = UserCommand::AddSeatType {
        access: access.clone(),
        draft,
    };
    let Outcome::SeatTypeAdded(id) = desk.run(command)? else {
        return Err(Outcome::unexpected("SeatTypeAdded"));
    };
    let view = desk.organizer().organizer_conference(&access)?;
    let seat = view
        .seat_types
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(not_found)?;
    Ok(seat_type_output("Added", seat, view.info.currency))
}

fn update_seat_type(ctx: &Ctx, a: UpdateSeatTypeArgs) -> Result<Output, AppError> {
    let key = a.key.key();
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&key)?;
    let before = desk.organizer().organizer_conference(&access)?;
    let id = resolve::seat_type(&before, &a.seat_type)?;
    let changes = SeatTypeChanges {
        name: a.name,
        description: a.description,
        quota: a.quota,
        price: a.price,
    };
    desk.run(UserCommand::UpdateSeatType {
        access: access.clone(),
        seat_type: id,
        changes,
    })?;
    let view = desk.organizer().organizer_conference(&access)?;
    let seat = view
        .seat_types
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(not_found)?;
    Ok(seat_type_output("Updated", seat, view.info.currency))
}

fn seat_type_output(verb: &str, s: &SeatTypeView, currency: Currency) -> Output {
    let human = format!(
        "{verb} seat type {}: quota {}, price {} {currency} ({} reserved, {} sold, {} left).",
        s.name,
        s.quota,
        s.price.amount_string(),
        s.reserved,
        s.sold,
        s.left
    );
    Output::new(human, seat_type_json(s))
}

/// `orders list`.
pub(super) fn orders(ctx: &Ctx, command: OrdersSubcommand) -> Result<Output, AppError> {
    let key = match command {
        OrdersSubcommand::List(key) => key,
        OrdersSubcommand::Export {
            key,
            format,
            out,
            no_bom,
        } => return super::money::export(ctx, &key, format.as_deref(), &out, no_bom),
    };
    let mut desk = ctx.read()?;
    let key = key.key();
    let access = desk.authorize_organizer(&key)?;
    let currency = desk
        .organizer()
        .organizer_conference(&access)?
        .info
        .currency;
    let orders = desk.organizer().organizer_orders(&access);
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for o in &orders {
        let total = order_total(o, currency);
        let (name, email) = o
            .registrant
            .as_ref()
            .map(|r| (full_name(r), r.email.clone()))
            .unwrap_or_default();
        rows.push(vec![
            o.access_code.clone(),
            o.status.as_str().to_string(),
            name,
            email,
            money_cell(Some(total)),
            o.paid
                .map(|p| p.method.as_str())
                .unwrap_or_default()
                .to_string(),
            money_cell(o.refunded()),
            time_human(o.created_at),
        ]);
        json.push(json!({
            "order_id": o.id.to_string(),
            "order_code": o.access_code,
            "status": o.status.as_str(),
            "registrant": person_json(o.registrant.as_ref()),
            "total": total.amount_string(),
            "currency": total.currency.code(),
            "created_at": time_json(o.created_at),
            "discount": o.discount.as_ref().map(|d| json!({
                "code": d.code,
                "amount": d.amount.amount_string(),
            })),
            "payment_method": o.paid.map(|p| p.method.as_str()),
            "paid": money_json(o.paid.map(|p| p.amount)),
            "paid_at": o.paid.map(|p| time_json(p.at)),
            "refunded": money_json(o.refunded()),
        }));
    }
    let human = if rows.is_empty() {
        "No orders yet.".to_string()
    } else {
        let columns = [
            ("Order", Align::Left),
            ("Status", Align::Left),
            ("Registrant", Align::Left),
            ("E-mail", Align::Left),
            ("Total", Align::Right),
            ("Paid by", Align::Left),
            ("Refunded", Align::Right),
            ("Created", Align::Left),
        ];
        // A Discount column only when an order used a code (issue 18.7),
        // so a conference without codes lists as before.
        let with_discounts = orders.iter().any(|o| o.discount.is_some());
        let mut columns = columns.to_vec();
        if with_discounts {
            columns.push(("Discount", Align::Left));
            for (row, o) in rows.iter_mut().zip(&orders) {
                row.push(o.discount.as_ref().map_or_else(String::new, |d| {
                    format!("{} -{}", d.code, d.amount.amount_string())
                }));
            }
        }
        let count = match rows.len() {
            1 => "1 order".to_string(),
            n => format!("{n} orders"),
        };
        format!("{}{count}, totals in {currency}", table(&columns, &rows))
    };
    Ok(Output::new(human, Value::Array(json)))
}

/// `attendees list` and `attendees export`.
pub(super) fn attendees(ctx: &Ctx, command: AttendeesSubcommand) -> Result<Output, AppError> {
    match command {
        AttendeesSubcommand::List(key) => {
            let mut desk = ctx.read()?;
            let access = desk.authorize_organizer(&key.key())?;
            let rows = desk.organizer().organizer_attendees(&access);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let who = r
                        .attendee
                        .as_ref()
                        .map_or_else(|| "unassigned".to_string(), person_human);
                    vec![
                        r.order_code.clone(),
                        r.seat_type.clone(),
                        r.seat.position.to_string(),
                        who,
                    ]
                })
                .collect();
            let json: Vec<Value> = rows
                .iter()
                .map(|r| {
                    json!({
                        "order_code": r.order_code,
                        "seat_type": r.seat_type,
                        "position": r.seat.position,
                        "attendee": person_json(r.attendee.as_ref()),
                        "ticket": r.ticket,
                    })
                })
                .collect();
            let columns = [
                ("Order", Align::Left),
                ("Seat type", Align::Left),
                ("#", Align::Right),
                ("Attendee", Align::Left),
            ];
            let human = if cells.is_empty() {
                "No purchased seats yet.".to_string()
            } else {
                table(&columns, &cells)
            };
            Ok(Output::new(human, Value::Array(json)))
        }
        AttendeesSubcommand::Export { key, out, no_bom } => {
            let mut desk = ctx.read()?;
            let options = CsvOptions { bom: !no_bom };
            if out.as_os_str() == "-" {
                let access = desk.authorize_organizer(&key.key())?;
                let (csv, _) = desk.attendees_csv_bytes(&access, options, &out)?;
                return Ok(Output::raw(csv));
            }
            let out_flag = Field::Flag("--out");
            // A refused target is refused before the code is checked (a
            // right code would clear the wrong tries in the access file).
            check_output(&out_flag, &out, desk.protected())?;
            let access = desk.authorize_organizer(&key.key())?;
            let rows = desk.export_attendees_as(&out_flag, &access, &out, options)?;
            let wrote = counted(rows, "attendee row", "attendee rows");
            let human = format!("Wrote {wrote} to {}", out.display());
            Ok(Output::new(
                human,
                json!({"path": out.display().to_string(), "rows": rows}),
            ))
        }
    }
}
