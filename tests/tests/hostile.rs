//! Hostile and malformed requests against the real `edge-serve` over raw TCP: header floods,
//! huge header values, thousands of parameters, very long URLs, path traversal into the index
//! and next to the widget directory, broken percent-encoding and invalid UTF-8, oversized
//! bodies, idle connections. Every answer is JSON from the handler or a proper 4xx from the
//! HTTP layer, never a 5xx, and edge-serve keeps answering afterwards. Also: the security
//! headers of the files edge-serve serves itself, and that no edge-serve outlives a test
//! process that panics or aborts.

use gongkai_tests::{build_dir, encode, root, sample_index, EdgeServer};
use serde_json::Value;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What came back for a raw request.
#[derive(Debug)]
enum Answer {
    /// A response: status, headers (names lower-cased), body.
    Http(u16, Vec<(String, String)>, Vec<u8>),
    /// The server closed the connection without answering (allowed only for requests larger
    /// than what it reads before refusing them).
    Closed,
}

impl Answer {
    fn status(&self) -> u16 {
        match self {
            Answer::Http(s, _, _) => *s,
            Answer::Closed => 0,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        match self {
            Answer::Http(_, h, _) => h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            Answer::Closed => None,
        }
    }

    fn body(&self) -> &[u8] {
        match self {
            Answer::Http(_, _, b) => b,
            Answer::Closed => &[],
        }
    }

    /// The body as JSON, if it is JSON.
    fn json(&self) -> Option<Value> {
        serde_json::from_slice(self.body()).ok()
    }
}

/// Sends raw bytes as one request (the caller adds `Connection: close`) and reads the answer
/// to the end. The request is written from another thread, so a server that answers before
/// reading all of it (413, 431) cannot deadlock the test.
fn raw(server: &EdgeServer, request: Vec<u8>) -> Answer {
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect to edge-serve");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("read timeout");
    let mut writer = stream.try_clone().expect("clone the socket");
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    let mut data = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe) => break,
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
    let _ = sender.join();
    let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else {
        assert!(data.is_empty(), "a partial answer: {:?}", String::from_utf8_lossy(&data));
        return Answer::Closed;
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        panic!("not an HTTP status line: {status_line}");
    });
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer::Http(status, headers, data[end + 4..].to_vec())
}

/// A `GET` of a raw request target with extra raw header lines.
fn get(server: &EdgeServer, target: &[u8], headers: &[u8]) -> Answer {
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    req.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    req.extend_from_slice(headers);
    req.extend_from_slice(b"\r\n");
    raw(server, req)
}

/// edge-serve is still running and answers `/healthz` with its document count.
fn still_answers(server: &mut EdgeServer, after: &str) {
    assert!(server.running(), "edge-serve died after {after}");
    let answer = get(server, b"/healthz", b"");
    assert_eq!(answer.status(), 200, "after {after}: {answer:?}");
    assert_eq!(answer.json().map(|j| j["doc_count"] == 5000), Some(true), "after {after}: {answer:?}");
}

/// An answer below 500 with a JSON body — whether the handler or the HTTP layer (431, 414, 400
/// for a request it cannot parse) gave it; an error is `{"error": {"code", "message"}}`.
fn json_or_4xx(answer: &Answer, what: &str) {
    let status = answer.status();
    assert!((200..500).contains(&status), "{what}: {answer:?}");
    assert_eq!(answer.header("content-type"), Some("application/json; charset=utf-8"), "{what}: {answer:?}");
    let body = answer.json().unwrap_or_else(|| panic!("{what}: not JSON: {answer:?}"));
    if status >= 400 {
        assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{what}: {body}");
    }
}

/// A JSON error with this status and code.
fn json_error(answer: &Answer, status: u16, code: &str, what: &str) {
    assert_eq!(answer.status(), status, "{what}: {answer:?}");
    assert_eq!(answer.header("content-type"), Some("application/json; charset=utf-8"), "{what}");
    let body = answer.json().unwrap_or_else(|| panic!("{what}: not JSON: {answer:?}"));
    assert_eq!(body["error"]["code"], code, "{what}: {body}");
}

fn server(extra: &[&str]) -> EdgeServer {
    EdgeServer::start(&sample_index("hostile"), extra)
}

