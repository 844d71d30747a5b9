//! What the user typed (the "low args"): the clap (derive) command tree.
//! Doc comments are the help text. `resolve.rs` turns these values into the
//! typed ones the app takes (slug → conference id, seat-type names → ids,
//! dates, order keys) before any app call; values the app validates
//! (quotas, prices, names) stay raw so its rule messages reach the user.

use crate::domain::events::PaymentMethod;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// confdesk: an offline conference registration desk. Without a command it
/// opens the window; with one it works headless.
///
/// Environment: CONFDESK_DATA sets the log (a path or a postgresql:// URL), CONFDESK_NOW (RFC 3339)
/// fixes the clock, CONFDESK_ACCESS_CODE gives --access-code (kept out of
/// `ps` and shell history; `--access-code -` reads it from standard input,
/// and a terminal asks for a missing one without echo). Exit codes: 0 ok, 2 bad input (a malformed --data
/// connection string too), 3 not found or wrong code (a wrong or missing
/// database password too), 4 refused (conflict, expired, locked after wrong
/// codes, log in use, an order that reserved nothing), 1 anything else (a
/// database server that cannot be reached too).
#[derive(Debug, Parser)]
#[command(name = "confdesk", version)]
pub struct Cli {
    /// The event log: a file path, or a shared log's PostgreSQL URL
    /// (postgresql://USER@HOST/DATABASE) [default: the platform data
    /// folder's confdesk.redb]; only `conference create`, `demo` and the
    /// window create a missing one.
    #[arg(long, global = true, env = "CONFDESK_DATA", value_name = "PATH|URL")]
    pub data: Option<std::ffi::OsString>,
    /// Print one JSON value on stdout instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Also write the log's details to stderr (the log file is in the
    /// platform's state folder, e.g. ~/.local/state/confdesk/logs; or
    /// CONFDESK_LOG_DIR).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
    /// The language of the mail this command queues (the access code, an
    /// order's confirmation): en or ko [default: the system's language].
    #[arg(long, global = true, env = "CONFDESK_MAIL_LANG", value_name = "en|ko", value_parser = parse_lang)]
    pub mail_lang: Option<crate::ui::i18n::Lang>,
    /// What to do (none: open the window).
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// A language code the desk speaks (`en`, `ko`).
fn parse_lang(text: &str) -> Result<crate::ui::i18n::Lang, String> {
    crate::ui::i18n::Lang::from_code(text.trim())
        .ok_or_else(|| format!("'{text}' is not a language of the desk: use en or ko"))
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Create, change, publish and look at conferences.
    #[command(subcommand)]
    Conference(ConferenceSubcommand),
    /// Add and change a conference's seat types (organizer).
    #[command(subcommand)]
    SeatType(SeatTypeSubcommand),
    /// Place, change, pay and look at an order (registrant).
    #[command(subcommand)]
    Order(OrderSubcommand),
    /// Name or clear the attendee of a purchased seat (registrant).
    #[command(subcommand)]
    Seat(SeatSubcommand),
    /// A conference's orders (organizer).
    #[command(subcommand)]
    Orders(OrdersSubcommand),
    /// A conference's attendees, on screen or as CSV (organizer).
    #[command(subcommand)]
    Attendees(AttendeesSubcommand),
    /// Check an attendee in at the door, or take a check-in back (staff,
    /// with the conference's slug, owner e-mail and access code).
    ///
    /// Without --position, an order with one seat checks that seat in; an
    /// order with several seats is refused with the list of its seats (who is
    /// at the door is one person: pick them with --position; nobody gets
    /// checked in by accident). An unassigned seat needs --name (and, if the
    /// attendee gives one, --attendee-email): it is named and checked in in one
    /// step. A seat already checked in is refused with the time of its
    /// check-in; unpaid, expired and rejected orders are refused with the reason.
    Checkin(CheckinArgs),
    /// Every event of one order, in log order.
    History(HistoryArgs),
    /// Check the log's invariants; exit 1 on any violation.
    Verify,
    /// Fill the log with generated conferences and orders.
    Demo(DemoArgs),
    /// Whole logs: copy one into another store.
    #[command(subcommand)]
    Log(LogSubcommand),
    /// The mail the desk queued (access codes, order confirmations): list
    /// it, or send it through CONFDESK_SMTP.
    #[command(subcommand)]
    Outbox(OutboxSubcommand),
    /// Print a completion script for a shell, e.g.
    /// `confdesk completions bash > ~/.local/share/bash-completion/completions/confdesk`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `confdesk manpage > confdesk.1`.
    Manpage,
    /// Crash on purpose, to check that a crash report is written.
    #[command(hide = true)]
    DebugCrash,
    /// Name badges as PDF, one per purchased seat (organizer).
    #[command(subcommand)]
    Badges(BadgesSubcommand),
    /// The printable check-in list as PDF (organizer).
    #[command(subcommand)]
    CheckinList(CheckinListSubcommand),
    /// A seat's own ticket: look one up, or issue the tickets of orders
    /// paid before tickets existed (organizer or door staff).
    #[command(subcommand)]
    Ticket(TicketSubcommand),
    /// Codes for door and desk staff (organizer): add one (its code is
    /// printed once), list them, revoke one.
    #[command(subcommand)]
    StaffCode(StaffCodeSubcommand),
    /// A conference's discount codes: add, list with their uses, revoke
    /// (organizer).
    #[command(subcommand)]
    Discount(super::discount::DiscountSubcommand),
}

/// `badges` commands.
#[derive(Debug, Subcommand)]
pub enum BadgesSubcommand {
    /// Write a badge for every seat of a paid order: the name (an
    /// unassigned seat of a one-seat order: its registrant's; of a group:
    /// blank, to write on), seat type, conference and the seat's QR code.
    Export {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// a4: sheets of 2×4 badges of 100×70 mm with cut marks; a6: one
        /// per A6 page; label: one per 102×76 mm (4"×3") label.
        #[arg(long, value_enum, default_value = "a4")]
        size: PaperSize,
        /// The language of the printed words.
        #[arg(long, value_enum, default_value = "en")]
        lang: PaperLang,
    },
}

/// `checkin-list` commands.
#[derive(Debug, Subcommand)]
pub enum CheckinListSubcommand {
    /// Write the check-in list: a section per seat type, sorted by family
    /// name, a box to tick per seat, "page N of M" on every page.
    Export {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The language of the printed words.
        #[arg(long, value_enum, default_value = "en")]
        lang: PaperLang,
    },
}

/// `--size` of `badges export`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PaperSize {
    /// A4 sheets, 2×4 badges.
    A4,
    /// One badge per A6 page.
    A6,
    /// One badge per 102×76 mm label.
    Label,
}

