//! Where a value comes from: its environment variable, else its key in the file, else its
//! default. Each key is declared once, as a [`Key`] beside the section that reads it; a key
//! of the file that no section reads is refused, as is a value of the wrong type.

use secrecy::SecretString;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

/// One setting: its section and name in the file, and the variable that overrides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub section: &'static str,
    pub name: &'static str,
    pub env: &'static str,
}

impl Key {
    pub const fn new(section: &'static str, name: &'static str, env: &'static str) -> Self {
        Self { section, name, env }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.section, self.name)
    }
}

/// Why the configuration cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    /// The file exists but cannot be read, or is not TOML.
    File { path: PathBuf, reason: String },
    /// A key of the file that the portal does not know (a typo).
    Unknown { key: String },
    /// One key has a value the portal cannot use.
    Invalid {
        key: Key,
        value: String,
        reason: &'static str,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File { path, reason } => {
                write!(f, "configuration error in {}: {reason}", path.display())
            }
            Self::Unknown { key } => write!(
                f,
                "configuration error: unknown key {key} (see the keys named in Leptos.toml)"
            ),
            Self::Invalid { key, value, reason } => write!(
                f,
                "configuration error: {key} = {value:?} ({reason}); fix it in Leptos.toml or set {}",
                key.env
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub fn invalid(key: Key, value: impl fmt::Display, reason: &'static str) -> Self {
        Self::Invalid {
            key,
            value: value.to_string(),
            reason,
        }
    }
}

/// A type a setting can have: read from a variable's text or from the file's value.
pub trait Setting: Sized {
    /// What the message says is expected when the value does not read.
    const EXPECTED: &'static str;
    fn from_text(text: &str) -> Option<Self>;
    fn from_toml(value: &toml::Value) -> Option<Self>;
}

impl Setting for String {
    const EXPECTED: &'static str = "expected a text";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn from_toml(value: &toml::Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

/// A password or a URL with one: never printed (`Debug` shows `[REDACTED]`).
impl Setting for SecretString {
    const EXPECTED: &'static str = "expected a text";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.into())
    }
    fn from_toml(value: &toml::Value) -> Option<Self> {
        value.as_str().map(Into::into)
    }
}

impl Setting for bool {
    const EXPECTED: &'static str = "expected true or false";
    fn from_text(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        }
    }
    fn from_toml(value: &toml::Value) -> Option<Self> {
        value.as_bool()
    }
}

macro_rules! whole_number {
    ($($t:ty),*) => {$(
        impl Setting for $t {
            const EXPECTED: &'static str = "expected a whole number";
            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
            fn from_toml(value: &toml::Value) -> Option<Self> {
                value.as_integer().and_then(|n| n.try_into().ok())
            }
        }
    )*};
}
whole_number!(u16, u32, u64, i64, usize);

/// A list: an array in the file, comma-separated in a variable.
impl Setting for Vec<String> {
    const EXPECTED: &'static str = "expected a list of texts";
    fn from_text(text: &str) -> Option<Self> {
        Some(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }
    fn from_toml(value: &toml::Value) -> Option<Self> {
        value
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
    }
}

/// The file's table and the environment, and which keys have been read.
pub struct Source<'a> {
    file: toml::Table,
    env: &'a dyn Fn(&str) -> Option<String>,
    read: RefCell<BTreeSet<(&'static str, &'static str)>>,
}

/// Where a value was found (the message of a bad list differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Env,
    File,
}

impl<'a> Source<'a> {
    pub fn new(file: toml::Table, env: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Self {
            file,
            env,
            read: RefCell::default(),
        }
    }

    /// The key's value if set (the variable wins over the file), with where it came from.
    pub fn get_from<T: Setting>(&self, key: Key) -> Result<Option<(T, Origin)>, ConfigError> {
        self.read.borrow_mut().insert((key.section, key.name));
        if let Some(text) = (self.env)(key.env) {
            return T::from_text(&text)
                .map(|v| Some((v, Origin::Env)))
                .ok_or_else(|| ConfigError::invalid(key, text, T::EXPECTED));
        }
        match self.file.get(key.section).and_then(|s| s.get(key.name)) {
            None => Ok(None),
            Some(value) => T::from_toml(value)
                .map(|v| Some((v, Origin::File)))
                .ok_or_else(|| ConfigError::invalid(key, value, T::EXPECTED)),
        }
    }

    /// The key's value if set.
    pub fn get<T: Setting>(&self, key: Key) -> Result<Option<T>, ConfigError> {
        Ok(self.get_from(key)?.map(|(v, _)| v))
    }

    /// The key's value, or `default`.
    pub fn get_or<T: Setting>(&self, key: Key, default: T) -> Result<T, ConfigError> {
        Ok(self.get(key)?.unwrap_or(default))
    }

    /// Refuses the keys of the file that no section has read (call it once all are read).
    pub fn finish(self) -> Result<(), ConfigError> {
        let read = self.read.into_inner();
        for (section, table) in &self.file {
            let Some(table) = table.as_table() else {
                return Err(ConfigError::Unknown {
                    key: section.clone(),
                });
            };
            for name in table.keys() {
                if !read.iter().any(|(s, n)| s == section && n == name) {
                    return Err(ConfigError::Unknown {
                        key: format!("[{section}] {name}"),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K: Key = Key::new("site", "x", "CYCLADES_X");

    #[test]
    fn the_variable_wins_over_the_file() {
        let file: toml::Table = toml::from_str("[site]\nx = 3\n").unwrap();
        let none = |_: &str| None;
        assert_eq!(
            Source::new(file.clone(), &none).get::<u32>(K).unwrap(),
            Some(3)
        );
        let set = |k: &str| (k == "CYCLADES_X").then(|| "4".to_owned());
        assert_eq!(Source::new(file, &set).get::<u32>(K).unwrap(), Some(4));
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key() {
        let file: toml::Table = toml::from_str("[site]\nx = \"trois\"\n").unwrap();
        let none = |_: &str| None;
        let err = Source::new(file, &none)
            .get::<u32>(K)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("[site] x") && err.contains("CYCLADES_X"),
            "{err}"
        );
    }

    #[test]
    fn a_key_nobody_reads_is_refused() {
        let file: toml::Table = toml::from_str("[site]\nx = 1\nadress = 2\n").unwrap();
        let none = |_: &str| None;
        let source = Source::new(file, &none);
        source.get::<u32>(K).unwrap();
        let err = source.finish().unwrap_err().to_string();
        assert!(err.contains("[site] adress"), "{err}");
    }
}
