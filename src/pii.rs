//! PII masking: e-mail addresses and public IP addresses replaced, as datatrove's
//! `PIIFormatter` replaces them (its patterns, its replacements, its notion of a public
//! address: Python's `ipaddress.is_global`).
//!
//! ```
//! use tamis::pii::{PiiConfig, PiiMasker};
//!
//! let masker = PiiMasker::new(&PiiConfig::default())?;
//! let (text, counts) = masker.mask("Écrire à jean.dupont@mairie.fr depuis 8.8.8.8 ou 192.168.1.1.");
//! assert_eq!(text, "Écrire à email@example.com depuis 22.214.171.124 ou 192.168.1.1.");
//! assert_eq!((counts.emails, counts.ips), (1, 1));
//! # Ok::<(), tamis::Error>(())
//! ```

use std::borrow::Cow;
use std::net::Ipv4Addr;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// datatrove's e-mail pattern.
const EMAIL: &str = r"\b[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[A-Za-z0-9-]*[A-Za-z0-9]:)])";

/// datatrove's IPv4 pattern (no word boundaries: `1.2.3.45678` holds `1.2.3.45`).
const IPV4: &str =
    r"(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)";

/// What the PII stage masks, and with what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PiiConfig {
    /// Mask e-mail addresses.
    pub emails: bool,
    /// Mask IPv4 addresses.
    pub ips: bool,
    /// Only public ones (not private, loopback, link-local, documentation… ranges).
    pub only_public_ips: bool,
    /// Replacements for e-mail addresses, used in turn within a document.
    pub email_replacements: Vec<String>,
    /// Replacements for IP addresses, used in turn within a document.
    pub ip_replacements: Vec<String>,
}

impl Default for PiiConfig {
    fn default() -> Self {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        PiiConfig {
            emails: true,
            ips: true,
            only_public_ips: true,
            email_replacements: strings(&["email@example.com", "firstname.lastname@example.org"]),
            // datatrove's: addresses that did not answer when its list was made.
            ip_replacements: strings(&[
                "22.214.171.124",
                "126.96.36.199",
                "188.8.131.52",
                "184.108.40.206",
                "220.127.116.11",
                "18.104.22.168",
            ]),
        }
    }
}

/// How many addresses a text had masked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PiiCounts {
    /// E-mail addresses replaced.
    pub emails: usize,
    /// IP addresses replaced.
    pub ips: usize,
}

/// The PII patterns, compiled.
#[derive(Debug, Clone)]
pub struct PiiMasker {
    config: PiiConfig,
    email: Regex,
    ipv4: Regex,
}

/// Whether Python's `ipaddress.IPv4Address(ip).is_global` holds: not in 100.64.0.0/10 and not
/// in the ranges Python 3.12 calls private.
fn is_global(ip: Ipv4Addr) -> bool {
    let [a, b, c, d] = ip.octets();
    let private = a == 0
        || a == 10
        || a == 127
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0 && (d < 8 || d == 170 || d == 171))
        || (a == 192 && b == 0 && c == 2)
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || a >= 240;
    let shared = a == 100 && (64..128).contains(&b);
    !private && !shared
}

impl PiiMasker {
    /// The masker of `config`; refuses an empty list of replacements for what it masks.
    pub fn new(config: &PiiConfig) -> Result<PiiMasker> {
        if config.emails && config.email_replacements.is_empty()
            || config.ips && config.ip_replacements.is_empty()
        {
            return Err(Error::config(
                "pii",
                "`pii.email_replacements` and `pii.ip_replacements` need at least one replacement \
                 for what is masked",
            ));
        }
        let compile = |pattern: &str| {
            Regex::new(pattern).map_err(|e| Error::Internal(format!("PII pattern: {e}")))
        };
        Ok(PiiMasker {
            config: config.clone(),
            email: compile(EMAIL)?,
            ipv4: compile(IPV4)?,
        })
    }

