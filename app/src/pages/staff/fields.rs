//! The text fields of the back-office's plain forms: label, input or textarea, an optional
//! hint, and the server's message beside the field when the posted form was refused (the
//! value typed is kept).

use crate::model::Posted;
use leptos::prelude::*;

/// The message of field `name` in a refused form, if that form is `posted`.
pub fn error_of(posted: Option<&Posted>, name: &str) -> Option<String> {
    posted?
        .error
        .as_ref()?
        .field_errors()
        .iter()
        .find(|f| f.field == name)
        .map(|f| f.message.clone())
}

/// Every message of a refused form (for the alert above the page).
pub fn messages_of(posted: Option<&Posted>) -> Vec<String> {
    let Some(error) = posted.and_then(|p| p.error.as_ref()) else {
        return Vec::new();
    };
    let fields = error.field_errors();
    if fields.is_empty() {
        vec![error.message_fr()]
    } else {
        fields.iter().map(|f| f.message.clone()).collect()
    }
}

/// A text field: the value typed when `posted` is this form, else `value`.
#[component]
pub fn Field(
    id: String,
    name: &'static str,
    label: &'static str,
    posted: Option<Posted>,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] area: bool,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let value = match posted.as_ref() {
        Some(p) => p.value(name).unwrap_or_default().to_owned(),
        None => value,
    };
    let error = error_of(posted.as_ref(), name);
    let invalid = error.is_some().then_some("true");
    let error_id = format!("{id}-erreur");
    let hint_id = format!("{id}-aide");
    let described = match (error.is_some(), hint.is_empty()) {
        (true, _) => Some(error_id.clone()),
        (false, false) => Some(hint_id.clone()),
        (false, true) => None,
    };
    view! {
        <div class="field" class:field--invalid=invalid.is_some()>
            <label for=id.clone()>{label}</label>
            {if area {
                view! { <textarea id=id.clone() name=name rows="4" aria-invalid=invalid aria-describedby=described.clone()>{value}</textarea> }.into_any()
            } else {
                view! { <input id=id.clone() name=name value=value aria-invalid=invalid aria-describedby=described.clone() /> }.into_any()
            }}
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {error.map(|m| view! { <p class="field__error" id=error_id>{m}</p> })}
        </div>
    }
}

/// A list: the option posted when `posted` is this form, else `value`.
#[component]
pub fn Select(
    id: String,
    name: &'static str,
    label: &'static str,
    posted: Option<Posted>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let chosen = match posted.as_ref() {
        Some(p) => p.value(name).unwrap_or_default().to_owned(),
        None => value,
    };
    let error = error_of(posted.as_ref(), name);
    let invalid = error.is_some().then_some("true");
    let error_id = format!("{id}-erreur");
    view! {
        <div class="field" class:field--invalid=invalid.is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-invalid=invalid aria-describedby=error.is_some().then(|| error_id.clone())>
                {options.into_iter().map(|(v, l)| {
                    let selected = v == chosen;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            {error.map(|m| view! { <p class="field__error" id=error_id>{m}</p> })}
        </div>
    }
}
