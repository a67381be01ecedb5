//! A headless Chromium driven through chromedriver: started in its own
//! process group (killed as a group on drop), one session per journey that is
//! always closed before a failure is re-raised, and helpers to find by role,
//! label, text or test id, wait, click, type and take screenshots.

#[path = "commands.rs"]
mod commands;

use commands::{BrowserLog, Cdp};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::{Value, json};
use std::future::Future;
use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// How to find an element, the way a person would describe it.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    /// `data-testid`.
    TestId(&'a str),
    /// An ARIA role (explicit `role=` or the matching landmark element).
    Role(&'a str),
    /// An accessible name from `aria-label` or a `<label>`.
    Label(&'a str),
    /// Exact visible text (whitespace-normalised).
    Text(&'a str),
    /// A raw XPath, for structure the other forms cannot say.
    XPath(&'a str),
}

impl By<'_> {
    fn xpath(&self) -> String {
        match self {
            By::TestId(id) => format!("//*[@data-testid={}]", lit(id)),
            By::Role(role) => {
                let implicit = match *role {
                    "banner" => " | //header",
                    "navigation" => " | //nav",
                    "main" => " | //main",
                    "button" => " | //button",
                    _ => "",
                };
                format!("//*[@role={}]{implicit}", lit(role))
            }
            By::Label(l) => format!(
                "//*[@aria-label={0}] | //*[@id=//label[normalize-space()={0}]/@for]",
                lit(l)
            ),
            By::Text(t) => format!("//*[normalize-space(text())={}]", lit(t)),
            By::XPath(x) => (*x).to_owned(),
        }
    }
}

fn lit(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{s}\"")
    } else {
        format!("'{s}'")
    }
}

/// chromedriver in its own process group.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Kill the whole group: chromedriver and every Chromium it started.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Res<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let profile = tempfile::tempdir()?;
        let child = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            // Chromium's shared-memory files land in TMPDIR and outlive a
            // killed browser: keep them in the profile folder, removed on drop.
            .env("TMPDIR", profile.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("starting chromedriver (cargo xtask test installs it): {e}"))?;
        // The guard exists before anything can fail, so the group is always killed.
        let driver = Self {
            child,
            port,
            _profile: profile,
        };
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not start listening".into());
            }
            std::thread::sleep(POLL);
        }
        Ok(driver)
    }
}

/// One browser session for one journey.
pub struct Browser {
    client: Client,
    name: &'static str,
}

impl Browser {
    /// Runs `scenario` in a fresh Chromium; closes the session and the driver
    /// whatever happens, then fails the test if the scenario failed.
    pub async fn run<F, Fut>(name: &'static str, scenario: F)
    where
        F: FnOnce(Browser) -> Fut + Send + 'static,
        Fut: Future<Output = Res<()>> + Send + 'static,
    {
        // Both of rustls's crypto providers are compiled in: name one (a
        // second journey in the same process finds it already set).
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let driver = Driver::start().expect("chromedriver");
        let profile = driver._profile.path().display().to_string();
        let caps = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,800", format!("--user-data-dir={profile}"),
                ]
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::rustls()
            .expect("TLS roots")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session");
        let outcome = tokio::spawn(scenario(Browser {
            client: client.clone(),
            name,
        }))
        .await;
        if outcome.as_ref().is_ok_and(Result::is_err) || outcome.is_err() {
            let failed = Browser {
                client: client.clone(),
                name,
            };
            let _ = failed.screenshot("FAILED").await;
        }
        eprintln!("[{name}] closing the session");
        let _ = tokio::time::timeout(WAIT, client.close()).await;
        eprintln!("[{name}] stopping chromedriver");
        drop(driver);
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("journey `{name}` failed: {e}"),
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }

    /// The WebDriver client, for helpers in other modules.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to `url`.
    pub async fn goto(&self, url: &str) -> Res<()> {
        Ok(self.client.goto(url).await?)
    }

