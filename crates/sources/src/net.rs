//! Which network addresses `warta watch` may fetch from (server-side request forgery guard).
//!
//! A feed is untrusted input: its items and their redirects may point at the machine itself
//! (`127.0.0.1`, `localhost`), the local network (`10.0.0.0/8`, `192.168.0.0/16`, ...),
//! link-local addresses (cloud metadata at `169.254.169.254`) or other non-public ranges.
//! Every address a host name resolves to is classified here before a connection is made, so
//! a redirect or a DNS answer cannot lead a fetch inside. Pure: no I/O.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of address an IP is, for the fetch guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// A public internet address: fetched.
    Public,
    /// This machine (127.0.0.0/8, ::1).
    Loopback,
    /// A private network (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10 shared space).
    Private,
    /// Link-local (169.254/16 with cloud metadata services, fe80::/10).
    LinkLocal,
    /// Unspecified, broadcast, multicast, documentation, benchmarking or reserved ranges.
    Reserved,
}

impl Reach {
    /// Is a fetch to this kind of address allowed without an allow-list entry?
    pub fn is_public(self) -> bool {
        self == Reach::Public
    }

    /// How an error names it.
    pub fn describe(self) -> &'static str {
        match self {
            Reach::Public => "public",
            Reach::Loopback => "loopback",
            Reach::Private => "private",
            Reach::LinkLocal => "link-local",
            Reach::Reserved => "reserved",
        }
    }
}

/// Classify an address.
pub fn classify(ip: IpAddr) -> Reach {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Reach {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        Reach::Loopback
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        Reach::Private
    } else if ip.is_link_local() {
        Reach::LinkLocal
    } else if ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        Reach::Reserved
    } else {
        Reach::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> Reach {
    // IPv4-mapped and IPv4-compatible forms are judged by the IPv4 address they carry.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let seg = ip.segments();
    if ip.is_loopback() {
        Reach::Loopback
    } else if ip.is_unspecified() || ip.is_multicast() {
        Reach::Reserved
    } else if seg[0] & 0xfe00 == 0xfc00 {
        Reach::Private
    } else if seg[0] & 0xffc0 == 0xfe80 {
        Reach::LinkLocal
    } else if seg[0] == 0x2001 && seg[1] == 0x0db8 {
        Reach::Reserved
    } else if seg[0] == 0x0064 && seg[1] == 0xff9b {
        // NAT64: the embedded IPv4 address decides.
        let v4 = Ipv4Addr::new((seg[6] >> 8) as u8, seg[6] as u8, (seg[7] >> 8) as u8, seg[7] as u8);
        classify_v4(v4)
    } else if seg[0] == 0 && seg[1] == 0 && seg[2] == 0 && seg[3] == 0 && seg[4] == 0 && seg[5] == 0 {
        // IPv4-compatible (deprecated) ::a.b.c.d
        classify_v4(Ipv4Addr::new((seg[6] >> 8) as u8, seg[6] as u8, (seg[7] >> 8) as u8, seg[7] as u8))
    } else {
        Reach::Public
    }
}

/// Hosts the operator allows even where they resolve inside (an intranet feed server):
/// `--allow-host NAME` matches a URL's host exactly (case-insensitive, brackets of an IPv6
/// literal ignored).
#[derive(Clone, Debug, Default)]
pub struct AllowList {
    hosts: Vec<String>,
}

impl AllowList {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(hosts: I) -> Self {
        AllowList { hosts: hosts.into_iter().map(|h| normalise_host(h.as_ref())).collect() }
    }

    pub fn allows(&self, host: &str) -> bool {
        let h = normalise_host(host);
        self.hosts.contains(&h)
    }
}

fn normalise_host(h: &str) -> String {
    h.trim().trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase()
}

/// Why a fetch to `host` was refused: the first address it resolved to that is not public.
/// `None` when every address is public or the host is on the allow-list.
pub fn refusal(host: &str, addrs: &[IpAddr], allow: &AllowList) -> Option<String> {
    if allow.allows(host) {
        return None;
    }
    let (ip, reach) = addrs.iter().map(|ip| (ip, classify(*ip))).find(|(_, r)| !r.is_public())?;
    Some(format!(
        "{host} resolves to {} address {ip}: not fetched (a feed or redirect may not lead inside; \
         --allow-host {host} allows it)",
        reach.describe()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(s: &str) -> Reach {
        classify(s.parse().unwrap())
    }

    #[test]
    fn addresses_are_classified() {
        for (ip, want) in [
            ("8.8.8.8", Reach::Public),
            ("203.0.113.9", Reach::Reserved),
            ("127.0.0.1", Reach::Loopback),
            ("127.8.9.10", Reach::Loopback),
            ("10.1.2.3", Reach::Private),
            ("172.16.0.1", Reach::Private),
            ("172.32.0.1", Reach::Public),
            ("192.168.1.1", Reach::Private),
            ("100.64.0.1", Reach::Private),
            ("169.254.169.254", Reach::LinkLocal),
            ("0.0.0.0", Reach::Reserved),
            ("255.255.255.255", Reach::Reserved),
            ("224.0.0.1", Reach::Reserved),
            ("::1", Reach::Loopback),
            ("::", Reach::Reserved),
            ("fd00::1", Reach::Private),
            ("fe80::1", Reach::LinkLocal),
            ("::ffff:127.0.0.1", Reach::Loopback),
            ("::ffff:10.0.0.1", Reach::Private),
            ("64:ff9b::a9fe:a9fe", Reach::LinkLocal),
            ("2606:4700::1111", Reach::Public),
            ("2001:db8::1", Reach::Reserved),
        ] {
            assert_eq!(reach(ip), want, "{ip}");
        }
    }

    #[test]
    fn refusal_names_the_host_and_address_and_the_allow_list_lets_it_in() {
        let addrs: Vec<IpAddr> = vec!["93.184.216.34".parse().unwrap(), "10.0.0.5".parse().unwrap()];
        let why = refusal("feeds.example", &addrs, &AllowList::default()).unwrap();
        assert!(why.contains("feeds.example") && why.contains("private address 10.0.0.5"), "{why}");
        assert_eq!(refusal("FEEDS.example.", &addrs, &AllowList::new(["feeds.example"])), None);
        assert_eq!(refusal("[::1]", &["::1".parse().unwrap()], &AllowList::new(["::1"])), None);
        assert_eq!(refusal("news.example", &["93.184.216.34".parse().unwrap()], &AllowList::default()), None);
    }
}