#[test]
fn header_floods_and_huge_header_values_are_refused_or_answered_never_fatal() {
    let mut edge = server(&[]);
    // Hundreds of headers: more than edge-serve reads.
    let many: Vec<u8> = (0..300).flat_map(|i| format!("X-Flood-{i}: {i}\r\n").into_bytes()).collect();
    let answer = get(&edge, b"/v1/search?q=%E8%8B%8F%E5%B7%9E", &many);
    json_error(&answer, 431, "request_head_too_large", "300 headers");
    still_answers(&mut edge, "300 headers");
    // A 64 KB header: over the request-head limit.
    let big = format!("X-Big: {}\r\n", "a".repeat(64 * 1024)).into_bytes();
    let answer = get(&edge, b"/healthz", &big);
    if !matches!(answer, Answer::Closed) {
        json_error(&answer, 431, "request_head_too_large", "a 64 KB header");
    }
    still_answers(&mut edge, "a 64 KB header");
    // A header line hyper cannot parse: its 400, as JSON.
    let answer = get(&edge, b"/v1/meta", b"Bad Header Name: 1\r\n");
    json_error(&answer, 400, "bad_request", "a header name with spaces");
    // Huge Origin and If-None-Match values under the limit: answered normally.
    let origin = format!("Origin: https://{}.gov.cn\r\n", "a".repeat(20_000)).into_bytes();
    let answer = get(&edge, format!("/v1/search?q={}", encode("公租房")).as_bytes(), &origin);
    assert_eq!(answer.status(), 200, "{answer:?}");
    assert!(answer.json().is_some_and(|j| j["total"].as_u64().unwrap_or(0) > 0), "{answer:?}");
    let tags: Vec<String> = (0..2000).map(|i| format!("W/\"{i:016x}\"")).collect();
    let inm = format!("If-None-Match: {}\r\n", tags.join(", ")).into_bytes();
    let answer = get(&edge, b"/v1/meta", &inm);
    assert_eq!(answer.status(), 200, "{answer:?}");
    assert_eq!(answer.json().map(|j| j["doc_count"] == 5000), Some(true));
    // The real ETag at the end of a long list still gets its 304.
    let etag = answer.header("etag").expect("an ETag").to_string();
    let inm = format!("If-None-Match: {}, {etag}\r\n", tags.join(", ")).into_bytes();
    assert_eq!(get(&edge, b"/v1/meta", &inm).status(), 304);
    // A header value that is not UTF-8.
    let answer = get(&edge, b"/v1/meta", b"Origin: https://\xe6\xb1\x9f\xff\xfe.gov.cn\r\n");
    json_or_4xx(&answer, "an Origin that is not UTF-8");
    still_answers(&mut edge, "huge header values");
}

#[test]
fn thousands_of_parameters_and_very_long_urls() {
    let mut edge = server(&[]);
    // 3,000 unknown parameters beside a real query: still the query's answer.
    let target = format!("/v1/search?q={}{}", encode("苏州"), "&utm=1".repeat(3000));
    let answer = get(&edge, target.as_bytes(), b"");
    assert_eq!(answer.status(), 200, "{answer:?}");
    let body = answer.json().expect("JSON");
    assert!(body["total"].as_u64().unwrap_or(0) > 100, "{body}");
    // 2,000 repetitions of `q`: one query answered, or a JSON error naming `q`.
    let target = format!(
        "/v1/search?{}",
        std::iter::repeat_n(format!("q={}", encode("土地")), 2000).collect::<Vec<_>>().join("&")
    );
    let answer = get(&edge, target.as_bytes(), b"");
    json_or_4xx(&answer, "2,000 q parameters");
    // A `q` far over 200 characters, still within the head limit: the handler's JSON 400.
    let target = format!("/v1/search?q={}", encode(&"苏州市国有建设用地使用权出让".repeat(150)));
    let answer = get(&edge, target.as_bytes(), b"");
    json_error(&answer, 400, "bad_parameter", "a 2,100-character q");
    assert_eq!(answer.json().map(|j| j["error"]["param"] == "q"), Some(true));
    // A 100 KB URL: refused by the HTTP layer (414 or 431: over the request-head limit), or
    // the connection closed.
    let target = format!("/v1/search?q={}", "a".repeat(100_000));
    let answer = get(&edge, target.as_bytes(), b"");
    assert!(matches!(answer, Answer::Closed | Answer::Http(414 | 431, _, _)), "{answer:?}");
    if !matches!(answer, Answer::Closed) {
        json_or_4xx(&answer, "a 100 KB URL");
    }
    // A long path outside the API: a JSON 404 that does not echo 12 KB back.
    let target = format!("/{}", "widget".repeat(2000));
    let answer = get(&edge, target.as_bytes(), b"");
    assert_eq!(answer.status(), 404);
    assert!(answer.json().is_some_and(|j| j["error"]["code"] == "not_found"), "a 12 KB path");
    still_answers(&mut edge, "long URLs");
}

