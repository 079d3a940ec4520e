//! Form fields with their French error beside them (A2): a label (with `*` when required),
//! an optional hint, the control, and the message, linked for screen readers. The values
//! live in one signal per form, so nothing typed is lost when a refusal comes back.

use crate::model::{
    AccountForm, ActivationForm, EmailChangeForm, FieldError, ListOption, NewPasswordForm,
    RegistrationForm, SignInForm,
};
use leptos::prelude::*;

/// A form whose fields are text, addressed by name.
pub trait FormFields: Clone + Send + Sync + 'static {
    fn get(&self, name: &str) -> String;
    fn set(&mut self, name: &str, value: String);
}

macro_rules! form_fields {
    ($t:ty { $($f:ident),* $(,)? }) => {
        impl FormFields for $t {
            fn get(&self, name: &str) -> String {
                match name {
                    $(stringify!($f) => self.$f.clone(),)*
                    _ => String::new(),
                }
            }
            fn set(&mut self, name: &str, value: String) {
                match name {
                    $(stringify!($f) => self.$f = value,)*
                    _ => {}
                }
            }
        }
    };
}

form_fields!(AccountForm {
    civility,
    birth_name,
    birth_name_confirm,
    usage_name,
    first_names,
    birth_country,
    birth_date,
    birth_date_confirm,
    birth_departement,
    birth_commune,
    email,
    email_confirm,
    password,
    password_confirm,
});
form_fields!(SignInForm { email, password });
form_fields!(ActivationForm { password });
form_fields!(RegistrationForm {
    address_country,
    address_1,
    address_2,
    address_3,
    address_4,
    postal_code,
    locality,
    nationality,
    phone,
    corps,
    statut,
    position,
    work_country,
    work_departement,
    work_locality,
    etablissement,
});
form_fields!(EmailChangeForm {
    email,
    email_confirm,
    email_current_password
});
form_fields!(NewPasswordForm {
    current_password,
    password,
    password_confirm
});

/// The values of a form and the errors shown beside its fields.
pub struct FormState<T: FormFields> {
    pub values: RwSignal<T>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// The sentence above the form when a refusal is not (only) about fields.
    pub alert: RwSignal<Option<String>>,
}

impl<T: FormFields> Clone for FormState<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: FormFields> Copy for FormState<T> {}

impl<T: FormFields> FormState<T> {
    pub fn new(initial: T) -> Self {
        Self {
            values: RwSignal::new(initial),
            errors: RwSignal::new(Vec::new()),
            alert: RwSignal::new(None),
        }
    }

    /// The message of `name`, if refused.
    pub fn error(&self, name: &str) -> Option<String> {
        self.errors.with(|e| {
            e.iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone())
        })
    }

    /// Shows a refusal of the server: each field error beside its field, and the sentence
    /// of the error above the form.
    pub fn refuse(&self, error: crate::error::AppError) {
        self.alert.set(Some(error.message_fr()));
        if let crate::error::AppError::InvalidFields(fields) = error {
            self.show(fields);
        }
    }

    /// Shows `errors` and moves the focus to the first refused field.
    pub fn show(&self, errors: Vec<FieldError>) {
        let first = errors.first().map(|e| e.field.clone());
        self.errors.set(errors);
        if let Some(name) = first {
            focus(&name);
        }
    }
}

/// One field of a form as its control sees it: the same non-generic type for every form,
/// so the field components are compiled once.
#[derive(Clone, Copy)]
pub struct FieldBinding {
    pub name: &'static str,
    pub value: Signal<String>,
    pub set: Callback<String>,
    pub error: Signal<Option<String>>,
}

impl<T: FormFields> FormState<T> {
    /// The binding of field `name`.
    pub fn bind(self, name: &'static str) -> FieldBinding {
        FieldBinding {
            name,
            value: Signal::derive(move || self.values.with(|v| v.get(name))),
            set: Callback::new(move |value: String| self.values.update(|v| v.set(name, value))),
            error: Signal::derive(move || self.error(name)),
        }
    }
}

