//! A drop-down whose options depend on another field (postal code → localities,
//! département → localities → établissements), fetched in the browser as the field changes.

use crate::error::AppError;
use crate::model::ListOption;
use leptos::prelude::*;
use std::future::Future;

/// Options fetched for `key()` whenever it changes (none while it is `None`). An answer
/// for a key that is no longer current is dropped. `first` is what the server rendered
/// (the saved value), so the page shows it before the browser has fetched anything.
pub fn remote_options<K, F, Fut>(
    key: impl Fn() -> Option<K> + Send + Sync + 'static,
    fetch: F,
    first: Vec<ListOption>,
) -> RwSignal<Vec<ListOption>>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(K) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<ListOption>, AppError>> + 'static,
{
    let options = RwSignal::new(first);
    let current = StoredValue::new(None::<K>);
    Effect::new(move |_| {
        let wanted = key();
        current.set_value(wanted.clone());
        match wanted {
            None => options.set(Vec::new()),
            Some(k) => leptos::task::spawn_local(async move {
                let answer = fetch(k.clone()).await;
                // The field may be gone meanwhile (another tab shown, another page): then
                // the answer has nowhere to go.
                if current.try_with_value(|c| c.as_ref() == Some(&k)) == Some(true) {
                    options.set(answer.unwrap_or_default());
                }
            }),
        }
    });
    options
}

/// The saved value as the only option until the real list arrives.
pub fn saved_option(code: &str, label: &str) -> Vec<ListOption> {
    if code.is_empty() {
        Vec::new()
    } else {
        vec![ListOption {
            code: code.to_owned(),
            label: label.to_owned(),
        }]
    }
}