#[test]
fn path_traversal_never_reaches_a_file_outside_the_widget_directory() {
    let dir = build_dir().join("hostile-files");
    let widget = dir.join("widget");
    std::fs::create_dir_all(&widget).expect("widget dir");
    std::fs::write(widget.join("widget.js"), "/* 公开 widget */\n").expect("widget.js");
    std::fs::write(dir.join("secret.txt"), "SECRET-苏政办发").expect("secret");
    let index = sample_index("hostile");
    let mut edge = server(&["--widget-dir", widget.to_str().unwrap_or_default()]);
    // The widget file itself is served, with the security headers.
    let answer = get(&edge, b"/widget.js", b"");
    assert_eq!(answer.status(), 200, "{answer:?}");
    assert_eq!(answer.body(), "/* 公开 widget */\n".as_bytes());
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    let secret = "SECRET-苏政办发".as_bytes();
    let manifest = std::fs::read(index.join("manifest.json")).expect("manifest");
    let targets: &[&[u8]] = &[
        b"/..%2Fsecret.txt",
        b"/..%2fsecret.txt",
        b"/%2e%2e/secret.txt",
        b"/%2e%2e%2fsecret.txt",
        b"/%2E%2E%2Fsecret.txt",
        b"/../secret.txt",
        b"/./../secret.txt",
        b"//..//secret.txt",
        b"/..\\secret.txt",
        b"/..%5Csecret.txt",
        b"/%5C..%5Csecret.txt",
        b"/widget.js/../../secret.txt",
        b"/widget.js%00.html",
        b"/.%2e/secret.txt",
        b"/..%252Fsecret.txt",
        b"/%c0%ae%c0%ae/secret.txt",
        b"/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        b"/..%2Fmanifest.json",
        b"/%2e%2e/manifest.json",
        b"/v1/doc/..%2F..%2Fetc%2Fpasswd",
        b"/v1/doc/..%2F..%2Fmanifest.json",
        b"/v1/doc/../../etc/passwd",
        b"/v1/doc/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        b"/v1/doc/..%5C..%5Cmanifest.json",
        b"/v1/doc/docs%2Fdocs-0000.bin",
    ];
    for target in targets {
        let what = String::from_utf8_lossy(target).into_owned();
        let answer = get(&edge, target, b"");
        let body = answer.body();
        assert!(!body.windows(secret.len()).any(|w| w == secret), "{what} leaked the file beside the widget dir");
        assert!(!body.windows(10).any(|w| w == b"root:x:0:0"), "{what} leaked /etc/passwd");
        assert!(body != manifest.as_slice(), "{what} leaked the index manifest");
        match &answer {
            Answer::Http(status, _, _) if answer.json().is_some() => {
                assert_eq!(*status, 404, "{what}: {answer:?}");
                let body = answer.json().unwrap_or_default();
                assert_eq!(body["error"]["code"], "not_found", "{what}: {body}");
            }
            _ => assert_eq!(answer.status(), 400, "{what}: neither a JSON 404 nor a 400: {answer:?}"),
        }
    }
    still_answers(&mut edge, "path traversal attempts");
}