/// `--lang` of the PDF commands.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PaperLang {
    /// English.
    En,
    /// Korean.
    Ko,
}

/// `ticket` subcommands.
#[derive(Debug, Subcommand)]
pub enum TicketSubcommand {
    /// The seat of a ticket: conference, order code, seat type, attendee
    /// and whether they are checked in.
    Show {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// The ticket code (8 characters; case and surrounding spaces do
        /// not matter, I or L is read as 1).
        #[arg(long, value_name = "CODE")]
        ticket: String,
    },
    /// Give every paid order of the conference that has no tickets yet
    /// (paid before this version) its tickets; orders with tickets keep
    /// theirs, so running it again issues nothing.
    Issue {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
    },
}

/// `staff-code` subcommands (each with the organizer's key).
#[derive(Debug, Subcommand)]
pub enum StaffCodeSubcommand {
    /// Make a code for the door (search, check in, undo) or the desk
    /// (sell); prints it once: it is never shown again.
    Add {
        /// Who asks (the organizer).
        #[command(flatten)]
        key: OrganizerArgs,
        /// What it may do.
        #[arg(long, value_enum)]
        role: StaffRoleArg,
        /// Its name, unique among the live codes ("Door 2"; at most 40 characters).
        #[arg(long)]
        label: String,
    },
    /// Every staff code: label, role, created, revoked (never the code:
    /// only its salted digest is kept).
    List {
        /// Who asks (the organizer).
        #[command(flatten)]
        key: OrganizerArgs,
    },
    /// Stop a staff code from working (at its next action, on every desk).
    Revoke {
        /// Who asks (the organizer).
        #[command(flatten)]
        key: OrganizerArgs,
        /// The code's label (or its id, from `staff-code list --json`).
        #[arg(long)]
        label: String,
    },
}

