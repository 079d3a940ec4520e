//! Form fields with their French error beside them (A2): a label (with `*` when required),
//! an optional hint, the control, and the message, linked for screen readers. The values
//! live in one signal per form, so nothing typed is lost when a refusal comes back.

use crate::components::password_checklist::PasswordChecklist;
pub use crate::model::fields::FormFields;
use crate::model::{FieldError, ListOption, Posted};
use leptos::prelude::*;

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
        Self::with_posted(initial, None)
    }

    /// The form as the server answered it when the browser posted it itself (see
    /// [`use_posted`]): what was typed over `initial`, and the refusal's messages.
    pub fn with_posted(mut initial: T, posted: Option<&Posted>) -> Self {
        let (mut errors, mut alert) = (Vec::new(), None);
        if let Some(posted) = posted {
            for (name, value) in &posted.values {
                initial.set(name, value.clone());
            }
            if let Some(error) = &posted.error {
                alert = Some(error.message_fr());
                errors = error.field_errors().to_vec();
            }
        }
        Self {
            values: RwSignal::new(initial),
            errors: RwSignal::new(errors),
            alert: RwSignal::new(alert),
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

/// The server's answer to form `form` of this page when the browser posted it without the
/// client code: computed on the server, read back unchanged by the browser that hydrates the
/// page (the same value on both sides, so the page hydrates what the server rendered).
/// `None` on a page opened normally. Every form calls it once, in the same place.
pub fn use_posted(form: &'static str) -> Option<Posted> {
    leptos::prelude::SharedValue::new(move || use_context::<Posted>().filter(|p| p.form == form))
        .into_inner()
}

/// The hidden field naming a page's form for the server (see [`use_posted`]).
#[component]
pub fn FormName(name: &'static str) -> impl IntoView {
    view! { <input type="hidden" name=crate::model::posted::FORM_FIELD value=name /> }
}

/// The secret of the mailed link this page was opened from (`?jeton=`).
pub fn use_link_secret() -> String {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get(crate::model::posted::TOKEN_FIELD).unwrap_or_default())
}

/// The link's secret in the body of the page's form (never in the address of a request
/// the page makes).
#[component]
pub fn LinkSecretField(token: String) -> impl IntoView {
    view! { <input type="hidden" name=crate::model::posted::TOKEN_FIELD value=token /> }
}

/// What was typed into the control `id` before the client code took over the page (it
/// hydrates the server's page while the candidate may already be typing): read once, while
/// hydrating, so the form's state starts from it instead of wiping it.
pub fn typed_before_ready(id: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let hydrating = Owner::current_shared_context().is_some_and(|c| c.during_hydration());
        if !hydrating {
            return None;
        }
        let element = document().get_element_by_id(id)?;
        if let Some(input) = element.dyn_ref::<leptos::web_sys::HtmlInputElement>() {
            if input.type_() == "checkbox" {
                return Some(if input.checked() {
                    input.value()
                } else {
                    String::new()
                });
            }
            return Some(input.value());
        }
        if let Some(select) = element.dyn_ref::<leptos::web_sys::HtmlSelectElement>() {
            return Some(select.value());
        }
        if let Some(area) = element.dyn_ref::<leptos::web_sys::HtmlTextAreaElement>() {
            return Some(area.value());
        }
        None
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        None
    }
}

/// Keeps what the candidate typed before the client was ready (see [`typed_before_ready`]).
fn keep_typed(field: &FieldBinding) {
    if let Some(typed) = typed_before_ready(field.name)
        && typed != field.value.get_untracked()
    {
        field.set.run(typed);
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
    /// Help of its own under the field (in place of `hint`), with the id `<name>-aide`.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let name = field.name;
    keep_typed(&field);
    let described = described_by(name, hint.is_some() || children.is_some());
    // The value as the server renders it (a refused post comes back filled in); the
    // property follows the form's state once the client runs. Never a password.
    let rendered = (kind != "password").then(|| field.value.get_untracked());
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
                aria-describedby=described
                disabled=move || disabled.get()
                value=rendered
                prop:value=move || field.value.get()
                on:input=move |ev| field.set.run(event_target_value(&ev))
            />
            {children.map(|c| c())}
            <FieldHelp field hint />
        </div>
    }
}

/// A text of several lines bound to a field of the form.
#[component]
pub fn TextAreaField(
    field: FieldBinding,
    label: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let name = field.name;
    // The text as the server renders it, the same while hydrating (what was typed before the
    // client was ready becomes the property's value below).
    let rendered = field.value.get_untracked();
    keep_typed(&field);
    let described = described_by(name, hint.is_some());
    view! {
        <div class="field" class:field--invalid=move || field.error.with(Option::is_some)>
            <FieldLabel name label required note=None />
            <textarea
                id=name
                name=name
                rows=rows
                maxlength=maxlength
                aria-required=required.then_some("true")
                aria-invalid=move || field.error.with(|e| e.as_ref().map(|_| "true"))
                aria-describedby=described
                prop:value=move || field.value.get()
                on:input=move |ev| field.set.run(event_target_value(&ev))
            >
                {rendered}
            </textarea>
            <FieldHelp field hint />
        </div>
    }
}

