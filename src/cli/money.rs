//! The organizer's money commands (issue 18.3 and 18.6): `order cancel`
//! with --slug and --email (any order, paid or not, with an optional
//! refund in the same run), `order refund`, and `orders export` (CSV or
//! Excel). Each checks the conference's code once, then runs the same
//! command values the window sends.

use super::Ctx;
use super::args::{CancelArgs, OrganizerArgs, RefundArgs};
use super::output::{Output, counted, money_json};
use crate::app::export::CsvOptions;
use crate::app::orders_export::{OrdersFormat, unknown_format};
use crate::app::output_file::check_output;
use crate::app::projections::OrderView;
use crate::app::{AppError, ConferenceAccess, Desk, UserCommand};
use crate::domain::events::PaymentMethod;
use crate::domain::validation::normalize_code;
use crate::domain::{Field, Message, Money, OrderId};
use serde_json::{Value, json};
use std::path::Path;

/// The order typed as `--order`: its id, or its code within the
/// organizer's conference. Another conference's order is not found.
fn find_order(desk: &Desk, access: &ConferenceAccess, typed: &str) -> Result<OrderView, AppError> {
    let orders = desk.organizer().organizer_orders(access);
    let found = match uuid::Uuid::parse_str(typed.trim()) {
        Ok(id) => orders.into_iter().find(|o| o.id == OrderId(id)),
        Err(_) => {
            let code = normalize_code(typed);
            orders.into_iter().find(|o| o.access_code == code)
        }
    };
    found.ok_or_else(|| {
        AppError::NotFound(
            Message::new("this conference has no order '{order}'").text("order", typed.trim()),
        )
    })
}

/// Records a refund of `amount` (as typed, in the order's currency).
fn run_refund(
    desk: &mut Desk,
    access: &ConferenceAccess,
    order: &OrderView,
    amount: &str,
    method: PaymentMethod,
) -> Result<Money, AppError> {
    let currency = match order.paid {
        Some(p) => p.amount.currency,
        None => desk.organizer().organizer_conference(access)?.info.currency,
    };
    let amount = Money::parse(amount, currency, Field::Flag("--amount"))?;
    desk.run(UserCommand::RefundPayment {
        access: access.clone(),
        order: order.id,
        amount,
        method,
    })?;
    Ok(amount)
}

/// The order's money after an action, for both outputs.
fn money_summary(order: &OrderView) -> (String, Value) {
    let paid = order.paid.map(|p| p.amount);
    let refunded = order.refunded();
    let human = match (paid, order.refundable()) {
        (Some(paid), Some(left)) => format!(
            "Paid {paid} by {}; refunded {}; {left} left to refund.",
            order.paid.map_or("unknown", |p| p.method.as_str()),
            refunded.map_or_else(|| "nothing".to_string(), |r| r.to_string())
        ),
        _ => "It was not paid: nothing to refund.".to_string(),
    };
    let json = json!({
        "paid": money_json(paid),
        "payment_method": order.paid.map(|p| p.method.as_str()),
        "refunded": money_json(refunded),
        "refundable": money_json(order.refundable()),
    });
    (human, json)
}

/// `order cancel --slug … --email …`: the organizer cancels any order.
pub(super) fn cancel(ctx: &Ctx, a: CancelArgs) -> Result<Output, AppError> {
    let (Some(slug), Some(email)) = (a.slug, a.email) else {
        return Err(AppError::field(
            Field::Flag("--slug"),
            Message::new("--slug and --email are both needed for the organizer's cancel"),
        ));
    };
    let key = OrganizerArgs {
        slug,
        email,
        access_code: a.access_code,
    }
    .key();
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&key)?;
    let order = find_order(&desk, &access, &a.order)?;
    desk.run(UserCommand::CancelOrderByOrganizer {
        access: access.clone(),
        order: order.id,
    })?;
    if let (Some(amount), Some(method)) = (a.refund.as_deref(), a.method) {
        run_refund(&mut desk, &access, &order, amount, method)?;
    }
    let order = find_order(&desk, &access, &order.id.to_string())?;
    let (money, mut json) = money_summary(&order);
    let human = format!(
        "Order {} cancelled by the organizer; its seats are back on sale.\n{money}",
        order.access_code
    );
    json["order_id"] = Value::String(order.id.to_string());
    json["order_code"] = Value::String(order.access_code.clone());
    json["status"] = Value::String(order.status.as_str().to_string());
    Ok(Output::new(human, json))
}

/// `order refund`: records a refund of a paid order.
pub(super) fn refund(ctx: &Ctx, a: RefundArgs) -> Result<Output, AppError> {
    let mut desk = ctx.write()?;
    let access = desk.authorize_organizer(&a.key.key())?;
    let order = find_order(&desk, &access, &a.order)?;
    let amount = run_refund(&mut desk, &access, &order, &a.amount, a.method)?;
    let order = find_order(&desk, &access, &order.id.to_string())?;
    let (money, mut json) = money_summary(&order);
    let human = format!(
        "Refund of {amount} by {} recorded for order {}.\n{money}",
        a.method.as_str(),
        order.access_code
    );
    json["order_id"] = Value::String(order.id.to_string());
    json["order_code"] = Value::String(order.access_code.clone());
    json["amount"] = money_json(Some(amount));
    json["method"] = Value::String(a.method.as_str().to_string());
    Ok(Output::new(human, json))
}

/// `orders export`: every order as CSV or Excel, to a file or (CSV) to
/// standard output.
pub(super) fn export(
    ctx: &Ctx,
    key: &OrganizerArgs,
    format: Option<&str>,
    out: &Path,
    no_bom: bool,
) -> Result<Output, AppError> {
    let format_flag = Field::Flag("--format");
    let to_stdout = out.as_os_str() == "-";
    let format = match format {
        Some(f) => OrdersFormat::parse(f).ok_or_else(|| unknown_format(format_flag.clone()))?,
        None if to_stdout => OrdersFormat::Csv,
        None => OrdersFormat::for_path(out),
    };
    let options = CsvOptions { bom: !no_bom };
    let mut desk = ctx.read()?;
    if to_stdout {
        if format == OrdersFormat::Xlsx {
            return Err(AppError::field(
                Field::Flag("--out"),
                Message::new("a workbook cannot go to standard output: name a .xlsx file"),
            ));
        }
        let access = desk.authorize_organizer(&key.key())?;
        let (bytes, _) = desk.orders_bytes(&access, format, options, out)?;
        return Ok(Output::raw(bytes));
    }
    let out_flag = Field::Flag("--out");
    // A refused target is refused before the code is checked (a right
    // code would clear the wrong tries in the access file).
    check_output(&out_flag, out, desk.protected())?;
    let access = desk.authorize_organizer(&key.key())?;
    let rows = desk.export_orders_as(&out_flag, &access, out, format, options)?;
    let wrote = counted(rows, "order row", "order rows");
    Ok(Output::new(
        format!("Wrote {wrote} to {}", out.display()),
        json!({"path": out.display().to_string(), "rows": rows}),
    ))
}