/// A staff code's role, as typed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StaffRoleArg {
    /// Search, check in, take a check-in back.
    Door,
    /// Sell (the registration wizard).
    Desk,
}

/// `outbox` subcommands.
#[derive(Debug, Subcommand)]
pub enum OutboxSubcommand {
    /// Every message with its state: queued (and how many tries failed,
    /// with the last error), interrupted, or sent and when.
    List,
    /// Send every queued message through the mail server in CONFDESK_SMTP
    /// (smtp://[user@]host[:port], STARTTLS when offered, or smtps://),
    /// from CONFDESK_SMTP_FROM, with the password in
    /// CONFDESK_SMTP_PASSWORD (or asked on a terminal). Says what happened
    /// to each; exits 1 if any failed (those stay queued).
    Send {
        /// Also send the messages an earlier send was interrupted in the
        /// middle of (they may have left already).
        #[arg(long)]
        resend_interrupted: bool,
    },
}

/// Commands on a whole log (`--data` is not used: each names its logs).
#[derive(Debug, Subcommand)]
pub enum LogSubcommand {
    /// Copy a whole log into an empty one — a redb file onto the PostgreSQL
    /// server, the server into a redb file, file to file — keeping every
    /// event's position, then read the copy back and check every event
    /// and checksum. A destination that holds events is refused (exit 4).
    Copy(LogCopyArgs),
}

/// `log copy`.
#[derive(Debug, Args)]
pub struct LogCopyArgs {
    /// The log to copy: a redb file's path, or a `postgresql://` /
    /// `postgres://` URL. Opened read-only.
    #[arg(long, value_name = "PATH|URL")]
    pub from: String,
    /// Where to copy it: a redb file's path (created if missing) or a
    /// PostgreSQL URL (an empty database gets the log's tables). It must
    /// hold no events.
    #[arg(long, value_name = "PATH|URL")]
    pub to: String,
}

/// What proves an organizer owns a conference.
#[derive(Debug, Clone, Args)]
pub struct OrganizerArgs {
    /// The conference's slug.
    #[arg(long)]
    pub slug: String,
    /// The owner's e-mail.
    #[arg(long)]
    pub email: String,
    /// The conference's access code (5 characters; case and surrounding
    /// spaces do not matter, I or L is read as 1).
    #[arg(long, env = "CONFDESK_ACCESS_CODE", hide_env_values = true)]
    pub access_code: String,
}

/// What reaches an order.
#[derive(Debug, Clone, Args)]
pub struct OrderKeyArgs {
    /// The order id (printed by `order place`).
    #[arg(long)]
    pub order: String,
    /// The order's access code (6 characters; case and surrounding spaces
    /// do not matter, I or L is read as 1).
    #[arg(long, env = "CONFDESK_ACCESS_CODE", hide_env_values = true)]
    pub access_code: String,
}

