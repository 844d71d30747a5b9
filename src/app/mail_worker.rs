//! Sending the outbox in the background (issue 17 item 1): the window
//! starts a [`MailWorker`] once a mail server is set, and the worker's
//! thread makes one [`send_queue`] pass at a time — when asked ("Send
//! now", a mail just queued), and on its own every so often, so a message
//! queued while the laptop was offline leaves once the network is back.
//!
//! A pass that failed waits longer before the next one (doubling from
//! [`MailWorker::RETRY_FIRST`] to [`MailWorker::RETRY_MAX`]): a desk with
//! no network should not knock on the server every few seconds all day.
//! A pass that sent or failed nothing waits [`MailWorker::IDLE`]. Passes
//! never overlap, and the queue's claim-by-rename keeps a message from
//! leaving twice even if another desk or `confdesk outbox send` runs at
//! the same time. Each pass's reports come back to the caller through
//! [`MailWorker::poll`]; the worker stops when dropped.

use crate::app::Clock;
use crate::app::mail_queue::MailQueue;
use crate::app::smtp::{MailSender, SendOutcome, SendReport, send_queue};
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// What one background pass did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    /// When it ended (the desk's clock).
    pub at: DateTime<Utc>,
    /// One line per message tried; skipped ones included.
    pub reports: Vec<SendReport>,
    /// The queue folder could not be read or written (the pass stopped).
    pub error: Option<String>,
}

impl Pass {
    /// Messages the server accepted in this pass.
    pub fn sent(&self) -> usize {
        self.count(|o| matches!(o, SendOutcome::Sent))
    }

    /// Messages that failed in this pass (they stay queued).
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, SendOutcome::Failed(_)))
    }

    fn count(&self, which: impl Fn(&SendOutcome) -> bool) -> usize {
        self.reports.iter().filter(|r| which(&r.outcome)).count()
    }

    /// Whether something went wrong: a failed message or the folder.
    pub fn went_wrong(&self) -> bool {
        self.error.is_some() || self.failed() > 0
    }
}

enum Ask {
    SendNow,
}

/// The background sender of one outbox folder.
pub struct MailWorker {
    asks: Option<Sender<Ask>>,
    passes: Receiver<Pass>,
    thread: Option<JoinHandle<()>>,
}

impl MailWorker {
    /// The wait after a pass that went wrong; it doubles each time.
    pub const RETRY_FIRST: Duration = Duration::from_secs(30);
    /// The longest wait between failed passes.
    pub const RETRY_MAX: Duration = Duration::from_secs(15 * 60);
    /// The wait after a pass that went well (new mail is also sent when
    /// the window asks, at once).
    pub const IDLE: Duration = Duration::from_secs(60);

    /// Starts sending `outbox` through `sender`, a first pass at once;
    /// `wake` is called after each pass (the window repaints to show it).
    pub fn start(
        outbox: PathBuf,
        sender: Box<dyn MailSender + Send>,
        clock: Arc<dyn Clock>,
        wake: Box<dyn Fn() + Send>,
    ) -> Self {
        Self::start_with(outbox, sender, clock, wake, Self::IDLE, Self::RETRY_FIRST)
    }