#[test]
fn broken_percent_encoding_and_invalid_utf8_in_the_query() {
    let mut edge = server(&[]);
    let targets: &[&[u8]] = &[
        b"/v1/search?q=%E8%8B",          // a truncated UTF-8 sequence
        b"/v1/search?q=%E8%8B%8F%E5%B7", // 苏 and half of 州
        b"/v1/search?q=%ZZ",
        b"/v1/search?q=%",
        b"/v1/search?q=%%%%",
        b"/v1/search?q=%FF%FE%FD",
        b"/v1/search?q=%C0%AF",                   // an overlong `/`
        b"/v1/search?q=%ED%A0%80",                // a UTF-16 surrogate
        b"/v1/search?q=%F4%90%80%80",             // above U+10FFFF
        b"/v1/search?q=\xe8\x8b\x8f\xe5\xb7\x9e", // raw UTF-8 bytes, not encoded
        b"/v1/search?q=\xff\xfe",                 // raw bytes that are not UTF-8
        b"/v1/search?q=a&size=%FF",
        b"/v1/search?q=a&page=%00",
        b"/v1/search?q=a&domain=%E5%9C%9F",
        b"/v1/search?q=a&region=%3Cscript%3E",
        b"/v1/search?q=a&from=%E2%80%AE2024",
        b"/v1/suggest?q=%E8%8B",
        b"/v1/suggest?q=%FF",
        b"/v1/doc/%FF%FE",
        b"/v1/doc/%E8%8B",
    ];
    for target in targets {
        let what = String::from_utf8_lossy(target).into_owned();
        let answer = get(&edge, target, b"");
        json_or_4xx(&answer, &what);
        // Whatever the handler answered is valid JSON (so valid UTF-8), errors name a parameter.
        if let Some(body) = answer.json() {
            if answer.status() >= 400 {
                assert!(body["error"]["code"].is_string(), "{what}: {body}");
            }
        }
        assert!(edge.running(), "edge-serve died on {what}");
    }
    // The filters' errors name the parameter.
    let answer = get(&edge, b"/v1/search?q=a&size=%FF", b"");
    json_error(&answer, 400, "bad_parameter", "size=%FF");
    assert_eq!(answer.json().map(|j| j["error"]["param"] == "size"), Some(true));
    // A broken escape or bytes that are not UTF-8 once decoded: a 400 naming the parameter
    // (query or path), never a search for repaired text.
    let broken: &[(&[u8], &str, &str)] = &[
        (b"/v1/search?q=%zz", "q", "`%zz`"),
        (b"/v1/search?q=%E8%8B%8F%E4%B8", "q", "E4 B8"),
        (b"/v1/search?q=%E8%8B%8F%E5%B7%9E&region=%", "region", "`%`"),
        (b"/v1/search?q=a&domain=%E5%9C", "domain", "E5 9C"),
        (b"/v1/suggest?q=%E8%8B", "q", "E8 8B"),
        (b"/v1/search?q=%C0%AF", "q", "C0"),
        (b"/v1/entity?name=%E6%B1%9F%E8%8B%8F%ZZ", "name", "`%ZZ`"),
        (b"/v1/doc/js-land-%E4%B8", "id", "E4 B8"),
        (b"/v1/project/JSZC-%G1", "project_code", "`%G1`"),
    ];
    for (target, param, detail) in broken {
        let what = String::from_utf8_lossy(target).into_owned();
        let answer = get(&edge, target, b"");
        json_error(&answer, 400, "bad_parameter", &what);
        let body = answer.json().unwrap_or_default();
        assert_eq!(body["error"]["param"], *param, "{what}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains(detail)), "{what}: {body}");
    }
    // Not HTTP at all, and a method that does not exist.
    let answer = raw(&edge, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n".to_vec());
    if !matches!(answer, Answer::Closed) {
        json_error(&answer, 400, "bad_request", "a TLS hello");
    }
    let answer = raw(&edge, b"BREW /v1/search?q=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec());
    json_or_4xx(&answer, "BREW");
    still_answers(&mut edge, "broken encodings");
}

#[test]
fn bodies_are_bounded_head_has_no_body_and_idle_connections_do_not_block_others() {
    let mut edge = server(&[]);
    // A body within the bound is read and ignored: the answer is the GET's.
    let mut req =
        b"POST /v1/suggest?q=%E5%85%AC HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n"
            .to_vec();
    req.extend_from_slice(&[b'x'; 1000]);
    let answer = raw(&edge, req);
    json_or_4xx(&answer, "POST with a small body");
    // 4 MB: refused with a JSON 413 (or closed mid-upload), never buffered whole.
    let mut req =
        b"POST /v1/search?q=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4000000\r\n\r\n".to_vec();
    req.extend(std::iter::repeat_n(b'y', 4_000_000));
    let answer = raw(&edge, req);
    if !matches!(answer, Answer::Closed) {
        json_error(&answer, 413, "body_too_large", "a 4 MB body");
    }
    still_answers(&mut edge, "a 4 MB body");
    // A body that never arrives: a JSON 408 after edge-serve's 10 s, the server free meanwhile.
    let started = Instant::now();
    let stalled = b"POST /v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 100\r\n\r\n0123456789";
    let waiting = {
        let base = edge.base.clone();
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(base.trim_start_matches("http://")).expect("connect");
            stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
            stream.write_all(stalled).expect("write");
            let mut data = Vec::new();
            let _ = stream.read_to_end(&mut data);
            data
        })
    };
    still_answers(&mut edge, "a stalled body, while it waits");
    let data = waiting.join().expect("the stalled request");
    let text = String::from_utf8_lossy(&data);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"body_timeout\""), "{text}");
    assert!(started.elapsed() < Duration::from_secs(25), "the stalled body was not timed out");
    // HEAD: the GET's status and headers, no body.
    let get_answer = get(&edge, b"/v1/meta", b"");
    let head = raw(&edge, b"HEAD /v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec());
    assert_eq!(head.status(), 200, "{head:?}");
    assert!(head.body().is_empty(), "HEAD sent a body");
    assert_eq!(head.header("content-length"), Some(get_answer.body().len().to_string().as_str()));
    assert_eq!(head.header("etag"), get_answer.header("etag"));
    // 200 idle connections (and one sending its head a byte at a time) do not keep a search
    // from being answered.
    let addr = edge.base.trim_start_matches("http://").to_string();
    let idle: Vec<TcpStream> = (0..200).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
    assert_eq!(idle.len(), 200);
    let mut slow = TcpStream::connect(&addr).expect("connect");
    slow.write_all(b"GET /v1/search?q=").expect("write");
    let answer = get(&edge, format!("/v1/search?q={}", encode("苏州 卖地")).as_bytes(), b"");
    assert_eq!(answer.status(), 200, "{answer:?}");
    assert!(answer.json().is_some_and(|j| j["total"].as_u64().unwrap_or(0) > 0));
    drop(idle);
    drop(slow);
    // Keep-alive: several requests on one connection, each answered in full.
    let mut conn = TcpStream::connect(&addr).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    for q in ["公租房", "gongzufang", "江宁 招投标 2024"] {
        let req = format!("GET /v1/search?q={}&size=3 HTTP/1.1\r\nHost: x\r\n\r\n", encode(q));
        conn.write_all(req.as_bytes()).expect("write");
        let mut data = Vec::new();
        let mut buf = [0u8; 16384];
        let body = loop {
            let n = conn.read(&mut buf).expect("read");
            assert!(n > 0, "{q}: the connection closed");
            data.extend_from_slice(&buf[..n]);
            let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .expect("content-length");
            if data.len() >= end + 4 + len {
                assert!(head.starts_with("http/1.1 200"), "{q}: {head}");
                break data[end + 4..end + 4 + len].to_vec();
            }
        };
        let json: Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(json["hits"].as_array().map(Vec::len), Some(3), "{q}: {json}");
    }
    still_answers(&mut edge, "idle and keep-alive connections");
}