/// Conference commands.
#[derive(Debug, Subcommand)]
pub enum ConferenceSubcommand {
    /// Create a conference; prints its access code.
    Create(CreateConferenceArgs),
    /// Change a conference's details; unspecified fields keep their values.
    Update(UpdateConferenceArgs),
    /// Show the conference to registrants.
    Publish(OrganizerArgs),
    /// Hide the conference from registrants.
    Unpublish(OrganizerArgs),
    /// Details, publication and seat types with their counts.
    Show(OrganizerArgs),
    /// Published conferences with seats left (what a registrant sees).
    List,
}

/// `conference create`.
#[derive(Debug, Args)]
pub struct CreateConferenceArgs {
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// Short unique name: a-z, 0-9 and '-'.
    #[arg(long)]
    pub slug: String,
    /// The organizer's name.
    #[arg(long)]
    pub owner_name: String,
    /// The organizer's e-mail (with the access code it opens the conference).
    #[arg(long)]
    pub owner_email: String,
    /// First day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: String,
    /// Last day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub end: String,
    /// Free text.
    #[arg(long, default_value = "")]
    pub description: String,
    /// ISO 4217 code of every price.
    #[arg(long, default_value = "EUR")]
    pub currency: String,
}

/// `conference update`.
#[derive(Debug, Args)]
pub struct UpdateConferenceArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// New display name.
    #[arg(long)]
    pub name: Option<String>,
    /// New slug (`--slug` names the conference to change).
    #[arg(long)]
    pub new_slug: Option<String>,
    /// New organizer name.
    #[arg(long)]
    pub owner_name: Option<String>,
    /// New organizer e-mail.
    #[arg(long)]
    pub owner_email: Option<String>,
    /// New first day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
    /// New last day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub end: Option<String>,
    /// New description.
    #[arg(long)]
    pub description: Option<String>,
    /// New currency.
    #[arg(long)]
    pub currency: Option<String>,
}

/// Seat type commands.
#[derive(Debug, Subcommand)]
pub enum SeatTypeSubcommand {
    /// Add a seat type.
    Add(AddSeatTypeArgs),
    /// Change a seat type; unspecified fields keep their values.
    Update(UpdateSeatTypeArgs),
    /// Remove a seat type none of whose seats is reserved or sold.
    Remove(RemoveSeatTypeArgs),
}

/// `seat-type remove`.
#[derive(Debug, Args)]
pub struct RemoveSeatTypeArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// The seat type to remove, by name.
    #[arg(long, value_name = "NAME")]
    pub seat_type: String,
}

/// `seat-type add`.
#[derive(Debug, Args)]
pub struct AddSeatTypeArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// Name, unique in the conference.
    #[arg(long)]
    pub name: String,
    /// Seats on sale.
    #[arg(long, allow_hyphen_values = true)]
    pub quota: String,
    /// Price of one seat in the conference's currency, e.g. 199.00.
    #[arg(long, allow_hyphen_values = true)]
    pub price: String,
    /// Free text.
    #[arg(long, default_value = "")]
    pub description: String,
}

/// `seat-type update`.
#[derive(Debug, Args)]
pub struct UpdateSeatTypeArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// The seat type to change, by name.
    #[arg(long, value_name = "NAME")]
    pub seat_type: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New quota (not below what is reserved and sold).
    #[arg(long, allow_hyphen_values = true)]
    pub quota: Option<String>,
    /// New price.
    #[arg(long, allow_hyphen_values = true)]
    pub price: Option<String>,
    /// New description.
    #[arg(long)]
    pub description: Option<String>,
}

/// One `--seat NAME=QTY` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatSpec {
    /// Seat type name.
    pub name: String,
    /// Quantity, unchecked (the app states the rule).
    pub quantity: i64,
}

/// Parses `NAME=QTY` (the last `=` splits, so names may hold one).
pub fn parse_seat(text: &str) -> Result<SeatSpec, String> {
    let usage = || format!("'{text}': use NAME=QTY, e.g. \"General admission=2\"");
    let (name, qty) = text.rsplit_once('=').ok_or_else(usage)?;
    let quantity = qty.trim().parse::<i64>().map_err(|_| usage())?;
    if name.trim().is_empty() {
        return Err(usage());
    }
    Ok(SeatSpec {
        name: name.trim().to_string(),
        quantity,
    })
}