    /// Waits until a visible element matches.
    pub async fn wait_for(&self, by: By<'_>) -> Res<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            for el in self
                .client
                .find_all(Locator::XPath(&by.xpath()))
                .await
                .unwrap_or_default()
            {
                if el.is_displayed().await.unwrap_or(false) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no visible element {by:?} after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until no visible element matches.
    pub async fn wait_gone(&self, by: By<'_>) -> Res<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let mut visible = false;
            for el in self
                .client
                .find_all(Locator::XPath(&by.xpath()))
                .await
                .unwrap_or_default()
            {
                visible |= el.is_displayed().await.unwrap_or(false);
            }
            if !visible {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{by:?} still visible after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the focused element is one that matches.
    pub async fn wait_focus(&self, by: By<'_>) -> Res<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let active = self.client.active_element().await?.element_id();
            for el in self.client.find_all(Locator::XPath(&by.xpath())).await? {
                if el.element_id() == active {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!("{by:?} did not get focus within {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Clicks what matches, once it is visible.
    pub async fn click(&self, by: By<'_>) -> Res<()> {
        Ok(self.wait_for(by).await?.click().await?)
    }

    /// Types into what matches, once it is visible.
    pub async fn type_into(&self, by: By<'_>, text: &str) -> Res<()> {
        Ok(self.wait_for(by).await?.send_keys(text).await?)
    }

    /// Presses Escape on the focused element.
    pub async fn press_escape(&self) -> Res<()> {
        Ok(self
            .client
            .active_element()
            .await?
            .send_keys("\u{e00c}")
            .await?)
    }

    /// Signs in through the form at `base`/signin and waits for a workspace;
    /// returns its path.
    pub async fn sign_in(&self, base: &str, email: &str, password: &str) -> Res<String> {
        self.goto(&format!("{base}/signin")).await?;
        self.type_into(By::Label("Email"), email).await?;
        self.type_into(By::Label("Password"), password).await?;
        self.wait_xpath("//button[@type='submit']")
            .await?
            .click()
            .await?;
        self.wait_path("/w/").await
    }

    /// Waits until the address bar's path starts with `prefix`; returns the path.
    pub async fn wait_path(&self, prefix: &str) -> Res<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let path = self.client.current_url().await?.path().to_owned();
            if path.starts_with(prefix) {
                return Ok(path);
            }
            if Instant::now() > deadline {
                return Err(format!("path is {path}, wanted {prefix}… after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `count` visible elements match; returns their texts.
    pub async fn wait_count(&self, by: By<'_>, count: usize) -> Res<Vec<String>> {
        let deadline = Instant::now() + WAIT;
        loop {
            // The list may re-render between finding and reading: retry then.
            let mut texts = Vec::new();
            let mut stale = false;
            for el in self.client.find_all(Locator::XPath(&by.xpath())).await? {
                if el.is_displayed().await.unwrap_or(false) {
                    match el.text().await {
                        Ok(t) => texts.push(t),
                        Err(_) => stale = true,
                    }
                }
            }
            if !stale && texts.len() == count {
                return Ok(texts);
            }
            if Instant::now() > deadline {
                return Err(format!("{} of {by:?}, wanted {count}: {texts:?}", texts.len()).into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Sends keys to the focused element (WebDriver key codes allowed).
    pub async fn keys(&self, keys: &str) -> Res<()> {
        Ok(self.client.active_element().await?.send_keys(keys).await?)
    }

    /// Waits for an element by raw XPath (for structure the `By` forms cannot say).
    pub async fn wait_xpath(&self, xpath: &str) -> Res<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            for el in self
                .client
                .find_all(Locator::XPath(xpath))
                .await
                .unwrap_or_default()
            {
                if el.is_displayed().await.unwrap_or(false) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("no visible element {xpath} after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Resizes the window (CSS pixels).
    pub async fn resize(&self, width: u32, height: u32) -> Res<()> {
        Ok(self.client.set_window_size(width, height).await?)
    }

    /// Sends a Chrome DevTools command; its result.
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Res<Value> {
        Ok(self.client.issue_cmd(Cdp { cmd, params }).await?)
    }

    /// Emulates the OS colour scheme (`light` or `dark`).
    pub async fn color_scheme(&self, scheme: &str) -> Res<()> {
        let params = json!({ "media": "", "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
        self.cdp("Emulation.setEmulatedMedia", params).await?;
        Ok(())
    }

    /// Saves `target/screenshots/<journey>-<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Res<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}-{name}.png", self.name));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }

    /// Fails if the page logged any error to the console.
    pub async fn assert_no_console_errors(&self) -> Res<()> {
        eprintln!("[{}] reading the console log", self.name);
        let log = tokio::time::timeout(WAIT, self.client.issue_cmd(BrowserLog))
            .await
            .map_err(|_| "chromedriver did not answer the log request")??;
        let errors: Vec<String> = log
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("console errors: {errors:#?}").into())
        }
    }
}