    /// [`start`](Self::start) with the waits chosen (tests use short ones).
    pub fn start_with(
        outbox: PathBuf,
        sender: Box<dyn MailSender + Send>,
        clock: Arc<dyn Clock>,
        wake: Box<dyn Fn() + Send>,
        idle: Duration,
        retry_first: Duration,
    ) -> Self {
        let (ask_tx, ask_rx) = channel();
        let (pass_tx, pass_rx) = channel();
        let thread = std::thread::Builder::new()
            .name("mail".into())
            .spawn(move || {
                let queue = MailQueue::new(outbox);
                let mut retry = retry_first;
                loop {
                    let pass = one_pass(&queue, sender.as_ref(), clock.as_ref());
                    let wait = if pass.went_wrong() {
                        let wait = retry;
                        retry = (retry * 2).min(Self::RETRY_MAX);
                        wait
                    } else {
                        retry = retry_first;
                        idle
                    };
                    // Only news wakes the window: a send, a failure.
                    let quiet = pass.sent() == 0 && !pass.went_wrong();
                    if !quiet {
                        if pass_tx.send(pass).is_err() {
                            return;
                        }
                        wake();
                    }
                    match ask_rx.recv_timeout(wait) {
                        Ok(Ask::SendNow) => retry = retry_first,
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })
            .ok();
        Self {
            asks: Some(ask_tx),
            passes: pass_rx,
            thread,
        }
    }

    /// Asks for a pass now (a mail was just queued, or "Send now").
    pub fn send_now(&self) {
        if let Some(asks) = &self.asks {
            let _ = asks.send(Ask::SendNow);
        }
    }

    /// The passes made since the last call, oldest first.
    pub fn poll(&self) -> Vec<Pass> {
        let mut passes = Vec::new();
        loop {
            match self.passes.try_recv() {
                Ok(pass) => passes.push(pass),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return passes,
            }
        }
    }

    /// Whether the sending thread could be started.
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for MailWorker {
    /// Stops the thread after its current pass (a send in flight ends on
    /// the server's answer or its timeout; the window does not wait).
    fn drop(&mut self) {
        self.asks.take();
    }
}

fn one_pass(queue: &MailQueue, sender: &dyn MailSender, clock: &dyn Clock) -> Pass {
    let (reports, error) = match send_queue(queue, sender, &|| clock.now(), false) {
        Ok(reports) => (reports, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    // An interrupted message (a sender died mid-send) is never resent by
    // the background (`resend_interrupted` is false): it may have left;
    // only a person decides.
    Pass {
        at: clock.now(),
        reports,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ManualClock;
    use std::sync::Mutex;
    use std::time::Instant;

    /// Fails while `down` holds, then accepts; counts what it sent.
    struct Flaky {
        down: Arc<Mutex<bool>>,
        sent: Arc<Mutex<Vec<String>>>,
    }

    impl MailSender for Flaky {
        fn send(&self, to: &str, _message: &[u8]) -> Result<(), String> {
            if *self.down.lock().unwrap() {
                return Err("connection refused".into());
            }
            self.sent.lock().unwrap().push(to.to_string());
            Ok(())
        }
    }

    fn wait_for(worker: &MailWorker, mut until: impl FnMut(&Pass) -> bool) -> Vec<Pass> {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < Duration::from_secs(20) {
            let passes = worker.poll();
            let done = passes.iter().any(&mut until);
            seen.extend(passes);
            if done {
                return seen;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("no such pass in 20 s: {seen:?}");
    }

    #[test]
    fn a_failed_message_is_retried_in_the_background_and_sent_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1.eml"), "To: a@example.com\r\n\r\nhi").unwrap();
        let down = Arc::new(Mutex::new(true));
        let sent = Arc::new(Mutex::new(Vec::new()));
        let worker = MailWorker::start_with(
            dir.path().to_path_buf(),
            Box::new(Flaky {
                down: Arc::clone(&down),
                sent: Arc::clone(&sent),
            }),
            Arc::new(ManualClock::new(Utc::now())),
            Box::new(|| {}),
            Duration::from_millis(20),
            Duration::from_millis(20),
        );
        let failed = wait_for(&worker, |p| p.failed() == 1);
        assert!(failed.iter().all(|p| p.sent() == 0));
        *down.lock().unwrap() = false;
        wait_for(&worker, |p| p.sent() == 1);
        // Idle passes after that send nothing again.
        std::thread::sleep(Duration::from_millis(150));
        assert!(worker.poll().iter().all(|p| p.sent() == 0));
        assert_eq!(*sent.lock().unwrap(), ["a@example.com"]);
    }

    #[test]
    fn send_now_sends_a_mail_queued_after_the_worker_started() {
        let dir = tempfile::tempdir().unwrap();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let worker = MailWorker::start_with(
            dir.path().to_path_buf(),
            Box::new(Flaky {
                down: Arc::new(Mutex::new(false)),
                sent: Arc::clone(&sent),
            }),
            Arc::new(ManualClock::new(Utc::now())),
            Box::new(|| {}),
            Duration::from_secs(3600),
            Duration::from_secs(3600),
        );
        // The first (empty) pass runs at once; then the worker waits an hour.
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(dir.path().join("2.eml"), "To: b@example.com\r\n\r\nhi").unwrap();
        worker.send_now();
        wait_for(&worker, |p| p.sent() == 1);
        assert_eq!(*sent.lock().unwrap(), ["b@example.com"]);
    }
}