/// Order commands.
#[derive(Debug, Subcommand)]
pub enum OrderSubcommand {
    /// Ask for seats of a published conference.
    Place {
        /// The conference's slug.
        #[arg(long)]
        slug: String,
        /// Seats wanted, as NAME=QTY (repeat for more seat types, each once).
        #[arg(long = "seat", value_name = "NAME=QTY", required = true, value_parser = parse_seat)]
        seats: Vec<SeatSpec>,
        /// A desk staff code (7 characters): the order records that this
        /// desk sold it.
        #[arg(long, env = "CONFDESK_STAFF_CODE", hide_env_values = true)]
        staff_code: Option<String>,
        /// A discount code (any case): refused with the reason (unknown,
        /// revoked, expired, used up), nothing placed.
        #[arg(long, value_name = "CODE")]
        discount: Option<String>,
    },
    /// Change quantities (listed seat types change, others stay; 0 drops one).
    Update {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// New quantities, as NAME=QTY (each seat type once).
        #[arg(long = "seat", value_name = "NAME=QTY", required = true, value_parser = parse_seat)]
        seats: Vec<SeatSpec>,
    },
    /// Record who is buying.
    Registrant {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// The person.
        #[command(flatten)]
        person: PersonArgs,
    },
    /// Take the payment (the desk accepts it unless --reject).
    Pay {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// Reject the payment: the order stays reserved until it expires.
        #[arg(long)]
        reject: bool,
        /// How it was paid: cash, card, transfer or free [default: free for
        /// a total of 0, cash otherwise]. Free only for a total of 0.
        #[arg(long, value_name = "METHOD", value_parser = parse_method, conflicts_with = "reject")]
        method: Option<PaymentMethod>,
    },
    /// Cancel an order: its seats go back on sale at once. With the order
    /// code the desk cancels an unpaid order (a paid one is refused, exit
    /// 4); with --slug and --email the access code is the conference's and
    /// the organizer cancels any order, paid or not (--refund records a
    /// refund in the same run). Expired or already cancelled: exit 4.
    Cancel(CancelArgs),
    /// Record a refund of a paid order (organizer): an amount up to what
    /// was paid minus what was already refunded, and how it was paid out.
    Refund(RefundArgs),
    /// The order with its lines, registrant and seats.
    Show {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
    },
    /// Find an order by its registrant's e-mail and its access code.
    Find {
        /// The registrant's e-mail.
        #[arg(long)]
        email: String,
        /// The order's access code.
        #[arg(long, env = "CONFDESK_ACCESS_CODE", hide_env_values = true)]
        access_code: String,
    },
    /// Write a paid order's receipt as PDF (an unpaid order is refused, exit 4).
    Receipt {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The language of the printed words.
        #[arg(long, value_enum, default_value = "en")]
        lang: PaperLang,
    },
    /// Apply a discount code to an unpaid order: its lines are priced
    /// again (a code it held before is given back).
    Discount {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// The discount code (any case).
        #[arg(long, value_name = "CODE")]
        code: String,
    },
}

/// A person's name and e-mail.
#[derive(Debug, Clone, Args)]
pub struct PersonArgs {
    /// Given name.
    #[arg(long)]
    pub first_name: String,
    /// Family name.
    #[arg(long)]
    pub last_name: String,
    /// E-mail address.
    #[arg(long)]
    pub email: String,
}

/// Seat assignment commands.
#[derive(Debug, Subcommand)]
pub enum SeatSubcommand {
    /// Name the attendee of a purchased seat.
    Assign {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// The seat, counting from 0.
        #[arg(long)]
        position: u32,
        /// The attendee.
        #[command(flatten)]
        person: PersonArgs,
    },
    /// Clear a purchased seat's attendee.
    Unassign {
        /// The order.
        #[command(flatten)]
        key: OrderKeyArgs,
        /// The seat, counting from 0.
        #[arg(long)]
        position: u32,
    },
}

