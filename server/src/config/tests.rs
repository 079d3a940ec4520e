//! The configuration as a start reads it: defaults, the file, the variables, the refusals.

use super::*;
use secrecy::ExposeSecret;
use std::collections::HashMap;

fn load(toml_text: &str, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let file: toml::Table = toml::from_str(toml_text).expect("valid toml");
    let mut vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    vars.entry("CYCLADES_MODE".into())
        .or_insert_with(|| "development".into());
    Config::from_parts(file, |k| vars.get(k).cloned())
}

#[test]
fn defaults_run_on_sqlite_in_paris() {
    let c = load("", &[]).unwrap();
    assert_eq!(c.site.addr.to_string(), "127.0.0.1:3000");
    assert!(c.database.url.expose_secret().starts_with("sqlite://"));
    assert_eq!(c.portal.time_zone, chrono_tz::Europe::Paris);
    assert!(!c.portal.demo_catalog);
}

#[test]
fn the_file_sets_values_and_the_environment_wins() {
    let text = "[site]\naddr = \"0.0.0.0:8080\"\n[database]\nurl = \"sqlite://x.db\"\n";
    let c = load(text, &[]).unwrap();
    assert_eq!(c.site.addr.to_string(), "0.0.0.0:8080");
    let c = load(
        text,
        &[
            ("LEPTOS_SITE_ADDR", "127.0.0.1:4000"),
            ("DATABASE_URL", "postgres://u@h/db"),
        ],
    )
    .unwrap();
    assert_eq!(c.site.addr.to_string(), "127.0.0.1:4000");
    assert_eq!(c.database.url.expose_secret(), "postgres://u@h/db");
}

#[test]
fn a_bad_address_names_its_key_and_variable() {
    let err = load("", &[("LEPTOS_SITE_ADDR", "localhost")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[site] addr"), "{err}");
    assert!(err.contains("LEPTOS_SITE_ADDR"), "{err}");
}

#[test]
fn bad_values_are_refused_with_their_key() {
    for (vars, key) in [
        (vec![("DATABASE_URL", "mysql://x")], "[database] url"),
        (
            vec![("CYCLADES_TIME_ZONE", "Europe/Pariss")],
            "[portal] time-zone",
        ),
        (
            vec![("CYCLADES_DEMO_CATALOG", "peut-être")],
            "[portal] demo-catalog",
        ),
        (
            vec![("CYCLADES_DATABASE_MAX_CONNECTIONS", "0")],
            "[database] max-connections",
        ),
    ] {
        let err = load("", &vars).unwrap_err().to_string();
        assert!(err.contains(key), "{err}");
    }
}

#[test]
fn the_default_database_lives_in_the_data_folder() {
    let c = load("[portal]\ndata-dir = \"/var/lib/cyclades/\"\n", &[]).unwrap();
    assert_eq!(
        c.database.url.expose_secret(),
        "sqlite:///var/lib/cyclades/cyclades.db?mode=rwc"
    );
    let c = load("", &[("CYCLADES_DATA_DIR", "/srv/x")]).unwrap();
    assert_eq!(
        c.database.url.expose_secret(),
        "sqlite:///srv/x/cyclades.db?mode=rwc"
    );
}

#[test]
fn a_database_password_never_appears_in_messages() {
    let err = load("", &[("DATABASE_URL", "mysql://user:secret@host/db")]).unwrap_err();
    let text = err.to_string();
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("user:***@host"), "{text}");
}

#[test]
fn unknown_keys_in_the_file_are_refused() {
    let err = load("[site]\nadress = \"x\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[site] adress"), "{err}");
    let err = load("[sites]\naddr = \"x\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("sites"), "{err}");
    let err = load("[mail]\nsmtp-port = \"vingt-cinq\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[mail] smtp-port"), "{err}");
}

#[test]
fn mail_goes_to_files_unless_an_smtp_host_is_set() {
    let c = load("", &[]).unwrap();
    assert!(
        matches!(&c.mail.transport, MailTransport::Files(dir) if dir.as_path() == std::path::Path::new("data/mails")),
        "{:?}",
        c.mail.transport
    );
    let c = load(
        "[mail]\nsmtp-host = \"smtp.example.fr\"\nsmtp-user = \"u\"\n",
        &[
            ("CYCLADES_SMTP_PASSWORD", "p"),
            ("CYCLADES_SMTP_TLS", "tls"),
        ],
    )
    .unwrap();
    let MailTransport::Smtp {
        host,
        port,
        tls,
        credentials: Some((user, password)),
    } = &c.mail.transport
    else {
        panic!("{:?}", c.mail.transport)
    };
    assert_eq!(
        (host.as_str(), *port, *tls),
        ("smtp.example.fr", 465, SmtpTls::Tls)
    );
    assert_eq!((user.as_str(), password.expose_secret()), ("u", "p"));
    let err = load(
        "",
        &[("CYCLADES_SMTP_HOST", "h"), ("CYCLADES_SMTP_TLS", "ssl")],
    )
    .unwrap_err();
    assert!(err.to_string().contains("[mail] smtp-tls"));
}

