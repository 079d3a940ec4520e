//! "Personnels" (REQUIREMENTS S1): an administrator invites a member by a mailed enrolment
//! link, changes a member's role and académies, sends a new second-factor link, disables a
//! member. Every form is a real POST form: it works before the client code and without it.

use super::frame::StaffFrame;
use crate::api::staff_members::{change_staff, invite_staff, load_staff_members};
use crate::components::error_message::ErrorMessage;
use crate::components::form::{FormName, use_posted};
use crate::error::AppError;
use crate::model::posted::form::{STAFF_INVITE, STAFF_MEMBER};
use crate::model::staff::FilterChoice;
use crate::model::staff_members::{StaffAction, StaffChange, StaffDirectory, StaffForm, StaffLine};
use leptos::prelude::*;
use leptos_meta::Title;

pub const PATH: &str = "/gestion/personnels";

#[component]
pub fn PersonnelsPage() -> impl IntoView {
    let directory = Resource::new(|| (), |_| load_staff_members());
    let reload = move || directory.refetch();
    // Kept above the list, which is drawn again once the invitation is sent.
    let posted = use_posted(STAFF_INVITE);
    let sent = RwSignal::new(posted.as_ref().filter(|p| p.accepted()).map(|_| ()));
    let posted = StoredValue::new(posted);
    view! {
        <Title text="Personnels" />
        <StaffFrame>
            <h1>"Personnels"</h1>
            <Transition fallback=|| view! { <p class="muted">"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match directory.await {
                        Ok(d) => view! { <Directory d reload sent posted=posted.get_value() /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </StaffFrame>
    }
}

#[component]
fn Directory(
    d: StaffDirectory,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    sent: RwSignal<Option<()>>,
    posted: Option<crate::model::Posted>,
) -> impl IntoView {
    let academies = StoredValue::new(d.academies.clone());
    view! {
        <InviteForm academies=d.academies can_grant_all=d.can_grant_all reload sent posted />
        <h2>"Membres du personnel"</h2>
        <div class="table-scroll">
            <table class="dense">
                <thead><tr>
                    <th scope="col">"Adresse mail"</th>
                    <th scope="col">"Rôle"</th>
                    <th scope="col">"Académies"</th>
                    <th scope="col">"État"</th>
                    <th scope="col">"Actions"</th>
                </tr></thead>
                <tbody>
                    {d.members.into_iter().map(|m| view! {
                        <MemberRow m academies=academies.get_value() can_grant_all=d.can_grant_all reload />
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The académies as checkboxes named `academies` (none checked: every académie, for an
/// administrator of all of them).
fn academy_boxes(
    prefix: &str,
    academies: &[FilterChoice],
    checked: &[String],
) -> impl IntoView + use<> {
    academies
        .iter()
        .map(|a| {
            let id = format!("{prefix}-{}", a.code);
            let on = checked.contains(&a.code);
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name="academies" value=a.code.clone() checked=on />
                    <label for=id>{a.label.clone()}</label>
                </div>
            }
        })
        .collect_view()
}

/// The checked académies of the form that holds `element`.
fn checked_in(form: &leptos::web_sys::HtmlFormElement) -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Ok(list) = form.query_selector_all("input[name=academies]:checked") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = form;
        Vec::new()
    }
}

/// The value of the control `name` of `form`.
fn value_in(form: &leptos::web_sys::HtmlFormElement, name: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        form.query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
            .and_then(|e| {
                e.clone()
                    .dyn_into::<leptos::web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .ok()
                    .or_else(|| {
                        e.dyn_into::<leptos::web_sys::HtmlSelectElement>()
                            .ok()
                            .map(|s| s.value())
                    })
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (form, name);
        String::new()
    }
}

fn form_of(ev: &leptos::ev::SubmitEvent) -> Option<leptos::web_sys::HtmlFormElement> {
    use leptos::wasm_bindgen::JsCast;
    ev.target().and_then(|t| t.dyn_into().ok())
}

#[component]
fn InviteForm(
    academies: Vec<FilterChoice>,
    can_grant_all: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    sent: RwSignal<Option<()>>,
    /// The form as the server answered it when posted without the client code.
    posted: Option<crate::model::Posted>,
) -> impl IntoView {
    let error = RwSignal::new(posted.as_ref().and_then(|p| p.error.clone()));
    let typed = |name: &str| {
        posted
            .as_ref()
            .filter(|p| !p.accepted())
            .and_then(|p| p.value(name))
            .unwrap_or_default()
            .to_owned()
    };
    let (email, role) = (typed("email"), typed("role"));
    let checked: Vec<String> = posted
        .as_ref()
        .filter(|p| !p.accepted())
        .map(|p| {
            p.values
                .iter()
                .filter(|(k, _)| k == "academies")
                .map(|(_, v)| v.clone())
                .collect()
        })
        .unwrap_or_default();
    let action = Action::new(|form: &StaffForm| invite_staff(form.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            sent.set(Some(()));
            reload();
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form_of(&ev) else { return };
        error.set(None);
        sent.set(None);
        action.dispatch(StaffForm {
            email: value_in(&form, "email"),
            role: value_in(&form, "role"),
            academies: checked_in(&form),
        });
    };
    let field_error = move |name: &'static str| {
        move || {
            error.with(|e| {
                e.as_ref().and_then(|e| {
                    e.field_errors()
                        .iter()
                        .find(|f| f.field == name)
                        .map(|f| f.message.clone())
                })
            })
        }
    };
    view! {
        <details class="action action--neutral" open=error.with_untracked(Option::is_some)>
            <summary>"Inviter un membre du personnel"</summary>
            <form class="form" method="post" action=PATH novalidate on:submit=on_submit>
                <FormName name=STAFF_INVITE />
                <div role="alert">
                    {move || error.with(|e| e.as_ref().filter(|e| e.field_errors().is_empty()).map(|e| view! { <p class="alert alert-error">{e.message_fr()}</p> }))}
                </div>
                <div class="field" class:field--invalid=move || field_error("email")().is_some()>
                    <label for="invitation-email">"Adresse mail" <span aria-hidden="true">" *"</span></label>
                    <input id="invitation-email" name="email" type="email" autocomplete="off" value=email aria-required="true" aria-describedby="invitation-email-erreur" />
                    <p class="field__error" id="invitation-email-erreur" aria-live="polite">{field_error("email")}</p>
                </div>
                <div class="field" class:field--invalid=move || field_error("role")().is_some()>
                    <label for="invitation-role">"Rôle"</label>
                    <select id="invitation-role" name="role" aria-describedby="invitation-role-erreur">
                        <option value="gestionnaire" selected=role != "administrateur">"Gestionnaire"</option>
                        <option value="administrateur" selected=role == "administrateur">"Administrateur"</option>
                    </select>
                    <p class="field__error" id="invitation-role-erreur" aria-live="polite">{field_error("role")}</p>
                </div>
                <fieldset class="field" aria-describedby="invitation-academies-aide invitation-academies-erreur">
                    <legend>"Académies"</legend>
                    <p class="field__hint" id="invitation-academies-aide">
                        {if can_grant_all {
                            "Aucune cochée : toutes les académies."
                        } else {
                            "Cochez une ou plusieurs de vos académies."
                        }}
                    </p>
                    {academy_boxes("invitation", &academies, &checked)}
                    <p class="field__error" id="invitation-academies-erreur" aria-live="polite">{field_error("academies")}</p>
                </fieldset>
                <p>"Un mail lui donnera un lien pour choisir son mot de passe et enregistrer son second facteur."</p>
                <button type="submit" class="button" disabled=move || action.pending().get()>"Envoyer l'invitation"</button>
            </form>
        </details>
        {move || sent.get().map(|()| view! { <p class="alert alert-success" role="status">"L'invitation a été envoyée."</p> })}
    }
}

#[component]
fn MemberRow(
    m: StaffLine,
    academies: Vec<FilterChoice>,
    can_grant_all: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let labels = if m.academies.is_empty() {
        "Toutes".to_owned()
    } else {
        m.academies.join(", ")
    };
    let posted = use_posted(STAFF_MEMBER).filter(|p| p.has("id", &m.id.to_string()));
    let error = RwSignal::new(posted.and_then(|p| p.error));
    let action = Action::new(|change: &StaffChange| change_staff(change.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let id = m.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form_of(&ev) else { return };
        error.set(None);
        let change = match value_in(&form, "action").as_str() {
            "facteur" => StaffAction::ResetFactor,
            "desactiver" => StaffAction::Disable,
            _ => StaffAction::Grant {
                role: value_in(&form, "role"),
                academies: checked_in(&form),
            },
        };
        action.dispatch(StaffChange { id, action: change });
    };
    let hidden = move |what: &'static str| {
        view! {
            <FormName name=STAFF_MEMBER />
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="action" value=what />
        }
    };
    let actions = (!m.yourself && !m.disabled).then(|| {
        let prefix = format!("membre-{}", m.id.simple());
        view! {
            <details class="action action--neutral">
                <summary>"Modifier le rôle et les académies"</summary>
                <form method="post" action=PATH on:submit=submit>
                    {hidden("habilitation")}
                    <label for=format!("{prefix}-role")>"Rôle"</label>
                    <select id=format!("{prefix}-role") name="role">
                        <option value="gestionnaire" selected=m.role == "gestionnaire">"Gestionnaire"</option>
                        <option value="administrateur" selected=m.role == "administrateur">"Administrateur"</option>
                    </select>
                    <fieldset>
                        <legend>{if can_grant_all { "Académies (aucune cochée : toutes)" } else { "Académies" }}</legend>
                        {academy_boxes(&prefix, &academies, &m.academies)}
                    </fieldset>
                    <button type="submit" class="button button--secondary">"Enregistrer"</button>
                    <p class="muted">"Ses sessions prennent fin : il se reconnecte avec ses nouveaux droits."</p>
                </form>
            </details>
            <form method="post" action=PATH on:submit=submit>
                {hidden("facteur")}
                <button type="submit" class="button button--secondary">"Envoyer un nouveau lien de second facteur"</button>
            </form>
            <details class="action">
                <summary>"Désactiver"</summary>
                <form method="post" action=PATH on:submit=submit>
                    {hidden("desactiver")}
                    <p>"Il ne pourra plus se connecter, et ses sessions prennent fin maintenant."</p>
                    <button type="submit" class="button button--danger">"Confirmer la désactivation"</button>
                </form>
            </details>
        }
    });
    view! {
        <tr>
            <td>{m.email}{m.yourself.then_some(" (vous)")}</td>
            <td>{m.role_label}</td>
            <td>{labels}</td>
            <td>{m.state}</td>
            <td>
                <div role="alert">{move || error.get().map(|e: AppError| view! { <p class="alert alert-error">{e.message_fr()}</p> })}</div>
                {actions}
            </td>
        </tr>
    }
}
