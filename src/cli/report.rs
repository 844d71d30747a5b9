//! How a failed command tells its caller: the one line on stderr a person
//! reads, the documented exit code, and with `--json` also one JSON object
//! on stdout a script reads — the exit code, the English message, the
//! message's key (its English template, the same for every value) and the
//! fields at fault:
//!
//! ```json
//! {"error": {"code": 2, "message": "slug: …", "key": "{field}: {rule}",
//!            "field": "slug", "fields": [{"field": "slug", "rule": "…"}]}}
//! ```

use super::{error_message, exit_code};
use crate::app::AppError;
use crate::domain::FieldError;
use crate::domain::message::English;
use serde_json::{Value, json};
use std::io::Write as _;
use std::process::ExitCode;

/// Prints `error` once on stderr (and as JSON on stdout with `json`) and
/// returns its exit code.
pub fn report(error: &anyhow::Error, json: bool) -> ExitCode {
    let code = exit_code(error);
    let key = error
        .chain()
        .find_map(|c| c.downcast_ref::<AppError>())
        .map(app_error_key);
    // The key, not the text: the text may quote what was typed.
    tracing::warn!(exit_code = code, key = key.unwrap_or("-"), "command failed");
    // A command that printed its result and then failed (`verify`) said
    // it all in that one JSON value already.
    if json && !super::output::printed() {
        print_json(&error_json(error));
    }
    // Not eprintln!: a closed stderr must not turn an error into a panic.
    let _ = writeln!(std::io::stderr(), "error: {}", error_message(error));
    ExitCode::from(code)
}

/// The message key of an app error, for the log.
fn app_error_key(error: &AppError) -> &'static str {
    match error {
        AppError::Validation(_) => "{field}: {rule}",
        AppError::NotFound(m) | AppError::Conflict(m) | AppError::Internal(m) => m.key,
        _ => "-",
    }
}

/// The JSON object for an error returned by [`super::run`].
pub fn error_json(error: &anyhow::Error) -> Value {
    let app = error.chain().find_map(|c| c.downcast_ref::<AppError>());
    let fields: Vec<&FieldError> = match app {
        Some(AppError::Validation(fields)) => fields.iter().collect(),
        _ => Vec::new(),
    };
    let key = match app {
        Some(AppError::Validation(fields)) if fields.len() == 1 => Some("{field}: {rule}"),
        Some(AppError::NotFound(m) | AppError::Conflict(m) | AppError::Internal(m)) => Some(m.key),
        _ => None,
    };
    json!({"error": {
        "code": exit_code(error),
        "message": error_message(error),
        "key": key,
        "field": fields.first().map(|f| f.field.to_string()),
        "fields": fields.iter().map(|f| json!({
            "field": f.field.to_string(),
            "rule": f.rule.render(&English),
            "key": f.rule.key,
        })).collect::<Vec<_>>(),
    }})
}

/// The JSON object for a usage error clap found (exit 2): the flag at
/// fault where clap names one.
pub fn usage_json(error: &clap::Error) -> Value {
    use clap::error::{ContextKind, ContextValue};
    let field = match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(flag)) => Some(flag.clone()),
        Some(ContextValue::Strings(flags)) => flags.first().cloned(),
        _ => None,
    };
    let text = error.render().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    json!({"error": {
        "code": error.exit_code(),
        "message": message,
        "key": Value::Null,
        "field": field,
        "fields": Vec::<Value>::new(),
    }})
}

/// Writes `value` as one line of JSON on stdout; a closed pipe is ignored.
pub fn print_json(value: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}").and_then(|()| out.flush());
}
