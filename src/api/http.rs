//! The few pieces of `fetch` the client needs (method, headers, query,
//! string body; status, headers, text), straight on `web-sys`: an HTTP
//! crate brought more code into the WASM than these forty lines.

use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A request being put together.
pub struct Request {
    method: &'static str,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
}

impl Request {
    fn new(method: &'static str, url: &str) -> Request {
        Request {
            method,
            url: url.to_owned(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// `GET url`.
    pub fn get(url: &str) -> Request {
        Request::new("GET", url)
    }

    /// `POST url`.
    pub fn post(url: &str) -> Request {
        Request::new("POST", url)
    }

    /// `PUT url`.
    pub fn put(url: &str) -> Request {
        Request::new("PUT", url)
    }

    /// `PATCH url`.
    pub fn patch(url: &str) -> Request {
        Request::new("PATCH", url)
    }

    /// `DELETE url`.
    pub fn delete(url: &str) -> Request {
        Request::new("DELETE", url)
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &str) -> Request {
        self.headers.push((name, value.to_owned()));
        self
    }

    /// Appends URL-encoded query parameters.
    pub fn query<'a>(mut self, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Request {
        if let Ok(search) = web_sys::UrlSearchParams::new() {
            for (k, v) in params {
                search.append(k, v);
            }
            let search = String::from(search.to_string());
            if !search.is_empty() {
                self.url
                    .push(if self.url.contains('?') { '&' } else { '?' });
                self.url.push_str(&search);
            }
        }
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: String) -> Request {
        self.body = Some(body);
        self
    }

    /// Sends it; an error means no answer arrived (network, CORS, abort).
    pub async fn send(self) -> Result<Response, String> {
        let init = web_sys::RequestInit::new();
        init.set_method(self.method);
        let headers = web_sys::Headers::new().map_err(message)?;
        for (name, value) in &self.headers {
            headers.set(name, value).map_err(message)?;
        }
        init.set_headers(&headers);
        if let Some(body) = &self.body {
            init.set_body(&JsValue::from_str(body));
        }
        let window = web_sys::window().ok_or("no window")?;
        let res = JsFuture::from(window.fetch_with_str_and_init(&self.url, &init))
            .await
            .map_err(message)?;
        Ok(Response(res.unchecked_into()))
    }
}

/// An answer.
pub struct Response(web_sys::Response);

impl Response {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        self.0.ok()
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.0.status()
    }

    /// The status text.
    pub fn status_text(&self) -> String {
        self.0.status_text()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.0.headers().get(name).ok().flatten()
    }

    /// The body as text.
    pub async fn text(&self) -> Result<String, String> {
        let text = JsFuture::from(self.0.text().map_err(message)?)
            .await
            .map_err(message)?;
        Ok(text.as_string().unwrap_or_default())
    }
}

/// A JS error's message (or the thrown value, if it was a string).
pub fn message(e: JsValue) -> String {
    match e.dyn_into::<js_sys::Error>() {
        Ok(e) => String::from(e.message()),
        Err(v) => v.as_string().unwrap_or_default(),
    }
}