/// `orders` commands.
#[derive(Debug, Subcommand)]
pub enum OrdersSubcommand {
    /// Every order of the conference, oldest first.
    List(OrganizerArgs),
    /// Write every order (code, registrant, seats, total, paid, refunded,
    /// payment method, status, created, paid at) as CSV or Excel.
    Export {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// csv or xlsx [default: by the --out extension, csv for `-`].
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// The file to write; `-` writes CSV to standard output.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Leave out the CSV's byte-order mark.
        #[arg(long)]
        no_bom: bool,
    },
}

/// `order cancel`: the desk's path (order code) or the organizer's
/// (--slug, --email and the conference's code).
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The order id (printed by `order place`), or with --slug and --email
    /// its id or its 6-character code.
    #[arg(long)]
    pub order: String,
    /// The order's code, or with --slug and --email the conference's code.
    #[arg(long, env = "CONFDESK_ACCESS_CODE", hide_env_values = true)]
    pub access_code: String,
    /// The conference's slug (organizer).
    #[arg(long, requires = "email")]
    pub slug: Option<String>,
    /// The owner's e-mail (organizer).
    #[arg(long, requires = "slug")]
    pub email: Option<String>,
    /// Also record a refund of this amount (organizer; e.g. 199.00).
    #[arg(long, value_name = "AMOUNT", requires_all = ["slug", "method"])]
    pub refund: Option<String>,
    /// How the refund is paid out: cash, card or transfer.
    #[arg(long, value_name = "METHOD", value_parser = parse_method, requires = "refund")]
    pub method: Option<PaymentMethod>,
}

/// `order refund` (organizer).
#[derive(Debug, Args)]
pub struct RefundArgs {
    /// Who is asking.
    #[command(flatten)]
    pub key: OrganizerArgs,
    /// The order's id or its 6-character code.
    #[arg(long)]
    pub order: String,
    /// How much goes back, in the conference's currency (e.g. 199.00).
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// How it is paid out: cash, card or transfer.
    #[arg(long, value_name = "METHOD", value_parser = parse_method)]
    pub method: PaymentMethod,
}

/// Parses a payment method as typed (`cash`, `card`, `transfer`, `free`).
pub fn parse_method(text: &str) -> Result<PaymentMethod, String> {
    PaymentMethod::parse(text).ok_or_else(|| format!("'{text}': use cash, card, transfer or free"))
}

/// `attendees` commands.
#[derive(Debug, Subcommand)]
pub enum AttendeesSubcommand {
    /// One line per purchased seat.
    List(OrganizerArgs),
    /// Write the attendee CSV (UTF-8 with a BOM unless --no-bom).
    Export {
        /// Who is asking.
        #[command(flatten)]
        key: OrganizerArgs,
        /// The CSV file to write; `-` writes it to standard output.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
        /// Leave out the byte-order mark.
        #[arg(long)]
        no_bom: bool,
    },
}