    /// `text` with its addresses replaced (the replacements taken in turn, from the first, in
    /// each text: the output does not depend on which documents came before), and the counts.
    pub fn mask<'a>(&self, text: &'a str) -> (Cow<'a, str>, PiiCounts) {
        let mut counts = PiiCounts::default();
        let mut text = Cow::Borrowed(text);
        if self.config.emails && text.contains('@') {
            let replacements = &self.config.email_replacements;
            let replaced = self.email.replace_all(&text, |_: &regex::Captures<'_>| {
                let replacement = &replacements[counts.emails % replacements.len()];
                counts.emails += 1;
                replacement.clone()
            });
            if let Cow::Owned(owned) = replaced {
                text = Cow::Owned(owned);
            }
        }
        if self.config.ips && text.contains('.') {
            let replacements = &self.config.ip_replacements;
            let only_public = self.config.only_public_ips;
            let replaced = self.ipv4.replace_all(&text, |found: &regex::Captures<'_>| {
                let matched = &found[0];
                // Python's parser refuses leading zeros (`01.2.3.4`), and so does Rust's.
                let masked = matched
                    .parse::<Ipv4Addr>()
                    .is_ok_and(|ip| !only_public || is_global(ip));
                if !masked {
                    return matched.to_owned();
                }
                let replacement = &replacements[counts.ips % replacements.len()];
                counts.ips += 1;
                replacement.clone()
            });
            if counts.ips > 0 {
                text = Cow::Owned(replaced.into_owned());
            }
        }
        (text, counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(text: &str) -> (String, PiiCounts) {
        let (text, counts) = PiiMasker::new(&PiiConfig::default()).unwrap().mask(text);
        (text.into_owned(), counts)
    }

    #[test]
    fn e_mail_addresses_go_in_turn_and_each_text_starts_the_turn_again() {
        let text = "Contact : marie.curie@sorbonne.fr, presse+web@lemonde.fr ou jean@lyon.org.";
        let (masked, counts) = mask(text);
        assert_eq!(
            masked,
            "Contact : email@example.com, firstname.lastname@example.org ou email@example.com."
        );
        assert_eq!(counts.emails, 3);
        assert_eq!(mask(text).0, masked, "the same text masks the same way");
        // Not addresses: no domain dot, a bare @.
        assert_eq!(mask("suivez @lemonde et user@localhost").1.emails, 0);
    }

    #[test]
    fn only_public_ip_addresses_go() {
        let (masked, counts) = mask(
            "Serveur 8.8.8.8, passerelle 192.168.0.1, local 127.0.0.1, doc 203.0.113.5, \
             partagée 100.64.1.1, publique 151.101.1.69.",
        );
        assert_eq!(counts.ips, 2);
        assert!(
            masked.contains("Serveur 22.214.171.124,")
                && masked.contains("publique 126.96.36.199.")
        );
        assert!(masked.contains("192.168.0.1") && masked.contains("203.0.113.5"));
        // Leading zeros are not an address for Python's parser: kept.
        assert_eq!(mask("v 08.8.8.8").1.ips, 0);
        // datatrove's pattern has no boundaries: a version number's first four parts match.
        assert_eq!(mask("build 9.9.9.9999").0, "build 22.214.171.12499");
        let all = PiiMasker::new(&PiiConfig {
            only_public_ips: false,
            ..PiiConfig::default()
        })
        .unwrap();
        assert_eq!(all.mask("10.0.0.1").1.ips, 1);
    }

    #[test]
    fn a_text_without_addresses_is_not_copied() {
        let masker = PiiMasker::new(&PiiConfig::default()).unwrap();
        assert!(matches!(
            masker.mask("Rien à masquer ici, version 3.2.").0,
            Cow::Borrowed(_)
        ));
        assert!(
            PiiMasker::new(&PiiConfig {
                email_replacements: vec![],
                ..PiiConfig::default()
            })
            .is_err()
        );
    }
}
