//! Commands about the log itself: an order's history (the audit trail),
//! `verify` (the invariants over the whole log) and `demo` (generated data).

use super::args::{DemoArgs, HistoryArgs, OrderKeyArgs, OrganizerArgs};
use super::output::{Align, Output, counted, table, time_human, time_json};
use super::{Ctx, Outcome};
use crate::app::AppError;
use crate::app::demo::DemoOptions;
use crate::app::history::HistoryAccess;
use serde_json::{Value, json};

/// `history`: the registrant's view with the order's code, the organizer's
/// with the conference's slug, owner e-mail and code.
pub(super) fn history(ctx: &Ctx, a: HistoryArgs) -> Result<Output, AppError> {
    let order = OrderKeyArgs {
        order: a.order,
        access_code: a.access_code,
    };
    let organizer = match (a.slug, a.email) {
        (Some(slug), Some(email)) => Some(OrganizerArgs {
            slug,
            email,
            access_code: order.access_code.clone(),
        }),
        _ => None,
    };
    let key = order.key()?;
    let mut desk = ctx.read()?;
    let access = match organizer {
        Some(organizer) => {
            let access = desk.authorize_organizer(&organizer.key())?;
            HistoryAccess::Organizer(access, key.order_id)
        }
        None => {
            // The code was typed: count the try (the history itself only
            // compares it, as the window's reads of an opened order do).
            desk.registration_mut().open_order(&key)?;
            HistoryAccess::Registrant(key)
        }
    };
    let entries = desk.order_history(&access)?;
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.position.to_string(),
                time_human(e.recorded_at),
                e.event_type.clone(),
                e.description.clone(),
            ]
        })
        .collect();
    let columns = [
        ("#", Align::Right),
        ("Recorded", Align::Left),
        ("Event", Align::Left),
        ("What happened", Align::Left),
    ];
    let json: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "position": e.position,
                "recorded_at": time_json(e.recorded_at),
                "stream_id": e.stream_id,
                "event_type": e.event_type,
                "description": e.description,
            })
        })
        .collect();
    Ok(Output::new(table(&columns, &rows), Value::Array(json)))
}

/// `verify`: counts per event type, every broken invariant, and the storage
/// engine's check of the file; a violation or damage is reported in full,
/// then makes the command fail (exit 1).
pub(super) fn verify(ctx: &Ctx) -> Result<Outcome, AppError> {
    let desk = ctx.read()?;
    let report = desk.verify()?;
    let storage = desk.check_storage()?;
    let rows: Vec<Vec<String>> = report
        .counts
        .iter()
        .map(|(k, v)| vec![k.clone(), v.to_string()])
        .collect();
    let mut human = format!("{}\n\n", counted(report.events, "event", "events"));
    human.push_str(&table(
        &[("Event", Align::Left), ("Count", Align::Right)],
        &rows,
    ));
    human.push('\n');
    if report.violations.is_empty() {
        human.push_str("No violations: every invariant holds.\n");
    } else {
        let n = report.violations.len();
        human.push_str(&format!("{}:\n", counted(n, "violation", "violations")));
        for v in &report.violations {
            human.push_str(&format!("  - {v}\n"));
        }
    }
    let verdict = storage.problem.as_deref().unwrap_or("passed");
    human.push_str(&format!("Storage check ({}): {verdict}\n", storage.how));
    let failure = match (&storage.problem, report.violations.len()) {
        (Some(problem), _) => Some(format!("the log is damaged or truncated: {problem}")),
        (None, 0) => None,
        (None, 1) => Some("the log breaks an invariant (see above)".to_string()),
        (None, n) => Some(format!("the log breaks {n} invariants (see above)")),
    };
    let json = json!({
        "events": report.events,
        "counts": report.counts,
        "violations": report.violations,
        "storage": {"how": storage.how, "problem": storage.problem},
    });
    Ok((Output::new(human, json), failure))
}

/// `demo`: generated conferences and orders; prints each organizer key.
pub(super) fn demo(ctx: &Ctx, a: DemoArgs) -> Result<Output, AppError> {
    let mut desk = ctx.create()?;
    let summary = desk.fill_demo(DemoOptions {
        conferences: a.conferences,
        orders: a.orders,
        seed: a.seed,
    })?;
    let rows: Vec<Vec<String>> = summary
        .conferences
        .iter()
        .map(|k| vec![k.slug.clone(), k.email.clone(), k.access_code.clone()])
        .collect();
    let mut human = format!(
        "Created {} and {} ({} confirmed).\n\n",
        counted(summary.conferences.len(), "conference", "conferences"),
        counted(summary.orders, "order", "orders"),
        summary.confirmed
    );
    if !rows.is_empty() {
        human.push_str(&table(
            &[
                ("Slug", Align::Left),
                ("E-mail", Align::Left),
                ("Access code", Align::Left),
            ],
            &rows,
        ));
    }
    let conferences: Vec<Value> = summary
        .conferences
        .iter()
        .map(|k| json!({"slug": k.slug, "email": k.email, "access_code": k.access_code}))
        .collect();
    let json = json!({"conferences": conferences, "orders": summary.orders, "confirmed": summary.confirmed});
    Ok(Output::new(human, json))
}
