//! Which address a request comes from, behind a reverse proxy.
//!
//! The rate limits key on the client's address. Behind a reverse proxy every
//! request arrives from the proxy, so all visitors would share one budget;
//! the proxy names the real client in `X-Forwarded-For`. That header is
//! written by whoever sends the request, though, so it is believed only
//! when the peer is a proxy the operator named (`--trusted-proxy`), and
//! then only as far as the chain runs through trusted proxies: the client
//! is the rightmost address that is not a trusted proxy. Anything a client
//! put further left is ignored, so it cannot pick its own budget.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use axum::http::HeaderMap;
use ipnet::{IpNet, Ipv4Net};

/// A trusted proxy: one address, or a network in CIDR notation
/// (`10.0.0.0/8`, `fd00::/8`). The arithmetic is `ipnet`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy(IpNet);

/// Why a text is not an address or network.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not an IP address or a network such as 10.0.0.0/8 (prefix length within the address's size)"
)]
pub struct ProxyParseError(String);

impl TrustedProxy {
    /// Whether `ip` lies in this network. IPv4 addresses written as IPv6
    /// (`::ffff:10.0.0.1`, as a dual-stack socket reports them) count as
    /// IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.contains(&ip.to_canonical())
    }
}

impl FromStr for TrustedProxy {
    type Err = ProxyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let net = match text.parse::<IpNet>() {
            Ok(n) => n,
            Err(_) => text
                .parse::<IpAddr>()
                .map(IpNet::from)
                .map_err(|_| ProxyParseError(text.to_owned()))?,
        };
        // `::ffff:10.0.0.0/104` is the IPv4 network 10.0.0.0/8.
        let net = match net {
            IpNet::V6(v6) => match v6.addr().to_ipv4_mapped() {
                Some(v4) if v6.prefix_len() >= 96 => {
                    Ipv4Net::new(v4, v6.prefix_len() - 96).map_or(net, IpNet::V4)
                }
                _ => net,
            },
            v4 => v4,
        };
        Ok(TrustedProxy(net.trunc()))
    }
}

impl fmt::Display for TrustedProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One entry of `X-Forwarded-For`: an address, perhaps with a port
/// (`203.0.113.7:4711`, `[2001:db8::1]:4711`), which some proxies add.
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let e = entry.trim();
    if let Ok(ip) = e.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Some(rest) = e.strip_prefix('[') {
        return rest.split_once(']')?.0.parse::<IpAddr>().ok();
    }
    let (host, port) = e.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// The client behind a request that came from `peer`: `peer` itself unless
/// it is a trusted proxy; then the rightmost address of `X-Forwarded-For`
/// (all its lines, in order) that is not a trusted proxy. When the chain
/// holds nothing but trusted proxies, the leftmost of them; when an entry
/// cannot be read, the trusted hop right of it, since nothing further left
/// can be believed.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[TrustedProxy]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for entry in entries.iter().rev() {
        match forwarded_address(entry) {
            Some(ip) if is_trusted(ip) => client = ip,
            Some(ip) => return ip,
            None => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> Vec<TrustedProxy> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append("x-forwarded-for", HeaderValue::from_str(l).unwrap());
        }
        h
    }

    #[test]
    fn addresses_and_networks_are_read_and_matched() {
        let one: TrustedProxy = "10.1.2.3".parse().unwrap();
        assert!(one.contains(ip("10.1.2.3")));
        assert!(!one.contains(ip("10.1.2.4")));
        let net: TrustedProxy = " 10.0.0.0/8 ".parse().unwrap();
        assert_eq!(net.to_string(), "10.0.0.0/8");
        assert!(net.contains(ip("10.200.0.1")));
        assert!(net.contains(ip("::ffff:10.200.0.1")));
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(!net.contains(ip("::1")));
        let v6: TrustedProxy = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")));
        assert!(!v6.contains(ip("fe80::1")));
        let all: TrustedProxy = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
        assert_eq!(
            "proxy".parse::<TrustedProxy>(),
            Err(ProxyParseError("proxy".into()))
        );
        assert!(
            "10.0.0.0/33"
                .parse::<TrustedProxy>()
                .unwrap_err()
                .to_string()
                .starts_with("'10.0.0.0/33' is not an IP address or a network")
        );
        let mapped: TrustedProxy = "::ffff:10.0.0.0/104".parse().unwrap();
        assert_eq!(mapped.to_string(), "10.0.0.0/8");
        assert!(mapped.contains(ip("10.9.9.9")));
        assert!("::/129".parse::<TrustedProxy>().is_err());
        assert!("10.0.0.0/x".parse::<TrustedProxy>().is_err());
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        let h = forwarded(&["198.51.100.1"]);
        // No proxy configured: the socket's address, whatever the header says.
        assert_eq!(
            client_address(ip("203.0.113.5"), &h, &[]),
            ip("203.0.113.5")
        );
        // A proxy configured, but this peer is not it.
        let trusted = proxies(&["10.0.0.1"]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &h, &trusted),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client() {
        let trusted = proxies(&["10.0.0.0/8"]);
        let peer = ip("10.0.0.1");
        // A client that forges an entry only adds to the left.
        let h = forwarded(&["1.2.3.4, 198.51.100.7"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("198.51.100.7"));
        // Two proxies in a row; several header lines read as one list.
        let h = forwarded(&["1.2.3.4", "198.51.100.7, 10.0.0.9"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("198.51.100.7"));
        // Ports and IPv6 as some proxies write them.
        let h = forwarded(&["198.51.100.7:4711"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("198.51.100.7"));
        let h = forwarded(&["[2001:db8::7]:4711"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("2001:db8::7"));
        // Nothing forwarded: the proxy itself.
        assert_eq!(client_address(peer, &HeaderMap::new(), &trusted), peer);
        // Only trusted hops: the leftmost of them.
        let h = forwarded(&["10.0.0.5, 10.0.0.9"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("10.0.0.5"));
        // Garbage stops the walk at the last hop that can be believed.
        let h = forwarded(&["198.51.100.7, unknown, 10.0.0.9"]);
        assert_eq!(client_address(peer, &h, &trusted), ip("10.0.0.9"));
        // A dual-stack socket reports the proxy as an IPv6-mapped address.
        let h = forwarded(&["198.51.100.7"]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.1"), &h, &trusted),
            ip("198.51.100.7")
        );
    }
}