/// Moves the keyboard focus to the element with this id (browser only), once the page has
/// been updated (the element may be in content that a signal change is about to show).
pub fn focus(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let id = id.to_owned();
        request_animation_frame(move || {
            if let Some(el) = document()
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The label, with a `*` for required fields (announced as "obligatoire").
#[component]
fn FieldLabel(
    name: &'static str,
    label: &'static str,
    required: bool,
    note: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label for=name class="field__label">
            {label}
            {required.then(|| view! { " " <abbr class="required" title="obligatoire">"*"</abbr> })}
            {note.map(|n| view! { " " <small>{n}</small> })}
        </label>
    }
}

/// The hint and the error, with the ids the control points to.
#[component]
fn FieldHelp(field: FieldBinding, hint: Option<String>) -> impl IntoView {
    let name = field.name;
    view! {
        {hint.map(|h| view! { <p class="field__hint" id=format!("{name}-aide")>{h}</p> })}
        <p class="field__error" id=format!("{name}-erreur") aria-live="polite">
            {move || field.error.get()}
        </p>
    }
}

fn described_by(name: &str, hint: bool) -> String {
    if hint {
        format!("{name}-aide {name}-erreur")
    } else {
        format!("{name}-erreur")
    }
}

/// A text input bound to a field of the form.
#[component]
pub fn TextField(
    field: FieldBinding,
    label: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] note: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let name = field.name;
    view! {
        <div class="field" class:field--invalid=move || field.error.with(Option::is_some)>
            <FieldLabel name label required note />
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                list=list
                inputmode=inputmode
                aria-required=required.then_some("true")
                aria-invalid=move || field.error.with(|e| e.as_ref().map(|_| "true"))
                aria-describedby=described_by(name, hint.is_some())
                disabled=move || disabled.get()
                prop:value=move || field.value.get()
                on:input=move |ev| field.set.run(event_target_value(&ev))
            />
            <FieldHelp field hint />
        </div>
    }
}

/// A drop-down list bound to a field of the form.
#[component]
pub fn SelectField(
    field: FieldBinding,
    label: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] options: Signal<Vec<ListOption>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let name = field.name;
    view! {
        <div class="field" class:field--invalid=move || field.error.with(Option::is_some)>
            <FieldLabel name label required note=None />
            <select
                id=name
                name=name
                aria-required=required.then_some("true")
                aria-invalid=move || field.error.with(|e| e.as_ref().map(|_| "true"))
                aria-describedby=described_by(name, false)
                disabled=move || disabled.get()
                prop:value=move || field.value.get()
                on:change=move |ev| field.set.run(event_target_value(&ev))
            >
                <option value="">"Choisissez dans la liste"</option>
                {move || {
                    let current = field.value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|o| {
                            let selected = o.code == current;
                            view! { <option value=o.code selected=selected>{o.label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldHelp field hint=None />
        </div>
    }
}

/// A new password and its confirmation, with the policy's hint under the first.
#[component]
pub fn NewPasswordFields(
    password: FieldBinding,
    confirm: FieldBinding,
    label: &'static str,
    hint: String,
) -> impl IntoView {
    view! {
        <TextField
            field=password
            label=label
            required=true
            kind="password"
            autocomplete="new-password"
            hint=hint
        />
        <TextField
            field=confirm
            label="Confirmation du mot de passe"
            required=true
            kind="password"
            autocomplete="new-password"
        />
    }
}

/// The form's submit button, in its actions row, disabled while the request is out.
#[component]
pub fn SubmitButton(label: &'static str, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <div class="form__actions">
            <button type="submit" class="button" disabled=move || pending.get()>
                {label}
            </button>
        </div>
    }
}

/// The message of a refused form, above it, when the refusal is not about one field.
#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    // Effects run once the form is live in the browser: `data-ready` tells tests (and
    // anyone watching) that typing now reaches the form's state.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <div role="alert" class="form-alert-region" data-ready=move || ready.get().then_some("true")>
            {move || message.get().map(|m| view! { <p class="alert alert-error">{m}</p> })}
        </div>
    }
}