/// `checkin`: check the attendee of a seat in at the door (the rules are
/// in the help of [`CliCommand::Checkin`]).
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CheckinArgs {
    /// `undo`: take a check-in back.
    #[command(subcommand)]
    pub command: Option<CheckinSubcommand>,
    // The key's fields are spelled out (not a flattened `OrganizerArgs`)
    // so that `checkin undo` can leave them to its own arguments.
    /// The conference's slug.
    #[arg(long, required = true)]
    pub slug: Option<String>,
    /// The owner's e-mail.
    #[arg(long, required_unless_present = "staff_code")]
    pub email: Option<String>,
    /// The conference's access code.
    #[arg(
        long,
        env = "CONFDESK_ACCESS_CODE",
        hide_env_values = true,
        required_unless_present = "staff_code"
    )]
    pub access_code: Option<String>,
    /// The order code (6 characters, as on the registrant's confirmation).
    #[arg(long, required_unless_present = "ticket", value_name = "CODE")]
    pub order: Option<String>,
    /// A seat's ticket code (8 characters) instead of --order: checks in
    /// exactly that seat.
    #[arg(long, value_name = "CODE", conflicts_with_all = ["order", "position"])]
    pub ticket: Option<String>,
    /// The seat, counting from 0 [default: the order's only seat].
    #[arg(long)]
    pub position: Option<u32>,
    /// The attendee's name ("Given Family"; a Hangul, Han or kana name
    /// family name first, "김 민준"), for an unassigned seat.
    #[arg(long)]
    pub name: Option<String>,
    /// The attendee's e-mail, for an unassigned seat (optional).
    #[arg(long, requires = "name", value_name = "EMAIL")]
    pub attendee_email: Option<String>,
    /// A door staff code (7 characters), in place of --email and
    /// --access-code.
    #[arg(
        long,
        env = "CONFDESK_STAFF_CODE",
        hide_env_values = true,
        conflicts_with = "email"
    )]
    pub staff_code: Option<String>,
}

/// What proves door staff may act: the organizer's key, or the slug with
/// a door staff code.
#[derive(Debug, Clone, Args)]
pub struct DoorKeyArgs {
    /// The conference's slug.
    #[arg(long)]
    pub slug: String,
    /// The owner's e-mail.
    #[arg(long, required_unless_present = "staff_code")]
    pub email: Option<String>,
    /// The conference's access code.
    #[arg(
        long,
        env = "CONFDESK_ACCESS_CODE",
        hide_env_values = true,
        required_unless_present = "staff_code"
    )]
    pub access_code: Option<String>,
    /// A door staff code (7 characters), in place of --email and
    /// --access-code.
    #[arg(
        long,
        env = "CONFDESK_STAFF_CODE",
        hide_env_values = true,
        conflicts_with = "email"
    )]
    pub staff_code: Option<String>,
}

/// `checkin` subcommands.
#[derive(Debug, Subcommand)]
pub enum CheckinSubcommand {
    /// Take back a check-in made by mistake.
    Undo {
        /// Who is asking.
        #[command(flatten)]
        key: DoorKeyArgs,
        /// The order code.
        #[arg(long, value_name = "CODE")]
        order: String,
        /// The seat, counting from 0.
        #[arg(long)]
        position: u32,
    },
}

/// `history`: the registrant gives `--access-code` (the order's code); the
/// organizer gives `--slug`, `--email` and `--access-code` (the conference's).
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The order id.
    #[arg(long)]
    pub order: String,
    /// The order's code, or with --slug and --email the conference's code.
    #[arg(long, env = "CONFDESK_ACCESS_CODE", hide_env_values = true)]
    pub access_code: String,
    /// The conference's slug (organizer).
    #[arg(long, requires = "email")]
    pub slug: Option<String>,
    /// The owner's e-mail (organizer).
    #[arg(long, requires = "slug")]
    pub email: Option<String>,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Conferences to create.
    #[arg(long)]
    pub conferences: u32,
    /// Orders to place, spread over the conferences.
    #[arg(long)]
    pub orders: u32,
    /// RNG seed: a seed gives the same story.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn seat_specs_split_on_the_last_equals_sign() {
        assert_eq!(
            parse_seat(" General = 2 "),
            Ok(SeatSpec {
                name: "General".into(),
                quantity: 2
            })
        );
        assert_eq!(
            parse_seat("A=B=-1"),
            Ok(SeatSpec {
                name: "A=B".into(),
                quantity: -1
            })
        );
        assert!(parse_seat("General").is_err());
        assert!(parse_seat("=2").is_err());
        assert!(parse_seat("General=two").is_err());
    }
}