#[test]
fn the_demo_page_gets_a_csp_the_widget_works_under() {
    let mut edge = server(&["--demo", "widget/demo/index.html"]);
    let answer = get(&edge, b"/", b"");
    assert_eq!(answer.status(), 200, "{answer:?}");
    let page = String::from_utf8_lossy(answer.body()).into_owned();
    assert_eq!(page.as_bytes(), std::fs::read(root().join("widget/demo/index.html")).expect("demo page").as_slice());
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    let csp = answer.header("content-security-policy").expect("a CSP").to_string();
    let directive = |name: &str| -> Vec<String> {
        csp.split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name).filter(|rest| rest.starts_with(' ')))
            .map(|rest| rest.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default()
    };
    assert_eq!(directive("default-src"), ["'none'"], "{csp}");
    // The widget: its script and wasm from this origin, compiled under 'wasm-unsafe-eval'
    // (widget/README.md), and its API requests to this origin.
    assert!(directive("script-src").contains(&"'self'".to_string()), "{csp}");
    assert!(directive("script-src").contains(&"'wasm-unsafe-eval'".to_string()), "{csp}");
    assert!(!directive("script-src").iter().any(|s| s == "'unsafe-eval'" || s == "'unsafe-inline'"), "{csp}");
    assert!(directive("connect-src").contains(&"'self'".to_string()), "{csp}");
    // What the page itself loads is allowed: every script has a same-origin src (no inline
    // script, which the CSP would block), an inline <style> only under 'unsafe-inline'.
    let scripts: Vec<&str> = page.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "the demo page loads the widget");
    for s in &scripts {
        let tag = &s[..s.find('>').unwrap_or(s.len())];
        let src = tag.split("src=\"").nth(1).and_then(|r| r.split('"').next());
        let src = src.unwrap_or_else(|| panic!("an inline script the CSP blocks: <script{tag}>"));
        assert!(src.starts_with('/') && !src.starts_with("//"), "a script from another origin: {src}");
    }
    if page.contains("<style") {
        assert!(directive("style-src").contains(&"'unsafe-inline'".to_string()), "{csp}");
    }
    assert!(!page.contains("http://") && !page.contains("https://"), "the demo loads nothing from elsewhere");
    // The widget's own error (not built) carries the headers too, and API responses keep theirs.
    let missing = get(&edge, b"/widget-missing-file.js", b"");
    json_error(&missing, 404, "widget_missing", "a widget file that was not built");
    assert_eq!(missing.header("x-content-type-options"), Some("nosniff"));
    let api = get(&edge, b"/v1/meta", b"");
    assert_eq!(api.header("content-type"), Some("application/json; charset=utf-8"));
    still_answers(&mut edge, "the demo page");
}

