//! A TCP proxy between a desk and the test server that can cut the
//! connection around an append's COMMIT: just before the COMMIT reaches
//! the server (the transaction is rolled back), or just after the server
//! answered it (the events are stored but the desk never hears so). Those
//! are the two moments a lost connection leaves a desk unsure whether its
//! append happened; a restart or a kill hits them only by chance.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
#[cfg(unix)]
use std::os::unix::net::UnixStream;
use std::str::FromStr as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// When the next COMMIT's connection is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// The COMMIT never reaches the server.
    BeforeCommit = 1,
    /// The server commits; its answer never reaches the desk.
    AfterCommit = 2,
}

/// The proxy: listens on 127.0.0.1 and forwards to the server.
pub(crate) struct Proxy {
    port: u16,
    user: String,
    armed: Arc<AtomicU8>,
    cuts: Arc<AtomicUsize>,
}

/// The server's end of one connection.
enum Upstream {
    Tcp(TcpStream),
    #[cfg(unix)]
    Unix(UnixStream),
}

impl Upstream {
    fn open(config: &postgres::Config) -> Upstream {
        let port = config.get_ports().first().copied().unwrap_or(5432);
        match config.get_hosts().first() {
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(dir)) => {
                Upstream::Unix(UnixStream::connect(dir.join(format!(".s.PGSQL.{port}"))).unwrap())
            }
            Some(postgres::config::Host::Tcp(host)) => {
                Upstream::Tcp(TcpStream::connect((host.as_str(), port)).unwrap())
            }
            None => Upstream::Tcp(TcpStream::connect(("localhost", port)).unwrap()),
        }
    }

    fn try_clone(&self) -> Upstream {
        match self {
            Upstream::Tcp(s) => Upstream::Tcp(s.try_clone().unwrap()),
            #[cfg(unix)]
            Upstream::Unix(s) => Upstream::Unix(s.try_clone().unwrap()),
        }
    }

    fn shutdown(&self) {
        let _ = match self {
            Upstream::Tcp(s) => s.shutdown(Shutdown::Both),
            #[cfg(unix)]
            Upstream::Unix(s) => s.shutdown(Shutdown::Both),
        };
    }
}

impl Read for Upstream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Upstream::Tcp(s) => s.read(buf),
            #[cfg(unix)]
            Upstream::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Upstream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Upstream::Tcp(s) => s.write(buf),
            #[cfg(unix)]
            Upstream::Unix(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Proxy {
    /// Starts forwarding to the server `server_url` names.
    pub(crate) fn start(server_url: &str) -> Proxy {
        let config = postgres::Config::from_str(server_url).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let proxy = Proxy {
            port: listener.local_addr().unwrap().port(),
            user: config.get_user().unwrap_or("postgres").to_owned(),
            armed: Arc::new(AtomicU8::new(0)),
            cuts: Arc::new(AtomicUsize::new(0)),
        };
        let (armed, cuts) = (Arc::clone(&proxy.armed), Arc::clone(&proxy.cuts));
        // Runs until the test process ends.
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let upstream = Upstream::open(&config);
                forward(client, upstream, Arc::clone(&armed), Arc::clone(&cuts));
            }
        });
        proxy
    }

    /// A connection string to `database` through the proxy.
    pub(crate) fn url(&self, database: &str) -> String {
        format!(
            "postgresql://{}@127.0.0.1:{}/{database}",
            self.user, self.port
        )
    }

    /// Cuts the connection of the next COMMIT that passes, as `cut` says.
    pub(crate) fn arm(&self, cut: Cut) {
        self.armed.store(cut as u8, Ordering::SeqCst);
    }

    /// How many connections were cut so far.
    pub(crate) fn cuts(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }
}

/// Pumps both ways on two threads, cutting where the proxy is armed.
fn forward(client: TcpStream, upstream: Upstream, armed: Arc<AtomicU8>, cuts: Arc<AtomicUsize>) {
    let cut_reply = Arc::new(AtomicBool::new(false));
    let (mut from_client, mut to_client) = (client.try_clone().unwrap(), client);
    let (mut to_server, mut from_server) = (upstream.try_clone(), upstream);
    let cut_up = cutter(&to_client, &from_server);
    let cut_down = cutter(&to_client, &from_server);
    let (reply_flag, up_cuts) = (Arc::clone(&cut_reply), Arc::clone(&cuts));
    std::thread::spawn(move || {
        let mut buf = vec![0_u8; 64 * 1024];
        loop {
            let n = match from_client.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let chunk = &buf[..n];
            if chunk.windows(6).any(|w| w == b"COMMIT") {
                match armed.swap(0, Ordering::SeqCst) {
                    1 => {
                        up_cuts.fetch_add(1, Ordering::SeqCst);
                        break;
                    }
                    // Set before the COMMIT leaves, so its answer is caught.
                    2 => reply_flag.store(true, Ordering::SeqCst),
                    _ => {}
                }
            }
            if to_server.write_all(chunk).is_err() {
                break;
            }
        }
        cut_up();
    });
    std::thread::spawn(move || {
        let mut buf = vec![0_u8; 64 * 1024];
        loop {
            let n = match from_server.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if cut_reply.load(Ordering::SeqCst) {
                cuts.fetch_add(1, Ordering::SeqCst);
                break;
            }
            if to_client.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        cut_down();
    });
}

/// Closes both ends of a connection.
fn cutter(client: &TcpStream, upstream: &Upstream) -> impl FnOnce() + Send + 'static {
    let (client, upstream) = (client.try_clone().unwrap(), upstream.try_clone());
    move || {
        let _ = client.shutdown(Shutdown::Both);
        upstream.shutdown();
    }
}