#[test]
fn account_rules_are_configuration_within_safe_bounds() {
    let c = load(
        "[accounts]\npassword-min-length = 12\nlockout-threshold = 5\n",
        &[],
    )
    .unwrap();
    assert_eq!(c.accounts.policy.min_len, 12);
    assert_eq!(c.accounts.lockout_threshold, 5);
    assert!(!c.accounts.secure_cookies);
    assert_eq!(c.accounts.public_url, "http://127.0.0.1:3000");
    for (text, key) in [
        ("[accounts]\nlockout-threshold = 11\n", "lockout-threshold"),
        (
            "[accounts]\npassword-min-length = 6\n",
            "password-min-length",
        ),
        ("[accounts]\npublic-url = \"cyclades.fr\"\n", "public-url"),
    ] {
        let err = load(text, &[]).unwrap_err().to_string();
        assert!(err.contains(key), "{err}");
    }
    let c = load(
        "",
        &[("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr/")],
    )
    .unwrap();
    assert!(c.accounts.secure_cookies);
    assert_eq!(c.accounts.public_url, "https://cyclades.ac-test.fr");
}

#[test]
fn the_shipped_leptos_toml_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml");
    let c = Config::load(&path, |k| {
        (k == "CYCLADES_MODE").then(|| "development".to_owned())
    })
    .unwrap();
    assert_eq!(c.portal.time_zone, chrono_tz::Europe::Paris);
}

#[test]
fn production_refuses_plain_http_and_mail_to_files_naming_the_key() {
    let prod = [("CYCLADES_MODE", "production")];
    let err = load("", &prod).unwrap_err().to_string();
    assert!(err.contains("[accounts] public-url"), "{err}");
    assert!(err.contains("CYCLADES_MODE=development"), "{err}");
    let https = [
        ("CYCLADES_MODE", "production"),
        ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
    ];
    let err = load("", &https).unwrap_err().to_string();
    assert!(err.contains("[mail] smtp-host"), "{err}");
    let mailing = [
        ("CYCLADES_MODE", "production"),
        ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
        ("CYCLADES_SMTP_HOST", "smtp.ac-test.fr"),
    ];
    let err = load("", &mailing).unwrap_err().to_string();
    assert!(err.contains("[portal] publisher"), "{err}");
    let published = [
        ("CYCLADES_MODE", "production"),
        ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
        ("CYCLADES_SMTP_HOST", "smtp.ac-test.fr"),
        ("CYCLADES_PUBLISHER", "Rectorat"),
        ("CYCLADES_PUBLICATION_DIRECTOR", "Le recteur"),
        ("CYCLADES_HOSTING", "Hébergeur"),
    ];
    // No antivirus: no deposited file could ever be opened.
    let err = load("", &published).unwrap_err().to_string();
    assert!(err.contains("[pieces] clamd"), "{err}");
    let ready = [
        ("CYCLADES_MODE", "production"),
        ("CYCLADES_PUBLIC_URL", "https://cyclades.ac-test.fr"),
        ("CYCLADES_SMTP_HOST", "smtp.ac-test.fr"),
        ("CYCLADES_CLAMD", "unix:/run/clamav/clamd.ctl"),
        (
            "CYCLADES_PUBLISHER",
            "Rectorat de l'académie de Test, 1 rue de l'Essai, 75000 Paris, 01 23 45 67 89",
        ),
        (
            "CYCLADES_PUBLICATION_DIRECTOR",
            "Le recteur de l'académie de Test",
        ),
        (
            "CYCLADES_HOSTING",
            "Hébergeur SAS, 2 rue du Serveur, 59100 Roubaix, 01 98 76 54 32",
        ),
    ];
    let c = load("", &ready).unwrap();
    assert_eq!(c.portal.legal.director, "Le recteur de l'académie de Test");
    assert_eq!(c.portal.mode, Mode::Production);
    // Production is what a start without a mode gets.
    assert!(Config::from_parts(toml::Table::new(), |_| None).is_err());
    assert_eq!(c.pieces.store, FileStore::Folder("data/pieces".into()));
    let err = load("", &[("CYCLADES_CLAMD", "clamd.sock")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[pieces] clamd"), "{err}");
    let err = load("", &[("CYCLADES_MODE", "prod")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[portal] mode"), "{err}");
}

#[test]
fn a_bad_sender_or_proxy_is_refused_at_start() {
    let err = load("", &[("CYCLADES_MAIL_FROM", "Cyclades <pas une adresse>")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[mail] from"), "{err}");
    let err = load("", &[("CYCLADES_TRUSTED_PROXIES", "10.0.0.1, proxy.local")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("[accounts] trusted-proxies"), "{err}");
    let c = load(
        "",
        &[("CYCLADES_TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16, ::1")],
    )
    .unwrap();
    assert_eq!(c.accounts.trusted_proxies.len(), 3);
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let c = load(
        "",
        &[
            ("CYCLADES_SMTP_HOST", "h"),
            ("CYCLADES_SMTP_USER", "u"),
            ("CYCLADES_SMTP_PASSWORD", "tres-secret"),
        ],
    )
    .unwrap();
    let text = format!("{c:?}");
    assert!(!text.contains("tres-secret"), "{text}");
    let c = load(
        "",
        &[(
            "DATABASE_URL",
            "postgres://cyclades:mot-de-passe@db/cyclades",
        )],
    )
    .unwrap();
    let text = format!("{c:?}");
    assert!(
        !text.contains("mot-de-passe"),
        "the database URL's password: {text}"
    );
}