/// Run by [`no_edge_serve_outlives_a_test_process_that_dies`] in a child process: starts
/// edge-serve, prints its pid, and dies without dropping anything (abort) or by a panic
/// inside a `static` (never dropped).
#[test]
#[ignore = "runs only as the child of no_edge_serve_outlives_a_test_process_that_dies"]
fn child_that_dies_with_edge_serve_running() {
    let (Ok(how), Ok(index)) = (std::env::var("GK_DIE_HOW"), std::env::var("GK_INDEX")) else { return };
    let edge = EdgeServer::start(std::path::Path::new(&index), &[]);
    println!("EDGE_PID={}", edge.pid());
    std::io::stdout().flush().expect("flush");
    match how.as_str() {
        "abort" => std::process::abort(),
        _ => {
            static KEPT: std::sync::OnceLock<EdgeServer> = std::sync::OnceLock::new();
            let _ = KEPT.set(edge);
            panic!("a test that fails with edge-serve kept in a static");
        }
    }
}

/// Whether a process exists and is not a zombie.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| s.rsplit(')').next().map(|r| !r.trim_start().starts_with('Z')).unwrap_or(false))
        .unwrap_or(false)
}

#[test]
fn no_edge_serve_outlives_a_test_process_that_dies() {
    let index = sample_index("hostile"); // built here, not again in the child
    for how in ["abort", "panic"] {
        // Only stdout is read, and only up to the pid: a leftover edge-serve holding the
        // child's pipes must make this test fail, not hang.
        let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "child_that_dies_with_edge_serve_running",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("GK_DIE_HOW", how)
            .env("GK_INDEX", &index)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the child test runs");
        let stdout = child.stdout.take().expect("stdout");
        let pid: u32 = std::io::BufRead::lines(std::io::BufReader::new(stdout))
            .map_while(Result::ok)
            .find_map(|l| l.split_once("EDGE_PID=").and_then(|(_, p)| p.trim().parse().ok()))
            .unwrap_or_else(|| panic!("{how}: no pid from the child"));
        let status = child.wait().expect("the child ends");
        assert!(!status.success(), "{how}: the child was meant to fail");
        let deadline = Instant::now() + Duration::from_secs(10);
        while alive(pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let left = alive(pid);
        if left {
            let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        assert!(!left, "{how}: edge-serve {pid} outlived the test process that started it");
    }
}
