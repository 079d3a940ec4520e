//! What server functions read from the request itself: the client's address, for the
//! per-address throttle (checklist line 6).

use crate::error::AppError;
use crate::server::state::AppState;
use crate::server::throttle::Action;
use std::net::{IpAddr, SocketAddr};

/// An address or a network (`10.0.0.0/8`, `2001:db8::/32`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for IpNet {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| ())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().map_err(|_| ())?,
            None => max,
        };
        if prefix > max {
            return Err(());
        }
        Ok(Self { addr, prefix })
    }
}

impl IpNet {
    /// Whether `ip` is in this network (an IPv4 address written as IPv6 counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// `::ffff:192.0.2.1` is `192.0.2.1`.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address: the socket's peer; when the peer is a trusted proxy, the address
/// the last trusted hop saw, read from the right of `X-Forwarded-For` (what a client writes
/// there itself is on the left, and never believed).
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    let mut client = canonical(peer);
    if !is_trusted(client) {
        return client;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            // Garbled: keep the address of the last hop we trust.
            break;
        };
        client = canonical(ip);
        if !is_trusted(client) {
            break;
        }
    }
    client
}

/// The client's address of the current request (see [`client_address`]).
pub async fn client_ip(state: &AppState) -> IpAddr {
    let peer = match leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await {
        Ok(axum::extract::ConnectInfo(addr)) => addr.ip(),
        Err(_) => IpAddr::from([0, 0, 0, 0]),
    };
    if state.accounts.trusted_proxies.is_empty() {
        return canonical(peer);
    }
    let Ok(parts) = leptos_axum::extract::<http::request::Parts>().await else {
        return canonical(peer);
    };
    client_of(peer, &parts.headers, &state.accounts.trusted_proxies)
}

/// The client's address of a request from `peer` with `headers` (routes outside the server
/// functions; see [`client_address`]).
pub fn client_of(peer: IpAddr, headers: &http::HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let lines: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    client_address(peer, &lines, trusted)
}

/// Counts this request against the client's limit for `action` (429 beyond it).
pub async fn throttle(state: &AppState, action: Action) -> Result<(), AppError> {
    let ip = client_ip(state).await;
    state.throttle.hit(action, ip).map_err(|retry_after_secs| {
        tracing::warn!(%ip, ?action, "throttled");
        AppError::TooManyRequests { retry_after_secs }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_contain() {
        let n: IpNet = "10.0.0.0/8".parse().unwrap();
        assert!(n.contains(ip("10.1.2.3")));
        assert!(n.contains(ip("::ffff:10.1.2.3")));
        assert!(!n.contains(ip("11.0.0.1")));
        let v6: IpNet = "2001:db8::/32".parse().unwrap();
        assert!(v6.contains(ip("2001:db8:1::5")));
        assert!(!v6.contains(ip("2001:db9::1")));
        let one: IpNet = "::1".parse().unwrap();
        assert!(one.contains(ip("::1")) && !one.contains(ip("::2")));
        assert!(
            "0.0.0.0/0"
                .parse::<IpNet>()
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        for bad in ["10.0.0.0/33", "proxy", "10.0.0.1/", "::1/129"] {
            assert!(bad.parse::<IpNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_client_is_what_the_last_trusted_hop_saw() {
        let trusted = nets(&["10.0.0.0/8"]);
        // A client that writes its own X-Forwarded-For is not believed: the proxy appends
        // the address it saw, and that is the one counted.
        assert_eq!(
            client_address(ip("10.0.0.2"), &["1.2.3.4, 203.0.113.9"], &trusted),
            ip("203.0.113.9")
        );
        // Two proxies: skip the trusted ones from the right.
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                &["198.51.100.7", "203.0.113.9, 10.0.0.3"],
                &trusted
            ),
            ip("203.0.113.9")
        );
        // Not from a proxy: the header means nothing.
        assert_eq!(
            client_address(ip("203.0.113.50"), &["1.2.3.4"], &trusted),
            ip("203.0.113.50")
        );
        // No proxy configured: never believed.
        assert_eq!(
            client_address(ip("10.0.0.2"), &["1.2.3.4"], &[]),
            ip("10.0.0.2")
        );
        // Garbled hop: the last trusted address stays.
        assert_eq!(
            client_address(ip("10.0.0.2"), &["1.2.3.4, garbage"], &trusted),
            ip("10.0.0.2")
        );
    }
}