/// A box to tick bound to a field of the form: its value is `value` when ticked, empty
/// otherwise (a browser posts nothing for a box left empty: a hidden empty value says so).
#[component]
pub fn CheckboxField(
    field: FieldBinding,
    label: &'static str,
    value: &'static str,
) -> impl IntoView {
    let name = field.name;
    keep_typed(&field);
    let checked = field.value.get_untracked() == value;
    view! {
        <div class="field field--checkbox">
            // Posted first: an empty box posts this value alone, a ticked one posts `value`
            // after it (the last value of a name is the one read).
            <input type="hidden" name=name value="" />
            <input
                type="checkbox"
                id=name
                name=name
                value=value
                checked=checked
                prop:checked=move || field.value.get() == value
                on:change=move |ev| {
                    field.set.run(if event_target_checked(&ev) { value.to_owned() } else { String::new() })
                }
            />
            <label for=name>{label}</label>
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
    keep_typed(&field);
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

/// A new password and its confirmation, with the policy's rules as a checklist under the
/// first (`personal`: the candidate's names, when the page knows them).
#[component]
pub fn NewPasswordFields(
    password: FieldBinding,
    confirm: FieldBinding,
    label: &'static str,
    policy: crate::domain::PasswordPolicy,
    #[prop(optional, into)] personal: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let typed = password.value;
    let id = format!("{}-aide", password.name);
    view! {
        <TextField
            field=password
            label=label
            required=true
            kind="password"
            autocomplete="new-password"
        >
            <PasswordChecklist id password=typed policy personal />
        </TextField>
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

/// The page's forms that show errors now: the page's title starts with "Erreur :" while
/// one does (provided by the application, read by its title formatter).
///
/// Reference-counted, not kept in the render's arena: on the server the title is written
/// after the page's render has finished, by leptos_meta, in a task that may resume on a
/// thread where another request's render is current. An arena signal read there panics
/// ("already disposed", "no Arena is active") or reads the other request's value; seen under
/// a few concurrent page loads.
#[derive(Clone)]
pub struct FormsInError(pub ArcRwSignal<u32>);

impl FormsInError {
    pub fn provide() -> Self {
        let this = Self(ArcRwSignal::new(0));
        provide_context(this.clone());
        this
    }

    /// "Erreur : " while a form of the page shows errors.
    pub fn prefix(&self) -> &'static str {
        if self.0.get() > 0 { "Erreur : " } else { "" }
    }
}

/// Above a refused form: the sentence of the refusal and the error summary, the list of
/// the problems, each a link to its field (GOV.UK's pattern).
#[component]
pub fn FormAlert(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional, into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    // Effects run once the form is live in the browser: `data-ready` tells tests (and
    // anyone watching) that typing now reaches the form's state.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let in_error =
        Signal::derive(move || message.with(Option::is_some) || errors.with(|e| !e.is_empty()));
    count_in_error(in_error);
    let summary = move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <ul class="error-summary__list">
                    {errors
                        .into_iter()
                        .map(|e| {
                            let target = e.field.clone();
                            view! {
                                <li>
                                    <a
                                        href=format!("#{}", e.field)
                                        on:click=move |ev| {
                                            ev.prevent_default();
                                            focus(&target);
                                        }
                                    >
                                        {e.message}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div role="alert" class="form-alert-region" data-ready=move || ready.get().then_some("true")>
            <Show when=move || in_error.get()>
                <div class="alert alert-error error-summary">
                    <p class="error-summary__title">
                        {move || message.get().unwrap_or_else(|| "Certains champs sont à corriger :".into())}
                    </p>
                    {summary}
                </div>
            </Show>
        </div>
    }
}

/// Counts this form in [`FormsInError`] while `in_error` holds (on the server from the
/// start, so a refused post renders its "Erreur :" title too).
fn count_in_error(in_error: Signal<bool>) {
    let Some(forms) = use_context::<FormsInError>() else {
        return;
    };
    let counted = StoredValue::new(false);
    let apply = move |forms: &FormsInError, now: bool| {
        if now != counted.get_value() {
            counted.set_value(now);
            forms.0.update(|n| {
                if now {
                    *n += 1
                } else {
                    *n = n.saturating_sub(1)
                }
            });
        }
    };
    apply(&forms, in_error.get_untracked());
    let live = forms.clone();
    Effect::new(move |_| apply(&live, in_error.get()));
    on_cleanup(move || {
        if counted.try_get_value().unwrap_or(false) {
            forms.0.try_update(|n| *n = n.saturating_sub(1));
        }
    });
}
